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
  double figure; ///< points per centimetre of body
  double gap;    ///< points between exercises
};

/// Where a pass put each exercise and then the safety section, and how
/// wide (points) it drew each figure.
struct LaidOut {
  std::vector<Place> places;
  std::vector<double> figure_widths;
  double figure_scale = 0; ///< points per centimetre of body, the same for every figure
};

/// Lays out `document` on `page`, top to bottom, at `density`: the title
/// block, the plan, the "Stop and get help" box, the exercises, the safety
/// section, the tick grid and the sources. `found` holds where a first pass
/// put each exercise and then the safety section (empty on the first pass),
/// for the links to them. Every figure is drawn at one scale, the
/// density's unless a figure would pass the page's width, beside or above
/// its text, whichever is shorter (ExerciseSection).
LaidOut lay_out(PdfCanvas& page, const Document& document, const std::vector<Place>& found,
                const Density& density);

} // namespace backplan::render::pdf_layout
