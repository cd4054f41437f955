#pragma once

#include "catalog/model.hpp"

#include <string>
#include <vector>

namespace backplan::safety {

/// One tier of red flags: what to do, and the signs that call for it.
struct RedFlagTier {
  std::string id;
  std::string name;   ///< "Emergency now"
  std::string action; ///< what to do on any of the signs
  std::vector<std::string> signs;
  std::vector<std::string> citations; ///< the public references it comes from
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
/// `conditions` (ids): the fixed general notes, every red-flag tier of the
/// catalog, and the advice lines of the declared conditions.
SafetyNotes safety_notes(const catalog::Catalog& catalog, const std::vector<std::string>& conditions);

/// An exercise that loads what a condition protects, with no rule for that
/// condition: a gap `backplan check` reports.
struct ProtectionGap {
  const catalog::Exercise* exercise;
  std::string condition;
  std::string load;
};

/// Every gap of the catalog, by exercise id, then condition in catalog order.
std::vector<ProtectionGap> protection_gaps(const catalog::Catalog& catalog);

} // namespace backplan::safety
