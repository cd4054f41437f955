#include "plan/planner.hpp"

#include "plan/timing.hpp"
#include "safety/conditions.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>
#include <set>

namespace backplan::plan {

namespace {

using catalog::Catalog;
using catalog::Exercise;

/// A safe exercise that passed the filters, with what ordering needs.
struct Candidate {
  const Exercise* exercise = nullptr;
  safety::Verdict verdict;
  int level = 0;
};

/// Something the plan should cover: a region, a goal or a movement.
struct Need {
  const std::vector<std::string> Exercise::*field;
  std::string id;
};

bool contains(const std::vector<std::string>& items, const std::string& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

std::string name_of(const catalog::Vocabulary& vocabulary, const std::string& id)
{
  const auto* term = vocabulary.find(id);
  return term != nullptr ? term->name : id;
}

std::vector<std::string> names_of(const catalog::Vocabulary& vocabulary,
                                  const std::vector<std::string>& ids)
{
  std::vector<std::string> out;
  for (const auto& id : ids) {
    out.push_back(name_of(vocabulary, id));
  }
  return out;
}

std::string setting_of(const Catalog& catalog, const Exercise& exercise)
{
  const auto* position = catalog.positions.find(exercise.position);
  return position != nullptr ? position->setting : "floor";
}

/// Why a safe exercise does not pass the request's filters, or nothing.
std::optional<LeftOut> filter(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  const auto out = [&](const char* reason, std::string detail) {
    return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
  };
  if (request.setting == "desk" && setting_of(catalog, exercise) == "floor") {
    return out("setting", fmt::format("done on the floor ({}), not at a desk",
                                      name_of(catalog.positions, exercise.position)));
  }
  if (!request.level.empty() &&
      catalog.levels.index_of(exercise.level) > catalog.levels.index_of(request.level)) {
    return out("level", fmt::format("level {} is above the requested {}", exercise.level,
                                    request.level));
  }
  if (!request.regions.empty() && !intersects(exercise.regions, request.regions)) {
    return out("region", fmt::format("works on {}, not a requested region",
                                     util::join(exercise.regions, ", ")));
  }
  if (!request.goals.empty() && !intersects(exercise.goals, request.goals)) {
    return out("goal", fmt::format("serves {}, not a requested goal", util::join(exercise.goals, ", ")));
  }
  return std::nullopt;
}

/// The selection being built: chosen candidates and their doses.
class Selection
{
public:
  Selection(const Catalog& catalog, int budget) : m_catalog(catalog), m_budget(budget) {}

  bool has(const Candidate* candidate) const
  {
    return std::find(m_chosen.begin(), m_chosen.end(), candidate) != m_chosen.end();
  }

  bool covers(const Need& need) const
  {
    return std::any_of(m_chosen.begin(), m_chosen.end(), [&](const Candidate* c) {
      return contains(c->exercise->*need.field, need.id);
    });
  }

  /// Adds `candidate` at `dose` if the total stays within the budget.
  bool try_add(const Candidate* candidate, const Dose& dose)
  {
    m_chosen.push_back(candidate);
    m_doses.push_back(dose);
    if (total() <= m_budget) {
      return true;
    }
    m_chosen.pop_back();
    m_doses.pop_back();
    return false;
  }

  /// Sets every dose with `dose_of` (min_dose, middle_dose, ...).
  void set_doses(Dose (*dose_of)(const catalog::Dosage&))
  {
    for (std::size_t i = 0; i < m_chosen.size(); ++i) {
      m_doses[i] = dose_of(m_chosen[i]->exercise->dosage);
    }
  }

  /// Raises doses one step at a time, always the least-raised value of each
  /// item first, while the total stays within the budget.
  void fit()
  {
    bool progress = true;
    while (progress) {
      progress = false;
      for (std::size_t i = 0; i < m_chosen.size(); ++i) {
        progress = bump(i) || progress;
      }
    }
  }

  /// Total seconds in plan order, transitions included.
  int total() const
  {
    std::vector<const Exercise*> exercises;
    for (const auto* candidate : m_chosen) {
      exercises.push_back(candidate->exercise);
    }
    int seconds = 0;
    const Exercise* previous = nullptr;
    for (const std::size_t i : plan_order(m_catalog, exercises)) {
      const Exercise* exercise = m_chosen[i]->exercise;
      if (previous != nullptr && previous->position != exercise->position) {
        seconds += transition_seconds;
      }
      seconds += duration(m_doses[i], exercise->per_side);
      previous = exercise;
    }
    return seconds;
  }

  const std::vector<const Candidate*>& chosen() const { return m_chosen; }
  int budget() const { return m_budget; }
  const std::vector<Dose>& doses() const { return m_doses; }

private:
  bool bump(std::size_t i)
  {
    const auto& dosage = m_chosen[i]->exercise->dosage;
    Dose& dose = m_doses[i];
    struct Field {
      int Dose::*value;
      std::optional<catalog::Range> range;
      double penalty;  ///< rest is raised only when nothing else can be
    };
    const std::vector<Field> fields = {
      {&Dose::reps, dosage.reps, 0.0},           {&Dose::hold, dosage.hold, 0.0},
      {&Dose::rep_seconds, dosage.rep_seconds, 0.0}, {&Dose::sets, dosage.sets, 0.05},
      {&Dose::rest, dosage.rest, 1.0},
    };
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const auto& range = fields[f].range;
      if (!range || dose.*fields[f].value >= range->max) {
        continue;
      }
      const double used = static_cast<double>(dose.*fields[f].value - range->min) /
                          static_cast<double>(range->max - range->min);
      order.emplace_back(used + fields[f].penalty, f);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    // Seconds with a range of 5 or more grow in steps of 5 (a handout says
    // "hold 30 s", not "hold 32 s"), everything else by one; a single second
    // is tried last, to use the final slack of the budget.
    for (const std::size_t step : {5, 1}) {
      for (const auto& [unused, f] : order) {
        int& value = dose.*fields[f].value;
        const int before = value;
        const bool seconds = fields[f].value == &Dose::hold || fields[f].value == &Dose::rep_seconds;
        const bool wide = fields[f].range->max - fields[f].range->min >= 5;
        if (step == 5 && !(seconds && wide)) {
          ++value;
        } else {
          value = std::min(fields[f].range->max, value + static_cast<int>(step));
        }
        if (total() <= m_budget) {
          return true;
        }
        value = before;
      }
    }
    return false;
  }

  const Catalog& m_catalog;
  int m_budget;
  std::vector<const Candidate*> m_chosen;
  std::vector<Dose> m_doses;
};

std::vector<Need> needs_of(const Catalog& catalog, const Request& request)
{
  std::vector<Need> needs;
  for (const auto& region : request.regions) {
    needs.push_back({&Exercise::regions, region});
  }
  for (const auto& goal : request.goals) {
    needs.push_back({&Exercise::goals, goal});
  }
  if (needs.empty()) {
    for (const auto& movement : catalog.movements.terms) {
      needs.push_back({&Exercise::movements, movement.id});
    }
  }
  return needs;
}

/// A dose a third of the way up every range: the plan holds more exercises
/// at modest doses rather than a few at long ones.
Dose typical_dose(const catalog::Dosage& dosage)
{
  const Dose low = min_dose(dosage);
  const Dose high = max_dose(dosage);
  const auto third = [](int a, int b) { return a + (b - a) / 3; };
  return {third(low.hold, high.hold), third(low.rep_seconds, high.rep_seconds),
          third(low.reps, high.reps), third(low.sets, high.sets), third(low.rest, high.rest)};
}

/// Chooses the exercises and their doses; records needs left uncovered.
void select(const Catalog& catalog, const Request& request, const std::vector<Candidate>& candidates,
            Selection& selection, std::vector<std::string>& uncovered)
{
  // Cover each need with the first candidate, in priority order, that fits.
  for (const auto& need : needs_of(catalog, request)) {
    if (selection.covers(need)) {
      continue;
    }
    bool offered = false;
    bool added = false;
    for (const auto& candidate : candidates) {
      if (selection.has(&candidate) || !contains(candidate.exercise->*need.field, need.id)) {
        continue;
      }
      offered = true;
      if (selection.try_add(&candidate, min_dose(candidate.exercise->dosage))) {
        added = true;
        break;
      }
    }
    if (need.field != &Exercise::movements && !added) {
      const auto& vocabulary = need.field == &Exercise::regions ? catalog.regions : catalog.goals;
      uncovered.push_back(fmt::format("{} ({})", name_of(vocabulary, need.id),
                                      offered ? "no safe exercise for it fits the time"
                                              : "no safe exercise covers it"));
    }
  }
  // Fill with further exercises while the plan fits at their typical doses;
  // those that bring a movement of the spine not yet in the plan come first.
  selection.set_doses(typical_dose);
  std::set<std::string> moved;
  for (const auto* chosen : selection.chosen()) {
    moved.insert(chosen->exercise->movements.begin(), chosen->exercise->movements.end());
  }
  for (const bool novel_only : {true, false}) {
    for (const auto& candidate : candidates) {
      const auto& movements = candidate.exercise->movements;
      const bool novel = std::any_of(movements.begin(), movements.end(),
                                     [&](const std::string& m) { return !moved.contains(m); });
      if (!selection.has(&candidate) && (novel || !novel_only) &&
          selection.try_add(&candidate, typical_dose(candidate.exercise->dosage))) {
        moved.insert(movements.begin(), movements.end());
      }
    }
  }
  selection.set_doses(min_dose);
  selection.fit();
  // Still short of the target: add whatever else fits, at its smallest dose.
  const int target = static_cast<int>(fill_target * selection.budget() + 0.999);
  for (const auto& candidate : candidates) {
    if (selection.total() >= target) {
      break;
    }
    if (selection.has(&candidate)) {
      continue;
    }
    selection.set_doses(min_dose);
    if (!selection.try_add(&candidate, min_dose(candidate.exercise->dosage))) {
      selection.fit();
      continue;
    }
    selection.fit();
  }
}

std::optional<PlanVariant> resolve_variant(const Catalog& catalog, const Request& request,
                                           const std::optional<catalog::Variant>& variant)
{
  if (!variant) {
    return std::nullopt;
  }
  // A version in words obeys its own rules; one that names another exercise
  // obeys that exercise's rules and must suit the request as well.
  const Exercise* other = variant->exercise.empty() ? nullptr : catalog.find(variant->exercise);
  if (!variant->exercise.empty() && (other == nullptr || filter(catalog, request, *other).has_value())) {
    return std::nullopt;
  }
  safety::Verdict verdict = safety::evaluate(
    other != nullptr ? other->contraindications : variant->contraindications, request.conditions);
  if (verdict.excluded()) {
    return std::nullopt;
  }
  return PlanVariant{other != nullptr ? other->name : variant->text,
                     other != nullptr ? other->id : "", std::move(verdict.modifications),
                     std::move(verdict.cautions)};
}

PlanItem make_item(const Catalog& catalog, const Request& request, const Candidate& candidate,
                   const Dose& dose)
{
  const Exercise& exercise = *candidate.exercise;
  PlanItem item;
  item.exercise = exercise;
  item.position_name = name_of(catalog.positions, exercise.position);
  item.kind_name = name_of(catalog.kinds, exercise.kind);
  item.dose = dose;
  item.dosage_words = dosage_words(dose, exercise.per_side);
  item.duration = duration(dose, exercise.per_side);
  item.modifications = candidate.verdict.modifications;
  item.cautions = candidate.verdict.cautions;
  item.easier = resolve_variant(catalog, request, exercise.easier);
  item.harder = resolve_variant(catalog, request, exercise.harder);
  return item;
}

std::vector<std::string> citations(const Catalog& catalog, const std::vector<PlanItem>& items)
{
  std::vector<std::string> out;
  for (const auto& source : catalog.sources.terms) {
    const bool used = std::any_of(items.begin(), items.end(), [&](const PlanItem& item) {
      const auto& rules_cite = [&](const std::vector<catalog::Contraindication>& rules) {
        return std::any_of(rules.begin(), rules.end(),
                           [&](const auto& rule) { return rule.basis == source.id; });
      };
      const auto variant_cites = [&](const std::optional<PlanVariant>& variant) {
        return variant && (rules_cite(variant->modifications) || rules_cite(variant->cautions));
      };
      return contains(item.exercise.sources, source.id) || rules_cite(item.modifications) ||
             rules_cite(item.cautions) || variant_cites(item.easier) || variant_cites(item.harder) ||
             (item.exercise.stop_if && item.exercise.stop_if->basis == source.id);
    });
    if (used) {
      out.push_back(source.citation);
    }
  }
  return out;
}

} // namespace

std::vector<std::size_t> plan_order(const Catalog& catalog, const std::vector<const Exercise*>& items)
{
  const std::vector<std::string> block_order = {"standing", "seated", "floor"};
  const auto block_of = [&](const Exercise* e) {
    const auto setting = setting_of(catalog, *e);
    return static_cast<int>(std::find(block_order.begin(), block_order.end(), setting) -
                            block_order.begin());
  };
  const auto kind_of = [&](const Exercise* e) { return catalog.kinds.index_of(e->kind); };
  // The gentlest kind in each block decides which block comes first.
  std::vector<int> block_rank(block_order.size() + 1, 1 << 20);
  for (const auto* e : items) {
    int& rank = block_rank[static_cast<std::size_t>(block_of(e))];
    rank = std::min(rank, kind_of(e));
  }
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto key = [&](std::size_t i) {
      const int block = block_of(items[i]);
      return std::tuple(block_rank[static_cast<std::size_t>(block)], block, kind_of(items[i]));
    };
    return key(a) < key(b);
  });
  // Within each run of one block and kind, group by position, starting with
  // the position the previous run ended in.
  std::string previous_position;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin;
    while (end < order.size() && block_of(items[order[end]]) == block_of(items[order[begin]]) &&
           kind_of(items[order[end]]) == kind_of(items[order[begin]])) {
      ++end;
    }
    std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(begin),
                     order.begin() + static_cast<std::ptrdiff_t>(end), [&](std::size_t a, std::size_t b) {
                       const auto key = [&](std::size_t i) {
                         const auto& position = items[i]->position;
                         return std::pair(position != previous_position,
                                          catalog.positions.index_of(position));
                       };
                       return key(a) < key(b);
                     });
    previous_position = items[order[end - 1]]->position;
    begin = end;
  }
  return order;
}

int schedule(std::vector<PlanItem>& items)
{
  int clock = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool moved = i > 0 && items[i - 1].exercise.position != items[i].exercise.position;
    items[i].transition = moved ? transition_seconds : 0;
    clock += items[i].transition;
    items[i].start = clock;
    clock += items[i].duration;
  }
  return clock;
}

Plan make_plan(const Catalog& catalog, const Request& request)
{
  Plan plan;
  plan.request = request;
  plan.budget = request.minutes * 60;
  plan.condition_names = names_of(catalog.conditions, request.conditions);
  plan.goal_names = names_of(catalog.goals, request.goals);
  plan.region_names = names_of(catalog.regions, request.regions);
  plan.safety = safety::safety_notes(catalog, request.conditions);

  std::vector<Candidate> candidates;
  for (const auto& exercise : catalog.exercises) {
    safety::Verdict verdict = safety::evaluate(exercise, request.conditions);
    if (verdict.excluded()) {
      plan.left_out.push_back(
        {exercise.id, exercise.name, "condition",
         fmt::format("avoided with {}", util::join(names_of(catalog.conditions, verdict.avoided_for),
                                                   " and ")),
         verdict.avoided_for});
    } else if (auto reason = filter(catalog, request, exercise)) {
      plan.left_out.push_back(std::move(*reason));
    } else {
      candidates.push_back({&exercise, std::move(verdict), catalog.levels.index_of(exercise.level)});
    }
  }
  // Priority: a seeded shuffle, then gentler levels first.
  util::Rng rng(request.seed);
  rng.shuffle(candidates);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.level < b.level; });

  Selection selection(catalog, plan.budget);
  select(catalog, request, candidates, selection, plan.uncovered);

  std::vector<const Exercise*> exercises;
  for (const auto* chosen : selection.chosen()) {
    exercises.push_back(chosen->exercise);
  }
  for (const std::size_t i : plan_order(catalog, exercises)) {
    plan.items.push_back(make_item(catalog, request, *selection.chosen()[i], selection.doses()[i]));
  }
  plan.total = schedule(plan.items);
  for (std::size_t i = 1; i < plan.items.size(); ++i) {
    plan.position_changes += plan.items[i].transition > 0 ? 1 : 0;
  }
  const int target = static_cast<int>(fill_target * plan.budget + 0.999);
  plan.filled = plan.total >= target;
  if (!plan.filled && !plan.items.empty()) {
    plan.shortfall = fmt::format("The safe exercises for this request fill {} of the {} asked for.",
                                 util::format_duration(plan.total), util::format_duration(plan.budget));
  }
  for (const auto& candidate : candidates) {
    if (!selection.has(&candidate)) {
      plan.left_out.push_back({candidate.exercise->id, candidate.exercise->name, "time",
                               "not needed to fill the time, or did not fit in it", {}});
    }
  }
  std::sort(plan.left_out.begin(), plan.left_out.end(),
            [](const LeftOut& a, const LeftOut& b) { return a.id < b.id; });
  plan.sources = citations(catalog, plan.items);
  return plan;
}

} // namespace backplan::plan
