#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/safety/conditions.hpp"

#include <string>
#include <vector>

namespace backplan::safety {

/// One tier of red flags: what to do, and the signs that call for it.
struct RedFlagTier {
  std::string id;
  std::string name;   ///< "Emergency now"
  std::string action; ///< what to do on any of the signs
  std::vector<std::string> signs;
  std::vector<catalog::Citation> sources; ///< the public references it comes from
  /// The signs of `signs` a declared condition added, and which condition.
  struct Added {
    std::string condition; ///< the condition id
    std::string text;      ///< the sign as the condition gives it
  };
  std::vector<Added> added;
};

/// A declared condition's line for the whole plan.
struct ConditionAdvice {
  std::string condition; ///< the condition id
  std::string name;      ///< its display name
  std::string text;
};

/// The safety notes every plan carries, in every format.
struct SafetyNotes {
  std::vector<std::string> general;    ///< stop on pain, not a treatment, ...
  std::string red_flags_intro;         ///< the sentence before the tiers
  std::vector<RedFlagTier> red_flags;  ///< most urgent first, as the catalog orders them
  std::vector<ConditionAdvice> advice; ///< of the declared conditions, in catalog order
};

/// The safety notes for a plan made from `catalog` for the declared
/// `conditions` (ids) and their qualifier values: the fixed general notes,
/// every red-flag tier of the catalog with the signs the declared conditions
/// add to it, the advice lines of the declared conditions, and a line for
/// each early phase that holds (unless `cleared`).
SafetyNotes safety_notes(const catalog::Catalog& catalog, const std::vector<std::string>& conditions,
                         const Qualifiers& qualifiers = {}, bool cleared = false);

/// The early phases that hold for a user: those of the declared conditions,
/// unless `cleared`.
std::vector<const catalog::Term*> phases_holding(const catalog::Catalog& catalog,
                                                 const std::vector<std::string>& conditions, bool cleared);

/// The declared condition whose early phase, while it holds (not
/// `cleared`), leaves `exercise` out, or nullptr.
const catalog::Term* phase_excluding(const catalog::Catalog& catalog,
                                     const std::vector<std::string>& conditions, bool cleared,
                                     const catalog::Exercise& exercise);

/// The referral of the first declared condition whose qualifier value (or
/// its default) calls for a clinician before any exercise: "NAME (VALUE):
/// REFERRAL"; empty when none does.
std::string referral(const catalog::Catalog& catalog, const std::vector<std::string>& conditions,
                     const Qualifiers& qualifiers);

/// An exercise that loads what a condition protects, with no rule for that
/// condition: a gap `backplan check` reports.
struct ProtectionGap {
  const catalog::Exercise* exercise;
  std::string condition;
  std::string load;
};

/// The gaps of one exercise for the `conditions` (ids), in catalog order. A
/// condition's load is covered by a rule that holds for the qualifier value
/// in `qualifiers` (none given: a rule holding whatever the value); with
/// `qualifiers` null, by rules that together hold for every value.
std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog, const catalog::Exercise& exercise,
                                           const std::vector<std::string>& conditions,
                                           const Qualifiers* qualifiers = nullptr);

/// Every gap of the catalog, by exercise id, then condition in catalog order.
std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog);

} // namespace backplan::safety
