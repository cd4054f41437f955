#include "backplan/plan/planner.hpp"

#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "plan/chooser.hpp"
#include "plan/plan_notes.hpp"
#include "plan/selection.hpp"
#include "plan/timing.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>
#include <optional>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace backplan::plan {

namespace {

using catalog::Catalog;
using catalog::Exercise;

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

std::vector<std::string> names_of(const catalog::Vocabulary& vocabulary, const std::vector<std::string>& ids)
{
  std::vector<std::string> out;
  for (const auto& id : ids) {
    out.push_back(vocabulary.name_of(id));
  }
  return out;
}

/// Whether `exercise`'s level is kept for a request that names it.
bool on_request(const Catalog& catalog, const Exercise& exercise)
{
  const auto* level = catalog.levels.find(exercise.level);
  return level != nullptr && level->on_request;
}

/// Whether the request names `exercise` (to include, or among exactly its
/// exercises): a clinician's choice, which a level kept for a request or a
/// progression does not hold back.
bool named(const Request& request, const Exercise& exercise)
{
  return contains(request.include, exercise.id) || contains(request.exercises, exercise.id);
}

/// The dose set for `exercise` by the request, if any.
const DoseChange* dose_change(const Request& request, const Exercise& exercise)
{
  const auto found = std::find_if(request.doses.begin(), request.doses.end(),
                                  [&](const DoseChange& change) { return change.id == exercise.id; });
  return found == request.doses.end() ? nullptr : &*found;
}

/// The dose a plan of the request's minutes gives `exercise` within the
/// cap on one item and `position_cap` (0: none), with the values a
/// clinician set for it.
Dose request_dose(const Catalog& catalog, const Request& request, const Exercise& exercise, int position_cap)
{
  const Dose dose = level_dose(catalog, exercise, request.minutes, request.lead_in, position_cap);
  const DoseChange* change = dose_change(request, exercise);
  return change != nullptr ? changed(dose, *change) : dose;
}

/// Why a safe exercise does not pass the request's filters, or nothing.
std::optional<LeftOut> filter(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  const auto out = [&](const char* reason, std::string detail) {
    return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
  };
  if (std::find(request.exclude.begin(), request.exclude.end(), exercise.id) != request.exclude.end()) {
    return out("excluded", "left out on request");
  }
  if (request.setting == "desk" && setting_of(catalog, exercise) == "floor") {
    return out("setting", fmt::format("done on the floor ({}), not at a desk",
                                      catalog.positions.name_of(exercise.position)));
  }
  if (!request.level.empty() &&
      catalog.levels.index_of(exercise.level) > catalog.levels.index_of(request.level)) {
    return out("level", fmt::format("level {} is above the requested {}", exercise.level, request.level));
  }
  if (const auto* condition =
        safety::phase_excluding(catalog, request.conditions, request.cleared, exercise)) {
    const catalog::Phase& phase = *condition->phase;
    return out("phase", fmt::format("not part of the early-phase plan ({}): only once {} has cleared you "
                                    "(--cleared)",
                                    util::lowercase_first(phase.name), phase.lifted_by));
  }
  if (!exercise.progression_of.empty() && !named(request, exercise) &&
      (request.level.empty() ||
       catalog.levels.index_of(request.level) < catalog.levels.index_of(exercise.level))) {
    const Exercise* base = catalog.find(exercise.progression_of);
    return out("progression",
               fmt::format("progresses {} and needs it mastered first: only with --level {} or harder",
                           base != nullptr ? base->name : exercise.progression_of, exercise.level));
  }
  if (request.level.empty() && on_request(catalog, exercise) && !named(request, exercise)) {
    return out("level", fmt::format("level {} comes only with --level {}", exercise.level, exercise.level));
  }
  if (!request.regions.empty() && !intersects(exercise.regions, request.regions)) {
    return out("region",
               fmt::format("works on {}, not a requested region", util::join(exercise.regions, ", ")));
  }
  if (!request.goals.empty() && !intersects(exercise.goals, request.goals)) {
    return out("goal", fmt::format("serves {}, not a requested goal", util::join(exercise.goals, ", ")));
  }
  return std::nullopt;
}

/// An exercise that loads what a declared condition protects and has no
/// rule for that condition (a user catalog's gap): left out, since nobody
/// has said it is safe.
std::optional<LeftOut> unprotected(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  for (const auto& gap :
       safety::protection_gaps(catalog, exercise, request.conditions, &request.qualifiers)) {
    const auto* load = catalog.loads.find(gap.load);
    return LeftOut{exercise.id,
                   exercise.name,
                   "unruled",
                   fmt::format("puts strain on {} ({} protects it) and has no rule for {}",
                               util::lowercase_first(load != nullptr ? load->name : gap.load),
                               catalog.conditions.name_of(gap.condition), gap.condition),
                   {gap.condition}};
  }
  return std::nullopt;
}

std::optional<PlanVariant> resolve_variant(const Catalog& catalog, const Request& request,
                                           const util::Box<catalog::Variant>& variant)
{
  if (!variant) {
    return std::nullopt;
  }
  // A version in words obeys its own rules; one that names another exercise
  // obeys that exercise's rules and must suit the request as well.
  const Exercise* other = variant->exercise.empty() ? nullptr : catalog.find(variant->exercise);
  if (!variant->exercise.empty() && (other == nullptr || filter(catalog, request, *other).has_value() ||
                                     unprotected(catalog, request, *other).has_value())) {
    return std::nullopt;
  }
  safety::Verdict verdict =
    safety::evaluate(other != nullptr ? other->contraindications : variant->contraindications,
                     request.conditions, request.qualifiers);
  if (verdict.excluded()) {
    return std::nullopt;
  }
  PlanVariant out;
  out.text = other != nullptr ? other->name : variant->text;
  if (other != nullptr) {
    out.exercise_id = other->id;
    out.description = util::fold_whitespace(
      !other->details().summary.empty() || other->details().steps.empty() ? other->details().summary
                                                                          : other->details().steps.front());
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
      (*variant)->item_number =
        found == items.end() ? 0 : static_cast<std::size_t>(found - items.begin()) + 1;
    }
  }
}

PlanItem make_item(const Catalog& catalog, const Request& request, const Candidate& candidate,
                   const Dose& dose)
{
  const Exercise& exercise = *candidate.exercise;
  PlanItem item;
  item.exercise = exercise;
  item.position_name = catalog.positions.name_of(exercise.position);
  item.kind_name = catalog.kinds.name_of(exercise.kind);
  item.dose = dose;
  item.dosage_words = dosage_words(dose, exercise.per_side, candidate.least, candidate.most);
  item.duration = duration(dose, exercise.per_side, request.lead_in);
  item.modifications = candidate.verdict.modifications;
  item.cautions = candidate.verdict.cautions;
  item.easier = resolve_variant(catalog, request, exercise.easier);
  item.harder = resolve_variant(catalog, request, exercise.harder);
  return item;
}

/// Why the avoid rules of `exercise` exclude it for `conditions`.
std::string avoided_detail(const Catalog& catalog, const Exercise& exercise,
                           const std::vector<std::string>& conditions, const safety::Qualifiers& qualifiers)
{
  std::vector<std::string> instructions;
  for (const auto& rule : exercise.contraindications) {
    if (rule.action == catalog::Action::avoid && safety::applies(rule, conditions, qualifiers) &&
        !rule.instruction.empty()) {
      instructions.push_back(util::fold_whitespace(rule.instruction));
    }
  }
  std::string detail =
    fmt::format("avoided with {}", util::join(names_of(catalog.conditions, conditions), " and "));
  return instructions.empty() ? detail : detail + ": " + util::join(instructions, " ");
}

/// The safe exercises that pass the request's filters, in priority order (a
/// seeded shuffle; then exercises needing no modification or caution, gentler
/// levels unless --level names one,
/// and an exercise whose own progression is a candidate last); every other
/// exercise goes to `left_out` with its reason.
std::vector<Candidate> candidates_for(const Catalog& catalog, const Request& request,
                                      std::vector<LeftOut>& left_out)
{
  std::vector<Candidate> candidates;
  candidates.reserve(catalog.exercises.size());
  for (const auto& exercise : catalog.exercises) {
    safety::Verdict verdict = safety::evaluate(exercise, request.conditions, request.qualifiers);
    if (verdict.excluded()) {
      left_out.push_back({exercise.id, exercise.name, "condition",
                          avoided_detail(catalog, exercise, verdict.avoided_for, request.qualifiers),
                          verdict.avoided_for});
    } else if (auto gap = unprotected(catalog, request, exercise)) {
      left_out.push_back(std::move(*gap));
    } else if (auto reason = filter(catalog, request, exercise)) {
      left_out.push_back(std::move(*reason));
    } else {
      const bool modified = !verdict.modifications.empty();
      const bool cautioned = !verdict.cautions.empty();
      // Without --level, gentler levels first; with it, the seed mixes the
      // levels asked for, so that a harder level asked for is reached.
      const int level = request.level.empty() ? catalog.levels.index_of(exercise.level) : 0;
      Candidate candidate{&exercise,
                          std::move(verdict),
                          level,
                          modified,
                          least_dose(catalog, exercise),
                          max_dose(exercise.dosage),
                          cautioned,
                          does_kind_work(catalog, exercise)};
      if (dose_change(request, exercise) != nullptr) {
        // A dose set by a clinician: the one the plan gives, never tuned.
        candidate.least = candidate.most = request_dose(catalog, request, exercise, 0);
        candidate.prescribed = true;
      }
      candidates.push_back(std::move(candidate));
    }
  }
  // An exercise whose harder progression is also a candidate comes later.
  std::unordered_set<std::string_view> progressed;
  for (const auto& candidate : candidates) {
    if (!candidate.exercise->progression_of.empty()) {
      progressed.insert(candidate.exercise->progression_of);
    }
  }
  util::Rng rng(request.seed);
  rng.shuffle(candidates);
  // Demoted last, then those needing a change or a caution, a change last
  // among them, then by level: one key a candidate, compared as a tuple.
  using Key = std::tuple<bool, bool, bool, int>;
  std::vector<Key> keys;
  keys.reserve(candidates.size());
  for (const auto& candidate : candidates) {
    keys.emplace_back(progressed.contains(candidate.exercise->id), candidate.modified || candidate.cautioned,
                      candidate.modified, candidate.level);
  }
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<Candidate> sorted;
  sorted.reserve(candidates.size());
  for (const auto i : order) {
    sorted.push_back(std::move(candidates[i]));
  }
  return sorted;
}

/// Every exercise of the catalog not in the plan, by id: those that did not
/// become candidates (`filtered`, in the catalog's order) and the candidates
/// the chooser did not choose.
std::vector<LeftOut> all_left_out(const Catalog& catalog, const std::vector<Candidate>& candidates,
                                  const Chooser& chooser, std::vector<LeftOut> filtered)
{
  std::vector<const Candidate*> by_exercise(catalog.exercises.size(), nullptr);
  for (const auto& candidate : candidates) {
    by_exercise[static_cast<std::size_t>(candidate.exercise - catalog.exercises.data())] = &candidate;
  }
  std::vector<LeftOut> out;
  out.reserve(filtered.size() + candidates.size());
  auto next = filtered.begin();
  for (const Candidate* candidate : by_exercise) {
    if (candidate == nullptr) {
      out.push_back(std::move(*next++));
    } else if (!chooser.selection().has(candidate)) {
      out.push_back(chooser.reason(*candidate));
    }
  }
  const auto by_id = [](const LeftOut& a, const LeftOut& b) { return a.id < b.id; };
  if (!std::is_sorted(out.begin(), out.end(), by_id)) { // a catalog not built by the loader
    std::sort(out.begin(), out.end(), by_id);
  }
  return out;
}

/// The display names of the declared conditions, each with its qualifier
/// value ("Hip replacement (approach: anterior)").
std::vector<std::string> condition_names(const Catalog& catalog, const Request& request)
{
  std::vector<std::string> out;
  for (const auto& id : request.conditions) {
    const auto* term = catalog.conditions.find(id);
    const auto* value = term != nullptr ? safety::qualifier_value(*term, request.qualifiers) : nullptr;
    out.push_back(value == nullptr
                    ? catalog.conditions.name_of(id)
                    : fmt::format("{} ({}: {})", term->name, term->qualifier->name, value->id));
  }
  return out;
}

/// The caps on time in some positions that the declared conditions'
/// qualifier values set; a plan keeps within each.
std::vector<PositionLimit> position_limits(const Catalog& catalog, const Request& request)
{
  std::vector<PositionLimit> out;
  for (const auto& id : request.conditions) {
    const auto* term = catalog.conditions.find(id);
    const auto* value = term != nullptr ? safety::qualifier_value(*term, request.qualifiers) : nullptr;
    if (value != nullptr && !value->limit_positions.empty()) {
      out.push_back({value->limit_positions, value->limit_seconds, term->name});
    }
  }
  return out;
}

/// "NAME (ID) cannot be included: WHY" for the first exercise the request
/// includes or names that is left out, or empty.
std::string unmet_inclusion(const Request& request, const std::vector<LeftOut>& left_out)
{
  for (const auto& id : request.include.empty() ? request.exercises : request.include) {
    const auto left =
      std::find_if(left_out.begin(), left_out.end(), [&](const LeftOut& l) { return l.id == id; });
    if (left != left_out.end()) {
      return fmt::format("{} ({}) cannot be included: {}", left->name, id, left->detail);
    }
  }
  return "";
}

/// The items of a request that names its exercises, in the order named,
/// each at request_dose within its position's cap (unmet_inclusion has refused any that is not a
/// candidate); every other candidate goes to `left_out` as not asked for.
std::vector<PlanItem> named_items(const Catalog& catalog, const Request& request,
                                  const std::vector<Candidate>& candidates, std::vector<LeftOut>& left_out)
{
  std::vector<PlanItem> items;
  const auto limits = position_limits(catalog, request);
  for (const auto& id : request.exercises) {
    const auto candidate = std::find_if(candidates.begin(), candidates.end(),
                                        [&](const Candidate& c) { return c.exercise->id == id; });
    const Exercise& exercise = *candidate->exercise;
    const auto limit = std::find_if(limits.begin(), limits.end(), [&](const PositionLimit& l) {
      return contains(l.positions, exercise.position);
    });
    const Dose dose = request_dose(catalog, request, exercise, limit != limits.end() ? limit->seconds : 0);
    items.push_back(make_item(catalog, request, *candidate, dose));
  }
  for (const auto& candidate : candidates) {
    if (!contains(request.exercises, candidate.exercise->id)) {
      left_out.push_back({candidate.exercise->id,
                          candidate.exercise->name,
                          "unlisted",
                          "not one of the exercises asked for",
                          {}});
    }
  }
  std::sort(left_out.begin(), left_out.end(), [](const LeftOut& a, const LeftOut& b) { return a.id < b.id; });
  return items;
}

/// Why the named exercises of `plan` cannot be its plan: they take longer
/// than its budget, or longer than a condition allows in some positions
/// (position_cap_problem); empty when they can.
std::string named_misfit(const Catalog& catalog, const Plan& plan)
{
  if (plan.total > plan.budget) {
    return fmt::format("the exercises asked for take {}, more than the {} asked for: ask for more minutes "
                       "or fewer exercises",
                       util::format_duration(plan.total), util::format_duration(plan.budget));
  }
  return position_cap_problem(catalog, plan);
}

} // namespace

std::string position_cap_problem(const Catalog& catalog, const Plan& plan)
{
  const auto limits = position_limits(catalog, plan.request);
  const Exceeded over = exceeded_limit(limits, plan.items.size(), [&](std::size_t i) {
    const auto& item = plan.items[i];
    return PositionTime{&item.exercise.position,
                        duration(item.dose, item.exercise.per_side, plan.request.lead_in)};
  });
  if (over.limit == nullptr) {
    return "";
  }
  std::vector<std::string> positions;
  for (const auto& position : over.limit->positions) {
    positions.push_back(util::lowercase_first(catalog.positions.name_of(position)));
  }
  return fmt::format("the exercises take {} {}, and {} allows at most {} in those positions",
                     util::format_duration(over.seconds), util::join(positions, " or "),
                     over.limit->condition, util::format_duration(over.limit->seconds));
}

namespace {

/// Why `plan` does not fill its budget: the exercises asked for take less,
/// the safe exercises cannot fill it (`exhausted`), or no other fits.
std::string shortfall(const Plan& plan, std::optional<bool> exhausted)
{
  const std::string total = util::format_duration(plan.total);
  const std::string budget = util::format_duration(plan.budget);
  if (!exhausted) {
    return fmt::format("The exercises asked for take {} of the {} asked for.", total, budget);
  }
  return *exhausted
           ? fmt::format("The safe exercises for this request fill {} of the {} asked for.", total, budget)
           : fmt::format("The exercises that fit take {} of the {} asked for; no other safe exercise "
                         "fits in the {} left.",
                         total, budget, util::format_duration(plan.budget - plan.total));
}

} // namespace

Plan make_plan(const Catalog& catalog, const Request& asked)
{
  // Names resolved to ids (or refused), a condition's included conditions
  // with it, and qualifier values as the rules read them, whoever the
  // caller is: the safety rules compare ids.
  const Request request = resolved(catalog, asked);
  Plan plan;
  plan.request = request;
  plan.budget = request.minutes * 60;
  plan.condition_names = condition_names(catalog, request);
  plan.goal_names = names_of(catalog.goals, request.goals);
  plan.region_names = names_of(catalog.regions, request.regions);
  plan.safety = safety::safety_notes(catalog, request.conditions, request.qualifiers, request.cleared);
  plan.referral = safety::referral(catalog, request.conditions, request.qualifiers);
  if (!plan.referral.empty()) {
    return plan;
  }

  const auto candidates = candidates_for(catalog, request, plan.left_out);
  // An exercise included on request that is not a candidate is unsafe for
  // the user or outside the request: no plan, and why.
  plan.unmet = unmet_inclusion(request, plan.left_out);
  if (!plan.unmet.empty()) {
    return plan;
  }
  std::optional<Chooser> chooser;
  if (request.exercises.empty()) {
    chooser.emplace(catalog, request, candidates, plan.budget, position_limits(catalog, request));
    chooser->run(plan.uncovered);
    const Selection& selection = chooser->selection();
    for (const std::size_t i : selection.order()) {
      plan.items.push_back(make_item(catalog, request, *selection.chosen()[i], selection.doses()[i]));
    }
  } else {
    plan.items = named_items(catalog, request, candidates, plan.left_out);
  }
  plan.total = schedule(catalog, plan.items, request.lead_in);
  number_variants(plan.items);
  for (std::size_t i = 1; i < plan.items.size(); ++i) {
    plan.position_changes += plan.items[i].moves ? 1 : 0;
  }
  if (chooser) {
    plan.left_out = all_left_out(catalog, candidates, *chooser, std::move(plan.left_out));
    // Offered first, an included exercise that did not fit: the time, or a cap.
    plan.unmet = unmet_inclusion(request, plan.left_out);
  } else {
    plan.unmet = named_misfit(catalog, plan);
  }
  if (!plan.unmet.empty()) {
    plan.items.clear();
    return plan;
  }
  plan.filled = plan.total >= fill_target_seconds(plan.budget);
  if (!plan.filled && !plan.items.empty()) {
    plan.shortfall = shortfall(plan, chooser ? std::optional<bool>(chooser->exhausted()) : std::nullopt);
  }
  plan.sources = citations(catalog, plan.items);
  plan.unchanged = unchanged_conditions(catalog, request, plan.items);
  plan.gaps = gap_warnings(catalog, plan.left_out);
  if (chooser) {
    explain_choices(catalog, *chooser, plan.items);
  }
  plan.kind_advice = kind_advice(catalog, plan.items);
  return plan;
}

} // namespace backplan::plan
