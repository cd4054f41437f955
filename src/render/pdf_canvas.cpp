#include "render/pdf_canvas.hpp"

#include "util/text.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>
#include <stdexcept>
#include <unordered_map>

namespace backplan::render {

namespace {

/// Appends what cairo writes to a string (or drops it when there is none).
cairo_status_t append_to(void* closure, const unsigned char* data, unsigned int length)
{
  if (closure != nullptr) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  }
  return CAIRO_STATUS_SUCCESS;
}

/// "#rrggbb" as cairo's source colour.
void set_colour(cairo_t* cr, const char* hex)
{
  const auto value = static_cast<unsigned>(std::stoul(std::string(hex + 1), nullptr, 16));
  cairo_set_source_rgb(cr, ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
                       (value & 0xff) / 255.0);
}

/// The characters a laid-out paragraph could not draw: Pango marks a glyph
/// no font has with PANGO_GLYPH_UNKNOWN_FLAG and keeps the character in it.
void collect_missing(PangoLayout* layout, std::set<char32_t>& missing)
{
  if (pango_layout_get_unknown_glyphs_count(layout) == 0) {
    return;
  }
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    const PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
    if (run == nullptr) {
      continue;
    }
    for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
      const PangoGlyph glyph = run->glyphs->glyphs[g].glyph;
      if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0) {
        missing.insert(static_cast<char32_t>(glyph & ~PANGO_GLYPH_UNKNOWN_FLAG));
      }
    }
  } while (pango_layout_iter_next_run(iter) != 0);
  pango_layout_iter_free(iter);
}

} // namespace

/// A font map of the document's own: the library keeps no process-wide
/// state (Pango's default font map would live, with its caches, until the
/// program ends); and the height of each paragraph set, by its style, width
/// and markup.
struct PdfFonts::Map {
  PangoFontMap* fonts = pango_cairo_font_map_new();
  std::unordered_map<std::string, double> heights;

  ~Map() { g_object_unref(fonts); }
};

PdfFonts::PdfFonts() : m_map(std::make_unique<Map>()) {}

PdfFonts::~PdfFonts() = default;

/// The cairo surface and context, and Pango's context over them.
struct PdfCanvas::Surface {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* pango = nullptr;

  ~Surface()
  {
    if (pango != nullptr) {
      g_object_unref(pango);
    }
    if (cr != nullptr) {
      cairo_destroy(cr);
    }
    if (surface != nullptr) {
      cairo_surface_destroy(surface);
    }
  }
};

PdfCanvas::PdfCanvas(PageSize page, std::string* out, PdfFonts& fonts, const PdfInfo& info,
                     std::string footer, int pages)
    : m_size(page), m_fonts(fonts), m_drawing(out != nullptr), m_surface(std::make_unique<Surface>()),
      m_footer(std::move(footer)), m_pages(pages)
{
  m_surface->surface = cairo_pdf_surface_create_for_stream(append_to, out, page.width, page.height);
  cairo_pdf_surface_set_metadata(m_surface->surface, CAIRO_PDF_METADATA_TITLE, info.title.c_str());
  cairo_pdf_surface_set_metadata(m_surface->surface, CAIRO_PDF_METADATA_AUTHOR, info.author.c_str());
  cairo_pdf_surface_set_metadata(m_surface->surface, CAIRO_PDF_METADATA_SUBJECT, info.subject.c_str());
  cairo_pdf_surface_set_metadata(m_surface->surface, CAIRO_PDF_METADATA_CREATOR,
                                 "backplan " BACKPLAN_VERSION);
  cairo_pdf_surface_set_metadata(m_surface->surface, CAIRO_PDF_METADATA_CREATE_DATE, info.date.c_str());
  m_surface->cr = cairo_create(m_surface->surface);
  m_surface->pango = pango_font_map_create_context(fonts.m_map->fonts);
  pango_cairo_update_context(m_surface->cr, m_surface->pango);
  // Font sizes are points, and so is cairo's user space on a PDF surface.
  pango_cairo_context_set_resolution(m_surface->pango, 72);
  if (cairo_status(m_surface->cr) != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(
      fmt::format("cannot make a PDF: {}", cairo_status_to_string(cairo_status(m_surface->cr))));
  }
}

PdfCanvas::~PdfCanvas() = default;

double PdfCanvas::width() const { return m_size.width - 2 * m_left; }

double PdfCanvas::room() const { return m_size.height - m_top - m_bottom - m_y; }

void PdfCanvas::keep(double height)
{
  if (height > room() && m_y > 0) {
    new_page();
  }
}

void PdfCanvas::new_page()
{
  if (m_measuring == 0) {
    footer();
    cairo_show_page(m_surface->cr);
  }
  ++m_page;
  m_y = 0;
}

void PdfCanvas::side_by_side(const std::vector<std::function<void()>>& parts)
{
  const double top = m_y;
  double bottom = top;
  for (const auto& part : parts) {
    m_y = top;
    part();
    bottom = std::max(bottom, m_y);
  }
  m_y = bottom;
}

double PdfCanvas::measure(const std::function<void()>& draw)
{
  const double before = m_y;
  const int page = m_page;
  ++m_measuring;
  draw();
  --m_measuring;
  const double height = m_y - before;
  m_y = before;
  m_page = page;
  return height;
}

void PdfCanvas::text(const std::string& markup, const TextStyle& style, double x, double width,
                     const std::string& link)
{
  show(markup, style, x, width > 0 ? width : this->width() - x, link);
}

namespace {

/// A Pango layout of `markup` set in `style`, `width` points wide (-1: on
/// one line).
PangoLayout* make_layout(PangoContext* context, const std::string& markup, const TextStyle& style,
                         double width)
{
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, "DejaVu Sans,sans-serif");
  pango_font_description_set_stretch(font, PANGO_STRETCH_SEMI_CONDENSED);
  pango_font_description_set_size(font, static_cast<gint>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, style.align == TextStyle::Align::centre  ? PANGO_ALIGN_CENTER
                                     : style.align == TextStyle::Align::right ? PANGO_ALIGN_RIGHT
                                                                              : PANGO_ALIGN_LEFT);
  pango_layout_set_indent(layout, -static_cast<int>(style.hang * PANGO_SCALE));
  if (!style.tabs.empty()) {
    PangoTabArray* tabs = pango_tab_array_new(static_cast<gint>(style.tabs.size()), TRUE);
    for (std::size_t i = 0; i < style.tabs.size(); ++i) {
      pango_tab_array_set_tab(tabs, static_cast<gint>(i), PANGO_TAB_LEFT, static_cast<gint>(style.tabs[i]));
    }
    pango_layout_set_tabs(layout, tabs);
    pango_tab_array_free(tabs);
  }
  pango_layout_set_markup(layout, markup.c_str(), -1);
  return layout;
}

} // namespace

double PdfCanvas::natural_width(const std::string& markup, const TextStyle& style)
{
  PangoLayout* layout = make_layout(m_surface->pango, markup, style, -1);
  int width = 0;
  pango_layout_get_size(layout, &width, nullptr);
  g_object_unref(layout);
  return static_cast<double>(width) / PANGO_SCALE;
}

void PdfCanvas::show(const std::string& markup, const TextStyle& style, double x, double width,
                     const std::string& link)
{
  // A paragraph only measured, and measured before, is not set again.
  const bool drawn = m_drawing && m_measuring == 0;
  std::string key = fmt::format("{} {:d} {:d} {} {} {} {}", style.size, style.bold, style.italic,
                                static_cast<int>(style.align), style.hang, width, style.grey);
  for (const double tab : style.tabs) {
    key += fmt::format(" {}", tab);
  }
  key += '\n';
  key += markup;
  auto& heights = m_fonts.m_map->heights;
  if (const auto known = heights.find(key); !drawn && known != heights.end()) {
    m_y += known->second;
    return;
  }
  PangoLayout* layout = make_layout(m_surface->pango, markup, style, width);
  int height = 0;
  pango_layout_get_size(layout, nullptr, &height);
  if (drawn) {
    collect_missing(layout, m_missing);
    cairo_t* cr = m_surface->cr;
    if (!link.empty()) {
      cairo_tag_begin(cr, CAIRO_TAG_LINK, link.c_str());
    }
    cairo_set_source_rgb(cr, style.grey, style.grey, style.grey);
    cairo_move_to(cr, m_left + x, m_top + m_y);
    pango_cairo_show_layout(cr, layout);
    if (!link.empty()) {
      cairo_tag_end(cr, CAIRO_TAG_LINK);
    }
  }
  g_object_unref(layout);
  heights.emplace(key, static_cast<double>(height) / PANGO_SCALE);
  m_y += static_cast<double>(height) / PANGO_SCALE;
}

void PdfCanvas::rule(double grey)
{
  if (m_measuring == 0) {
    cairo_t* cr = m_surface->cr;
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, m_left, m_top + m_y);
    cairo_line_to(cr, m_left + width(), m_top + m_y);
    cairo_stroke(cr);
  }
  m_y += 2;
}

void PdfCanvas::box(double top, double grey)
{
  if (m_measuring == 0) {
    cairo_t* cr = m_surface->cr;
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_set_line_width(cr, 1.2);
    cairo_rectangle(cr, m_left - 6, m_top + top, width() + 12, m_y - top);
    cairo_stroke(cr);
  }
}

void PdfCanvas::tick_box(double x, double side)
{
  if (m_measuring == 0) {
    cairo_t* cr = m_surface->cr;
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr, 0.7);
    cairo_rectangle(cr, m_left + x, m_top + m_y, side, side);
    cairo_stroke(cr);
  }
}

void PdfCanvas::drawing(const figure::Drawing& drawing, double x)
{
  if (m_measuring != 0) {
    return;
  }
  cairo_t* cr = m_surface->cr;
  cairo_save(cr);
  cairo_translate(cr, m_left + x, m_top + m_y);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const auto& shape : drawing.shapes) {
    if (shape.kind == figure::ShapeKind::label) {
      continue;
    }
    if (shape.kind == figure::ShapeKind::circle) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, shape.points[0].x, shape.points[0].y, shape.radius, 0, 2 * G_PI);
    } else {
      for (std::size_t i = 0; i < shape.points.size(); ++i) {
        (i == 0 ? cairo_move_to : cairo_line_to)(cr, shape.points[i].x, shape.points[i].y);
      }
      if (shape.kind == figure::ShapeKind::polygon) {
        cairo_close_path(cr);
      }
    }
    const char* fill = figure::shape_fill(shape);
    if (std::string_view(fill) != "none") {
      set_colour(cr, fill);
      cairo_fill_preserve(cr);
    }
    set_colour(cr, figure::ink_colour(shape.ink));
    cairo_set_line_width(cr, figure::ink_width(drawing, shape.ink));
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  // Labels are text like any other, centred where the drawing puts them
  // (their point is on the baseline).
  const double top = m_y;
  constexpr double label_width = 120;
  for (const auto& shape : drawing.shapes) {
    if (shape.kind == figure::ShapeKind::label) {
      const TextStyle style{.size = drawing.label_size, .grey = 0.27, .align = TextStyle::Align::centre};
      m_y = top + shape.points[0].y - style.size;
      show(escape(shape.text), style, x + shape.points[0].x - label_width / 2, label_width, {});
    }
  }
  m_y = top;
}

void PdfCanvas::bookmark(const std::string& title)
{
  if (m_measuring == 0) {
    const auto link = fmt::format("page={} pos=[{:.0f} {:.0f}]", m_page, m_left, m_top + m_y);
    cairo_pdf_surface_add_outline(m_surface->surface, CAIRO_PDF_OUTLINE_ROOT, title.c_str(), link.c_str(),
                                  static_cast<cairo_pdf_outline_flags_t>(0));
  }
}

void PdfCanvas::footer()
{
  const double y = m_y;
  const double line = m_size.height - m_top - m_bottom + 18;
  constexpr double page_width = 80;
  TextStyle small{.size = 7.5, .grey = 0.35};
  m_y = line;
  show(escape(m_footer), small, 0, width() - page_width, {});
  m_y = line;
  small.align = TextStyle::Align::right;
  show(fmt::format("page {} of {}", m_page, std::max(m_pages, m_page)), small, width() - page_width,
       page_width, {});
  m_y = y;
}

int PdfCanvas::finish()
{
  footer();
  cairo_show_page(m_surface->cr);
  cairo_surface_finish(m_surface->surface);
  const auto status = cairo_surface_status(m_surface->surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(fmt::format("cannot make the PDF: {}", cairo_status_to_string(status)));
  }
  return m_page;
}

std::string PdfCanvas::escape(std::string_view text) { return util::xml_escape(text); }

} // namespace backplan::render
