// backplan run and log record sessions; backplan history reads them back.
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;

namespace {

/// An environment whose history lives in a folder of its own, on 6 December
/// 2026.
std::map<std::string, std::string> history_env()
{
  const std::string home = test::temp_dir();
  return {{"HOME", home}, {"XDG_DATA_HOME", home + "/data"}, {"SOURCE_DATE_EPOCH", "1796558400"}};
}

nlohmann::json history_json_of(const std::map<std::string, std::string>& env)
{
  const auto shown = test::run_backplan({"history", "-f", "json"}, env);
  REQUIRE(shown.status == 0);
  return nlohmann::json::parse(shown.out);
}

} // namespace

TEST_SUITE("cli::history")
{
  TEST_CASE("a finished run is recorded with its ratings; --no-log records nothing")
  {
    const auto env = history_env();
    CHECK(test::run_backplan({"history"}, env).out ==
          "No session recorded yet in " + env.at("XDG_DATA_HOME") +
            "/backplan/history.db.\nA finished 'backplan run' records one; so does 'backplan log'.\n");
    const auto skipped = test::run_backplan({"run", "-m", "3", "--cues", "--speed", "1000", "--no-log"}, env);
    REQUIRE(skipped.status == 0);
    CHECK(history_json_of(env)["sessions"].empty());

    const auto run = test::run_backplan({"run", "-m", "3", "--knee", "--cues", "--speed", "1000", "--pain",
                                         "2", "--effort", "4", "--note", "fine"},
                                        env);
    REQUIRE(run.status == 0);
    const auto history = history_json_of(env);
    REQUIRE(history["sessions"].size() == 1);
    const auto& session = history["sessions"][0];
    CHECK(session["kind"] == "run");
    CHECK(session["day"] == "2026-12-06");
    CHECK(session["pain"] == 2);
    CHECK(session["effort"] == 4);
    CHECK(session["pain_before"].is_null());
    CHECK(session["note"] == "fine");
    CHECK(session["request"]["conditions"] == nlohmann::json::array({"knee"}));
    CHECK(session["request"]["minutes"] == 3);
    CHECK(session["done"] == session["items"].size());
    for (const auto& item : session["items"]) {
      CHECK(item["outcome"] == "done");
    }
    // The plan can be made again from what was kept: the same exercises.
    const auto plan =
      nlohmann::json::parse(test::run_backplan({"plan", "-m", "3", "--knee", "-f", "json"}, env).out);
    REQUIRE(plan["items"].size() == session["items"].size());
    for (std::size_t i = 0; i < plan["items"].size(); ++i) {
      CHECK(plan["items"][i]["id"] == session["items"][i]["id"]);
    }
  }

  TEST_CASE("a run ended by a signal keeps what was done: done, partly, not reached")
  {
    const auto env = history_env();
    std::string assignments;
    for (const auto& [key, value] : env) {
      assignments += fmt::format("{}='{}' ", key, value);
    }
    // At 20 times the speed, 1.5 s is about 30 s into a 5-minute plan.
    // SIGTERM takes the path Ctrl-C takes (a shell's background job ignores
    // SIGINT).
    const auto killed = test::shell(fmt::format(
      "env {} '{}' run -m 5 --cues --speed 20 >/dev/null 2>&1 & sleep 1.5; kill -TERM $!; wait $!; echo $?",
      assignments, BACKPLAN_EXE));
    CHECK(killed.out == "143\n");
    const auto history = history_json_of(env);
    REQUIRE(history["sessions"].size() == 1);
    const auto& items = history["sessions"][0]["items"];
    REQUIRE(items.size() >= 3);
    std::vector<std::string> outcomes;
    for (const auto& item : items) {
      outcomes.push_back(item["outcome"]);
    }
    const auto under_way = std::find(outcomes.begin(), outcomes.end(), "partly");
    REQUIRE(under_way != outcomes.end());
    // Everything before the one under way was done, everything after not reached.
    CHECK(std::all_of(outcomes.begin(), under_way, [](const std::string& o) { return o == "done"; }));
    CHECK(
      std::all_of(under_way + 1, outcomes.end(), [](const std::string& o) { return o == "not-reached"; }));
  }

  TEST_CASE("log, log morning and log --undo, each saying what it did")
  {
    const auto env = history_env();
    const auto first =
      test::run_backplan({"log", "-m", "5", "--date", "2026-12-04", "--pain", "3", "--effort", "5"}, env);
    CHECK(first.status == 0);
    CHECK(first.out == "Logged session 1: 2026-12-04, 5 of 5 exercises, pain 3, effort 5.\n");
    const auto plan = nlohmann::json::parse(test::run_backplan({"plan", "-m", "5", "-f", "json"}, env).out);
    const std::string skipped_id = plan["items"][1]["id"];
    const auto second =
      test::run_backplan({"log", "-m", "5", "--skipped", skipped_id, "--pain-before", "4"}, env);
    CHECK(second.out == "Logged session 2: 2026-12-06, 4 of 5 exercises, pain before 4.\n");
    const auto morning = test::run_backplan({"log", "morning", "--pain", "1"}, env);
    CHECK(morning.out == "Logged the morning after 2026-12-04 (session 1): pain 1.\n");
    auto history = history_json_of(env);
    REQUIRE(history["sessions"].size() == 2);
    CHECK(history["sessions"][0]["morning_pain"] == 1);
    CHECK(history["sessions"][1]["items"][1]["outcome"] == "skipped");
    CHECK(history["sessions"][1]["kind"] == "log");

    const auto undone = test::run_backplan({"log", "--undo"}, env);
    CHECK(undone.out == "Removed session 2: 2026-12-06 (log), 4 of 5 exercises, pain before 4.\n");
    CHECK(history_json_of(env)["sessions"].size() == 1);
    test::run_backplan({"log", "--undo"}, env);
    const auto nothing = test::run_backplan({"log", "--undo"}, env);
    CHECK(nothing.status == 1);
    CHECK(nothing.err ==
          "backplan: error: " + env.at("XDG_DATA_HOME") + "/backplan/history.db: no session to remove\n");

    const auto unknown = test::run_backplan({"log", "--skipped", "brigde"}, env);
    CHECK(unknown.status == 2);
    CHECK(unknown.err.starts_with("backplan: error: --skipped brigde: not an exercise of the plan logged\n"));
    const auto out_of_range = test::run_backplan({"log", "--pain", "11"}, env);
    CHECK(out_of_range.status == 2);
    CHECK(out_of_range.err.starts_with(
      "backplan: error: --pain: must be a whole number from 0 to 10, found '11'\n"));
    const auto morning_without = test::run_backplan({"log", "morning"}, env);
    CHECK(morning_without.status == 2);
    CHECK(morning_without.err.starts_with("backplan: error: log morning needs --pain N"));
  }

  TEST_CASE("history: sessions, adherence, streak and pain trend, as text and CSV")
  {
    const auto env = history_env();
    for (const auto& [day, pain] : std::vector<std::pair<std::string, std::string>>{
           {"2026-12-01", "1"}, {"2026-12-02", "2"}, {"2026-12-03", "3"}, {"2026-12-05", "1"}}) {
      REQUIRE(
        test::run_backplan({"log", "-m", "5", "--date", day, "--pain", pain, "--effort", "3"}, env).status ==
        0);
    }
    const std::string path = env.at("XDG_DATA_HOME") + "/backplan/history.db";
    const auto text = test::run_backplan({"history", "--ascii"}, env);
    CHECK(text.status == 0);
    CHECK(text.out == "4 sessions from 2026-12-01 to 2026-12-05, in " + path +
                        "\n"
                        "\n"
                        "Sessions\n"
                        "  day         kind  done        time  pain  effort  morning\n"
                        "  2026-12-01  log   5 of 5      4:44     1       3        -\n"
                        "  2026-12-02  log   5 of 5      4:44     2       3        -\n"
                        "  2026-12-03  log   5 of 5      4:44     3       3        -\n"
                        "  2026-12-05  log   5 of 5      4:44     1       3        -\n"
                        "\n"
                        "Adherence (without a programme, every day from the first session is due)\n"
                        "  week from 2026-12-01  4 of 6 days  67%\n"
                        "  last 4 weeks          4 of 6 days  67%\n"
                        "Streak: 1 day (longest 3)\n"
                        "Pain, the last 28 days to 2026-12-06 (0 to 10, . no rating): "
                        "......................123.1.\n");
    const auto csv = test::run_backplan({"history", "-f", "csv"}, env);
    const auto rows = test::lines_of(csv.out);
    REQUIRE(rows.size() == 5);
    CHECK(rows[0] == "id,started,day,kind,seed,planned_seconds,spent_seconds,done,exercises,pain_before,pain,"
                     "effort,morning_pain,note\r");
    CHECK(rows[1] == "1,2026-12-01T12:00:00,2026-12-01,log,0,284,284,5,5,,1,3,,\r");
  }

  TEST_CASE("a history file that is not one is refused with exit 3 and left as it was")
  {
    const auto env = history_env();
    const std::string folder = env.at("XDG_DATA_HOME") + "/backplan";
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/history.db") << std::string(4096, 'x');
    for (const std::vector<std::string>& args : {std::vector<std::string>{"history"},
                                                 {"log", "-m", "5"},
                                                 {"run", "-m", "1", "--cues", "--speed", "1000"}}) {
      CAPTURE(args[0]);
      const auto refused = test::run_backplan(args, env);
      CHECK(refused.status == 3);
      CHECK(
        refused.err.ends_with("backplan: error: " + folder +
                              "/history.db: cannot read the history: file is not a database; nothing in it "
                              "was changed\n"));
    }
    CHECK(std::filesystem::file_size(folder + "/history.db") == 4096);
  }
}

TEST_SUITE("external")
{
  TEST_CASE(
    "history -f html: a report with inline SVG charts and no script, printed by Chromium on at most two "
    "A4 pages")
  {
    const auto env = history_env();
    for (int day = 1; day <= 28; ++day) {
      if (day % 7 == 3) {
        continue; // a missed day a week
      }
      const std::string date = fmt::format("2026-11-{:02}", day);
      REQUIRE(test::run_backplan({"log", "-m", "10", "--date", date, "--pain", std::to_string(day % 6),
                                  "--effort", std::to_string(3 + day % 5), "--note", "walked after"},
                                 env)
                .status == 0);
    }
    const std::string folder = env.at("HOME");
    const auto written = test::run_backplan({"history", "-f", "html", "-o", folder + "/report.html"}, env);
    REQUIRE(written.status == 0);
    std::ifstream in(folder + "/report.html");
    const std::string html{std::istreambuf_iterator<char>(in), {}};
    CHECK(html.find("<main>") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(
      html.find(R"(<svg viewBox="0 0 720 180" role="img" aria-label="Pain during each session and the next )"
                R"(morning, 0 to 10">)") != std::string::npos);
    CHECK(html.find(R"(aria-label="Sessions done each week")") != std::string::npos);
    // Today is 6 December: the 28 days from 9 November, of which the 17 to
    // the 28th but the three missed were done.
    CHECK(html.find("<li>Sessions done on the days due, the last 4 weeks: 17 of 28 (61%)</li>") !=
          std::string::npos);
    const auto printed = test::shell(fmt::format(
      "cd '{0}' && chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer "
      "--print-to-pdf=report.pdf file://{0}/report.html >/dev/null 2>&1; pdfinfo report.pdf | grep '^Pages:'",
      folder));
    REQUIRE(printed.status == 0);
    const int pages = std::stoi(printed.out.substr(printed.out.find_first_of("0123456789")));
    CHECK(pages >= 1);
    CHECK(pages <= 2);
  }
}
