// make_plan resolves the names in a request itself: through the library, an
// alias or a name in another case plans exactly as its id, and a name the
// catalog does not know is refused, never planned as no condition.
#include "backplan/plan/planner.hpp"
#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "render/json.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace backplan;

namespace {

plan::Plan conditions_plan(const std::vector<std::string>& conditions,
                           const safety::Qualifiers& qualifiers = {})
{
  plan::Request request;
  request.conditions = conditions;
  request.qualifiers = qualifiers;
  request.minutes = 15;
  return plan::make_plan(test::builtin_catalog(), request);
}

std::string json_of(const plan::Plan& plan) { return render::render_json(plan, {}); }

} // namespace

TEST_SUITE("plan::request")
{
  TEST_CASE("every alias of every condition, in any case, gives the plan of its id")
  {
    const auto& catalog = test::builtin_catalog();
    std::size_t names = 0;
    for (const auto& condition : catalog.conditions.terms) {
      CAPTURE(condition.id);
      const auto by_id = conditions_plan({condition.id});
      REQUIRE(by_id.referral.empty() == !by_id.items.empty());
      const auto expected = json_of(by_id);
      auto variants = condition.aliases;
      variants.push_back(test::upper(condition.id));
      for (const auto& alias : condition.aliases) {
        variants.push_back(test::upper(alias));
      }
      for (const auto& name : variants) {
        CAPTURE(name);
        const auto by_name = conditions_plan({name});
        CHECK(by_name.request.conditions == by_id.request.conditions);
        CHECK(json_of(by_name) == expected);
        for (const auto& item : by_name.items) {
          CHECK_FALSE(safety::evaluate(item.exercise, {condition.id}).excluded());
        }
        ++names;
      }
    }
    // Every condition was tried under at least its upper-case id.
    CHECK(names >= catalog.conditions.terms.size());
  }

  TEST_CASE("a qualifier keyed by an alias counts as keyed by the id")
  {
    const auto& catalog = test::builtin_catalog();
    std::size_t tried = 0;
    for (const auto& condition : catalog.conditions.terms) {
      if (!condition.qualifier || condition.aliases.empty()) {
        continue;
      }
      for (const auto& value : condition.qualifier->values) {
        CAPTURE(condition.id);
        CAPTURE(value.id);
        const auto by_id = conditions_plan({condition.id}, {{condition.id, value.id}});
        const auto by_alias =
          conditions_plan({condition.aliases.front()}, {{test::upper(condition.aliases.front()), value.id}});
        CHECK(json_of(by_alias) == json_of(by_id));
        ++tried;
      }
    }
    CHECK(tried > 0);
  }

  TEST_CASE("a name the catalog does not know is refused with one message")
  {
    const auto& catalog = test::builtin_catalog();
    const auto refused = [&](const plan::Request& request) {
      try {
        (void)plan::make_plan(catalog, request);
      } catch (const plan::UnknownName& e) {
        return std::string(e.what());
      }
      return std::string("planned");
    };
    plan::Request request;
    request.conditions = {"knee", "no-such-condition"};
    CHECK(refused(request) == "unknown condition 'no-such-condition'");
    request = {};
    request.qualifiers = {{"nope", "x"}};
    CHECK(refused(request) == "unknown condition 'nope'");
    request = {};
    request.goals = {"flying"};
    CHECK(refused(request) == "unknown goal 'flying'");
    request = {};
    request.regions = {"tail"};
    CHECK(refused(request) == "unknown region 'tail'");
    request = {};
    request.level = "olympic";
    CHECK(refused(request) == "unknown level 'olympic'");
    request = {};
    request.setting = "beach";
    CHECK(refused(request) == "unknown setting 'beach': \"floor\" or \"desk\"");
  }

  TEST_CASE("a condition named twice, by id and by alias, is declared once")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& condition : catalog.conditions.terms) {
      if (condition.aliases.empty()) {
        continue;
      }
      CAPTURE(condition.id);
      const auto twice = conditions_plan({condition.id, condition.aliases.front()});
      CHECK(json_of(twice) == json_of(conditions_plan({condition.id})));
    }
  }
}
