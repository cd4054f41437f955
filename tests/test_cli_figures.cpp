#include "render/common.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

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
    REQUIRE(exercises.front().figure);
    CHECK(shown.out == render::exercise_svg(*exercises.front().figure, exercises.front()));
    for (const auto& exercise : exercises) {
      CAPTURE(exercise.id);
      REQUIRE(exercise.figure); // every built-in exercise has a figure
      const std::string svg = render::exercise_svg(*exercise.figure, exercise);
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
}
