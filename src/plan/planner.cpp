#include "backplan/plan/planner.hpp"

#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "plan/candidates.hpp"
#include "plan/chooser.hpp"
#include "plan/plan_notes.hpp"
#include "plan/selection.hpp"
#include "plan/timing.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace backplan::plan {

namespace {

using catalog::Catalog;
using catalog::Exercise;

std::optional<PlanVariant> resolve_variant(const Catalog& catalog, const Request& request,
                                           const util::Box<catalog::Variant>& variant)
{
  if (!variant) {
    return std::nullopt;
  }
  // A version in words obeys its own rules; one that names another exercise
  // obeys that exercise's rules and must suit the request as well.
  const Exercise* other = variant->exercise.empty() ? nullptr : catalog.find(variant->exercise);
  if (!variant->exercise.empty() && (other == nullptr || !passes_request(catalog, request, *other))) {
    return std::nullopt;
  }
  safety::Verdict verdict =
    safety::evaluate(other != nullptr ? other->contraindications : variant->contraindications.get(),
                     request.conditions, request.qualifiers);
  if (verdict.excluded()) {
    return std::nullopt;
  }
  PlanVariant out;
  out.text = other != nullptr ? other->name : variant->text;
  if (other != nullptr) {
    out.exercise_id = other->id;
    const auto& details = other->details();
    out.description = util::fold_whitespace(
      !details.summary.empty() || details.steps.empty() ? details.summary : details.steps.front());
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
    const bool every = request.list_passed_over || plan.items.empty();
    plan.left_out = all_left_out(catalog, candidates, *chooser, std::move(plan.left_out),
                                 every ? nullptr : &request.include);
    // Offered first, an included exercise that did not fit: the time, or a cap.
    plan.unmet = unmet_inclusion(request, plan.left_out);
  } else {
    plan.unmet = named_misfit(catalog, plan);
  }
  if (!plan.unmet.empty()) {
    if (!request.list_passed_over) {
      // No plan: every exercise left out says why, as Request promises.
      Request again = asked;
      again.list_passed_over = true;
      return make_plan(catalog, again);
    }
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
