#pragma once

#include "cli/plan_options.hpp"
#include "cli/programme_file.hpp"

#include <optional>
#include <string>

namespace backplan::cli {

/// A plan command's programme, when it follows one: `today`, or plan and
/// run given no option that shapes a plan while a programme is active.
struct ProgrammeDay {
  std::optional<ProgrammeFile> file;
  Profile standing;      ///< the programme's settings with the user's profile's conditions
  int session = 0;       ///< today's session number, 0 when none is due today
  int sessions = 0;      ///< how many the programme has
  std::string title;     ///< "Session 3 of 18 of your programme (week 2 of 6)", or empty
  std::string rest;      ///< when no session is due today: a line saying when the next one is
  std::string frequency; ///< "on Mon, Wed and Fri, for 6 weeks"
};

/// The programme a plan command follows: for `today` the programme (a
/// Failure, exit 1, when there is none); for plan and run only when
/// `options` shape nothing; else nothing.
ProgrammeDay programme_day(const Context& context, const PlanOptions& options, bool today);

/// `plan`, made for `day`'s programme, at the doses the history earns
/// (programme::progressed_plan); unchanged without a programme.
void progress_plan(const Context& context, const ProgrammeDay& day, plan::Plan& plan);

} // namespace backplan::cli
