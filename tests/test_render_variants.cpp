// An easier or harder version that names another exercise says where that
// exercise is in the handout, or what it is, in every format; and it is never
// one the user's conditions avoid.

#include "backplan/plan/planner.hpp"
#include "backplan/render/text.hpp"
#include "backplan/safety/conditions.hpp"
#include "render/common.hpp"
#include "render/html.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/roff.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

using namespace backplan;
using test::contains;

namespace {

/// The plans the checks run over: every single built-in condition and none,
/// at a few lengths and seeds.
std::vector<plan::Plan> plans()
{
  std::vector<plan::Plan> out;
  const auto& catalog = test::builtin_catalog();
  std::vector<std::vector<std::string>> condition_sets = {{}};
  for (const auto& id : catalog.conditions.ids()) {
    condition_sets.push_back({id});
  }
  for (const auto& conditions : condition_sets) {
    for (const int minutes : {5, 15, 30}) {
      for (const std::uint64_t seed : {0U, 1U}) {
        plan::Request request;
        request.conditions = conditions;
        request.minutes = minutes;
        request.seed = seed;
        auto plan = plan::make_plan(catalog, request);
        if (!plan.items.empty()) {
          out.push_back(std::move(plan));
        }
      }
    }
  }
  return out;
}

} // namespace

TEST_SUITE("render::variants")
{
  TEST_CASE("variant_words: words, a place in the plan, or a line about the other exercise")
  {
    plan::PlanVariant words;
    words.text = "Do it seated.";
    CHECK(render::variant_words(words) == "Do it seated.");
    plan::PlanVariant in_plan;
    in_plan.text = "Cat-cow";
    in_plan.exercise_id = "cat-cow";
    in_plan.description = "On your hands and knees.";
    in_plan.item_number = 4;
    CHECK(render::variant_words(in_plan) == "Cat-cow (exercise 4 in this plan)");
    in_plan.item_number = 0;
    CHECK(render::variant_words(in_plan) == "Cat-cow — On your hands and knees.");
  }

  TEST_CASE("every version naming another exercise is placed or described, in every format, and is safe")
  {
    const auto& catalog = test::builtin_catalog();
    int placed = 0;
    int described = 0;
    for (const auto& plan : plans()) {
      render::TextOptions options;
      options.width = 100000; // one paragraph a line, so that lines can be searched
      const std::string text = render::render_text(plan, options);
      const std::string markdown = render::render_markdown(plan, options);
      const std::string html = render::render_html(plan, options);
      const std::string roff = render::render_roff(plan, options);
      const auto json = nlohmann::json::parse(render::render_json(plan, options));
      for (std::size_t i = 0; i < plan.items.size(); ++i) {
        const auto& item = plan.items[i];
        for (const auto& [label, variant, key] :
             {std::tuple{"Easier", &item.easier, "easier"}, std::tuple{"Harder", &item.harder, "harder"}}) {
          if (!*variant || (*variant)->exercise_id.empty()) {
            continue;
          }
          const auto& v = **variant;
          CAPTURE(item.exercise.id);
          CAPTURE(v.exercise_id);
          const auto* other = catalog.find(v.exercise_id);
          REQUIRE(other != nullptr);
          // The safety rule: the other exercise is not avoided for these conditions.
          CHECK_FALSE(safety::evaluate(*other, plan.request.conditions).excluded());
          const auto where = std::find_if(plan.items.begin(), plan.items.end(), [&](const plan::PlanItem& p) {
            return p.exercise.id == v.exercise_id;
          });
          const auto& entry = json["items"][i][key];
          if (where != plan.items.end()) {
            ++placed;
            const auto number = static_cast<std::size_t>(where - plan.items.begin()) + 1;
            CHECK(v.item_number == number);
            const std::string words = fmt::format("{} (exercise {} in this plan)", other->name, number);
            CHECK(contains(text, fmt::format("{}: {}\n", label, words)));
            CHECK(contains(markdown, fmt::format("**{}:** {}", label, render::markdown_escape(words))));
            CHECK(contains(roff, fmt::format("\\fB{}:\\fR {}", label, render::roff_escape(words))));
            CHECK(contains(
              html, fmt::format("<strong>{}:</strong> {} (<a href=\"#ex-{}\">exercise {} in this plan</a>)",
                                label, render::html_escape(other->name), number, number)));
            CHECK(entry["index"] == number);
          } else {
            ++described;
            CHECK(v.item_number == 0);
            const std::string line = util::fold_whitespace(
              other->details().summary.empty() ? other->details().steps.front() : other->details().summary);
            CHECK(v.description == line);
            const std::string words = fmt::format("{} — {}", other->name, line);
            CHECK(contains(text, fmt::format("{}: {}\n", label, words)));
            CHECK(contains(markdown, fmt::format("**{}:** {}", label, render::markdown_escape(words))));
            CHECK(contains(roff, fmt::format("\\fB{}:\\fR {}", label, render::roff_escape(words))));
            CHECK(contains(html, fmt::format("<strong>{}:</strong> {}", label, render::html_escape(words))));
            CHECK(entry["index"].is_null());
          }
          CHECK(entry["exercise_id"] == v.exercise_id);
          CHECK(entry["description"] == v.description);
        }
      }
    }
    // The catalog has both cases; a check that never ran proves nothing.
    CHECK(placed > 0);
    CHECK(described > 0);
  }
}
