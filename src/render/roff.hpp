#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <string>
#include <string_view>

namespace backplan::render {

/// The plan as a groff `ms` document that needs no preprocessor
/// (`groff -ms -Tpdf plan.ms > plan.pdf`): title, what it was made for, the
/// safety notes in a box, the schedule as a table, each exercise with its
/// steps, the exercises left out (with `options.explain`), a tick grid for a
/// week, and the sources.
std::string render_roff(const plan::Plan& plan, const TextOptions& options);

/// The handout `document` as a groff `ms` document, as render_roff prints it.
std::string roff_document(const Document& document);

/// `text` as troff input for filled text that prints it as typed:
/// whitespace runs become one space; backslashes, the quotes and accents
/// groff would curl (' ` ~ ^) and every non-ASCII character become groff
/// escapes (plain ASCII out, no preconv needed); and the result never starts
/// with a control character, so it may begin a line.
std::string roff_escape(std::string_view text);

} // namespace backplan::render
