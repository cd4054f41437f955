#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace backplan::render {

/// The version of the plan's JSON layout: additions keep it, changes bump it.
inline constexpr int json_schema_version = 2;

/// The plan as one JSON object with its keys in the documented order
/// (schema_version, generator, request, items, left_out, totals, uncovered,
/// safety, sources), indented by two spaces and ending in a newline.
std::string render_json(const plan::Plan& plan, const TextOptions& options);

/// The plan as a JSON value, as `render_json` prints it.
nlohmann::ordered_json plan_json(const plan::Plan& plan);

/// Contraindications as a JSON array of {condition, condition_name, action,
/// instruction, basis, when}, each condition named by `condition_name_of`
/// (the plan's name for it, or the catalog's).
nlohmann::ordered_json rules_json(const std::vector<catalog::Contraindication>& rules,
                                  const std::function<std::string(const std::string&)>& condition_name_of);

/// `value` indented by two spaces, with a final newline; invalid UTF-8 (which
/// a loaded catalog never holds) is replaced rather than thrown on.
std::string json_text(const nlohmann::ordered_json& value);

} // namespace backplan::render
