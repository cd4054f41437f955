// Conditions as a clinician would sign them: qualifier values that change the
// rules, early phases that hold until the person is cleared, red flags a
// condition adds, cautions that count against an exercise, overlays that add
// rules to a built-in exercise, and user exercises that are safe by default.
// The loader's rules are checked on inline YAML; the planner's on the
// built-in catalog.

#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"
#include "backplan/safety/notes.hpp"
#include "catalog/exercises.hpp"
#include "catalog/loader.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;
using test::run_backplan;

namespace {

/// The diagnostics of loading the built-in catalog's YAML with `files`
/// added as a second layer (a user's catalog).
std::vector<std::string> load_user(const std::vector<catalog::SourceFile>& files)
{
  return test::load_with_layer(files);
}

/// The catalog of the built-in YAML with `files` as a second layer.
catalog::Catalog catalog_with(const std::vector<catalog::SourceFile>& files)
{
  catalog::Layer user;
  user.name = "user";
  user.files = files;
  auto result = catalog::load({catalog::builtin_layer(), user});
  REQUIRE(result.errors.empty());
  return std::move(result.catalog);
}

const char* const hip_condition = R"(conditions:
  - id: new-knee
    name: Knee replacement
    description: A replaced knee.
    qualifier:
      name: side
      default: unknown
      values:
        - id: left
          description: the left knee
        - id: right
          description: the right knee
        - id: unknown
          description: not known, so both
)";

/// A small exercise file with `rules` as its contraindications.
std::string exercise_with(const std::string& id, const std::string& rules, const std::string& extra = "")
{
  return "id: " + id + R"(
name: Test exercise
summary: A test.
position: standing
regions: [lower-back]
goals: [mobility]
kind: mobility
level: gentle
per_side: false
dosage:
  rep_seconds: [3, 4]
  reps: [5, 10]
  sets: [1, 1]
steps:
  - Stand tall.
)" + extra +
         "sources: [sutter]\ncontraindications:\n" + rules;
}

bool has(const std::vector<std::string>& list, const std::string& item)
{
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::vector<std::string> item_ids(const plan::Plan& plan)
{
  std::vector<std::string> ids;
  for (const auto& item : plan.items) {
    ids.push_back(item.exercise.id);
  }
  return ids;
}

const plan::LeftOut* left_out(const plan::Plan& plan, const std::string& id)
{
  const auto it = std::find_if(plan.left_out.begin(), plan.left_out.end(),
                               [&](const plan::LeftOut& left) { return left.id == id; });
  return it == plan.left_out.end() ? nullptr : &*it;
}

} // namespace

TEST_SUITE("safety::qualifiers")
{
  TEST_CASE("a rule's when names values of its condition's qualifier")
  {
    SUBCASE("values of the qualifier: no problem")
    {
      CHECK(load_user(
              {{"conditions.yaml", hip_condition}, {"e.yaml", exercise_with("e", R"(  - condition: new-knee
    action: avoid
    instruction: Leave it out.
    when: [left]
    basis: general clinical guidance
)")}}).empty());
    }
    SUBCASE("an unknown value")
    {
      CHECK(load_user(
              {{"conditions.yaml", hip_condition}, {"e.yaml", exercise_with("e", R"(  - condition: new-knee
    action: avoid
    instruction: Leave it out.
    when: [middle]
    basis: general clinical guidance
)")}}) == std::vector<std::string>{"e.yaml:21:12: error: unknown side 'middle' of condition 'new-knee'; "
                                   "valid values: left, right, unknown"});
    }
    SUBCASE("a condition without a qualifier")
    {
      CHECK(load_user({{"e.yaml", exercise_with("e", R"(  - condition: knee
    action: avoid
    instruction: Leave it out.
    when: [left]
    basis: general clinical guidance
)")}}) == std::vector<std::string>{"e.yaml:21:5: error: 'when' needs a condition with a qualifier; 'knee' "
                                   "has none"});
    }
  }

  TEST_CASE("an avoid and a modify for one condition conflict only where the avoid holds for every value")
  {
    const std::string modify = R"(  - condition: new-knee
    action: modify
    when: [right]
    instruction: Keep the right knee soft.
    basis: general clinical guidance
)";
    SUBCASE("the modify holds where the avoid does not: accepted")
    {
      CHECK(load_user(
              {{"conditions.yaml", hip_condition}, {"e.yaml", exercise_with("e", R"(  - condition: new-knee
    action: avoid
    instruction: Leave it out.
    when: [left]
    basis: general clinical guidance
)" + modify)}})
              .empty());
    }
    SUBCASE("the avoid holds for every value: the modify would never be read")
    {
      const auto errors = load_user(
        {{"conditions.yaml", hip_condition}, {"e.yaml", exercise_with("e", R"(  - condition: new-knee
    action: avoid
    instruction: Leave it out.
    basis: general clinical guidance
)" + modify)}});
      REQUIRE(errors.size() == 1);
      CHECK(errors[0] == "e.yaml:22:16: error: condition 'new-knee' is both 'avoid' (at e.yaml:18:16) and "
                         "'modify' here: an avoided exercise is never shown, so keep one of them");
    }
  }

  TEST_CASE("a qualifier's default is one of its values, and a referral or a cap is well formed")
  {
    CHECK(load_user({{"conditions.yaml", R"(conditions:
  - id: new-knee
    name: Knee replacement
    description: A replaced knee.
    qualifier:
      name: side
      default: both
      values:
        - id: left
          description: the left knee
          limit_positions: [standing]
)"}}) == std::vector<std::string>{
           "conditions.yaml:7:16: error: 'default' must be one of the values, found 'both'",
           "conditions.yaml:9:15: error: 'limit_positions' and 'limit_seconds' go "
           "together"});
  }

  TEST_CASE("an early phase names exercises and positions the catalog holds, and red flags name a tier")
  {
    CHECK(load_user({{"conditions.yaml", R"(conditions:
  - id: new-knee
    name: Knee replacement
    description: A replaced knee.
    early_phase:
      name: The first weeks
      lifted_by: your surgeon
      positions: [bed]
      exercises: [sit-to-stnd]
    red_flags:
      - tier: soon
        sign: a hot, swollen knee
        source: nhs-back-pain
)"}}) == std::vector<std::string>{
           "conditions.yaml:8:19: error: unknown position 'bed'; valid positions: standing, seated, "
           "floor-sitting, lying-on-back, lying-on-front, all-fours, kneeling, lying-on-bed-edge",
           "conditions.yaml:11:15: error: unknown red-flag tier 'soon'; valid red-flag tiers: emergency, "
           "today, weeks",
           "conditions.yaml:9:19: error: unknown exercise 'sit-to-stnd' in the early phase of condition "
           "'new-knee' (did you mean 'sit-to-stand'?)"});
  }

  TEST_CASE("text that holds the breath must list the held breath as a load, and then needs its rules")
  {
    // "Never hold your breath" tells the user what not to do: no load.
    CHECK(
      load_user({{"e.yaml", exercise_with("e", "  []\n", "cues:\n  - Never hold your breath.\n")}}).empty());
    CHECK(load_user(
            {{"e.yaml", exercise_with("e", "  []\n", "cues:\n  - Breathe in and hold, then relax.\n")}}) ==
          std::vector<std::string>{
            "e.yaml:1:5: error: exercise 'e' says \"breathe in and hold\", which puts "
            "strain on 'held-breath': keep the text from asking it, or list "
            "'held-breath' in 'loads' so that the conditions that protect it need a rule"});
    // Listed as a load, every condition that protects it needs a rule.
    const auto catalog = catalog_with(
      {{"e.yaml", exercise_with("e", "  []\n", "loads: [held-breath]\ncues:\n  - Breathe in and hold.\n")}});
    std::vector<std::string> gaps;
    for (const auto& gap : safety::protection_gaps(catalog)) {
      gaps.push_back(gap.exercise->id + " " + gap.condition + " " + gap.load);
    }
    CHECK(gaps == std::vector<std::string>{"e prolapse held-breath", "e high-blood-pressure held-breath"});
    CHECK(catalog::uses_phrase("Do not hold your breath", {"hold your breath"}) == std::nullopt);
    CHECK(catalog::uses_phrase("Hold your breath for five", {"hold your breath"}) == "hold your breath");
    // A negation counts only in the same clause, and only as a whole word.
    CHECK(catalog::uses_phrase("Keep your chin level, not poking. Hold your breath for ten seconds.",
                               {"hold your breath"}) == "hold your breath");
    CHECK(catalog::uses_phrase("Tie a knot then hold your breath", {"hold your breath"}) ==
          "hold your breath");
    CHECK(catalog::uses_phrase("Don't hold your breath", {"hold your breath"}) == std::nullopt);
  }

  TEST_CASE("an overlay adds rules to an exercise of an earlier catalog without copying it")
  {
    const std::string rules = R"(contraindications:
  - condition: hypermobility
    action: avoid
    instruction: Leave it out.
    basis: general clinical guidance
)";
    SUBCASE("a condition the exercise has no rule for: added")
    {
      const auto catalog = catalog_with({{"o.yaml", "overlay: bridge\n" + rules}});
      const auto verdict = safety::evaluate(*catalog.find("bridge"), {"hypermobility"});
      CHECK(verdict.excluded());
    }
    SUBCASE("an exercise no earlier catalog holds")
    {
      CHECK(load_user({{"o.yaml", "overlay: bridges\n" + rules}}) ==
            std::vector<std::string>{
              "o.yaml:1:10: error: overlay of unknown exercise 'bridges': an overlay adds "
              "rules to an exercise of an earlier catalog (the built-in one, or an earlier "
              "--catalog)"});
    }
    SUBCASE("a condition the exercise already has a rule for")
    {
      CHECK(load_user({{"o.yaml", "overlay: prone-press-up\n" + rules}}) ==
            std::vector<std::string>{
              "o.yaml:1:10: error: exercise 'prone-press-up' already has a rule for "
              "'hypermobility'; an overlay adds rules only for conditions it has none for"});
    }
  }

  TEST_CASE("a typed value resolves by id or by number, and a wrong one says which are valid")
  {
    const auto& catalog = test::builtin_catalog();
    CHECK(safety::resolve_typed(catalog, "hip-replacement=Anterior").value == "anterior");
    CHECK(safety::resolve_typed(catalog, "pregnant=12").value == "before-16-weeks");
    CHECK(safety::resolve_typed(catalog, "pregnancy=16").value == "from-16-weeks");
    CHECK(safety::resolve_typed(catalog, "knee").value.empty());
    CHECK(safety::resolve_typed(catalog, "knee=left").error ==
          "condition 'knee' takes no value, found 'left'");
    CHECK(
      safety::resolve_typed(catalog, "hip-replacement=posterio").error ==
      "unknown approach 'posterio' for condition 'total-hip-replacement' (did you mean 'posterior'?); valid "
      "values: posterior, anterior, lateral, unknown");
  }
}

TEST_SUITE("plan::clinical")
{
  TEST_CASE("a rule with when holds for its values, and for every reading when none is given")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* hip_flexor = catalog.find("hip-flexor-stretch");
    REQUIRE(hip_flexor != nullptr);
    CHECK(safety::evaluate(*hip_flexor, {"total-hip-replacement"}).excluded());
    CHECK(safety::evaluate(*hip_flexor, {"total-hip-replacement"}, {{"total-hip-replacement", "anterior"}})
            .excluded());
    CHECK_FALSE(
      safety::evaluate(*hip_flexor, {"total-hip-replacement"}, {{"total-hip-replacement", "posterior"}})
        .excluded());
    const auto* neck = catalog.find("side-neck-stretch");
    CHECK(safety::evaluate(*neck, {"recent-spinal-surgery"}).excluded());
    CHECK(safety::evaluate(*neck, {"recent-spinal-surgery"}, {{"recent-spinal-surgery", "neck"}}).excluded());
    CHECK_FALSE(
      safety::evaluate(*neck, {"recent-spinal-surgery"}, {{"recent-spinal-surgery", "lumbar-decompression"}})
        .excluded());
  }

  TEST_CASE("an early phase keeps plans to what it allows until the person is cleared, and says so")
  {
    const auto& catalog = test::builtin_catalog();
    for (const char* condition : {"total-hip-replacement", "recent-spinal-surgery"}) {
      CAPTURE(condition);
      const auto& phase = *catalog.conditions.find(condition)->phase;
      plan::Request request;
      request.conditions = {condition};
      request.minutes = 30;
      const auto early = plan::make_plan(catalog, request);
      REQUIRE_FALSE(early.items.empty());
      for (const auto& item : early.items) {
        CAPTURE(item.exercise.id);
        CHECK((phase.exercises.empty() || has(phase.exercises, item.exercise.id)));
        CHECK((phase.positions.empty() || has(phase.positions, item.exercise.position)));
      }
      const auto said =
        std::any_of(early.safety.advice.begin(), early.safety.advice.end(), [&](const auto& a) {
          return a.text.find("this is the early-phase plan") != std::string::npos &&
                 a.text.find(phase.lifted_by) != std::string::npos;
        });
      CHECK(said);
      const bool phase_reason = std::any_of(early.left_out.begin(), early.left_out.end(),
                                            [](const plan::LeftOut& left) { return left.reason == "phase"; });
      CHECK(phase_reason);
      request.cleared = true;
      const auto cleared = plan::make_plan(catalog, request);
      const auto outside = std::any_of(cleared.items.begin(), cleared.items.end(), [&](const auto& item) {
        return (!phase.exercises.empty() && !has(phase.exercises, item.exercise.id)) ||
               (!phase.positions.empty() && !has(phase.positions, item.exercise.position));
      });
      CHECK(outside);
    }
  }

  TEST_CASE("from 16 weeks of pregnancy a plan spends at most its cap lying on the back")
  {
    const auto& catalog = test::builtin_catalog();
    const auto& value = *catalog.conditions.find("pregnancy")->qualifier->find("from-16-weeks");
    REQUIRE(value.limit_seconds > 0);
    int most_before = 0;
    for (const int minutes : {20, 30, 60}) {
      for (std::uint64_t seed = 0; seed < 5; ++seed) {
        for (const char* weeks : {"", "before-16-weeks"}) {
          plan::Request request;
          request.conditions = {"pregnancy"};
          if (*weeks != '\0') {
            request.qualifiers["pregnancy"] = weeks;
          }
          request.minutes = minutes;
          request.seed = seed;
          const auto plan = plan::make_plan(catalog, request);
          int supine = 0;
          for (const auto& item : plan.items) {
            supine += has(value.limit_positions, item.exercise.position) ? item.duration : 0;
          }
          CAPTURE(minutes);
          CAPTURE(weeks);
          if (*weeks == '\0') {
            CHECK(supine <= value.limit_seconds);
          } else {
            most_before = std::max(most_before, supine);
          }
        }
      }
    }
    // Before 16 weeks the cap does not hold (and the test could tell).
    CHECK(most_before > value.limit_seconds);
  }

  TEST_CASE("a recent spinal fracture refers the person to a clinician, a healed one plans as osteoporosis")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.conditions = {"spinal-fracture"};
    const auto referred = plan::make_plan(catalog, request);
    CHECK(referred.items.empty());
    CHECK(referred.referral.find("in the last 3 months") != std::string::npos);
    request.qualifiers["spinal-fracture"] = "healed";
    const auto healed = plan::make_plan(catalog, request);
    CHECK(healed.referral.empty());
    CHECK_FALSE(healed.items.empty());
    CHECK(healed.request.conditions == std::vector<std::string>{"spinal-fracture", "osteoporosis"});
    const auto* press_up = left_out(healed, "double-knee-to-chest");
    REQUIRE(press_up != nullptr);
    CHECK(press_up->reason == "condition");
  }

  TEST_CASE("cautions count: an uncautioned exercise that covers the same need comes first")
  {
    catalog::Catalog catalog = test::builtin_catalog();
    std::erase_if(catalog.exercises, [](const auto& e) { return e.id != "standing-side-bend"; });
    catalog::Exercise twin = catalog.exercises[0];
    twin.id = "standing-side-bend-twin";
    twin.contraindications.push_back({"knee",
                                      catalog::Action::caution,
                                      "Keep your knees soft.",
                                      catalog::general_guidance,
                                      std::nullopt,
                                      {}});
    catalog.exercises.insert(catalog.exercises.begin(), twin); // first in catalog order
    plan::Request request;
    request.conditions = {"knee"};
    request.minutes = 2;
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      request.seed = seed;
      const auto plan = plan::make_plan(catalog, request);
      CAPTURE(seed);
      CHECK(item_ids(plan) == std::vector<std::string>{"standing-side-bend"});
      REQUIRE(left_out(plan, twin.id) != nullptr);
      const auto& reason = left_out(plan, twin.id)->reason;
      CHECK((reason == "cautioned" || reason == "covered"));
    }
    // When only the cautioned one is left, it is chosen, and --explain says
    // why (in 7 minutes, where its least dose, with the lead-in before its
    // second side, is within an item's share).
    std::erase_if(catalog.exercises, [&](const auto& e) { return e.id != twin.id; });
    request.minutes = 7;
    const auto plan = plan::make_plan(catalog, request);
    REQUIRE(plan.items.size() == 1);
    CHECK(
      plan.items[0].cautioned_because ==
      "chosen with a caution for Knee problems: no exercise needing no change or caution covers side-bending "
      "in the time");
  }

  TEST_CASE("no plan for one condition is mostly cautioned exercises when others would do")
  {
    const auto& catalog = test::builtin_catalog();
    int mostly = 0;
    for (const auto& condition : catalog.conditions.ids()) {
      for (const int minutes : {10, 20, 30}) {
        plan::Request request;
        request.conditions = {condition};
        request.minutes = minutes;
        request.cleared = true;
        const auto plan = plan::make_plan(catalog, request);
        int cautioned = 0;
        for (const auto& item : plan.items) {
          cautioned += item.cautions.empty() ? 0 : 1;
        }
        // Mostly cautioned only when the exercises needing no note could not
        // do: none of them was left out as covered by what the plan holds.
        if (cautioned * 2 > static_cast<int>(plan.items.size())) {
          ++mostly;
          CAPTURE(condition);
          CAPTURE(minutes);
          for (const auto& left : plan.left_out) {
            const auto verdict = safety::evaluate(*catalog.find(left.id), plan.request.conditions);
            if (!verdict.excluded() && verdict.cautions.empty() && verdict.modifications.empty()) {
              CAPTURE(left.id);
              CHECK(left.reason != "covered");
            }
          }
        }
      }
    }
    MESSAGE(mostly, " plans for one condition were mostly cautioned exercises");
  }

  TEST_CASE("a user exercise that loads what a declared condition protects, with no rule, is left out")
  {
    const auto catalog =
      catalog_with({{"hinge.yaml", exercise_with("loaded-hinge", "  []\n", "loads: [lying-on-front]\n")}});
    plan::Request request;
    request.conditions = {"pregnancy"};
    request.minutes = 20;
    const auto plan = plan::make_plan(catalog, request);
    CHECK_FALSE(has(item_ids(plan), "loaded-hinge"));
    const auto* left = left_out(plan, "loaded-hinge");
    REQUIRE(left != nullptr);
    CHECK(left->reason == "unruled");
    CHECK(left->detail ==
          "puts strain on lying on the front (Pregnancy protects it) and has no rule for pregnancy");
    CHECK(plan.gaps == std::vector<std::string>{
                         "left out loaded-hinge for Pregnancy: it puts strain on what the condition "
                         "protects with no rule for 'pregnancy'; add one to it (an overlay file adds "
                         "rules to a built-in exercise: see backplan-catalog(5))"});
  }

  TEST_CASE("challenging exercises come only with --level challenging, and never first")
  {
    const auto& catalog = test::builtin_catalog();
    const auto on_request = [&](const catalog::Exercise& e) {
      return catalog.levels.find(e.level)->on_request;
    };
    bool seen = false;
    for (const int minutes : {10, 30, 60}) {
      for (std::uint64_t seed = 0; seed < 10; ++seed) {
        plan::Request request;
        request.minutes = minutes;
        request.seed = seed;
        for (const auto& item : plan::make_plan(catalog, request).items) {
          CHECK_FALSE(on_request(item.exercise));
        }
        request.level = "challenging";
        const auto plan = plan::make_plan(catalog, request);
        REQUIRE_FALSE(plan.items.empty());
        CHECK_FALSE(on_request(plan.items.front().exercise));
        seen = seen || std::any_of(plan.items.begin(), plan.items.end(),
                                   [&](const auto& item) { return on_request(item.exercise); });
      }
    }
    CHECK(seen);
  }

  TEST_CASE("sit-to-stand stands alone and serves desk, osteoporosis and hip-replacement plans")
  {
    const auto& catalog = test::builtin_catalog();
    REQUIRE(catalog.find("sit-to-stand")->progression_of.empty());
    const std::vector<std::pair<std::string, std::string>> requests = {
      {"", "desk"}, {"osteoporosis", "floor"}, {"total-hip-replacement", "floor"}};
    for (const auto& [condition, setting] : requests) {
      CAPTURE(condition);
      bool seen = false;
      for (const int minutes : {10, 20, 30}) {
        for (std::uint64_t seed = 0; seed < 10; ++seed) {
          plan::Request request;
          if (!condition.empty()) {
            request.conditions = {condition};
          }
          request.setting = setting;
          request.minutes = minutes;
          request.seed = seed;
          seen = seen || has(item_ids(plan::make_plan(catalog, request)), "sit-to-stand");
        }
      }
      CHECK(seen);
    }
  }

  TEST_CASE("a neck side-bend does not cover the trunk's side-bending")
  {
    // Movements are counted per region: the side neck stretch bends the
    // neck sideways, which leaves the back's side-bending still to cover.
    catalog::Catalog catalog = test::builtin_catalog();
    REQUIRE(has(catalog.find("side-neck-stretch")->movements, "side-bending"));
    REQUIRE(catalog.find("side-neck-stretch")->regions == std::vector<std::string>{"neck", "shoulders"});
    std::erase_if(catalog.exercises,
                  [](const auto& e) { return e.id != "side-neck-stretch" && e.id != "standing-side-bend"; });
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      plan::Request request;
      request.minutes = 10;
      request.seed = seed;
      CAPTURE(seed);
      CHECK(has(item_ids(plan::make_plan(catalog, request)), "standing-side-bend"));
    }
    // On the built-in catalog, every 10-minute plan bends the back sideways.
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      plan::Request request;
      request.minutes = 10;
      request.seed = seed;
      const auto plan = plan::make_plan(test::builtin_catalog(), request);
      const bool trunk = std::any_of(plan.items.begin(), plan.items.end(), [](const auto& item) {
        return has(item.exercise.movements, "side-bending") &&
               (has(item.exercise.regions, "lower-back") || has(item.exercise.regions, "mid-back"));
      });
      CAPTURE(seed);
      CHECK(trunk);
    }
  }
}

TEST_SUITE("cli::qualifiers")
{
  TEST_CASE("qualifier values on the command line: flags, -c and their errors")
  {
    const auto knee = run_backplan({"plan", "--knee=left"});
    CHECK(knee.status == 2);
    CHECK(knee.err == "backplan: error: condition 'knee' takes no value, found 'left'\n");
    const auto wrong = run_backplan({"plan", "-c", "hip-replacement=sideways"});
    CHECK(wrong.status == 2);
    CHECK(wrong.err ==
          "backplan: error: unknown approach 'sideways' for condition 'total-hip-replacement'; valid "
          "values: posterior, anterior, lateral, unknown\n");
    const auto twice = run_backplan({"plan", "--hip-replacement=anterior", "-c", "new-hip=posterior"});
    CHECK(twice.status == 2);
    CHECK(twice.err == "backplan: error: condition 'total-hip-replacement' is given twice, as approach "
                       "'posterior' and 'anterior'\n");
    // The default value counts as a value here: a second, different one is
    // an error rather than a quiet choice of the less careful reading.
    const auto both = run_backplan({"plan", "-c", "pregnancy=12", "-c", "pregnancy=20"});
    CHECK(both.status == 2);
    CHECK(both.err == "backplan: error: condition 'pregnancy' is given twice, as weeks 'before-16-weeks' and "
                      "'from-16-weeks'\n");
    const auto flags = run_backplan({"plan", "--hip-replacement=anterior", "--hip-replacement=posterior"});
    CHECK(flags.status == 2);
    CHECK(flags.err == "backplan: error: condition 'total-hip-replacement' is given twice, as approach "
                       "'anterior' and 'posterior'\n");
    const auto weeks = run_backplan({"plan", "--pregnancy=12", "-f", "json"});
    REQUIRE(weeks.status == 0);
    const auto request = nlohmann::json::parse(weeks.out)["request"];
    CHECK(request["qualifiers"] == nlohmann::json{{"pregnancy", "before-16-weeks"}});
    CHECK(request["condition_names"] == nlohmann::json{"Pregnancy (weeks: before-16-weeks)"});
  }

  TEST_CASE("a recent spinal fracture: no plan, the referral, exit 4")
  {
    const auto r = run_backplan({"plan", "--spinal-fracture"});
    CHECK(r.status == 4);
    CHECK(r.out.empty());
    CHECK(
      r.err.starts_with("backplan: no plan: Spinal fracture (the fracture happened in the last 3 months, or "
                        "when is not known): a spinal fracture in the last 3 months needs a doctor's or "
                        "physiotherapist's advice before any exercise plan."));
    CHECK(run_backplan({"plan", "--spinal-fracture=healed"}).status == 0);
  }

  TEST_CASE("the early-phase plan says so in every format, and --cleared lifts it")
  {
    for (const char* format : {"text", "markdown", "html", "roff", "csv", "json"}) {
      CAPTURE(format);
      const auto early =
        run_backplan({"plan", "--hip-replacement", "-m", "10", "-f", format, "--width", "1000"});
      REQUIRE(early.status == 0);
      CHECK(early.out.find("this is the early-phase plan") != std::string::npos);
      const auto cleared =
        run_backplan({"plan", "--hip-replacement", "--cleared", "-m", "10", "-f", format, "--width", "1000"});
      REQUIRE(cleared.status == 0);
      CHECK(cleared.out.find("this is the early-phase plan") == std::string::npos);
    }
  }

  TEST_CASE("the profile takes qualified conditions and cleared")
  {
    const std::string home = test::temp_dir();
    REQUIRE(test::shell("mkdir -p '" + home +
                        "/.config/backplan' && printf 'conditions: [hip-replacement=anterior, "
                        "pregnancy=16]\\ncleared: true\\n' > '" +
                        home + "/.config/backplan/profile.yaml'")
              .status == 0);
    const auto shown =
      run_backplan({"profile"}, {{"HOME", home}, {"XDG_CONFIG_HOME", home + "/.config"}, {"NO_COLOR", ""}});
    CHECK(shown.status == 0);
    CHECK(shown.out.find("conditions  total-hip-replacement=anterior, pregnancy=from-16-weeks ") !=
          std::string::npos);
    CHECK(shown.out.find("cleared     yes ") != std::string::npos);
  }

  TEST_CASE("check reports a gap in a built-in exercise at the user's condition, and an overlay closes it")
  {
    const std::string dir = test::temp_dir();
    const auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(dir + "/" + name) << text;
    };
    write("conditions.yaml", R"(conditions:
  - id: reflux
    name: Reflux
    description: Acid reflux that lying on the front brings on.
    protects: [lying-on-front]
)");
    const auto gaps = run_backplan({"--catalog", dir, "check"});
    CHECK(gaps.status == 3);
    CHECK(gaps.err.find(
            dir + "/conditions.yaml:2:9: error: condition 'reflux' protects 'lying-on-front', which "
                  "built-in exercise 'prone-press-up' puts strain on, but it has no rule for 'reflux': "
                  "add one in an overlay file ('overlay: prone-press-up', see backplan-catalog(5))\n") !=
          std::string::npos);
    const auto plan = run_backplan({"--catalog", dir, "plan", "-c", "reflux"});
    CHECK(plan.status == 0);
    CHECK(
      plan.err.find("backplan: warning: left out prone-forearm-extension, prone-press-up, "
                    "propped-back-extension for Reflux: each puts strain on what the condition protects") !=
      std::string::npos);
    for (const char* id : {"prone-press-up", "prone-forearm-extension", "propped-back-extension"}) {
      write(std::string(id) + "-reflux.yaml", "overlay: " + std::string(id) + R"(
contraindications:
  - condition: reflux
    action: avoid
    instruction: Leave this out while lying on your front brings on reflux.
    basis: general clinical guidance
)");
    }
    const auto checked = run_backplan({"--catalog", dir, "check"});
    CHECK(checked.status == 0);
    CHECK(checked.err.empty());
    const auto planned =
      run_backplan({"--catalog", dir, "plan", "-c", "reflux", "--explain", "--width", "1000"});
    CHECK(planned.status == 0);
    CHECK(planned.err.empty());
    CHECK(
      planned.out.find("prone-press-up): condition: avoided with Reflux: Leave this out while lying on your "
                       "front brings on reflux.") != std::string::npos);
  }

  TEST_CASE("conditions lists each qualifier and early phase")
  {
    const auto r = run_backplan({"conditions", "--width", "1000"});
    REQUIRE(r.status == 0);
    CHECK(
      r.out.find("approach (--total-hip-replacement=VALUE): posterior, anterior, lateral, unknown; without "
                 "one, unknown") != std::string::npos);
    CHECK(
      r.out.find("weeks (--pregnancy=VALUE): before-16-weeks (from 0), from-16-weeks (from 16); without one, "
                 "from-16-weeks") != std::string::npos);
    CHECK(
      r.out.find("early phase, until your surgeon or physiotherapist clears you (--cleared): only positions "
                 "seated, standing") != std::string::npos);
    const auto json = nlohmann::json::parse(run_backplan({"conditions", "-f", "json"}).out)["conditions"];
    const auto fracture =
      std::find_if(json.begin(), json.end(), [](const auto& c) { return c["id"] == "spinal-fracture"; });
    REQUIRE(fracture != json.end());
    CHECK((*fracture)["includes"] == nlohmann::json{"osteoporosis"});
    CHECK((*fracture)["qualifier"]["default"] == "recent");
  }
}

TEST_SUITE("cli::check")
{
  TEST_CASE("check warns of a user exercise that loads nothing and has no rule, and still exits 0")
  {
    const std::string dir = test::temp_dir();
    std::ofstream(dir + "/hinge.yaml") << exercise_with("hip-hinge", "  []\n");
    const auto r = run_backplan({"check", dir + "/hinge.yaml"});
    CHECK(r.status == 0);
    CHECK(r.err ==
          dir +
            "/hinge.yaml:1:5: warning: exercise 'hip-hinge' has no rules and puts strain on nothing a "
            "condition protects (position 'standing' lists no loads and the exercise lists none): list "
            "what it loads in 'loads' so that the conditions that protect it need a rule (see "
            "backplan-catalog(5))\n" +
            dir +
            "/hinge.yaml:1:5: warning: exercise 'hip-hinge' has no 'figure': handouts show a plain "
            "box naming its start position instead of a picture (see 'figure' in backplan-catalog(5))\n");
    // Listing what it loads (a rounded spine, which osteoporosis protects)
    // turns the warning into a gap: the rule it needs.
    std::ofstream(dir + "/hinge.yaml") << exercise_with("hip-hinge", "  []\n", "loads: [rounded-spine]\n");
    const auto loaded = run_backplan({"check", dir + "/hinge.yaml"});
    CHECK(loaded.status == 3);
    CHECK(loaded.err ==
          dir + "/hinge.yaml:1:5: error: condition 'osteoporosis' protects 'rounded-spine', which the "
                "exercise puts strain on, but exercise 'hip-hinge' has no rule for 'osteoporosis'\n");
  }
}

TEST_SUITE("safety::review")
{
  TEST_CASE("a later catalog that redefines a condition keeps every value the earlier rules name")
  {
    const std::string dir = test::temp_dir();
    std::ofstream(dir + "/conditions.yaml") << R"(conditions:
  - id: total-hip-replacement
    name: Hip replacement
    description: A replaced hip.
    protects: [deep-hip-bend]
    qualifier:
      name: approach
      default: unknown
      values:
        - id: posterior
          description: from behind
        - id: lateral
          description: from the side
        - id: unknown
          description: not known
)";
    // The built-in rules for an anterior approach would never hold again.
    const auto r = run_backplan({"--catalog", dir, "check"});
    CHECK(r.status == 3);
    CHECK(r.err ==
          dir + "/conditions.yaml:2:9: error: condition 'total-hip-replacement' has no approach "
                "'anterior', which a rule of exercise 'double-knee-to-chest' holds for: keep every value "
                "the catalog's rules name\n");
    CHECK(run_backplan({"--catalog", dir, "plan", "-c", "total-hip-replacement=posterior"}).status == 3);
  }

  TEST_CASE("the library reads a qualifier value as the command line does, whoever the caller")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.minutes = 30;
    request.cleared = true;
    request.conditions = {"total-hip-replacement"};
    // The default written out, or a value the condition does not have, is
    // the most careful reading: every rule holds.
    for (const char* value : {"unknown", "sideways"}) {
      CAPTURE(value);
      request.qualifiers = {{"total-hip-replacement", value}};
      for (std::uint64_t seed = 0; seed < 5; ++seed) {
        request.seed = seed;
        for (const auto& id : item_ids(plan::make_plan(catalog, request))) {
          CHECK_FALSE(safety::evaluate(*catalog.find(id), {"total-hip-replacement"}).excluded());
        }
      }
    }
    // A number selects its value: 20 weeks keeps the cap on lying on the back.
    request.conditions = {"pregnancy"};
    request.qualifiers = {{"pregnancy", "20"}};
    request.minutes = 60;
    const auto pregnant = plan::make_plan(catalog, request);
    CHECK(pregnant.request.qualifiers.empty());
    int supine = 0;
    for (const auto& item : pregnant.items) {
      supine += item.exercise.position == "lying-on-back" ? item.duration : 0;
    }
    CHECK(supine <= 180);
    // A value the condition does not have refers, as no value does.
    request.conditions = {"spinal-fracture"};
    request.qualifiers = {{"spinal-fracture", "20"}};
    CHECK_FALSE(plan::make_plan(catalog, request).referral.empty());
    // What conditions lists for a condition counts the rules it includes.
    CHECK(safety::count_effects(catalog, "spinal-fracture").avoided ==
          safety::count_effects(catalog, "osteoporosis").avoided);
    CHECK(safety::count_effects(catalog, "spinal-fracture").avoided > 0);
  }

  TEST_CASE("a rule that holds only for some values does not cover a protected load for the others")
  {
    const std::string rules = R"(  - condition: total-hip-replacement
    action: avoid
    instruction: Leave it out.
    when: [posterior]
    basis: general clinical guidance
)";
    const auto catalog =
      catalog_with({{"e.yaml", exercise_with("deep-bend", rules, "loads: [deep-hip-bend]\n")}});
    std::vector<std::string> gaps;
    for (const auto& gap : safety::protection_gaps(catalog)) {
      gaps.push_back(gap.exercise->id + " " + gap.condition);
    }
    // (A sore hip protects the same load, and has no rule at all.)
    CHECK(gaps == std::vector<std::string>{"deep-bend hip", "deep-bend total-hip-replacement"});
    plan::Request request;
    request.conditions = {"total-hip-replacement"};
    request.qualifiers = {{"total-hip-replacement", "lateral"}};
    request.cleared = true;
    request.minutes = 60;
    const auto plan = plan::make_plan(catalog, request);
    REQUIRE(left_out(plan, "deep-bend") != nullptr);
    CHECK(left_out(plan, "deep-bend")->reason == "unruled");
  }

  TEST_CASE("a version that names an exercise left out for a missing rule is not shown")
  {
    const auto catalog =
      catalog_with({{"base.yaml", exercise_with("my-base", "  []\n", "harder:\n  exercise: my-hard\n")},
                    {"hard.yaml", exercise_with("my-hard", "  []\n", "loads: [held-breath]\n")}});
    plan::Request request;
    request.conditions = {"prolapse"};
    request.minutes = 60;
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      request.seed = seed;
      const auto plan = plan::make_plan(catalog, request);
      for (const auto& item : plan.items) {
        CHECK(item.exercise.id != "my-hard");
        CHECK((!item.harder || item.harder->exercise_id != "my-hard"));
      }
    }
  }

  TEST_CASE("list honours referrals and early phases, the profile's values are checked and overridden")
  {
    const auto fracture = run_backplan({"list", "-c", "spinal-fracture"});
    CHECK(fracture.status == 4);
    CHECK(fracture.out.empty());
    const auto& catalog = test::builtin_catalog();
    const auto& phase = catalog.conditions.find("recent-spinal-surgery")->phase->exercises;
    const auto early = run_backplan({"list", "-c", "recent-spinal-surgery", "-f", "csv"});
    CHECK(early.status == 0);
    CHECK(test::lines_of(early.out).size() == phase.size() + 1); // a header and the phase's exercises
    const auto cleared = run_backplan({"list", "-c", "recent-spinal-surgery", "--cleared", "-f", "csv"});
    CHECK(test::lines_of(cleared.out).size() > phase.size() + 1);

    const std::string home = test::temp_dir();
    const std::map<std::string, std::string> env = {{"HOME", home}, {"XDG_CONFIG_HOME", home + "/.config"}};
    const std::string file = home + "/.config/backplan/profile.yaml";
    REQUIRE(test::shell("mkdir -p '" + home +
                        "/.config/backplan' && printf 'conditions: [pregnancy=12, "
                        "pregnancy=20]\\n' > '" +
                        file + "'")
              .status == 0);
    const auto twice = run_backplan({"plan"}, env);
    CHECK(twice.status == 3);
    CHECK(twice.err.find(file +
                         ":1:28: error: condition 'pregnancy' is given twice, as weeks 'before-16-weeks' "
                         "and 'from-16-weeks'") != std::string::npos);
    REQUIRE(test::shell("printf 'conditions: [pregnancy=12]\\n' > '" + file + "'").status == 0);
    const auto overridden = run_backplan({"plan", "--pregnancy=20", "-f", "json"}, env);
    REQUIRE(overridden.status == 0);
    CHECK(nlohmann::json::parse(overridden.out)["request"]["condition_names"] ==
          nlohmann::json{"Pregnancy (weeks: from-16-weeks)"});
    const auto saved = run_backplan({"run", "--plan", file, "--cleared"});
    CHECK(saved.status == 2);
    CHECK(saved.err.starts_with("backplan: error: --cleared cannot be used with --plan"));
  }
}
