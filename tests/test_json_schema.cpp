// Every JSON document backplan writes validates against its published schema
// under schema/ (draft 2020-12), read by an independent validator: Debian's
// python3-jsonschema, through tests/validate_json.py. The schemas are closed
// (every key required, no other key allowed), so a change to an output that
// its schema does not describe fails here.
#include "backplan/plan/planner.hpp"
#include "render/json.hpp"
#include "render/show.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

using namespace backplan;

namespace {

/// The documents written for one validation: each file with its schema.
class Grid
{
public:
  explicit Grid(std::string dir) : m_dir(std::move(dir)) {}

  /// Saves `text` as a document of `schema` ("plan", "cue", ...).
  void add(const std::string& schema, const std::string& text)
  {
    const std::string path = fmt::format("{}/{}-{}.json", m_dir, schema, ++m_files);
    std::ofstream(path, std::ios::binary) << text;
    m_list += schema + "\t" + path + "\n";
    // A JSON Lines file is one document a line.
    m_documents += schema == "cue" ? static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) : 1;
    ++m_by_schema[schema];
  }

  /// Runs backplan with `args` and saves what it printed as `schema`.
  void add_run(const std::string& schema, const std::vector<std::string>& args,
               const std::map<std::string, std::string>& env = {})
  {
    CAPTURE(util_join(args));
    const auto result = test::run_backplan(args, env);
    REQUIRE(result.status == 0);
    add(schema, result.out);
  }

  /// validate_json.py's output and exit status over every document saved.
  test::RunResult validate() const
  {
    const std::string list = m_dir + "/list.tsv";
    std::ofstream(list, std::ios::binary) << m_list;
    return test::shell(fmt::format("/usr/bin/python3 '{0}/tests/validate_json.py' '{0}/schema' < '{1}' 2>&1",
                                   BACKPLAN_SOURCE_DIR, list));
  }

  std::size_t documents() const { return m_documents; }
  std::size_t count(const std::string& schema) const
  {
    const auto found = m_by_schema.find(schema);
    return found == m_by_schema.end() ? 0 : found->second;
  }

private:
  static std::string util_join(const std::vector<std::string>& words)
  {
    std::string out;
    for (const auto& word : words) {
      out += (out.empty() ? "" : " ") + word;
    }
    return out;
  }

  std::string m_dir;
  std::string m_list;
  std::size_t m_files = 0;
  std::size_t m_documents = 0;
  std::map<std::string, std::size_t> m_by_schema;
};

/// Plans of every condition alone and the common pairs at 5 and 30 minutes,
/// floor and desk, made in this process; then plans the command line makes
/// with what only it gives (qualifiers, handout texts, doses, named
/// exercises, levels, a daily seed).
/// Returns how many of the in-process requests got a referral (no plan).
std::size_t add_plans(Grid& grid)
{
  std::size_t referrals = 0;
  const auto& catalog = test::builtin_catalog();
  for (const auto& conditions : test::handout_requests()) {
    for (const int minutes : {5, 30}) {
      for (const char* setting : {"floor", "desk"}) {
        plan::Request request;
        request.conditions = conditions;
        request.minutes = minutes;
        request.setting = setting;
        const auto plan = plan::make_plan(catalog, request);
        if (plan.items.empty()) {
          ++referrals; // the command line prints no document (exit 4)
          continue;
        }
        grid.add("plan", render::render_json(plan, {}));
      }
    }
  }
  const std::vector<std::vector<std::string>> requests = {
    {"-c", "pregnancy=20", "-m", "20"},
    {"-c", "total-hip-replacement=anterior", "--cleared", "-m", "15", "--explain"},
    {"-c", "recent-spinal-surgery=fusion", "-m", "10"},
    {"-c", "spinal-fracture=healed,osteoporosis", "-m", "15"},
    {"--for", "A. Person", "--clinician", "The clinic", "--title", "Mornings", "--note", "Slowly.",
     "--review", "2027-01-15", "--frequency", "twice a day"},
    {"--exercise", "bridge,cat-cow", "--dose", "bridge=reps 12", "-m", "15"},
    {"--level", "challenging", "-m", "60", "-g", "strength", "-r", "lower-back"},
    {"--seed", "daily", "--lead-in", "0", "-m", "3"},
  };
  for (const auto& args : requests) {
    std::vector<std::string> command = {"plan", "-f", "json"};
    command.insert(command.end(), args.begin(), args.end());
    grid.add_run("plan", command);
  }
  return referrals;
}

/// list (all, filtered, empty), show for every exercise, and conditions.
void add_catalog_views(Grid& grid)
{
  grid.add_run("list", {"list", "-f", "json"});
  grid.add_run("list", {"list", "-f", "json", "-c", "sciatica", "-g", "mobility"});
  grid.add_run("list", {"list", "-f", "json", "--no-builtin", "--catalog", test::data_path("fixture-catalog"),
                        "-r", "legs", "-g", "mobility"});
  const auto& catalog = test::builtin_catalog();
  for (const auto& exercise : catalog.exercises) {
    grid.add("show", render::exercise_json(catalog, exercise));
  }
  grid.add_run("conditions", {"conditions", "-f", "json"});
}

/// Cue streams, one a line: with sides and sets, a plan past 99 minutes,
/// and a run of one exercise; then a history of sessions run and logged.
void add_run_and_history(Grid& grid, const std::string& home)
{
  const std::map<std::string, std::string> env = {
    {"HOME", home}, {"XDG_DATA_HOME", home + "/data"}, {"XDG_STATE_HOME", home + "/state"}};
  grid.add_run("history", {"history", "-f", "json"}, env);
  for (const auto& args : std::vector<std::vector<std::string>>{
         {"-m", "10", "--knee", "--seed", "1", "--pain", "3", "--effort", "4"},
         {"-m", "120", "--seed", "2", "--no-log"},
         {"--exercise", "side-neck-stretch", "-m", "5", "--pain-before", "2", "--pain", "1", "--effort",
          "2"}}) {
    std::vector<std::string> command = {"run", "--cues", "-f", "json", "--speed", "1000"};
    command.insert(command.end(), args.begin(), args.end());
    grid.add_run("cue", command, env);
  }
  REQUIRE(
    test::run_backplan(
      {"log", "-m", "5", "--seed", "3", "--pain", "2", "--note", "At work.", "--date", "2020-01-06"}, env)
      .status == 0);
  REQUIRE(test::run_backplan({"log", "morning", "--pain", "2"}, env).status == 0);
  grid.add_run("history", {"history", "-f", "json"}, env);
}

} // namespace

TEST_SUITE("render::schema")
{
  TEST_CASE("every JSON backplan writes validates against its schema under schema/" *
            doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    Grid grid(dir);
    const std::size_t referrals = add_plans(grid);
    add_catalog_views(grid);
    add_run_and_history(grid, dir + "/home");
    const auto& catalog = test::builtin_catalog();
    CHECK(grid.count("plan") + referrals == test::handout_requests().size() * 4 + 8);
    CHECK(referrals < 8);
    CHECK(grid.count("show") == catalog.exercises.size());
    CHECK(grid.count("cue") == 3);
    CHECK(grid.count("history") == 2);
    const auto result = grid.validate();
    CAPTURE(result.out);
    CHECK(result.status == 0);
    const std::regex summary("(^|\n)validated ([0-9]+) documents against 7 schemas\n$");
    std::smatch match;
    REQUIRE(std::regex_search(result.out, match, summary));
    CHECK(std::stoul(match[2]) == grid.documents());
    MESSAGE(fmt::format("validated {} documents", grid.documents()));
  }

  TEST_CASE("the validator refuses a document its schema does not allow" * doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.minutes = 10;
    const auto valid = render::plan_json(plan::make_plan(catalog, request));
    const std::vector<std::pair<std::string, std::function<void(nlohmann::ordered_json&)>>> changes = {
      {"a key the schema does not name", [](auto& j) { j["items"][0]["extra"] = 1; }},
      {"0 for an unused part of a dose",
       [](auto& j) { j["items"][0]["dosage"]["rest_between_sets_seconds"] = 0; }},
      {"a source as a bare id", [](auto& j) { j["items"][0]["sources"][0] = "sutter"; }},
      {"another version", [](auto& j) { j["schema_version"] = 2; }},
      {"a missing key", [](auto& j) { j["totals"].erase("shortfall"); }},
      {"no exercises", [](auto& j) { j["items"] = nlohmann::ordered_json::array(); }},
      {"no warning signs", [](auto& j) { j["safety"]["red_flags"] = nlohmann::ordered_json::array(); }},
      {"an avoid rule among the modifications",
       [](auto& j) {
         j["items"][0]["modifications"].push_back({{"condition", "knee"},
                                                   {"condition_name", "Knee problems"},
                                                   {"action", "avoid"},
                                                   {"instruction", "Leave it out."},
                                                   {"basis", "kenway"},
                                                   {"when", nlohmann::ordered_json::array()}});
       }},
    };
    for (const auto& [what, change] : changes) {
      CAPTURE(what);
      auto changed = valid;
      change(changed);
      Grid grid(dir);
      grid.add("plan", render::json_text(changed));
      const auto result = grid.validate();
      CHECK(result.status == 1);
      CHECK(result.out.ends_with("validated 1 documents against 7 schemas\n"));
    }
  }
}
