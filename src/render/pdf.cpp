#include "render/pdf.hpp"

#include "render/common.hpp"
#include "render/document.hpp"
#include "render/pdf_canvas.hpp"
#include "render/pdf_handout.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <array>
#include <cstdio>
#include <fmt/format.h>
#include <optional>

namespace backplan::render {

/// The handout's layout (a namespace of its own: unity builds join this
/// file with the other formats').
namespace pdf_layout {

/// The densities tried, loosest first: the body text, the small text, the
/// figures' scale and the space between exercises. The figures' scale draws
/// the figure model's adult, 170 cm tall, 43 mm tall (0.72 points per
/// centimetre), and never under 40 mm (0.667).
constexpr std::array<Density, 4> densities = {
  {{8.5, 7.5, 0.72, 6}, {8, 7, 0.72, 6}, {7.5, 6.5, 0.72, 6}, {7, 6, 0.667, 4}}};

/// The most pages a handout should take; a denser setting is tried before more.
constexpr int pages_wanted = 3;

/// The characters of `missing`, as a warning names them: "字 (U+5B57)".
std::string named_characters(const std::set<char32_t>& missing)
{
  std::vector<std::string> names;
  for (const char32_t c : missing) {
    names.push_back(fmt::format("{} (U+{:04X})", util::encode_utf8(c), static_cast<std::uint32_t>(c)));
  }
  return util::join(names, ", ");
}

} // namespace pdf_layout

using pdf_layout::densities;
using pdf_layout::Density;
using pdf_layout::lay_out;
using pdf_layout::named_characters;
using pdf_layout::pages_wanted;

PdfHandout pdf_document(const Document& document, const PdfSettings& settings)
{
  PdfInfo info;
  info.title =
    document.client.empty() ? document.title : fmt::format("{} for {}", document.title, document.client);
  info.author = document.clinician.empty() ? "backplan" : document.clinician;
  info.subject = "Back-care exercises";
  info.date = settings.date.iso;
  const std::string footer =
    document.client.empty()
      ? fmt::format("{} · {}", document.title, settings.date.words)
      : fmt::format("{} for {} · {}", document.title, document.client, settings.date.words);
  // A pass that draws nothing counts the pages and finds where each part
  // lands; the loosest density that fits is found by bisection (pages only
  // fall as the density rises), the densest when none fits. The second
  // pass draws, with "page N of M" and links to those places.
  PdfFonts fonts;
  struct Pass {
    std::vector<Place> places;
    int pages = 0;
  };
  std::array<std::optional<Pass>, densities.size()> passes;
  const auto pass = [&](std::size_t d) -> const Pass& {
    if (!passes[d]) {
      PdfCanvas layout(settings.page, nullptr, fonts, info, footer, 0);
      const std::vector<Place> none;
      auto places = lay_out(layout, document, none, densities[d]).places;
      passes[d] = Pass{std::move(places), layout.finish()};
    }
    return *passes[d];
  };
  std::size_t low = 0;
  std::size_t high = densities.size() - 1;
  while (low < high) {
    const std::size_t middle = (low + high) / 2;
    if (pass(middle).pages <= pages_wanted) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  const Density& density = densities[high];
  const auto& [places, pages] = pass(high);
  PdfHandout out;
  PdfCanvas canvas(settings.page, &out.bytes, fonts, info, footer, pages);
  const auto laid = lay_out(canvas, document, places, density);
  out.figure_widths = laid.figure_widths;
  out.figure_scale = laid.figure_scale;
  out.pages = canvas.finish();
  out.missing = canvas.missing();
  return out;
}

std::string render_pdf(const plan::Plan& plan, const TextOptions& options)
{
  PdfSettings settings;
  settings.date = handout_date();
  settings.page = options.paper == "letter" ? letter_page : a4_page;
  PdfHandout pdf = pdf_document(make_document(plan, options.explain), settings);
  const auto& missing = pdf.missing;
  if (!missing.empty()) {
    std::fputs(fmt::format("backplan: warning: no installed font can draw {}; the PDF shows a box in "
                           "{} place\n",
                           named_characters(missing), missing.size() == 1 ? "its" : "each one's")
                 .c_str(),
               stderr);
  }
  return std::move(pdf.bytes);
}

} // namespace backplan::render
