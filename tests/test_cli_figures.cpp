#include "backplan/figure/drawing.hpp"
#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/document.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <set>

using namespace backplan;

TEST_SUITE("cli::show_svg")
{
  TEST_CASE("show -f svg draws every built-in exercise as a standalone SVG")
  {
    // Every exercise drawn in this process as show draws it; then the
    // command line for one of them.
    const auto& exercises = test::builtin_catalog().exercises;
    const auto shown = test::run_backplan({"show", exercises.front().id, "-f", "svg"});
    CHECK(shown.status == 0);
    CHECK(shown.err.empty());
    REQUIRE(exercises.front().details().figure);
    CHECK(shown.out == render::exercise_svg(*exercises.front().details().figure, exercises.front()));
    for (const auto& exercise : exercises) {
      CAPTURE(exercise.id);
      REQUIRE(exercise.details().figure); // every built-in exercise has a figure
      const std::string svg = render::exercise_svg(*exercise.details().figure, exercise);
      CHECK(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
      CHECK(svg.ends_with("</svg>\n"));
      CHECK(svg.find("<title>" + exercise.name + "</title>") != std::string::npos);
      CHECK((svg.find("One side shown; repeat on the other side") != std::string::npos) == exercise.per_side);
    }
  }

  TEST_CASE("an exercise without a figure: exit 1 and a message naming the key")
  {
    const auto dir = test::temp_dir();
    const auto catalog = dir + "/plain.yaml";
    const auto run = test::shell("cat > " + catalog + R"( <<'EOF'
id: plain
name: Plain
summary: ok
position: seated
regions: [upper-back]
goals: [mobility]
kind: mobility
level: gentle
per_side: false
dosage: {hold: 5, reps: 1, sets: 1, rest_between_reps: 0}
steps: [Do it.]
sources: [kenway]
EOF)");
    REQUIRE(run.status == 0);
    const auto show = test::run_backplan({"--catalog", catalog, "show", "plain", "-f", "svg"});
    CHECK(show.status == 1);
    CHECK(show.out.empty());
    CHECK(show.err == "backplan: error: exercise 'plain' has no figure; give it a 'figure' key "
                      "(see backplan-catalog(5))\n");
  }

  TEST_CASE("show --pose start or end draws that pose alone, labelled, without the arrow")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* bridge = catalog.find("bridge");
    REQUIRE(bridge != nullptr);
    REQUIRE(bridge->details().figure);
    for (const std::string pose : {"start", "end"}) {
      CAPTURE(pose);
      const auto shown = test::run_backplan({"show", "bridge", "-f", "svg", "--pose", pose});
      CHECK(shown.status == 0);
      const std::string label = pose == "start" ? ">Start</text>" : ">End</text>";
      CHECK(test::count(shown.out, label) == 1);
      CHECK(test::count(shown.out, ">Hold</text>") == 0);
      CHECK(test::count(shown.out, pose == "start" ? ">End</text>" : ">Start</text>") == 0);
      CHECK(test::count(shown.out, "#c0392b") == 0); // no arrow
    }
    const auto both = test::run_backplan({"show", "bridge", "-f", "svg", "--pose", "both"});
    CHECK(both.out == test::run_backplan({"show", "bridge", "-f", "svg"}).out);
  }

  TEST_CASE("show --grid draws a grid every 10 cm and a ring at each contact of each pose")
  {
    const auto& exercise = *test::builtin_catalog().find("bridge");
    const auto& figure = *exercise.details().figure;
    const auto shown = test::run_backplan({"show", "bridge", "-f", "svg", "--grid"});
    CHECK(shown.status == 0);
    // Rings are red circles; the arrow is red too, but a polyline and a
    // polygon.
    CHECK(test::count(shown.out, "<circle") -
            test::count(render::exercise_svg(figure, exercise), "<circle") ==
          static_cast<std::ptrdiff_t>(figure.start.contacts.size() + figure.end.contacts.size()));
    REQUIRE(!figure.start.contacts.empty());
    // The grid's lines: at least the floor's length in 10 cm steps.
    CHECK(test::count(shown.out, "stroke=\"#cfe0e8\"") >= 2 * 17);
    CHECK(test::count(render::exercise_svg(figure, exercise), "#cfe0e8") == 0);
  }

  TEST_CASE("--pose and --grid with a format other than svg: a usage error")
  {
    const auto grid = test::run_backplan({"show", "bridge", "--grid"});
    CHECK(grid.status == 2);
    CHECK(grid.out.empty());
    CHECK(grid.err == "backplan: error: --grid draws the figure: use it with -f svg\n");
    const auto pose = test::run_backplan({"show", "bridge", "-f", "json", "--pose", "end"});
    CHECK(pose.status == 2);
    CHECK(pose.err == "backplan: error: --pose draws the figure: use it with -f svg\n");
    const auto bad = test::run_backplan({"show", "bridge", "-f", "svg", "--pose", "middle"});
    CHECK(bad.status == 2);
    CHECK(bad.err.starts_with("backplan: error: --pose: middle not in {both,start,end}\n"));
  }

  TEST_CASE(
    "every figure of an HTML handout at one scale, at least 160 px wide, its labels at the text's size")
  {
    // The head is each drawing's largest circle (radius 9 cm of body): one
    // radius across the handout means one scale.
    const std::regex svg_element("<svg[^>]*style=\"width:([0-9.]+)em[^>]*>([\\s\\S]*?)</svg>");
    const std::regex circle("<circle [^>]*r=\"([0-9.]+)\"");
    for (const auto& conditions : test::handout_requests()) {
      CAPTURE(util::join(conditions, ", "));
      std::vector<std::string> args = {"plan", "-m", "15", "-f", "html"};
      for (const auto& condition : conditions) {
        args.insert(args.end(), {"-c", condition});
      }
      const auto run = test::run_backplan(args);
      if (run.status != 0) {
        continue; // a condition that refuses any plan (a spinal fracture)
      }
      const auto& html = run.out;
      std::set<std::string> heads;
      std::size_t drawings = 0;
      for (auto it = std::sregex_iterator(html.begin(), html.end(), svg_element);
           it != std::sregex_iterator(); ++it) {
        const std::string body = (*it)[2];
        // At 16 px to the em, every picture at least 160 px wide on a phone.
        CHECK(std::stod((*it)[1]) * 16 >= 160);
        double largest = 0;
        std::string radius;
        for (auto c = std::sregex_iterator(body.begin(), body.end(), circle); c != std::sregex_iterator();
             ++c) {
          if (std::stod((*c)[1]) > largest) {
            largest = std::stod((*c)[1]);
            radius = (*c)[1];
          }
        }
        heads.insert(radius);
        ++drawings;
        CHECK(test::count(body, "<text ") == test::count(body, "font-size=\"16\""));
      }
      CHECK(drawings >= 1);
      CHECK(heads.size() == 1);
    }
  }

  TEST_CASE("one scale for the figures of a handout: a body the same size in each, each within its column")
  {
    for (const auto& conditions : test::handout_requests()) {
      CAPTURE(util::join(conditions, ", "));
      plan::Request request;
      request.conditions = conditions;
      request.minutes = 15;
      const auto plan = plan::make_plan(test::builtin_catalog(), request);
      const auto document = render::make_document(plan, false); // points into the plan
      for (const bool stack : {true, false}) {
        const double scale = render::figure_scale(document, 0.6, 122, stack);
        // Stacked, the widest built-in figure (bird dog, 242 cm with its
        // arm and leg reaching) still leaves a standing body 87 points tall.
        CHECK((!stack || scale >= 0.5));
        for (const auto& exercise : document.exercises) {
          if (exercise.drawn == nullptr) {
            continue;
          }
          figure::DrawOptions options;
          options.scale = scale;
          options.max_width = 122;
          options.stack = stack;
          const auto drawing = figure::draw(*exercise.drawn, options);
          CAPTURE(exercise.name);
          CHECK(drawing.width <= 122.01);
          double head = 0;
          for (const auto& shape : drawing.shapes) {
            head = shape.kind == figure::ShapeKind::circle ? std::max(head, shape.radius) : head;
          }
          CHECK(head == doctest::Approx(9 * scale));
        }
      }
    }
  }
}
