#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"
#include "backplan/safety/notes.hpp"
#include "cli/run/plan_file.hpp"
#include "plan/timing.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::run {

namespace {

bool listed(const std::vector<std::string>& items, const std::string& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

/// Why `exercise` may not be run by someone with the plan's conditions, or
/// nothing: a rule that avoids it, or an early phase that leaves it out.
std::optional<std::string> unsafe(const catalog::Catalog& catalog, const plan::Request& request,
                                  const catalog::Exercise& exercise, const safety::Verdict& verdict)
{
  for (const auto& rule : exercise.contraindications) {
    if (rule.action == catalog::Action::avoid &&
        safety::applies(rule, request.conditions, request.qualifiers)) {
      const auto* condition = catalog.conditions.find(rule.condition);
      return fmt::format("{} is not safe with {}: {}", exercise.name,
                         condition != nullptr ? condition->name : rule.condition, rule.instruction);
    }
  }
  if (verdict.excluded()) {
    return fmt::format("{} is not safe with the plan's conditions", exercise.name);
  }
  for (const auto* condition : safety::phases_holding(catalog, request.conditions, request.cleared)) {
    const auto& phase = *condition->phase;
    if ((!phase.exercises.empty() && !listed(phase.exercises, exercise.id)) ||
        (!phase.positions.empty() && !listed(phase.positions, exercise.position))) {
      return fmt::format("{} is not in the early phase of {}", exercise.name, condition->name);
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> retime_saved_plan(const catalog::Catalog& catalog, plan::Plan& plan)
{
  // The conditions as the catalog knows them, each with those it includes:
  // a name the rules do not know would let every exercise through.
  std::vector<std::string> ids;
  for (const auto& name : plan.request.conditions) {
    const auto* term = catalog.conditions.resolve(name);
    if (term == nullptr) {
      return fmt::format("request.conditions: no condition '{}' in the catalogs in use", name);
    }
    ids.push_back(term->id);
  }
  plan.request.conditions = safety::with_included(catalog, ids);
  plan.condition_names.clear();
  for (const auto& id : plan.request.conditions) {
    plan.condition_names.push_back(catalog.conditions.find(id)->name);
  }
  plan.request.qualifiers = safety::settled(catalog, plan.request.qualifiers);
  const auto& request = plan.request;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    auto& item = plan.items[i];
    const std::string path = fmt::format("items[{}]", i);
    const auto* exercise = catalog.find(item.exercise.id);
    if (exercise == nullptr) {
      return fmt::format("{}.id: no exercise '{}' in the catalogs in use", path, item.exercise.id);
    }
    const safety::Verdict verdict = safety::evaluate(*exercise, request.conditions, request.qualifiers);
    if (const auto why = unsafe(catalog, request, *exercise, verdict)) {
      return fmt::format("{}.id: {}", path, *why);
    }
    if (!plan::within(item.dose, exercise->dosage)) {
      return fmt::format("{}.dosage: {} is outside what the catalog allows for {}: {}", path,
                         plan::dosage_words(item.dose, exercise->per_side), exercise->name,
                         plan::dosage_words(plan::min_dose(exercise->dosage), exercise->per_side,
                                            plan::min_dose(exercise->dosage),
                                            plan::max_dose(exercise->dosage)));
    }
    // The catalog's exercise and the rules for the plan's conditions, not
    // the file's copy of them.
    item.exercise = *exercise;
    item.position_name = catalog.positions.name_of(exercise->position);
    item.kind_name = catalog.kinds.name_of(exercise->kind);
    item.modifications = verdict.modifications;
    item.cautions = verdict.cautions;
    item.dosage_words = plan::dosage_words(item.dose, exercise->per_side);
    item.duration = plan::duration(item.dose, exercise->per_side, request.lead_in);
  }
  plan.total = plan::schedule(catalog, plan.items, request.lead_in);
  if (const std::string problem = plan::position_cap_problem(catalog, plan); !problem.empty()) {
    return "items: " + problem;
  }
  return std::nullopt;
}

} // namespace backplan::run
