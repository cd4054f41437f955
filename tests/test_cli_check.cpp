#include "catalog/loader.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <string>
#include <vector>

using namespace backplan;

namespace {

/// The full stderr that `check` prints for `path`: each of `problems`
/// ("LINE:COLUMN: error: MESSAGE") after the path, one a line.
std::string diagnostics(const std::string& path, const std::vector<std::string>& problems)
{
  std::string text;
  for (const auto& problem : problems) {
    text += path + ":" + problem + "\n";
  }
  return text;
}

/// Runs `backplan check` on one fixture under tests/data/malformed and
/// asserts exit status 3, no output and exactly these problems on stderr.
void expect_problems(const std::string& fixture, const std::vector<std::string>& problems)
{
  const std::string path = test::data_path("malformed/" + fixture);
  REQUIRE(std::filesystem::exists(path));
  const auto result = test::run_backplan({"check", path});
  CHECK(result.status == 3);
  CHECK(result.out == "");
  CHECK(result.err == diagnostics(path, problems));
}

/// "; valid NOUNs: a, b, ..." as an unknown id's message ends, from the
/// built-in vocabulary.
std::string valid(const std::string& noun, const catalog::Vocabulary& vocabulary)
{
  std::string ids;
  for (const auto& id : vocabulary.ids()) {
    ids += (ids.empty() ? "" : ", ") + id;
  }
  return "; valid " + noun + "s: " + ids;
}

/// The summary `check` prints for a clean catalog.
std::string ok_line(std::size_t files, std::size_t exercises, std::size_t conditions)
{
  const auto& builtin = test::builtin_catalog();
  return fmt::format("ok: {} files, {} exercises, {} conditions, {} regions, {} goals, {} "
                     "positions\n",
                     files, exercises, conditions, builtin.regions.terms.size(), builtin.goals.terms.size(),
                     builtin.positions.terms.size());
}

/// A copy of the built-in bridge under another name, saved in a temporary
/// folder; returns its path.
std::string bridge_override()
{
  std::string text = test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/bridge.yaml");
  const auto at = text.find("name: Bridge\n");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "name: My own bridge\n");
  const std::string path = test::temp_dir() + "/bridge.yaml";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

} // namespace

TEST_SUITE("cli::check")
{
  TEST_CASE("malformed YAML: an unclosed flow list is reported at its opening bracket")
  {
    // Line 7 is `regions: [buttocks, lower-back, hips, legs` with no ']'.
    expect_problems("yaml-unclosed-flow-list.yaml", {"7:10: error: invalid YAML: '[' has no matching ']'"});
  }

  TEST_CASE("malformed YAML: a key indented too far is reported where it starts")
  {
    // Line 15 is `   reps: [10, 15]`, one space deeper than its siblings.
    expect_problems("yaml-bad-indentation.yaml", {"15:4: error: invalid YAML: end of map not found"});
  }

  TEST_CASE("a document that is a list is not an exercise")
  {
    expect_problems("not-a-mapping-list.yaml",
                    {"1:1: error: expected a mapping of exercise keys, found a list"});
  }

  TEST_CASE("a document that is a plain scalar is not an exercise")
  {
    expect_problems("not-a-mapping-scalar.yaml",
                    {"1:1: error: expected a mapping of exercise keys, found 'Just a sentence "
                     "about a bridge exercise.'"});
  }

  TEST_CASE("a misspelt key gets a did-you-mean and the key it stands for is missing")
  {
    // `stpes:` at line 18 for `steps:`; the exercise then has no steps.
    expect_problems("unknown-key-did-you-mean.yaml",
                    {"1:1: error: missing required key 'steps' in an exercise",
                     "18:1: error: unknown key 'stpes' in an exercise (did you mean 'steps'?)"});
  }

  TEST_CASE("an unknown key with no near match has no suggestion")
  {
    expect_problems("unknown-key.yaml", {"13:1: error: unknown key 'equipment' in an exercise"});
  }

  TEST_CASE("a missing required key is reported at the start of the exercise")
  {
    expect_problems("missing-required-key.yaml",
                    {"1:1: error: missing required key 'position' in an exercise"});
  }

  TEST_CASE("a repeated key names the line of the first")
  {
    expect_problems("duplicate-key.yaml", {"12:1: error: duplicate key 'level' (first at line 11)"});
  }

  TEST_CASE("wrong type: a word where a number belongs")
  {
    expect_problems("wrong-type-number.yaml", {"15:9: error: 'reps' must be a whole number, found 'ten'"});
  }

  TEST_CASE("wrong type: a list where a string belongs")
  {
    expect_problems("wrong-type-list.yaml", {"2:7: error: 'name' must be a string, found a list"});
  }

  TEST_CASE("wrong type: an empty value is reported at its key")
  {
    expect_problems("empty-value.yaml", {"3:1: error: 'summary' must be a string, found an empty value"});
  }

  TEST_CASE("a zero hold time is out of range")
  {
    expect_problems("zero-duration.yaml", {"14:10: error: 'hold' must be at least 1, found 0"});
  }

  TEST_CASE("a negative count of sets is out of range")
  {
    expect_problems("negative-count.yaml", {"16:9: error: 'sets' must be at least 1, found -1"});
  }

  TEST_CASE("a number too large for any range is out of range and quoted as written")
  {
    expect_problems("out-of-range.yaml",
                    {"17:26: error: 'rest_between_reps' must be at most 300, found 3000000000000"});
  }

  TEST_CASE("a range whose minimum exceeds its maximum")
  {
    expect_problems("range-min-exceeds-max.yaml",
                    {"15:9: error: 'reps' range minimum 15 exceeds its maximum 10"});
  }

  TEST_CASE("an exercise with no steps")
  {
    expect_problems("no-steps.yaml", {"18:8: error: 'steps' must list at least one step"});
  }

  TEST_CASE("a duplicate id within one catalog names both places")
  {
    const std::string folder = test::data_path("malformed/duplicate");
    const auto result = test::run_backplan({"check", folder});
    CHECK(result.status == 3);
    CHECK(result.out == "");
    CHECK(result.err == folder +
                          "/second.yaml:1:5: error: duplicate exercise id "
                          "'fixture-duplicate' (also defined at " +
                          folder + "/first.yaml:1:5)\n");
  }

  TEST_CASE("an unknown condition gets a did-you-mean")
  {
    expect_problems("unknown-condition.yaml",
                    {"32:16: error: unknown condition 'prolaps' (did you mean 'prolapse'?)" +
                     valid("condition", test::builtin_catalog().conditions)});
  }

  TEST_CASE("a condition alias is not accepted in a catalog and the id is named")
  {
    expect_problems("condition-alias.yaml", {"32:16: error: 'sciatica' is an alias; use the condition id "
                                             "'radiating-leg-pain'"});
  }

  TEST_CASE("an unknown region gets a did-you-mean")
  {
    expect_problems("unknown-region.yaml",
                    {"7:21: error: unknown region 'lower-bak' (did you mean 'lower-back'?)" +
                     valid("region", test::builtin_catalog().regions)});
  }

  TEST_CASE("an unknown goal with no near match")
  {
    expect_problems("unknown-goal.yaml",
                    {"8:19: error: unknown goal 'balance'" + valid("goal", test::builtin_catalog().goals)});
  }

  TEST_CASE("an unknown position with no near match")
  {
    expect_problems("unknown-position.yaml", {"6:11: error: unknown position 'supine'" +
                                              valid("position", test::builtin_catalog().positions)});
  }

  TEST_CASE("an unknown level gets a did-you-mean")
  {
    expect_problems("unknown-level.yaml", {"11:8: error: unknown level 'moderat' (did you mean 'moderate'?)" +
                                           valid("level", test::builtin_catalog().levels)});
  }

  TEST_CASE("an unknown kind with swapped letters gets a did-you-mean")
  {
    expect_problems("unknown-kind.yaml", {"10:7: error: unknown kind 'strenght' (did you mean 'strength'?)" +
                                          valid("kind", test::builtin_catalog().kinds)});
  }

  TEST_CASE("a modify and a caution without an instruction")
  {
    expect_problems("missing-instruction.yaml",
                    {"32:5: error: a 'modify' contraindication needs an 'instruction'",
                     "35:5: error: a 'caution' contraindication needs an 'instruction'"});
  }

  TEST_CASE("an unknown easier or harder exercise")
  {
    expect_problems("unknown-easier-harder.yaml",
                    {"31:13: error: unknown exercise 'pelvic-tlt' (did you mean 'pelvic-tilt'?)",
                     "32:20: error: unknown exercise 'single-leg-bridge'"});
  }

  TEST_CASE("text that is not UTF-8 is reported at the bad byte in byte columns")
  {
    // Line 2 is `name: Bridge — caf` and a Latin-1 é: the dash is 3 bytes,
    // so the bad byte is the 21st byte of the line (the 19th character).
    const std::string text = test::slurp(test::data_path("malformed/invalid-utf8.yaml"));
    REQUIRE(text.find("name: Bridge \xe2\x80\x94 caf\xe9\n") != std::string::npos);
    expect_problems("invalid-utf8.yaml", {"2:21: error: invalid UTF-8 (byte 0xe9)"});
  }

  TEST_CASE("a NUL byte in the text")
  {
    const std::string text = test::slurp(test::data_path("malformed/nul-byte.yaml"));
    REQUIRE(text.find(std::string("slowly\0 back", 12)) != std::string::npos);
    expect_problems("nul-byte.yaml", {"24:27: error: NUL byte in text"});
  }

  TEST_CASE("an empty file")
  {
    REQUIRE(std::filesystem::file_size(test::data_path("malformed/empty.yaml")) == 0);
    expect_problems("empty.yaml", {"1:1: error: empty file"});
  }

  TEST_CASE("more than one YAML document in a file")
  {
    expect_problems("two-documents.yaml", {"34:1: error: more than one YAML document in the file"});
  }

  TEST_CASE("every problem of a file is reported in order")
  {
    expect_problems(
      "several-problems.yaml",
      {
        "1:5: error: 'id' must be lowercase letters, digits and single hyphens, found 'Fixture "
        "Several'",
        "10:7: error: unknown kind 'strenght' (did you mean 'strength'?)" +
          valid("kind", test::builtin_catalog().kinds),
        "12:11: error: 'per_side' must be true or false, found 'no'",
        "16:9: error: 'sets' must be a whole number or a [min, max] range, found a list of 3 items",
        "17:22: error: 'rest_between_reps' range minimum 5 exceeds its maximum 2",
        "33:13: error: 'action' must be avoid, modify or caution, found 'avoided' (did you mean "
        "'avoid'?)",
        "35:5: error: a 'modify' contraindication needs an 'instruction'",
        "35:16: error: unknown condition 'sciatic' (did you mean 'radiating-leg-pain'?)" +
          valid("condition", test::builtin_catalog().conditions),
        "38:19: error: unknown source 'blog'" + valid("source", test::builtin_catalog().sources),
      });
  }

  TEST_CASE("a malformed vocabulary file in a folder is read as a vocabulary")
  {
    const std::string path = test::data_path("malformed/vocabulary");
    const auto result = test::run_backplan({"check", path});
    CHECK(result.status == 3);
    CHECK(result.out == "");
    CHECK(result.err == diagnostics(path + "/conditions.yaml",
                                    {"2:5: error: missing required key 'description' in a condition",
                                     "4:30: error: alias 'Coccydynia' must be lowercase letters, digits and "
                                     "single hyphens"}));
  }

  TEST_CASE("deeply nested input is refused where it gets too deep without a crash")
  {
    const auto repeat = [](const std::string& piece, int times) {
      std::string text;
      for (int i = 0; i < times; ++i) {
        text += piece;
      }
      return text;
    };
    const auto check_text = [](const std::string& text) {
      const std::string path = test::temp_dir() + "/deep.yaml";
      std::ofstream(path, std::ios::binary) << text;
      auto result = test::run_backplan({"check", path});
      CHECK(result.status == 3);
      CHECK(result.out == "");
      const auto colon = result.err.find(':');
      REQUIRE(colon != std::string::npos);
      CHECK(result.err.substr(0, colon) == path);
      return result.err.substr(colon + 1);
    };
    SUBCASE("flow lists one a line")
    {
      CHECK(check_text(repeat("[\n", 100000)) == "65:1: error: nesting deeper than 64 levels\n");
    }
    SUBCASE("flow mappings on one line")
    {
      // The 65th '{' starts at byte 4 × 64 + 1.
      CHECK(check_text(repeat("{a: ", 100000)) == "1:257: error: nesting deeper than 64 levels\n");
    }
    SUBCASE("block lists on one line")
    {
      CHECK(check_text(repeat("- ", 100000) + "x\n") == "1:131: error: nesting deeper than 64 levels\n");
    }
    SUBCASE("complex keys")
    {
      const auto err = check_text(repeat("? ", 5000) + "x\n");
      CHECK(err.find(": error: nesting deeper than 64 levels\n") != std::string::npos);
    }
  }

  TEST_CASE("the file is named as given on the command line")
  {
    const std::string path = test::data_path("malformed/../malformed/empty.yaml");
    const auto result = test::run_backplan({"check", path});
    CHECK(result.status == 3);
    CHECK(result.err == path + ":1:1: error: empty file\n");
  }

  TEST_CASE("problems of several paths are all reported in the order of the paths")
  {
    const std::string first = test::data_path("malformed/unknown-goal.yaml");
    const std::string second = test::data_path("malformed/empty.yaml");
    const auto result = test::run_backplan({"check", second, first});
    CHECK(result.status == 3);
    CHECK(result.out == "");
    CHECK(result.err == second + ":1:1: error: empty file\n" + first +
                          ":8:19: error: unknown goal 'balance'" +
                          valid("goal", test::builtin_catalog().goals) + "\n");
  }

  TEST_CASE("check with no path checks the built-in catalog")
  {
    const auto result = test::run_backplan({"check"});
    CHECK(result.status == 0);
    CHECK(result.err == "");
    const auto& builtin = test::builtin_catalog();
    CHECK(result.out == ok_line(catalog::builtin_layer().files.size(), builtin.exercises.size(),
                                builtin.conditions.terms.size()));
  }

  TEST_CASE("a valid user catalog with its own condition checks clean")
  {
    const auto result = test::run_backplan({"check", test::data_path("valid/")});
    CHECK(result.status == 0);
    CHECK(result.err == "");
    // The counts are of the path alone, not of the built-in catalog it is checked against.
    CHECK(result.out == "ok: 3 files, 2 exercises, 1 conditions, 0 regions, 0 goals, 0 positions\n");
  }

  TEST_CASE("the valid user catalog's condition works in the other commands")
  {
    const std::string folder = test::data_path("valid");
    SUBCASE("list leaves out the exercise it avoids and keeps the one it cautions")
    {
      const auto all = test::run_backplan({"--catalog", folder, "list"});
      const auto tailbone = test::run_backplan({"--catalog", folder, "list", "-c", "tailbone-pain"});
      CHECK(all.status == 0);
      CHECK(tailbone.status == 0);
      CHECK(tailbone.err == "");
      CHECK(all.out.find("\nlying-knee-rock ") != std::string::npos);
      CHECK(tailbone.out.find("\nlying-knee-rock ") == std::string::npos);
      CHECK(tailbone.out.find("\nseated-pelvic-rock ") != std::string::npos);
    }
    SUBCASE("conditions counts its rules")
    {
      const auto result = test::run_backplan({"--catalog", folder, "conditions", "--width", "76"});
      CHECK(result.status == 0);
      CHECK(result.out.find(fmt::format("coccyx-pain  Tailbone pain\n    aliases: tailbone-pain, coccydynia\n"
                                        "    Pain at the tailbone. Exercises lying flat on the back "
                                        "are left out.\n    excludes 1, "
                                        "modifies 0, cautions 1 of {} exercises\n",
                                        test::builtin_catalog().exercises.size() + 2)) != std::string::npos);
    }
  }

  TEST_CASE("a path that does not exist")
  {
    const std::string path = test::data_path("no-such-catalog.yaml");
    const auto result = test::run_backplan({"check", path});
    CHECK(result.status == 3);
    CHECK(result.out == "");
    CHECK(result.err == path + ": error: no such file or directory\n");
  }

  TEST_CASE("a malformed --catalog stops the other commands with the same diagnostics")
  {
    for (const std::string fixture : {"unknown-region.yaml", "several-problems.yaml"}) {
      CAPTURE(fixture);
      const std::string path = test::data_path("malformed/" + fixture);
      const auto checked = test::run_backplan({"check", path});
      const auto listed = test::run_backplan({"--catalog", path, "list"});
      CHECK(listed.status == 3);
      CHECK(listed.out == "");
      CHECK(!listed.err.empty());
      CHECK(listed.err == checked.err);
    }
  }

  TEST_CASE("a --catalog exercise with a built-in id replaces it with a note")
  {
    const std::string path = bridge_override();
    const std::string note = "backplan: note: exercise 'bridge' from " + path +
                             " replaces the one from <built-in>/exercises/bridge.yaml\n";
    SUBCASE("list")
    {
      const auto result = test::run_backplan({"--catalog", path, "list"});
      CHECK(result.status == 0);
      CHECK(result.err == note);
      CHECK(result.out.find("\nbridge  ") != std::string::npos);
      CHECK(result.out.find("  My own bridge  ") != std::string::npos);
    }
    SUBCASE("show")
    {
      const auto result = test::run_backplan({"--catalog", path, "show", "bridge"});
      CHECK(result.status == 0);
      CHECK(result.err == note);
      CHECK(result.out.starts_with("My own bridge (bridge)\n"));
    }
    SUBCASE("check")
    {
      const auto result = test::run_backplan({"check", path});
      CHECK(result.status == 0);
      CHECK(result.err == note);
      CHECK(result.out.starts_with("ok: "));
    }
  }

  TEST_CASE("check FILE reads the vocabularies and sources beside the file")
  {
    const std::string root = test::temp_dir() + "/clinic";
    std::filesystem::create_directories(root + "/exercises");
    std::string text = test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/bridge.yaml");
    text.replace(text.find("id: bridge\n"), 11, "id: clinic-bridge\n");
    text.replace(text.find("sources: [sutter]"), 17, "sources: [clinic-leaflet]");
    const std::string file = root + "/exercises/clinic-bridge.yaml";
    std::ofstream(file, std::ios::binary) << text;
    // Without the clinic's sources the source is unknown.
    const auto alone = test::run_backplan({"check", file});
    CHECK(alone.status == 3);
    CHECK(alone.err.find("unknown source 'clinic-leaflet'") != std::string::npos);
    // With its sources.yaml in the catalog folder above exercises/, it is known.
    std::ofstream(root + "/sources.yaml", std::ios::binary)
      << "sources:\n  - id: clinic-leaflet\n    citation: Our clinic's own leaflet\n";
    const auto beside = test::run_backplan({"check", file});
    CHECK(beside.err == "");
    CHECK(beside.status == 0);
    CHECK(beside.out.starts_with("ok: 2 files, 1 exercises, "));
  }
}
