#pragma once

#include "backplan/safety/conditions.hpp"
#include "catalog/loader.hpp"
#include "cli/profile.hpp"
#include "cli/terminal.hpp"

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace backplan::cli {

/// Options every command shares, and the catalog they select.
struct Context {
  std::vector<std::string> catalog_paths; ///< --catalog, in order
  bool no_builtin = false;
  cli::ColorMode color = cli::ColorMode::automatic;
  std::string profile_path;     ///< --profile FILE
  bool no_profile = false;      ///< --no-profile
  bool no_user_catalog = false; ///< --no-user-catalog
  bool no_cache = false;        ///< --no-cache (BACKPLAN_NO_CACHE=1 too)
  bool verbose = false;         ///< --verbose
  std::size_t width = 0;        ///< --width N (0: the terminal's, or 80)

  /// Where each command that takes condition flags (plan, run, profile)
  /// keeps them, by the command's name: "ID" or "ID=VALUE" for each flag
  /// (--knee, --hip-replacement=anterior), in the order given. Filled as a
  /// command's options are added; the parser appends to it.
  std::map<std::string, std::vector<std::string>*> condition_flags;

  /// The width to wrap text to: --width, else the terminal's when `to_terminal`, else 80.
  std::size_t text_width(bool to_terminal) const;

  /// Where the profile is read from, and whether it is there: "FILE (found)",
  /// "FILE (not found)", "FILE (--profile)" or "none (--no-profile)".
  std::string profile_location() const;

  /// The effective catalog and its problems, loaded on first use.
  const catalog::LoadResult& loaded() const;

  /// Loads `layers` (catalog::load), then writes back the caches that
  /// changed, reporting their use on stderr with --verbose.
  catalog::LoadResult load(const std::vector<catalog::Layer>& layers) const;

  /// Whether the cache of parsed catalog files is used: not with --no-cache
  /// or BACKPLAN_NO_CACHE set (and not 0).
  bool caching() const;

  /// The layers of the effective catalog: built-in (compiled at build time),
  /// the user's config-folder
  /// catalog, then each --catalog path, plus `extra` paths last.
  std::vector<catalog::Layer> layers(const std::vector<std::string>& extra = {}) const;

  /// The loaded catalog; prints its notes, and throws a Failure with exit
  /// status 3 after printing every diagnostic when it is invalid.
  const catalog::Catalog& catalog() const;

  /// The user's profile: --profile FILE, else the config folder's
  /// profile.yaml when it exists, else an empty one; none with --no-profile.
  /// Throws a Failure with exit status 3 after printing every problem.
  const Profile& profile() const;

  /// Hands the loaded catalog over to the end of the process, when the
  /// command is done and the process is about to end: the system takes back
  /// its memory at once, where freeing it exercise by exercise would cost a
  /// large catalog's run a tenth of its time. It stays reachable, so no leak
  /// checker mistakes it for a leak.
  void keep_catalog_until_exit();

private:
  /// The layer of one catalog path, with its cache when caching.
  catalog::Layer path_layer(const std::filesystem::path& path) const;

  mutable bool m_notes_shown = false;
  mutable std::optional<catalog::LoadResult> m_loaded;
  mutable std::optional<Profile> m_profile;
};

/// A subcommand's work, run after the command line parsed.
using Runner = std::function<void()>;

/// Writes `data` to `path` atomically, or to stdout when `path` is empty or
/// "-". A closed pipe ends quietly; other failures throw a runtime Failure.
void write_output(const std::string& data, const std::string& path);

/// The usage error for a value that names nothing in `valid` (with a
/// did-you-mean and the valid values).
[[noreturn]] void unknown_value(const std::string& what, const std::string& value,
                                const std::vector<std::string>& valid);

/// Splits repeatable comma lists ("a,b" "c") into single values.
std::vector<std::string> flatten(const std::vector<std::string>& values);

/// Checks each of `values` against the vocabulary's ids; usage error if not.
void check_ids(const std::string& what, const std::vector<std::string>& values,
               const std::vector<std::string>& valid);

/// The conditions a user declared: ids (with the conditions they include,
/// each once) and the qualifier values typed for them.
struct Declared {
  std::vector<std::string> ids;
  safety::Qualifiers qualifiers;
};

/// Condition names (ids or aliases, each as NAME or NAME=VALUE) resolved,
/// duplicates dropped; usage error for an unknown name or value, or two
/// values for one condition. Values stay as typed (a number becomes the
/// value it selects): the planner reads the default as no value.
Declared resolve_conditions(const catalog::Catalog& catalog, const std::vector<std::string>& names);

/// Adds a repeatable option taking one value (a comma list) per use, so
/// that it never swallows the words after it.
CLI::Option* add_list_option(CLI::App& command, const std::string& names, std::vector<std::string>& values,
                             const std::string& description);

/// Adds `--format` with the given choices to `command`, storing into `format`.
CLI::Option* add_format_option(CLI::App& command, std::string& format,
                               const std::vector<std::string>& choices);

} // namespace backplan::cli
