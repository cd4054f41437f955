#include "backplan/figure/drawing.hpp"

#include "figure/kinematics.hpp"
#include "figure/panels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace backplan::figure {

namespace {

/// A projected point in world units, y up, with its depth (larger is nearer).
struct Flat {
  double x = 0;
  double y = 0;
  double depth = 0;
};

Flat project(const Point3& p, View view)
{
  switch (view) {
  case View::front:
    return {-p.z, p.y, p.x};
  case View::top:
    return {p.x, -p.z, p.y};
  case View::side:
    break;
  }
  return {p.x, p.y, p.z};
}

Shape line(Ink ink, std::vector<Point> points)
{
  Shape s;
  s.kind = points.size() > 2 ? ShapeKind::polyline : ShapeKind::line;
  s.ink = ink;
  s.points = std::move(points);
  return s;
}

Shape box(Ink ink, double x0, double y0, double x1, double y1, bool filled)
{
  Shape s;
  s.kind = ShapeKind::polygon;
  s.ink = ink;
  s.filled = filled;
  s.points = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
  return s;
}

Point flat(const Body& body, const std::string& name, View view)
{
  const Flat f = project(body.at(name), view);
  return {f.x, f.y};
}

bool has(const Figure& figure, const char* prop)
{
  return std::find(figure.props.begin(), figure.props.end(), prop) != figure.props.end();
}

/// Two dots for the eyes when the face is turned towards the viewer, so
/// that a head seen from the front shows its tilt and turn.
void add_eyes(Panel& panel, const Body& body, View view)
{
  const Flat centre = project(body.at("head"), view);
  const Flat nose = project(body.at("nose"), view);
  if (nose.depth - centre.depth < (head_radius + 3) * 0.6) {
    return;
  }
  for (const char* eye : {"left_eye", "right_eye"}) {
    Shape dot;
    dot.kind = ShapeKind::circle;
    dot.points = {flat(body, eye, view)};
    dot.radius = head_radius * 0.1;
    panel.add(dot);
  }
}

/// The body's segments, far side first, and the head.
void add_body(Panel& panel, const Body& body, View view)
{
  std::vector<std::pair<double, Shape>> ordered;
  for (const auto& segment : body.segments) {
    const Flat a = project(body.at(segment.from), view);
    const Flat b = project(body.at(segment.to), view);
    const double depth = (a.depth + b.depth) / 2;
    const bool far = view != View::front && segment.side != Side::centre &&
                     ((view == View::side && segment.side == Side::left) ||
                      (view == View::top && depth < project(body.at("pelvis"), view).depth - 1));
    ordered.emplace_back(depth, line(far ? Ink::far : Ink::body, {{a.x, a.y}, {b.x, b.y}}));
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& l, const auto& r) {
    return (l.second.ink == Ink::far) > (r.second.ink == Ink::far);
  });
  for (auto& [depth, shape] : ordered) {
    panel.add(std::move(shape));
  }
  Shape head;
  head.kind = ShapeKind::circle;
  head.points = {flat(body, "head", view)};
  head.radius = head_radius;
  head.filled = true;
  panel.add(head);
  const Point centre = flat(body, "head", view);
  const Point nose = flat(body, "nose", view);
  const double reach = std::hypot(nose.x - centre.x, nose.y - centre.y);
  if (reach > head_radius) {
    // The face's direction: a short stroke out of the head.
    const double k = head_radius / reach;
    panel.add(
      line(Ink::body, {{centre.x + (nose.x - centre.x) * k, centre.y + (nose.y - centre.y) * k}, nose}));
  }
  add_eyes(panel, body, view);
}

/// The props under and beside a placed body.
void add_props(Panel& panel, const Figure& figure, const Body& body)
{
  const View view = figure.view;
  double lo = std::numeric_limits<double>::max();
  double hi = std::numeric_limits<double>::lowest();
  double near_lo = lo;
  double near_hi = hi;
  for (const auto& [name, point] : body.points) {
    const Flat f = project(point, view);
    lo = std::min(lo, f.x);
    hi = std::max(hi, f.x);
    near_lo = std::min(near_lo, f.y);
    near_hi = std::max(near_hi, f.y);
  }
  const Point pelvis = flat(body, "pelvis", view);
  if (view == View::top) {
    if (has(figure, "mat") || has(figure, "floor") || has(figure, "bed")) {
      panel.add(box(Ink::prop, lo - 12, near_lo - 14, hi + 12, near_hi + 14, false));
    }
    if (has(figure, "chair")) {
      panel.add(box(Ink::prop, pelvis.x - 22, pelvis.y - 22, pelvis.x + 20, pelvis.y + 22, false));
    }
    if (has(figure, "door-frame")) {
      // The frame's two sides, seen from above, where the hands rest on them.
      for (const char* hand : {"left_hand", "right_hand"}) {
        const Point p = flat(body, hand, view);
        const double outward = p.y > pelvis.y ? 1 : -1;
        panel.add(box(Ink::prop, p.x - 2, p.y + outward * 2, p.x + 4, p.y + outward * 30, true));
      }
    }
    return;
  }
  if (has(figure, "bed")) {
    // Legs may hang over the end of the bed beyond the hips.
    panel.add(box(Ink::prop, lo - 10, 0, std::min(hi + 10, pelvis.x + 16), bed_height, false));
  }
  if (has(figure, "mat")) {
    panel.add(box(Ink::prop, lo - 8, 0, hi + 8, 2.5, true));
  }
  if (has(figure, "chair")) {
    const double back = view == View::side ? pelvis.x - 18 : pelvis.x - 22;
    const double front = pelvis.x + 22;
    panel.add(line(Ink::prop, {{back, seat_height}, {front, seat_height}}));
    panel.add(line(Ink::prop, {{back + 2, seat_height}, {back + 2, 0}}));
    panel.add(line(Ink::prop, {{front - 2, seat_height}, {front - 2, 0}}));
    if (view == View::side) {
      panel.add(line(Ink::prop, {{back, seat_height}, {back - 4, seat_height + 48}}));
    }
  }
  if (has(figure, "wall")) {
    panel.add(line(Ink::prop, {{hi + 2, 0}, {hi + 2, 190}}));
  }
  if (has(figure, "door-frame")) {
    for (const char* hand : {"left_hand", "right_hand"}) {
      const double x = flat(body, hand, view).x + (view == View::side ? 2 : 0);
      panel.add(line(Ink::prop, {{x, 0}, {x, 205}}));
      if (view == View::side) {
        break;
      }
    }
  }
  if (has(figure, "cushion")) {
    const Point left = flat(body, "left_knee", view);
    const Point right = flat(body, "right_knee", view);
    const Point knee = left.y < right.y ? left : right;
    Shape pad = box(Ink::prop, knee.x - 9, 0, knee.x + 9, std::max(3.0, knee.y - 1), true);
    panel.add(pad);
  }
  if (has(figure, "band")) {
    const char* side = view == View::side ? "right" : "left";
    const Point hand = flat(body, std::string(side) + "_wrist", view);
    const Point heel = flat(body, std::string(side) + "_heel", view);
    const Point toe = flat(body, std::string(side) + "_toe", view);
    panel.add(line(Ink::prop, {hand, {(heel.x + toe.x) / 2, (heel.y + toe.y) / 2}}));
  }
  if (has(figure, "floor") || has(figure, "mat") || has(figure, "chair") || has(figure, "bed") ||
      has(figure, "wall") || has(figure, "door-frame")) {
    panel.add(line(Ink::prop, {{lo - 14, 0}, {hi + 14, 0}}));
  }
}

/// The points whose travel the arrow may show, most telling first.
const std::vector<std::string> movers = {"right_hand", "left_hand", "right_toe", "left_toe",
                                         "right_knee", "left_knee", "head",      "right_elbow",
                                         "left_elbow", "neck",      "pelvis"};

/// How far to shift the start pose so that it lines up with the end pose
/// on the part that stays still (the part whose alignment moves the rest of
/// the body least); sideways only, unless seen from above.
Point still_shift(const Body& start, const Body& end, View view)
{
  // Each point's place in both poses, projected once.
  std::vector<std::pair<Point, Point>> pairs;
  pairs.reserve(start.points.size());
  for (const auto& [name, point] : start.points) {
    pairs.emplace_back(flat(start, name, view), flat(end, name, view));
  }
  Point best{};
  double least = std::numeric_limits<double>::max();
  for (const auto& [a, b] : pairs) {
    const Point shift{b.x - a.x, view == View::top ? b.y - a.y : 0.0};
    double cost = 0;
    for (const auto& [p, q] : pairs) {
      cost += std::hypot(q.x - p.x - shift.x, q.y - p.y - shift.y);
    }
    if (cost < least - 1e-9) {
      least = cost;
      best = shift;
    }
  }
  return best;
}

/// The shortest arrow drawn, in world units: shorter movements are shown by
/// an arrow of this length along their path.
constexpr double min_arrow = 28;

/// A curved arrow from the start to the end position of the point that
/// travels furthest, bulging away from the body; nothing for a still pose.
void add_arrow(Panel& panel, const Body& start, const Body& end, View view, const std::string& moves)
{
  const Point shift = still_shift(start, end, view);
  std::string best;
  double travel = 0;
  for (const auto& name : moves.empty() ? movers : std::vector<std::string>{moves}) {
    Point a = flat(start, name, view);
    a = {a.x + shift.x, a.y + shift.y};
    const Point b = flat(end, name, view);
    const double d = std::hypot(b.x - a.x, b.y - a.y);
    if (d > travel + 2) {
      travel = d;
      best = name;
    }
  }
  if (travel < 8) {
    return;
  }
  Point a = flat(start, best, view);
  a = {a.x + shift.x, a.y + shift.y};
  Point b = flat(end, best, view);
  const Point centre = flat(end, "waist", view);
  const Point mid{(a.x + b.x) / 2, (a.y + b.y) / 2};
  if (travel < min_arrow) {
    // A small movement still gets an arrow long enough to read, centred on
    // the path it shows.
    const double k = min_arrow / travel / 2;
    const Point half{(b.x - a.x) * k, (b.y - a.y) * k};
    a = {mid.x - half.x, mid.y - half.y};
    b = {mid.x + half.x, mid.y + half.y};
    travel = min_arrow;
  }
  Point normal{-(b.y - a.y) / travel, (b.x - a.x) / travel};
  if ((mid.x - centre.x) * normal.x + (mid.y - centre.y) * normal.y < 0) {
    normal = {-normal.x, -normal.y};
  }
  // Stand off from the limb (or clear of the head), and bulge outward by a
  // third of the travel.
  const double offset = best == "head" ? head_radius + 6 : 9;
  a = {a.x + normal.x * offset, a.y + normal.y * offset};
  b = {b.x + normal.x * offset, b.y + normal.y * offset};
  const Point control{mid.x + normal.x * (offset + travel * 0.35),
                      mid.y + normal.y * (offset + travel * 0.35)};
  std::vector<Point> curve;
  constexpr int steps = 12;
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    const double u = 1 - t;
    curve.push_back(
      {u * u * a.x + 2 * u * t * control.x + t * t * b.x, u * u * a.y + 2 * u * t * control.y + t * t * b.y});
  }
  const Point tip = curve.back();
  const Point before = curve[curve.size() - 3];
  const double len = std::hypot(tip.x - before.x, tip.y - before.y);
  const Point dir{(tip.x - before.x) / len, (tip.y - before.y) / len};
  panel.add(line(Ink::arrow, curve));
  Shape head;
  head.kind = ShapeKind::polygon;
  head.ink = Ink::arrow;
  head.filled = true;
  const double size = 9;
  head.points = {tip,
                 {tip.x - dir.x * size - dir.y * size * 0.5, tip.y - dir.y * size + dir.x * size * 0.5},
                 {tip.x - dir.x * size + dir.y * size * 0.5, tip.y - dir.y * size - dir.x * size * 0.5}};
  panel.add(head);
}

Panel make_panel(const Figure& figure, const Body& body)
{
  Panel panel;
  add_props(panel, figure, body);
  add_body(panel, body, figure.view);
  return panel;
}

/// Under `panel`, a line every 10 world units across it (margin included),
/// and a ring where each of `pose`'s contacts touches what it rests on.
void add_grid(Panel& panel, const Pose& pose, const Body& body, View view)
{
  std::vector<Shape> grid;
  const double x0 = panel.min_x - panel_margin;
  const double x1 = panel.max_x + panel_margin;
  const double y0 = panel.min_y - panel_margin;
  const double y1 = panel.max_y + panel_margin;
  for (double x = std::ceil(x0 / 10) * 10; x <= x1; x += 10) {
    grid.push_back(line(Ink::grid, {{x, y0}, {x, y1}}));
  }
  for (double y = std::ceil(y0 / 10) * 10; y <= y1; y += 10) {
    grid.push_back(line(Ink::grid, {{x0, y}, {x1, y}}));
  }
  panel.shapes.insert(panel.shapes.begin(), grid.begin(), grid.end());
  for (const auto& name : pose.contacts) {
    Point3 point = body.at(name);
    point.y -= surface_below(name);
    const Flat flat = project(point, view);
    Shape ring;
    ring.kind = ShapeKind::circle;
    ring.ink = Ink::arrow;
    ring.points = {{flat.x, flat.y}};
    ring.radius = 2.5;
    panel.shapes.push_back(ring);
  }
}

} // namespace

std::vector<Panel> make_panels(const Figure& figure, bool grid)
{
  const Body start = placed_body(figure.start);
  const Body end = placed_body(figure.end);
  // A held position (the same start and end) gets one panel.
  const bool still = figure.start.angles == figure.end.angles && figure.start.rest == figure.end.rest;
  std::vector<Panel> panels{make_panel(figure, start)};
  if (!still) {
    panels.push_back(make_panel(figure, end));
    add_arrow(panels.back(), start, end, figure.view, figure.moves);
  }
  if (grid) {
    add_grid(panels[0], figure.start, start, figure.view);
    if (!still) {
      add_grid(panels[1], figure.end, end, figure.view);
    }
  }
  return panels;
}

} // namespace backplan::figure
