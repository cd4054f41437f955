#pragma once

#include "render/document.hpp"
#include "render/pdf_canvas.hpp"

#include <vector>

namespace backplan::render::pdf_layout {

/// How closely a handout is set: the sizes of its body text and small text
/// in points, and the scale of its figures in points per centimetre of body
/// (one for every figure: 0.5 draws a standing body about 31 mm tall). The
/// first that fits the pages a handout should take is used.
struct Density {
  double body;
  double small;
  double figure;
  bool stack = true; ///< a figure's panels one above the other where they do not fit side by side
};

/// Lays out `document` on `page`, top to bottom, at `density`: the title
/// block, the plan, the "Stop and get help" box, the exercises, the safety
/// section, the tick grid and the sources. `found` holds where a first pass
/// put each exercise and then the safety section (empty on the first pass),
/// for the links to them; returns where this pass put them.
std::vector<Place> lay_out(PdfCanvas& page, const Document& document, const std::vector<Place>& found,
                           const Density& density);

} // namespace backplan::render::pdf_layout
