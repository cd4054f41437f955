// `backplan completion SHELL` prints the completion script for bash, zsh or
// fish: a static file of completions/, embedded byte for byte. Each script
// hands the words being completed to the hidden `backplan __complete
// WORD...` (the way Cobra-based programs do it), which answers here from
// the live CLI11 command tree and the catalog in use: a new command or
// option completes without a line of completion code.

#include "cli/commands.hpp"
#include "cli/scripts.hpp"

#include "util/text.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>

namespace backplan::cli {

namespace {

/// One answer of `__complete`: the word, and what it is.
struct Candidate {
  std::string word;
  std::string what;
};

/// What `__complete` found: candidates, or "complete file names".
struct Answer {
  std::vector<Candidate> candidates;
  bool files = false;
};

/// The catalog vocabulary an option's value names, by the option's long
/// name, or by "COMMAND OPERAND" for an operand.
const std::map<std::string, std::string> catalog_values = {
  {"condition", "conditions"}, {"goal", "goals"},         {"region", "regions"},
  {"level", "levels"},         {"position", "positions"}, {"show ID", "exercises"},
};

/// Type names (CLI11's type_name) whose values are file or directory names.
const std::vector<std::string> path_types = {"PATH", "FILE", "DIR"};

/// The words of a catalog vocabulary (`kind` as in `catalog_values`), each
/// with its name; conditions with their aliases.
std::vector<Candidate> catalog_words(const catalog::Catalog& catalog, const std::string& kind)
{
  static const std::map<std::string, catalog::Vocabulary catalog::Catalog::*> vocabularies = {
    {"conditions", &catalog::Catalog::conditions},
    {"goals", &catalog::Catalog::goals},
    {"regions", &catalog::Catalog::regions},
    {"levels", &catalog::Catalog::levels},
    {"positions", &catalog::Catalog::positions}};
  std::vector<Candidate> out;
  if (const auto found = vocabularies.find(kind); found != vocabularies.end()) {
    for (const auto& term : (catalog.*(found->second)).terms) {
      out.push_back({term.id, term.name});
      for (const auto& alias : term.aliases) {
        out.push_back({alias, fmt::format("{} ({})", term.name, term.id)});
      }
    }
  } else if (kind == "exercises") {
    for (const auto& exercise : catalog.exercises) {
      out.push_back({exercise.id, exercise.name});
    }
  }
  return out;
}

/// The options of `app`, those of its option groups (CLI11 makes them
/// subcommands without a name) included.
std::vector<const CLI::Option*> options_of(const CLI::App& app)
{
  auto options = app.get_options();
  for (const CLI::App* group : app.get_subcommands({})) {
    if (group->get_name().empty()) {
      const auto more = options_of(*group);
      options.insert(options.end(), more.begin(), more.end());
    }
  }
  return options;
}

/// The options given after `command` may be: its own and the global ones.
std::vector<const CLI::Option*> options_in(const CLI::App& app, const CLI::App* command)
{
  auto options = options_of(app);
  if (command != nullptr) {
    const auto own = options_of(*command);
    options.insert(options.begin(), own.begin(), own.end());
  }
  return options;
}

/// The option named `name` ("-c", "--condition"), or nullptr.
const CLI::Option* find_option(const std::vector<const CLI::Option*>& options, const std::string& name)
{
  for (const CLI::Option* option : options) {
    if (option->nonpositional() && option->check_name(name)) {
      return option;
    }
  }
  return nullptr;
}

/// The visible command named `name`, or nullptr.
const CLI::App* find_command(const CLI::App& app, const std::string& name)
{
  for (const CLI::App* command : app.get_subcommands({})) {
    if (!command->get_name().empty() && command->get_name() == name) {
      return command;
    }
  }
  return nullptr;
}

/// The values an option or operand takes: from the catalog, from its
/// IsMember check (CLI11 appends "{a,b}" to the type name), or file names.
/// A comma list completes its last item after the ones already typed.
Answer values_of(const CLI::Option& option, const CLI::App* command, const catalog::Catalog& catalog,
                 const std::string& prefix)
{
  Answer answer;
  const auto parts = util::split_list(option.get_type_name(), ':');
  const std::string type = parts.empty() ? "" : parts.front();
  const std::string key = option.nonpositional()
                            ? (option.get_lnames().empty() ? "" : option.get_lnames().front())
                            : (command != nullptr ? command->get_name() : "") + " " + option.get_name(true);
  std::vector<Candidate> all;
  if (const auto found = catalog_values.find(key); found != catalog_values.end()) {
    all = catalog_words(catalog, found->second);
  } else if (std::find(path_types.begin(), path_types.end(), type) != path_types.end()) {
    answer.files = true;
    return answer;
  }
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].size() > 2 && parts[i].front() == '{' && parts[i].back() == '}') {
      for (const auto& word : util::split_list(parts[i].substr(1, parts[i].size() - 2), ',')) {
        all.push_back({word, ""});
      }
    }
  }
  const bool list = type.find(',') != std::string::npos;
  const auto comma = prefix.rfind(',');
  const std::string head = list && comma != std::string::npos ? prefix.substr(0, comma + 1) : "";
  for (const auto& candidate : all) {
    if ((head + candidate.word).starts_with(prefix)) {
      answer.candidates.push_back({head + candidate.word, candidate.what});
    }
  }
  return answer;
}

/// Every option name (short and long) of `options` that starts with `prefix`.
Answer option_names(const std::vector<const CLI::Option*>& options, const std::string& prefix)
{
  Answer answer;
  for (const CLI::Option* option : options) {
    if (!option->nonpositional()) {
      continue;
    }
    for (const auto& name : option->get_snames()) {
      if (("-" + name).starts_with(prefix)) {
        answer.candidates.push_back({"-" + name, option->get_description()});
      }
    }
    for (const auto& name : option->get_lnames()) {
      if (("--" + name).starts_with(prefix)) {
        answer.candidates.push_back({"--" + name, option->get_description()});
      }
    }
  }
  return answer;
}

/// The words of the command line, the one at the cursor last, with bash's
/// split of "--option=value" into three words ("--option", "=", "value")
/// undone; `split` says whether the last word was split so.
std::vector<std::string> joined(const std::vector<std::string>& words, bool& split)
{
  std::vector<std::string> out;
  split = false;
  bool glue = false;
  for (const auto& word : words) {
    if (word == "=" && !out.empty() && out.back().starts_with("--") &&
        out.back().find('=') == std::string::npos) {
      out.back() += "=";
      glue = split = true;
    } else if (glue) {
      out.back() += word;
      glue = false;
    } else {
      out.push_back(word);
      split = false;
    }
  }
  if (out.empty()) {
    out.emplace_back();
  }
  return out;
}

/// The answer for the word at the cursor after the words before it.
Answer complete(const CLI::App& app, const catalog::Catalog& catalog, const std::vector<std::string>& words)
{
  bool split = false;
  std::vector<std::string> before = joined(words, split);
  const std::string current = before.back();
  before.pop_back();

  const CLI::App* command = nullptr;
  const CLI::Option* pending = nullptr; // an option waiting for its value
  std::size_t operands = 0;
  for (const auto& word : before) {
    if (pending != nullptr) {
      pending = nullptr;
    } else if (word.starts_with("-") && word.size() > 1) {
      const CLI::Option* option = find_option(options_in(app, command), word);
      // An option whose value is optional (a condition flag: --pregnancy or
      // --pregnancy=20) takes its value only after '=': the next word is not it.
      pending = option != nullptr && option->get_items_expected_min() > 0 ? option : nullptr;
    } else if (command == nullptr) {
      command = find_command(app, word);
      if (command == nullptr) {
        return {};
      }
    } else {
      ++operands;
    }
  }
  const auto options = options_in(app, command);
  if (pending != nullptr) {
    return values_of(*pending, command, catalog, current);
  }
  if (current.starts_with("--") && current.find('=') != std::string::npos) {
    const std::string name = current.substr(0, current.find('='));
    const CLI::Option* option = find_option(options, name);
    if (option == nullptr) {
      return {};
    }
    Answer answer = values_of(*option, command, catalog, current.substr(name.size() + 1));
    for (auto& candidate : answer.candidates) {
      candidate.word = split ? candidate.word : name + "=" + candidate.word;
    }
    return answer;
  }
  if (current.starts_with("-")) {
    return option_names(options, current);
  }
  Answer answer;
  if (command == nullptr) {
    for (const CLI::App* candidate : app.get_subcommands({})) {
      // An empty group hides a command; an empty name is an option group.
      if (!candidate->get_group().empty() && !candidate->get_name().empty() &&
          candidate->get_name().starts_with(current)) {
        answer.candidates.push_back({candidate->get_name(), candidate->get_description()});
      }
    }
    return answer;
  }
  std::vector<const CLI::Option*> positionals;
  for (const CLI::Option* option : options_of(*command)) {
    if (!option->nonpositional()) {
      positionals.push_back(option);
    }
  }
  if (positionals.empty()) {
    return answer;
  }
  const CLI::Option* operand = positionals[std::min(operands, positionals.size() - 1)];
  if (operands >= positionals.size() && operand->get_items_expected_max() <= 1) {
    return answer;
  }
  return values_of(*operand, command, catalog, current);
}

/// The lines of an answer: "WORD\tWHAT" (WORD alone without a description),
/// or ":files".
std::string answer_text(const Answer& answer)
{
  if (answer.files) {
    return ":files\n";
  }
  std::string out;
  for (const auto& candidate : answer.candidates) {
    out += candidate.what.empty() ? candidate.word + "\n" : candidate.word + "\t" + candidate.what + "\n";
  }
  return out;
}

/// The file of completions/ that is the script for `shell`.
const std::map<std::string, std::string> script_files = {
  {"bash", "backplan.bash"}, {"zsh", "_backplan"}, {"fish", "backplan.fish"}};

} // namespace

void answer_completion(const CLI::App& app, const Context& context, const std::vector<std::string>& words)
{
  // A catalog with errors still answers with what loaded: completion stays quiet.
  write_output(answer_text(complete(app, context.loaded().catalog, words)), "");
}

Runner add_completion_command(CLI::App* command, Context& /*context*/)
{
  auto shell = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  command->add_option("SHELL", *shell, "bash, zsh or fish")
    ->required()
    ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  command->add_option("-o,--output", *output, "write to FILE (atomically) instead of stdout")
    ->type_name("FILE");
  return [shell, output] {
    for (const auto& file : completion_scripts()) {
      if (file.name == script_files.at(*shell)) {
        write_output(std::string(file.data), *output);
      }
    }
  };
}

} // namespace backplan::cli
