#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/plan_options.hpp"

#include "cli/last_plan.hpp"
#include "cli/run/driver.hpp"
#include "cli/run/plan_file.hpp"
#include "cli/terminal.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"

#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <memory>

namespace backplan::cli {

namespace {

/// The run command's own options, beside those that shape the plan.
struct RunCommandOptions {
  PlanOptions plan;
  std::string plan_file;
  bool last = false; ///< --last
  bool cues = false;
  double speed = 1.0;
  std::string say;
  bool say_steps = false;
  std::string bell; ///< empty: exercises on a terminal, else never
  bool quiet = false;
};

/// The text of the saved plan `path` ("-": standard input), at most
/// max_plan_file_bytes.
std::string read_plan_text(const std::string& path)
{
  if (path != "-") {
    try {
      return util::read_file(path, run::max_plan_file_bytes);
    } catch (const std::runtime_error& error) {
      die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, error.what()));
    }
  }
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > run::max_plan_file_bytes) {
      die(ExitStatus::invalid_catalog, fmt::format("-: larger than {} bytes", run::max_plan_file_bytes));
    }
  }
  return text;
}

/// The saved plan of `path`, as edited, made safe to run from `catalog`;
/// exit status 3 with the problem when it is not one or cannot be run.
plan::Plan read_saved_plan(const catalog::Catalog& catalog, const std::string& path)
{
  auto parsed = run::parse_plan_json(read_plan_text(path));
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, *problem));
  }
  auto plan = std::get<plan::Plan>(std::move(parsed));
  if (const auto problem = run::retime_saved_plan(catalog, plan)) {
    die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, *problem));
  }
  return plan;
}

/// The options that shape a plan cannot change a saved one.
void reject_plan_options(const RunCommandOptions& options, const std::string& source)
{
  for (const auto& [name, option] : options.plan.given) {
    if (name != "format" && option->count() > 0) {
      usage_error(fmt::format("{} cannot be used with {}, which runs a saved plan as it is",
                              option->get_name(), source),
                  "backplan --help");
    }
  }
  if (options.plan.cleared) {
    usage_error(fmt::format("--cleared cannot be used with {}, which runs a saved plan as it is", source),
                "backplan --help");
  }
  if (!options.plan.condition_flags.empty()) {
    usage_error(fmt::format("--{} cannot be used with {}, which runs a saved plan as it is",
                            options.plan.condition_flags.front(), source),
                "backplan --help");
  }
}

/// The full screen only on a terminal that can show it, and not when asked
/// for cues.
bool full_screen(const RunCommandOptions& options)
{
  return !options.cues && options.plan.given.at("format")->count() == 0 && cli::full_screen_allowed();
}

void run_run(const Context& context, const RunCommandOptions& options)
{
  plan::Plan plan;
  if (options.last) {
    if (!options.plan_file.empty()) {
      usage_error("--last and --plan each name the plan to run: give one", "backplan --help");
    }
    reject_plan_options(options, "--last");
    const auto path = last_plan_path();
    std::error_code error;
    if (!path || !std::filesystem::exists(*path, error)) {
      die(ExitStatus::invalid_catalog,
          fmt::format("no plan printed yet{}: print one with 'backplan plan' first",
                      path ? " (" + path->string() + " does not exist)" : ""));
    }
    plan = read_saved_plan(context.catalog(), path->string());
  } else if (!options.plan_file.empty()) {
    reject_plan_options(options, "--plan");
    plan = read_saved_plan(context.catalog(), options.plan_file);
  } else {
    const Effective effective = resolve_plan_options(context, context.catalog(), options.plan);
    plan = make_checked_plan(context, effective.request, false);
  }
  const run::Schedule schedule = run::make_schedule(plan);
  run::RunOptions run;
  run.output = full_screen(options)            ? run::Output::screen
               : options.plan.format == "json" ? run::Output::cue_json
                                               : run::Output::cue_text;
  run.speed = options.speed;
  run.say = options.say;
  run.say_steps = options.say_steps;
  const std::string bell = options.quiet               ? "never"
                           : !options.bell.empty()     ? options.bell
                           : cli::stdout_is_terminal() ? "exercises"
                                                       : "never";
  run.bell = bell == "phases"      ? run::Bell::phases
             : bell == "exercises" ? run::Bell::exercises
                                   : run::Bell::never;
  run.color = cli::use_color(context.color);
  const auto summary = run::run_schedule(schedule, run);
  if (summary && summary->done < schedule.items.size()) {
    // Quit, or some exercise skipped or not reached: a script can tell.
    throw Failure{ExitStatus::stopped, ""};
  }
}

} // namespace

Runner add_run_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<RunCommandOptions>();
  add_plan_options(*command, options->plan, context, {"text", "json"});
  command
    ->add_option("--plan", options->plan_file, "run a plan saved with 'plan -f json' (-: standard input)")
    ->type_name("FILE");
  command->add_flag("--last", options->last, "run the plan 'backplan plan' printed last");
  command->add_flag("--cues", options->cues, "print a line per phase change instead of the full screen");
  command->add_option("--speed", options->speed, "run the clock N times faster (for rehearsing)")
    ->check(CLI::Range(0.01, 1000.0))
    ->type_name("N");
  command->add_option("--say", options->say, "run CMD with each cue's words as its last argument")
    ->type_name("CMD");
  command->add_flag("--say-steps", options->say_steps,
                    "with --say, read every step of an exercise while getting ready for it");
  command
    ->add_option("--bell", options->bell,
                 "when the terminal bell rings: exercises (as each exercise and side gets under way; the "
                 "default on a terminal), phases (every phase) or never")
    ->check(CLI::IsMember({"phases", "exercises", "never"}))
    ->type_name("WHEN");
  command->add_flag_callback(
    "--no-bell", [options] { options->bell = "never"; }, "the same as --bell never");
  command->add_flag("-q,--quiet", options->quiet, "no bell");
  return [&context, options] { run_run(context, *options); };
}

} // namespace backplan::cli
