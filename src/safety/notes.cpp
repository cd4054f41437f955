#include "safety/notes.hpp"

#include <algorithm>

namespace backplan::safety {

SafetyNotes safety_notes(const catalog::Catalog& catalog, const std::vector<std::string>& conditions)
{
  SafetyNotes notes;
  notes.general = {
    "Stop any exercise that causes pain, and do not push into pain to finish a set.",
    "These exercises are general back care. They are not a treatment for a diagnosed "
    "condition: ask your doctor or physiotherapist which exercises suit you.",
    "Move slowly, breathe normally and stay within a comfortable range.",
  };
  notes.red_flags_intro = "Stop exercising and get medical help if you notice any of these warning "
                          "signs; each group says what to do:";
  for (const auto& term : catalog.red_flags.terms) {
    RedFlagTier tier{term.id, term.name, term.action, term.signs, {}};
    for (const auto& source : term.sources) {
      if (const auto* found = catalog.sources.find(source)) {
        tier.citations.push_back(found->citation);
      }
    }
    notes.red_flags.push_back(std::move(tier));
  }
  for (const auto& term : catalog.conditions.terms) {
    if (!term.advice.empty() &&
        std::find(conditions.begin(), conditions.end(), term.id) != conditions.end()) {
      notes.advice.push_back({term.id, term.name, term.advice});
    }
  }
  return notes;
}

std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog)
{
  std::vector<ProtectionGap> gaps;
  for (const auto& exercise : catalog.exercises) {
    const auto loads = catalog.loads_of(exercise);
    for (const auto& condition : catalog.conditions.terms) {
      const auto load =
        std::find_first_of(loads.begin(), loads.end(), condition.protects.begin(), condition.protects.end());
      const bool ruled =
        std::any_of(exercise.contraindications.begin(), exercise.contraindications.end(),
                    [&](const catalog::Contraindication& rule) { return rule.condition == condition.id; });
      if (load != loads.end() && !ruled) {
        gaps.push_back({&exercise, condition.id, *load});
      }
    }
  }
  return gaps;
}

} // namespace backplan::safety
