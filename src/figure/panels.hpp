#pragma once

#include "backplan/figure/drawing.hpp"

#include <algorithm>
#include <limits>
#include <vector>

// The panels of a drawing before they are laid out: drawing.cpp builds them
// (body, props, arrow, grid), layout.cpp scales and places them.
namespace backplan::figure {

/// A panel under construction, in world units, before scaling.
struct Panel {
  std::vector<Shape> shapes; ///< points in world units, y up
  double min_x = std::numeric_limits<double>::max();
  double max_x = std::numeric_limits<double>::lowest();
  double min_y = std::numeric_limits<double>::max();
  double max_y = std::numeric_limits<double>::lowest();

  void extend(double x, double y)
  {
    min_x = std::min(min_x, x);
    max_x = std::max(max_x, x);
    min_y = std::min(min_y, y);
    max_y = std::max(max_y, y);
  }

  void add(Shape shape)
  {
    for (const auto& p : shape.points) {
      extend(p.x - shape.radius, p.y - shape.radius);
      extend(p.x + shape.radius, p.y + shape.radius);
    }
    shapes.push_back(std::move(shape));
  }
};

/// World units of room around each panel.
inline constexpr double panel_margin = 6;

/// The start and end panels of `figure` (one when it is a held position),
/// the end one with the arrow of the movement; with `grid`, each over a grid.
std::vector<Panel> make_panels(const Figure& figure, bool grid);

} // namespace backplan::figure
