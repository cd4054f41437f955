#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/safety/conditions.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace backplan::render {

/// What `conditions` prints, as plain data.
struct ConditionRow {
  const catalog::Term* term;
  safety::ConditionCounts counts;
};

/// Each condition: its id and name, aliases, description wrapped to
/// `width`, its qualifier and early phase, and what it changes of the
/// catalog's `exercises`.
std::string conditions_text(const std::vector<ConditionRow>& rows, std::size_t exercises, std::size_t width);

/// An array of {id, name, aliases, description, qualifier, early_phase,
/// includes, excludes, modifies, cautions}.
std::string conditions_json(const std::vector<ConditionRow>& rows);

/// The JSON's main fields as RFC 4180 CSV with a header row; aliases joined by ",".
std::string conditions_csv(const std::vector<ConditionRow>& rows);

} // namespace backplan::render
