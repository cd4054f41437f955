#pragma once

#include "catalog/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::safety {

/// The condition id that `name` (an id or an alias) stands for, if any.
std::optional<std::string> resolve_condition(const catalog::Catalog& catalog, std::string_view name);

/// Every name a user may give for a condition: ids and aliases, sorted.
std::vector<std::string> condition_names(const catalog::Catalog& catalog);

/// What a user's conditions do to one exercise.
struct Verdict {
  /// The user's conditions that mark the exercise `avoid` (empty: it may appear).
  std::vector<std::string> avoided_for;
  /// The `modify` rules that apply, in catalog order; shown beside the exercise.
  std::vector<catalog::Contraindication> modifications;
  /// The `caution` rules that apply, in catalog order; shown beside the exercise.
  std::vector<catalog::Contraindication> cautions;

  /// True when the exercise must never be shown to this user.
  bool excluded() const { return !avoided_for.empty(); }
};

/// Applies the contraindications of `exercise` for the given condition ids.
Verdict evaluate(const catalog::Exercise& exercise, const std::vector<std::string>& conditions);

/// Applies a list of contraindications (an exercise's, or an easier or
/// harder version's own) for the given condition ids.
Verdict evaluate(const std::vector<catalog::Contraindication>& rules,
                 const std::vector<std::string>& conditions);

/// How many exercises of the catalog one condition excludes, modifies and cautions.
struct ConditionCounts {
  int avoided = 0;
  int modified = 0;
  int cautioned = 0;
};

/// The counts for `condition` over the whole catalog.
ConditionCounts count_effects(const catalog::Catalog& catalog, const std::string& condition);

} // namespace backplan::safety
