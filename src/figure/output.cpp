#include "backplan/figure/drawing.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::figure {

namespace {

const char* ink_name(Ink ink)
{
  switch (ink) {
  case Ink::far:
    return "far";
  case Ink::prop:
    return "prop";
  case Ink::arrow:
    return "arrow";
  case Ink::grid:
    return "grid";
  case Ink::body:
    break;
  }
  return "body";
}

std::string svg_points(const std::vector<Point>& points)
{
  std::string out;
  for (const auto& p : points) {
    out += fmt::format("{}{:.1f},{:.1f}", out.empty() ? "" : " ", p.x, p.y);
  }
  return out;
}

std::string svg_shape(const Drawing& drawing, const Shape& shape)
{
  const char* c = ink_colour(shape.ink);
  const double w = ink_width(drawing, shape.ink);
  const double size = drawing.label_size;
  switch (shape.kind) {
  case ShapeKind::line:
  case ShapeKind::polyline:
    return fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{:.2f}\"/>\n",
                       svg_points(shape.points), c, w);
  case ShapeKind::polygon:
    return fmt::format("<polygon points=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{:.2f}\"/>\n",
                       svg_points(shape.points), shape_fill(shape), c, w);
  case ShapeKind::circle:
    return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" stroke=\"{}\" "
                       "stroke-width=\"{:.2f}\"/>\n",
                       shape.points[0].x, shape.points[0].y, shape.radius, shape_fill(shape), c, w);
  case ShapeKind::label:
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"{:g}\" "
                       "font-family=\"sans-serif\" fill=\"{}\">{}</text>\n",
                       shape.points[0].x, shape.points[0].y, size, label_colour,
                       util::xml_escape(shape.text));
  }
  return "";
}

std::string svg_body(const Drawing& drawing)
{
  std::string out = "<g stroke-linecap=\"round\" stroke-linejoin=\"round\">\n";
  for (const auto& shape : drawing.shapes) {
    out += svg_shape(drawing, shape);
  }
  return out + "</g>\n";
}

std::string roff_escape(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '|') {
      out += "\\[bv]";
    } else {
      out += c;
    }
  }
  return out;
}

/// Relative moves between consecutive points, as \D arguments.
std::string roff_moves(const std::vector<Point>& points)
{
  std::string out;
  for (std::size_t i = 1; i < points.size(); ++i) {
    out += fmt::format(" {:.2f}p {:.2f}p", points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  }
  return out;
}

std::string roff_shape(const Drawing& drawing, const Shape& shape)
{
  const Point& p = shape.points[0];
  const std::string at = fmt::format("\\h'{:.2f}p'\\v'{:.2f}p'", p.x, p.y);
  const std::string pen =
    fmt::format("\\m[bp{}]\\D't {:.2f}p'", ink_name(shape.ink), ink_width(drawing, shape.ink));
  switch (shape.kind) {
  case ShapeKind::line:
  case ShapeKind::polyline: {
    // \D'l' draws one segment and moves to its end: one per segment.
    std::string segments;
    for (std::size_t i = 1; i < shape.points.size(); ++i) {
      segments += fmt::format("\\D'l {:.2f}p {:.2f}p'", shape.points[i].x - shape.points[i - 1].x,
                              shape.points[i].y - shape.points[i - 1].y);
    }
    return fmt::format("\\Z'{}{}{}\\m[]'", at, pen, segments);
  }
  case ShapeKind::polygon: {
    std::string out;
    if (shape.filled) {
      out +=
        fmt::format("\\Z'{}\\M[bp{}fill]\\D'P{}'\\M[]'", at, ink_name(shape.ink), roff_moves(shape.points));
    }
    return out + fmt::format("\\Z'{}{}\\D'p{}'\\m[]'", at, pen, roff_moves(shape.points));
  }
  case ShapeKind::circle: {
    const std::string left = fmt::format("\\h'{:.2f}p'\\v'{:.2f}p'", p.x - shape.radius, p.y);
    return fmt::format("\\Z'{}\\M[white]\\D'C {:.2f}p'\\M[]'\\Z'{}{}\\D'c {:.2f}p'\\m[]'", left,
                       2 * shape.radius, left, pen, 2 * shape.radius);
  }
  case ShapeKind::label: {
    const std::string text =
      fmt::format("\\s[{:.0f}]", drawing.label_size) + roff_escape(shape.text) + "\\s0";
    return fmt::format("\\Z'\\h'{:.2f}p-(\\w|{}|u/2u)'\\v'{:.2f}p'\\m[bplabel]{}\\m[]'", p.x, text, p.y,
                       text);
  }
  }
  return "";
}

} // namespace

const char* ink_colour(Ink ink)
{
  switch (ink) {
  case Ink::far:
    return "#9a9a9a";
  case Ink::prop:
    return "#8c7b66";
  case Ink::arrow:
    return "#c0392b";
  case Ink::grid:
    return "#cfe0e8";
  case Ink::body:
    break;
  }
  return "#222222";
}

double ink_width(const Drawing& drawing, Ink ink)
{
  if (ink == Ink::grid) {
    return 0.5;
  }
  return ink == Ink::body || ink == Ink::far ? drawing.stroke : std::max(0.8, drawing.stroke * 0.45);
}

const char* shape_fill(const Shape& shape)
{
  if (!shape.filled) {
    return "none";
  }
  if (shape.kind == ShapeKind::circle) {
    return "#ffffff";
  }
  return shape.ink == Ink::prop ? "#e6dccd" : ink_colour(shape.ink);
}

std::string to_svg(const Drawing& drawing, const std::string& title)
{
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
                     "viewBox=\"0 0 {0:.1f} {1:.1f}\">\n<title>{2}</title>\n"
                     "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{3}</svg>\n",
                     drawing.width, drawing.height, util::xml_escape(title), svg_body(drawing));
}

std::string to_inline_svg(const Drawing& drawing, const std::string& title)
{
  // Sized in em (16 units to the em), so that every figure of a page keeps
  // one scale, and its labels the size of the text, when the text's size
  // changes (print, a phone's larger type).
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0:.1f} {1:.1f}\" "
                     "width=\"{0:.0f}\" height=\"{1:.0f}\" style=\"width:{4:.2f}em\" role=\"img\" "
                     "aria-label=\"{2}\">\n{3}</svg>\n",
                     drawing.width, drawing.height, util::xml_escape(title), svg_body(drawing),
                     drawing.width / 16);
}

std::string roff_colour_definitions()
{
  std::string out;
  for (const Ink ink : {Ink::body, Ink::far, Ink::prop, Ink::arrow}) { // a handout draws no grid
    out += fmt::format(".defcolor bp{} rgb {}\n", ink_name(ink), ink_colour(ink));
  }
  out += ".defcolor bppropfill rgb #e6dccd\n.defcolor bparrowfill rgb #c0392b\n"
         ".defcolor bpbodyfill rgb #222222\n.defcolor bpfarfill rgb #9a9a9a\n"
         ".defcolor bplabel rgb #444444\n";
  return out;
}

std::string to_roff(const Drawing& drawing)
{
  std::string out;
  for (const auto& shape : drawing.shapes) {
    out += roff_shape(drawing, shape);
  }
  return out;
}

} // namespace backplan::figure
