#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace backplan::render {

/// The plan as RFC 4180 CSV: a header row, then one row per item (index,
/// start, start_seconds, duration_seconds, transition_seconds, id, name,
/// position, position_name, kind, dosage, per_side, modifications, cautions,
/// safety), each line ending in CRLF. The safety notes fill the last column
/// of the first item's row only.
std::string render_csv(const plan::Plan& plan, const TextOptions& options);

/// One CSV field: quoted, with quotes doubled, when it holds a comma, a
/// quote, a CR or an LF (or starts or ends with a space); as is otherwise.
/// A field that starts with '=', '+', '-', '@', a tab or a CR, which a
/// spreadsheet would run as a formula, gets an apostrophe in front.
std::string csv_field(std::string_view text);

/// The fields as one CSV record ending in CRLF.
std::string csv_row(const std::vector<std::string>& fields);

} // namespace backplan::render
