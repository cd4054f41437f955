// The command line: its parser (CLI11, and the condition flags read from
// what CLI11 leaves over), the one writer of fatal messages, and the one
// place that turns failures into exit codes.
#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/parser.hpp"
#include "cli/plan_options.hpp"
#include "util/exit_status.hpp"
#include "util/text.hpp"

#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <string_view>

namespace backplan::cli {

std::string error_text(std::string_view message, std::string_view more)
{
  return fmt::format("backplan: error: {}\n{}", message, more);
}

void die(ExitStatus status, std::string_view message, std::string_view more)
{
  throw Failure{status, error_text(message, more)};
}

void usage_error(std::string_view message, std::string_view help)
{
  die(ExitStatus::usage, message, fmt::format("Run '{}' for usage.\n", help));
}

namespace {

/// A command: its name, what `--help` says of it, and what adds its options
/// and returns its work.
struct CommandSpec {
  const char* name;
  const char* description;
  Runner (*add)(CLI::App* command, Context& context);
};

/// The commands, in the order `backplan --help` lists them.
constexpr CommandSpec command_specs[] = {
  {"plan", "build a timed plan that fits the time budget", add_plan_command},
  {"list", "list the exercises of the catalog, one a line: id, name, position, regions, typical time",
   add_list_command},
  {"show", "show one exercise in full, with its contraindications and sources", add_show_command},
  {"conditions", "list the conditions backplan knows and what each changes in a plan",
   add_conditions_command},
  {"check", "validate catalog files or directories (default: the catalog in use) and report every problem",
   add_check_command},
  {"run", "follow a plan in real time: a countdown, or cues", add_run_command},
  {"log", "record a session done away from the computer; 'log morning --pain N': the next morning's pain",
   add_log_command},
  {"history", "the sessions recorded, adherence, streaks and the pain trend", add_history_command},
  {"programme", "a programme over weeks: 'programme init' starts one; -o FILE.ics writes its calendar",
   add_programme_command},
  {"today", "today's session of the programme (the plan options and outputs of 'plan')", add_today_command},
  {"remind", "exit 0 when today's session is done or none is due, 1 when it is due (for cron)",
   add_remind_command},
  {"profile",
   "show the settings a plan would use and where each comes from (default, profile, command line); "
   "takes the plan options",
   add_profile_command},
  {"completion", "print the completion script for bash, zsh or fish", add_completion_command},
};

/// Adds the options every command shares to `app`, bound to `context`
/// (--color to `color`); with fallthrough they count wherever they stand.
void add_global_options(CLI::App& app, Context& context, std::string& color)
{
  add_list_option(app, "--catalog", context.catalog_paths,
                  "add the exercises of a YAML file or a directory of them (repeatable)")
    ->type_name("PATH");
  app.add_flag("--no-builtin", context.no_builtin, "start from an empty catalog instead of the built-in one");
  app
    .add_option("--profile", context.profile_path,
                "read standing defaults from FILE instead of "
                "the config folder's profile.yaml")
    ->type_name("FILE");
  app.add_flag("--no-profile", context.no_profile, "ignore the profile");
  app.add_flag("--no-user-catalog", context.no_user_catalog,
               "leave out the catalog folder in the config folder");
  app.add_flag("--no-cache", context.no_cache, "neither read nor write the cache of parsed catalog files");
  app.add_flag("--verbose", context.verbose, "report the cache's use on standard error");
  app.add_option("--width", context.width, "wrap text to N columns (default: the terminal's, or 80)")
    ->check(CLI::Range(20, 1000))
    ->type_name("N");
  app.footer("Examples:\n"
             "  backplan plan --sciatica -m 15            a 15-minute plan that respects sciatica\n"
             "  backplan plan --knee -o plan.md           a Markdown handout, format from the name\n"
             "  backplan conditions                       the conditions and what each changes\n"
             "\nRun 'backplan COMMAND --help' for the options of a command.");
  app.add_option("--color", color, "colour: auto (only on a terminal), always or never")
    ->check(CLI::IsMember({"auto", "always", "never"}));
}

/// Whether a left-over word is an option rather than an operand ("-" is
/// standard input).
bool option_like(const std::string& word) { return word.size() > 1 && word.front() == '-'; }

} // namespace

Parser::Parser(Context& context, bool every_command)
    : m_context(context),
      m_app("backplan — safe, timed back-care routines from an exercise catalog", "backplan")
{
  m_app.set_version_flag("--version", fmt::format("backplan {}", BACKPLAN_VERSION));
  m_app.require_subcommand(1);
  m_app.fallthrough();
  // Condition flags (--knee) are left over, to be read against the catalog
  // that the parsed options select (resolve_leftovers); so are mistakes.
  m_app.allow_extras();
  add_global_options(m_app, context, m_color);
  for (const auto& spec : command_specs) {
    CLI::App* command = m_app.add_subcommand(spec.name, spec.description);
    const auto add = [this, command, add = spec.add] { m_runners.emplace(command, add(command, m_context)); };
    if (every_command) {
      add();
      continue;
    }
    // A command's options are added when the parser meets its word:
    // `backplan --help` lists the commands by name, and each option costs
    // start-up time.
    command->preparse_callback([this, add](std::size_t) {
      m_leftovers_before_command = m_app.remaining().size();
      add();
    });
  }
}

std::optional<int> Parser::parse(int argc, char** argv)
{
  try {
    m_app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    reject_unknown_command();
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return m_app.exit(e); // --help or --version
    }
    usage_error(std::string_view(e.what()).empty() ? "invalid command line" : e.what(), help());
  }
  m_context.color = m_color == "always"  ? cli::ColorMode::always
                    : m_color == "never" ? cli::ColorMode::never
                                         : cli::ColorMode::automatic;
  resolve_leftovers();
  return std::nullopt;
}

void Parser::run() const
{
  const auto parsed = m_app.get_subcommands();
  m_runners.at(parsed.front())();
}

const CLI::App* Parser::command() const
{
  auto parsed = m_app.get_subcommands();
  if (parsed.empty()) {
    return nullptr;
  }
  const CLI::App* command = parsed.front();
  // The innermost: `programme init` reads its own options and flags.
  while (!(parsed = command->get_subcommands()).empty()) {
    command = parsed.front();
  }
  return command;
}

std::string Parser::help() const
{
  const CLI::App* command = this->command();
  if (command == nullptr) {
    return "backplan --help";
  }
  const CLI::App* parent = command->get_parent();
  return parent != nullptr && parent != &m_app
           ? fmt::format("backplan {} {} --help", parent->get_name(), command->get_name())
           : fmt::format("backplan {} --help", command->get_name());
}

void Parser::reject_unknown_command() const
{
  if (command() != nullptr) {
    return;
  }
  // Conditions given with no command: the command they belong to.
  const auto words = m_app.remaining();
  for (const auto& word : words) {
    const bool condition_option =
      word.starts_with("-c") || word == "--condition" || word.starts_with("--condition=");
    if (condition_option ||
        (word.starts_with("--") &&
         flagged_condition(m_context.loaded().catalog, word.substr(0, word.find('='))) != nullptr)) {
      usage_error(fmt::format("{} needs a command: did you mean 'backplan plan {}'?",
                              condition_option ? "a condition option" : "a condition flag",
                              util::join(words, " ")),
                  "backplan --help");
    }
  }
  for (const auto& word : words) {
    if (!option_like(word)) {
      unknown_command(word);
    }
  }
}

void Parser::unknown_command(const std::string& word) const
{
  std::vector<std::string> visible;
  for (const auto* command : m_app.get_subcommands({})) {
    if (!command->get_group().empty()) {
      visible.push_back(command->get_name());
    }
  }
  usage_error(fmt::format("unknown command '{}'{}", word, util::did_you_mean_suffix(word, visible)),
              "backplan --help");
}

void Parser::resolve_leftovers() const
{
  const CLI::App& command = *this->command();
  const auto found = m_context.condition_flags.find(command.get_name());
  std::vector<std::string>* flags = found != m_context.condition_flags.end() ? found->second : nullptr;
  const auto words = m_app.remaining(true);
  std::vector<std::string> operands;
  const catalog::Term* valued = nullptr; // the condition of a flag just read, when it takes a value
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const bool before_command = i < m_leftovers_before_command;
    const catalog::Term* condition = flags != nullptr && !before_command && word.starts_with("--")
                                       ? flagged_condition(m_context.loaded().catalog, word)
                                       : nullptr;
    if (condition != nullptr) {
      // --knee, or --hip-replacement=anterior: the value is checked with the
      // condition's qualifier (resolve_conditions), as with -c.
      const auto equals = word.find('=');
      const bool value = equals != std::string::npos && equals + 1 < word.size();
      flags->push_back(value ? condition->id + word.substr(equals) : condition->id);
      valued = condition->qualifier && !value ? condition : nullptr;
      continue;
    }
    if (option_like(word)) {
      reject_option(word, before_command);
    }
    if (before_command) {
      unknown_command(word);
    }
    if (valued != nullptr) {
      usage_error(fmt::format("a condition flag takes its value after '=': '{}={}'", words[i - 1], word),
                  help());
    }
    operands.push_back(word);
    valued = nullptr;
  }
  if (!operands.empty()) {
    usage_error(CLI::ExtrasError(operands).what(), help());
  }
}

void Parser::reject_option(const std::string& word, bool before_command) const
{
  const std::string name = word.substr(0, word.find('='));
  const CLI::App& command = *this->command();
  const bool of_command = command.get_option_no_throw(name) != nullptr ||
                          (m_context.condition_flags.contains(command.get_name()) &&
                           flagged_condition(m_context.loaded().catalog, name) != nullptr);
  if (before_command && of_command) {
    usage_error(fmt::format("'{}' is an option of '{}': give it after the command", name, command.get_name()),
                help());
  }
  if (command.get_option_no_throw("--condition") != nullptr &&
      flagged_condition(m_context.loaded().catalog, name) != nullptr) {
    // A command that filters by condition (list) takes it as a value.
    usage_error(fmt::format("unknown option '{}' (did you mean '--condition {}'?)", name, name.substr(2)),
                help());
  }
  // A value given as an option (--desk) is that option's value; a word
  // near an option or a condition flag is a typo of it, options first.
  const auto guess =
    value_as_option(name.substr(2)).value_or(util::did_you_mean(name, option_names()).value_or(""));
  if (!guess.empty()) {
    usage_error(fmt::format("unknown option '{}' (did you mean '{}'?)", name, guess), help());
  }
  if (m_context.condition_flags.contains(command.get_name())) {
    die(ExitStatus::usage, fmt::format("unknown option '{}'", name),
        fmt::format("Conditions, as --ID or -c ID: {}\nRun '{}' for usage.\n",
                    util::join(m_context.loaded().catalog.conditions.ids(), ", "), help()));
  }
  usage_error(fmt::format("unknown option '{}'", name), help());
}

std::optional<std::string> Parser::value_as_option(const std::string& word) const
{
  const CLI::App& command = *this->command();
  const auto& catalog = m_context.loaded().catalog;
  const std::pair<const char*, std::vector<std::string>> settings[] = {
    {"--setting", plan_settings},
    {"--level", catalog.levels.ids()},
    {"--goal", catalog.goals.ids()},
    {"--region", catalog.regions.ids()},
  };
  for (const auto& [option, values] : settings) {
    if (command.get_option_no_throw(option) != nullptr &&
        std::find(values.begin(), values.end(), word) != values.end()) {
      return fmt::format("{} {}", option, word);
    }
  }
  return std::nullopt;
}

std::vector<std::string> Parser::option_names() const
{
  // Options before condition flags: on a tie, did_you_mean keeps the first.
  const CLI::App* command = this->command();
  std::vector<std::string> names;
  for (const CLI::App* owner : {static_cast<const CLI::App*>(&m_app), command}) {
    if (owner == nullptr) {
      continue;
    }
    for (const auto* option : owner->get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  if (command != nullptr && m_context.condition_flags.contains(command->get_name())) {
    for (const auto& condition : m_context.loaded().catalog.conditions.terms) {
      for (const std::string_view flag : condition_flag_names(condition)) {
        names.push_back(fmt::format("--{}", flag));
      }
    }
  }
  return names;
}

namespace {

int report(const Failure& failure)
{
  std::fputs(failure.message.c_str(), stderr);
  return static_cast<int>(failure.status);
}

int run_checked(int argc, char** argv)
{
  Context context;
  if (argc > 1 && std::string_view(argv[1]) == "__complete") {
    // The completion scripts' question: the words after it are a command
    // line being typed, which the same parser reads.
    Parser parser(context, true);
    answer_completion(parser.app(), context, std::vector<std::string>(argv + 2, argv + argc));
    return 0;
  }
  Parser parser(context, false);
  if (const auto printed = parser.parse(argc, argv)) {
    return *printed;
  }
  parser.run();
  context.keep_catalog_until_exit();
  return 0;
}

} // namespace

int run(int argc, char** argv)
{
  // A closed pipe shows up as EPIPE on write and ends the program quietly.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return run_checked(argc, argv);
  } catch (const Failure& failure) {
    return report(failure);
  } catch (const std::bad_alloc&) {
    return report({ExitStatus::runtime, error_text("out of memory")});
  } catch (const std::exception& e) {
    return report({ExitStatus::runtime, error_text(e.what())});
  } catch (...) {
    return report({ExitStatus::runtime, error_text("unexpected failure")});
  }
}

} // namespace backplan::cli
