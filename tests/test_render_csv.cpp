// CSV output, read back with a real CSV parser (python3's csv module) and
// compared with the plan; `list -f csv` likewise.

#include "backplan/plan/planner.hpp"
#include "plan/timing.hpp"
#include "render/common.hpp"
#include "render/csv.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;

namespace {

using Records = std::vector<std::vector<std::string>>;

/// The records of a CSV file as python3's csv module reads them (strict).
Records parse_csv(const std::string& path)
{
  const auto result = test::shell("python3 -c 'import csv, json, sys; "
                                  "print(json.dumps(list(csv.reader(open(sys.argv[1], newline=\"\", "
                                  "encoding=\"utf-8\"), strict=True))))' '" +
                                  path + "'");
  REQUIRE_MESSAGE(result.status == 0, "python3 could not parse ", path);
  return nlohmann::json::parse(result.out).get<Records>();
}

/// Every line ends in CRLF, and there is no bare LF or CR.
bool crlf_only(const std::string& text)
{
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
      return false;
    }
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) {
      return false;
    }
  }
  return text.size() >= 2 && text.substr(text.size() - 2) == "\r\n";
}

std::string rules_text(const plan::Plan& plan, const std::vector<catalog::Contraindication>& rules)
{
  std::vector<std::string> parts;
  for (const auto& rule : rules) {
    parts.push_back(render::condition_name(plan, rule.condition) + ": " + rule.instruction.str());
  }
  return util::join(parts, " | ");
}

const std::vector<std::string> plan_header = {
  "index",  "start",    "start_seconds", "duration_seconds", "transition_seconds",
  "id",     "name",     "position",      "position_name",    "kind",
  "dosage", "per_side", "stop_if",       "modifications",    "cautions",
  "safety", "notes"};

/// Checks the parsed records against the plan.
void check_records(const plan::Plan& plan, const Records& records)
{
  REQUIRE(records.size() == plan.items.size() + 1);
  CHECK(records[0] == plan_header);
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    const auto& row = records[i + 1];
    CAPTURE(item.exercise.id);
    REQUIRE(row.size() == plan_header.size());
    CHECK(row[0] == std::to_string(i + 1));
    CHECK(row[1] == util::format_clock(item.start));
    CHECK(row[2] == std::to_string(item.start));
    CHECK(row[3] == std::to_string(item.duration));
    CHECK(row[4] == std::to_string(item.transition));
    CHECK(row[5] == item.exercise.id);
    CHECK(row[6] == item.exercise.name);
    CHECK(row[7] == item.exercise.position);
    CHECK(row[8] == item.position_name);
    CHECK(row[9] == item.exercise.kind);
    CHECK(row[10] == item.dosage_words);
    CHECK(row[11] == (item.exercise.per_side ? "true" : "false"));
    CHECK(row[12] == (item.exercise.details().stop_if ? item.exercise.details().stop_if->text : ""));
    CHECK(row[13] == rules_text(plan, item.modifications));
    CHECK(row[14] == rules_text(plan, item.cautions));
    if (i == 0) {
      // The safety notes and every red flag ride on the first row.
      for (const auto& note : plan.safety.general) {
        CHECK(row[15].find(note) != std::string::npos);
      }
      REQUIRE(!plan.safety.red_flags.empty());
      for (const auto& tier : plan.safety.red_flags) {
        CHECK(row[15].find(tier.name + ": " + tier.action + " " + util::join(tier.signs, "; ") + ".") !=
              std::string::npos);
      }
    } else {
      CHECK(row[15].empty());
    }
  }
}

std::string write_temp(const std::string& text)
{
  const std::string path = test::temp_dir() + "/out.csv";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

} // namespace

TEST_SUITE("render::csv")
{
  TEST_CASE("python's csv module reads the plan back, field for field" * doctest::test_suite("external"))
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& conditions : std::vector<std::vector<std::string>>{
           {}, {"knee"}, {"knee", "prolapse", "wrist", "shoulder"}, {"degenerative-back", "neck"}}) {
      for (const int minutes : {5, 20}) {
        plan::Request request;
        request.conditions = conditions;
        request.minutes = minutes;
        CAPTURE(util::join(conditions, ","));
        CAPTURE(minutes);
        const auto plan = plan::make_plan(catalog, request);
        REQUIRE(!plan.items.empty());
        const std::string text = render::render_csv(plan, {});
        CHECK(crlf_only(text));
        check_records(plan, parse_csv(write_temp(text)));
      }
    }
  }

  TEST_CASE("fields with commas, quotes and non-ASCII text survive" * doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    const auto result =
      test::run_backplan({"plan", "--no-builtin", "--catalog", test::data_path("fixture-catalog"), "-c",
                          "knee", "-m", "30", "-f", "csv", "-o", dir + "/plan.csv"});
    REQUIRE(result.status == 0);
    CHECK(crlf_only(test::slurp(dir + "/plan.csv")));
    const auto records = parse_csv(dir + "/plan.csv");
    std::vector<std::string> names;
    for (std::size_t i = 1; i < records.size(); ++i) {
      names.push_back(records[i][6]);
    }
    // Thirty minutes of this small catalog, with no item above 15% of it
    // unless nothing else is safe, needs every safe exercise.
    CHECK(names == std::vector<std::string>{"Pelvic rock", "Single knee hug",
                                            "Cat\xE2\x80\x93"
                                            "camel (hands & knees)",
                                            "Seated twist (caf\xC3\xA9 chair)", "Sit to stand, \"slow\""});
    CHECK(records[2][14] ==
          "Knee problems: Hold behind your thigh, not on top of the knee, so the knee is not squeezed.");
    // Cat-camel needs a change for the knee, so it comes only where nothing
    // else covers the request.
    const auto mid =
      test::run_backplan({"plan", "--no-builtin", "--catalog", test::data_path("fixture-catalog"), "-c",
                          "knee", "-m", "10", "-r", "mid-back", "-f", "csv", "-o", dir + "/mid.csv"});
    REQUIRE(mid.status == 0);
    const auto rows = parse_csv(dir + "/mid.csv");
    REQUIRE(rows.size() > 1);
    CHECK(rows[1][6] == "Cat\xE2\x80\x93"
                        "camel (hands & knees)");
    CHECK(rows[1][13] == "Knee problems: Put a cushion under your knees; don\xE2\x80\x99t sit back "
                         "onto your heels.");
  }

  TEST_CASE("csv_field and csv_row quote as RFC 4180 asks")
  {
    CHECK(render::csv_field("plain") == "plain");
    CHECK(render::csv_field("") == "");
    CHECK(render::csv_field("a,b") == "\"a,b\"");
    CHECK(render::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(render::csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(render::csv_field("cr\rhere") == "\"cr\rhere\"");
    CHECK(render::csv_field(" padded ") == "\" padded \"");
    CHECK(render::csv_row({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
    // A real parser agrees, embedded line breaks included.
    const std::vector<std::string> tricky = {
      "",  "a,b",   "\"", "\"\"", "two\r\nlines", "lone\nlf", " space", "caf\xC3\xA9 \xE2\x80\x93 |",
      ",", "x\"y,z"};
    const auto records = parse_csv(write_temp(render::csv_row(tricky) + render::csv_row({"end"})));
    REQUIRE(records.size() == 2);
    CHECK(records[0] == tricky);
  }

  TEST_CASE("a cell a spreadsheet would run as a formula gets an apostrophe in front")
  {
    for (const char* formula : {"=1+1", "+1", "-5 reps", "@SUM(A1)"}) {
      CAPTURE(formula);
      CHECK(render::csv_field(formula) == std::string("'") + formula);
    }
    CHECK(render::csv_field("\tx") == "'\tx");
    CHECK(render::csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(render::csv_field("\rx") == "\"'\rx\"");
    // Only the first character counts.
    CHECK(render::csv_field("1-2 = 3") == "1-2 = 3");
    CHECK(render::csv_row({"=a", "b"}) == "'=a,b\r\n");
  }

  TEST_CASE("list -f csv")
  {
    const auto& catalog = test::builtin_catalog();
    const std::string dir = test::temp_dir();
    const auto result = test::run_backplan({"list", "-f", "csv"});
    REQUIRE(result.status == 0);
    CHECK(crlf_only(result.out));
    const auto records = parse_csv(write_temp(result.out));
    REQUIRE(records.size() == catalog.exercises.size() + 1);
    CHECK(records[0] == std::vector<std::string>{"id", "name", "position", "regions", "goals", "kind",
                                                 "level", "per_side", "typical_seconds"});
    for (std::size_t i = 0; i < catalog.exercises.size(); ++i) {
      const auto& exercise = catalog.exercises[i];
      const auto& row = records[i + 1];
      CAPTURE(exercise.id);
      CHECK(row == std::vector<std::string>{
                     exercise.id, exercise.name, exercise.position, util::join(exercise.regions, ","),
                     util::join(exercise.goals, ","), exercise.kind, exercise.level,
                     exercise.per_side ? "true" : "false",
                     std::to_string(plan::duration(plan::middle_dose(exercise.dosage), exercise.per_side,
                                                   plan::default_lead_in))});
    }
  }
}
