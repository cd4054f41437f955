#include "backplan/plan/planner.hpp"
#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "support.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
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

TEST_SUITE("cli::prescribe")
{
  TEST_CASE("--exercise: for every condition and exercise, the exercise alone is the plan, modified, or "
            "refused with why; never one a condition avoids")
  {
    const auto& catalog = test::builtin_catalog();
    int planned = 0;
    int unsafe = 0;
    for (const auto& condition : catalog.conditions.ids()) {
      for (const auto& exercise : catalog.exercises) {
        CAPTURE(condition);
        CAPTURE(exercise.id);
        plan::Request request;
        request.conditions = {condition};
        request.exercises = {exercise.id};
        request.minutes = 20;
        const auto plan = plan::make_plan(catalog, request);
        if (!plan.referral.empty()) {
          continue;
        }
        const auto verdict = safety::evaluate(exercise, plan.request.conditions, plan.request.qualifiers);
        if (plan.items.empty()) {
          CHECK(
            plan.unmet.starts_with(fmt::format("{} ({}) cannot be included: ", exercise.name, exercise.id)));
          unsafe += verdict.excluded() ? 1 : 0;
          continue;
        }
        ++planned;
        REQUIRE(plan.items.size() == 1);
        CHECK_FALSE(verdict.excluded());
        // Its modifications and cautions for the condition beside it.
        CHECK(plan.items[0].modifications.size() == verdict.modifications.size());
        CHECK(plan.items[0].cautions.size() == verdict.cautions.size());
        CHECK(plan.left_out.size() == catalog.exercises.size() - 1);
      }
    }
    CHECK(planned > 200);
    CHECK(unsafe > 20);
  }

  TEST_CASE("--exercise keeps the order given, and every other exercise is left out as not asked for")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.exercises = {"knee-to-chest", "cat-cow", "bridge", "pelvic-tilt"};
    request.minutes = 15;
    const auto plan = plan::make_plan(catalog, request);
    REQUIRE(plan.unmet.empty());
    std::vector<std::string> ids;
    for (const auto& item : plan.items) {
      ids.push_back(item.exercise.id);
    }
    CHECK(ids == request.exercises);
    // The others: those the filters leave out with their reasons (a level
    // kept for a request), the rest as not asked for.
    CHECK(plan.left_out.size() == catalog.exercises.size() - request.exercises.size());
    std::size_t unlisted = 0;
    for (const auto& left : plan.left_out) {
      CHECK(std::find(ids.begin(), ids.end(), left.id) == ids.end());
      unlisted += left.reason == "unlisted" ? 1 : 0;
    }
    CHECK(unlisted > catalog.exercises.size() / 2);
    CHECK(plan.total <= plan.budget);
    CHECK_FALSE(plan.filled);
    CHECK(plan.shortfall == fmt::format("The exercises asked for take {} of the 15 min asked for.",
                                        util::format_duration(plan.total)));
  }

  TEST_CASE("--exercise: more than the time, or than a condition's cap on some positions, gives no plan")
  {
    const auto& catalog = test::builtin_catalog();
    plan::Request request;
    request.exercises = {"cat-cow", "bridge", "knee-to-chest"};
    request.minutes = 5;
    const auto over = plan::make_plan(catalog, request);
    CHECK(over.items.empty());
    CHECK(over.unmet.starts_with("the exercises asked for take "));
    CHECK(over.unmet.ends_with(", more than the 5 min asked for: ask for more minutes or fewer exercises"));

    // Pregnancy from 16 weeks: at most 3 minutes in all lying on the back.
    request.conditions = {"pregnancy"};
    request.exercises = {"bridge", "knee-to-chest", "pelvic-tilt", "lumbar-rotation"};
    request.minutes = 20;
    const auto capped = plan::make_plan(catalog, request);
    CHECK(capped.items.empty());
    CHECK(capped.unmet.starts_with("the exercises take "));
    CHECK(capped.unmet.ends_with(
      " lying on your back or lying on your back at the edge of a bed, and Pregnancy allows at most 3 min in "
      "those positions"));
  }

  TEST_CASE("a dose as a clinician writes it, and what is wrong with one")
  {
    const auto change = plan::parse_dose_change("bridge=reps 12, sets 2, set-rest 30s, rest 2 s");
    CHECK(change.id == "bridge");
    CHECK(change.reps == 12);
    CHECK(change.sets == 2);
    CHECK(change.rest_between_sets == 30);
    CHECK(change.rest_between_reps == 2);
    CHECK_FALSE(change.hold.has_value());
    CHECK(change.text == "reps 12, sets 2, set-rest 30s, rest 2 s");
    const auto problem = [](const char* text) -> std::string {
      try {
        plan::parse_dose_change(text);
        return "";
      } catch (const plan::UnknownName& error) {
        return error.what();
      }
    };
    CHECK(problem("bridge") == "expected ID=KEY N, ..., such as 'bridge=reps 10, sets 2'");
    CHECK(problem("bridge=") == "no dose after 'bridge='");
    CHECK(problem("bridge=repetitions 10") ==
          "'repetitions 10' is not KEY N with a key of hold, move, reps, sets, rest or set-rest");
    CHECK(problem("bridge=hold ten") == "'hold ten' is not hold followed by a whole number of seconds");
    CHECK(problem("bridge=reps 10 s") == "'reps 10 s': reps counts, not seconds");
    CHECK(problem("bridge=reps 10, reps 12") == "reps is given twice");

    const auto& catalog = test::builtin_catalog();
    const auto* bridge = catalog.find("bridge");
    REQUIRE(bridge != nullptr);
    const auto reps = bridge->dosage.reps;
    CHECK(plan::dose_change_problem(catalog,
                                    plan::parse_dose_change(fmt::format("bridge=reps {}", reps.max))) == "");
    CHECK(plan::dose_change_problem(catalog,
                                    plan::parse_dose_change(fmt::format("bridge=reps {}", reps.max + 1))) ==
          fmt::format("reps {} is outside the range the catalog gives Bridge (bridge): {} to {}",
                      reps.max + 1, reps.min, reps.max));
    CHECK(plan::dose_change_problem(catalog, plan::parse_dose_change("bridge=hold 5")) ==
          (bridge->dosage.hold ? "" : "Bridge (bridge) has no hold to set"));
    CHECK(plan::dose_change_problem(catalog, plan::parse_dose_change("brigde=reps 10")) ==
          "unknown exercise 'brigde'");
  }

  TEST_CASE("--dose sets the dose of the exercise, which joins the plan and is never tuned")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* bridge = catalog.find("bridge");
    REQUIRE(bridge != nullptr);
    for (int minutes : {5, 10, 20}) {
      CAPTURE(minutes);
      plan::Request request;
      request.minutes = minutes;
      request.doses = {plan::parse_dose_change(fmt::format("bridge=reps {}", bridge->dosage.reps.max))};
      const auto plan = plan::make_plan(catalog, request);
      REQUIRE(plan.unmet.empty());
      const auto item = std::find_if(plan.items.begin(), plan.items.end(),
                                     [](const plan::PlanItem& i) { return i.exercise.id == "bridge"; });
      REQUIRE(item != plan.items.end());
      CHECK(item->dose.reps == bridge->dosage.reps.max);
      CHECK(plan.request.include == std::vector<std::string>{"bridge"});
    }
    // More than the whole time: no plan, and why.
    plan::Request short_request;
    short_request.minutes = 3;
    short_request.doses = {plan::parse_dose_change(fmt::format("bridge=reps {}", bridge->dosage.reps.max))};
    CHECK(plan::make_plan(catalog, short_request).unmet.starts_with("Bridge (bridge) cannot be included: "));
  }

  TEST_CASE("the command line: --exercise and --dose, their errors, and the command that follows the plan")
  {
    const auto json = test::run_backplan({"plan", "--knee", "-m", "8", "--exercise", "cat-cow,bridge",
                                          "--dose", "bridge=reps 12", "-f", "json"});
    REQUIRE(json.status == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    REQUIRE(parsed["items"].size() == 2);
    CHECK(parsed["items"][0]["id"] == "cat-cow");
    CHECK(parsed["items"][1]["id"] == "bridge");
    CHECK(parsed["items"][1]["dosage"]["reps"] == 12);
    CHECK(parsed["request"]["exercises"] == nlohmann::json::array({"cat-cow", "bridge"}));
    CHECK(parsed["request"]["doses"] == nlohmann::json::parse(R"([{"id": "bridge", "dose": "reps 12"}])"));

    const auto text = test::run_backplan(
      {"plan", "--knee", "-m", "8", "--exercise", "cat-cow,bridge", "--dose", "bridge=reps 12"});
    CHECK(
      text.out.ends_with("  backplan run --knee -m 8 --exercise cat-cow,bridge --dose 'bridge=reps 12'\n"));

    const auto outside = test::run_backplan({"plan", "--dose", "bridge=reps 80"});
    CHECK(outside.status == 2);
    CHECK(outside.err.starts_with("backplan: error: --dose bridge=reps 80: reps 80 is outside the range the "
                                  "catalog gives Bridge (bridge): "));
    const auto malformed = test::run_backplan({"plan", "--dose", "bridge=reps x"});
    CHECK(malformed.status == 2);
    CHECK(malformed.err.starts_with(
      "backplan: error: --dose: 'reps x' is not reps followed by a whole number\n"));
    const auto both = test::run_backplan({"plan", "--include", "cat-cow", "--exercise", "bridge"});
    CHECK(both.status == 2);
    CHECK(both.err.starts_with(
      "backplan: error: a request names either exercises to include or exactly its exercises, not both\n"));
    const auto stray = test::run_backplan({"plan", "--exercise", "cat-cow", "--dose", "bridge=reps 10"});
    CHECK(stray.status == 2);
    CHECK(stray.err.starts_with(
      "backplan: error: a dose for 'bridge', which is not one of the exercises asked for\n"));
    const auto too_long = test::run_backplan({"plan", "-m", "1", "--exercise", "cat-cow,bridge"});
    CHECK(too_long.status == 4);
    CHECK(too_long.out.empty());
    CHECK(too_long.err.starts_with("backplan: no plan: the exercises asked for take "));
  }

  TEST_CASE("the profile prescribes too: include, exclude, exercises, doses, title, note and review")
  {
    const std::string folder = test::temp_dir();
    const std::string file = folder + "/profile.yaml";
    std::ofstream(file) << "exercises: [cat-cow, bridge]\ndoses: [\"bridge=reps 12\"]\nminutes: 8\n"
                           "title: Morning routine\nnote: Go gently.\nreview: 2027-02-01\n";
    const auto csv = test::run_backplan({"--profile", file, "plan", "-f", "csv"});
    REQUIRE(csv.status == 0);
    CHECK(csv.out.find("\r\n1,") != std::string::npos);
    CHECK(csv.out.find(",bridge,Bridge,") != std::string::npos);
    CHECK(csv.out.find("Title: Morning routine. Advice: Go gently. Review: 2027-02-01.") !=
          std::string::npos);
    const auto overridden = test::run_backplan({"--profile", file, "plan", "--title", "Evenings"});
    CHECK(overridden.out.starts_with("Evenings\nAdvice:    Go gently.\nReview:    on 2027-02-01\n"));

    std::ofstream(file) << "include: [brigde]\ndoses: [\"bridge=reps 80\"]\nreview: 2027-02-30\n"
                           "title: \"two\\nlines\"\n";
    const auto bad = test::run_backplan({"--profile", file, "plan"});
    CHECK(bad.status == 3);
    CHECK(bad.err == file + ":1:11: error: unknown exercise 'brigde' (did you mean 'bridge'?)\n" + file +
                       ":2:9: error: dose 'bridge=reps 80': reps 80 is outside the range the catalog gives "
                       "Bridge (bridge): 10 to 15\n" +
                       file + ":3:9: error: 'review' must be a date as YYYY-MM-DD, found '2027-02-30'\n" +
                       file +
                       ":4:8: error: 'title' must be one line of printable text, found the control character "
                       "U+000A\n");
  }
}
