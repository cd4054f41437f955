#pragma once

#include "backplan/figure/drawing.hpp"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace backplan::render {

/// A sheet of paper, in points (1/72 inch).
struct PageSize {
  const char* name;
  double width;
  double height;
};

inline constexpr PageSize a4_page{"a4", 595.276, 841.89};
inline constexpr PageSize letter_page{"letter", 612, 792};

/// How a paragraph is set: its size in points, weight, slant and grey
/// (0 black, 1 white), and where in its width.
struct TextStyle {
  double size = 9;
  bool bold = false;
  bool italic = false;
  double grey = 0;
  enum class Align { left, centre, right } align = Align::left; ///< within its width
  double hang = 0; ///< lines after the first start this much further right (a bullet's text)
  /// Tab stops, in points from the paragraph's left: a row of a table set
  /// as one line, which text extraction reads in order.
  std::vector<double> tabs = {};
};

/// Where something was put: its page (from 1) and the top of it, in points
/// from the top of the page.
struct Place {
  int page = 0;
  double top = 0;
};

/// What the PDF's document information says.
struct PdfInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string date; ///< ISO 8601, "2026-12-05T00:00:00"
};

/// The fonts of the canvases of one document and what their paragraphs
/// measured: the layout passes and the drawing pass share them, so that
/// fonts are set up once and a paragraph measured once is not set again only
/// to be measured. It keeps no process-wide state and must outlive the
/// canvases made with it.
class PdfFonts
{
public:
  PdfFonts();
  ~PdfFonts();
  PdfFonts(const PdfFonts&) = delete;
  PdfFonts& operator=(const PdfFonts&) = delete;

private:
  friend class PdfCanvas;
  struct Map;
  std::unique_ptr<Map> m_map;
};

/// Pages of a PDF drawn with cairo, their text set by Pango (fonts found by
/// fontconfig, embedded as subsets by cairo), laid out top to bottom with a
/// cursor. In measuring mode (`measure`) nothing is drawn and only the
/// cursor moves, so that a block can be measured by laying it out once the
/// same way it is drawn.
class PdfCanvas
{
public:
  /// Draws into `out` (null: lays out only, to count pages and find places)
  /// with `fonts`; every page's footer has `footer` at its left and "page N
  /// of `pages`" at its right.
  PdfCanvas(PageSize page, std::string* out, PdfFonts& fonts, const PdfInfo& info, std::string footer,
            int pages);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  /// The width of the text area, and the cursor from its top.
  double width() const;
  double y() const { return m_y; }
  void set_y(double y) { m_y = y; }
  void skip(double points) { m_y += points; }
  /// Room left on this page below the cursor.
  double room() const;
  Place place() const { return {m_page, m_top + m_y}; }
  int page() const { return m_page; }

  /// Starts a new page when `height` does not fit below the cursor.
  void keep(double height);
  void new_page();
  /// Lays out each of `parts` from the same top, side by side (the
  /// columns of a row); the cursor ends below the lowest.
  void side_by_side(const std::vector<std::function<void()>>& parts);
  /// How far `draw` moves the cursor, found by laying it out undrawn.
  double measure(const std::function<void()>& draw);

  /// A paragraph of Pango markup at `x` from the left margin, `width` wide
  /// (0: to the right margin); moves the cursor below it. With `link`, the
  /// paragraph links to it ("uri='…'" or "page=N pos=[X Y]").
  void text(const std::string& markup, const TextStyle& style, double x = 0, double width = 0,
            const std::string& link = {});
  /// A line across the text area, and a box from `top` to the cursor.
  void rule(double grey);
  void box(double top, double grey);
  /// An empty square, `side` wide, at `x` from the left margin.
  void tick_box(double x, double side);
  /// `drawing` with its top left corner at `x` from the left margin and the
  /// cursor; does not move the cursor.
  void drawing(const figure::Drawing& drawing, double x);
  /// An entry of the PDF's outline (bookmarks) pointing at the cursor.
  void bookmark(const std::string& title);

  /// Ends the PDF; returns how many pages it has.
  int finish();
  /// The width `markup` takes on one line, in points.
  double natural_width(const std::string& markup, const TextStyle& style);
  /// The characters no installed font could draw, each once.
  const std::set<char32_t>& missing() const { return m_missing; }

  /// `text` escaped for Pango markup.
  static std::string escape(std::string_view text);

private:
  struct Surface;
  void footer();
  void show(const std::string& markup, const TextStyle& style, double x, double width,
            const std::string& link);

  PageSize m_size;
  PdfFonts& m_fonts;
  bool m_drawing; ///< whether it draws into an output (else it only lays out)
  std::unique_ptr<Surface> m_surface;
  double m_top = 36;    ///< the text area's top margin
  double m_bottom = 44; ///< and bottom margin, which holds the footer
  double m_left = 42;
  double m_y = 0;
  int m_page = 1;
  int m_measuring = 0;
  std::string m_footer;
  int m_pages = 0;
  std::set<char32_t> m_missing;
};

} // namespace backplan::render
