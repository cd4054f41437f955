#pragma once

#include "catalog/model.hpp"
#include "plan/model.hpp"

#include <string>

namespace backplan::plan {

/// Seconds to get from one start position into another.
inline constexpr int transition_seconds = 15;

/// The smallest dose the catalog allows for `dosage`.
Dose min_dose(const catalog::Dosage& dosage);

/// The largest dose the catalog allows for `dosage`.
Dose max_dose(const catalog::Dosage& dosage);

/// A dose halfway through every range (rounded down): the typical dose.
Dose middle_dose(const catalog::Dosage& dosage);

/// Seconds one exercise takes at `dose`: sides × (sets × (reps × (moving +
/// hold) + (reps − 1) × rest_between_reps) + (sets − 1) × rest_between_sets).
int duration(const Dose& dose, bool per_side);

/// The dose in words: "hold 30 s, 3 times, each side, rest 10 s between";
/// with sets, "2 sets of 10, rest 2 s between repetitions, 30 s between sets".
std::string dosage_words(const Dose& dose, bool per_side);

/// Whether `dose` lies within the catalog's ranges of `dosage`.
bool within(const Dose& dose, const catalog::Dosage& dosage);

} // namespace backplan::plan
