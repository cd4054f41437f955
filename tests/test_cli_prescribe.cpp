#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace backplan;

namespace {

bool has_item(const plan::Plan& plan, const std::string& id)
{
  return std::any_of(plan.items.begin(), plan.items.end(),
                     [&](const plan::PlanItem& item) { return item.exercise.id == id; });
}

} // namespace

TEST_SUITE("cli::prescribe")
{
  TEST_CASE("--include: every exercise, for every condition, is in the plan or refused with why; never one "
            "a condition avoids")
  {
    const auto& catalog = test::builtin_catalog();
    int included = 0;
    int unsafe = 0;
    for (const auto& condition : catalog.conditions.ids()) {
      for (const auto& exercise : catalog.exercises) {
        CAPTURE(condition);
        CAPTURE(exercise.id);
        plan::Request request;
        request.conditions = {condition};
        request.minutes = 20;
        request.include = {exercise.id};
        const auto plan = plan::make_plan(catalog, request);
        if (!plan.referral.empty()) {
          continue;
        }
        const bool avoided =
          safety::evaluate(exercise, plan.request.conditions, plan.request.qualifiers).excluded();
        if (has_item(plan, exercise.id)) {
          CHECK_FALSE(avoided);
          CHECK(plan.unmet.empty());
          ++included;
        } else {
          // No plan at all, and the sentence names the exercise.
          CHECK(plan.items.empty());
          CHECK(
            plan.unmet.starts_with(fmt::format("{} ({}) cannot be included: ", exercise.name, exercise.id)));
          unsafe += avoided ? 1 : 0;
        }
      }
    }
    // The test means something: most inclusions work, and unsafe ones were met.
    CHECK(included > 200);
    CHECK(unsafe > 20);
  }

  TEST_CASE("--exclude leaves each exercise out, and says so")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.conditions = {"knee"};
    request.minutes = 15;
    const auto plan = plan::make_plan(catalog, request);
    REQUIRE(!plan.items.empty());
    for (const auto& item : plan.items) {
      CAPTURE(item.exercise.id);
      plan::Request without = request;
      without.exclude = {item.exercise.id};
      const auto other = plan::make_plan(catalog, without);
      CHECK_FALSE(has_item(other, item.exercise.id));
      const auto left = std::find_if(other.left_out.begin(), other.left_out.end(),
                                     [&](const plan::LeftOut& l) { return l.id == item.exercise.id; });
      REQUIRE(left != other.left_out.end());
      CHECK(left->reason == "excluded");
      CHECK(left->detail == "left out on request");
    }
  }

  TEST_CASE("the command line: an unsafe inclusion exits 4 with the reason, unknown ids and clashes exit 2")
  {
    // An exercise the rules for pain radiating into the leg avoid.
    plan::Request request;
    request.conditions = {"radiating-leg-pain"};
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const auto avoided = std::find_if(plan.left_out.begin(), plan.left_out.end(),
                                      [](const plan::LeftOut& left) { return left.reason == "condition"; });
    REQUIRE(avoided != plan.left_out.end());
    const auto refused = test::run_backplan({"plan", "--sciatica", "--include", avoided->id});
    CHECK(refused.status == 4);
    CHECK(refused.out.empty());
    CHECK(refused.err.starts_with(
      fmt::format("backplan: no plan: {} ({}) cannot be included: ", avoided->name, avoided->id)));
    CHECK(refused.err.find("Pain radiating into the leg") != std::string::npos);

    const auto unknown = test::run_backplan({"plan", "--include", "brigde"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.starts_with("backplan: error: unknown exercise 'brigde'"));
    const auto both = test::run_backplan({"plan", "--include", "bridge", "--exclude", "bridge"});
    CHECK(both.status == 2);
    CHECK(both.err.starts_with("backplan: error: exercise 'bridge' is both included and excluded"));
    const auto date = test::run_backplan({"plan", "--review", "15/01/2027"});
    CHECK(date.status == 2);
    CHECK(
      date.err.starts_with("backplan: error: --review: must be a date as YYYY-MM-DD, found '15/01/2027'"));
  }

  TEST_CASE("--title, --note and --review in every handout format and the JSON")
  {
    const std::vector<std::string> args = {
      "plan",     "-m",        "10", "--title", "Ana's back routine", "--note", "Walk & rest well.",
      "--review", "2027-01-15"};
    const auto with_format = [&](const char* format) {
      auto full = args;
      full.insert(full.end(), {"-f", format});
      const auto r = test::run_backplan(full);
      REQUIRE(r.status == 0);
      return r.out;
    };
    const auto text = with_format("text");
    CHECK(text.starts_with("Ana's back routine\nAdvice:    Walk & rest well.\nReview:    on 2027-01-15\n"));
    const auto markdown = with_format("markdown");
    CHECK(markdown.find("Ana's back routine") != std::string::npos);
    CHECK(markdown.find("Walk \\& rest well.") != std::string::npos);
    CHECK(markdown.find("on 2027-01-15") != std::string::npos);
    const auto html = with_format("html");
    CHECK(html.find("<title>Ana's back routine</title>") != std::string::npos);
    CHECK(html.find("Walk &amp; rest well.") != std::string::npos);
    CHECK(html.find("on 2027-01-15") != std::string::npos);
    const auto roff = with_format("roff");
    CHECK(roff.find("Ana\\[aq]s back routine") != std::string::npos);
    CHECK(roff.find("Walk & rest well.") != std::string::npos);
    CHECK(roff.find("on 2027-01-15") != std::string::npos);
    const auto json = nlohmann::json::parse(with_format("json"));
    CHECK(json["title"] == "Ana's back routine");
    CHECK(json["request"]["title"] == "Ana's back routine");
    CHECK(json["request"]["note"] == "Walk & rest well.");
    CHECK(json["request"]["review"] == "2027-01-15");
  }
}
