#include "backplan/figure/drawing.hpp"

#include "figure/panels.hpp"

#include <algorithm>

namespace backplan::figure {

namespace {

constexpr double panel_gap = 14; ///< points between panels

double panel_width(const Panel& panel) { return panel.max_x - panel.min_x + 2 * panel_margin; }

/// What the panels of a drawing span together, in world units: the bounds
/// of them all, and the widest panel and the sum of their widths (margins
/// included).
struct Extent {
  double min_x;
  double max_x;
  double min_y;
  double max_y;
  double widest = 0;
  double total = 0;
};

Extent extent(const std::vector<Panel>& panels)
{
  Extent out{panels[0].min_x, panels[0].max_x, panels[0].min_y, panels[0].max_y};
  for (const auto& panel : panels) {
    out.min_x = std::min(out.min_x, panel.min_x);
    out.max_x = std::max(out.max_x, panel.max_x);
    out.min_y = std::min(out.min_y, panel.min_y);
    out.max_y = std::max(out.max_y, panel.max_y);
    out.widest = std::max(out.widest, panel_width(panel));
    out.total += panel_width(panel);
  }
  return out;
}

/// The largest scale at which `count` panels spanning `all` fit `max_width`
/// points: one above the other (`stacked`), or side by side with gaps.
double width_scale(const Extent& all, std::size_t count, double max_width, bool stacked)
{
  return stacked ? max_width / all.widest
                 : (max_width - panel_gap * static_cast<double>(count - 1)) / all.total;
}

/// Where one panel goes in the drawing: the world point (x0, y0) (its left
/// and top) lands at (left, top) points.
struct Slot {
  double x0 = 0;
  double y0 = 0;
  double left = 0;
  double top = 0;
  double width = 0;  ///< points
  double height = 0; ///< points, the label below excluded
};

/// Side by side, sharing one top and bottom; or one above the other,
/// sharing one left and right so that the part that moves shows where it
/// went.
std::vector<Slot> place(const std::vector<Panel>& panels, double scale, bool stacked, double label_room)
{
  const Extent all = extent(panels);
  std::vector<Slot> slots;
  double left = 0;
  double top = 0;
  for (const auto& panel : panels) {
    Slot slot;
    if (stacked) {
      slot = {all.min_x - panel_margin,
              panel.max_y + panel_margin,
              0,
              top,
              (all.max_x - all.min_x + 2 * panel_margin) * scale,
              (panel.max_y - panel.min_y + 2 * panel_margin) * scale};
      top += slot.height + label_room + 4;
    } else {
      slot = {panel.min_x - panel_margin,
              all.max_y + panel_margin,
              left,
              0,
              panel_width(panel) * scale,
              (all.max_y - all.min_y + 2 * panel_margin) * scale};
      left += slot.width + panel_gap;
    }
    slots.push_back(slot);
  }
  return slots;
}

/// The scale draw() uses: the one asked for, else the tallest panel at the
/// height asked for with no panel more than twice as wide as that; then
/// down to fit `max_width` when the panels cannot stack.
double drawing_scale(const std::vector<Panel>& panels, const DrawOptions& options, bool& stacked)
{
  const Extent all = extent(panels);
  double scale = options.scale;
  if (scale <= 0) {
    scale =
      std::min(options.height / (all.max_y - all.min_y + 2 * panel_margin), options.height * 2 / all.widest);
  }
  stacked = false;
  if (options.max_width <= 0 || scale <= width_scale(all, panels.size(), options.max_width, false)) {
    return scale;
  }
  stacked = options.stack && panels.size() > 1;
  return std::min(scale, width_scale(all, panels.size(), options.max_width, stacked));
}

} // namespace

double fitting_scale(const Figure& figure, double max_width, bool stack)
{
  const auto panels = make_panels(figure, false);
  return width_scale(extent(panels), panels.size(), max_width, stack && panels.size() > 1);
}

Drawing draw(const Figure& figure, const DrawOptions& options)
{
  std::vector<Panel> panels = make_panels(figure, options.grid);
  bool stacked = false;
  const double scale = drawing_scale(panels, options, stacked);
  const double label_room = options.labels ? options.label_size + 3 : 0.0;
  const auto slots = place(panels, scale, stacked, label_room);

  Drawing drawing;
  drawing.stroke = std::max(1.2, 4.2 * scale);
  drawing.label_size = options.label_size;
  double right_edge = 0;
  double bottom_edge = 0;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    const Slot& slot = slots[i];
    for (auto& shape : panels[i].shapes) {
      for (auto& p : shape.points) {
        p = {slot.left + (p.x - slot.x0) * scale, slot.top + (slot.y0 - p.y) * scale};
      }
      shape.radius *= scale;
      drawing.shapes.push_back(std::move(shape));
    }
    if (options.labels) {
      Shape label;
      label.kind = ShapeKind::label;
      label.text = panels.size() == 1 ? options.hold_label : i == 0 ? "Start" : "End";
      label.points = {{slot.left + slot.width / 2, slot.top + slot.height + options.label_size}};
      drawing.shapes.push_back(label);
    }
    right_edge = std::max(right_edge, slot.left + slot.width);
    bottom_edge = std::max(bottom_edge, slot.top + slot.height + label_room);
  }
  // Room for the caption (about 0.58 of its size a character).
  const double caption_room = options.caption.empty() ? 0.0 : options.label_size + 3;
  drawing.width =
    std::max(right_edge, static_cast<double>(options.caption.size()) * options.label_size * 0.58);
  drawing.height = bottom_edge + caption_room;
  if (!options.caption.empty()) {
    Shape caption;
    caption.kind = ShapeKind::label;
    caption.text = options.caption;
    caption.points = {{drawing.width / 2, drawing.height - 3}};
    drawing.shapes.push_back(caption);
  }
  return drawing;
}

} // namespace backplan::figure
