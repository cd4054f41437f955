#include "cli/programme_plan.hpp"

#include "cli/die.hpp"
#include "cli/history_record.hpp"
#include "history/store.hpp"
#include "programme/progression.hpp"
#include "util/exit_status.hpp"
#include "util/rng.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace backplan::cli {

ProgrammeDay programme_day(const Context& context, const PlanOptions& options, bool today)
{
  ProgrammeDay out;
  if (!today && shapes_plan(options)) {
    return out;
  }
  out.file = load_programme(context);
  if (!out.file) {
    if (today) {
      die(ExitStatus::runtime, "no programme: start one with 'backplan programme init'");
    }
    return out;
  }
  out.standing = programme_profile(*out.file, context.profile());
  const auto& programme = out.file->programme;
  const std::string day = util::today();
  out.sessions = static_cast<int>(programme::due_days(programme).size());
  out.frequency = programme::frequency_words(programme);
  out.session = programme::session_number(programme, day);
  if (out.session > 0) {
    out.title = fmt::format("Session {} of {} of your programme (week {} of {})", out.session, out.sessions,
                            programme::week_of(programme, day), programme.weeks);
    return out;
  }
  const auto next = programme::next_due(programme, day);
  out.rest = !next ? fmt::format("Your programme ended on {}; start another with 'backplan programme init'.",
                                 programme::day_words(programme::last_day(programme)))
             : day < programme.start
               ? fmt::format("Your programme starts on {}.", programme::day_words(*next))
               : fmt::format("Today is a rest day of your programme; the next session is due on {}.",
                             programme::day_words(*next));
  return out;
}

void progress_plan(const Context& context, const ProgrammeDay& day, plan::Plan& plan)
{
  if (!day.file) {
    return;
  }
  std::vector<history::Session> sessions;
  const auto path = history::default_path();
  std::error_code error;
  if (path && std::filesystem::exists(*path, error)) {
    try {
      sessions = history::Store(*path).sessions();
    } catch (const history::HistoryError& failure) {
      history_failure(failure);
    }
  }
  plan = programme::progressed_plan(context.catalog(), day.file->programme, sessions, util::today(), plan);
  const auto& programme = day.file->programme;
  plan.programme = plan::ProgrammeSheet{programme.start, programme.weeks, programme.days};
}

} // namespace backplan::cli
