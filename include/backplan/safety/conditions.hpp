#pragma once

#include "backplan/catalog/model.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::safety {

/// Every name a user may give for a condition: ids and aliases, sorted.
std::vector<std::string> condition_names(const catalog::Catalog& catalog);

/// Condition ids mapped to the qualifier value the user gave for each; a
/// condition with a qualifier and no entry takes its default value, under
/// which every rule for the condition holds.
using Qualifiers = std::map<std::string, std::string>;

/// A condition name the user typed, as "NAME" or "NAME=VALUE", resolved.
struct Typed {
  const catalog::Term* term = nullptr; ///< nullptr: no condition has that name (and `error` is empty)
  std::string value;                   ///< the qualifier value's id; empty: none given
  std::string error;                   ///< set: the value is not one the condition takes
};

/// Resolves "NAME" or "NAME=VALUE": the name by id or alias in any case, the
/// value by id, or, for a qualifier whose values say `from`, by a number (the
/// value with the highest `from` not above it).
Typed resolve_typed(const catalog::Catalog& catalog, std::string_view typed);

/// The value a declared condition's qualifier takes: the one given, else the
/// default; nullptr for a condition without a qualifier.
const catalog::QualifierValue* qualifier_value(const catalog::Term& condition, const Qualifiers& qualifiers);

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

/// Applies the contraindications of `exercise` for the given condition ids
/// and their qualifier values (a rule with `when` holds for a value it
/// names, and when no value is given).
Verdict evaluate(const catalog::Exercise& exercise, const std::vector<std::string>& conditions,
                 const Qualifiers& qualifiers = {});

/// Applies a list of contraindications (an exercise's, or an easier or
/// harder version's own) for the given condition ids and qualifier values.
Verdict evaluate(const std::vector<catalog::Contraindication>& rules,
                 const std::vector<std::string>& conditions, const Qualifiers& qualifiers = {});

/// Whether `rule` holds for a user with `conditions` and `qualifiers`.
bool applies(const catalog::Contraindication& rule, const std::vector<std::string>& conditions,
             const Qualifiers& qualifiers);

/// `qualifiers` as the rules read them: a value given by number becomes the
/// value it selects, and the default, an unknown value or a value for a
/// condition without a qualifier becomes no value, under which every rule
/// of the condition holds (the most careful reading).
Qualifiers settled(const catalog::Catalog& catalog, const Qualifiers& qualifiers);

/// The conditions `ids` take on through `includes`, after them, each once.
std::vector<std::string> with_included(const catalog::Catalog& catalog, std::vector<std::string> ids);

/// How many exercises of the catalog one condition excludes, modifies and cautions.
struct ConditionCounts {
  int avoided = 0;
  int modified = 0;
  int cautioned = 0;
};

/// The counts for `condition` over the whole catalog.
ConditionCounts count_effects(const catalog::Catalog& catalog, const std::string& condition);

} // namespace backplan::safety
