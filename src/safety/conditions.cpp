#include "safety/conditions.hpp"

#include <algorithm>

namespace backplan::safety {

std::optional<std::string> resolve_condition(const catalog::Catalog& catalog, std::string_view name)
{
  for (const auto& term : catalog.conditions.terms) {
    if (term.id == name ||
        std::find(term.aliases.begin(), term.aliases.end(), name) != term.aliases.end()) {
      return term.id;
    }
  }
  return std::nullopt;
}

std::vector<std::string> condition_names(const catalog::Catalog& catalog)
{
  std::vector<std::string> names;
  for (const auto& term : catalog.conditions.terms) {
    names.push_back(term.id);
    names.insert(names.end(), term.aliases.begin(), term.aliases.end());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Verdict evaluate(const catalog::Exercise& exercise, const std::vector<std::string>& conditions)
{
  return evaluate(exercise.contraindications, conditions);
}

Verdict evaluate(const std::vector<catalog::Contraindication>& rules,
                 const std::vector<std::string>& conditions)
{
  Verdict verdict;
  for (const auto& rule : rules) {
    if (std::find(conditions.begin(), conditions.end(), rule.condition) == conditions.end()) {
      continue;
    }
    switch (rule.action) {
    case catalog::Action::avoid:
      if (std::find(verdict.avoided_for.begin(), verdict.avoided_for.end(), rule.condition) ==
          verdict.avoided_for.end()) {
        verdict.avoided_for.push_back(rule.condition);
      }
      break;
    case catalog::Action::modify:
      verdict.modifications.push_back(rule);
      break;
    case catalog::Action::caution:
      verdict.cautions.push_back(rule);
      break;
    }
  }
  return verdict;
}

ConditionCounts count_effects(const catalog::Catalog& catalog, const std::string& condition)
{
  ConditionCounts counts;
  for (const auto& exercise : catalog.exercises) {
    const Verdict verdict = evaluate(exercise, {condition});
    if (verdict.excluded()) {
      ++counts.avoided;
    } else {
      counts.modified += verdict.modifications.empty() ? 0 : 1;
      counts.cautioned += verdict.cautions.empty() ? 0 : 1;
    }
  }
  return counts;
}

} // namespace backplan::safety
