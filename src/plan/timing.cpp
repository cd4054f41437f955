#include "plan/timing.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <initializer_list>

namespace backplan::plan {

namespace {

int low(const std::optional<catalog::Range>& range) { return range ? range->min : 0; }

int high(const std::optional<catalog::Range>& range) { return range ? range->max : 0; }

bool inside(int value, const std::optional<catalog::Range>& range)
{
  return range ? value >= range->min && value <= range->max : value == 0;
}

std::string times(int count)
{
  switch (count) {
  case 1:
    return "once";
  case 2:
    return "twice";
  default:
    return fmt::format("{} times", count);
  }
}

} // namespace

Dose min_dose(const catalog::Dosage& dosage)
{
  return {low(dosage.hold), low(dosage.rep_seconds),      dosage.reps.min,
          dosage.sets.min,  dosage.rest_between_reps.min, dosage.rest_between_sets.min};
}

Dose max_dose(const catalog::Dosage& dosage)
{
  return {high(dosage.hold), high(dosage.rep_seconds),     dosage.reps.max,
          dosage.sets.max,   dosage.rest_between_reps.max, dosage.rest_between_sets.max};
}

Dose middle_dose(const catalog::Dosage& dosage)
{
  const Dose low = min_dose(dosage);
  const Dose high = max_dose(dosage);
  return {(low.hold + high.hold) / 2,
          (low.rep_seconds + high.rep_seconds) / 2,
          (low.reps + high.reps) / 2,
          (low.sets + high.sets) / 2,
          (low.rest_between_reps + high.rest_between_reps) / 2,
          (low.rest_between_sets + high.rest_between_sets) / 2};
}

std::vector<Phase> item_phases(const Dose& dose, bool per_side, const Lead& lead)
{
  std::vector<Phase> phases;
  for_each_phase(dose, per_side, lead, [&phases](const Phase& phase) { phases.push_back(phase); });
  return phases;
}

int duration(const Dose& dose, bool per_side, int side_lead_in)
{
  // The sum of for_each_phase's phases, added up here rather than visited
  // one by one: the planner asks for it for every candidate it weighs, and
  // a test holds the two to each other over every dose of a grid.
  const auto positive = [](int value) { return std::max(value, 0); };
  const int reps = positive(dose.reps);
  const int sets = positive(dose.sets);
  const int one_rep = positive(dose.rep_seconds) + positive(dose.hold);
  const int one_set = reps == 0 ? 0 : reps * one_rep + (reps - 1) * positive(dose.rest_between_reps);
  const int one_side = sets == 0 ? 0 : sets * one_set + (sets - 1) * positive(dose.rest_between_sets);
  return per_side ? 2 * one_side + side_lead_in : one_side;
}

std::string dosage_words(const Dose& dose, bool per_side) { return dosage_words(dose, per_side, dose, dose); }

std::string dosage_words(const Dose& dose, bool per_side, const Dose& least, const Dose& most)
{
  // "20–30" where the dose is the top of a range that starts lower.
  const auto value = [](int at, int low, int high) {
    return at == high && low > 0 && low < high ? fmt::format("{}\u2013{}", low, high) : std::to_string(at);
  };
  const std::string hold = value(dose.hold, least.hold, most.hold);
  const std::string reps = value(dose.reps, least.reps, most.reps);
  std::string words;
  if (dose.hold > 0 && dose.rep_seconds > 0) {
    words = fmt::format("move for {} s, then hold {} s; ", dose.rep_seconds, hold);
  } else if (dose.hold > 0) {
    words = fmt::format("hold {} s, ", hold);
  }
  if (dose.sets > 1) {
    words += fmt::format("{} sets of {}", dose.sets, reps);
  } else {
    words += reps == std::to_string(dose.reps) ? times(dose.reps) : reps + " times";
  }
  if (per_side) {
    words += ", each side";
  }
  const bool rest_reps = dose.rest_between_reps > 0 && dose.reps > 1;
  const bool rest_sets = dose.rest_between_sets > 0 && dose.sets > 1;
  if (rest_reps && rest_sets) {
    words += fmt::format(", rest {} s between repetitions, {} s between sets", dose.rest_between_reps,
                         dose.rest_between_sets);
  } else if (rest_reps) {
    words += fmt::format(", rest {} s between", dose.rest_between_reps);
  } else if (rest_sets) {
    words += fmt::format(", rest {} s between sets", dose.rest_between_sets);
  }
  return words;
}

bool written_value(DoseField field, int value, int low, int high)
{
  if (value == low || value == high) {
    return true;
  }
  if (value < low || value > high) {
    return false;
  }
  const auto in = [value](std::initializer_list<int> values) {
    return std::find(values.begin(), values.end(), value) != values.end();
  };
  switch (field) {
  case DoseField::hold:
    return value <= 5 || in({10, 15, 20, 30, 45, 60}) || (value > 60 && value % 30 == 0);
  case DoseField::rep_seconds:
    return value <= 10 || value % 5 == 0;
  case DoseField::reps:
    return value <= 6 || in({8, 10, 12, 15, 20, 25, 30}) || (value > 30 && value % 10 == 0);
  case DoseField::sets:
    return true;
  case DoseField::rest:
    return value <= 3 || in({5, 10, 15, 30, 60}) || (value > 60 && value % 30 == 0);
  }
  return true;
}

int next_written(DoseField field, int value, int low, int high)
{
  for (int next = value + 1; next <= high; ++next) {
    if (written_value(field, next, low, high)) {
      return next;
    }
  }
  return value;
}

int written_at_most(DoseField field, int value, int low, int high)
{
  for (int at = std::min(value, high); at > low; --at) {
    if (written_value(field, at, low, high)) {
      return at;
    }
  }
  return low;
}

int written_at_least(DoseField field, int value, int low, int high)
{
  for (int at = std::max(value, low); at < high; ++at) {
    if (written_value(field, at, low, high)) {
      return at;
    }
  }
  return high;
}

bool within(const Dose& dose, const catalog::Dosage& dosage)
{
  const auto in = [](int value, const catalog::Range& range) {
    return value >= range.min && value <= range.max;
  };
  return inside(dose.hold, dosage.hold) && inside(dose.rep_seconds, dosage.rep_seconds) &&
         in(dose.reps, dosage.reps) && in(dose.sets, dosage.sets) &&
         in(dose.rest_between_reps, dosage.rest_between_reps) &&
         in(dose.rest_between_sets, dosage.rest_between_sets);
}

} // namespace backplan::plan
