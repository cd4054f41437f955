#pragma once

#include "backplan/plan/model.hpp"

#include <string>
#include <variant>

namespace backplan::run {

/// The largest saved plan read, in bytes.
inline constexpr std::size_t max_plan_file_bytes = 16 * 1024 * 1024;

/// Reads a plan saved by `backplan plan -f json` (schema_version 1): the
/// fields a run needs, checked for type and range, and each item's timing
/// checked against the plan's timing model. On failure, the problem in
/// words (without the file's name), e.g. "items[2].dosage: missing field 'reps'".
std::variant<plan::Plan, std::string> parse_plan_json(const std::string& text);

} // namespace backplan::run
