#pragma once

#include "catalog/model.hpp"
#include "plan/model.hpp"

#include <functional>
#include <string>
#include <vector>

namespace backplan::plan {

/// Seconds to get from one start position into another.
inline constexpr int transition_seconds = 15;

/// The smallest dose the catalog allows for `dosage`.
Dose min_dose(const catalog::Dosage& dosage);

/// The largest dose the catalog allows for `dosage`.
Dose max_dose(const catalog::Dosage& dosage);

/// A dose halfway through every range (rounded down): the typical dose.
Dose middle_dose(const catalog::Dosage& dosage);

/// What a person does during one stretch of a plan's time.
enum class PhaseKind {
  change_position,    ///< moving from the previous item's position to this one's
  get_into_position,  ///< taking up the start position (no time of its own in the plan)
  move,               ///< the movement of one repetition
  hold,               ///< holding the end position of one repetition
  rest_between_reps,
  rest_between_sets,
  switch_sides,       ///< starting the second side (no time of its own in the plan)
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

/// Calls `visit` with each phase of an item in order: the change of position
/// when `transition` is above 0, getting into position, then for each side,
/// set and repetition its movement, hold and rests. The single statement of
/// the timing model: every duration in a plan is the sum of these phases.
void for_each_phase(const Dose& dose, bool per_side, int transition,
                    const std::function<void(const Phase&)>& visit);

/// The phases of an item, as `for_each_phase` yields them.
std::vector<Phase> item_phases(const Dose& dose, bool per_side, int transition);

/// Seconds one exercise takes at `dose`, the transition before it left out:
/// the sum of its phases, that is sides × (sets × (reps × (moving + hold) +
/// rests between reps) + rests between sets).
int duration(const Dose& dose, bool per_side);

/// The dose in words: "hold 30 s, 3 times, each side".
std::string dosage_words(const Dose& dose, bool per_side);

/// Whether `dose` lies within the catalog's ranges of `dosage`.
bool within(const Dose& dose, const catalog::Dosage& dosage);

} // namespace backplan::plan
