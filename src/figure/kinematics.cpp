#include "figure/kinematics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace backplan::figure {

namespace {

/// Segment lengths in world units, for an adult about 170 units tall.
constexpr double lower_trunk = 22;
constexpr double upper_trunk = 28;
constexpr double neck_length = 6;
constexpr double shoulder_half_width = 18;
constexpr double hip_half_width = 9;
constexpr double upper_arm = 30;
constexpr double forearm = 26;
constexpr double hand = 7;
constexpr double thigh = 44;
constexpr double shank = 42;
constexpr double foot = 17;
constexpr double heel = 5;
constexpr double ankle_height = 6;

using Matrix = std::array<std::array<double, 3>, 3>;

Matrix multiply(const Matrix& a, const Matrix& b)
{
  Matrix out{};
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      for (int k = 0; k < 3; ++k) {
        out[i][j] += a[i][k] * b[k][j];
      }
    }
  }
  return out;
}

Point3 apply(const Matrix& m, const Point3& v)
{
  return {m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
          m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z};
}

double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }

/// Rotations about the body's left-right axis (z), its front-back axis (x)
/// and its long axis (y), in degrees.
Matrix about_z(double degrees)
{
  const double c = std::cos(radians(degrees));
  const double s = std::sin(radians(degrees));
  return {{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}};
}

Matrix about_x(double degrees)
{
  const double c = std::cos(radians(degrees));
  const double s = std::sin(radians(degrees));
  return {{{1, 0, 0}, {0, c, -s}, {0, s, c}}};
}

Matrix about_y(double degrees)
{
  const double c = std::cos(radians(degrees));
  const double s = std::sin(radians(degrees));
  return {{{c, 0, s}, {0, 1, 0}, {-s, 0, c}}};
}

Point3 along(const Point3& from, const Matrix& frame, const Point3& direction, double length)
{
  const Point3 d = apply(frame, direction);
  return {from.x + d.x * length, from.y + d.y * length, from.z + d.z * length};
}

/// The body's own axes: x forward, y up, z to its right.
constexpr Point3 up{0, 1, 0};
constexpr Point3 down{0, -1, 0};
constexpr Point3 forward{1, 0, 0};
constexpr Point3 right{0, 0, 1};

void add_arm(Body& body, const Pose& pose, const Matrix& chest, const std::string& side)
{
  const double sign = side == "right" ? 1.0 : -1.0;
  const auto joint = [&](const char* name) { return pose.angle(side + "_" + name); };
  const Point3 shoulder = along(body.at("neck"), chest, right, sign * shoulder_half_width);
  // Abduction first, then flexion: a raised arm swings forward in its own plane.
  const Matrix upper = multiply(
    multiply(chest, about_y(-sign * joint("shoulder_horizontal_abduction"))),
    multiply(multiply(about_z(joint("shoulder_flexion")), about_x(-sign * joint("shoulder_abduction"))),
             about_y(-sign * joint("shoulder_rotation"))));
  const Point3 elbow = along(shoulder, upper, down, upper_arm);
  const Matrix lower = multiply(upper, about_z(joint("elbow_flexion")));
  const Point3 wrist = along(elbow, lower, down, forearm);
  const Point3 tip = along(wrist, lower, down, hand);
  const Side which = side == "right" ? Side::right : Side::left;
  body.points[side + "_shoulder"] = shoulder;
  body.points[side + "_elbow"] = elbow;
  body.points[side + "_wrist"] = wrist;
  body.points[side + "_hand"] = tip;
  body.segments.push_back({"neck", side + "_shoulder", which});
  body.segments.push_back({side + "_shoulder", side + "_elbow", which});
  body.segments.push_back({side + "_elbow", side + "_wrist", which});
  body.segments.push_back({side + "_wrist", side + "_hand", which});
}

void add_leg(Body& body, const Pose& pose, const Matrix& pelvis, const std::string& side)
{
  const double sign = side == "right" ? 1.0 : -1.0;
  const auto joint = [&](const char* name) { return pose.angle(side + "_" + name); };
  const Point3 hip = along(body.at("pelvis"), pelvis, right, sign * hip_half_width);
  const Matrix upper = multiply(
    pelvis, multiply(multiply(about_z(joint("hip_flexion")), about_x(-sign * joint("hip_abduction"))),
                     about_y(-sign * joint("hip_rotation"))));
  const Point3 knee = along(hip, upper, down, thigh);
  const Matrix lower = multiply(upper, about_z(-joint("knee_flexion")));
  const Point3 ankle = along(knee, lower, down, shank);
  const Matrix sole = multiply(lower, about_z(joint("ankle_flexion")));
  const Point3 floor_point = along(ankle, sole, down, ankle_height);
  const Side which = side == "right" ? Side::right : Side::left;
  body.points[side + "_hip"] = hip;
  body.points[side + "_knee"] = knee;
  body.points[side + "_ankle"] = ankle;
  body.points[side + "_heel"] = along(floor_point, sole, forward, -heel);
  body.points[side + "_toe"] = along(floor_point, sole, forward, foot - heel);
  body.segments.push_back({"pelvis", side + "_hip", which});
  body.segments.push_back({side + "_hip", side + "_knee", which});
  body.segments.push_back({side + "_knee", side + "_ankle", which});
  body.segments.push_back({side + "_ankle", side + "_heel", which});
  body.segments.push_back({side + "_heel", side + "_toe", which});
  body.segments.push_back({side + "_toe", side + "_ankle", which});
}

} // namespace

Point3 Body::at(const std::string& name) const
{
  const auto it = points.find(name);
  return it == points.end() ? Point3{} : it->second;
}

Body pose_body(const Pose& pose)
{
  Body body;
  // The whole body turns about the pelvis: first pitched forward, then
  // tilted sideways, then turned about its own long axis (which rolls a
  // body lying on its back onto its side).
  const Matrix pelvis = multiply(multiply(about_z(-pose.angle("pitch")), about_x(pose.angle("roll"))),
                                 about_y(-pose.angle("turn")));
  body.points["pelvis"] = {};
  const Point3 waist = along({}, pelvis, up, lower_trunk);
  const Matrix chest = multiply(
    pelvis, multiply(multiply(about_y(-pose.angle("spine_rotation")), about_x(pose.angle("spine_side_bend"))),
                     about_z(-pose.angle("spine_flexion"))));
  const Point3 neck = along(waist, chest, up, upper_trunk);
  const Matrix head = multiply(
    chest, multiply(multiply(about_y(-pose.angle("neck_rotation")), about_x(pose.angle("neck_side_bend"))),
                    about_z(-pose.angle("neck_flexion"))));
  const Point3 centre = along(neck, head, up, neck_length + head_radius);
  body.points["waist"] = waist;
  body.points["neck"] = neck;
  body.points["head"] = centre;
  body.points["nose"] = along(centre, head, forward, head_radius + 3);
  // The eyes, on the face a little above the head's centre: a head seen
  // from the front shows its tilt and turn by them.
  for (const auto& [name, sign] : {std::pair{"left_eye", -1.0}, std::pair{"right_eye", 1.0}}) {
    const Point3 across = along(centre, head, right, sign * head_radius * 0.4);
    body.points[name] = along(along(across, head, up, head_radius * 0.2), head, forward, head_radius * 0.7);
  }
  body.segments.push_back({"pelvis", "waist", Side::centre});
  body.segments.push_back({"waist", "neck", Side::centre});
  body.segments.push_back({"neck", "head", Side::centre});
  for (const std::string side : {"left", "right"}) {
    add_leg(body, pose, pelvis, side);
    add_arm(body, pose, chest, side);
  }
  return body;
}

namespace {

/// The lowest point of a body (the head counts by its bottom edge).
std::pair<std::string, double> lowest(const Body& body)
{
  std::pair<std::string, double> out{"", std::numeric_limits<double>::max()};
  for (const auto& [name, point] : body.points) {
    if (name == "nose" || name.ends_with("_eye")) {
      continue;
    }
    const double y = name == "head" ? point.y - head_radius : point.y;
    if (y < out.second) {
      out = {name, y};
    }
  }
  return out;
}

void lift(Body& body, double dy)
{
  for (auto& [name, point] : body.points) {
    point.y += dy;
  }
}

} // namespace

Body placed_body(const Pose& pose)
{
  Body body = pose_body(pose);
  if (pose.rest == "chair" || pose.rest == "bed") {
    // On a chair or a bed the hips rest on its top (the buttocks are a few
    // units below the hip joints); the legs may hang over its edge.
    const double hips = std::min(body.at("left_hip").y, body.at("right_hip").y);
    lift(body, (pose.rest == "chair" ? seat_height : bed_height) + 8 - hips);
  } else {
    lift(body, -lowest(body).second);
  }
  return body;
}

double surface_below(const std::string& point)
{
  if (point == "head") {
    return head_radius;
  }
  if (point == "pelvis" || point == "waist") {
    return 8;
  }
  if (point.ends_with("_knee")) {
    return 5;
  }
  return point.ends_with("_elbow") ? 4 : 0;
}

std::vector<Contact> check_contacts(const Pose& pose)
{
  const Body body = placed_body(pose);
  std::vector<Contact> misses;
  for (std::size_t i = 0; i < pose.contacts.size(); ++i) {
    const std::string& point = pose.contacts[i];
    const double y = body.at(point).y - surface_below(point);
    if (y > contact_tolerance) {
      std::string words = point;
      std::replace(words.begin(), words.end(), '_', ' ');
      misses.push_back({i, words, y});
    }
  }
  return misses;
}

Support check_support(const Pose& pose)
{
  const Body body = placed_body(pose);
  const auto [name, y] = lowest(body);
  if (y < -0.5) {
    std::string words = name;
    std::replace(words.begin(), words.end(), '_', ' ');
    return {words, -y};
  }
  return {};
}

} // namespace backplan::figure
