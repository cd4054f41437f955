// backplan programme, today and remind, as a person and cron use them.
#include "backplan/safety/conditions.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

using namespace backplan;

namespace {

/// The environment of someone on `day` (YYYY-MM-DD, at noon UTC), with a
/// home of their own kept across calls.
std::map<std::string, std::string> programme_env(const std::string& home, const std::string& day)
{
  const auto epoch = test::shell(fmt::format("date -u -d '{}T12:00:00' +%s", day)).out;
  return {{"HOME", home},
          {"XDG_CONFIG_HOME", home + "/config"},
          {"XDG_DATA_HOME", home + "/data"},
          {"SOURCE_DATE_EPOCH", epoch.substr(0, epoch.size() - 1)}};
}

} // namespace

TEST_SUITE("cli::programme")
{
  TEST_CASE("init writes an editable programme; today gives its session or says when the next one is")
  {
    const std::string home = test::temp_dir();
    const auto monday = programme_env(home, "2026-11-02");
    const auto init = test::run_backplan(
      {"programme", "init", "--knee", "-m", "10", "--days", "mon,wed,fri", "--weeks", "6"}, monday);
    REQUIRE(init.status == 0);
    CHECK(init.out.starts_with(
      "Wrote " + home +
      "/config/backplan/programme.yaml: 6 weeks from Mon 2 Nov 2026 on mon, wed, fri, 18 "
      "sessions of 10 minutes ("));
    const auto again = test::run_backplan({"programme", "init"}, monday);
    CHECK(again.status == 1);
    CHECK(again.err.find("already holds a programme") != std::string::npos);

    const auto today = test::run_backplan({"today", "-f", "json"}, monday);
    REQUIRE(today.status == 0);
    const auto plan = nlohmann::json::parse(today.out);
    CHECK(plan["title"] == "Session 1 of 18 of your programme (week 1 of 6)");
    CHECK(plan["request"]["conditions"] == nlohmann::json::array({"knee"}));
    CHECK(plan["request"]["frequency"] == "on Mon, Wed and Fri, for 6 weeks");
    // The programme keeps its first plan's exercises, so that each session
    // holds the same ones.
    REQUIRE(plan["request"]["exercises"].size() == plan["items"].size());
    for (std::size_t i = 0; i < plan["items"].size(); ++i) {
      CHECK(plan["items"][i]["id"] == plan["request"]["exercises"][i]);
    }
    // plan with no option makes the same session; with one, a plan of its own.
    CHECK(nlohmann::json::parse(test::run_backplan({"plan", "-f", "json"}, monday).out)["title"] ==
          plan["title"]);
    CHECK(nlohmann::json::parse(test::run_backplan({"plan", "-m", "5", "-f", "json"}, monday).out)["title"] ==
          "A 5-minute back-care plan");

    // The handout carries the programme's log sheet: a row a week, a box and
    // a pain score for each session.
    const auto html = test::run_backplan({"today", "-f", "html"}, monday).out;
    CHECK(html.find("<h2>Your programme's log sheet</h2>") != std::string::npos);
    CHECK(html.find("<tr><td>6<br>7 Dec</td>") != std::string::npos);
    std::size_t scores = 0;
    for (auto at = html.find("pain __"); at != std::string::npos; at = html.find("pain __", at + 1)) {
      ++scores;
    }
    CHECK(scores == 18);
    CHECK(html.find("<h2>This week</h2>") == std::string::npos);

    const auto tuesday = programme_env(home, "2026-11-03");
    const auto rest = test::run_backplan({"today"}, tuesday);
    CHECK(rest.status == 0);
    CHECK(rest.out == "Today is a rest day of your programme; the next session is due on Wed 4 Nov 2026.\n");
    const auto over = test::run_backplan({"today"}, programme_env(home, "2027-01-04"));
    CHECK(over.out ==
          "Your programme ended on Sun 13 Dec 2026; start another with 'backplan programme init'.\n");

    const auto shown = test::run_backplan({"programme"}, programme_env(home, "2026-11-09"));
    CHECK(shown.out.find("  6 weeks, Mon 2 Nov 2026 to Sun 13 Dec 2026, on mon, wed, fri: 18 sessions\n") !=
          std::string::npos);
    CHECK(shown.out.find("  done: 0 of the 4 due so far\n") != std::string::npos);
    CHECK(shown.out.find("  next: Mon 9 Nov 2026 (today)\n") != std::string::npos);
  }

  TEST_CASE("remind: 1 while today's session is due, 0 once it is done or on a rest day")
  {
    const std::string home = test::temp_dir();
    const auto monday = programme_env(home, "2026-11-02");
    REQUIRE(test::run_backplan({"programme", "init", "-m", "5", "--days", "mon,thu"}, monday).status == 0);
    const auto due = test::run_backplan({"remind"}, monday);
    CHECK(due.status == 1);
    CHECK(due.out == "Today's session is due: backplan today\n");
    CHECK(due.err.empty());
    REQUIRE(test::run_backplan({"log", "--pain", "1"}, monday).status == 0);
    const auto done = test::run_backplan({"remind"}, monday);
    CHECK(done.status == 0);
    CHECK(done.out == "Today's session is done.\n");
    const auto rest = test::run_backplan({"remind"}, programme_env(home, "2026-11-03"));
    CHECK(rest.status == 0);
    CHECK(rest.out == "No session is due today; the next is on Thu 5 Nov 2026.\n");
  }

  TEST_CASE(
    "the session's doses follow the log: two good weeks up, a flare-up back down, each with its reason")
  {
    const std::string home = test::temp_dir();
    REQUIRE(test::run_backplan({"programme", "init", "-m", "10", "--days", "mon,wed,fri"},
                               programme_env(home, "2026-11-02"))
              .status == 0);
    const auto session = [&](const std::string& day) {
      return nlohmann::json::parse(test::run_backplan({"today", "-f", "json"}, programme_env(home, day)).out);
    };
    const auto first = session("2026-11-02");
    for (const char* day : {"2026-11-02", "2026-11-04", "2026-11-06"}) {
      REQUIRE(test::run_backplan({"log", "--pain", "2", "--effort", "5"}, programme_env(home, day)).status ==
              0);
    }
    const auto second = session("2026-11-09");
    CHECK(second["title"] == "Session 4 of 18 of your programme (week 2 of 6)");
    CHECK(second["totals"]["total_seconds"].get<int>() <= 600);
    // Each exercise of the first session moved up (or was held a step lower
    // to keep the time), and says so; one that joined to fill the time says that.
    std::set<std::string> first_ids;
    for (const auto& item : first["items"]) {
      first_ids.insert(item["id"].get<std::string>());
    }
    for (const auto& item : second["items"]) {
      CAPTURE(item["id"]);
      REQUIRE(item["dose_because"].is_string());
      const std::string why = item["dose_because"];
      if (first_ids.contains(item["id"].get<std::string>())) {
        CHECK(why.find("after week 1: 3 complete sessions with pain 3 or less and effort 6 or less") !=
              std::string::npos);
      } else {
        CHECK(why == "joined this session to fill its time, at the dose the plan gives it");
      }
    }
    // A week of pain 7: down; another with a worse morning: a flare-up.
    for (const char* day : {"2026-11-09", "2026-11-11"}) {
      test::run_backplan({"log", "--pain", "7", "--effort", "5"}, programme_env(home, day));
    }
    test::run_backplan({"log", "--pain", "2", "--effort", "5", "--pain-before", "1"},
                       programme_env(home, "2026-11-16"));
    test::run_backplan({"log", "morning", "--pain", "4"}, programme_env(home, "2026-11-17"));
    const auto flared = session("2026-11-23");
    int flares = 0;
    for (const auto& item : flared["items"]) {
      CAPTURE(item["id"]);
      const std::string why = item["dose_because"];
      if (why.find("down two weeks in a row") != std::string::npos) {
        ++flares;
        CHECK(why.starts_with("step 1 of "));
        CHECK(why.ends_with(
          "the morning after 2026-11-16 was worse (pain 4 against 1); down two weeks in a row: a "
          "flare-up, so back to the gentlest dose"));
      }
    }
    CHECK(flares > 0);
  }

  TEST_CASE("a programme file with mistakes gets each one at its place and exit 3")
  {
    const std::string home = test::temp_dir();
    std::filesystem::create_directories(home + "/config/backplan");
    std::ofstream(home + "/config/backplan/programme.yaml")
      << "start: 2026-13-01\nweeks: 60\ndays: [mon, funday]\nminutes: 10\nsetting: bed\n";
    const auto refused = test::run_backplan({"today"}, programme_env(home, "2026-11-02"));
    const std::string file = home + "/config/backplan/programme.yaml";
    CHECK(refused.status == 3);
    CHECK(refused.err ==
          file + ":1:8: error: 'start' must be a date as YYYY-MM-DD, found '2026-13-01'\n" + file +
            ":2:8: error: 'weeks' must be at most 52, found 60\n" + file +
            ":3:13: error: 'funday' is not a day of the week: mon, tue, wed, thu, fri, sat or sun\n" + file +
            ":5:10: error: 'setting' must be one of floor, desk, found 'bed'\n");
  }

  TEST_CASE("the calendar reads back through an independent iCalendar parser" *
            doctest::test_suite("external"))
  {
    const std::string home = test::temp_dir();
    const auto env = programme_env(home, "2026-11-02");
    REQUIRE(test::run_backplan({"programme", "init", "--knee", "--days", "mon,wed,fri", "--weeks", "6"}, env)
              .status == 0);
    const std::string ics = home + "/programme.ics";
    REQUIRE(test::run_backplan({"programme", "-o", ics, "--time", "07:30"}, env).status == 0);
    const std::string script = home + "/read.py";
    std::ofstream(script) << R"(import sys, icalendar
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = [c for c in calendar.walk() if c.name == 'VEVENT']
uids = {str(e['UID']) for e in events}
alarms = [c for c in calendar.walk() if c.name == 'VALARM']
first = events[0]
print(len(events), len(uids), len(alarms))
print(first.decoded('DTSTART').isoformat(), first.decoded('DTSTART').tzinfo)
print(first.decoded('DURATION'))
print(str(first['SUMMARY']))
print(str(first['DESCRIPTION']).splitlines()[0])
)";
    const auto read = test::shell(fmt::format("/usr/bin/python3 '{}' '{}'", script, ics));
    REQUIRE(read.status == 0);
    const auto lines = test::lines_of(read.out);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "18 18 18");
    CHECK(lines[1] == "2026-11-02T07:30:00 None"); // floating: no zone
    CHECK(lines[3] == "Back-care routine (session 1 of 18)");
    CHECK(lines[4].starts_with("1. "));
    // Every line ends in CRLF and is at most 75 octets.
    const auto raw =
      test::shell(fmt::format("awk '{{ if (length($0) > 76 || substr($0, length($0)) != \"\\r\") "
                              "bad++ }} END {{ print bad + 0 }}' '{}'",
                              ics));
    CHECK(raw.out == "0\n");
  }
}

TEST_SUITE("cli::programme")
{
  TEST_CASE(
    "an exercise mastered at the top of its range gives way to its harder version, which is safe for the "
    "conditions")
  {
    const std::string home = test::temp_dir();
    REQUIRE(
      test::run_backplan({"programme", "init", "--knee", "-m", "15", "--days", "mon,wed,fri", "--weeks", "8"},
                         programme_env(home, "2026-11-02"))
        .status == 0);
    for (int week = 0; week < 6; ++week) {
      for (int offset : {0, 2, 4}) {
        const auto day =
          test::shell(fmt::format("date -u -d '2026-11-02 + {} days' +%F", week * 7 + offset)).out;
        REQUIRE(
          test::run_backplan({"log", "--pain", "1", "--effort", "4"}, programme_env(home, day.substr(0, 10)))
            .status == 0);
      }
    }
    const auto session = nlohmann::json::parse(
      test::run_backplan({"today", "-f", "json"}, programme_env(home, "2026-12-14")).out);
    CHECK(session["totals"]["total_seconds"].get<int>() <= 900);
    int swapped = 0;
    for (const auto& item : session["items"]) {
      CAPTURE(item["id"]);
      const std::string why = item["dose_because"];
      if (why.starts_with("in place of ")) {
        ++swapped;
        CHECK(
          why.ends_with(", mastered at the top of its range: its harder version, at the dose the plan gives "
                        "it"));
      }
      const auto* exercise = test::builtin_catalog().find(item["id"].get<std::string>());
      REQUIRE(exercise != nullptr);
      CHECK_FALSE(safety::evaluate(*exercise, {"knee"}, {}).excluded());
    }
    CHECK(swapped > 0);
  }
}
