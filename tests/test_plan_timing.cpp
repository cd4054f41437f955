#include "backplan/plan/planner.hpp"
#include "plan/timing.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <set>

using namespace backplan;

TEST_SUITE("plan::timing")
{
  TEST_CASE("duration is the sum of the phases for_each_phase gives, for every dose of a grid")
  {
    int doses = 0;
    for (const int hold : {0, 5, 30}) {
      for (const int move : {0, 3}) {
        for (const int reps : {0, 1, 2, 10}) {
          for (const int sets : {0, 1, 3}) {
            for (const int rest : {0, 2}) {
              for (const int set_rest : {0, 30}) {
                for (const bool per_side : {false, true}) {
                  for (const int lead : {0, 5}) {
                    const plan::Dose dose{hold, move, reps, sets, rest, set_rest};
                    int sum = 0;
                    plan::for_each_phase(dose, per_side, plan::Lead{0, false, lead},
                                         [&sum](const plan::Phase& phase) { sum += phase.seconds; });
                    CAPTURE(hold);
                    CAPTURE(move);
                    CAPTURE(reps);
                    CAPTURE(sets);
                    CAPTURE(rest);
                    CAPTURE(set_rest);
                    CAPTURE(per_side);
                    CAPTURE(lead);
                    CHECK(plan::duration(dose, per_side, lead) == sum);
                    ++doses;
                  }
                }
              }
            }
          }
        }
      }
    }
    CHECK(doses == 3 * 2 * 4 * 3 * 2 * 2 * 2 * 2);
  }

  TEST_CASE("duration counts sides, sets, repetitions, holds and rests")
  {
    SUBCASE("holds on each side")
    {
      // 2 sides x (3 x 30 s + 2 rests of 10 s) = 2 x 110 s.
      CHECK(plan::duration({30, 0, 3, 1, 10}, true, 0) == 220);
    }
    SUBCASE("moving repetitions in sets")
    {
      // 2 sets x (10 x 3 s + 9 x 2 s) + 1 rest of 30 s between sets = 126 s.
      CHECK(plan::duration({0, 3, 10, 2, 2, 30}, false, 0) == 126);
    }
    SUBCASE("movement then hold in each repetition")
    {
      // 2 sides x (3 x (20 s + 30 s) + 2 x 5 s) = 2 x 160 s.
      CHECK(plan::duration({30, 20, 3, 1, 5}, true, 0) == 320);
    }
    SUBCASE("an exercise done on each side gets ready for its second side")
    {
      // 2 sides x (3 x 30 s + 2 rests of 10 s) + a lead-in of 5 s between them.
      CHECK(plan::duration({30, 0, 3, 1, 10}, true, 5) == 225);
      CHECK(plan::duration({30, 0, 3, 1, 10}, false, 5) == 110);
    }
    SUBCASE("a single hold has no rest") { CHECK(plan::duration({45, 0, 1, 1, 10, 0}, false, 0) == 45); }
    SUBCASE("rest between sets counts only between sets")
    {
      // 3 sets x 1 x 10 s + 2 rests of 40 s; the rest between repetitions never applies.
      CHECK(plan::duration({10, 0, 1, 3, 5, 40}, false, 0) == 110);
    }
  }

  TEST_CASE("dosage in words")
  {
    CHECK(plan::dosage_words({30, 0, 3, 1, 10}, true) == "hold 30 s, 3 times, each side, rest 10 s between");
    CHECK(plan::dosage_words({0, 3, 10, 2, 0, 0}, false) == "2 sets of 10");
    CHECK(plan::dosage_words({0, 3, 10, 2, 0, 30}, false) == "2 sets of 10, rest 30 s between sets");
    CHECK(plan::dosage_words({0, 3, 10, 2, 2, 30}, false) ==
          "2 sets of 10, rest 2 s between repetitions, 30 s between sets");
    CHECK(plan::dosage_words({45, 0, 1, 1, 10}, false) == "hold 45 s, once");
    CHECK(plan::dosage_words({20, 0, 2, 1, 0}, true) == "hold 20 s, twice, each side");
    CHECK(plan::dosage_words({40, 20, 3, 1, 5}, true) ==
          "move for 20 s, then hold 40 s; 3 times, each side, rest 5 s between");
  }

  TEST_CASE("a range in words where the dose is the top of one that starts lower")
  {
    const plan::Dose least{20, 0, 2, 1, 5};
    const plan::Dose most{30, 0, 3, 1, 10};
    // At the top of both: "hold 20–30 s, 2–3 times".
    CHECK(plan::dosage_words({30, 0, 3, 1, 5}, true, least, most) ==
          "hold 20\u201330 s, 2\u20133 times, each side, rest 5 s between");
    // Below the top of a range, the value alone.
    CHECK(plan::dosage_words({20, 0, 3, 1, 5}, false, least, most) ==
          "hold 20 s, 2\u20133 times, rest 5 s between");
    CHECK(plan::dosage_words({30, 0, 2, 1, 5}, false, least, most) ==
          "hold 20\u201330 s, twice, rest 5 s between");
    // No range where the catalog gives one value.
    CHECK(plan::dosage_words({30, 0, 3, 1, 5}, false, most, most) == "hold 30 s, 3 times, rest 5 s between");
    // With sets, the repetitions of each set.
    CHECK(plan::dosage_words({0, 3, 10, 2, 2, 30}, false, {0, 3, 8, 2, 2, 30}, {0, 3, 10, 3, 2, 30}) ==
          "2 sets of 8\u201310, rest 2 s between repetitions, 30 s between sets");
  }

  TEST_CASE("min, typical and max doses stay within the catalog's ranges")
  {
    for (const auto& exercise : test::builtin_catalog().exercises) {
      CAPTURE(exercise.id);
      const auto low = plan::min_dose(exercise.dosage);
      const auto mid = plan::middle_dose(exercise.dosage);
      const auto high = plan::max_dose(exercise.dosage);
      CHECK(plan::within(low, exercise.dosage));
      CHECK(plan::within(mid, exercise.dosage));
      CHECK(plan::within(high, exercise.dosage));
      CHECK(plan::duration(low, exercise.per_side, 5) <= plan::duration(mid, exercise.per_side, 5));
      CHECK(plan::duration(mid, exercise.per_side, 5) <= plan::duration(high, exercise.per_side, 5));
      auto outside = high;
      ++outside.reps;
      CHECK_FALSE(plan::within(outside, exercise.dosage));
    }
  }
}

TEST_SUITE("plan::order")
{
  TEST_CASE("grouped by setting and posture, mobility first, a gentle finish")
  {
    const auto& catalog = test::builtin_catalog();
    std::vector<const catalog::Exercise*> items;
    for (const char* id : {"bridge", "sit-to-stand", "hamstring-stretch", "cat-cow", "lumbar-rotation",
                           "standing-side-bend", "kneeling-back-stretch", "pelvic-tilt"}) {
      items.push_back(catalog.find(id));
      REQUIRE(items.back() != nullptr);
    }
    std::vector<std::string> ordered;
    for (const auto i : plan::plan_order(catalog, items)) {
      ordered.push_back(items[i]->id);
    }
    // Floor block first (it holds the gentlest kind, mobility), each posture
    // once: lying on the back (mobility, stretch, strength), then hands and
    // knees, which ends the floor block but not the plan; then standing, then
    // seated, the last posture, where strength would come before stretches.
    CHECK(ordered == std::vector<std::string>{"lumbar-rotation", "pelvic-tilt", "hamstring-stretch", "bridge",
                                              "cat-cow", "kneeling-back-stretch", "standing-side-bend",
                                              "sit-to-stand"});
  }

  TEST_CASE("the last posture ends with its stretches, kneeling shares the posture of hands and knees")
  {
    const auto& catalog = test::builtin_catalog();
    const auto order = [&](std::vector<const char*> ids) {
      std::vector<const catalog::Exercise*> items;
      for (const char* id : ids) {
        items.push_back(catalog.find(id));
      }
      std::vector<std::string> out;
      for (const auto i : plan::plan_order(catalog, items)) {
        out.push_back(items[i]->id);
      }
      return out;
    };
    CHECK(order({"knee-to-chest", "bridge", "pelvic-tilt"}) ==
          std::vector<std::string>{"pelvic-tilt", "bridge", "knee-to-chest"});
    CHECK(plan::position_group(catalog, *catalog.find("kneeling-side-reach")) ==
          plan::position_group(catalog, *catalog.find("kneeling-back-stretch")));
    CHECK(plan::position_group(catalog, *catalog.find("hip-flexor-stretch")) !=
          plan::position_group(catalog, *catalog.find("knee-to-chest")));
  }

  TEST_CASE("the same request and seed give the same plan, other seeds another")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.minutes = 15;
    const auto ids = [&](std::uint64_t seed) {
      request.seed = seed;
      std::vector<std::string> out;
      for (const auto& item : plan::make_plan(catalog, request).items) {
        out.push_back(item.exercise.id + "/" + item.dosage_words);
      }
      return out;
    };
    CHECK(ids(7) == ids(7));
    std::set<std::vector<std::string>> distinct;
    for (std::uint64_t seed = 0; seed < 8; ++seed) {
      distinct.insert(ids(seed));
    }
    CHECK(distinct.size() >= 4);
  }

  TEST_CASE("a plan with no goal covers every movement of the spine the safe catalog offers")
  {
    const auto& catalog = test::builtin_catalog();
    for (const int minutes : {10, 15, 20}) {
      plan::Request request;
      request.minutes = minutes;
      const auto plan = plan::make_plan(catalog, request);
      for (const char* movement : {"flexion", "extension", "rotation", "side-bending"}) {
        CAPTURE(minutes);
        CAPTURE(movement);
        CHECK(std::any_of(plan.items.begin(), plan.items.end(), [&](const plan::PlanItem& item) {
          const auto& m = item.exercise.movements;
          return std::find(m.begin(), m.end(), movement) != m.end();
        }));
      }
    }
  }
}
