#pragma once

#include "render/document.hpp"
#include "render/pdf_canvas.hpp"

#include <functional>
#include <string>

/// The handout's layout (a namespace of its own: unity builds join this
/// file with the other formats').
namespace backplan::render::pdf_layout {

/// The sheet for the week that follows a handout's safety section: a
/// programme's log sheet (a row a week, a box and a space for the pain score
/// under each day with a session) or the tick grid (a row per exercise, a
/// box per session on each day; a long plan's rows in two halves side by
/// side where the boxes fit), set in `body` on `page`. `titled` is called
/// with the section's title and height, to keep the heading with it.
void week_sheet(PdfCanvas& page, const Document& document, const TextStyle& body,
                const std::function<void(const std::string&, double)>& titled);

} // namespace backplan::render::pdf_layout
