// The Markdown handout, read back by pandoc: the structure survives and
// catalog text comes back character for character.

#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/markdown.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;
using nlohmann::json;

namespace {

/// The pandoc AST of `markdown`, read with pandoc reader `from` (by default
/// without typographic quotes and dashes, so that text compares literally);
/// fails the test when pandoc fails or warns.
json pandoc_ast(const std::string& markdown, const std::string& from = "markdown-smart")
{
  const std::string dir = test::temp_dir();
  std::ofstream(dir + "/plan.md", std::ios::binary) << markdown;
  const auto result = test::shell("pandoc -f " + from + " -t json '" + dir + "/plan.md' 2>'" + dir + "/err'");
  REQUIRE(result.status == 0);
  CHECK(test::slurp(dir + "/err").empty());
  return json::parse(result.out);
}

/// The text of pandoc inlines or blocks: strings, with spaces and breaks as one space.
std::string text_of(const json& node)
{
  std::string out;
  if (node.is_array()) {
    for (const auto& child : node) {
      out += text_of(child);
    }
  } else if (node.is_object() && node.contains("t")) {
    const std::string type = node["t"];
    if (type == "Str") {
      out += node["c"].get<std::string>();
    } else if (type == "Space" || type == "SoftBreak" || type == "LineBreak") {
      out += " ";
    } else if (type == "Code" || type == "Math" || type == "RawInline") {
      out += node["c"][1].get<std::string>();
    } else if (type == "Para" || type == "Plain") {
      out += text_of(node["c"]) + " ";
    } else if (node.contains("c")) {
      out += text_of(node["c"]);
    }
  }
  return out;
}

/// Top-level blocks of type `type`.
std::vector<json> blocks_of(const json& ast, const std::string& type)
{
  std::vector<json> out;
  for (const auto& block : ast["blocks"]) {
    if (block["t"] == type) {
      out.push_back(block);
    }
  }
  return out;
}

/// The body rows of a pandoc table block, each as its cells' texts.
std::vector<std::vector<std::string>> table_rows(const json& table)
{
  std::vector<std::vector<std::string>> rows;
  for (const auto& body : table["c"][4]) {
    for (const auto& row : body[3]) {
      std::vector<std::string> cells;
      for (const auto& cell : row[1]) {
        cells.push_back(util::fold_whitespace(text_of(cell[4])));
      }
      rows.push_back(cells);
    }
  }
  return rows;
}

/// The level-3 headings' texts.
std::vector<std::string> exercise_headings(const json& ast)
{
  std::vector<std::string> out;
  for (const auto& header : blocks_of(ast, "Header")) {
    if (header["c"][0] == 3) {
      out.push_back(util::fold_whitespace(text_of(header["c"][2])));
    }
  }
  return out;
}

/// The top-level blocks between level-3 heading `index` (0-based) and the
/// next heading of level 3 or above (its "Steps" and "Tips" headings in).
std::vector<json> exercise_blocks(const json& ast, std::size_t index)
{
  std::vector<json> out;
  std::size_t seen = 0;
  bool inside = false;
  for (const auto& block : ast["blocks"]) {
    if (block["t"] == "Header" && block["c"][0] <= 3) {
      inside = block["c"][0] == 3 && seen++ == index;
      continue;
    }
    if (inside) {
      out.push_back(block);
    }
  }
  return out;
}

/// The items of a list block, as texts.
std::vector<std::string> list_items(const json& list)
{
  const json& items = list["t"] == "OrderedList" ? list["c"][1] : list["c"];
  std::vector<std::string> out;
  for (const auto& item : items) {
    out.push_back(util::fold_whitespace(text_of(item)));
  }
  return out;
}

/// Checks the handout's structure against the plan it was made from.
void check_structure(const plan::Plan& plan, const json& ast)
{
  // One heading per exercise.
  const auto headings = exercise_headings(ast);
  REQUIRE(headings.size() == plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    CHECK(headings[i] == fmt::format("{}. {}", i + 1, util::fold_whitespace(plan.items[i].exercise.name)));
  }
  // The schedule (one row per item) and the tick grid (a row per item, a column per day).
  const auto tables = blocks_of(ast, "Table");
  REQUIRE(tables.size() == 2);
  const auto schedule = table_rows(tables[0]);
  REQUIRE(schedule.size() == plan.items.size());
  const auto grid = table_rows(tables[1]);
  REQUIRE(grid.size() == plan.items.size());
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    REQUIRE(schedule[i].size() == 6);
    CHECK(schedule[i][0] == std::to_string(i + 1));
    CHECK(schedule[i][1] == util::format_clock(item.start));
    // A note for the user's conditions is marked beside the name.
    CHECK(schedule[i][2] == util::fold_whitespace(item.exercise.name) +
                              (render::has_condition_note(item) ? std::string(" *") : std::string()));
    CHECK(schedule[i][3] == util::fold_whitespace(item.position_name));
    CHECK(schedule[i][4] == util::fold_whitespace(item.dosage_words));
    CHECK(schedule[i][5] == util::format_duration(item.duration));
    CHECK(grid[i].size() == 8);
  }
  // Two block quotes: "Stop and get help" with the most urgent tier's signs
  // after the schedule, and the safety notes with the other tiers' after
  // the exercises.
  const auto quotes = blocks_of(ast, "BlockQuote");
  REQUIRE(quotes.size() == 2);
  const auto bullets = [&](const auto& quote) {
    std::vector<std::string> quoted;
    for (const auto& block : quote["c"]) {
      if (block["t"] == "BulletList") {
        const auto items = list_items(block);
        quoted.insert(quoted.end(), items.begin(), items.end());
      }
    }
    return quoted;
  };
  REQUIRE(!plan.safety.red_flags.empty());
  std::vector<std::string> stop;
  for (const auto& sign : plan.safety.red_flags.front().signs) {
    stop.push_back(util::fold_whitespace(sign));
  }
  CHECK(bullets(quotes[0]) == stop);
  std::vector<std::string> expected = plan.safety.general;
  for (const auto& advice : plan.safety.advice) {
    expected.push_back(advice.name + ": " + advice.text);
  }
  for (std::size_t t = 1; t < plan.safety.red_flags.size(); ++t) {
    for (const auto& sign : plan.safety.red_flags[t].signs) {
      expected.push_back(util::fold_whitespace(sign));
    }
  }
  CHECK(bullets(quotes[1]) == expected);
  // Each exercise: its steps as a numbered list, its tips as a bullet list,
  // and each rule labelled with its condition and action.
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    CAPTURE(item.exercise.id);
    std::vector<std::string> steps, cues, paragraphs;
    for (const auto& block : exercise_blocks(ast, i)) {
      if (block["t"] == "OrderedList") {
        steps = list_items(block);
      } else if (block["t"] == "BulletList") {
        cues = list_items(block);
      } else if (block["t"] == "Para") {
        paragraphs.push_back(util::fold_whitespace(text_of(block)));
      }
    }
    std::vector<std::string> want_steps, want_cues;
    for (const auto& step : item.exercise.details().steps) {
      want_steps.push_back(util::fold_whitespace(step));
    }
    for (const auto& cue : item.exercise.details().cues) {
      want_cues.push_back(util::fold_whitespace(cue));
    }
    CHECK(steps == want_steps);
    CHECK(cues == want_cues);
    for (const auto* rules : {&item.modifications, &item.cautions}) {
      for (const auto& rule : *rules) {
        const std::string line =
          util::fold_whitespace(render::rule_label(plan, rule) + ": " + rule.instruction.str());
        CHECK(std::find(paragraphs.begin(), paragraphs.end(), line) != paragraphs.end());
      }
    }
  }
}

/// A plan of one exercise per text, the `i`-th exercise's every shown text
/// being `texts[i]`, and each text also a condition's name, a red-flag tier
/// and a source: every hazard in one handout, read by one pandoc run.
plan::Plan plan_of_texts(const std::vector<std::string>& texts)
{
  plan::Plan plan;
  plan.safety = safety::safety_notes(catalog::Catalog{}, {});
  plan.safety.red_flags.clear();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const std::string& text = texts[i];
    const std::string condition = fmt::format("c{}", i);
    plan.request.conditions.push_back(condition);
    plan.condition_names.push_back(text);
    plan.safety.red_flags.push_back({fmt::format("tier-{}", i), text, text, {text}, {{condition, text}}, {}});
    plan.sources.push_back({condition, text});
    plan::PlanItem item;
    item.exercise.id = fmt::format("x{}", i);
    item.exercise.name = text;
    item.exercise.edit_details().summary = text;
    item.exercise.edit_details().steps = {text, "second " + text};
    item.exercise.edit_details().cues = {text};
    item.position_name = text;
    item.kind_name = text;
    item.dosage_words = text;
    item.start = static_cast<int>(i) * 60;
    item.duration = 60;
    item.modifications = {
      {condition, catalog::Action::modify, text, catalog::general_guidance, std::nullopt, {}}};
    plan::PlanVariant easier;
    easier.text = text;
    item.easier = easier;
    plan.items.push_back(item);
  }
  plan.total = static_cast<int>(texts.size()) * 60;
  plan.budget = plan.total;
  return plan;
}

/// Text a catalog might hold that means something in Markdown.
const std::vector<std::string> markdown_hazards = {
  "a | b | c",
  "*star* and **bold** and * lone",
  "_under_score_ and __x__",
  "# a hash at the start",
  "ends with a hash #",
  "1. a number",
  "2) a number",
  "1986. a year",
  "a. a letter",
  "iv. a roman numeral",
  "(a) in parentheses",
  "(@) an example list",
  "- a dash",
  "+ a plus",
  "> a quote",
  ": a colon",
  "= an equals sign",
  "% a percent sign",
  "--- three dashes",
  "***",
  "<b>html</b> & &amp; &#42;",
  "[link](http://example.com) ![image](x.png) [^1] ^[note]",
  "`code` and ``more``",
  "$x^2$ and $$y$$",
  "~sub~ ^sup^ ~~strike~~",
  "@citation and [@cite, p. 3]",
  "back\\slash \\* and a trailing one \\",
  "{#id .class} [span]{.x}",
  "<http://auto.link> and http://bare.example.com",
  "multi\nline\ttext   with  spaces  ",
  "    indented like code",
  "'single' \"double\" -- and ... ellipsis",
  "caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x99 \xC3\x97 \xE2\x98\x90",
  "#",
  "*",
  "|",
  "1.",
};

} // namespace

TEST_SUITE("render::markdown")
{
  TEST_CASE("pandoc reads the handout's structure: headings, schedule, lists, safety" *
            doctest::test_suite("external"))
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& conditions : std::vector<std::vector<std::string>>{
           {}, {"knee"}, {"knee", "prolapse"}, {"radiating-leg-pain", "wrist", "shoulder"}}) {
      for (const int minutes : {5, 20}) {
        plan::Request request;
        request.conditions = conditions;
        request.minutes = minutes;
        CAPTURE(util::join(conditions, ","));
        CAPTURE(minutes);
        const auto plan = plan::make_plan(catalog, request);
        REQUIRE(!plan.items.empty());
        check_structure(plan, pandoc_ast(render::render_markdown(plan, {80, false, true})));
      }
    }
  }

  TEST_CASE("markdownlint finds nothing in the handouts, under the style tests/markdownlint.rb documents" *
            doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    std::string files;
    std::size_t count = 0;
    const auto save = [&](const std::string& markdown) {
      const std::string path = fmt::format("{}/handout-{}.md", dir, ++count);
      std::ofstream(path, std::ios::binary) << markdown;
      files += " '" + path + "'";
    };
    const auto& catalog = test::builtin_catalog();
    std::size_t referrals = 0; // no handout: the command line refuses with exit 4
    for (const auto& conditions : test::handout_requests()) {
      plan::Request request;
      request.conditions = conditions;
      request.minutes = 15;
      const auto plan = plan::make_plan(catalog, request);
      if (plan.items.empty()) {
        ++referrals;
        continue;
      }
      save(render::render_markdown(plan, {80, false, true}));
    }
    // With figures, and with the text a clinician adds.
    const auto figured = test::run_backplan({"plan", "-c", "knee,pregnancy=20", "-m", "20", "-o",
                                             dir + "/figured.md", "--figures", dir + "/figures", "--for",
                                             "A. Person", "--title", "Mornings", "--note", "Slowly."});
    REQUIRE(figured.status == 0);
    files += " '" + dir + "/figured.md'";
    const auto lint =
      test::shell(fmt::format("mdl -i -s '{}/tests/markdownlint.rb'{} 2>&1", BACKPLAN_SOURCE_DIR, files));
    CAPTURE(lint.out);
    CHECK(count + referrals == test::handout_requests().size());
    CHECK(count > 10);
    CHECK(lint.status == 0);
    CHECK(lint.out.empty());
    // And the front matter says the language.
    CHECK(test::slurp(dir + "/figured.md").starts_with("---\npagetitle: 'Mornings'\nlang: en-GB\n---\n"));
  }

  TEST_CASE("the fixture catalog's handout converts to HTML" * doctest::test_suite("external"))
  {
    const auto result =
      test::run_backplan({"plan", "--no-builtin", "--catalog", test::data_path("fixture-catalog"), "-c",
                          "knee", "-m", "10", "-f", "markdown", "--explain"});
    REQUIRE(result.status == 0);
    const std::string dir = test::temp_dir();
    std::ofstream(dir + "/plan.md", std::ios::binary) << result.out;
    const auto html = test::shell("cd '" + dir + "' && pandoc plan.md -o plan.html 2>err && cat plan.html");
    REQUIRE(html.status == 0);
    CHECK(test::slurp(dir + "/err").empty());
    CHECK(html.out.find("<h3") != std::string::npos);
    CHECK(html.out.find("<table") != std::string::npos);
    CHECK(html.out.find("<blockquote>") != std::string::npos);
    CHECK(html.out.find("<ol") != std::string::npos);
    CHECK(html.out.find("Kneeling hip-flexor lunge") != std::string::npos); // --explain
  }

  TEST_CASE("catalog text with Markdown meaning comes back literally" * doctest::test_suite("external"))
  {
    const auto plan = plan_of_texts(markdown_hazards);
    const std::string markdown = render::render_markdown(plan, {80, false, false});
    for (const char* reader : {"markdown-smart", "gfm"}) {
      CAPTURE(reader);
      const auto ast = pandoc_ast(markdown, reader);
      const auto headings = exercise_headings(ast);
      REQUIRE(headings.size() == markdown_hazards.size());
      const auto tables = blocks_of(ast, "Table");
      REQUIRE(tables.size() == 2);
      const auto rows = table_rows(tables[0]);
      const auto grid = table_rows(tables[1]);
      REQUIRE(rows.size() == markdown_hazards.size());
      REQUIRE(grid.size() == markdown_hazards.size());
      for (std::size_t i = 0; i < markdown_hazards.size(); ++i) {
        CAPTURE(markdown_hazards[i]);
        const std::string expected = util::fold_whitespace(markdown_hazards[i]);
        CHECK(headings[i] == fmt::format("{}. {}", i + 1, expected));
        REQUIRE(rows[i].size() == 6);
        CHECK(rows[i][2] == expected + (render::has_condition_note(plan.items[i]) ? " *" : ""));
        CHECK(rows[i][3] == expected);
        CHECK(rows[i][4] == expected);
        CHECK(grid[i][0] == fmt::format("{}. {}", i + 1, expected));
      }
      if (std::string(reader) == "markdown-smart") {
        check_structure(plan, ast);
      }
    }
  }

  TEST_CASE("markdown_escape")
  {
    CHECK(render::markdown_escape("plain text, with commas.") == "plain text, with commas.");
    CHECK(render::markdown_escape("a | b") == "a \\| b");
    CHECK(render::markdown_escape("# x") == "\\# x");
    CHECK(render::markdown_escape("1. x") == "1\\. x");
    CHECK(render::markdown_escape("- x") == "\\- x");
    CHECK(render::markdown_escape("x - y") == "x - y");
    CHECK(render::markdown_escape("  two\n lines ") == "two lines");
    CHECK(render::markdown_escape("*a* _b_") == "\\*a\\* \\_b\\_");
    CHECK(render::markdown_escape("b. x") == "b\\. x");
    CHECK(render::markdown_escape("iv) x") == "iv\\) x");
    CHECK(render::markdown_escape("Hold. Then relax.") == "Hold. Then relax.");
  }
}
