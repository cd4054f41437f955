// `backplan completion SHELL` prints the completion script for bash, zsh or
// fish: a static file of completions/, embedded byte for byte. Each script
// hands the words being completed to the hidden `backplan __complete
// WORD...` (the way Cobra-based programs do it), which answers here: the
// command line's own parser reads the words before the cursor, and the
// answer comes from its command tree and the catalog those words select. A
// new command or option completes without a line of completion code.

#include "cli/commands.hpp"
#include "cli/plan_options.hpp"
#include "cli/scripts.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <set>

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

/// The catalog vocabulary of `kind` (as in `catalog_values`), or nullptr
/// for the exercises.
const catalog::Vocabulary* vocabulary_of(const catalog::Catalog& catalog, const std::string& kind)
{
  static const std::map<std::string, catalog::Vocabulary catalog::Catalog::*> vocabularies = {
    {"conditions", &catalog::Catalog::conditions},
    {"goals", &catalog::Catalog::goals},
    {"regions", &catalog::Catalog::regions},
    {"levels", &catalog::Catalog::levels},
    {"positions", &catalog::Catalog::positions}};
  const auto found = vocabularies.find(kind);
  return found != vocabularies.end() ? &(catalog.*(found->second)) : nullptr;
}

/// The words of a catalog vocabulary (`kind` as in `catalog_values`), each
/// with its name; conditions with their aliases.
std::vector<Candidate> catalog_words(const catalog::Catalog& catalog, const std::string& kind)
{
  std::vector<Candidate> out;
  if (const auto* vocabulary = vocabulary_of(catalog, kind)) {
    for (const auto& term : vocabulary->terms) {
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

/// The values an option or operand takes: from the catalog, from its
/// IsMember check (CLI11 appends "{a,b}" to the type name), or file names.
/// A comma list completes its last item after the ones already typed.
Answer values_of(const CLI::Option& option, const CLI::App* command, const Context& context,
                 const std::string& prefix)
{
  Answer answer;
  const auto parts = util::split_list(option.get_type_name(), ':');
  const std::string type = parts.empty() ? "" : parts.front();
  const std::string key = option.nonpositional()
                            ? (option.get_lnames().empty() ? "" : option.get_lnames().front())
                            : (command != nullptr ? command->get_name() : "") + " " + option.get_name(true);
  std::vector<Candidate> all;
  const catalog::Vocabulary* vocabulary = nullptr;
  if (const auto found = catalog_values.find(key); found != catalog_values.end()) {
    all = catalog_words(context.loaded().catalog, found->second);
    vocabulary = vocabulary_of(context.loaded().catalog, found->second);
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
  // What an item means: its term's id (an alias, any case, a value after
  // '=' aside), so that "knee," offers neither knee nor its aliases again.
  const auto meaning = [&](const std::string& item) {
    const std::string name = item.substr(0, item.find('='));
    const auto* term = vocabulary != nullptr ? vocabulary->resolve(name) : nullptr;
    return term != nullptr ? term->id : name;
  };
  std::set<std::string> taken;
  for (const auto& item : util::split_list(head)) {
    taken.insert(meaning(item));
  }
  for (const auto& candidate : all) {
    if ((head + candidate.word).starts_with(prefix) && !taken.contains(meaning(candidate.word))) {
      answer.candidates.push_back({head + candidate.word, candidate.what});
    }
  }
  return answer;
}

/// The condition flags (--knee) that start with `prefix`, for a command
/// that takes them: each id and alias of the catalog in use, but for one
/// named like an option of `options`, which the parser reads as that option.
std::vector<Candidate> condition_flags(const Context& context, const CLI::App* command,
                                       const std::vector<const CLI::Option*>& options,
                                       const std::string& prefix)
{
  std::vector<Candidate> out;
  if (command == nullptr || !context.condition_flags.contains(command->get_name())) {
    return out;
  }
  for (const auto& condition : context.loaded().catalog.conditions.terms) {
    for (const std::string_view name : condition_flag_names(condition)) {
      const std::string flag = fmt::format("--{}", name);
      if (flag.starts_with(prefix) && find_option(options, flag) == nullptr) {
        out.push_back({flag, condition_flag_description(condition)});
      }
    }
  }
  return out;
}

/// The values of the condition flag `name` ("--hip-replacement") that start
/// with `prefix`: its qualifier's, for a command that takes condition flags.
Answer condition_values(const Context& context, const CLI::App* command, const std::string& name,
                        const std::string& prefix)
{
  Answer answer;
  if (command == nullptr || !context.condition_flags.contains(command->get_name())) {
    return answer;
  }
  const catalog::Term* condition = flagged_condition(context.loaded().catalog, name);
  if (condition == nullptr || !condition->qualifier) {
    return answer;
  }
  for (const auto& value : condition->qualifier->values) {
    if (value.id.starts_with(prefix)) {
      answer.candidates.push_back({value.id, value.description});
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

/// The values of the next operand of `command`, after those the parser read.
Answer operand_values(const CLI::App& command, const Context& context, const std::string& prefix)
{
  std::vector<const CLI::Option*> positionals;
  std::size_t operands = 0;
  for (const CLI::Option* option : options_of(command)) {
    if (!option->nonpositional()) {
      positionals.push_back(option);
      operands += option->count();
    }
  }
  if (positionals.empty()) {
    return {};
  }
  const CLI::Option* operand = positionals[std::min(operands, positionals.size() - 1)];
  if (operands >= positionals.size() && operand->get_items_expected_max() <= 1) {
    return {};
  }
  return values_of(*operand, &command, context, prefix);
}

/// Parses `words` (a command line being typed, without the program's name)
/// with `app`; what was read before a mistake or an unfinished option stands.
void parse_typed(CLI::App& app, std::vector<std::string> words)
{
  std::reverse(words.begin(), words.end()); // CLI11 reads a vector from the back
  try {
    app.parse(words);
  } catch (const CLI::ParseError&) {
    // A command line being typed is seldom complete.
  }
}

/// The command the parsed words chose, or nullptr.
const CLI::App* chosen(const CLI::App& app)
{
  const auto parsed = app.get_subcommands();
  return parsed.empty() ? nullptr : parsed.front();
}

/// The answer for the word at the cursor after the words before it, as the
/// command line's parser reads them into `app` and `context`.
Answer complete(CLI::App& app, const Context& context, const std::vector<std::string>& words)
{
  bool split = false;
  std::vector<std::string> before = joined(words, split);
  const std::string current = before.back();
  before.pop_back();

  parse_typed(app, before);
  const CLI::App* command = chosen(app);
  const auto options = options_in(app, command);
  // An option waiting for its value: the words before it are read again
  // without it, so that they count (the catalog options among them). A
  // condition flag is no option here: its value comes only after '='.
  const CLI::Option* pending = before.empty() ? nullptr : find_option(options, before.back());
  if (pending != nullptr && pending->get_items_expected_min() > 0) {
    before.pop_back();
    parse_typed(app, before);
    return values_of(*pending, command, context, current);
  }
  if (command == nullptr) {
    for (const auto& word : app.remaining()) {
      if (!word.starts_with("-")) {
        return {}; // not a command: nothing can follow it
      }
    }
  }
  if (current.starts_with("--") && current.find('=') != std::string::npos) {
    const std::string name = current.substr(0, current.find('='));
    const CLI::Option* option = find_option(options, name);
    Answer answer = option != nullptr
                      ? values_of(*option, command, context, current.substr(name.size() + 1))
                      : condition_values(context, command, name, current.substr(name.size() + 1));
    for (auto& candidate : answer.candidates) {
      candidate.word = split ? candidate.word : name + "=" + candidate.word;
    }
    return answer;
  }
  if (current.starts_with("-")) {
    Answer answer = option_names(options, current);
    const auto flags = condition_flags(context, command, options, current);
    answer.candidates.insert(answer.candidates.end(), flags.begin(), flags.end());
    return answer;
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
  return operand_values(*command, context, current);
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

void answer_completion(CLI::App& app, const Context& context, const std::vector<std::string>& words)
{
  // A catalog with errors still answers with what loaded: completion stays
  // quiet. It is loaded only for an answer that names its words.
  write_output(answer_text(complete(app, context, words)), "");
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
