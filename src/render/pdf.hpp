#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"
#include "render/common.hpp"
#include "render/pdf_canvas.hpp"

#include <set>
#include <string>
#include <vector>

namespace backplan::render {

struct Document;

/// The paper and the date a PDF handout is made for.
struct PdfSettings {
  PageSize page = a4_page;
  HandoutDate date;
};

/// The handout as a PDF, laid out and drawn by cairo and Pango: fonts
/// embedded as subsets, a title, author and date in its document
/// information, a bookmark per section and exercise, links from the
/// schedule to each exercise and from each source to its address, and
/// "page N of M" with the client's name and the date at the foot of every
/// page.
struct PdfHandout {
  std::string bytes;
  int pages = 0;
  std::set<char32_t> missing;        ///< characters no installed font can draw
  std::vector<double> figure_widths; ///< points, each figure as drawn
  double figure_scale = 0;           ///< points per centimetre of body, one for every figure
};
PdfHandout pdf_document(const Document& document, const PdfSettings& settings);

/// The plan's handout as a PDF on `options.paper` (A4 unless "letter"),
/// dated today (or SOURCE_DATE_EPOCH); characters no font can draw are
/// named in a warning on standard error. Throws std::runtime_error when
/// cairo cannot make it.
std::string render_pdf(const plan::Plan& plan, const TextOptions& options);

} // namespace backplan::render
