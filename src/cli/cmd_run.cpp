#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/history_record.hpp"
#include "cli/number_check.hpp"
#include "cli/plan_options.hpp"
#include "cli/programme_plan.hpp"
#include "cli/saved_plan.hpp"

#include "cli/last_plan.hpp"
#include "cli/run/driver.hpp"
#include "cli/run/plan_file.hpp"
#include "cli/terminal.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <cstdio>
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
  bool no_log = false; ///< --no-log
  RatingOptions ratings;
};

/// Records a run in the history as it ended: each exercise done, partly
/// done, skipped or not reached, with the ratings given, or, on a terminal
/// after a run that was not ended by a signal, asked for (each one line
/// that Enter skips). A run in which nothing was begun is not recorded.
void record_run(const plan::Plan& plan, const run::Summary& summary, const RatingOptions& given,
                bool by_signal)
{
  const bool begun = std::any_of(summary.items.begin(), summary.items.end(),
                                 [](run::ItemEnd end) { return end != run::ItemEnd::not_reached; });
  if (!begun) {
    return;
  }
  history::Session session = session_of(plan, "run");
  session.spent_seconds = static_cast<int>(summary.active.count() / 1000);
  for (std::size_t i = 0; i < session.items.size() && i < summary.items.size(); ++i) {
    const run::ItemEnd end = summary.items[i];
    session.items[i].outcome = end == run::ItemEnd::done      ? history::Outcome::done
                               : end == run::ItemEnd::partly  ? history::Outcome::partly
                               : end == run::ItemEnd::skipped ? history::Outcome::skipped
                                                              : history::Outcome::not_reached;
  }
  session.ratings.pain_before = given.pain_before;
  session.ratings.pain = given.pain;
  session.ratings.effort = given.effort;
  session.note = given.note;
  const bool ask = !by_signal && cli::stdin_is_terminal() && cli::stdout_is_terminal();
  if (ask && !given.pain) {
    session.ratings.pain = ask_rating("Pain during the session, 0 (none) to 10 (Enter to skip): ");
  }
  if (ask && !given.effort) {
    session.ratings.effort = ask_rating("How hard was it, 0 (rest) to 10 (maximal) (Enter to skip): ");
  }
  record_session(session);
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
    reject_plan_options(options.plan, "--last");
    plan = read_last_plan(context.catalog());
  } else if (!options.plan_file.empty()) {
    reject_plan_options(options.plan, "--plan");
    plan = read_saved_plan(context.catalog(), options.plan_file);
  } else {
    const ProgrammeDay programme = programme_day(context, options.plan, false);
    if (!programme.rest.empty()) {
      fmt::print(stderr, "backplan: note: {}\n", programme.rest);
    }
    Effective effective = resolve_plan_options(context, context.catalog(), options.plan,
                                               programme.file ? &programme.standing : nullptr);
    effective.request.title = programme.title;
    plan = make_checked_plan(context, effective.request, false);
    progress_plan(context, programme, plan);
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
  if (!options.no_log) {
    run.on_end = [&](const run::Summary& summary, bool by_signal) {
      try {
        record_run(plan, summary, options.ratings, by_signal);
      } catch (const Failure& failure) {
        if (!by_signal) {
          throw;
        }
        // The run still ends by its signal; the message says what was lost.
        std::fputs(failure.message.c_str(), stderr);
      }
    };
  }
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
  command
    ->add_option("--speed", options->speed, "run the clock N times faster, 0.01 to 1000 (for rehearsing)")
    ->check(number_in(0.01, 1000.0, false))
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
  command
    ->add_flag("--no-log", options->no_log,
               "do not record the session in the history ($XDG_DATA_HOME/backplan/history.db)")
    ->group("History");
  add_rating_options(*command, options->ratings);
  return [&context, options] { run_run(context, *options); };
}

} // namespace backplan::cli
