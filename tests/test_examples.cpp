// The example programs under examples/ build against libbackplan's public
// headers alone and do what they say.
#include "support.hpp"

#include <doctest/doctest.h>

using namespace backplan;

namespace {

test::RunResult plan_for(const std::string& args)
{
  return test::shell(std::string(BACKPLAN_EXAMPLE_PLAN_FOR) + " " + args + " 2>&1");
}

} // namespace

TEST_SUITE("examples")
{
  TEST_CASE("plan_for prints the plan backplan plan prints, for ids and aliases alike")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* leg_pain = catalog.conditions.find("radiating-leg-pain");
    REQUIRE(leg_pain != nullptr);
    REQUIRE_FALSE(leg_pain->aliases.empty());
    const auto cli =
      test::run_backplan({"plan", "-m", "15", "--width", "80", "--radiating-leg-pain", "--knee"});
    REQUIRE(cli.status == 0);
    const std::vector<std::string> spellings = {"radiating-leg-pain knee",
                                                test::upper(leg_pain->aliases.front()) + " Knees"};
    for (const auto& names : spellings) {
      CAPTURE(names);
      const auto example = plan_for(names);
      CHECK(example.status == 0);
      // The same, but for the command line's own last lines: the command that runs it.
      CHECK(example.out == cli.out.substr(0, cli.out.rfind("\n\nFollow it step by step\n") + 1));
    }
  }

  TEST_CASE("plan_for refuses a condition the catalog does not know")
  {
    const auto example = plan_for("sciatika");
    CHECK(example.status == 2);
    CHECK(example.out == "plan_for: unknown condition 'sciatika'\n");
  }
}
