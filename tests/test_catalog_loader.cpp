#include "catalog/loader.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
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
      {"kenway",
       {"knee-to-chest", "lumbar-rotation", "pelvic-tilt", "kneeling-back-stretch", "prone-press-up",
        "cat-curl"}},
      {"perfect-balance",
       {"upper-back-stretch", "seated-back-extension", "floor-seated-twist", "supine-leg-over-rotation",
        "kneeling-side-reach", "kneeling-back-stretch"}},
      {"sutter",
       {"outer-hip-stretch", "hip-flexor-stretch", "bridge", "plank-progression", "bird-dog", "sit-to-stand",
        "shoulder-blade-squeeze", "seated-trunk-rotation", "standing-side-bend", "side-neck-stretch",
        "doorway-chest-stretch", "standing-back-extension"}},
      {"gmb",
       {"prone-forearm-extension", "wag-tail", "kneeling-side-reach", "quadruped-torso-rotation",
        "half-pancake", "a-frame-to-squat"}},
      {"birmingham",
       {"heels-stretch", "lumbar-rotation", "propped-back-extension", "deep-abdominal-bracing",
        "pelvic-tilt"}},
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

  TEST_CASE("every built-in exercise has a figure")
  {
    for (const auto& exercise : test::builtin_catalog().exercises) {
      CAPTURE(exercise.id);
      CHECK(exercise.details().figure.has_value());
    }
  }

  TEST_CASE("figures: unknown joints, views and props, angles out of range and poses below the floor")
  {
    const std::string head = R"(id: reach
name: Reach
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
contraindications:
  - {condition: knee, action: modify, instruction: Go gently., basis: kenway}
)";
    SUBCASE("valid, with a modified figure given to its rule")
    {
      catalog::Layer layer = catalog::builtin_layer();
      layer.files.push_back({"x.yaml", head + R"(figure:
  view: side
  props: [chair]
  moves: right_hand
  start: {rest: chair, left_hip_flexion: 90, right_hip_flexion: 90}
  end: {rest: chair, left_hip_flexion: 90, right_hip_flexion: 90, right_shoulder_flexion: 150}
  modified:
    knee:
      end: {rest: chair, left_hip_flexion: 90, right_hip_flexion: 90, right_shoulder_flexion: 90}
)"});
      const auto result = catalog::load({layer});
      REQUIRE(result.errors.empty());
      const auto* exercise = result.catalog.find("reach");
      REQUIRE(exercise != nullptr);
      REQUIRE(exercise->details().figure.has_value());
      CHECK(exercise->details().figure->moves == "right_hand");
      CHECK(exercise->details().figure->end.angle("right_shoulder_flexion") == 150);
      REQUIRE(exercise->contraindications.at(0).figure.has_value());
      CHECK(exercise->contraindications.at(0).figure->end.angle("right_shoulder_flexion") == 90);
      CHECK(exercise->contraindications.at(0).figure->start.rest == "chair");
    }
    SUBCASE("each problem at its node")
    {
      const auto errors = load_text("x.yaml", head + R"(figure:
  view: sideways
  props: [chair, sofa]
  start: {rest: bed, left_knee: 10, right_knee_flexion: 170, pitch: abc}
  end: {rest: chair, right_hip_flexion: 0, left_hip_flexion: 90}
  modified:
    hip: {end: {neck_flexion: 10}}
  colour: red
)");
      CHECK(errors ==
            std::vector<std::string>{
              "x.yaml:16:9: error: 'view' must be side, front or top, found 'sideways'",
              "x.yaml:17:18: error: unknown prop 'sofa': use floor, mat, chair, bed, wall, door-frame, "
              "cushion or band",
              "x.yaml:18:17: error: the pose rests on the bed, but 'props' has no 'bed'",
              "x.yaml:18:22: error: unknown joint 'left_knee' (did you mean 'left_knee_flexion'?)",
              "x.yaml:18:57: error: 'right_knee_flexion' must be between 0 and 155 degrees, found 170",
              "x.yaml:18:69: error: 'pitch' must be an angle in degrees, found 'abc'",
              "x.yaml:19:8: error: the 'end' pose puts the right heel 42 cm below the floor",
              "x.yaml:22:3: error: unknown key 'colour' in 'figure'",
            });
    }
    SUBCASE("a joint named without its side is suggested by meaning, the same limb, not the neck")
    {
      const auto errors = load_text("x.yaml", head + R"(figure:
  view: side
  props: [mat]
  start: {rest: floor, knee_flexion: 90}
  end: {rest: floor, hip_flexion: 30}
)");
      CHECK(errors ==
            std::vector<std::string>{
              "x.yaml:18:24: error: unknown joint 'knee_flexion' (did you mean 'left_knee_flexion'?)",
              "x.yaml:19:22: error: unknown joint 'hip_flexion' (did you mean 'left_hip_flexion'?)",
            });
    }
    SUBCASE("contacts: body points the model knows, on the floor once the pose is placed")
    {
      const auto errors = load_text("x.yaml", head + R"(figure:
  view: side
  props: [mat]
  start: {contacts: [head, pelvis, left_heel, nose], pitch: -90}
  end: {contacts: [head, left_heel], pitch: -90, left_hip_flexion: 90}
)");
      CHECK(errors == std::vector<std::string>{
                        "x.yaml:18:47: error: unknown body point 'nose' in 'contacts'",
                        // The leg raised straight up: the heel a leg's length above the floor.
                        "x.yaml:19:26: error: the 'end' pose says the left heel touches the floor, but it is "
                        "101 cm above it",
                      });
    }
    SUBCASE("the required keys")
    {
      const auto errors = load_text("x.yaml", head + "figure: {view: top}\n");
      CHECK(errors == std::vector<std::string>{
                        "x.yaml:15:9: error: missing required key 'start' in 'figure'",
                        "x.yaml:15:9: error: missing required key 'end' in 'figure'",
                      });
    }
    SUBCASE("a modified figure needs a 'modify' rule for its condition")
    {
      const auto errors = load_text("x.yaml", head + R"(figure:
  view: side
  start: {}
  end: {right_shoulder_flexion: 90}
  modified:
    hip: {end: {neck_flexion: 10}}
)");
      CHECK(errors == std::vector<std::string>{
                        "x.yaml:20:5: error: 'modified' names 'hip', but the exercise has no 'modify' "
                        "contraindication for it",
                      });
    }
  }

  TEST_CASE("more than one set needs a rest between sets")
  {
    const std::string head = "id: two-sets\nname: Two sets\nsummary: ok\nposition: lying-on-back\n"
                             "regions: [core]\ngoals: [strength]\nkind: strength\nlevel: gentle\n"
                             "per_side: false\n";
    const std::string tail = "steps: [Do it.]\nsources: [sutter]\n";
    CHECK(load_text("a.yaml", head + "dosage: {rep_seconds: 3, reps: 10, sets: [1, 3]}\n" + tail) ==
          std::vector<std::string>{"a.yaml:10:42: error: 'rest_between_sets' must be at least 1 s when "
                                   "'sets' allows more than one"});
    CHECK(
      load_text("b.yaml",
                head + "dosage: {rep_seconds: 3, reps: 10, sets: 2, rest_between_sets: [0, 30]}\n" + tail) ==
      std::vector<std::string>{"b.yaml:10:64: error: 'rest_between_sets' must be at least 1 s when "
                               "'sets' allows more than one"});
    CHECK(load_text("c.yaml",
                    head + "dosage: {rep_seconds: 3, reps: 10, sets: 2, rest_between_sets: 30}\n" + tail)
            .empty());
  }

  TEST_CASE("family, end_range and to_fatigue: an id and two flags")
  {
    const std::string head = "id: curl\nname: Curl\nsummary: ok\nposition: all-fours\n"
                             "regions: [mid-back]\ngoals: [mobility]\nkind: mobility\nlevel: gentle\n"
                             "per_side: false\n";
    const std::string tail = "steps: [Do it.]\nsources: [sutter]\n";
    CHECK(
      load_text("a.yaml", head +
                            "family: Cat Family\nend_range: sometimes\n"
                            "dosage: {rep_seconds: 3, reps: 10, sets: 1, to_fatigue: 1}\n" +
                            tail) ==
      std::vector<std::string>{"a.yaml:10:9: error: 'family' must be lowercase letters, digits and single "
                               "hyphens, found 'Cat Family'",
                               "a.yaml:11:12: error: 'end_range' must be true or false, found 'sometimes'",
                               "a.yaml:12:57: error: 'to_fatigue' must be true or false, found '1'"});
    CHECK(load_text("b.yaml", head +
                                "family: cat\nend_range: true\n"
                                "dosage: {rep_seconds: 3, reps: 10, sets: 1, to_fatigue: true}\n" +
                                tail)
            .empty());
  }

  TEST_CASE("a kind's advice names its sources")
  {
    const auto load_kinds = [](const std::string& text) {
      std::vector<std::string> out;
      catalog::Layer kinds;
      kinds.files.push_back({"kinds.yaml", text});
      for (const auto& diagnostic : catalog::load({catalog::builtin_layer(), kinds}).errors) {
        out.push_back(diagnostic.str());
      }
      return out;
    };
    CHECK(load_kinds("kinds:\n  - id: breathing\n    name: Breathing\n    advice: Breathe slowly.\n") ==
          std::vector<std::string>{
            "kinds.yaml:4:13: error: a kind's 'advice' needs 'sources': the source ids it comes from"});
    CHECK(load_kinds("kinds:\n  - id: breathing\n    name: Breathing\n    advice: Breathe slowly.\n"
                     "    sources: [sutter]\n")
            .empty());
  }

  TEST_CASE("every exercise of the built-in catalog with more than one set rests between sets")
  {
    for (const auto& exercise : test::builtin_catalog().exercises) {
      CAPTURE(exercise.id);
      if (exercise.dosage.sets.max > 1) {
        CHECK(exercise.dosage.rest_between_sets.min > 0);
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
dosage: {hold: [30, 20], reps: 0, sets: 1, rest_between_reps: 0}
steps: [Do it.]
sources: [kenway]
colour: red
)");
    std::string positions;
    for (const auto& id : test::builtin_catalog().positions.ids()) {
      positions += (positions.empty() ? "" : ", ") + id;
    }
    CHECK(errors == std::vector<std::string>{
                      "x.yaml:1:5: error: 'id' must be lowercase letters, digits and single hyphens, "
                      "found 'Bad Id'",
                      "x.yaml:2:7: error: 'name' must be a string, found a list",
                      // Lying on the back, or on the front: no guess, the list.
                      "x.yaml:4:11: error: unknown position 'lying'; valid positions: " + positions,
                      "x.yaml:5:10: error: 'regions' must list at least one item",
                      "x.yaml:9:11: error: 'per_side' must be true or false, found 'maybe'",
                      "x.yaml:10:16: error: 'hold' range minimum 30 exceeds its maximum 20",
                      "x.yaml:10:32: error: 'reps' must be at least 1, found 0",
                      "x.yaml:13:1: error: unknown key 'colour' in an exercise",
                    });
  }

  TEST_CASE("a file may say its catalog format, a newer or invalid one is refused with one message")
  {
    const std::string exercise = "id: formatted\nname: Formatted\nsummary: ok\nposition: lying-on-back\n"
                                 "regions: [core]\ngoals: [strength]\nkind: strength\nlevel: gentle\n"
                                 "per_side: false\ndosage: {rep_seconds: 3, reps: 10, sets: 1}\n"
                                 "steps: [Do it.]\nsources: [sutter]\n";
    SUBCASE("no key is today's format, and so is format 1")
    {
      CHECK(load_text("a.yaml", exercise).empty());
      CHECK(load_text("a.yaml", "format: 1\n" + exercise).empty());
      CHECK(
        load_text("regions.yaml", "format: 1\nregions:\n  - {id: test-region, name: Test region}\n").empty());
      // An overlay adds to an exercise of an earlier layer: a user's catalog.
      CHECK(
        test::load_with_layer({{"o.yaml", "format: 1\noverlay: bridge\ncontraindications:\n"
                                          "  - {condition: wrist, action: caution, instruction: Go easy., "
                                          "basis: general clinical guidance}\n"}})
          .empty());
    }
    SUBCASE("a newer format: which one the file needs and which this program reads, and nothing else")
    {
      const std::string newer =
        "error: this file needs catalog format 2; backplan " BACKPLAN_VERSION " reads up to format 1";
      // The keys a newer format may have are not reported as unknown.
      CHECK(load_text("a.yaml", "format: 2\ntempo: slow\n" + exercise) ==
            std::vector<std::string>{"a.yaml:1:9: " + newer});
      CHECK(load_text("regions.yaml", "regions: []\nformat: 2\n") ==
            std::vector<std::string>{"regions.yaml:2:9: " + newer});
      CHECK(test::load_with_layer({{"o.yaml", "overlay: bridge\nformat: 2\n"}}) ==
            std::vector<std::string>{"o.yaml:2:9: " + newer});
      CHECK(load_text("a.yaml", "format: 99999999999999\n" + exercise) ==
            std::vector<std::string>{
              "a.yaml:1:9: error: this file needs catalog format 1000000000; backplan " BACKPLAN_VERSION
              " reads up to format 1"});
    }
    SUBCASE("a format that is not a whole number from 1")
    {
      const std::vector<std::pair<std::string, std::string>> invalid = {
        {"format: 0\n", "a.yaml:1:9: error: 'format' must be a whole number from 1, found '0'"},
        {"format: -1\n", "a.yaml:1:9: error: 'format' must be a whole number from 1, found '-1'"},
        {"format: 1.0\n", "a.yaml:1:9: error: 'format' must be a whole number from 1, found '1.0'"},
        {"format: one\n", "a.yaml:1:9: error: 'format' must be a whole number from 1, found 'one'"},
        {"format: [1]\n", "a.yaml:1:9: error: 'format' must be a whole number from 1, found a list"},
        {"format:\n", "a.yaml:1:1: error: 'format' must be a whole number from 1, found an empty value"},
      };
      for (const auto& [line, message] : invalid) {
        CAPTURE(line);
        CHECK(load_text("a.yaml", line + exercise) == std::vector<std::string>{message});
      }
    }
  }

  TEST_CASE("a later layer replaces an exercise with a note, and a repeat within a layer is an error")
  {
    catalog::Layer first = catalog::builtin_layer();
    const std::string exercise =
      test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/bridge.yaml");
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

  TEST_CASE("the notes of exercises replaced come in the order of the files, not of the ids")
  {
    // wag-tail sorts after bridge and cat-cow, but its file comes first.
    catalog::Layer first = catalog::builtin_layer();
    catalog::Layer second;
    for (const auto& [file, id] :
         {std::pair("a.yaml", "wag-tail"), std::pair("b.yaml", "bridge"), std::pair("c.yaml", "cat-cow")}) {
      second.files.push_back(
        {file, test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/" + id + ".yaml")});
    }
    const auto result = catalog::load({first, second});
    CHECK(result.errors.empty());
    CHECK(result.notes ==
          std::vector<std::string>{
            "exercise 'wag-tail' from a.yaml replaces the one from <built-in>/exercises/wag-tail.yaml",
            "exercise 'bridge' from b.yaml replaces the one from <built-in>/exercises/bridge.yaml",
            "exercise 'cat-cow' from c.yaml replaces the one from <built-in>/exercises/cat-cow.yaml"});
    const auto* bridge = result.catalog.find("bridge");
    REQUIRE(bridge != nullptr);
    CHECK(bridge->where.file == "b.yaml");
  }
}
