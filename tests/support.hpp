#pragma once

#include "backplan/plan/model.hpp"
#include "catalog/loader.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace backplan::test {

/// What a run of the built backplan binary printed and returned.
struct RunResult {
  int status = -1; ///< exit status, or 128 + signal
  std::string out;
  std::string err;
  long max_rss_kb = 0; ///< the child's peak resident memory
};

/// Runs the built binary with `args`, an empty HOME and XDG_CONFIG_HOME of
/// its own (unless `env` sets them), extra `env` variables and `input` on
/// stdin. The child is killed after `timeout_seconds`.
RunResult run_backplan(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env = {}, const std::string& input = "",
                       int timeout_seconds = 300);

/// The path of a file under tests/data.
std::string data_path(const std::string& name);

/// The built-in catalog, loaded once.
const catalog::Catalog& builtin_catalog();

/// The diagnostics ("FILE:LINE:COLUMN: error: ...") of loading the built-in
/// catalog's YAML with `files` as one more layer, as a user's catalog is.
std::vector<std::string> load_with_layer(const std::vector<catalog::SourceFile>& files);

/// The condition lists a handout's page count is held to: none, each
/// built-in condition alone, and pairs physiotherapists see often (sciatica
/// with a worn lower back, the older back, knees and hips, a pelvic floor
/// with sore knees).
std::vector<std::vector<std::string>> handout_requests();

/// Every subset of `ids` with at most `most` members, in a fixed order, and
/// then `ids` whole: the condition combinations the property tests cover.
std::vector<std::vector<std::string>> subsets(const std::vector<std::string>& ids, std::size_t most);

/// Calls `check` with each request of a grid and its plan on the built-in
/// catalog: each set of `conditions`, each of `minutes`, floor and desk,
/// seeds 0-9, skipping plans with no items; a failed check names the
/// request.
void for_each_plan(const std::vector<std::vector<std::string>>& conditions, const std::vector<int>& minutes,
                   const std::function<void(const plan::Request&, const plan::Plan&)>& check);

/// A fresh empty temporary directory, removed when the process ends.
std::string temp_dir();

/// The whole content of a file.
std::string slurp(const std::string& path);

/// The lines of `text`, without their newlines.
std::vector<std::string> lines_of(const std::string& text);

/// The number of times `part` occurs in `text`, overlapping ones included.
std::size_t count(const std::string& text, const std::string& part);

/// `text` with ASCII letters in upper case.
std::string upper(std::string text);

/// Whether `text` holds `part`.
bool contains(const std::string& text, const std::string& part);

/// Whether `items` holds `item`.
bool contains(const std::vector<std::string>& items, const std::string& item);

/// Writes a shell script `name` with `body` into DIR/bin, standing in for a
/// program that backplan starts (groff, a speech program); returns DIR/bin,
/// to put first in PATH.
std::string stand_in(const std::string& dir, const std::string& name, const std::string& body);

/// Runs a bash command and returns its exit status and stdout.
RunResult shell(const std::string& command);

/// The names of the entries of `directory` opened while `action` ran ("."
/// for the directory itself), as the kernel reported them (inotify).
std::set<std::string> opened_during(const std::string& directory, const std::function<void()>& action);

/// The exercise ids a plan shows: its items and the variations that name an exercise.
std::vector<std::string> shown_ids(const plan::Plan& plan);

} // namespace backplan::test

#include <doctest/doctest.h>

namespace doctest {
/// Shows string lists one item a line in failed checks.
template<>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& items)
  {
    std::string text = "{\n";
    for (const auto& item : items) {
      text += "  \"" + item + "\"\n";
    }
    return (text + "}").c_str();
  }
};
} // namespace doctest
