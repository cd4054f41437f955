#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The figure layer knows stick-figure geometry only: joint angles, props,
// views and drawings. It knows nothing about exercises.
namespace backplan::figure {

/// From where a figure is seen: from its right side (facing right), from the
/// front (facing the viewer), or from above (the floor seen from the ceiling).
enum class View { side, front, top };

/// The name of a view as written in the catalog ("side", "front", "top").
const char* view_name(View view);

/// The views, in the order of the enum, for validation and messages.
const std::vector<std::string>& view_names();

/// Joint angles in degrees, each joint of joints() at most once, in the
/// order of the joints' names; a joint not given is 0. Held by joint
/// number, so that a pose takes one allocation rather than two a joint.
class Angles
{
public:
  Angles() = default;
  /// From (joint, degrees) pairs; throws std::invalid_argument for a name
  /// that is not a joint's.
  Angles(std::initializer_list<std::pair<std::string_view, double>> angles); // NOLINT: as a map's

  /// The angle of `joint`, added at 0 when not given; throws
  /// std::invalid_argument for a name that is not a joint's.
  double& operator[](std::string_view joint);
  /// Whether the angle of `joint` is given.
  bool contains(std::string_view joint) const;
  /// The angle of `joint`, 0 when not given.
  double get(std::string_view joint) const;
  /// How many angles are given.
  std::size_t size() const { return m_angles.size(); }
  /// Makes room for `count` angles.
  void reserve(std::size_t count) { m_angles.reserve(count); }

  /// Walks (joint name, degrees) pairs in the order of the names.
  class const_iterator
  {
  public:
    using base = std::vector<std::pair<std::uint8_t, double>>::const_iterator;
    explicit const_iterator(base it) : m_it(it) {}
    std::pair<const std::string&, double> operator*() const;
    const_iterator& operator++()
    {
      ++m_it;
      return *this;
    }
    bool operator==(const const_iterator&) const = default;

  private:
    base m_it;
  };
  const_iterator begin() const { return const_iterator(m_angles.begin()); }
  const_iterator end() const { return const_iterator(m_angles.end()); }

  bool operator==(const Angles&) const = default;

private:
  /// The angle of `joint`, or nullptr when not given (or not a joint).
  const double* find(std::string_view joint) const;

  std::vector<std::pair<std::uint8_t, double>> m_angles; ///< joint number in joints(), degrees
};

/// One pose: joint angles in degrees (missing joints are 0, the anatomical
/// standing position) and what the body rests on ("floor", "chair", "bed").
struct Pose {
  Angles angles;
  std::string rest = "floor";
  /// Body points (point_names) that touch the floor in this pose, checked
  /// once it is placed (check_contacts).
  std::vector<std::string> contacts;

  /// The angle of a joint, 0 when the pose does not give it.
  double angle(const std::string& joint) const;
};

/// A drawable exercise: the view, the props shown, and the start and end poses.
struct Figure {
  View view = View::side;
  std::vector<std::string> props;
  Pose start;
  Pose end;
  std::string moves; ///< the body point the arrow follows; empty: the one that travels furthest
};

/// The body points a figure's arrow may follow: head, neck, waist, pelvis,
/// and for each side shoulder, elbow, wrist, hand, hip, knee, ankle, heel, toe.
const std::vector<std::string>& point_names();

/// A joint the model knows: its catalog name, its range of motion in degrees
/// (inclusive) and what a positive angle means.
struct Joint {
  std::string name;
  double min = 0;
  double max = 0;
  std::string meaning;
};

/// Every joint, in documentation order. Limb joints come once per side,
/// prefixed "left_" and "right_".
const std::vector<Joint>& joints();

/// The joint with this catalog name, or nullptr.
const Joint* find_joint(const std::string& name);

/// The props a figure may show, in documentation order: floor, mat, chair,
/// bed, wall, door-frame, cushion, band.
const std::vector<std::string>& prop_names();

/// The props a body may rest on: floor, chair, bed.
const std::vector<std::string>& rest_names();

/// Where a placed pose goes below the surface it may not cross: the name of
/// the lowest body point and how far below it is. `below` is 0 when the pose
/// is valid.
struct Support {
  std::string point;
  double below = 0;
};

/// Checks a pose against the floor once it is placed on what it rests on:
/// seated on the chair or bed with the hips on the seat, otherwise with the
/// lowest point on the floor or the bed.
Support check_support(const Pose& pose);

/// How far above the floor a contact may be drawn and still touch it, in
/// the model's units (centimetres of a body about 175 tall).
inline constexpr double contact_tolerance = 3;

/// A contact of a pose that does not touch the floor once the pose is
/// placed: the point's name in words ("left heel") and how far above it is.
struct Contact {
  std::size_t index = 0; ///< its place in the pose's contacts
  std::string point;
  double above = 0;
};

/// The contacts of `pose` whose surface (the back of the head, the buttocks
/// below the pelvis, a kneecap, the point of an elbow, a hand or a foot) is
/// more than contact_tolerance above the floor once it is placed, in the
/// pose's order.
std::vector<Contact> check_contacts(const Pose& pose);

} // namespace backplan::figure
