// The shape of a session, held on the built-in catalog across a grid of
// requests (seeds 0-9, 5 to 60 minutes, floor and desk, no condition and
// each condition): one exercise of a family, no item hogging the time, few
// moves, a warm start and a calm end, and strength that loads the muscle.
// Each rule is written here from its statement in backplan(1), not by
// calling the planner's own function for it.

#include "backplan/plan/planner.hpp"
#include "backplan/render/render.hpp"
#include "backplan/render/text.hpp"
#include "plan/timing.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <optional>
#include <set>

using namespace backplan;

namespace session_test { // named: the test sources share unity translation units

/// Calls `check` for every plan of the grid with items: no condition and
/// each condition, 5 to 60 minutes. The plans are made once, for every rule.
void for_grid(const std::function<void(const plan::Request&, const plan::Plan&)>& check)
{
  static const auto plans = [] {
    std::vector<std::pair<plan::Request, plan::Plan>> out;
    std::vector<std::vector<std::string>> conditions = {{}};
    for (const auto& id : test::builtin_catalog().conditions.ids()) {
      conditions.push_back({id});
    }
    test::for_each_plan(
      conditions, {5, 10, 15, 20, 30, 45, 60},
      [&](const plan::Request& request, const plan::Plan& plan) { out.emplace_back(request, plan); });
    return out;
  }();
  for (const auto& [request, plan] : plans) {
    CAPTURE(util::join(request.conditions, ","));
    CAPTURE(request.minutes);
    CAPTURE(request.setting);
    CAPTURE(request.seed);
    check(request, plan);
  }
}

const catalog::Term& kind_of(const plan::PlanItem& item)
{
  return *test::builtin_catalog().kinds.find(item.exercise.kind);
}

const std::string& posture(const plan::PlanItem& item)
{
  return plan::position_group(test::builtin_catalog(), item.exercise);
}

/// Whether the exercise's dose loads the muscle: a hold of at least its
/// kind's shortest hold, or repetitions to fatigue.
bool loads_muscle(const catalog::Exercise& exercise)
{
  const auto& kind = *test::builtin_catalog().kinds.find(exercise.kind);
  return exercise.dosage.to_fatigue || (exercise.dosage.hold && exercise.dosage.hold->max >= kind.min_hold);
}

} // namespace session_test

TEST_SUITE("plan::session")
{
  TEST_CASE("families: one exercise of a family, a second only when the time could not be filled otherwise")
  {
    const auto& catalog = test::builtin_catalog();
    // The built-in families the catalog names.
    const auto family = [&](const char* id) { return catalog.find(id)->family; };
    CHECK(family("cat-cow") == family("cat-curl"));
    CHECK(family("prone-press-up") == family("prone-forearm-extension"));
    CHECK(family("prone-press-up") == family("propped-back-extension"));
    CHECK(family("knee-to-chest") == family("double-knee-to-chest"));
    CHECK(family("lumbar-rotation") == family("supine-leg-over-rotation"));
    CHECK(family("lumbar-rotation") == family("seated-trunk-rotation"));
    CHECK(family("lumbar-rotation") == family("floor-seated-twist"));
    int seconds = 0;
    session_test::for_grid([&](const plan::Request&, const plan::Plan& plan) {
      // Of each family in a plan, one exercise chosen for itself; any other
      // (in whatever place of the plan) only in a plan short of time
      // otherwise, and --explain says so.
      std::map<std::string, std::pair<int, int>> families; // members, members with a reason
      for (const auto& item : plan.items) {
        const auto& name = item.exercise.family;
        if (name.empty()) {
          continue;
        }
        CAPTURE(item.exercise.id);
        ++families[name].first;
        if (!item.family_because.empty()) {
          ++families[name].second;
          CHECK(item.family_because.find("no other safe exercise could fill the time") != std::string::npos);
        }
      }
      for (const auto& [name, counts] : families) {
        CAPTURE(name);
        CHECK(counts.second == counts.first - 1);
        seconds += counts.second;
      }
    });
    MESSAGE("second exercises of a family over the grid: " << seconds);
  }

  TEST_CASE("a second exercise of a family only to fill the time, and --explain says why")
  {
    catalog::Catalog catalog = test::builtin_catalog();
    std::erase_if(catalog.exercises, [](const auto& e) {
      return e.id != "cat-cow" && e.id != "cat-curl" && e.id != "kneeling-back-stretch";
    });
    plan::Request request;
    // Ten minutes of these three need both of the family: the second says
    // why, in --explain's words.
    request.minutes = 10;
    const auto plan = plan::make_plan(catalog, request);
    std::vector<std::string> because;
    for (const auto& item : plan.items) {
      if (!item.family_because.empty()) {
        because.push_back(item.exercise.id + ": " + item.family_because);
      }
    }
    REQUIRE(because.size() == 1);
    const bool curl_second = because[0].starts_with("cat-curl");
    CHECK(because[0] ==
          fmt::format("{}: chosen beside {}, a version of the same movement (cat): no other safe "
                      "exercise could fill the time",
                      curl_second ? "cat-curl" : "cat-cow", curl_second ? "Cat-cow" : "Cat curl"));
    const std::string explained = util::fold_whitespace(render::render_text(plan, {80, false, true}));
    CHECK(explained.find("Chosen, and why") != std::string::npos);
    CHECK(
      explained.find("a version of the same movement (cat): no other safe exercise could fill the time") !=
      std::string::npos);
  }

  TEST_CASE("no hogging: no item above 25% of a plan under 20 minutes, 15% (at least 285 s) of a longer one")
  {
    session_test::for_grid([&](const plan::Request& request, const plan::Plan& plan) {
      const int cap = plan::item_cap_seconds(request.minutes * 60);
      for (const auto& item : plan.items) {
        if (item.duration > cap) {
          // Only when the plan falls short of 90% of its time without it.
          CAPTURE(item.exercise.id);
          CHECK((plan.total - item.duration) * 10 < plan.budget * 9);
        }
      }
    });
  }

  TEST_CASE("few moves: one change of position per 5 minutes, rounded up, plus one; each costs time")
  {
    const auto& catalog = test::builtin_catalog();
    session_test::for_grid([&](const plan::Request& request, const plan::Plan& plan) {
      CHECK(plan.position_changes <= (request.minutes + 4) / 5 + 1);
      int changes = 0;
      for (std::size_t i = 1; i < plan.items.size(); ++i) {
        const auto& before = plan.items[i - 1];
        const auto& item = plan.items[i];
        if (session_test::posture(before) == session_test::posture(item)) {
          CHECK_FALSE(item.moves);
          CHECK(item.transition == request.lead_in);
          continue;
        }
        ++changes;
        // Getting down to or up from the floor costs more than moving
        // between the chair and standing.
        const bool floor_before = plan::setting_of(catalog, before.exercise) == "floor";
        const bool floor_now = plan::setting_of(catalog, item.exercise) == "floor";
        CHECK(item.transition == (floor_before != floor_now ? 20 : 10));
      }
      CHECK(changes == plan.position_changes);
    });
  }

  TEST_CASE("warm start: gentle mobility first, never strengthening or an end-range hold")
  {
    session_test::for_grid([&](const plan::Request&, const plan::Plan& plan) {
      const auto& first = plan.items.front();
      CAPTURE(first.exercise.id);
      CHECK_FALSE(first.exercise.end_range);
      CHECK(session_test::kind_of(first).share == 0); // not strengthening
      const bool could_open = std::any_of(plan.items.begin(), plan.items.end(), [](const auto& item) {
        return session_test::kind_of(item).opens && !item.exercise.end_range;
      });
      CHECK((!could_open || session_test::kind_of(first).opens));
    });
  }

  TEST_CASE("calm end: a stretch or a relaxed position last, in a posture the plan is already in")
  {
    const auto& catalog = test::builtin_catalog();
    session_test::for_grid([&](const plan::Request&, const plan::Plan& plan) {
      const auto& last = plan.items.back();
      CAPTURE(last.exercise.id);
      CHECK((session_test::kind_of(last).closes || catalog.positions.find(last.exercise.position)->relaxed));
      if (plan.items.size() >= 2 && plan.position_changes > 0) {
        CHECK(session_test::posture(plan.items[plan.items.size() - 2]) == session_test::posture(last));
      }
    });
  }

  TEST_CASE("strength that means it: counted only when its dose loads the muscle; desk plans have one")
  {
    const auto& catalog = test::builtin_catalog();
    // Every built-in strengthening exercise loads the muscle; the 2-3 s
    // shoulder-blade squeeze is an office exercise, not strengthening.
    for (const auto& exercise : catalog.exercises) {
      if (catalog.kinds.find(exercise.kind)->share > 0) {
        CAPTURE(exercise.id);
        CHECK(session_test::loads_muscle(exercise));
      }
    }
    CHECK(catalog.find("shoulder-blade-squeeze")->kind != "strength");
    CHECK(catalog.find("sit-to-stand")->dosage.to_fatigue);
    session_test::for_grid([&](const plan::Request& request, const plan::Plan& plan) {
      const bool strength = std::any_of(plan.items.begin(), plan.items.end(), [](const auto& item) {
        return session_test::kind_of(item).share > 0 && session_test::loads_muscle(item.exercise);
      });
      if (request.setting == "desk" && request.minutes >= 10 && !strength) {
        // Then no strengthening exercise for the desk is safe for the request.
        for (const auto& left : plan.left_out) {
          const auto* exercise = catalog.find(left.id);
          if (catalog.kinds.find(exercise->kind)->share > 0 &&
              plan::setting_of(catalog, *exercise) != "floor") {
            CAPTURE(left.id);
            CHECK((left.reason == "condition" || left.reason == "level" || left.reason == "phase" ||
                   left.reason == "progression"));
          }
        }
      }
      // With strengthening in it, the plan says when to start it.
      const bool any = std::any_of(plan.items.begin(), plan.items.end(), [](const auto& item) {
        return session_test::kind_of(item).id == "strength";
      });
      CHECK(any == !plan.kind_advice.empty());
    });
  }

  TEST_CASE("doses as a physiotherapist writes them: holds of 10, 15, 20, 30, 45, 60 s, counts people use")
  {
    // Each value is an end of the catalog's range, small, one of these, or
    // beyond a minute a whole half minute (ten repetitions).
    const auto written = [](int value, const std::optional<catalog::Range>& range,
                            const std::set<int>& ladder, int small, int beyond) {
      return !range || value == range->min || value == range->max || value <= small ||
             ladder.contains(value) || (value > 60 && value % beyond == 0);
    };
    const std::set<int> holds = {10, 15, 20, 30, 45, 60};
    const std::set<int> rests = {5, 10, 15, 30, 60};
    const std::set<int> counts = {8, 10, 12, 15, 20, 25, 30, 40, 50};
    session_test::for_grid([&](const plan::Request&, const plan::Plan& plan) {
      for (const auto& item : plan.items) {
        const auto& d = item.exercise.dosage;
        CAPTURE(item.exercise.id);
        CAPTURE(item.dosage_words);
        CHECK(written(item.dose.hold, d.hold, holds, 5, 30));
        CHECK((item.dose.rep_seconds <= 10 || item.dose.rep_seconds % 5 == 0 ||
               item.dose.rep_seconds == d.rep_seconds->min || item.dose.rep_seconds == d.rep_seconds->max));
        CHECK(written(item.dose.reps, d.reps, counts, 6, 10));
        CHECK(written(item.dose.rest_between_reps, d.rest_between_reps, rests, 3, 30));
        CHECK(written(item.dose.rest_between_sets, d.rest_between_sets, rests, 3, 30));
      }
    });
  }

  TEST_CASE("the note on when to start strengthening is in every format, with its source")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.minutes = 20;
    const auto plan = plan::make_plan(catalog, request);
    REQUIRE(plan.kind_advice.size() == 1);
    const std::string text = util::fold_whitespace(catalog.kinds.find("strength")->advice);
    CHECK(plan.kind_advice[0].text == text);
    const catalog::Citation sutter{"sutter", catalog.sources.find("sutter")->citation};
    CHECK(std::find(plan.sources.begin(), plan.sources.end(), sutter) != plan.sources.end());
    for (const auto& format : render::plan_formats()) {
      if (std::string(format.name) == "pdf") {
        continue; // compressed: its roff source is checked
      }
      CAPTURE(std::string(format.name));
      const std::string out = format.render(plan, {100000, false, false});
      // Words of the note, as each format wraps it (roff escapes the hyphen).
      CHECK(util::fold_whitespace(out).find("mobility work and stretches are comfortable and pain") !=
            std::string::npos);
    }
  }

  TEST_CASE("the examples of the issue, rerun")
  {
    const auto& catalog = test::builtin_catalog();
    const auto make = [&](int minutes, std::uint64_t seed, std::vector<std::string> conditions = {}) {
      plan::Request request;
      request.minutes = minutes;
      request.seed = seed;
      request.conditions = std::move(conditions);
      return plan::make_plan(catalog, request);
    };
    const auto ids = [](const plan::Plan& plan) {
      std::set<std::string> out;
      for (const auto& item : plan.items) {
        out.insert(item.exercise.id);
      }
      return out;
    };
    // Cat-cow and cat curl are not both in a 20-minute plan.
    const auto twenty = ids(make(20, 0));
    CHECK_FALSE((twenty.contains("cat-cow") && twenty.contains("cat-curl")));
    // No item takes 6 minutes of 30, or of a 20-minute plan in pregnancy.
    for (const auto& plan : {make(30, 0), make(20, 0, {"pregnancy"})}) {
      for (const auto& item : plan.items) {
        CHECK(item.duration <= plan::item_cap_seconds(plan.budget));
      }
    }
    // Few moves in 10 minutes, and in 5 minutes in pregnancy.
    CHECK(make(10, 7).position_changes <= 3);
    CHECK(make(5, 0, {"pregnancy"}).position_changes <= 2);
    // No cold start on prone press-ups.
    CHECK(make(10, 1).items.front().exercise.id != "prone-press-up");
    // The 60-minute plan does not end by moving to a bed.
    const auto sixty = make(60, 0);
    CHECK_FALSE(sixty.items.back().moves);
  }
}
