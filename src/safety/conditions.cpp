#include "safety/conditions.hpp"

#include <algorithm>

namespace backplan::safety {

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
  Verdict verdict;
  for (const auto& rule : exercise.contraindications) {
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

const SafetyNotes& safety_notes()
{
  static const SafetyNotes notes{
    {
      "Stop any exercise that causes pain, and do not push into pain to finish a set.",
      "These exercises are general back care. They are not a treatment for a diagnosed "
      "condition: ask your doctor or physiotherapist which exercises suit you.",
      "Move slowly, breathe normally and stay within a comfortable range.",
    },
    "Stop and get urgent medical care, instead of exercising, if you have any of these:",
    {
      "numbness or tingling around the genitals, buttocks or back passage",
      "new difficulty passing or controlling urine or bowel movements",
      "weakness or numbness that is getting worse in one or both legs",
      "sciatica in both legs",
      "back pain after a serious fall or accident",
      "back pain with a fever, unexplained weight loss or a history of cancer",
    },
    "Any of these can be a sign of a serious problem such as cauda equina syndrome: "
    "call an emergency number or go to an emergency department now.",
    "general clinical guidance (for example the NHS advice on back pain and cauda equina "
    "syndrome)",
  };
  return notes;
}

} // namespace backplan::safety
