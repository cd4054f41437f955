#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace backplan::render {

/// The versions of the JSON documents backplan writes, each the
/// `schema_version` of its schema under schema/: additions keep a version,
/// any other change bumps it.
inline constexpr int plan_json_version = 3;    ///< plan -f json
inline constexpr int catalog_json_version = 1; ///< list, show and conditions -f json
inline constexpr int cue_json_version = 1;     ///< run --cues -f json, each line

/// The plan as one JSON object with its keys in the documented order
/// (schema_version, generator, request, items, left_out, totals, uncovered,
/// safety, sources), indented by two spaces and ending in a newline.
std::string render_json(const plan::Plan& plan, const TextOptions& options);

/// Whether a plan's JSON lists the exercises left out, or leaves its
/// `left_out` empty (the plan kept for `run --last`, which does not read
/// them: in a catalog of thousands they are most of the document).
enum class LeftOutList { listed, omitted };

/// The plan as a JSON value, as `render_json` prints it (with
/// `LeftOutList::listed`).
nlohmann::ordered_json plan_json(const plan::Plan& plan, LeftOutList left_out = LeftOutList::listed);

/// Contraindications as a JSON array of {condition, condition_name, action,
/// instruction, basis, when}, each condition named by `condition_name_of`
/// (the plan's name for it, or the catalog's).
nlohmann::ordered_json rules_json(const std::vector<catalog::Contraindication>& rules,
                                  const std::function<std::string(const std::string&)>& condition_name_of);

/// A string, or null when it is empty.
nlohmann::ordered_json string_or_null(const std::string& text);

/// Sources as a JSON array of {id, citation}, the one shape every document
/// gives a list of sources.
nlohmann::ordered_json sources_json(const std::vector<catalog::Citation>& sources);

/// `value` indented by two spaces, with a final newline; invalid UTF-8 (which
/// a loaded catalog never holds) is replaced rather than thrown on.
std::string json_text(const nlohmann::ordered_json& value);

} // namespace backplan::render
