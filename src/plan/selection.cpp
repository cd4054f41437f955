#include "plan/selection.hpp"

#include "backplan/plan/planner.hpp"
#include "plan/timing.hpp"

#include <algorithm>

namespace backplan::plan {

namespace {

/// One value of a dose the planner may raise, with its range.
struct Field {
  int Dose::*value;
  DoseField kind; ///< which values a physiotherapist writes for it
  double penalty; ///< rests are raised only when nothing else can be
};

const std::vector<Field> fields = {
  {&Dose::reps, DoseField::reps, 0.0},
  {&Dose::hold, DoseField::hold, 0.0},
  {&Dose::rep_seconds, DoseField::rep_seconds, 0.0},
  {&Dose::sets, DoseField::sets, 0.05},
  {&Dose::rest_between_reps, DoseField::rest, 1.0},
  {&Dose::rest_between_sets, DoseField::rest, 1.0},
};

/// How far `value` is up its range from `low` to `high`, from 0 to 1.
double used(int value, int low, int high)
{
  return high > low ? static_cast<double>(value - low) / static_cast<double>(high - low) : 1.0;
}

} // namespace

Dose dose_between(const Dose& least, const Dose& most, int numerator, int denominator)
{
  Dose dose = least;
  for (const auto& field : fields) {
    const int low = least.*field.value;
    const int high = most.*field.value;
    dose.*field.value = written_at_most(field.kind, low + (high - low) * numerator / denominator, low, high);
  }
  return dose;
}

Dose least_dose(const catalog::Catalog& catalog, const catalog::Exercise& exercise)
{
  Dose dose = min_dose(exercise.dosage);
  const auto* kind = catalog.kinds.find(exercise.kind);
  // A stretch whose range reaches the kind's shortest hold never holds less;
  // one whose regime is short holds keeps them.
  if (kind != nullptr && exercise.dosage.hold && kind->min_hold <= exercise.dosage.hold->max) {
    dose.hold = written_at_least(DoseField::hold, std::max(dose.hold, kind->min_hold),
                                 exercise.dosage.hold->min, exercise.dosage.hold->max);
  }
  return dose;
}

Dose capped_dose(const Dose& least, const Dose& most, bool per_side, DoseLevel level, int cap,
                 int side_lead_in)
{
  for (int numerator = level.numerator; numerator > 0; --numerator) {
    Dose dose = dose_between(least, most, numerator, level.denominator);
    if (cap == 0 || duration(dose, per_side, side_lead_in) <= cap) {
      return dose;
    }
  }
  return least;
}

Dose level_dose(const catalog::Catalog& catalog, const catalog::Exercise& exercise, int minutes, int lead_in,
                int position_cap)
{
  const int item = item_cap_seconds(minutes * 60);
  return capped_dose(least_dose(catalog, exercise), max_dose(exercise.dosage), exercise.per_side,
                     dose_level(minutes), position_cap > 0 ? std::min(position_cap, item) : item, lead_in);
}

Selection::Selection(const catalog::Catalog& catalog, int budget, int lead_in,
                     std::vector<PositionLimit> limits)
    : m_catalog(catalog), m_order_of(catalog), m_budget(budget), m_lead_in(lead_in),
      m_level(dose_level(budget / 60)), m_limits(std::move(limits))
{}

int Selection::position_cap(const catalog::Exercise& exercise) const
{
  for (const auto& limit : m_limits) {
    if (std::find(limit.positions.begin(), limit.positions.end(), exercise.position) !=
        limit.positions.end()) {
      return limit.seconds;
    }
  }
  return 0;
}

Exceeded exceeded_limit(const std::vector<PositionLimit>& limits, std::size_t count,
                        const std::function<PositionTime(std::size_t)>& time_of)
{
  for (const auto& limit : limits) {
    int seconds = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const PositionTime time = time_of(i);
      if (std::find(limit.positions.begin(), limit.positions.end(), *time.position) !=
          limit.positions.end()) {
        seconds += time.seconds;
      }
    }
    if (seconds > limit.seconds) {
      return {&limit, seconds};
    }
  }
  return {};
}

bool Selection::within_limits() const
{
  return exceeded_limit(m_limits, m_chosen.size(), [&](std::size_t i) {
           const auto& exercise = *m_chosen[i]->exercise;
           return PositionTime{&exercise.position, seconds(m_doses[i], exercise.per_side)};
         }).limit == nullptr;
}

bool Selection::has(const Candidate* candidate) const
{
  return std::find(m_chosen.begin(), m_chosen.end(), candidate) != m_chosen.end();
}

void Selection::reorder()
{
  std::vector<const catalog::Exercise*> exercises;
  for (const auto* candidate : m_chosen) {
    exercises.push_back(candidate->exercise);
  }
  m_order = m_order_of(exercises);
  ++m_changes;
}

void Selection::remove(const Candidate* candidate)
{
  const auto at =
    static_cast<std::ptrdiff_t>(std::find(m_chosen.begin(), m_chosen.end(), candidate) - m_chosen.begin());
  if (at == static_cast<std::ptrdiff_t>(m_chosen.size())) {
    return;
  }
  m_chosen.erase(m_chosen.begin() + at);
  m_doses.erase(m_doses.begin() + at);
  m_groups.erase(m_groups.begin() + at);
  m_floor.erase(m_floor.begin() + at);
  reorder();
}

void Selection::restore(State state)
{
  m_chosen = std::move(state.chosen);
  m_doses = std::move(state.doses);
  m_groups = std::move(state.groups);
  m_floor = std::move(state.floor);
  m_order = std::move(state.order);
  ++m_changes;
}

std::optional<int> Selection::item_cap() const
{
  if (m_item_cap_lifted) {
    return std::nullopt;
  }
  return item_cap_seconds(m_budget);
}

std::size_t Selection::posture_count() const
{
  std::size_t count = 0;
  for (std::size_t i = 0; i < m_groups.size(); ++i) {
    const auto first = std::find_if(m_groups.begin(), m_groups.end(),
                                    [&](const std::string* group) { return *group == *m_groups[i]; });
    count += first == m_groups.begin() + static_cast<std::ptrdiff_t>(i) ? 1 : 0;
  }
  return count;
}

Added Selection::try_add(const Candidate* candidate, const Dose& dose)
{
  // No item may take more than its share of the plan, unless a clinician
  // set its dose.
  const auto cap = item_cap();
  if (cap && !candidate->prescribed && seconds(dose, candidate->exercise->per_side) > *cap) {
    return Added::over_item_cap;
  }
  // The items' own seconds, without transitions, are a lower bound of the
  // total: most candidates of a large catalog are turned away by it without
  // ordering the plan again.
  m_cost = seconds(dose, candidate->exercise->per_side);
  if (item_seconds() + m_cost > m_budget) {
    return Added::over_budget;
  }
  m_chosen.push_back(candidate);
  m_doses.push_back(dose);
  m_groups.push_back(&position_group(m_catalog, *candidate->exercise));
  m_floor.push_back(setting_of(m_catalog, *candidate->exercise) == "floor");
  const auto refuse = [&](Added why) {
    m_chosen.pop_back();
    m_doses.pop_back();
    m_groups.pop_back();
    m_floor.pop_back();
    return why;
  };
  const bool new_posture = std::none_of(m_groups.begin(), m_groups.end() - 1,
                                        [&](const std::string* group) { return *group == *m_groups.back(); });
  if ((new_posture && m_postures_closed) || posture_count() > static_cast<std::size_t>(moves_cap()) + 1) {
    return refuse(Added::over_moves);
  }
  if (!within_limits()) {
    return refuse(Added::over_position);
  }
  std::vector<std::size_t> before = m_order;
  reorder();
  const int after_total = total();
  if (after_total <= m_budget) {
    return Added::yes;
  }
  m_order = std::move(before);
  const Added why = refuse(Added::over_budget);
  m_cost = after_total - total(); // what it would have added, changes of position included
  return why;
}

Dose Selection::level_dose(const Candidate& candidate) const
{
  const int position = position_cap(*candidate.exercise);
  const int item = item_cap_seconds(m_budget);
  return capped_dose(candidate.least, candidate.most, candidate.exercise->per_side, m_level,
                     position > 0 ? std::min(position, item) : item, m_lead_in);
}

void Selection::set_level_doses()
{
  for (std::size_t i = 0; i < m_chosen.size(); ++i) {
    m_doses[i] = level_dose(*m_chosen[i]);
  }
}

int Selection::total() const
{
  int total = 0;
  const std::size_t none = m_chosen.size();
  std::size_t previous = none;
  for (const std::size_t i : m_order) {
    const bool moves =
      previous == none || (m_groups[previous] != m_groups[i] && *m_groups[previous] != *m_groups[i]);
    total += ready_seconds(moves, previous != none && m_floor[previous], m_floor[i], m_lead_in);
    total += seconds(m_doses[i], m_chosen[i]->exercise->per_side);
    previous = i;
  }
  return total;
}

int Selection::item_seconds() const
{
  int seconds = 0;
  for (std::size_t i = 0; i < m_chosen.size(); ++i) {
    seconds += this->seconds(m_doses[i], m_chosen[i]->exercise->per_side);
  }
  return seconds;
}

int Selection::kind_seconds(const std::string& kind) const
{
  int seconds = 0;
  for (std::size_t i = 0; i < m_chosen.size(); ++i) {
    if (m_chosen[i]->exercise->kind == kind && m_chosen[i]->works) {
      seconds += this->seconds(m_doses[i], m_chosen[i]->exercise->per_side);
    }
  }
  return seconds;
}

double Selection::progress(std::size_t i) const
{
  const Dose& low = m_chosen[i]->least;
  const Dose& high = m_chosen[i]->most;
  double sum = 0;
  int count = 0;
  for (const auto& field : fields) {
    if (field.penalty < 1.0 && high.*field.value > low.*field.value) {
      sum += used(m_doses[i].*field.value, low.*field.value, high.*field.value);
      ++count;
    }
  }
  return count > 0 ? sum / count : 1.0;
}

Selection::Step Selection::bump(std::size_t i, const Dose& high)
{
  const Dose& low = m_chosen[i]->least;
  const Dose& most = m_chosen[i]->most;
  Dose& dose = m_doses[i];
  std::vector<std::pair<double, const Field*>> order;
  for (const auto& field : fields) {
    if (dose.*field.value < high.*field.value) {
      order.emplace_back(used(dose.*field.value, low.*field.value, most.*field.value) + field.penalty,
                         &field);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  // Only the value least far up its range grows, to the next one a
  // physiotherapist writes (a handout says "hold 30 s", not "hold 32 s";
  // "12 times", not "13 times"), so that each item climbs one ladder
  // whatever the budget.
  if (order.empty()) {
    return Step::at_top;
  }
  const Field& field = *order.front().second;
  int& value = dose.*field.value;
  const int before = value;
  value = next_written(field.kind, value, low.*field.value, high.*field.value);
  if (value == before) {
    return Step::at_top;
  }
  if (total() <= m_budget && within_limits()) {
    return Step::taken;
  }
  value = before;
  return Step::over;
}

void Selection::raise()
{
  // No dose grows past what a longer plan gives: the first longer plan
  // (by the minute) that would give these exercises their level's doses
  // without raising them, because at those doses they do not all fit or
  // already fill it. Its doses are the ceiling of every plan between.
  std::vector<Dose> ceiling;
  for (const auto* candidate : m_chosen) {
    ceiling.push_back(candidate->most);
  }
  Selection longer = *this;
  for (int minutes = m_budget / 60 + 1; minutes <= dose_most_minutes; ++minutes) {
    longer.m_budget = minutes * 60;
    longer.m_level = dose_level(minutes);
    longer.set_level_doses();
    const int seconds = longer.total();
    if (seconds > longer.m_budget || !longer.within_limits() ||
        seconds >= fill_target_seconds(longer.m_budget)) {
      ceiling = longer.m_doses;
      break;
    }
  }
  // Always the item least far up its ranges, one step, until a step does
  // not fit: the steps come in one order whatever the budget, so a larger
  // one only takes more of them.
  std::vector<bool> done(m_chosen.size(), false);
  while (true) {
    std::size_t best = m_chosen.size();
    double best_progress = 2.0;
    for (std::size_t i = 0; i < m_chosen.size(); ++i) {
      if (!done[i] && progress(i) < best_progress) {
        best_progress = progress(i);
        best = i;
      }
    }
    if (best == m_chosen.size()) {
      return;
    }
    switch (bump(best, ceiling[best])) {
    case Step::taken:
      break;
    case Step::at_top:
      done[best] = true;
      break;
    case Step::over:
      return;
    }
  }
}

} // namespace backplan::plan
