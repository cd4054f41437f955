#pragma once

#include "backplan/figure/model.hpp"

#include <string>
#include <vector>

namespace backplan::figure {

/// A point of a drawing, in points (1/72 inch), x to the right, y down.
struct Point {
  double x = 0;
  double y = 0;
};

/// How a shape is drawn: the near side of the body, its far side (lighter),
/// a prop, the movement arrow, or the faint grid that helps an author pose.
enum class Ink { body, far, prop, arrow, grid };

/// What a shape is.
enum class ShapeKind { line, polyline, polygon, circle, label };

/// One shape of a drawing. A line or polyline joins `points`; a polygon is
/// closed (and filled when `filled`); a circle has its centre in points[0]
/// and `radius`; a label writes `text` centred on points[0].
struct Shape {
  ShapeKind kind = ShapeKind::line;
  Ink ink = Ink::body;
  std::vector<Point> points;
  double radius = 0;
  bool filled = false;
  std::string text;
};

/// A figure laid out for output: its size in points and its shapes, drawn
/// in order. Renderers only translate shapes into their own syntax.
struct Drawing {
  double width = 0;
  double height = 0;
  double stroke = 1;     ///< the body's line width in points; props and arrows are thinner
  double label_size = 9; ///< the size of the labels' type, in points
  std::vector<Shape> shapes;
};

/// How to lay out a figure.
struct DrawOptions {
  double height = 110; ///< the height of the tallest pose's panel, in points (when `scale` is 0)
  /// When above 0: points per world unit (centimetre of body), so that the
  /// figures drawn with one scale show a body at one size.
  double scale = 0;
  double max_width = 0;            ///< when above 0, the drawing is scaled down to fit this width
  bool stack = false;              ///< panels too wide side by side for `max_width` go one above the other
  bool labels = true;              ///< "Start" and "End" under the panels
  double label_size = 9;           ///< points
  std::string hold_label = "Hold"; ///< the label of a single panel
  /// A grid every 10 world units (centimetres) under each panel, stronger
  /// every 50 and on the floor, and a ring at each of the pose's contacts:
  /// for an author posing a figure.
  bool grid = false;
  std::string caption; ///< a line under the drawing, e.g. "Right side shown"
};

/// The largest scale (points per world unit) at which `figure` fits
/// `max_width` points, its panels side by side or, with `stack`, one above
/// the other.
double fitting_scale(const Figure& figure, double max_width, bool stack);

/// The colour of an ink, "#rrggbb", as every output draws it.
const char* ink_colour(Ink ink);
/// The line width of a shape of `ink` in `drawing`, in points.
double ink_width(const Drawing& drawing, Ink ink);
/// What fills a polygon or circle: "none" or a colour "#rrggbb".
const char* shape_fill(const Shape& shape);
/// The colour of a label's type.
inline constexpr const char* label_colour = "#444444";

/// The start and end poses side by side, the same scale for both, with the
/// figure's props and a curved arrow from where the part that moves most
/// starts to where it ends.
Drawing draw(const Figure& figure, const DrawOptions& options);

/// The drawing as a standalone SVG document; `title` becomes its <title>.
std::string to_svg(const Drawing& drawing, const std::string& title);

/// The drawing as an inline <svg> element for HTML, with role="img" and an
/// aria-label of `title`, its width set in em at 16 units to the em (a
/// drawing with `label_size` 16 has labels the size of the text).
std::string to_inline_svg(const Drawing& drawing, const std::string& title);

/// The drawing in a terminal: `rows` lines of `columns` Unicode braille
/// patterns (two dots across and four down to a cell), the drawing scaled
/// to fit and centred; labels and the posing grid left out. Nothing when
/// there is no room.
std::vector<std::string> to_braille(const Drawing& drawing, int columns, int rows);

/// The groff requests (.defcolor) that define the colours to_roff uses;
/// emit them once before the first drawing.
std::string roff_colour_definitions();

/// The drawing as groff drawing escapes (\D'…'), output at the current
/// position without moving it, for ms documents without preprocessors.
/// The block takes `drawing.height` points below the current baseline.
std::string to_roff(const Drawing& drawing);

} // namespace backplan::figure
