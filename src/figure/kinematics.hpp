#pragma once

#include "backplan/figure/model.hpp"

#include <map>
#include <string>
#include <vector>

namespace backplan::figure {

/// A point in the world: x to the viewer's right in a side view, y up, z
/// towards the viewer in a side view. One unit is about 1 cm of a 170 cm adult.
struct Point3 {
  double x = 0;
  double y = 0;
  double z = 0;
};

/// Which side of the body a segment belongs to.
enum class Side { centre, left, right };

/// A rigid segment between two named body points.
struct Segment {
  std::string from;
  std::string to;
  Side side = Side::centre;
};

/// A body placed in the world by forward kinematics: every named point
/// (head, neck, waist, pelvis, and per side shoulder, elbow, wrist, hand,
/// hip, knee, ankle, heel, toe; and the face's nose, left_eye and
/// right_eye), and the segments joining them.
struct Body {
  std::map<std::string, Point3> points;
  std::vector<Segment> segments;

  /// The point with this name; the origin when it does not exist.
  Point3 at(const std::string& name) const;
};

/// The radius of the head, in world units.
inline constexpr double head_radius = 9;

/// The height of a chair's seat and of a bed's top above the floor.
inline constexpr double seat_height = 42;
inline constexpr double bed_height = 50;

/// The body of a pose with the pelvis at the origin, before placing it on
/// its support. The segment lengths are fixed by the model.
Body pose_body(const Pose& pose);

/// The body of a pose placed on what it rests on (see check_support), with
/// the floor at y = 0.
Body placed_body(const Pose& pose);

/// How far the body's surface is below a point where it touches the floor:
/// the back of the head, the buttocks below the hip joints (as on a chair),
/// the back below the waist, a kneecap, an elbow's point.
double surface_below(const std::string& point);

} // namespace backplan::figure
