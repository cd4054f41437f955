#include "backplan/plan/planner.hpp"
#include "cli/run/cues.hpp"
#include "cli/run/plan_file.hpp"
#include "cli/run/schedule.hpp"
#include "render/json.hpp"
#include "support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <sys/stat.h>

using namespace backplan;
using test::run_backplan;

namespace {

/// The schedule of a plan saved as JSON, read as `run --plan` reads it.
run::Schedule schedule_of(const std::string& json)
{
  auto parsed = run::parse_plan_json(json);
  REQUIRE(std::holds_alternative<plan::Plan>(parsed));
  return run::make_schedule(std::get<plan::Plan>(parsed));
}

} // namespace

TEST_SUITE("cli::run")
{
  TEST_CASE("a saved plan piped in prints every cue, the last one at the plan's total")
  {
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "5", "--knee"});
    REQUIRE(saved.status == 0);
    const auto schedule = schedule_of(saved.out);
    const auto result = run_backplan({"run", "--plan", "-", "--speed", "200", "--cues"}, {}, saved.out, 60);
    CHECK(result.status == 0);
    const auto lines = test::lines_of(result.out);
    REQUIRE(lines.size() == schedule.phases.size() + 2);
    std::string expected;
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      expected += run::cue_line(schedule, i);
    }
    CHECK(result.out.starts_with(expected));
    const int total = nlohmann::json::parse(saved.out)["totals"]["total_seconds"].get<int>();
    const std::string clock = fmt::format("{:02}:{:02}", total / 60, total % 60);
    CHECK(lines[lines.size() - 2] ==
          fmt::format("{}  done — {} exercises, {}", clock, schedule.items.size(), clock));
    // The last line sums the run up for a script.
    CHECK(std::regex_match(lines.back(), std::regex(fmt::format("summary done={} skipped=0 not_reached=0 "
                                                                "seconds=[0-9]+ finished=yes",
                                                                schedule.items.size()))));
    CHECK(result.err.starts_with(
      fmt::format("Finished: {0} of {0} exercises done, 0 skipped; time spent ", schedule.items.size())));
  }

  TEST_CASE("run builds the plan exactly as plan does, from the same options")
  {
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "3", "--seed", "4", "-c", "prolapse"});
    REQUIRE(saved.status == 0);
    const auto from_file = run_backplan({"run", "--plan", "-", "--speed", "1000"}, {}, saved.out, 60);
    const auto direct =
      run_backplan({"run", "-m", "3", "--seed", "4", "-c", "prolapse", "--speed", "1000"}, {}, "", 60);
    CHECK(direct.status == 0);
    CHECK(direct.out == from_file.out);
    CHECK(!direct.out.empty());
  }

  TEST_CASE("a plan ends with the command that runs it, and run --last runs the plan printed last")
  {
    const std::string state = test::temp_dir();
    const std::map<std::string, std::string> env = {{"XDG_STATE_HOME", state}};
    // Nothing printed yet: exit 3, saying where it looked.
    const auto none = run_backplan({"run", "--last"}, env);
    CHECK(none.status == 3);
    CHECK(none.err == fmt::format("backplan: error: no plan printed yet ({}/backplan/last-plan.json does not "
                                  "exist): print one with 'backplan plan' first\n",
                                  state));
    const auto printed =
      run_backplan({"plan", "--knee", "-m", "3", "--lead-in", "8", "--seed", "2", "--setting", "desk"}, env);
    REQUIRE(printed.status == 0);
    const auto lines = test::lines_of(printed.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[lines.size() - 2] == "Follow it step by step");
    const std::string command = lines.back();
    CHECK(command == "  backplan run --knee -m 3 --setting desk --lead-in 8 --seed 2");
    // That command, --last and the plan saved as JSON make the same run.
    std::vector<std::string> args;
    std::istringstream words(command.substr(std::string("  backplan ").size()));
    for (std::string word; words >> word;) {
      args.push_back(word);
    }
    args.insert(args.end(), {"--cues", "--speed", "1000"});
    const auto direct = run_backplan(args, env);
    const auto last = run_backplan({"run", "--last", "--cues", "--speed", "1000"}, env);
    const auto saved = run_backplan(
      {"plan", "--knee", "-m", "3", "--lead-in", "8", "--seed", "2", "--setting", "desk", "-f", "json"});
    const auto from_file = run_backplan({"run", "--plan", "-", "--cues", "--speed", "1000"}, {}, saved.out);
    CHECK(direct.status == 0);
    CHECK(last.status == 0);
    const auto cues = [](const std::string& out) { return out.substr(0, out.rfind("summary ")); };
    CHECK(cues(direct.out) == cues(last.out));
    CHECK(cues(last.out) == cues(from_file.out));
    CHECK(!cues(last.out).empty());
    // The kept plan is the JSON plan -f json prints, without the exercises
    // left out, which a run does not read.
    auto kept = nlohmann::json::parse(test::slurp(state + "/backplan/last-plan.json"));
    auto printed_json = nlohmann::json::parse(saved.out);
    CHECK(kept["left_out"].empty());
    CHECK_FALSE(printed_json["left_out"].empty());
    printed_json["left_out"] = nlohmann::json::array();
    CHECK(kept == printed_json);
    // The same plan printed again, in another format, leaves the kept file
    // as it is; another plan takes its place.
    const auto kept_path = state + "/backplan/last-plan.json";
    const auto inode = [&] {
      struct stat info {};
      REQUIRE(::stat(kept_path.c_str(), &info) == 0);
      return info.st_ino;
    };
    const auto first = inode();
    const std::vector<std::string> same = {"plan",   "--knee", "-m",        "3",    "--lead-in", "8",
                                           "--seed", "2",      "--setting", "desk", "-f",        "markdown"};
    REQUIRE(run_backplan(same, env).status == 0);
    CHECK(inode() == first);
    REQUIRE(run_backplan({"plan", "--knee", "-m", "4"}, env).status == 0);
    CHECK(inode() != first);
    CHECK(nlohmann::json::parse(test::slurp(kept_path))["request"]["minutes"] == 4);
    // --last runs the saved plan as it is: the options that shape one are refused.
    const auto both = run_backplan({"run", "--last", "-m", "5"}, env);
    CHECK(both.status == 2);
    CHECK(both.err.starts_with(
      "backplan: error: --minutes cannot be used with --last, which runs a saved plan as it is\n"));
  }

  TEST_CASE("a saved plan edited by hand is re-timed from the catalog, and refused only when unsafe")
  {
    const auto saved =
      nlohmann::json::parse(run_backplan({"plan", "-f", "json", "-m", "10", "--sciatica", "--knee"}).out);
    REQUIRE(saved["items"].size() >= 3);
    const auto run_edited = [](const nlohmann::json& plan) {
      return run_backplan({"run", "--plan", "-", "--cues", "--speed", "1000"}, {}, plan.dump(), 60);
    };
    // One item removed, the rest reversed, a dose lowered to its least, every
    // time left as it was and every modification deleted from the file.
    auto edited = saved;
    edited["items"].erase(edited["items"].begin());
    std::reverse(edited["items"].begin(), edited["items"].end());
    for (auto& item : edited["items"]) {
      item["modifications"] = nlohmann::json::array();
      item["cautions"] = nlohmann::json::array();
    }
    const std::string first_id = edited["items"][0]["id"];
    const auto* first = test::builtin_catalog().find(first_id);
    REQUIRE(first != nullptr);
    edited["items"][0]["dosage"]["reps"] = first->dosage.reps.min;
    const auto result = run_edited(edited);
    CHECK(result.status == 0);
    const auto lines = test::lines_of(result.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0].find("— " + first->name + " (") != std::string::npos);
    // The times follow from the edited order and doses, not the file's.
    plan::Request request;
    request.conditions = {"radiating-leg-pain", "knee"};
    request.minutes = 10;
    const auto made = plan::make_plan(test::builtin_catalog(), request);
    // The run's end is the edited plan's time, worked out again (the file's
    // own total was for the plan before the edit).
    auto parsed = run::parse_plan_json(edited.dump());
    REQUIRE(std::holds_alternative<plan::Plan>(parsed));
    auto retimed = std::get<plan::Plan>(parsed);
    REQUIRE_FALSE(run::retime_saved_plan(test::builtin_catalog(), retimed).has_value());
    CHECK(retimed.total != saved["totals"]["total_seconds"].get<int>());
    const std::string clock = fmt::format("{:02}:{:02}", retimed.total / 60, retimed.total % 60);
    CHECK(lines[lines.size() - 2] ==
          fmt::format("{}  done — {} exercises, {}", clock, saved["items"].size() - 1, clock));
    // The catalog's modifications for the plan's conditions are told, whatever the file says.
    for (const auto& item : made.items) {
      if (!item.modifications.empty() && item.exercise.id != saved["items"][0]["id"]) {
        CHECK(result.out.find("Knee problems — modify: " + item.modifications.front().instruction.str()) !=
              std::string::npos);
      }
    }
    // An exercise the plan's conditions avoid: refused with its path and why.
    const auto avoided = std::find_if(made.left_out.begin(), made.left_out.end(),
                                      [](const plan::LeftOut& left) { return left.reason == "condition"; });
    REQUIRE(avoided != made.left_out.end());
    auto unsafe = saved;
    unsafe["items"][1]["id"] = avoided->id;
    const auto refused = run_edited(unsafe);
    CHECK(refused.status == 3);
    CHECK(refused.out.empty());
    CHECK(refused.err.starts_with(
      fmt::format("backplan: error: -: items[1].id: {} is not safe with ", avoided->name)));
    // A dose past the catalog's range, and a condition no catalog knows.
    auto too_much = saved;
    too_much["items"][0]["dosage"]["reps"] = 999;
    const auto dose = run_edited(too_much);
    CHECK(dose.status == 3);
    CHECK(dose.err.find("-: items[0].dosage: ") != std::string::npos);
    CHECK(dose.err.find(" is outside what the catalog allows for ") != std::string::npos);
    // A pregnancy plan whose lying-on-the-back items were copied until they
    // pass the 3 minutes in all that pregnancy from 16 weeks allows there.
    auto pregnant = nlohmann::json::parse(
      run_backplan({"plan", "-f", "json", "-m", "10", "--pregnancy", "--exercise", "pelvic-tilt"}).out);
    REQUIRE(pregnant["items"].size() == 1);
    for (int copies = 0; copies < 5; ++copies) {
      pregnant["items"].push_back(pregnant["items"][0]);
    }
    const auto capped = run_edited(pregnant);
    CHECK(capped.status == 3);
    CHECK(capped.out.empty());
    CHECK(capped.err.starts_with("backplan: error: -: items: the exercises take "));
    CHECK(capped.err.find("Pregnancy allows at most 3 min in those positions") != std::string::npos);
    auto unknown = saved;
    unknown["request"]["conditions"].push_back("kneee");
    const auto condition = run_edited(unknown);
    CHECK(condition.status == 3);
    CHECK(condition.err.starts_with(
      "backplan: error: -: request.conditions: no condition 'kneee' in the catalogs in use"));
  }

  TEST_CASE("--cues -f json prints JSON Lines")
  {
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "2"});
    const auto schedule = schedule_of(saved.out);
    const auto result =
      run_backplan({"run", "--plan", "-", "--speed", "1000", "--cues", "-f", "json"}, {}, saved.out, 60);
    CHECK(result.status == 0);
    const auto lines = test::lines_of(result.out);
    REQUIRE(lines.size() == schedule.phases.size() + 2);
    for (std::size_t i = 0; i < schedule.phases.size(); ++i) {
      const auto cue = nlohmann::json::parse(lines[i]);
      CHECK(cue["time"] == schedule.phases[i].start);
      CHECK(cue["phase"] == run::phase_id(schedule.phases[i].phase.kind));
      CHECK(cue["exercise"] == schedule.items[schedule.phases[i].item].exercise.id);
      CHECK(cue["seconds"] == schedule.phases[i].phase.seconds);
    }
    CHECK(nlohmann::json::parse(lines[schedule.phases.size()])["phase"] == "done");
    const auto summary = nlohmann::json::parse(lines.back());
    CHECK(summary["phase"] == "summary");
    CHECK(summary["done"] == schedule.items.size());
    CHECK(summary["skipped"] == 0);
    CHECK(summary["not_reached"] == 0);
    CHECK(summary["seconds"].is_number_integer());
    CHECK(summary["finished"] == true);
  }

  TEST_CASE("--say speaks one cue at a time, in order, dropping those whose moment has passed, no shell")
  {
    const std::string dir = test::temp_dir();
    // Each cue takes the stand-in 0.3 s: longer than most phases at this
    // speed, so that a cue is still being spoken when the run ends.
    const std::string bin =
      test::stand_in(dir, "say-to", "printf 'begin %s\\n' \"$2\" >>\"$1\"\nsleep 0.3\necho end >>\"$1\"\n");
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "1"});
    const auto schedule = schedule_of(saved.out);
    const auto result =
      run_backplan({"run", "--plan", "-", "--speed", "40", "--say", "say-to " + dir + "/said"},
                   {{"PATH", bin + ":" + std::getenv("PATH")}}, saved.out, 60);
    CHECK(result.status == 0);
    CHECK(result.err.starts_with("Finished: "));
    const std::vector<std::string> lines = test::lines_of(test::slurp(dir + "/said"));
    std::vector<std::string> expected;
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      expected.push_back(run::spoken_words(schedule, i, false));
    }
    // Never two at once: each cue ends before the next begins.
    std::vector<std::string> said;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      CHECK(lines[i] == (i % 2 == 0 ? "begin " + lines[i].substr(6) : "end"));
      if (i % 2 == 0) {
        said.push_back(lines[i].substr(6));
      }
    }
    // In order, some late ones dropped; the first and the closing words said.
    REQUIRE(!said.empty());
    CHECK(said.size() < expected.size());
    CHECK(said.front() == expected.front());
    CHECK(said.back() == expected.back());
    auto at = expected.begin();
    for (const auto& words : said) {
      at = std::find(at, expected.end(), words);
      CHECK(at != expected.end());
    }
  }

  TEST_CASE("--say: what the program writes on stderr, and its failures, are told after the run")
  {
    const std::string dir = test::temp_dir();
    const std::string bin = test::stand_in(dir, "say-badly", "echo \"no voice for: $1\" >&2\nexit 3\n");
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "1"});
    const auto schedule = schedule_of(saved.out);
    const auto result = run_backplan({"run", "--plan", "-", "--speed", "1000", "--say", "say-badly"},
                                     {{"PATH", bin + ":" + std::getenv("PATH")}}, saved.out, 60);
    CHECK(result.status == 0);
    auto lines = test::lines_of(result.err);
    REQUIRE(lines.size() >= 3);
    const std::size_t cues = lines.size() - 2; // the cues spoken, each failing
    CHECK(lines[cues] == fmt::format("backplan: warning: --say: 'say-badly' failed for {0} of {0} cues "
                                     "(the first: exit status 3)",
                                     cues));
    CHECK(lines[cues + 1].starts_with("Finished: "));
    std::vector<std::string> expected;
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      expected.push_back("backplan: --say: no voice for: " + run::spoken_words(schedule, i, false));
    }
    for (std::size_t i = 0; i < cues; ++i) {
      CAPTURE(lines[i]);
      CHECK(std::find(expected.begin(), expected.end(), lines[i]) != expected.end());
    }
  }

  TEST_CASE("--say with a program that is not there warns once, and the run goes on")
  {
    const auto saved = run_backplan({"plan", "-f", "json", "-m", "1"});
    const auto result = run_backplan(
      {"run", "--plan", "-", "--speed", "1000", "--say", "no-such-speaker --fast"}, {}, saved.out, 60);
    CHECK(result.status == 0);
    CHECK(result.err.starts_with("backplan: warning: --say: cannot run 'no-such-speaker': No such file or "
                                 "directory\nFinished: 1 of 1 exercise done"));
  }

  TEST_CASE("a file that is not a saved plan exits 3 with the file and the problem")
  {
    const std::string dir = test::temp_dir();
    const auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(dir + "/" + name) << text;
      return dir + "/" + name;
    };
    SUBCASE("missing")
    {
      const auto result = run_backplan({"run", "--plan", dir + "/none.json"});
      CHECK(result.status == 3);
      CHECK(result.err ==
            fmt::format("backplan: error: {}/none.json: cannot open: No such file or directory\n", dir));
    }
    SUBCASE("not JSON, on standard input")
    {
      const auto result = run_backplan({"run", "--plan", "-"}, {}, "A 10-minute back-care plan\n");
      CHECK(result.status == 3);
      CHECK(result.err ==
            "backplan: error: -: not valid JSON: line 1, column 1: syntax error while parsing value "
            "- invalid literal; last read: 'A'\n");
      CHECK(result.out.empty());
    }
    SUBCASE("empty standard input")
    {
      const auto result = run_backplan({"run", "--plan", "-"});
      CHECK(result.status == 3);
      CHECK(result.err ==
            "backplan: error: -: not valid JSON: line 1, column 1: syntax error while parsing value "
            "- unexpected end of input; expected '[', '{', or a literal\n");
    }
    SUBCASE("another schema version")
    {
      const int other = render::plan_json_version + 1;
      const auto path = write("other.json", fmt::format(R"({{"schema_version": {}}})", other));
      const auto result = run_backplan({"run", "--plan", path});
      CHECK(result.status == 3);
      CHECK(result.err ==
            fmt::format(
              "backplan: error: {}: schema_version {} is not supported (this backplan reads 2 and {})\n",
              path, other, render::plan_json_version));
    }
    SUBCASE("a missing field")
    {
      auto saved = nlohmann::json::parse(run_backplan({"plan", "-f", "json", "-m", "3"}).out);
      saved["items"][1].erase("dosage");
      const auto path = write("no-dosage.json", saved.dump());
      const auto result = run_backplan({"run", "--plan", path});
      CHECK(result.status == 3);
      CHECK(result.err == "backplan: error: " + path + ": items[1]: missing field 'dosage'\n");
    }
  }

  TEST_CASE("a closed pipe ends the run quietly")
  {
    const std::string dir = test::temp_dir();
    const auto result =
      test::shell(fmt::format("export HOME={1} XDG_CONFIG_HOME={1}/config XDG_CACHE_HOME={1}/cache\n"
                              "{0} plan -f json -m 5 | {0} run --plan - --speed 1000 2>{1}/err | head -1; "
                              "echo \"${{PIPESTATUS[1]}}\"",
                              BACKPLAN_EXE, dir));
    const auto lines = test::lines_of(result.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].starts_with("00:00  get into position 10 s — "));
    CHECK(lines[1] == "0");
    CHECK(test::slurp(dir + "/err").empty());
  }

  TEST_CASE("options that shape a plan cannot change a saved one")
  {
    const auto result = run_backplan({"run", "--plan", "-", "-m", "5"});
    CHECK(result.status == 2);
    CHECK(result.err ==
          "backplan: error: --minutes cannot be used with --plan, which runs a saved plan as it is\n"
          "Run 'backplan --help' for usage.\n");
    const auto flag = run_backplan({"run", "--plan", "-", "--knee"});
    CHECK(flag.status == 2);
    CHECK(flag.err == "backplan: error: --knee cannot be used with --plan, which runs a saved plan as it is\n"
                      "Run 'backplan --help' for usage.\n");
    CHECK(run_backplan({"run", "--speed", "0"}).status == 2);
  }
}
