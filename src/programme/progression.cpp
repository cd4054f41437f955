#include "programme/progression.hpp"

#include "history/report.hpp"
#include "plan/timing.hpp"

#include "backplan/plan/planner.hpp"
#include "util/text.hpp"
#include <algorithm>
#include <fmt/format.h>

namespace backplan::programme {

namespace {

using plan::Dose;
using plan::DoseField;

/// The pain the next morning is compared with: before the session, or
/// during it when that was not given.
std::optional<int> baseline(const history::Ratings& ratings)
{
  return ratings.pain_before ? ratings.pain_before : ratings.pain;
}

/// `ladder`'s step nearest below or at `dose` by its seconds.
int step_of(const std::vector<Dose>& ladder, const Dose& dose, bool per_side)
{
  const int seconds = plan::duration(dose, per_side, 0);
  int step = 0;
  for (std::size_t i = 0; i < ladder.size(); ++i) {
    if (plan::duration(ladder[i], per_side, 0) <= seconds) {
      step = static_cast<int>(i);
    }
  }
  return step;
}

} // namespace

Move week_move(const std::vector<ExerciseSession>& week, std::string& reason)
{
  int good = 0;
  for (const auto& session : week) {
    const auto& r = session.ratings;
    if (r.pain && *r.pain > 5) {
      reason = fmt::format("pain {} during the session of {}: above 5 is too much", *r.pain, session.day);
      return Move::down;
    }
    if (r.effort && *r.effort > 8) {
      reason = fmt::format("effort {} on {}: above 8 is too hard", *r.effort, session.day);
      return Move::down;
    }
    if (r.morning_pain && baseline(r) && *r.morning_pain > *baseline(r)) {
      reason = fmt::format("the morning after {} was worse (pain {} against {})", session.day,
                           *r.morning_pain, *baseline(r));
      return Move::down;
    }
  }
  for (const auto& session : week) {
    const auto& r = session.ratings;
    if (r.pain && *r.pain >= 4) {
      reason = fmt::format("pain {} on {}: 4 to 5 is acceptable, so the dose holds", *r.pain, session.day);
      return Move::hold;
    }
    if (r.effort && *r.effort >= 7) {
      reason = fmt::format("effort {} on {}: 7 to 8 holds the dose", *r.effort, session.day);
      return Move::hold;
    }
    good += session.complete && r.pain && r.effort ? 1 : 0;
  }
  if (good >= 2) {
    reason = fmt::format("{} complete sessions with pain 3 or less and effort 6 or less", good);
    return Move::up;
  }
  reason = week.empty() ? "no session with it that week"
                        : fmt::format("{} complete session{} rated with pain and effort; it takes 2", good,
                                      good == 1 ? "" : "s");
  return Move::hold;
}

int progress(const Programme& programme, const std::vector<ExerciseSession>& log, const std::string& today,
             int start_step, int top, std::vector<WeekMove>& weeks)
{
  int step = start_step;
  bool down_before = false;
  const int complete_weeks = std::min(programme.weeks, week_of(programme, today) - 1);
  for (int week = 1; week <= complete_weeks; ++week) {
    const std::string from = history::add_days(programme.start, 7 * (week - 1));
    const std::string to = history::add_days(from, 6);
    std::vector<ExerciseSession> sessions;
    std::copy_if(log.begin(), log.end(), std::back_inserter(sessions),
                 [&](const ExerciseSession& s) { return s.day >= from && s.day <= to; });
    WeekMove move{week, Move::hold, step, ""};
    move.move = week_move(sessions, move.reason);
    if (move.move == Move::down && down_before) {
      move.move = Move::flare;
      move.reason += "; down two weeks in a row: a flare-up, so back to the gentlest dose";
      step = 0;
    } else if (move.move == Move::down) {
      step = std::max(0, step - 1);
    } else if (move.move == Move::up) {
      if (step >= top) {
        move.move = Move::hold;
        move.mastered = true;
        move.reason += ", at the top of its range";
      } else {
        ++step;
      }
    }
    down_before = move.move == Move::down || move.move == Move::flare;
    move.step = step;
    weeks.push_back(move);
  }
  return step;
}

std::vector<Dose> dose_ladder(const Dose& least, const Dose& most, const catalog::Dosage& dosage)
{
  std::vector<Dose> ladder = {least};
  Dose dose = least;
  const auto climb = [&](int Dose::*field, DoseField kind, const catalog::Range& range) {
    while (dose.*field < most.*field) {
      const int next = plan::next_written(kind, dose.*field, range.min, std::min(range.max, most.*field));
      if (next == dose.*field) {
        break;
      }
      dose.*field = next;
      ladder.push_back(dose);
    }
  };
  climb(&Dose::reps, DoseField::reps, dosage.reps);
  if (dosage.hold) {
    climb(&Dose::hold, DoseField::hold, *dosage.hold);
  }
  climb(&Dose::sets, DoseField::sets, dosage.sets);
  return ladder;
}

namespace {

/// One exercise of a programme's plan on its way up or down its ladder.
struct Target {
  const catalog::Exercise* exercise = nullptr;
  std::vector<Dose> ladder;
  int start = 0; ///< the step of the plan's own dose
  int step = 0;  ///< the step the log earns
  std::string reason;
  std::string harder; ///< the exercise it gives way to, once mastered; empty: none
  int earned = 0;     ///< the step the log earns, before any is held back for the time
};

/// The harder version of `exercise`: the catalog's exercise that progresses
/// it, else the other exercise its `harder` names; nullptr for none.
const catalog::Exercise* harder_version(const catalog::Catalog& catalog, const catalog::Exercise& exercise)
{
  for (const auto& other : catalog.exercises) {
    if (other.progression_of == exercise.id) {
      return &other;
    }
  }
  return exercise.harder && !exercise.harder->exercise.empty() ? catalog.find(exercise.harder->exercise)
                                                               : nullptr;
}

/// `dose` as a clinician's dose for `id`, every value set.
plan::DoseChange dose_change_of(const catalog::Exercise& exercise, const Dose& dose)
{
  plan::DoseChange change;
  change.id = exercise.id;
  if (exercise.dosage.hold) {
    change.hold = dose.hold;
  }
  if (exercise.dosage.rep_seconds) {
    change.rep_seconds = dose.rep_seconds;
  }
  change.reps = dose.reps;
  change.sets = dose.sets;
  change.rest_between_reps = dose.rest_between_reps;
  change.rest_between_sets = dose.rest_between_sets;
  change.text = plan::dosage_words(dose, exercise.per_side);
  return change;
}

Target target_of(const catalog::Catalog& catalog, const Programme& programme,
                 const std::vector<history::Session>& sessions, const std::string& today,
                 const plan::PlanItem& item)
{
  const auto& exercise = item.exercise;
  Target target;
  target.exercise = catalog.find(exercise.id);
  std::vector<ExerciseSession> log;
  for (const auto& session : sessions) {
    for (const auto& logged : session.items) {
      if (logged.exercise == exercise.id &&
          (logged.outcome == history::Outcome::done || logged.outcome == history::Outcome::partly)) {
        log.push_back({session.day, logged.outcome == history::Outcome::done, session.ratings});
      }
    }
  }
  target.ladder =
    dose_ladder(plan::min_dose(exercise.dosage), plan::max_dose(exercise.dosage), exercise.dosage);
  target.start = step_of(target.ladder, item.dose, exercise.per_side);
  std::vector<WeekMove> weeks;
  target.step =
    progress(programme, log, today, target.start, static_cast<int>(target.ladder.size()) - 1, weeks);
  target.earned = target.step;
  target.reason = weeks.empty() ? "the first week of the programme: the starting dose"
                                : fmt::format("step {} of {} after week {}: {}", target.step + 1,
                                              target.ladder.size(), weeks.back().week, weeks.back().reason);
  // Mastered, and not stepped down since: on to the harder version.
  bool mastered = false;
  for (const auto& week : weeks) {
    mastered = week.mastered || (mastered && week.move != Move::down && week.move != Move::flare);
  }
  if (mastered && target.exercise != nullptr) {
    const auto* harder = harder_version(catalog, *target.exercise);
    target.harder = harder != nullptr ? harder->id : "";
    if (harder == nullptr) {
      target.reason += "; ask your physiotherapist about a harder version";
    }
  }
  return target;
}

} // namespace

plan::Plan progressed_plan(const catalog::Catalog& catalog, const Programme& programme,
                           const std::vector<history::Session>& sessions, const std::string& today,
                           const plan::Plan& base)
{
  std::vector<Target> targets;
  for (const auto& item : base.items) {
    targets.push_back(target_of(catalog, programme, sessions, today, item));
  }
  // The request with the swaps to a harder version of the first `swaps`
  // targets, and, with `steps`, every target's step as its dose.
  const auto request_of = [&](std::size_t swaps, bool steps) {
    plan::Request request = base.request;
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const auto& target = targets[i];
      if (target.exercise == nullptr) {
        continue;
      }
      if (i < swaps && !target.harder.empty()) {
        if (!request.exercises.empty()) {
          // A programme that names its exercises: the harder one in its place.
          std::replace(request.exercises.begin(), request.exercises.end(), target.exercise->id,
                       target.harder);
        } else {
          request.exclude.push_back(target.exercise->id);
          if (!plan::contains(request.include, target.harder)) {
            request.include.push_back(target.harder);
          }
        }
      } else if (steps && target.step != target.start) {
        request.doses.push_back(
          dose_change_of(*target.exercise, target.ladder[static_cast<std::size_t>(target.step)]));
      }
    }
    return request;
  };
  // Each harder version in turn, kept when the plan can hold it beside the
  // ones kept before (for the conditions, in the time).
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto& target = targets[i];
    if (target.harder.empty()) {
      continue;
    }
    const auto trial = plan::make_plan(catalog, request_of(i + 1, false));
    if (!trial.unmet.empty() || trial.items.empty()) {
      const auto* harder = catalog.find(target.harder);
      target.reason +=
        fmt::format("; its harder version, {}, cannot take its place ({}): ask your physiotherapist",
                    harder != nullptr ? harder->name : target.harder,
                    trial.unmet.empty() ? "no safe plan holds it" : trial.unmet);
      target.harder.clear();
    }
  }
  plan::Plan out;
  while (true) {
    const plan::Request request = request_of(targets.size(), true);
    if (request.doses.empty() && request.exclude == base.request.exclude &&
        request.exercises == base.request.exercises) {
      out = base; // nothing moved
      break;
    }
    out = plan::make_plan(catalog, request);
    if (out.unmet.empty() && !out.items.empty()) {
      break;
    }
    // The steps up do not fit the session's time together: the one
    // furthest up from its start (the later on a tie) comes down a
    // step, so that the steps held back are shared out.
    auto last_up = targets.end();
    for (auto it = targets.begin(); it != targets.end(); ++it) {
      if (it->harder.empty() && it->step > it->start &&
          (last_up == targets.end() || it->step - it->start >= last_up->step - last_up->start)) {
        last_up = it;
      }
    }
    if (last_up == targets.end()) {
      out = plan::make_plan(catalog, request_of(targets.size(), false)); // the swaps alone fit, as tried
      break;
    }
    --last_up->step;
  }
  for (auto& target : targets) {
    if (target.step < target.earned) {
      target.reason += fmt::format("; held at step {}, so that the session keeps to {}", target.step + 1,
                                   util::format_duration(base.budget));
    }
  }
  for (auto& item : out.items) {
    const auto target = std::find_if(targets.begin(), targets.end(), [&](const Target& t) {
      return t.exercise != nullptr && t.exercise->id == item.exercise.id;
    });
    const auto mastered = std::find_if(targets.begin(), targets.end(),
                                       [&](const Target& t) { return t.harder == item.exercise.id; });
    item.dose_because =
      target != targets.end() ? target->reason
      : mastered != targets.end()
        ? fmt::format("in place of {}, mastered at the top of its range: its harder version, at the dose the "
                      "plan gives it",
                      mastered->exercise->name)
        : "joined this session to fill its time, at the dose the plan gives it";
  }
  return out;
}

} // namespace backplan::programme
