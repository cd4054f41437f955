#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/plan_options.hpp"
#include "util/exit_status.hpp"
#include "util/text.hpp"

#include <algorithm>

#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <string_view>

namespace backplan::cli {

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
  {"profile",
   "show the settings a plan would use and where each comes from (default, profile, command line); "
   "takes the plan options",
   add_profile_command},
  {"completion", "print the completion script for bash, zsh or fish", add_completion_command},
};

/// The global options that decide which catalog is loaded, and whether one
/// is needed at all, read before the full parse because the plan command's
/// condition flags come from it.
void prescan(int argc, char** argv, Context& context)
{
  // The completion scripts' words are a command line being typed, not this one.
  const bool completing = argc > 1 && std::string_view(argv[1]) == "__complete";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") {
      break;
    }
    if (arg == "--version" && !completing) {
      context.version_asked = true;
    } else if (arg == "--no-builtin") {
      context.no_builtin = true;
    } else if (arg == "--no-user-catalog") {
      context.no_user_catalog = true;
    } else if (arg == "--no-cache") {
      context.no_cache = true;
    } else if (arg == "--verbose") {
      context.verbose = true;
    } else if (arg == "--catalog" && i + 2 < argc && std::string_view(argv[i + 1]) == "=") {
      // bash's completion splits "--catalog=PATH" into three words.
      context.catalog_paths.emplace_back(argv[i + 2]);
      i += 2;
    } else if (arg == "--catalog" && i + 1 < argc) {
      context.catalog_paths.emplace_back(argv[++i]);
    } else if (arg.starts_with("--catalog=")) {
      context.catalog_paths.emplace_back(arg.substr(10));
    }
  }
}

/// The command word of the command line (empty when there is none).
std::string command_word(int argc, char** argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--catalog" || arg == "--color" || arg == "--profile" || arg == "--width") {
      ++i;
    } else if (!arg.starts_with("-")) {
      return std::string(arg);
    }
  }
  return "";
}

/// A usage error with a did-you-mean when the command word is not a command
/// (CLI11 would only say that a command is required).
void reject_unknown_command(const std::string& word, const CLI::App& app)
{
  std::vector<std::string> names;
  std::vector<std::string> visible;
  for (const auto* command : app.get_subcommands({})) {
    names.push_back(command->get_name());
    if (!command->get_group().empty()) {
      visible.push_back(command->get_name());
    }
  }
  if (!word.empty() && std::find(names.begin(), names.end(), word) == names.end()) {
    throw Failure{ExitStatus::usage,
                  fmt::format("backplan: error: unknown command '{}'{}\nRun 'backplan --help' for "
                              "usage.\n",
                              word, util::did_you_mean_suffix(word, visible))};
  }
}

/// The options a mistyped `option` may have meant: those of the chosen
/// command (`command`, null for none), with its condition flags whether
/// built or not, and the global ones.
std::vector<std::string> option_names(const CLI::App& app, const CLI::App* command, const Context& context)
{
  std::vector<std::string> names;
  if (command != nullptr && context.catalog_shapes_options(command->get_name()) &&
      command->get_option_no_throw("--condition") != nullptr) {
    for (const auto& condition : context.loaded().catalog.conditions.terms) {
      for (const std::string_view flag : condition_flag_names(condition)) {
        names.push_back(fmt::format("--{}", flag));
      }
    }
  }
  for (const CLI::App* owner : {&app, command}) {
    if (owner == nullptr) {
      continue;
    }
    for (const auto* option : owner->get_options()) {
      for (const auto& name : option->get_lnames()) {
        names.push_back("--" + name);
      }
    }
  }
  return names;
}

/// The usage error for a command line CLI11 refused: an unknown option gets
/// a did-you-mean, and the hint names the chosen command's --help.
Failure usage_failure(const CLI::ParseError& error, const CLI::App& app, const Context& context)
{
  const CLI::App* command = nullptr;
  for (const auto* candidate : app.get_subcommands({})) {
    if (candidate->get_name() == context.command) {
      command = candidate;
    }
  }
  const std::string help = command != nullptr ? "backplan " + context.command + " --help" : "backplan --help";
  std::string message = error.what();
  std::vector<std::string> extras;
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    extras = app.remaining(true);
  }
  for (const auto& extra : extras) {
    if (extra.starts_with("-")) {
      const std::string name = extra.substr(0, extra.find('='));
      message = fmt::format("unknown option '{}'{}", name,
                            util::did_you_mean_suffix(name, option_names(app, command, context)));
      break;
    }
  }
  if (message.empty()) {
    message = "invalid command line";
  }
  return Failure{ExitStatus::usage, fmt::format("backplan: error: {}\nRun '{}' for usage.\n", message, help)};
}

int report(const Failure& failure)
{
  std::fputs(failure.message.c_str(), stderr);
  return static_cast<int>(failure.status);
}

int run_checked(int argc, char** argv)
{
  Context context;
  prescan(argc, argv, context);
  context.command = command_word(argc, argv);
  context.arguments.assign(argv + 1, argv + argc);

  CLI::App app("backplan — safe, timed back-care routines from an exercise catalog", "backplan");
  app.set_version_flag("--version", fmt::format("backplan {}", BACKPLAN_VERSION));
  app.require_subcommand(1);
  app.fallthrough();
  std::vector<std::string> catalog_paths;
  bool no_builtin = false;
  std::string color = "auto";
  add_list_option(app, "--catalog", catalog_paths,
                  "add the exercises of a YAML file or a directory of them (repeatable)")
    ->type_name("PATH");
  app.add_flag("--no-builtin", no_builtin, "start from an empty catalog instead of the built-in one");
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

  std::vector<std::pair<CLI::App*, Runner>> commands;
  for (const auto& spec : command_specs) {
    CLI::App* command = app.add_subcommand(spec.name, spec.description);
    // Only the command being run gets its options (all do for the
    // completion scripts' question): `backplan --help` lists the commands
    // by name, and each option costs start-up time.
    if (context.command == spec.name || context.command == "__complete") {
      commands.emplace_back(command, spec.add(command, context));
    }
  }

  if (argc > 1 && std::string_view(argv[1]) == "__complete") {
    // The completion scripts' question: the words are not parsed as options.
    answer_completion(app, context, std::vector<std::string>(argv + 2, argv + argc));
    return 0;
  }
  reject_unknown_command(context.command, app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    throw usage_failure(e, app, context);
  }
  context.color = color == "always"  ? util::ColorMode::always
                  : color == "never" ? util::ColorMode::never
                                     : util::ColorMode::automatic;
  for (const auto& [command, runner] : commands) {
    if (command->parsed()) {
      runner();
    }
  }
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
    return report({ExitStatus::runtime, "backplan: error: out of memory\n"});
  } catch (const std::exception& e) {
    return report({ExitStatus::runtime, fmt::format("backplan: error: {}\n", e.what())});
  } catch (...) {
    return report({ExitStatus::runtime, "backplan: error: unexpected failure\n"});
  }
}

} // namespace backplan::cli
