#include "catalog/condition_checks.hpp"

#include "util/text.hpp"

#include <fmt/format.h>
#include <set>

namespace backplan::catalog {

namespace {

/// Reports, at the condition, each value a standing rule's `when` names
/// that the condition's qualifier no longer has: a later layer that
/// redefines a condition must keep the values earlier layers' rules name,
/// or those rules would never hold.
void check_rule_values(const Catalog& catalog, std::vector<Diagnostic>& errors)
{
  std::set<std::pair<std::string, std::string>> reported;
  const auto check = [&](const Exercise& exercise, const Contraindication& rule) {
    // Most rules hold for every value: nothing to look up for them (over
    // 100 000 exercises, half a million searches of the conditions).
    if (rule.when.empty()) {
      return;
    }
    const Term* condition = catalog.conditions.find(rule.condition);
    for (const auto& value : rule.when) {
      if (condition == nullptr || (condition->qualifier && condition->qualifier->find(value) != nullptr) ||
          !reported.emplace(rule.condition, value).second) {
        continue;
      }
      errors.push_back(
        {condition->where,
         condition->qualifier
           ? fmt::format("condition '{}' has no {} '{}', which a rule of exercise '{}' holds for: keep every "
                         "value the catalog's rules name",
                         rule.condition, condition->qualifier->name, value, exercise.id)
           : fmt::format("condition '{}' has no qualifier, but a rule of exercise '{}' holds only for its "
                         "value '{}': keep the qualifier",
                         rule.condition, exercise.id, value)});
    }
  };
  for (const auto& exercise : catalog.exercises) {
    for (const auto& rule : exercise.contraindications) {
      check(exercise, rule);
    }
    for (const auto* variant : {&exercise.easier, &exercise.harder}) {
      if (*variant) {
        for (const auto& rule : (*variant)->contraindications) {
          check(exercise, rule);
        }
      }
    }
  }
}

/// Reports each exercise a condition's early phase allows that the catalog
/// does not hold.
void check_phase_exercises(const Catalog& catalog, std::vector<Diagnostic>& errors)
{
  for (const auto& condition : catalog.conditions.terms) {
    if (!condition.phase) {
      continue;
    }
    const Phase& phase = *condition.phase;
    for (std::size_t i = 0; i < phase.exercises.size() && i < phase.exercise_where.size(); ++i) {
      if (catalog.find(phase.exercises[i]) == nullptr) {
        errors.push_back(
          {phase.exercise_where[i],
           fmt::format("unknown exercise '{}' in the early phase of condition '{}'{}", phase.exercises[i],
                       condition.id, util::did_you_mean_suffix(phase.exercises[i], catalog.exercise_ids()))});
      }
    }
  }
}

/// Reports each sign a condition leaves out that no red-flag tier has, word
/// for word (a sign rewritten in one place and not the other would be
/// printed after all).
void check_left_out_signs(const Catalog& catalog, std::vector<Diagnostic>& errors)
{
  std::set<std::string> signs;
  for (const auto& tier : catalog.red_flags.terms) {
    for (const auto& sign : tier.signs) {
      signs.insert(util::fold_whitespace(sign));
    }
  }
  for (const auto& condition : catalog.conditions.terms) {
    for (std::size_t i = 0; i < condition.leaves_out_signs.size(); ++i) {
      if (!signs.contains(util::fold_whitespace(condition.leaves_out_signs[i]))) {
        errors.push_back(
          {i < condition.leaves_out_where.size() ? condition.leaves_out_where[i] : condition.where,
           fmt::format("condition '{}' leaves out '{}', which is not a sign of any red-flag tier "
                       "(write it as the tier does)",
                       condition.id, condition.leaves_out_signs[i])});
      }
    }
  }
}

} // namespace

void check_condition_references(const Catalog& catalog, std::vector<Diagnostic>& errors)
{
  check_rule_values(catalog, errors);
  check_phase_exercises(catalog, errors);
  check_left_out_signs(catalog, errors);
}

} // namespace backplan::catalog
