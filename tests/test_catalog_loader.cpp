#include "catalog/loader.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <set>

using namespace backplan;

namespace {

std::vector<std::string> load_text(const std::string& name, const std::string& text)
{
  catalog::Layer layer = catalog::builtin_layer();
  layer.files.push_back({name, text});
  std::vector<std::string> out;
  for (const auto& diagnostic : catalog::load({layer}).errors) {
    out.push_back(diagnostic.str());
  }
  return out;
}

} // namespace

TEST_SUITE("catalog::loader")
{
  TEST_CASE("the built-in catalog loads cleanly with at least 30 exercises")
  {
    const auto result = catalog::load({catalog::builtin_layer()});
    CHECK(result.errors.empty());
    CHECK(result.notes.empty());
    CHECK(result.catalog.exercises.size() >= 30);
    CHECK(result.catalog.conditions.terms.size() >= 8);
  }

  TEST_CASE("the built-in catalog holds named exercises from each of the five sources")
  {
    const auto& catalog = test::builtin_catalog();
    const std::map<std::string, std::vector<std::string>> expected = {
      {"kenway", {"knee-to-chest", "lumbar-rotation", "pelvic-tilt", "kneeling-back-stretch",
                  "prone-press-up", "cat-curl"}},
      {"perfect-balance", {"upper-back-stretch", "seated-back-extension", "floor-seated-twist",
                           "supine-leg-over-rotation", "kneeling-side-reach", "kneeling-back-stretch"}},
      {"sutter", {"outer-hip-stretch", "hip-flexor-stretch", "bridge", "plank-progression",
                  "bird-dog", "sit-to-stand", "shoulder-blade-squeeze", "seated-trunk-rotation",
                  "standing-side-bend", "side-neck-stretch", "doorway-chest-stretch",
                  "standing-back-extension"}},
      {"gmb", {"prone-forearm-extension", "wag-tail", "kneeling-side-reach", "quadruped-torso-rotation",
               "half-pancake", "a-frame-to-squat"}},
      {"birmingham", {"heels-stretch", "lumbar-rotation", "propped-back-extension",
                      "deep-abdominal-bracing", "pelvic-tilt"}},
    };
    for (const auto& [source, ids] : expected) {
      for (const auto& id : ids) {
        CAPTURE(id);
        const auto* exercise = catalog.find(id);
        REQUIRE(exercise != nullptr);
        CHECK(std::find(exercise->sources.begin(), exercise->sources.end(), source) !=
              exercise->sources.end());
      }
    }
  }

  TEST_CASE("the seeds' condition advice is in the catalog")
  {
    const auto& catalog = test::builtin_catalog();
    const auto rule = [&](const std::string& id, const std::string& condition) {
      const auto* exercise = catalog.find(id);
      REQUIRE(exercise != nullptr);
      for (const auto& r : exercise->contraindications) {
        if (r.condition == condition) {
          return r;
        }
      }
      FAIL("no rule for ", condition, " on ", id);
      return catalog::Contraindication{};
    };
    CHECK(rule("hamstring-stretch", "radiating-leg-pain").action == catalog::Action::avoid);
    CHECK(rule("kneeling-back-stretch", "knee").action == catalog::Action::modify);
    CHECK(rule("kneeling-back-stretch", "prolapse").action == catalog::Action::modify);
    CHECK(rule("kneeling-back-stretch", "shoulder").action == catalog::Action::modify);
    CHECK(rule("pelvic-tilt", "prolapse").action == catalog::Action::caution);
    CHECK(rule("prone-press-up", "degenerative-back").action == catalog::Action::modify);
    CHECK(rule("prone-press-up", "wrist").action == catalog::Action::modify);
    CHECK(rule("knee-to-chest", "hip").action == catalog::Action::caution);
    // Every exercise done kneeling or on all fours carries the knee modification.
    for (const auto& exercise : catalog.exercises) {
      if (exercise.position == "all-fours" || exercise.position == "kneeling") {
        CAPTURE(exercise.id);
        CHECK(rule(exercise.id, "knee").action == catalog::Action::modify);
      }
    }
  }

  TEST_CASE("every problem of a file is reported, in position order")
  {
    const auto errors = load_text("x.yaml", R"(id: Bad Id
name: [a]
summary: ok
position: lying
regions: []
goals: [mobility]
kind: stretch
level: gentle
per_side: maybe
dosage: {hold: [30, 20], reps: 0, sets: 1, rest: 0}
steps: [Do it.]
sources: [kenway]
colour: red
)");
    CHECK(errors == std::vector<std::string>{
                      "x.yaml:1:5: error: 'id' must be lowercase letters, digits and single hyphens, "
                      "found 'Bad Id'",
                      "x.yaml:2:7: error: 'name' must be a string, found a list",
                      "x.yaml:4:11: error: unknown position 'lying' (did you mean 'lying-on-back'?)",
                      "x.yaml:5:10: error: 'regions' must list at least one item",
                      "x.yaml:9:11: error: 'per_side' must be true or false, found 'maybe'",
                      "x.yaml:10:16: error: 'hold' range minimum 30 exceeds its maximum 20",
                      "x.yaml:10:32: error: 'reps' must be at least 1, found 0",
                      "x.yaml:13:1: error: unknown key 'colour' in an exercise",
                    });
  }

  TEST_CASE("a later layer replaces an exercise with a note, and a repeat within a layer is an error")
  {
    catalog::Layer first = catalog::builtin_layer();
    const std::string exercise = test::slurp(std::string(BACKPLAN_SOURCE_DIR) +
                                             "/catalog/exercises/bridge.yaml");
    catalog::Layer second;
    second.files.push_back({"mine.yaml", exercise});
    auto result = catalog::load({first, second});
    CHECK(result.errors.empty());
    REQUIRE(result.notes.size() == 1);
    CHECK(result.notes[0] == "exercise 'bridge' from mine.yaml replaces the one from "
                             "<built-in>/exercises/bridge.yaml");
    second.files.push_back({"again.yaml", exercise});
    result = catalog::load({first, second});
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].str() ==
          "again.yaml:1:5: error: duplicate exercise id 'bridge' (also defined at mine.yaml:1:5)");
  }
}
