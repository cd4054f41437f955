// What a physiotherapist writing a catalog sees: one run reports every
// fault, each with the valid ids, and a name means one condition.
#include "catalog/loader.hpp"
#include "cli/profile.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace backplan;

namespace {

/// The diagnostics of loading the built-in catalog plus `files` as one more layer.
std::vector<std::string> load_layer(const std::vector<catalog::SourceFile>& files)
{
  return test::load_with_layer(files);
}

/// A valid exercise file with `id`, and `extra` lines appended.
std::string exercise(const std::string& id, const std::string& extra = "")
{
  return "id: " + id + R"(
name: Test
summary: A test exercise.
position: lying-on-back
regions: [lower-back]
goals: [mobility]
kind: mobility
level: gentle
per_side: false
dosage: {rep_seconds: [3, 4], reps: [5, 8], sets: [1, 1], rest_between_reps: [0, 0]}
steps: [Do it.]
sources: [kenway]
)" + extra;
}

/// The built-in ids of a vocabulary, joined as the loader lists them.
std::string valid(const catalog::Vocabulary& vocabulary)
{
  std::string out;
  for (const auto& id : vocabulary.ids()) {
    out += (out.empty() ? "" : ", ") + id;
  }
  return out;
}

} // namespace

TEST_SUITE("catalog::loader")
{
  TEST_CASE("a tab in indentation has its own message, at the tab")
  {
    CHECK(load_layer({{"tab.yaml", "id: x\nsteps:\n\t- Do it.\n"}}) ==
          std::vector<std::string>{"tab.yaml:3:1: error: tabs are not allowed for indentation; use spaces"});
  }

  TEST_CASE("YAML's common slips get one plain message with the fix")
  {
    // An unquoted colon inside a text.
    CHECK(load_layer({{"colon.yaml", exercise("colon").replace(exercise("colon").find("summary: A test"), 15,
                                                               "summary: Note: a test")}}) ==
          std::vector<std::string>{"colon.yaml:3:14: error: invalid YAML: a ': ' inside a text starts a new "
                                   "key; quote the text (\"...\") or write it as a block ('>-' and the text "
                                   "on the lines below), or, if this is a key, indent it as its neighbours"});
    // A quote left open runs on into the keys below: one message, at the quote.
    CHECK(
      load_layer({{"quote.yaml",
                   exercise("quote").replace(exercise("quote").find("name: Test"), 10, "name: \"Test")}}) ==
      std::vector<std::string>{"quote.yaml:2:7: error: invalid YAML: the double quote opened here is not "
                               "closed on its line, so it runs on into the keys below; close it with \""});
    CHECK(
      load_layer({{"single.yaml", exercise("single", "cues:\n  - 'Keep it slow\n  - Breathe.\n")}}) ==
      std::vector<std::string>{"single.yaml:14:5: error: invalid YAML: the single quote opened here is not "
                               "closed on its line, so it runs on into the keys below; close it with '"});
    // Valid YAML is left alone: a quote inside a quoted list item, a block
    // scalar behind a tag, Windows line ends.
    CHECK(load_layer(
            {{"item.yaml", exercise("item", "cues:\n  - \"Breathe out as you lift: 'ha\"\n  - Slowly.\n")}})
            .empty());
    CHECK(
      load_layer({{"tag.yaml", exercise("tag", "cues: !!seq\n  - Slowly.\neasier: !!str >-\n  Say \"when\n"
                                               "  - x\n")}})
        .empty());
    std::string crlf = exercise("crlf", "easier: >-\n  Say \"when\n\n  - x\n");
    for (auto at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) {
      crlf.insert(at, "\r");
    }
    CHECK(load_layer({{"crlf.yaml", crlf}}).empty());
    // A quote still open at the end of the file, where yaml-cpp notices.
    CHECK(load_layer({{"end.yaml", "steps:\n  - \"\n  -"}}) ==
          std::vector<std::string>{"end.yaml:2:5: error: invalid YAML: the file ends inside a quoted text "
                                   "opened here; close its quote"});
    // A quoted text may run over lines when they are indented under it.
    CHECK(
      load_layer({{"long.yaml", exercise("long").replace(exercise("long").find("summary: A test exercise."),
                                                         25, "summary: \"A test\n  exercise.\"")}})
        .empty());
  }

  TEST_CASE("a name is one line, and every rule says something to the user")
  {
    CHECK(load_layer({{"n.yaml", exercise("broken").replace(exercise("broken").find("name: Test"), 10,
                                                            "name: \"Two\\nlines\"")}}) ==
          std::vector<std::string>{"n.yaml:2:7: error: 'name' must be one line, found a line break (a block "
                                   "scalar or a quoted string with a newline)"});
    CHECK(load_layer({{"a.yaml", exercise("mute", "contraindications:\n  - condition: knee\n    action: "
                                                  "avoid\n    basis: kenway\n")}}) ==
          std::vector<std::string>{"a.yaml:14:5: error: an 'avoid' contraindication needs an 'instruction'"});
  }

  TEST_CASE("an unknown id lists the valid ones")
  {
    const auto& builtin = test::builtin_catalog();
    const std::string text = exercise("lister")
                               .replace(exercise("lister").find("kind: mobility"), 14, "kind: wobble")
                               .replace(exercise("lister").find("goals: [mobility]"), 17, "goals: [joy]");
    CHECK(load_layer({{"l.yaml", text}}) ==
          std::vector<std::string>{
            "l.yaml:6:9: error: unknown goal 'joy'; valid goals: " + valid(builtin.goals),
            "l.yaml:7:7: error: unknown kind 'wobble'; valid kinds: " + valid(builtin.kinds),
          });
  }

  TEST_CASE("an unknown easier or harder exercise is reported with the file's other faults")
  {
    const std::string text = exercise("variant-test", "easier: {exercise: no-such-thing}\ncolour: red\n");
    CHECK(load_layer({{"v.yaml", text}}) == std::vector<std::string>{
                                              "v.yaml:13:20: error: unknown exercise 'no-such-thing'",
                                              "v.yaml:14:1: error: unknown key 'colour' in an exercise",
                                            });
    // A reference to another faulty file's exercise is not unknown.
    CHECK(load_layer({{"a.yaml", exercise("first", "harder: {exercise: second}\n")},
                      {"b.yaml", exercise("second", "colour: red\n")}}) ==
          std::vector<std::string>{"b.yaml:13:1: error: unknown key 'colour' in an exercise"});
  }

  TEST_CASE("avoid beside caution or modify for one condition is an error")
  {
    const std::string rules = R"(contraindications:
  - {condition: knee, action: avoid, instruction: Leave it out., basis: kenway}
  - {condition: knee, action: caution, instruction: Go gently., basis: kenway}
  - {condition: wrist, action: modify, instruction: Use fists., basis: kenway}
  - {condition: wrist, action: caution, instruction: Go gently., basis: kenway}
)";
    CHECK(load_layer({{"c.yaml", exercise("conflict", rules)}}) ==
          std::vector<std::string>{
            "c.yaml:15:17: error: condition 'knee' is both 'avoid' (at c.yaml:14:17) and 'caution' "
            "here: an avoided exercise is never shown, so keep one of them"});
  }

  TEST_CASE("a condition alias may not be a condition id or another condition's alias")
  {
    const auto* sciatica = test::builtin_catalog().conditions.find("radiating-leg-pain");
    REQUIRE(sciatica != nullptr);
    REQUIRE(sciatica->aliases.front() == "sciatica");
    const auto errors = load_layer({{"extra/conditions.yaml", R"(conditions:
  - id: bad-knees
    name: Bad knees
    aliases: [knee, sciatica, creaky]
    description: Knees that creak.
  - id: creaks
    name: Creaks
    aliases: [creaky, prolapse-like]
    description: Joints that creak.
)"}});
    CHECK(errors == std::vector<std::string>{
                      "extra/conditions.yaml:4:15: error: alias 'knee' of condition 'bad-knees' is the id "
                      "of condition 'knee'",
                      "extra/conditions.yaml:4:21: error: alias 'sciatica' of condition 'bad-knees' is "
                      "also an alias of condition 'radiating-leg-pain' (at " +
                        sciatica->alias_where.front().str() + ")",
                      "extra/conditions.yaml:8:15: error: alias 'creaky' of condition 'creaks' is also an "
                      "alias of condition 'bad-knees' (at extra/conditions.yaml:4:31)",
                    });
  }

  TEST_CASE("one resolver: ids and aliases in any case, in catalogs and profiles alike")
  {
    const auto& conditions = test::builtin_catalog().conditions;
    REQUIRE(conditions.resolve("KNEE") != nullptr);
    CHECK(conditions.resolve("KNEE")->id == "knee");
    CHECK(conditions.resolve("Sciatica")->id == "radiating-leg-pain");
    CHECK(conditions.resolve("knees")->id == "knee");
    CHECK(conditions.resolve("elbow") == nullptr);

    std::vector<catalog::Diagnostic> errors;
    const auto profile = cli::load_profile({"p.yaml", "conditions: [KNEE, Sciatica, knees]\nseed: daily\n"},
                                           test::builtin_catalog(), {"text"}, errors);
    CHECK(errors.empty());
    CHECK(profile.conditions == std::vector<std::string>{"knee", "radiating-leg-pain"});
    CHECK(profile.seed == "daily");

    const auto rule = [](const std::string& condition) {
      return "contraindications:\n  - {condition: " + condition +
             ", action: avoid, instruction: Leave it out., basis: kenway}\n";
    };
    CHECK(load_layer({{"r.yaml", exercise("ref", rule("sciatica"))}}) ==
          std::vector<std::string>{
            "r.yaml:14:17: error: 'sciatica' is an alias; use the condition id 'radiating-leg-pain'"});
    CHECK(load_layer({{"r.yaml", exercise("ref", rule("Knee"))}}) ==
          std::vector<std::string>{"r.yaml:14:17: error: 'Knee' is not written as the id; use the "
                                   "condition id 'knee'"});
  }

  TEST_CASE("a profile's seed is a whole number or daily")
  {
    std::vector<catalog::Diagnostic> errors;
    cli::load_profile({"p.yaml", "seed: -3\n"}, test::builtin_catalog(), {"text"}, errors);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].str() == "p.yaml:1:7: error: 'seed' must be a whole number of 0 or more, or 'daily', "
                             "found '-3'");
  }
}
