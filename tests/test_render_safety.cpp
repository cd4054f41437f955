// The safety promise in every output format, over every combination of the
// built-in conditions: an avoided exercise never reaches the user, each
// applicable modification and caution is printed with its exercise, and the
// red flags are always there.

#include "backplan/plan/planner.hpp"
#include "backplan/render/render.hpp"
#include "backplan/render/text.hpp"
#include "render/common.hpp"
#include "render/csv.hpp"
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

/// Whitespace runs folded to one space, so wrapped text can be searched.
std::string fold(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
  return out;
}

/// The part of `text` from the `index`-th occurrence of `marker` to the next
/// occurrence of `end` after it.
std::string section(const std::string& text, const std::string& marker, std::size_t index,
                    const std::string& end)
{
  std::size_t at = text.find(marker);
  for (std::size_t i = 0; i < index && at != std::string::npos; ++i) {
    at = text.find(marker, at + marker.size());
  }
  REQUIRE(at != std::string::npos);
  const std::size_t stop = text.find(end, at + marker.size());
  return text.substr(at, stop == std::string::npos ? std::string::npos : stop - at);
}

/// `text` as it appears inside a CSV field.
std::string csv_inside(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out;
}

struct Rendered {
  std::string text, markdown, roff, csv, html;
  nlohmann::json json;
};

/// Every format of `plan`, without --explain (whose left-out list names the
/// avoided exercises on purpose).
Rendered render_all(const plan::Plan& plan)
{
  const render::TextOptions options{1000, false, false};
  Rendered out;
  for (const auto& format : render::plan_formats()) {
    const std::string name = format.name;
    if (name == "pdf") {
      continue; // groff's typesetting of the roff, which is checked here
    }
    const std::string bytes = format.render(plan, options);
    if (name == "text") {
      out.text = fold(bytes);
    } else if (name == "markdown") {
      out.markdown = bytes;
    } else if (name == "roff") {
      out.roff = bytes;
    } else if (name == "html") {
      out.html = bytes;
    } else if (name == "csv") {
      out.csv = bytes;
    } else if (name == "json") {
      out.json = nlohmann::json::parse(bytes);
    }
  }
  return out;
}

void check_formats(const catalog::Catalog& catalog, const plan::Request& request, const plan::Plan& plan)
{
  const Rendered out = render_all(plan);
  // JSON lists every left-out exercise by design; everything else must not name them.
  nlohmann::json json_without_left_out = out.json;
  json_without_left_out.erase("left_out");
  const std::string json_text = json_without_left_out.dump();

  for (const auto& exercise : catalog.exercises) {
    if (!safety::evaluate(exercise, request.conditions).excluded()) {
      continue;
    }
    CAPTURE(exercise.id);
    CHECK_FALSE(contains(out.text, exercise.name));
    CHECK_FALSE(contains(out.markdown, exercise.name));
    CHECK_FALSE(contains(out.markdown, render::markdown_escape(exercise.name)));
    CHECK_FALSE(contains(out.roff, render::roff_escape(exercise.name)));
    CHECK_FALSE(contains(out.csv, csv_inside(exercise.name)));
    CHECK_FALSE(contains(out.html, render::html_escape(exercise.name)));
    CHECK_FALSE(contains(json_text, nlohmann::json(exercise.name).dump()));
    for (const auto& item : out.json["items"]) {
      CHECK(item["id"] != exercise.id);
      for (const char* variant : {"easier", "harder"}) {
        CHECK((item[variant].is_null() || item[variant]["exercise_id"] != exercise.id));
      }
    }
  }

  REQUIRE(out.json["items"].size() == plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    CAPTURE(item.exercise.id);
    const std::string markdown = section(out.markdown, fmt::format("\n### {}. ", i + 1), 0, "\n##");
    const std::string roff =
      section(out.roff, "\n.KS\n", i + 1, "\n.KE\n"); // the schedule's keep comes first
    const std::string html =
      section(out.html, fmt::format("<section class=\"exercise\" id=\"ex-{}\">", i + 1), 0, "</section>");
    const std::string csv =
      section(out.csv, fmt::format("\r\n{},", i + 1), 0, "\r\n" + std::to_string(i + 2) + ",");
    const auto& json_item = out.json["items"][i];
    std::vector<std::string> json_instructions;
    for (const char* list : {"modifications", "cautions"}) {
      for (const auto& rule : json_item[list]) {
        json_instructions.push_back(rule["instruction"]);
      }
    }
    for (const auto& rule : catalog.find(item.exercise.id)->contraindications) {
      if (std::find(request.conditions.begin(), request.conditions.end(), rule.condition) ==
          request.conditions.end()) {
        continue;
      }
      REQUIRE(rule.action != catalog::Action::avoid);
      const std::string label = render::rule_label(plan, rule);
      CHECK(contains(out.text, fold(label + ": " + rule.instruction.str())));
      CHECK(contains(markdown,
                     render::markdown_escape(label) + ":** " + render::markdown_escape(rule.instruction)));
      CHECK(contains(roff, render::roff_escape(label) + ":\\fR " + render::roff_escape(rule.instruction)));
      CHECK(contains(
        csv, csv_inside(render::condition_name(plan, rule.condition) + ": " + rule.instruction.str())));
      CHECK(
        contains(html, render::html_escape(label) + ":</strong> " + render::html_escape(rule.instruction)));
      CHECK(std::find(json_instructions.begin(), json_instructions.end(), rule.instruction) !=
            json_instructions.end());
    }
  }

  REQUIRE(!plan.safety.red_flags.empty());
  for (const auto& tier : plan.safety.red_flags) {
    for (const auto& sign : tier.signs) {
      CHECK(contains(out.text, sign));
      CHECK(contains(out.markdown, render::markdown_escape(sign)));
      CHECK(contains(out.roff, render::roff_escape(sign)));
      CHECK(contains(out.csv, sign));
      CHECK(contains(out.html, render::html_escape(sign)));
    }
  }
  CHECK(out.json["safety"]["red_flags"].size() == plan.safety.red_flags.size());
}

} // namespace

TEST_SUITE("render::safety")
{
  TEST_CASE("every format, every condition subset: avoided never shown, rules beside their exercise")
  {
    const auto& catalog = test::builtin_catalog();
    const auto conditions = catalog.conditions.ids();
    // Every combination of up to three conditions, and all of them at once.
    const auto condition_sets = test::subsets(conditions, 3);
    int plans = 0;
    int rules = 0;
    for (const auto& condition_set : condition_sets) {
      plan::Request request;
      request.conditions = condition_set;
      for (const char* setting : {"floor", "desk"}) {
        request.minutes = 10;
        request.setting = setting;
        CAPTURE(util::join(request.conditions, ","));
        CAPTURE(setting);
        const auto plan = plan::make_plan(catalog, request);
        if (plan.items.empty()) {
          continue;
        }
        ++plans;
        for (const auto& item : plan.items) {
          rules += static_cast<int>(item.modifications.size() + item.cautions.size());
        }
        check_formats(catalog, request, plan);
      }
    }
    // The test means something only if it met many plans and many rules.
    CHECK(plans > 400);
    CHECK(rules > 1000);
    MESSAGE(plans, " plans and ", rules, " modifications and cautions checked in every format");
  }
}
