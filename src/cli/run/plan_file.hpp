#pragma once

#include "backplan/plan/model.hpp"

#include "backplan/catalog/model.hpp"

#include <optional>
#include <string>
#include <variant>

namespace backplan::run {

/// The largest saved plan read, in bytes.
inline constexpr std::size_t max_plan_file_bytes = 16 * 1024 * 1024;

/// Reads a plan saved by `backplan plan -f json`: the fields a run needs,
/// checked for type and range. On failure, the problem in words (without the
/// file's name), e.g. "items[2].dosage: missing field 'reps'".
std::variant<plan::Plan, std::string> parse_plan_json(const std::string& text);

/// A saved plan as edited (items removed or reordered, doses changed) made
/// safe to run from `catalog`: each item's exercise, position, steps,
/// modifications and cautions taken from the catalog for the plan's
/// conditions, its time worked out again from its dose, and the time to get
/// ready between items from their order. The problem with its JSON path
/// when an item names no exercise of the catalog, one a condition avoids or
/// an early phase leaves out, or a dose outside the exercise's ranges.
std::optional<std::string> retime_saved_plan(const catalog::Catalog& catalog, plan::Plan& plan);

} // namespace backplan::run
