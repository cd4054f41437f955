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
/// hold) + rests between reps) + rests between sets).
int duration(const Dose& dose, bool per_side);

/// The dose in words: "hold 30 s, 3 times, each side".
std::string dosage_words(const Dose& dose, bool per_side);

/// Whether `dose` lies within the catalog's ranges of `dosage`.
bool within(const Dose& dose, const catalog::Dosage& dosage);

} // namespace backplan::plan
