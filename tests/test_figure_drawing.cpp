#include "backplan/figure/drawing.hpp"
#include "figure/kinematics.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

using namespace backplan;

namespace {

double distance(const figure::Point3& a, const figure::Point3& b)
{
  return std::hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

} // namespace

TEST_SUITE("figure::kinematics")
{
  TEST_CASE("joint angles never change the length of a segment")
  {
    figure::Pose standing;
    figure::Pose bent;
    bent.angles = {{"pitch", 75},
                   {"spine_flexion", 35},
                   {"right_hip_flexion", 120},
                   {"right_knee_flexion", 140},
                   {"left_shoulder_abduction", 150},
                   {"left_elbow_flexion", 90},
                   {"right_hip_rotation", 40},
                   {"neck_rotation", 60}};
    const auto a = figure::pose_body(standing);
    const auto b = figure::pose_body(bent);
    for (const auto& segment : a.segments) {
      CAPTURE(segment.from);
      CAPTURE(segment.to);
      CHECK(distance(a.at(segment.from), a.at(segment.to)) ==
            doctest::Approx(distance(b.at(segment.from), b.at(segment.to))));
    }
  }

  TEST_CASE("flexion moves limbs forward and the body faces the way a side view shows")
  {
    figure::Pose pose;
    pose.angles = {{"right_shoulder_flexion", 90}, {"right_hip_flexion", 90}};
    const auto body = figure::placed_body(pose);
    // The arm points forward (x), level with the shoulder; the thigh too.
    CHECK(body.at("right_hand").x > body.at("right_shoulder").x + 50);
    CHECK(body.at("right_hand").y == doctest::Approx(body.at("right_shoulder").y));
    CHECK(body.at("right_knee").x > body.at("right_hip").x + 40);
    // The right side is the one nearer the viewer of a side view.
    CHECK(body.at("right_hip").z > body.at("left_hip").z);
  }

  TEST_CASE("a standing body stands on the floor and a seated one on the chair")
  {
    const auto standing = figure::placed_body({});
    CHECK(std::min(standing.at("left_heel").y, standing.at("left_toe").y) == doctest::Approx(0));
    figure::Pose seated;
    seated.rest = "chair";
    seated.angles = {{"left_hip_flexion", 90}, {"right_hip_flexion", 90}};
    const auto body = figure::placed_body(seated);
    CHECK(body.at("left_hip").y == doctest::Approx(figure::seat_height + 8));
  }

  TEST_CASE("a pose that pushes a foot through the floor is reported with the point and depth")
  {
    figure::Pose seated;
    seated.rest = "chair";
    seated.angles = {{"left_hip_flexion", 90}, {"right_hip_flexion", 90}};
    CHECK(figure::check_support(seated).below == 0);
    seated.angles["right_hip_flexion"] = 0; // a straight leg from the seat goes below the floor
    const auto support = figure::check_support(seated);
    CHECK(support.point == "right heel");
    CHECK(support.below > 30);
  }
}

TEST_SUITE("figure::contacts")
{
  TEST_CASE("every built-in figure on the floor or a chair says what touches the floor, and keeps it there")
  {
    std::size_t poses = 0;
    for (const auto& exercise : test::builtin_catalog().exercises) {
      if (!exercise.details().figure) {
        continue;
      }
      for (const auto* pose : {&exercise.details().figure->start, &exercise.details().figure->end}) {
        CAPTURE(exercise.id);
        if (pose->rest == "bed") {
          continue; // lying on a bed's edge, nothing need touch the floor
        }
        CHECK(!pose->contacts.empty());
        CHECK(figure::check_contacts(*pose).empty());
        poses += pose->contacts.empty() ? 0 : 1;
      }
    }
    CHECK(poses >= 2 * (test::builtin_catalog().exercises.size() - 1));
  }

  TEST_CASE("a contact is measured at the body's surface: the back of the head, the buttocks")
  {
    figure::Pose lying;
    lying.angles["pitch"] = -90;
    lying.contacts = {"head", "pelvis", "waist"};
    CHECK(figure::check_contacts(lying).empty());
    figure::Pose standing;
    standing.contacts = {"left_heel", "head", "right_toe"};
    const auto misses = figure::check_contacts(standing);
    REQUIRE(misses.size() == 1);
    CHECK(misses[0].index == 1);
    CHECK(misses[0].point == "head");
    CHECK(misses[0].above > 100);
  }
}

TEST_SUITE("figure::drawing")
{
  figure::Figure raise_arm()
  {
    figure::Figure figure;
    figure.props = {"floor"};
    figure.end.angles = {{"right_shoulder_flexion", 170}};
    return figure;
  }

  TEST_CASE("start and end side by side with labels, a caption and one arrow")
  {
    figure::DrawOptions options;
    options.caption = "One side shown";
    const auto svg = figure::to_svg(figure::draw(raise_arm(), options), "Arm <raise>");
    CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns="));
    CHECK(svg.find("<title>Arm &lt;raise&gt;</title>") != std::string::npos);
    CHECK(test::count(svg, ">Start</text>") == 1);
    CHECK(test::count(svg, ">End</text>") == 1);
    CHECK(test::count(svg, ">One side shown</text>") == 1);
    CHECK(test::count(svg, "stroke=\"#c0392b\"") == 2); // the arrow's curve and its head
  }

  /// The arrow's curve and the head circles of a drawing.
  struct ArrowAndHeads {
    figure::Shape arrow;
    std::vector<figure::Shape> heads;
  };

  ArrowAndHeads arrow_and_heads(const figure::Drawing& drawing)
  {
    ArrowAndHeads out;
    for (const auto& shape : drawing.shapes) {
      if (shape.ink == figure::Ink::arrow && shape.kind == figure::ShapeKind::polyline) {
        out.arrow = shape;
      } else if (shape.kind == figure::ShapeKind::circle) {
        out.heads.push_back(shape);
      }
    }
    return out;
  }

  double gap(const figure::Point& a, const figure::Point& b) { return std::hypot(a.x - b.x, a.y - b.y); }

  TEST_CASE("a small movement still gets an arrow long enough to read")
  {
    figure::Figure nod;
    nod.props = {"floor"};
    nod.end.angles = {{"right_shoulder_flexion", 20}}; // the hand moves about 22 units
    const auto parts = arrow_and_heads(figure::draw(nod, {}));
    REQUIRE(parts.arrow.points.size() > 2);
    REQUIRE(parts.heads.size() == 2);
    // At least 28 units from end to end: three head radii and more.
    CHECK(gap(parts.arrow.points.front(), parts.arrow.points.back()) >= 3 * parts.heads[1].radius);
  }

  TEST_CASE("an arrow that follows the head passes clear of it")
  {
    figure::Figure lift;
    lift.props = {"mat"};
    lift.moves = "head";
    lift.start.angles = {
      {"pitch", 70}, {"spine_flexion", -20}, {"left_hip_flexion", -20}, {"right_hip_flexion", -20}};
    lift.end.angles = {
      {"pitch", 62}, {"spine_flexion", -30}, {"left_hip_flexion", -28}, {"right_hip_flexion", -28}};
    const auto parts = arrow_and_heads(figure::draw(lift, {}));
    REQUIRE(parts.arrow.points.size() > 2);
    REQUIRE(parts.heads.size() == 2);
    const auto& head = parts.heads[1]; // the end pose's
    for (const auto& p : parts.arrow.points) {
      CHECK(gap(p, head.points[0]) > head.radius);
    }
  }

  TEST_CASE("a face turned to the viewer shows its eyes, level until the head tilts")
  {
    figure::Figure tilt;
    tilt.view = figure::View::front;
    tilt.props = {"floor"};
    tilt.end.angles = {{"neck_side_bend", 40}};
    std::vector<figure::Shape> eyes;
    for (const auto& shape : figure::draw(tilt, {}).shapes) {
      if (shape.kind == figure::ShapeKind::circle && shape.radius < 2) {
        eyes.push_back(shape);
      }
    }
    REQUIRE(eyes.size() == 4); // two in each panel
    CHECK(eyes[0].points[0].y == doctest::Approx(eyes[1].points[0].y));
    CHECK(std::abs(eyes[2].points[0].y - eyes[3].points[0].y) > 1);
    // Seen from the side, the face shows by its nose, not by eyes.
    tilt.view = figure::View::side;
    const auto side = figure::draw(tilt, {});
    CHECK(std::count_if(side.shapes.begin(), side.shapes.end(),
                        [](const figure::Shape& s) { return s.kind == figure::ShapeKind::circle; }) == 2);
  }

  TEST_CASE("a held position is one panel without an arrow")
  {
    figure::Figure hold;
    hold.props = {"mat"};
    const auto svg = figure::to_svg(figure::draw(hold, {}), "Hold");
    CHECK(test::count(svg, ">Hold</text>") == 1);
    CHECK(test::count(svg, ">Start</text>") == 0);
    CHECK(test::count(svg, "#c0392b") == 0);
  }

  TEST_CASE("the roff form draws the same shapes with groff escapes only")
  {
    const auto drawing = figure::draw(raise_arm(), {});
    const auto roff = figure::to_roff(drawing);
    std::size_t lines = 0;
    for (const auto& shape : drawing.shapes) {
      if (shape.kind == figure::ShapeKind::line || shape.kind == figure::ShapeKind::polyline) {
        lines += shape.points.size() - 1; // one \D'l' a segment
      }
    }
    CHECK(test::count(roff, "\\D'l ") == lines);
    CHECK(test::count(roff, "\\D'c ") == 2); // the two heads
    CHECK(roff.find('\n') == std::string::npos);
    CHECK(roff.find("Start") != std::string::npos);
  }
}
