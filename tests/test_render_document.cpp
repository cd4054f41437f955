// The handout document: a plan is turned into it once, and every format
// writes each of its notes, whatever the note's kind.

#include "backplan/plan/planner.hpp"
#include "backplan/render/text.hpp"
#include "render/csv.hpp"
#include "render/document.hpp"
#include "render/html.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/roff.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <set>

using namespace backplan;

namespace {

plan::Plan plan_for(std::vector<std::string> conditions, int minutes, std::vector<std::string> regions = {},
                    std::string setting = "floor")
{
  plan::Request request;
  request.conditions = std::move(conditions);
  request.minutes = minutes;
  request.regions = std::move(regions);
  request.setting = std::move(setting);
  return plan::make_plan(test::builtin_catalog(), request);
}

/// Plans from the built-in catalog that between them carry a note of every
/// kind (the test below checks that they do).
std::vector<plan::Plan> plans_with_every_kind_of_note()
{
  return {
    // a shortfall, conditions that changed nothing, a region not covered, advice
    plan_for({"knee", "hip", "wrist"}, 10, {"hamstrings", "neck"}, "desk"),
    // a line for everyone, a caution, a version's modification
    plan_for({"shoulder"}, 10),
    // a version's caution
    plan_for({"hypermobility"}, 10),
    // a modification
    plan_for({"osteoporosis"}, 10),
  };
}

/// Every string in a JSON value.
void strings_of(const nlohmann::json& value, std::vector<std::string>& out)
{
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  }
  for (const auto& child : value) {
    if (value.is_structured()) {
      strings_of(child, out);
    }
  }
}

/// A format, and whether its output carries a note.
struct Format {
  const char* name;
  std::function<bool(const plan::Plan&, const render::Note&)> prints;
  bool versions = true; ///< it prints the easier and harder versions (and so their notes)
};

const std::vector<Format>& formats()
{
  // Each looks for the note's words as the format writes text: escaped for
  // its markup, or as one JSON string or CSV field holds them.
  static const std::vector<Format> all = {
    {"text",
     [](const plan::Plan& plan, const render::Note& note) {
       const auto out = util::fold_whitespace(render::render_text(plan, {100000, false, true}));
       return test::contains(out, util::fold_whitespace(note.text));
     }},
    {"markdown",
     [](const plan::Plan& plan, const render::Note& note) {
       return test::contains(render::render_markdown(plan, {}), render::markdown_escape(note.text));
     }},
    {"roff",
     [](const plan::Plan& plan, const render::Note& note) {
       return test::contains(render::render_roff(plan, {}), render::roff_escape(note.text));
     }},
    {"html",
     [](const plan::Plan& plan, const render::Note& note) {
       return test::contains(render::render_html(plan, {}), render::html_escape(note.text));
     }},
    {"json",
     [](const plan::Plan& plan, const render::Note& note) {
       // A sentence of the plan's own ends without the period a handout gives it.
       std::vector<std::string> strings;
       strings_of(render::plan_json(plan), strings);
       return std::any_of(strings.begin(), strings.end(), [&](const std::string& value) {
         return test::contains(value, note.text) || value + "." == note.text;
       });
     }},
    {"csv",
     [](const plan::Plan& plan, const render::Note& note) {
       std::string quoted;
       for (const char c : note.text) {
         quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
       }
       return test::contains(render::render_csv(plan, {}), quoted);
     },
     false},
  };
  return all;
}

/// The notes of the document's easier and harder versions.
std::set<const render::Note*> version_notes(const render::Document& document)
{
  std::set<const render::Note*> out;
  for (const auto& exercise : document.exercises) {
    for (const auto& version : exercise.versions) {
      for (const auto& note : version.notes) {
        out.insert(&note);
      }
    }
  }
  return out;
}

} // namespace

TEST_SUITE("render::document")
{
  TEST_CASE("the test's plans carry a note of every kind")
  {
    std::set<render::NoteKind> kinds;
    for (const auto& plan : plans_with_every_kind_of_note()) {
      const auto document = render::make_document(plan, true);
      for (const auto* note : render::all_notes(document)) {
        kinds.insert(note->kind);
      }
    }
    for (auto kind = render::NoteKind::shortfall; kind <= render::NoteKind::caution;
         kind = static_cast<render::NoteKind>(static_cast<int>(kind) + 1)) {
      const std::string name = render::note_kind_name(kind);
      CAPTURE(name);
      CHECK(kinds.count(kind) == 1);
    }
  }

  TEST_CASE("a note one format prints, every format prints")
  {
    for (const auto& plan : plans_with_every_kind_of_note()) {
      const auto document = render::make_document(plan, true);
      const auto in_versions = version_notes(document);
      for (const auto& format : formats()) {
        CAPTURE(format.name);
        for (const auto* note : render::all_notes(document)) {
          if (!format.versions && in_versions.count(note) > 0) {
            continue; // the format has no place for versions at all
          }
          const std::string kind = render::note_kind_name(note->kind);
          CAPTURE(kind);
          CAPTURE(note->text);
          CHECK(format.prints(plan, *note));
        }
      }
    }
  }

  TEST_CASE("a condition that changed nothing is said in every handout format")
  {
    const auto plan = plan_for({"wrist"}, 10);
    REQUIRE(plan.unchanged.size() == 1);
    const auto& note = plan.unchanged.front().note;
    CHECK(test::count(render::render_text(plan, {100000, false, false}), note) == 1);
    CHECK(test::count(render::render_markdown(plan, {}), render::markdown_escape(note)) == 1);
    CHECK(test::count(render::render_roff(plan, {}), render::roff_escape(note)) == 1);
    CHECK(test::count(render::render_html(plan, {}), render::html_escape(note)) == 1);
  }

  TEST_CASE("the seed is a fact that reproduces the plan, whatever its label")
  {
    const auto document = render::make_document(plan_for({}, 10), false);
    std::size_t reproducing = 0;
    for (const auto& fact : document.facts) {
      reproducing += fact.reproduces;
    }
    CHECK(reproducing == 1);
    CHECK(document.facts.back().reproduces);
    CHECK(document.facts.back().value == "0");
  }
}
