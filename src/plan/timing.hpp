#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace backplan::plan {

/// Seconds to get from one posture into another (planner.hpp's
/// transition_seconds, for postures known to differ): 20 to get down to or
/// up from the floor, 10 otherwise.
inline int change_seconds(bool from_floor, bool to_floor) { return from_floor != to_floor ? 20 : 10; }

/// Seconds to get ready before an item: `lead_in` where the posture stays;
/// where it changes (`moves`, and before the first exercise, from standing
/// or sitting) at least the time of the change (`change_seconds`).
inline int ready_seconds(bool moves, bool from_floor, bool to_floor, int lead_in)
{
  return moves ? std::max(lead_in, change_seconds(from_floor, to_floor)) : lead_in;
}

/// The smallest dose the catalog allows for `dosage`.
Dose min_dose(const catalog::Dosage& dosage);

/// The largest dose the catalog allows for `dosage`.
Dose max_dose(const catalog::Dosage& dosage);

/// A dose halfway through every range (rounded down): the typical dose.
Dose middle_dose(const catalog::Dosage& dosage);

/// What a person does during one stretch of a plan's time.
enum class PhaseKind {
  change_position,   ///< getting ready where the position changes (and before the first exercise)
  get_into_position, ///< getting ready where the posture stays: the lead-in
  move,              ///< the movement of one repetition
  hold,              ///< holding the end position of one repetition
  rest_between_reps,
  rest_between_sets,
  switch_sides, ///< getting ready for the second side: its lead-in
};

/// One phase of an item: its kind, its seconds, and where it falls in the
/// dose (side 0 when the exercise is not done on each side, else 1 or 2).
struct Phase {
  PhaseKind kind = PhaseKind::move;
  int seconds = 0;
  int side = 0;
  int set = 1;
  int rep = 1;
};

/// The time to get ready before an item and before its second side.
struct Lead {
  int ready = 0;      ///< seconds before the item (PlanItem::transition)
  bool moves = false; ///< the position changes before it, or it is the first
  int side = 0;       ///< seconds before the second side of an exercise done on each side
};

/// Calls `visit` with each phase of an item in order: getting ready (a
/// change of position when `lead.moves`, else getting into position), then
/// for each side, set and repetition its movement, hold and rests, with the
/// second side's lead-in between the sides. The single statement of the
/// timing model: every duration in a plan is the sum of these phases.
/// (A template, defined here, so that the planner's many duration sums
/// cost no more than the arithmetic.)
template<typename Visit>
void for_each_phase(const Dose& dose, bool per_side, const Lead& lead, Visit&& visit)
{
  visit(Phase{lead.moves ? PhaseKind::change_position : PhaseKind::get_into_position, lead.ready,
              per_side ? 1 : 0, 1, 1});
  const int sides = per_side ? 2 : 1;
  for (int side = 1; side <= sides; ++side) {
    const int side_number = per_side ? side : 0;
    if (side > 1) {
      visit(Phase{PhaseKind::switch_sides, lead.side, side_number, 1, 1});
    }
    for (int set = 1; set <= dose.sets; ++set) {
      for (int rep = 1; rep <= dose.reps; ++rep) {
        if (dose.rep_seconds > 0) {
          visit(Phase{PhaseKind::move, dose.rep_seconds, side_number, set, rep});
        }
        if (dose.hold > 0) {
          visit(Phase{PhaseKind::hold, dose.hold, side_number, set, rep});
        }
        if (rep < dose.reps && dose.rest_between_reps > 0) {
          visit(Phase{PhaseKind::rest_between_reps, dose.rest_between_reps, side_number, set, rep});
        }
      }
      if (set < dose.sets && dose.rest_between_sets > 0) {
        visit(Phase{PhaseKind::rest_between_sets, dose.rest_between_sets, side_number, set, dose.reps});
      }
    }
  }
}

/// The phases of an item, as `for_each_phase` yields them.
std::vector<Phase> item_phases(const Dose& dose, bool per_side, const Lead& lead);

/// Seconds one exercise takes at `dose`, getting ready before it left out:
/// the sum of its phases, that is sides × (sets × (reps × (moving + hold) +
/// (reps − 1) × rest_between_reps) + (sets − 1) × rest_between_sets), and
/// `side_lead_in` between the sides of one done on each side.
int duration(const Dose& dose, bool per_side, int side_lead_in);

/// The dose in words: "hold 30 s, 3 times, each side, rest 10 s between";
/// with sets, "2 sets of 10, rest 2 s between repetitions, 30 s between sets".
std::string dosage_words(const Dose& dose, bool per_side);

/// The same, with a range as a physiotherapist writes one ("hold 20–30 s,
/// 2–3 times") for the hold and the repetitions where the plan gives the
/// most of a range (`most`) that starts lower (`least`): the plan's time
/// allows for the top of it, and the person may stop at the bottom.
std::string dosage_words(const Dose& dose, bool per_side, const Dose& least, const Dose& most);

/// The fields of a dose, as a physiotherapist writes each.
enum class DoseField { hold, rep_seconds, reps, sets, rest };

/// Whether a physiotherapist would write `value` for `field` in a range of
/// [low, high]: either end of the range, or a value inside it that people
/// count in. Holds of up to 5 s, then 10, 15, 20, 30, 45 and 60 s (and
/// whole half minutes); movements of up to 10 s, then steps of 5;
/// repetitions up to 6, then 8, 10, 12, 15, 20, 25, 30 (and tens); rests up
/// to 3 s, then 5, 10, 15, 30 and 60 s (and whole half minutes); any number
/// of sets.
bool written_value(DoseField field, int value, int low, int high);

/// The next value above `value` a physiotherapist writes for `field` in
/// [low, high], or `value` when there is none.
int next_written(DoseField field, int value, int low, int high);

/// `value` rounded down to a written value of `field` in [low, high] (at
/// least `low`).
int written_at_most(DoseField field, int value, int low, int high);

/// `value` rounded up to a written value of `field` in [low, high] (at most
/// `high`).
int written_at_least(DoseField field, int value, int low, int high);

/// Whether `dose` lies within the catalog's ranges of `dosage`.
bool within(const Dose& dose, const catalog::Dosage& dosage);

} // namespace backplan::plan
