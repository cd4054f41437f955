#include "backplan/figure/drawing.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace backplan::figure {

namespace {

/// A grid of dots, two across and four down to a character cell.
class DotGrid
{
public:
  DotGrid(int columns, int rows) : m_columns(columns), m_rows(rows), m_dots(cells(columns, rows), 0) {}

  /// Sets the dot at (x, y) in dot units; nothing outside the grid.
  void set(int x, int y)
  {
    if (x < 0 || y < 0 || x >= m_columns * 2 || y >= m_rows * 4) {
      return;
    }
    // The dots of a braille cell, numbered as Unicode's patterns weigh them.
    static constexpr std::uint8_t weights[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    m_dots[static_cast<std::size_t>((y / 4) * m_columns + x / 2)] |= weights[y % 4][x % 2];
  }

  /// A straight line of dots from a to b.
  void line(double ax, double ay, double bx, double by)
  {
    const int steps =
      std::max(1, static_cast<int>(std::ceil(std::max(std::abs(bx - ax), std::abs(by - ay)))));
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      set(static_cast<int>(std::lround(ax + (bx - ax) * t)),
          static_cast<int>(std::lround(ay + (by - ay) * t)));
    }
  }

  /// The grid as `rows` lines of braille patterns (U+2800 for a blank cell).
  std::vector<std::string> lines() const
  {
    std::vector<std::string> out;
    for (int row = 0; row < m_rows; ++row) {
      std::string text;
      for (int column = 0; column < m_columns; ++column) {
        text += util::encode_utf8(U'\u2800' + m_dots[static_cast<std::size_t>(row * m_columns + column)]);
      }
      out.push_back(std::move(text));
    }
    return out;
  }

private:
  static std::size_t cells(int columns, int rows)
  {
    return static_cast<std::size_t>(std::max(0, columns)) * static_cast<std::size_t>(std::max(0, rows));
  }

  int m_columns;
  int m_rows;
  std::vector<std::uint8_t> m_dots;
};

} // namespace

std::vector<std::string> to_braille(const Drawing& drawing, int columns, int rows)
{
  if (columns <= 0 || rows <= 0 || drawing.width <= 0 || drawing.height <= 0) {
    return {};
  }
  // A braille dot is about as wide as it is high in a terminal cell twice as
  // high as it is wide, so one scale serves both axes.
  const double scale = std::min(columns * 2 / drawing.width, rows * 4 / drawing.height);
  const double left = (columns * 2 - drawing.width * scale) / 2;
  const double top = (rows * 4 - drawing.height * scale) / 2;
  DotGrid grid(columns, rows);
  const auto x_of = [&](const Point& p) { return left + p.x * scale; };
  const auto y_of = [&](const Point& p) { return top + p.y * scale; };
  for (const auto& shape : drawing.shapes) {
    if (shape.ink == Ink::grid || shape.kind == ShapeKind::label || shape.points.empty()) {
      continue;
    }
    if (shape.kind == ShapeKind::circle) {
      const double radius = std::max(1.0, shape.radius * scale);
      const int around = std::max(8, static_cast<int>(radius * 8));
      for (int i = 0; i < around; ++i) {
        const double a = 2 * M_PI * i / around;
        const double b = 2 * M_PI * (i + 1) / around;
        grid.line(x_of(shape.points[0]) + radius * std::cos(a), y_of(shape.points[0]) + radius * std::sin(a),
                  x_of(shape.points[0]) + radius * std::cos(b), y_of(shape.points[0]) + radius * std::sin(b));
      }
      continue;
    }
    for (std::size_t i = 1; i < shape.points.size(); ++i) {
      grid.line(x_of(shape.points[i - 1]), y_of(shape.points[i - 1]), x_of(shape.points[i]),
                y_of(shape.points[i]));
    }
    if (shape.kind == ShapeKind::polygon && shape.points.size() > 2) {
      grid.line(x_of(shape.points.back()), y_of(shape.points.back()), x_of(shape.points.front()),
                y_of(shape.points.front()));
    }
  }
  return grid.lines();
}

} // namespace backplan::figure
