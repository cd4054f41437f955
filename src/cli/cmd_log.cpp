#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/handout_text.hpp"
#include "cli/history_record.hpp"
#include "cli/plan_options.hpp"
#include "cli/programme_plan.hpp"
#include "cli/saved_plan.hpp"

#include "util/exit_status.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

/// `backplan log`'s options.
struct LogOptions {
  PlanOptions plan;
  std::string what;                 ///< "" (a session) or "morning"
  std::string plan_of = "today";    ///< --plan-of: today (the options' plan) or last (the last printed)
  std::string date;                 ///< --date: the day the session was done; empty: today
  std::vector<std::string> skipped; ///< --skipped ID: exercises of the plan not done
  bool undo = false;
  RatingOptions ratings;
};

/// "3 of 5 exercises, pain 2, effort 4" for `session`.
std::string session_words(const history::Session& session)
{
  std::string words = fmt::format("{} of {} exercise{}", session.done(), session.items.size(),
                                  session.items.size() == 1 ? "" : "s");
  for (const auto& [name, value] :
       {std::pair("pain before", session.ratings.pain_before), std::pair("pain", session.ratings.pain),
        std::pair("effort", session.ratings.effort),
        std::pair("next morning's pain", session.ratings.morning_pain)}) {
    if (value) {
      words += fmt::format(", {} {}", name, *value);
    }
  }
  return words;
}

void log_undo(const LogOptions& options)
{
  if (!options.what.empty() || shapes_plan(options.plan) || options.ratings.pain || options.ratings.effort ||
      options.ratings.pain_before || !options.ratings.note.empty() || !options.date.empty()) {
    usage_error("--undo takes no other option: it removes the session recorded last", "backplan log --help");
  }
  auto store = open_history();
  std::optional<history::Session> removed;
  try {
    removed = store.remove_last();
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
  if (!removed) {
    die(ExitStatus::runtime, fmt::format("{}: no session to remove", store.path().string()));
  }
  fmt::print("Removed session {}: {} ({}), {}.\n", removed->id, removed->day, removed->kind,
             session_words(*removed));
}

void log_morning(const LogOptions& options)
{
  if (!options.ratings.pain) {
    usage_error("log morning needs --pain N: the pain this morning, 0 to 10", "backplan log --help");
  }
  if (shapes_plan(options.plan) || options.ratings.effort || options.ratings.pain_before ||
      !options.skipped.empty()) {
    usage_error("log morning takes only --pain N (and --date)", "backplan log --help");
  }
  auto store = open_history();
  const std::string today = options.date.empty() ? util::today() : options.date;
  std::optional<history::Session> rated;
  try {
    rated = store.rate_morning(*options.ratings.pain, today);
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
  if (!rated) {
    die(ExitStatus::runtime,
        fmt::format("{}: no session before {} to give the morning's pain to", store.path().string(), today));
  }
  fmt::print("Logged the morning after {} (session {}): pain {}.\n", rated->day, rated->id,
             *options.ratings.pain);
}

void log_session(const Context& context, const LogOptions& options)
{
  plan::Plan plan;
  if (options.plan_of == "last") {
    reject_plan_options(options.plan, "--plan-of last");
    plan = read_last_plan(context.catalog());
  } else {
    const ProgrammeDay programme = programme_day(context, options.plan, false);
    Effective effective = resolve_plan_options(context, context.catalog(), options.plan,
                                               programme.file ? &programme.standing : nullptr);
    effective.request.title = programme.title;
    plan = make_checked_plan(context, effective.request, false);
    progress_plan(context, programme, plan);
  }
  history::Session session = session_of(plan, "log");
  if (!options.date.empty()) {
    session.day = options.date;
    session.started = options.date + "T12:00:00";
  }
  for (const auto& id : flatten(options.skipped)) {
    const auto item = std::find_if(session.items.begin(), session.items.end(),
                                   [&](const history::LoggedItem& i) { return i.exercise == id; });
    if (item == session.items.end()) {
      usage_error(fmt::format("--skipped {}: not an exercise of the plan logged", id), "backplan log --help");
    }
    item->outcome = history::Outcome::skipped;
  }
  for (auto& item : session.items) {
    if (item.outcome == history::Outcome::not_reached) {
      item.outcome = history::Outcome::done;
    }
  }
  int spent = 0;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    if (session.items[i].outcome == history::Outcome::done) {
      spent += plan.items[i].duration + plan.items[i].transition;
    }
  }
  session.spent_seconds = spent;
  session.ratings.pain_before = options.ratings.pain_before;
  session.ratings.pain = options.ratings.pain;
  session.ratings.effort = options.ratings.effort;
  session.note = options.ratings.note;
  session.id = record_session(session);
  fmt::print("Logged session {}: {}, {}.\n", session.id, session.day, session_words(session));
}

void run_log(const Context& context, const LogOptions& options)
{
  if (options.undo) {
    log_undo(options);
  } else if (options.what == "morning") {
    log_morning(options);
  } else if (!options.what.empty()) {
    usage_error(fmt::format("unknown word '{}': 'log' records a session, 'log morning' the next morning's "
                            "pain",
                            options.what),
                "backplan log --help");
  } else {
    log_session(context, options);
  }
}

} // namespace

Runner add_log_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<LogOptions>();
  add_plan_options(*command, options->plan, context, {"text"});
  command->add_option("what", options->what, "morning: the next morning's pain, for the last session")
    ->type_name("morning");
  command
    ->add_option("--plan-of", options->plan_of,
                 "the plan done: today (the one these options make, the default) or last (the one "
                 "'backplan plan' printed last)")
    ->check(CLI::IsMember({"today", "last"}))
    ->type_name("WHICH")
    ->group("History");
  command->add_option("--date", options->date, "the day it was done, YYYY-MM-DD (default today)")
    ->check(iso_date())
    ->type_name("DATE")
    ->group("History");
  add_list_option(*command, "--skipped", options->skipped,
                  "an exercise of the plan that was not done, by id (comma list, repeatable)")
    ->group("History");
  command->add_flag("--undo", options->undo, "remove the session recorded last")->group("History");
  add_rating_options(*command, options->ratings);
  return [&context, options] { run_log(context, *options); };
}

} // namespace backplan::cli
