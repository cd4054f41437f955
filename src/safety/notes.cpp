#include "backplan/safety/notes.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace backplan::safety {

namespace {

bool declared(const std::vector<std::string>& conditions, const std::string& id)
{
  return std::find(conditions.begin(), conditions.end(), id) != conditions.end();
}

/// Whether `exercise` has a rule for `condition` that holds for the reading
/// in `qualifiers`, or, with none, rules that together hold for every
/// value of the condition's qualifier.
bool covered(const catalog::Exercise& exercise, const catalog::Term& condition, const Qualifiers* qualifiers)
{
  const auto holds_for = [&](const std::string& value) {
    return std::any_of(exercise.contraindications.begin(), exercise.contraindications.end(),
                       [&](const catalog::Contraindication& rule) {
                         return rule.condition == condition.id &&
                                (rule.when.empty() || value.empty() ||
                                 std::find(rule.when.begin(), rule.when.end(), value) != rule.when.end());
                       });
  };
  if (qualifiers != nullptr) {
    const auto given = qualifiers->find(condition.id);
    // No value given: every rule holds, so any rule for it covers it.
    return holds_for(given == qualifiers->end() ? std::string() : given->second);
  }
  if (!condition.qualifier) {
    return holds_for("");
  }
  // The default value reads as no value at all: every rule holds.
  return std::all_of(condition.qualifier->values.begin(), condition.qualifier->values.end(),
                     [&](const catalog::QualifierValue& value) {
                       return holds_for(value.id == condition.qualifier->default_value ? std::string()
                                                                                       : value.id);
                     });
}

/// The line that says a plan is an early-phase plan, and who lifts it.
std::string phase_line(const catalog::Term& condition)
{
  const catalog::Phase& phase = *condition.phase;
  return fmt::format(
    "this is the early-phase plan ({}): it keeps to what is allowed then. Do more only once {} "
    "has cleared you; then add --cleared for the full plan.",
    util::lowercase_first(phase.name), phase.lifted_by);
}

} // namespace

std::vector<const catalog::Term*> phases_holding(const catalog::Catalog& catalog,
                                                 const std::vector<std::string>& conditions, bool cleared)
{
  std::vector<const catalog::Term*> out;
  for (const auto& term : catalog.conditions.terms) {
    if (!cleared && term.phase && declared(conditions, term.id)) {
      out.push_back(&term);
    }
  }
  return out;
}

const catalog::Term* phase_excluding(const catalog::Catalog& catalog,
                                     const std::vector<std::string>& conditions, bool cleared,
                                     const catalog::Exercise& exercise)
{
  for (const auto* condition : phases_holding(catalog, conditions, cleared)) {
    const catalog::Phase& phase = *condition->phase;
    const auto lists = [](const std::vector<std::string>& list, const std::string& id) {
      return list.empty() || std::find(list.begin(), list.end(), id) != list.end();
    };
    if (!lists(phase.exercises, exercise.id) || !lists(phase.positions, exercise.position)) {
      return condition;
    }
  }
  return nullptr;
}

std::string referral(const catalog::Catalog& catalog, const std::vector<std::string>& conditions,
                     const Qualifiers& qualifiers)
{
  for (const auto& id : conditions) {
    const auto* term = catalog.conditions.find(id);
    const auto* value = term != nullptr ? qualifier_value(*term, qualifiers) : nullptr;
    if (value != nullptr && !value->refer.empty()) {
      return fmt::format("{} ({}): {}", term->name, value->description, value->refer);
    }
  }
  return {};
}

SafetyNotes safety_notes(const catalog::Catalog& catalog, const std::vector<std::string>& conditions,
                         const Qualifiers& qualifiers, bool cleared)
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
  // A sign that cannot concern someone with a declared condition (the signs
  // for men, in pregnancy) is not printed.
  std::set<std::string> left_out;
  for (const auto& condition : catalog.conditions.terms) {
    if (declared(conditions, condition.id)) {
      for (const auto& sign : condition.leaves_out_signs) {
        left_out.insert(util::fold_whitespace(sign));
      }
    }
  }
  for (const auto& term : catalog.red_flags.terms) {
    RedFlagTier tier{term.id, term.name, term.action, {}, {}, {}};
    for (const auto& sign : term.signs) {
      if (!left_out.contains(util::fold_whitespace(sign))) {
        tier.signs.push_back(sign);
      }
    }
    for (const auto& source : term.sources) {
      if (const auto* found = catalog.sources.find(source)) {
        tier.sources.push_back({found->id, found->citation});
      }
    }
    for (const auto& condition : catalog.conditions.terms) {
      if (!declared(conditions, condition.id)) {
        continue;
      }
      for (const auto& sign : condition.red_flags) {
        if (sign.tier == term.id) {
          tier.signs.push_back(fmt::format("{}: {}", condition.name, sign.text));
          tier.added.push_back({condition.id, sign.text});
        }
      }
    }
    notes.red_flags.push_back(std::move(tier));
  }
  for (const auto& term : catalog.conditions.terms) {
    if (!declared(conditions, term.id)) {
      continue;
    }
    if (const auto* value = qualifier_value(term, qualifiers);
        value != nullptr && qualifiers.contains(term.id) == false) {
      notes.advice.push_back({term.id, term.name,
                              fmt::format("this plan takes the most careful reading of the {}: {}.",
                                          term.qualifier->name, value->description)});
    }
    if (!term.advice.empty()) {
      notes.advice.push_back({term.id, term.name, term.advice});
    }
  }
  for (const auto* term : phases_holding(catalog, conditions, cleared)) {
    notes.advice.push_back({term->id, term->name, phase_line(*term)});
  }
  return notes;
}

std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog, const catalog::Exercise& exercise,
                                           const std::vector<std::string>& conditions,
                                           const Qualifiers* qualifiers)
{
  std::vector<ProtectionGap> gaps;
  const auto loads = catalog.loads_of(exercise);
  for (const auto& condition : catalog.conditions.terms) {
    if (!declared(conditions, condition.id)) {
      continue;
    }
    const auto load =
      std::find_first_of(loads.begin(), loads.end(), condition.protects.begin(), condition.protects.end());
    const bool ruled = covered(exercise, condition, qualifiers);
    if (load != loads.end() && !ruled) {
      gaps.push_back({&exercise, condition.id, *load});
    }
  }
  return gaps;
}

std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog)
{
  const std::vector<std::string> every = catalog.conditions.ids();
  std::vector<ProtectionGap> gaps;
  for (const auto& exercise : catalog.exercises) {
    auto found = protection_gaps(catalog, exercise, every);
    gaps.insert(gaps.end(), found.begin(), found.end());
  }
  return gaps;
}

} // namespace backplan::safety
