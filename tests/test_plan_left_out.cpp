#include "backplan/plan/planner.hpp"
#include "backplan/plan/request.hpp"
#include "plan/candidates.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace backplan;

namespace {

bool same(const plan::LeftOut& a, const plan::LeftOut& b)
{
  return a.id == b.id && a.reason == b.reason && a.detail == b.detail && a.conditions == b.conditions;
}

std::vector<std::string> item_ids(const plan::Plan& plan)
{
  std::vector<std::string> ids;
  for (const auto& item : plan.items) {
    ids.push_back(item.exercise.id + " " + item.dosage_words);
  }
  return ids;
}

} // namespace

TEST_SUITE("plan::left out")
{
  TEST_CASE(
    "a plan that does not list the exercises it passed over is the same plan, with the rest of the list")
  {
    // Without list_passed_over, left_out drops exactly the candidates the
    // chooser passed over: not one the conditions or the request left out,
    // not one asked for by include, and none at all of a plan with no items.
    const auto& catalog = test::builtin_catalog();
    std::size_t dropped = 0;
    std::size_t empty_plans = 0;
    for (const std::vector<std::string>& conditions :
         {std::vector<std::string>{}, {"knee"}, {"pregnancy"}, {"recent-spinal-surgery"}}) {
      for (const int minutes : {1, 5, 15, 30}) {
        for (const std::vector<std::string>& include :
             {std::vector<std::string>{}, {"bird-dog"}, {"cat-cow", "bridge"}}) {
          plan::Request request;
          request.conditions = conditions;
          request.minutes = minutes;
          request.include = include;
          CAPTURE(conditions.size());
          CAPTURE(minutes);
          CAPTURE(include.size());
          const plan::Plan full = plan::make_plan(catalog, request);
          request.list_passed_over = false;
          const plan::Plan lean = plan::make_plan(catalog, request);
          CHECK(item_ids(lean) == item_ids(full));
          CHECK(lean.unmet == full.unmet);
          CHECK(lean.gaps == full.gaps);
          empty_plans += full.items.empty() ? 1 : 0;
          // The lean list is the full one with some entries left out, in order.
          std::size_t next = 0;
          for (const auto& left : full.left_out) {
            CAPTURE(left.id);
            if (next < lean.left_out.size() && same(lean.left_out[next], left)) {
              ++next;
              continue;
            }
            ++dropped;
            CHECK_FALSE(full.items.empty());
            CHECK(std::find(include.begin(), include.end(), left.id) == include.end());
            const auto* exercise = catalog.find(left.id);
            REQUIRE(exercise != nullptr);
            CHECK(plan::passes_request(catalog, plan::resolved(catalog, request), *exercise));
          }
          CHECK(next == lean.left_out.size());
        }
      }
    }
    CHECK(dropped > 0);
    CHECK(empty_plans > 0);
  }
}
