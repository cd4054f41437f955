#include "backplan/plan/planner.hpp"
#include "cli/run/cues.hpp"
#include "cli/run/driver.hpp"
#include "cli/run/plan_file.hpp"
#include "cli/run/schedule.hpp"
#include "render/json.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <functional>
#include <numeric>

using namespace backplan;

namespace {

/// A plan of two items made by hand: getting into position, a hold twice
/// with a rest, then, after a change of position, a hold on each side with
/// the default lead-in between the sides.
plan::Plan two_item_plan()
{
  plan::Plan plan;
  plan.request.lead_in = 5;
  plan.request.conditions = {"knee"};
  plan.condition_names = {"Knee problems"};
  plan::PlanItem first;
  first.exercise.id = "first";
  first.exercise.name = "First";
  first.exercise.position = "standing";
  first.exercise.edit_details().steps = {"Stand tall.", "Hold."};
  first.position_name = "Standing";
  first.dose = {10, 0, 2, 1, 5};
  first.duration = plan::duration(first.dose, false, 5);
  first.transition = 10;
  first.moves = true;
  first.start = 10;
  first.modifications.push_back(
    {"knee", catalog::Action::modify, "Stand on a soft mat.", "general", std::nullopt, {}});
  plan::PlanItem second;
  second.exercise.id = "second";
  second.exercise.name = "Second";
  second.exercise.position = "lying-on-back";
  second.exercise.per_side = true;
  second.position_name = "Lying on your back";
  second.exercise.edit_details().steps = {"Lie down."};
  second.dose = {5, 0, 1, 1, 0};
  second.duration = plan::duration(second.dose, true, 5);
  second.transition = 15; // a change of position, of whatever length
  second.moves = true;
  second.start = first.start + first.duration + second.transition;
  plan.items = {first, second};
  plan.total = second.start + second.duration;
  return plan;
}

} // namespace

TEST_SUITE("run::schedule")
{
  TEST_CASE("an item's phases follow its dose: getting ready, sides, sets, repetitions and rests")
  {
    using K = plan::PhaseKind;
    const auto phases = plan::item_phases({30, 3, 2, 2, 10, 10}, true, {15, true, 5});
    std::vector<K> kinds;
    std::vector<int> seconds;
    for (const auto& phase : phases) {
      kinds.push_back(phase.kind);
      seconds.push_back(phase.seconds);
    }
    const std::vector<K> side = {
      K::move, K::hold, K::rest_between_reps, K::move, K::hold, K::rest_between_sets,
      K::move, K::hold, K::rest_between_reps, K::move, K::hold};
    std::vector<K> expected = {K::change_position};
    expected.insert(expected.end(), side.begin(), side.end());
    expected.push_back(K::switch_sides);
    expected.insert(expected.end(), side.begin(), side.end());
    CHECK(kinds == expected);
    CHECK(std::accumulate(seconds.begin(), seconds.end(), 0) ==
          15 + plan::duration({30, 3, 2, 2, 10, 10}, true, 5));
    CHECK(seconds.front() == 15);
    CHECK(seconds[1 + side.size()] == 5); // the second side's lead-in
    CHECK(phases[1].side == 1);
    CHECK(phases.back().side == 2);
    CHECK(phases.back().set == 2);
    CHECK(phases.back().rep == 2);
  }

  TEST_CASE("the phases of every plan add up to its total")
  {
    const auto& catalog = test::builtin_catalog();
    int plans = 0;
    const std::vector<std::vector<std::string>> condition_sets = {
      {}, {"knee"}, {"prolapse", "radiating-leg-pain"}, {"knee", "wrist", "shoulder"}, {"neck", "hip"}};
    for (const auto& conditions : condition_sets) {
      for (const int minutes : {1, 3, 5, 10, 15, 20, 45, 90}) {
        for (const char* setting : {"floor", "desk"}) {
          for (const std::uint64_t seed : {0U, 1U, 7U}) {
            plan::Request request;
            request.conditions = conditions;
            request.minutes = minutes;
            request.setting = setting;
            request.seed = seed;
            const auto plan = plan::make_plan(catalog, request);
            if (plan.items.empty()) {
              continue;
            }
            ++plans;
            CAPTURE(minutes);
            CAPTURE(setting);
            CAPTURE(seed);
            const auto schedule = run::make_schedule(plan);
            CHECK(schedule.total == plan.total);
            int clock = 0;
            for (const auto& phase : schedule.phases) {
              CHECK(phase.start == clock);
              clock += phase.phase.seconds;
            }
            CHECK(clock == plan.total);
            for (std::size_t i = 0; i < plan.items.size(); ++i) {
              const auto& first = schedule.phases[schedule.first_phase[i]];
              CHECK(first.item == i);
              CHECK(first.start + plan.items[i].transition == plan.items[i].start);
            }
          }
        }
      }
    }
    CHECK(plans > 100);
  }

  TEST_CASE("cue words and lines")
  {
    const auto plan = two_item_plan();
    const auto schedule = run::make_schedule(plan);
    std::vector<std::string> lines;
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      lines.push_back(run::cue_line(schedule, i));
    }
    CHECK(
      lines ==
      std::vector<std::string>{
        "00:00  get into position 10 s — First (standing). Stand tall. Knee problems — modify: Stand on a "
        "soft mat.\n",
        "00:10  hold 10 s — First, 1 of 2\n",
        "00:20  rest 5 s — First\n",
        "00:25  hold 10 s — First, 2 of 2\n",
        "00:35  change position 15 s — Second (lying on your back), right side. Lie down.\n",
        "00:50  hold 5 s — Second, right side\n",
        "00:55  switch sides 5 s — Second, left side\n",
        "01:00  hold 5 s — Second, left side\n",
        "01:05  done — 2 exercises, 01:05\n",
      });
    CHECK(
      run::cue_json(schedule, 5) ==
      R"({"schema_version":1,"time":50,"clock":"00:50","phase":"hold","exercise":"second","index":2,"side":"right",)"
      R"("rep":1,"reps":1,"set":1,"sets":1,"seconds":5,"modifications":[],"cautions":[],"words":"hold 5 s — Second, right side"})"
      "\n");
    CHECK(
      run::cue_json(schedule, schedule.phases.size()) ==
      R"({"schema_version":1,"time":65,"clock":"01:05","phase":"done","exercise":null,"index":null,"side":null,)"
      R"("rep":null,"reps":null,"set":null,"sets":null,"seconds":null,"modifications":null,"cautions":null,"words":"done — 2 exercises, 01:05"})"
      "\n");
  }
}

TEST_SUITE("run::schedule")
{
  TEST_CASE("spoken cues: units in words, repetitions counted down, sides by name")
  {
    auto plan = two_item_plan();
    plan.items[0].dose = {10, 0, 3, 1, 5};
    plan.items[0].duration = plan::duration(plan.items[0].dose, false, 5);
    plan.items[1].start = plan.items[0].start + plan.items[0].duration + plan.items[1].transition;
    plan.total = plan.items[1].start + plan.items[1].duration;
    const auto schedule = run::make_schedule(plan);
    std::vector<std::string> said;
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      said.push_back(run::spoken_words(schedule, i, false));
    }
    CHECK(said ==
          std::vector<std::string>{
            "Get into position for First, standing. Stand tall. Knee problems — modify: Stand on a soft mat.",
            "Hold for 10 seconds, 3 times",
            "Rest for 5 seconds",
            "Hold for 10 seconds, 2 more",
            "Rest for 5 seconds",
            "Hold for 10 seconds, 1 more",
            "Change position for Second, lying on your back, right side first. Lie down.",
            "Hold for 5 seconds",
            "Switch to your left side",
            "Hold for 5 seconds",
            "Done: 2 exercises. Well done.",
          });
    // Every step with --say-steps.
    CHECK(run::spoken_words(schedule, 0, true) == "Get into position for First, standing. Stand tall. Hold. "
                                                  "Knee problems — modify: Stand on a soft mat.");
  }

  TEST_CASE("the bell: once as each exercise and side gets under way, at every timed phase, or never")
  {
    const auto schedule = two_item_plan();
    const auto built = run::make_schedule(schedule);
    std::vector<std::size_t> exercises;
    std::vector<std::size_t> phases;
    for (std::size_t i = 0; i <= built.phases.size(); ++i) {
      CHECK_FALSE(run::rings(built, i, run::Bell::never));
      if (run::rings(built, i, run::Bell::exercises)) {
        exercises.push_back(i);
      }
      if (run::rings(built, i, run::Bell::phases)) {
        phases.push_back(i);
      }
    }
    // The first hold of each exercise and of the second side, and the end.
    CHECK(exercises == std::vector<std::size_t>{1, 5, 7, 8});
    CHECK(phases == std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8});
  }
}

TEST_SUITE("external")
{
  TEST_CASE("espeak-ng reads the spoken cues into sound, when it is installed")
  {
    if (test::shell("command -v espeak-ng").status != 0) {
      MESSAGE("espeak-ng is not installed: skipped");
      return;
    }
    const std::string dir = test::temp_dir();
    const auto schedule = run::make_schedule(two_item_plan());
    const std::string words = run::spoken_words(schedule, 3, false); // "Hold for 10 seconds, 2 more"
    // The phonemes say "seconds", not the letter s.
    const auto phonemes = test::shell("espeak-ng -q -x '" + words + "'");
    CHECK(phonemes.status == 0);
    CHECK(phonemes.out.find("s'Ek@ndz") != std::string::npos);
    // The run speaks through it into a WAV file (the last cue's).
    const auto run = test::shell(fmt::format("{} plan -f json -m 1 | {} run --plan - --speed 20 --cues --say "
                                             "'espeak-ng -w {}/cue.wav' >/dev/null",
                                             BACKPLAN_EXE, BACKPLAN_EXE, dir));
    CHECK(run.status == 0);
    const std::string wav = test::slurp(dir + "/cue.wav");
    REQUIRE(wav.size() > 1000);
    CHECK(wav.substr(0, 4) == "RIFF");
    CHECK(wav.substr(8, 4) == "WAVE");
  }
}

TEST_SUITE("run::plan_file")
{
  TEST_CASE("a plan saved as JSON reads back into the same schedule")
  {
    plan::Request request;
    request.conditions = {"knee"};
    request.minutes = 15;
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    REQUIRE(!plan.items.empty());
    const auto parsed = run::parse_plan_json(render::json_text(render::plan_json(plan)));
    REQUIRE(std::holds_alternative<plan::Plan>(parsed));
    const auto& read = std::get<plan::Plan>(parsed);
    const auto expected = run::make_schedule(plan);
    const auto schedule = run::make_schedule(read);
    REQUIRE(schedule.phases.size() == expected.phases.size());
    for (std::size_t i = 0; i <= schedule.phases.size(); ++i) {
      CHECK(run::cue_line(schedule, i) == run::cue_line(expected, i));
    }
    CHECK(read.items[0].modifications.size() == plan.items[0].modifications.size());
    CHECK(read.items[0].exercise.details().steps == plan.items[0].exercise.details().steps);
  }

  TEST_CASE("a file that is not a saved plan is refused with the problem named")
  {
    const auto error = [](const std::string& text) {
      const auto parsed = run::parse_plan_json(text);
      return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "(read)";
    };
    plan::Request request;
    request.minutes = 5;
    const auto saved = render::plan_json(plan::make_plan(test::builtin_catalog(), request));
    const auto with = [&](const std::function<void(nlohmann::ordered_json&)>& change) {
      auto copy = saved;
      change(copy);
      return copy.dump();
    };
    CHECK(error("") == "not valid JSON: line 1, column 1: syntax error while parsing value - unexpected "
                       "end of input; expected '[', '{', or a literal");
    CHECK(error("{\"schema_version\": 1,}") ==
          "not valid JSON: line 1, column 22: syntax error while parsing object key - unexpected '}'; "
          "expected string literal");
    CHECK(error("[]") == "the plan: expected an object");
    CHECK(error("{}") == "the plan: missing field 'schema_version'");
    const int other = render::plan_json_version + 1;
    CHECK(error(with([&](auto& j) { j["schema_version"] = other; })) ==
          fmt::format("schema_version {} is not supported (this backplan reads 2 and {})", other,
                      render::plan_json_version));
    CHECK(error(with([](auto& j) { j["schema_version"] = "2"; })) == "schema_version: expected an integer");
    CHECK(error(with([](auto& j) { j["items"][0]["dosage"].erase("reps"); })) ==
          "items[0].dosage: missing field 'reps'");
    CHECK(error(with([](auto& j) { j["items"][0]["dosage"]["reps"] = 0; })) ==
          "items[0].dosage.reps: 0 is not within 1 to 1000");
    CHECK(error(with([](auto& j) { j["items"][0]["steps"][0] = 3; })) ==
          "items[0].steps[0]: expected a string");
    CHECK(error(with([](auto& j) { j["items"] = nlohmann::ordered_json::array(); })) ==
          "items: the plan has no exercises");
  }
}
