#include "plan/planner.hpp"

#include "plan/selection.hpp"
#include "plan/timing.hpp"
#include "safety/conditions.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <tuple>
#include <set>

namespace backplan::plan {

namespace {

using catalog::Catalog;
using catalog::Exercise;

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
  if (!exercise.progression_of.empty() &&
      (request.level.empty() ||
       catalog.levels.index_of(request.level) < catalog.levels.index_of(exercise.level))) {
    const Exercise* base = catalog.find(exercise.progression_of);
    return out("progression",
               fmt::format("progresses {} and needs it mastered first: only with --level {} or harder",
                           base != nullptr ? base->name : exercise.progression_of, exercise.level));
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

/// Whether `a` and `b` are an exercise and its own progression.
bool progression_pair(const Exercise& a, const Exercise& b)
{
  return a.progression_of == b.id || b.progression_of == a.id;
}

/// Chooses the exercises and their doses, and remembers why each candidate
/// it did not choose was refused.
class Chooser
{
public:
  Chooser(const Catalog& catalog, const Request& request, const std::vector<Candidate>& candidates,
          int budget)
      : m_catalog(catalog), m_request(request), m_candidates(candidates), m_selection(catalog, budget)
  {
  }

  /// Runs every phase; `uncovered` receives requested needs left uncovered.
  void run(std::vector<std::string>& uncovered)
  {
    cover_needs(uncovered);
    if (m_selection.budget() >= rules_minimum_minutes * 60) {
      fill_shares();
    }
    m_selection.set_doses(1, 2);
    fill(true, true);
    fill(false, false);
    m_selection.set_doses(0, 1);
    m_selection.fit(true);
    top_up();
  }

  const Selection& selection() const { return m_selection; }

  /// Why `candidate`, not chosen, is left out.
  LeftOut reason(const Candidate& candidate) const
  {
    const Exercise& exercise = *candidate.exercise;
    const auto out = [&](const char* reason, std::string detail) {
      return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
    };
    for (const auto* chosen : m_selection.chosen()) {
      if (progression_pair(exercise, *chosen->exercise)) {
        return out("progression",
                   chosen->exercise->progression_of == exercise.id
                     ? fmt::format("{}, its progression, is in the plan instead", chosen->exercise->name)
                     : fmt::format("it progresses {}, which is in the plan", chosen->exercise->name));
      }
    }
    if (const Exercise* other = covering(exercise)) {
      return out("covered", fmt::format("movement already covered by {} (kept for variety: another "
                                        "--seed than {} may choose this one)",
                                        other->name, m_request.seed));
    }
    if (candidate.modified && !m_tried.contains(&candidate)) {
      return out("modified",
                 fmt::format("needs a change for {}; the plan prefers exercises that need none",
                             util::join(modifying_conditions(candidate), " and ")));
    }
    const auto it = m_short.find(&candidate);
    return out("time", it != m_short.end()
                         ? fmt::format("needs {} s, only {} s left", it->second.first, it->second.second)
                         : std::string("the plan was full before it was tried"));
  }

private:
  bool offer(const Candidate& candidate, const Dose& dose)
  {
    if (m_selection.has(&candidate) || conflicts(candidate)) {
      return false;
    }
    m_tried.insert(&candidate);
    // No item may take more than its share of a plan long enough for the
    // rules, even at its least dose.
    const int least = duration(candidate.least, candidate.exercise->per_side);
    if (m_selection.budget() >= rules_minimum_minutes * 60 &&
        least > static_cast<int>(max_item_share * m_selection.budget())) {
      m_short[&candidate] = {least, static_cast<int>(max_item_share * m_selection.budget())};
      return false;
    }
    if (m_selection.try_add(&candidate, dose)) {
      m_short.erase(&candidate);
      return true;
    }
    const int left = m_selection.budget() - m_selection.total();
    m_short[&candidate] = {duration(dose, candidate.exercise->per_side), std::max(left, 0)};
    return false;
  }

  bool conflicts(const Candidate& candidate) const
  {
    const auto& chosen = m_selection.chosen();
    return std::any_of(chosen.begin(), chosen.end(), [&](const Candidate* c) {
      return progression_pair(*c->exercise, *candidate.exercise);
    });
  }

  /// A chosen exercise of the same kind that already does every movement of
  /// `exercise`, or nullptr.
  const Exercise* covering(const Exercise& exercise) const
  {
    if (exercise.movements.empty()) {
      return nullptr;
    }
    for (const auto* chosen : m_selection.chosen()) {
      const auto& moves = chosen->exercise->movements;
      if (chosen->exercise->kind == exercise.kind &&
          std::all_of(exercise.movements.begin(), exercise.movements.end(),
                      [&](const std::string& m) { return contains(moves, m); })) {
        return chosen->exercise;
      }
    }
    return nullptr;
  }

  std::vector<std::string> modifying_conditions(const Candidate& candidate) const
  {
    std::vector<std::string> names;
    for (const auto& rule : candidate.verdict.modifications) {
      const auto name = name_of(m_catalog.conditions, rule.condition);
      if (!contains(names, name)) {
        names.push_back(name);
      }
    }
    return names;
  }

  bool covers(const Need& need) const
  {
    const auto& chosen = m_selection.chosen();
    return std::any_of(chosen.begin(), chosen.end(),
                       [&](const Candidate* c) { return contains(c->exercise->*need.field, need.id); });
  }

  /// Covers each need with the first candidate, in priority order, that fits.
  void cover_needs(std::vector<std::string>& uncovered)
  {
    for (const auto& need : needs_of(m_catalog, m_request)) {
      if (covers(need)) {
        continue;
      }
      bool offered = false;
      bool added = false;
      for (const auto& candidate : m_candidates) {
        if (!contains(candidate.exercise->*need.field, need.id)) {
          continue;
        }
        offered = true;
        if (offer(candidate, candidate.least)) {
          added = true;
          break;
        }
      }
      if (need.field != &Exercise::movements && !added) {
        const auto& vocabulary = need.field == &Exercise::regions ? m_catalog.regions : m_catalog.goals;
        uncovered.push_back(fmt::format("{} ({})", name_of(vocabulary, need.id),
                                        offered ? "no safe exercise for it fits the time"
                                                : "no safe exercise covers it"));
      }
    }
  }

  /// The seconds the chosen exercises of `kind` take at their least doses.
  int least_seconds(const std::string& kind) const
  {
    int seconds = 0;
    for (const auto* chosen : m_selection.chosen()) {
      if (chosen->exercise->kind == kind) {
        seconds += duration(chosen->least, chosen->exercise->per_side);
      }
    }
    return seconds;
  }

  /// Adds exercises of each kind with a share until, even at their least
  /// doses, they reach that share of the budget.
  void fill_shares()
  {
    // Room first: the covering exercises at their least doses.
    m_selection.set_doses(0, 1);
    for (const auto& kind : m_catalog.kinds.terms) {
      if (kind.share <= 0) {
        continue;
      }
      // Exercises needing a modification only when the others cannot fill it.
      for (const bool modified : {false, true}) {
        for (const auto& candidate : m_candidates) {
          // Counted at the least doses, to which fitting may still lower them.
          if (least_seconds(kind.id) * 100 >= kind.share * m_selection.budget()) {
            break;
          }
          // At its least dose when the typical one does not fit: fitting
          // raises it later where there is room.
          if (candidate.exercise->kind == kind.id && candidate.modified == modified &&
              !offer(candidate, typical(candidate))) {
            offer(candidate, candidate.least);
          }
        }
      }
    }
  }

  /// Adds further exercises at their typical doses while the plan fits:
  /// with `novel_only`, only those bringing a movement not yet in the plan;
  /// an exercise needing a modification only when `modified_too`.
  void fill(bool novel_only, bool modified_too)
  {
    std::set<std::string> moved;
    for (const auto* chosen : m_selection.chosen()) {
      moved.insert(chosen->exercise->movements.begin(), chosen->exercise->movements.end());
    }
    for (const auto& candidate : m_candidates) {
      const auto& movements = candidate.exercise->movements;
      const bool novel = std::any_of(movements.begin(), movements.end(),
                                     [&](const std::string& m) { return !moved.contains(m); });
      if ((novel || !novel_only) && (modified_too || !candidate.modified) &&
          offer(candidate, typical(candidate))) {
        moved.insert(movements.begin(), movements.end());
      }
    }
  }

  /// Still short of the target: whatever else fits, at its least dose, then
  /// doses raised past the cap on one item's share.
  void top_up()
  {
    const int target = static_cast<int>(fill_target * m_selection.budget() + 0.999);
    for (const auto& candidate : m_candidates) {
      if (m_selection.total() >= target) {
        return;
      }
      if (m_selection.has(&candidate)) {
        continue;
      }
      m_selection.set_doses(0, 1);
      offer(candidate, candidate.least);
      m_selection.fit(true);
    }
    if (m_selection.total() < target) {
      m_selection.fit(false);
    }
  }

  /// A dose halfway up from the least: enough for each exercise to do its
  /// work, leaving the rest of the candidates to other seeds.
  static Dose typical(const Candidate& candidate)
  {
    Dose dose = candidate.least;
    const auto half = [](int a, int b) { return a + (b - a) / 2; };
    dose.hold = half(dose.hold, candidate.most.hold);
    dose.rep_seconds = half(dose.rep_seconds, candidate.most.rep_seconds);
    dose.reps = half(dose.reps, candidate.most.reps);
    dose.sets = half(dose.sets, candidate.most.sets);
    dose.rest_between_reps = half(dose.rest_between_reps, candidate.most.rest_between_reps);
    dose.rest_between_sets = half(dose.rest_between_sets, candidate.most.rest_between_sets);
    return dose;
  }

  const Catalog& m_catalog;
  const Request& m_request;
  const std::vector<Candidate>& m_candidates;
  Selection m_selection;
  std::set<const Candidate*> m_tried;
  std::map<const Candidate*, std::pair<int, int>> m_short;  ///< seconds needed, seconds left
};

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
  PlanVariant out;
  out.text = other != nullptr ? other->name : variant->text;
  if (other != nullptr) {
    out.exercise_id = other->id;
    out.description =
      util::fold_whitespace(!other->summary.empty() || other->steps.empty() ? other->summary : other->steps.front());
  }
  out.modifications = std::move(verdict.modifications);
  out.cautions = std::move(verdict.cautions);
  return out;
}

/// Gives each version that names another exercise of the plan that
/// exercise's number, once the items are in their final order.
void number_variants(std::vector<PlanItem>& items)
{
  for (auto& item : items) {
    for (auto* variant : {&item.easier, &item.harder}) {
      if (!*variant || (*variant)->exercise_id.empty()) {
        continue;
      }
      const auto found = std::find_if(items.begin(), items.end(), [&](const PlanItem& other) {
        return other.exercise.id == (*variant)->exercise_id;
      });
      (*variant)->item_number = found == items.end() ? 0 : static_cast<std::size_t>(found - items.begin()) + 1;
    }
  }
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

/// Why the avoid rules of `exercise` exclude it for `conditions`.
std::string avoided_detail(const Catalog& catalog, const Exercise& exercise,
                           const std::vector<std::string>& conditions)
{
  std::vector<std::string> instructions;
  for (const auto& rule : exercise.contraindications) {
    if (rule.action == catalog::Action::avoid && contains(conditions, rule.condition) &&
        !rule.instruction.empty()) {
      instructions.push_back(util::fold_whitespace(rule.instruction));
    }
  }
  std::string detail =
    fmt::format("avoided with {}", util::join(names_of(catalog.conditions, conditions), " and "));
  return instructions.empty() ? detail : detail + ": " + util::join(instructions, " ");
}

/// The safe exercises that pass the request's filters, in priority order (a
/// seeded shuffle; then exercises needing no modification, gentler levels,
/// and an exercise whose own progression is a candidate last); every other
/// exercise goes to `left_out` with its reason.
std::vector<Candidate> candidates_for(const Catalog& catalog, const Request& request,
                                      std::vector<LeftOut>& left_out)
{
  std::vector<Candidate> candidates;
  for (const auto& exercise : catalog.exercises) {
    safety::Verdict verdict = safety::evaluate(exercise, request.conditions);
    if (verdict.excluded()) {
      left_out.push_back({exercise.id, exercise.name, "condition",
                          avoided_detail(catalog, exercise, verdict.avoided_for), verdict.avoided_for});
    } else if (auto reason = filter(catalog, request, exercise)) {
      left_out.push_back(std::move(*reason));
    } else {
      const bool modified = !verdict.modifications.empty();
      candidates.push_back({&exercise, std::move(verdict), catalog.levels.index_of(exercise.level),
                            modified, least_dose(catalog, exercise), max_dose(exercise.dosage)});
    }
  }
  const auto superseded = [&](const Candidate& c) {
    return std::any_of(candidates.begin(), candidates.end(),
                       [&](const Candidate& other) { return other.exercise->progression_of == c.exercise->id; });
  };
  std::vector<bool> demoted;
  util::Rng rng(request.seed);
  rng.shuffle(candidates);
  for (const auto& candidate : candidates) {
    demoted.push_back(superseded(candidate));
  }
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tuple(demoted[a], candidates[a].modified, candidates[a].level) <
           std::tuple(demoted[b], candidates[b].modified, candidates[b].level);
  });
  std::vector<Candidate> sorted;
  for (const auto i : order) {
    sorted.push_back(std::move(candidates[i]));
  }
  return sorted;
}

/// One line for each declared condition that no item of the plan needed
/// changing for.
std::vector<UnchangedCondition> unchanged_conditions(const Catalog& catalog, const Request& request,
                                                     const std::vector<PlanItem>& items)
{
  std::vector<UnchangedCondition> out;
  for (const auto& condition : request.conditions) {
    const auto names = [&](const std::vector<catalog::Contraindication>& rules) {
      return std::any_of(rules.begin(), rules.end(),
                         [&](const auto& rule) { return rule.condition == condition; });
    };
    const bool changed = std::any_of(items.begin(), items.end(), [&](const PlanItem& item) {
      return names(item.modifications) || names(item.cautions);
    });
    if (!changed && !items.empty()) {
      const auto name = name_of(catalog.conditions, condition);
      out.push_back({condition, name, fmt::format("{}: none of these exercises needed changing", name)});
    }
  }
  return out;
}

} // namespace

Plan make_plan(const Catalog& catalog, const Request& request)
{
  Plan plan;
  plan.request = request;
  plan.budget = request.minutes * 60;
  plan.condition_names = names_of(catalog.conditions, request.conditions);
  plan.goal_names = names_of(catalog.goals, request.goals);
  plan.region_names = names_of(catalog.regions, request.regions);
  plan.safety = safety::safety_notes(catalog, request.conditions);

  const auto candidates = candidates_for(catalog, request, plan.left_out);
  Chooser chooser(catalog, request, candidates, plan.budget);
  chooser.run(plan.uncovered);
  const Selection& selection = chooser.selection();
  for (const std::size_t i : selection.order()) {
    plan.items.push_back(make_item(catalog, request, *selection.chosen()[i], selection.doses()[i]));
  }
  plan.total = schedule(catalog, plan.items);
  number_variants(plan.items);
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
      plan.left_out.push_back(chooser.reason(candidate));
    }
  }
  std::sort(plan.left_out.begin(), plan.left_out.end(),
            [](const LeftOut& a, const LeftOut& b) { return a.id < b.id; });
  plan.sources = citations(catalog, plan.items);
  plan.unchanged = unchanged_conditions(catalog, request, plan.items);
  return plan;
}

} // namespace backplan::plan
