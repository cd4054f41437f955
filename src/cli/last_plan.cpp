#include "cli/last_plan.hpp"

#include "render/json.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::cli {

namespace {

/// `word` as a shell reads it: as it is when it holds only safe characters,
/// else in single quotes.
std::string shell_word(const std::string& word)
{
  const bool safe =
    !word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                            "0123456789-_./=,:+@%") == std::string::npos;
  if (safe) {
    return word;
  }
  std::string out = "'";
  for (const char c : word) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

} // namespace

std::optional<std::filesystem::path> last_plan_path()
{
  const auto folder = util::user_folder("XDG_STATE_HOME", ".local/state");
  return folder ? std::optional(*folder / "last-plan.json") : std::nullopt;
}

std::string last_plan_text(const plan::Plan& plan)
{
  return render::plan_json_text(plan, render::LeftOutList::omitted);
}

void keep_last_plan(const std::string& text)
{
  const auto path = last_plan_path();
  if (!path) {
    return;
  }
  // A plan printed again (in another format, say) finds itself kept
  // already, and leaves the file as it is: creating, writing and swapping
  // in a new file takes about 0.2 ms, most of what printing the built-in
  // plan's text takes.
  if (util::file_holds(*path, text)) {
    return;
  }
  try {
    std::error_code error;
    std::filesystem::create_directories(path->parent_path(), error);
    util::write_file_atomically(*path, text, false);
  } catch (const std::exception& failure) {
    fmt::print(stderr, "backplan: warning: cannot keep the plan for 'run --last': {}\n", failure.what());
  }
}

std::string follow_command(const Context& context, const plan::Request& request)
{
  std::vector<std::string> words = {"backplan"};
  if (context.no_builtin) {
    words.emplace_back("--no-builtin");
  }
  for (const auto& path : context.catalog_paths) {
    words.push_back("--catalog");
    words.push_back(shell_word(path));
  }
  if (context.no_user_catalog) {
    words.emplace_back("--no-user-catalog");
  }
  if (context.no_profile) {
    words.emplace_back("--no-profile");
  } else if (!context.profile_path.empty()) {
    words.push_back("--profile");
    words.push_back(shell_word(context.profile_path));
  }
  words.emplace_back("run");
  for (const auto& id : request.conditions) {
    const auto value = request.qualifiers.find(id);
    words.push_back("--" + id + (value != request.qualifiers.end() ? "=" + value->second : ""));
  }
  if (request.cleared) {
    words.emplace_back("--cleared");
  }
  words.push_back(fmt::format("-m {}", request.minutes));
  if (!request.goals.empty()) {
    words.push_back("-g " + util::join(request.goals, ","));
  }
  if (!request.regions.empty()) {
    words.push_back("-r " + util::join(request.regions, ","));
  }
  if (!request.level.empty()) {
    words.push_back("--level " + request.level);
  }
  if (request.setting != "floor") {
    words.push_back("--setting " + request.setting);
  }
  if (!request.include.empty()) {
    words.push_back("--include " + util::join(request.include, ","));
  }
  if (!request.exclude.empty()) {
    words.push_back("--exclude " + util::join(request.exclude, ","));
  }
  if (!request.exercises.empty()) {
    words.push_back("--exercise " + util::join(request.exercises, ","));
  }
  for (const auto& change : request.doses) {
    words.push_back("--dose " + shell_word(change.id + "=" + change.text));
  }
  if (request.lead_in != plan::default_lead_in) {
    words.push_back(fmt::format("--lead-in {}", request.lead_in));
  }
  if (request.seed != 0) {
    words.push_back(fmt::format("--seed {}", request.seed));
  }
  return util::join(words, " ");
}

} // namespace backplan::cli
