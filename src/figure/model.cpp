#include "backplan/figure/model.hpp"

#include "figure/kinematics.hpp"

#include <algorithm>

namespace backplan::figure {

const char* view_name(View view) { return view_names()[static_cast<std::size_t>(view)].c_str(); }

const std::vector<std::string>& view_names()
{
  static const std::vector<std::string> names = {"side", "front", "top"};
  return names;
}

double Pose::angle(const std::string& joint) const { return angles.get(joint); }

namespace {

/// The joints of one side, with ranges of active and passive adult motion
/// (rounded from the usual clinical tables, e.g. the AAOS averages).
const std::vector<Joint> limb_joints = {
  {"shoulder_flexion", -60, 180, "the arm raised forward (negative: backward)"},
  {"shoulder_abduction", -30, 180, "the arm raised out to the side (negative: across the body)"},
  {"shoulder_horizontal_abduction", -40, 45,
   "the arm, raised to the side, drawn backward (negative: forward across the chest)"},
  {"shoulder_rotation", -70, 90, "the arm turned outward about its length (negative: inward)"},
  {"elbow_flexion", 0, 150, "the elbow bent"},
  {"hip_flexion", -30, 135, "the thigh raised forward (negative: backward)"},
  {"hip_abduction", -30, 45, "the thigh moved out to the side (negative: across the other)"},
  {"hip_rotation", -45, 45, "the thigh turned outward about its length (negative: inward)"},
  {"knee_flexion", 0, 155, "the knee bent"},
  {"ankle_flexion", -50, 20, "the foot pulled up (negative: pointed)"},
};

std::vector<Joint> all_joints()
{
  std::vector<Joint> out = {
    {"pitch", -180, 180, "the whole body tilted forward from upright (90: face down, -90: on the back)"},
    {"roll", -90, 90, "the whole body, after pitch, tilted to its right (negative: its left)"},
    {"turn", -180, 180,
     "the whole body, after pitch and roll, turned to its right about its long axis (negative: left); on the "
     "back, this rolls it towards its right side"},
    {"spine_flexion", -30, 80, "the back rounded forward (negative: arched backward)"},
    {"spine_side_bend", -35, 35, "the upper body bent to the right (negative: left)"},
    {"spine_rotation", -45, 45, "the upper body turned to the right (negative: left)"},
    {"neck_flexion", -60, 50, "the chin towards the chest (negative: the head tipped back)"},
    {"neck_side_bend", -45, 45, "the ear towards the right shoulder (negative: left)"},
    {"neck_rotation", -80, 80, "the head turned to the right (negative: left)"},
  };
  for (const std::string side : {"left", "right"}) {
    for (const auto& joint : limb_joints) {
      out.push_back({side + "_" + joint.name, joint.min, joint.max, joint.meaning});
    }
  }
  return out;
}

} // namespace

const std::vector<Joint>& joints()
{
  static const std::vector<Joint> table = all_joints();
  return table;
}

const Joint* find_joint(const std::string& name)
{
  const auto& table = joints();
  const auto it = std::find_if(table.begin(), table.end(), [&](const Joint& j) { return j.name == name; });
  return it == table.end() ? nullptr : &*it;
}

const std::vector<std::string>& prop_names()
{
  static const std::vector<std::string> names = {"floor", "mat",        "chair",   "bed",
                                                 "wall",  "door-frame", "cushion", "band"};
  return names;
}

const std::vector<std::string>& point_names()
{
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"head", "neck", "waist", "pelvis"};
    for (const std::string side : {"left", "right"}) {
      for (const char* part : {"shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "heel", "toe"}) {
        out.push_back(side + "_" + part);
      }
    }
    return out;
  }();
  return names;
}

const std::vector<std::string>& rest_names()
{
  static const std::vector<std::string> names = {"floor", "chair", "bed"};
  return names;
}

} // namespace backplan::figure
