#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <string>
#include <string_view>

namespace backplan::render {

/// The plan as one self-contained HTML page (inline CSS and SVG, no script,
/// nothing fetched): title and what it was made for, the safety notes in a
/// box, the schedule, each exercise with its picture beside its position,
/// steps, dosage and notes, a tick grid for a week, and the sources. It
/// reads at phone and desktop widths and prints with no exercise split
/// across pages.
std::string render_html(const plan::Plan& plan, const TextOptions& options);

/// The handout `document` as one HTML page, as render_html prints it.
std::string html_document(const Document& document);

/// `text` on one line (whitespace runs folded to a space) with &, <, > and "
/// replaced by character references (util::xml_escape).
std::string html_escape(std::string_view text);

} // namespace backplan::render
