// JSON output: the plan, `list -f json` and `show -f json`, parsed back and
// compared with the data they were made from, and checked with jq.

#include "backplan/plan/planner.hpp"
#include "plan/timing.hpp"
#include "render/json.hpp"
#include "render/show.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace backplan;
using nlohmann::json;

namespace {

std::vector<std::string> keys_of(const nlohmann::ordered_json& object)
{
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) {
    keys.push_back(key);
  }
  return keys;
}

void check_rules(const json& rendered, const std::vector<catalog::Contraindication>& rules)
{
  REQUIRE(rendered.size() == rules.size());
  for (std::size_t r = 0; r < rules.size(); ++r) {
    CHECK(rendered[r]["condition"] == rules[r].condition);
    CHECK(rendered[r]["action"] == catalog::action_name(rules[r].action));
    CHECK(rendered[r]["instruction"] == rules[r].instruction);
    CHECK(rendered[r]["basis"] == rules[r].basis);
    CHECK(rendered[r]["condition_name"].is_string());
  }
}

void check_variant(const json& rendered, const std::optional<plan::PlanVariant>& variant)
{
  if (!variant) {
    CHECK(rendered.is_null());
    return;
  }
  CHECK(rendered["text"] == variant->text);
  if (variant->exercise_id.empty()) {
    CHECK(rendered["exercise_id"].is_null());
  } else {
    CHECK(rendered["exercise_id"] == variant->exercise_id);
  }
}

/// A part of a dose: null when the dose does not use it.
int dose_part(const nlohmann::json& value) { return value.is_null() ? 0 : value.get<int>(); }

/// A list of sources, each as {id, citation}.
void check_json_sources(const nlohmann::json& rendered, const std::vector<catalog::Citation>& sources)
{
  REQUIRE(rendered.size() == sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    CHECK(rendered[i] == nlohmann::json{{"id", sources[i].id}, {"citation", sources[i].text}});
  }
}

/// Checks every field of the parsed JSON against the plan.
void check_plan_json(const plan::Plan& plan, const json& out)
{
  CHECK(out["schema_version"] == render::plan_json_version);
  CHECK(out["generator"] == "backplan " BACKPLAN_VERSION);
  const auto& request = out["request"];
  CHECK(request["conditions"] == plan.request.conditions);
  CHECK(request["condition_names"] == plan.condition_names);
  CHECK(request["minutes"] == plan.request.minutes);
  CHECK(request["goals"] == plan.request.goals);
  CHECK(request["regions"] == plan.request.regions);
  CHECK(request["setting"] == plan.request.setting);
  if (plan.request.level.empty()) {
    CHECK(request["level"].is_null());
  } else {
    CHECK(request["level"] == plan.request.level);
  }
  CHECK(request["seed"] == plan.request.seed);

  REQUIRE(out["items"].size() == plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    const auto& rendered = out["items"][i];
    CAPTURE(item.exercise.id);
    CHECK(rendered["index"] == i + 1);
    CHECK(rendered["id"] == item.exercise.id);
    CHECK(rendered["name"] == item.exercise.name);
    CHECK(rendered["position"] == item.exercise.position);
    CHECK(rendered["position_name"] == item.position_name);
    CHECK(rendered["kind"] == item.exercise.kind);
    CHECK(rendered["start_seconds"] == item.start);
    CHECK(rendered["duration_seconds"] == item.duration);
    CHECK(rendered["transition_seconds"] == item.transition);
    const auto& dosage = rendered["dosage"];
    CHECK(dose_part(dosage["hold_seconds"]) == item.dose.hold);
    CHECK((item.dose.hold == 0) == dosage["hold_seconds"].is_null());
    CHECK(dose_part(dosage["rep_seconds"]) == item.dose.rep_seconds);
    CHECK((item.dose.rep_seconds == 0) == dosage["rep_seconds"].is_null());
    CHECK(dosage["reps"] == item.dose.reps);
    CHECK(dosage["sets"] == item.dose.sets);
    CHECK(dose_part(dosage["rest_between_reps_seconds"]) == item.dose.rest_between_reps);
    CHECK((item.dose.rest_between_reps == 0) == dosage["rest_between_reps_seconds"].is_null());
    CHECK(dose_part(dosage["rest_between_sets_seconds"]) == item.dose.rest_between_sets);
    CHECK((item.dose.rest_between_sets == 0) == dosage["rest_between_sets_seconds"].is_null());
    CHECK(dosage["per_side"] == item.exercise.per_side);
    CHECK(dosage["words"] == item.dosage_words);
    // The dosage's numbers give back the item's time.
    plan::Dose dose{dose_part(dosage["hold_seconds"]),
                    dose_part(dosage["rep_seconds"]),
                    dosage["reps"],
                    dosage["sets"],
                    dose_part(dosage["rest_between_reps_seconds"]),
                    dose_part(dosage["rest_between_sets_seconds"])};
    CHECK(plan::duration(dose, dosage["per_side"], plan::default_lead_in) == rendered["duration_seconds"]);
    CHECK(rendered["steps"] == item.exercise.details().steps);
    CHECK(rendered["cues"] == item.exercise.details().cues);
    check_rules(rendered["modifications"], item.modifications);
    check_rules(rendered["cautions"], item.cautions);
    check_variant(rendered["easier"], item.easier);
    check_variant(rendered["harder"], item.harder);
  }
  REQUIRE(out["left_out"].size() == plan.left_out.size());
  for (std::size_t i = 0; i < plan.left_out.size(); ++i) {
    const auto& left = plan.left_out[i];
    CHECK(out["left_out"][i]["id"] == left.id);
    CHECK(out["left_out"][i]["name"] == left.name);
    CHECK(out["left_out"][i]["reason"] == left.reason);
    CHECK(out["left_out"][i]["detail"] == left.detail);
    CHECK(out["left_out"][i]["conditions"] == left.conditions);
  }
  const auto& totals = out["totals"];
  CHECK(totals["budget_seconds"] == plan.budget);
  CHECK(totals["total_seconds"] == plan.total);
  CHECK(totals["position_changes"] == plan.position_changes);
  CHECK(totals["filled"] == plan.filled);
  CHECK((plan.shortfall.empty() ? totals["shortfall"].is_null() : totals["shortfall"] == plan.shortfall));
  CHECK(out["uncovered"] == plan.uncovered);
  const auto& safety = out["safety"];
  CHECK(safety["notes"] == plan.safety.general);
  CHECK(safety["red_flags_intro"] == plan.safety.red_flags_intro);
  REQUIRE(safety["red_flags"].size() == plan.safety.red_flags.size());
  for (std::size_t i = 0; i < plan.safety.red_flags.size(); ++i) {
    const auto& tier = plan.safety.red_flags[i];
    CHECK(safety["red_flags"][i]["tier"] == tier.id);
    CHECK(safety["red_flags"][i]["name"] == tier.name);
    CHECK(safety["red_flags"][i]["action"] == tier.action);
    CHECK(safety["red_flags"][i]["signs"] == tier.signs);
    check_json_sources(safety["red_flags"][i]["sources"], tier.sources);
  }
  CHECK(safety["advice"].size() == plan.safety.advice.size());
  check_json_sources(out["sources"], plan.sources);
}

std::string jq(const std::string& filter, const std::string& path)
{
  const auto result = test::shell("jq -c '" + filter + "' '" + path + "'");
  REQUIRE(result.status == 0);
  return result.out;
}

} // namespace

TEST_SUITE("render::json")
{
  TEST_CASE("the plan's JSON parses back to every field of the plan")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& conditions :
         std::vector<std::vector<std::string>>{{}, {"knee"}, {"knee", "prolapse", "wrist"}, {"hip"}}) {
      for (const int minutes : {1, 10, 45}) {
        plan::Request request;
        request.conditions = conditions;
        request.minutes = minutes;
        request.goals = minutes == 45 ? std::vector<std::string>{"strength"} : std::vector<std::string>{};
        request.level = minutes == 45 ? "moderate" : "";
        CAPTURE(util::join(conditions, ","));
        CAPTURE(minutes);
        const auto plan = plan::make_plan(catalog, request);
        if (plan.items.empty()) {
          continue;
        }
        const std::string text = render::render_json(plan, {});
        CHECK(text.back() == '\n');
        check_plan_json(plan, json::parse(text));
      }
    }
  }

  TEST_CASE("keys come in the documented order")
  {
    plan::Request request;
    request.conditions = {"knee"};
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const auto out = render::plan_json(plan);
    CHECK(keys_of(out) == std::vector<std::string>{"schema_version", "generator", "title", "date", "request",
                                                   "items", "left_out", "totals", "uncovered",
                                                   "unchanged_conditions", "kind_advice", "safety",
                                                   "sources"});
    CHECK(
      keys_of(out["request"]) ==
      std::vector<std::string>{"conditions", "condition_names", "qualifiers", "cleared",         "minutes",
                               "goals",      "regions",         "setting",    "level",           "seed",
                               "for",        "clinician",       "frequency",  "lead_in_seconds", "include",
                               "exclude",    "exercises",       "doses",      "title",           "note",
                               "review",     "seed_given"});
    CHECK(keys_of(out["items"][0]) == std::vector<std::string>{"index",
                                                               "id",
                                                               "name",
                                                               "summary",
                                                               "position",
                                                               "position_name",
                                                               "kind",
                                                               "kind_name",
                                                               "level",
                                                               "regions",
                                                               "goals",
                                                               "start_seconds",
                                                               "duration_seconds",
                                                               "transition_seconds",
                                                               "changes_position",
                                                               "dosage",
                                                               "steps",
                                                               "cues",
                                                               "stop_if",
                                                               "modifications",
                                                               "cautions",
                                                               "easier",
                                                               "harder",
                                                               "sources",
                                                               "cautioned_because",
                                                               "family",
                                                               "family_because",
                                                               "dose_because"});
    CHECK(keys_of(out["items"][0]["dosage"]) ==
          std::vector<std::string>{"hold_seconds", "rep_seconds", "reps", "sets", "rest_between_reps_seconds",
                                   "rest_between_sets_seconds", "per_side", "words"});
    CHECK(keys_of(out["totals"]) == std::vector<std::string>{"budget_seconds", "total_seconds",
                                                             "position_changes", "filled", "shortfall"});
    CHECK(keys_of(out["safety"]) ==
          std::vector<std::string>{"notes", "advice", "red_flags_intro", "red_flags"});
    CHECK(keys_of(out["safety"]["red_flags"][0]) ==
          std::vector<std::string>{"tier", "name", "action", "signs", "sources", "added_by_conditions"});
  }

  TEST_CASE("jq: the items' durations and transitions add up to the total" * doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    int checked = 0;
    for (const auto& args : std::vector<std::vector<std::string>>{{"-m", "10"},
                                                                  {"--knee", "--prolapse", "-m", "15"},
                                                                  {"-c", "sciatica", "--setting", "desk"},
                                                                  {"-m", "60", "-g", "strength,mobility"},
                                                                  {"-m", "3", "--seed", "7"}}) {
      std::vector<std::string> command = {"plan", "-f", "json", "-o", dir + "/plan.json"};
      command.insert(command.end(), args.begin(), args.end());
      CAPTURE(util::join(args, " "));
      const auto result = test::run_backplan(command);
      REQUIRE(result.status == 0);
      const std::string path = dir + "/plan.json";
      const std::string sum = jq("[.items[] | .duration_seconds + .transition_seconds] | add", path);
      CHECK(sum == jq(".totals.total_seconds", path));
      CHECK(jq(".totals.total_seconds <= .totals.budget_seconds", path) == "true\n");
      CHECK(jq("[.items[] | .start_seconds] == ([.items[] | .start_seconds] | sort)", path) == "true\n");
      CHECK(jq(".schema_version", path) == fmt::format("{}\n", render::plan_json_version));
      ++checked;
    }
    CHECK(checked == 5);
  }

  TEST_CASE("list -f json")
  {
    const auto& catalog = test::builtin_catalog();
    const auto result = test::run_backplan({"list", "-f", "json"});
    REQUIRE(result.status == 0);
    const auto document = nlohmann::ordered_json::parse(result.out);
    CHECK(keys_of(document) == std::vector<std::string>{"schema_version", "exercises"});
    CHECK(document["schema_version"] == render::catalog_json_version);
    const auto& out = document["exercises"];
    REQUIRE(out.is_array());
    REQUIRE(out.size() == catalog.exercises.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      const auto& exercise = catalog.exercises[i];
      const auto& entry = out[i];
      CHECK(keys_of(entry) == std::vector<std::string>{"id", "name", "position", "regions", "goals", "kind",
                                                       "level", "per_side", "typical_seconds"});
      CHECK(entry["id"] == exercise.id);
      CHECK(entry["name"] == exercise.name);
      CHECK(entry["position"] == exercise.position);
      CHECK(entry["regions"] == exercise.regions);
      CHECK(entry["goals"] == exercise.goals);
      CHECK(entry["kind"] == exercise.kind);
      CHECK(entry["level"] == exercise.level);
      CHECK(entry["per_side"] == exercise.per_side);
      CHECK(entry["typical_seconds"] ==
            plan::duration(plan::middle_dose(exercise.dosage), exercise.per_side, plan::default_lead_in));
    }
    // Filters apply as in text: sciatica leaves out what it avoids.
    const auto filtered = test::run_backplan({"list", "-f", "json", "-c", "sciatica"});
    REQUIRE(filtered.status == 0);
    const auto kept = json::parse(filtered.out)["exercises"];
    CHECK(kept.size() < catalog.exercises.size());
    for (const auto& entry : kept) {
      const auto* exercise = catalog.find(entry["id"]);
      REQUIRE(exercise != nullptr);
      CHECK_FALSE(safety::evaluate(*exercise, {"radiating-leg-pain"}).excluded());
    }
    // An empty selection is an empty array, not nothing.
    const auto none =
      test::run_backplan({"list", "-f", "json", "--no-builtin", "--catalog",
                          test::data_path("fixture-catalog"), "-r", "legs", "-g", "mobility"});
    REQUIRE(none.status == 0);
    CHECK(nlohmann::json::parse(none.out) == nlohmann::json{{"schema_version", render::catalog_json_version},
                                                            {"exercises", nlohmann::json::array()}});
  }

  TEST_CASE("show -f json holds every field of the exercise")
  {
    // Every exercise rendered in this process as show renders it; the
    // command line prints exactly that.
    const auto& catalog = test::builtin_catalog();
    for (const auto& exercise : {catalog.exercises.front(), catalog.exercises.back()}) {
      const auto shown = test::run_backplan({"show", exercise.id, "-f", "json"});
      REQUIRE(shown.status == 0);
      CHECK(shown.out == render::exercise_json(catalog, exercise));
    }
    for (const auto& exercise : catalog.exercises) {
      CAPTURE(exercise.id);
      const auto out = json::parse(render::exercise_json(catalog, exercise));
      CHECK(out["id"] == exercise.id);
      CHECK(out["name"] == exercise.name);
      CHECK(out["summary"] == exercise.details().summary);
      CHECK(out["position"] == exercise.position);
      CHECK(out["regions"] == exercise.regions);
      CHECK(out["goals"] == exercise.goals);
      CHECK(out["movements"] == exercise.movements);
      CHECK(out["kind"] == exercise.kind);
      CHECK(out["level"] == exercise.level);
      CHECK(out["per_side"] == exercise.per_side);
      // A part the exercise does not use (no range, or a rest of 0 s) is null.
      const auto range = [](const json& value, const std::optional<catalog::Range>& expected) {
        if (!expected || expected->max == 0) {
          return value.is_null();
        }
        return value["min"] == expected->min && value["max"] == expected->max;
      };
      const auto& dosage = exercise.dosage;
      CHECK(range(out["dosage"]["hold_seconds"], dosage.hold));
      CHECK(range(out["dosage"]["rep_seconds"], dosage.rep_seconds));
      CHECK(range(out["dosage"]["reps"], dosage.reps));
      CHECK(range(out["dosage"]["sets"], dosage.sets));
      CHECK(range(out["dosage"]["rest_between_reps_seconds"], dosage.rest_between_reps));
      CHECK(range(out["dosage"]["rest_between_sets_seconds"], dosage.rest_between_sets));
      CHECK(out["typical_seconds"] ==
            plan::duration(plan::middle_dose(dosage), exercise.per_side, plan::default_lead_in));
      CHECK(out["steps"] == exercise.details().steps);
      CHECK(out["cues"] == exercise.details().cues);
      for (const auto& [key, variant] :
           {std::pair{"easier", &exercise.easier}, {"harder", &exercise.harder}}) {
        if (!*variant) {
          CHECK(out[key].is_null());
          continue;
        }
        // One shape, told in words or another exercise.
        CHECK(out[key].size() == 4);
        for (const char* part : {"text", "exercise_id", "description", "contraindications"}) {
          CHECK(out[key].contains(part));
        }
        if ((*variant)->exercise.empty()) {
          CHECK(out[key]["text"] == (*variant)->text);
          CHECK(out[key]["exercise_id"].is_null());
        } else {
          CHECK(out[key]["exercise_id"] == (*variant)->exercise);
          CHECK(out[key]["text"] == catalog.find((*variant)->exercise)->name);
        }
      }
      if (exercise.progression_of.empty()) {
        CHECK(out["progression_of"].is_null());
      } else {
        CHECK(out["progression_of"] == exercise.progression_of);
      }
      check_rules(out["contraindications"], exercise.contraindications);
      REQUIRE(out["sources"].size() == exercise.sources.size());
      for (std::size_t s = 0; s < exercise.sources.size(); ++s) {
        CHECK(out["sources"][s]["id"] == exercise.sources[s]);
        CHECK(out["sources"][s]["citation"] == catalog.sources.find(exercise.sources[s])->citation);
      }
    }
  }

  TEST_CASE("formats each command does not offer are usage errors")
  {
    const auto show = test::run_backplan({"show", "cat-cow", "-f", "csv"});
    CHECK(show.status == 2);
    const auto list = test::run_backplan({"list", "-f", "roff"});
    CHECK(list.status == 2);
    CHECK(test::run_backplan({"plan", "-f", "yaml"}).status == 2);
  }
}

TEST_SUITE("render::json text")
{
  TEST_CASE("json_text writes what nlohmann's dump writes, for every handout request's plan and odd strings")
  {
    using Json = nlohmann::ordered_json;
    const auto nlohmann_text = [](const Json& value) {
      return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    };
    for (const auto& conditions : test::handout_requests()) {
      CAPTURE(conditions.size());
      plan::Request request;
      request.minutes = 15;
      request.conditions = conditions;
      const auto plan = plan::make_plan(test::builtin_catalog(), request);
      const Json document = render::plan_json(plan);
      CHECK(render::json_text(document) == nlohmann_text(document));
      // The plan written as it goes is laid out as nlohmann lays out the same document.
      CHECK(render::render_json(plan, {}) == nlohmann_text(document));
      CHECK(render::plan_json_text(plan, render::LeftOutList::omitted) ==
            nlohmann_text(render::plan_json(plan, render::LeftOutList::omitted)));
    }
    // Every byte below 0x20, quotes, backslashes, DEL, letters of other
    // scripts, and bytes that are not UTF-8: overlong, a surrogate, past
    // U+10FFFF, cut short, a lone continuation byte, 0xFF.
    std::string controls;
    for (char c = 1; c < 0x20; ++c) {
      controls += c;
    }
    const std::vector<std::string> odd = {
      controls,
      "\"quoted\" \\ back/slash \x7f",
      "Łukasz Żółć — 日本語 🙂",
      std::string("nul\0byte", 8),
      "\xc0\x80",
      "\xe0\x80\xaf",
      "\xed\xa0\x80",
      "\xf4\x90\x80\x80",
      "\xf5\x80",
      "\xe2\x82",
      "a\x80z",
      "\xff\xfe",
      "\xe2\x82\xac\xe2",
    };
    Json all = Json::object();
    for (const auto& text : odd) {
      CAPTURE(text);
      const Json value = {{text, text},
                          {"list", {text, Json::array(), Json::object(), -7, 18446744073709551615U}}};
      CHECK(render::json_text(value) == nlohmann_text(value));
      all[text] = value;
    }
    CHECK(render::json_text(all) == nlohmann_text(all));
    CHECK(render::json_text(Json::array()) == "[]\n");
    CHECK(render::json_text(Json(nullptr)) == "null\n");
  }

  TEST_CASE("a document written as it goes is laid out as json_text lays out its value")
  {
    using Json = nlohmann::ordered_json;
    std::string out;
    render::JsonWriter writer(out);
    writer.begin_object();
    writer.key("empty object").begin_object();
    writer.end_object();
    writer.key("empty array").begin_array();
    writer.end_array();
    writer.member("texts", std::vector<std::string>{"a", "b\"c"});
    writer.key("nested").begin_array();
    writer.begin_object();
    writer.member("n", -3);
    writer.member("u", std::uint64_t{18446744073709551615U});
    writer.key("none").value_or_null("");
    writer.key("some").value_or_null("x");
    writer.end_object();
    writer.value(Json{{"k", Json::array({1, Json::object()})}});
    writer.value(false);
    writer.end_array();
    writer.end_object();
    const Json same = {{"empty object", Json::object()},
                       {"empty array", Json::array()},
                       {"texts", {"a", "b\"c"}},
                       {"nested",
                        {{{"n", -3}, {"u", 18446744073709551615U}, {"none", nullptr}, {"some", "x"}},
                         {{"k", Json::array({1, Json::object()})}},
                         false}}};
    CHECK(out + "\n" == render::json_text(same));
  }
}
