// The PDF handout, drawn with cairo and Pango: every page count the contract
// names, names in any script kept or warned about, and what pdfinfo,
// pdffonts and pdftotext find in it.
#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/document.hpp"
#include "render/html.hpp"
#include "render/markdown.hpp"
#include "render/pdf.hpp"
#include "render/roff.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <regex>

using namespace backplan;

namespace {

/// The 15-minute handout for `conditions`, as the library lays it out.
render::PdfHandout handout(const std::vector<std::string>& conditions, const render::PageSize& page)
{
  plan::Request request;
  request.minutes = 15;
  request.conditions = conditions;
  request.for_name = "Alexandra Konstantinopoulou-Wiśniewska";
  const auto plan = plan::make_plan(test::builtin_catalog(), request);
  render::PdfSettings settings;
  settings.page = page;
  settings.date = {"30 September 2026", "2026-09-30T00:00:00"};
  return render::pdf_document(render::make_document(plan, false), settings);
}

/// What `command` prints, which must succeed.
std::string output_of(const std::string& command)
{
  const auto run = test::shell(command);
  REQUIRE_MESSAGE(run.status == 0, command);
  return run.out;
}

} // namespace

TEST_SUITE("render::pdf")
{
  TEST_CASE(
    "a 15-minute handout takes at most 3 pages, A4 and Letter, for no condition, each alone and common "
    "pairs")
  {
    const auto requests = test::handout_requests();
    for (const auto& page : {render::a4_page, render::letter_page}) {
      for (const auto& conditions : requests) {
        CAPTURE(std::string(page.name));
        CAPTURE(util::join(conditions, ", "));
        const auto pdf = handout(conditions, page);
        CHECK(pdf.bytes.starts_with("%PDF-"));
        CHECK(pdf.pages <= 3);
        CHECK(pdf.missing.empty());
      }
    }
  }

  TEST_CASE("every figure of a 15-minute handout is drawn at one scale, a body at least 40 mm tall, A4 and "
            "Letter")
  {
    // The figure model's adult is 170 cm tall (src/figure/kinematics.cpp).
    constexpr double body_cm = 170;
    constexpr double points_per_mm = 72 / 25.4;
    for (const auto& page : {render::a4_page, render::letter_page}) {
      for (const auto& conditions : test::handout_requests()) {
        CAPTURE(std::string(page.name));
        CAPTURE(util::join(conditions, ", "));
        const auto pdf = handout(conditions, page);
        CHECK(pdf.figure_scale * body_cm >= 40 * points_per_mm);
        // The narrowest picture, one pose on hands and knees, is 38 mm wide;
        // before the one scale, pictures were 20 mm wide.
        for (const double width : pdf.figure_widths) {
          CHECK(width >= 37 * points_per_mm);
        }
      }
    }
  }

  TEST_CASE("how many sessions a day the tick grid has boxes for")
  {
    CHECK(render::sessions_a_day("once a day") == 1);
    CHECK(render::sessions_a_day("Twice a day") == 2);
    CHECK(render::sessions_a_day("three times a day") == 3);
    CHECK(render::sessions_a_day("4 times per day") == 4);
    CHECK(render::sessions_a_day("twice a week") == 1);
    CHECK(render::sessions_a_day("every other day") == 1);
    CHECK(render::sessions_a_day("10 times a day") == 1); // no grid of ten boxes a day
  }

  TEST_CASE("names keep every letter, fonts are embedded, and every page has its footer" *
            doctest::test_suite("external"))
  {
    const auto dir = test::temp_dir();
    const std::string name = "Łukasz Żółć, Dvořák, Nguyễn, Ξενοφών";
    const auto made =
      test::run_backplan({"plan", "--knee", "--prolapse", "-m", "15", "--for", name, "--clinician",
                          "Clinic Physio", "--frequency", "twice a day", "-o", dir + "/plan.pdf"},
                         {{"SOURCE_DATE_EPOCH", "1790000000"}});
    REQUIRE(made.status == 0);
    CHECK(made.err.empty());
    const std::string pdf = "'" + dir + "/plan.pdf'";
    const auto info = output_of("pdfinfo " + pdf);
    CHECK(info.find("Title:           A 15-minute back-care plan for " + name + "\n") != std::string::npos);
    CHECK(info.find("Author:          Clinic Physio\n") != std::string::npos);
    CHECK(info.find("pts (A4)") != std::string::npos);
    std::smatch found;
    REQUIRE(std::regex_search(info, found, std::regex("Pages: +([0-9]+)")));
    const int pages = std::stoi(found[1]);
    CHECK(pages <= 3);
    // Every font is embedded, as a subset.
    const auto fonts = test::lines_of(output_of("pdffonts " + pdf));
    REQUIRE(fonts.size() > 2);
    for (std::size_t i = 2; i < fonts.size(); ++i) {
      CAPTURE(fonts[i]);
      CHECK(std::regex_search(fonts[i], std::regex(" yes yes yes ")));
    }
    for (int page = 1; page <= pages; ++page) {
      const auto text = output_of(fmt::format("pdftotext -f {0} -l {0} {1} -", page, pdf));
      CAPTURE(page);
      CHECK(text.find(fmt::format("A 15-minute back-care plan for {} · 21 September 2026", name)) !=
            std::string::npos);
      CHECK(text.find(fmt::format("page {} of {}", page, pages)) != std::string::npos);
    }
    // The first page: who it is for, the plan and what to do in an
    // emergency; the seed only in the closing line.
    const auto first = util::fold_whitespace(output_of("pdftotext -l 1 " + pdf + " -"));
    CHECK(first.find("For: " + name) != std::string::npos);
    CHECK(first.find("The plan") != std::string::npos);
    CHECK(first.find("Stop and get help") != std::string::npos);
    CHECK(first.find("seed") == std::string::npos);
    const auto all = util::fold_whitespace(output_of("pdftotext " + pdf + " -"));
    CHECK(all.find("Tick a box each time you do the exercise: 2 boxes a day.") != std::string::npos);
    CHECK(all.find("the same request with seed 0 makes the same plan.") != std::string::npos);
  }

  TEST_CASE("pdftotext reads the facts in their order and the plan row by row" *
            doctest::test_suite("external"))
  {
    const auto dir = test::temp_dir();
    for (const auto& conditions : test::handout_requests()) {
      CAPTURE(util::join(conditions, ", "));
      plan::Request request;
      request.minutes = 15;
      request.conditions = conditions;
      request.for_name = "Ann Example";
      const auto plan = plan::make_plan(test::builtin_catalog(), request);
      if (plan.items.empty()) {
        continue;
      }
      const auto document = render::make_document(plan, false);
      render::PdfSettings settings;
      settings.page = render::a4_page;
      std::ofstream(dir + "/plan.pdf", std::ios::binary) << render::pdf_document(document, settings).bytes;
      const auto text = util::fold_whitespace(output_of("pdftotext " + dir + "/plan.pdf -"));
      // Each fact after the one before it.
      std::size_t at = 0;
      for (const auto& fact : document.facts) {
        if (fact.reproduces) {
          continue;
        }
        CAPTURE(fact.label);
        const auto found = text.find(fact.label + ": ", at);
        CHECK(found != std::string::npos);
        at = found == std::string::npos ? at : found;
      }
      // The schedule's names in plan order, and each row's dosage between
      // its name and the next (pdftotext read each column whole); a dosage
      // that wraps may be read around its row's time.
      at = text.find("The plan");
      REQUIRE(at != std::string::npos);
      std::vector<std::size_t> names;
      for (const auto& exercise : document.exercises) {
        CAPTURE(exercise.name);
        const auto found = text.find(exercise.name, at);
        REQUIRE(found != std::string::npos);
        names.push_back(found);
        at = found + exercise.name.size();
      }
      names.push_back(text.find("Ends at ", at));
      REQUIRE(names.back() != std::string::npos);
      for (std::size_t i = 0; i < document.exercises.size(); ++i) {
        std::string row = text.substr(names[i], names[i + 1] - names[i]);
        CAPTURE(row);
        if (const auto time = row.find(" " + document.exercises[i].time + " "); time != std::string::npos) {
          row.erase(time, document.exercises[i].time.size() + 1);
        }
        CHECK(row.find(util::fold_whitespace(document.exercises[i].dosage)) != std::string::npos);
      }
    }
  }

  TEST_CASE("a character no installed font has is named in a warning, and the PDF is still made")
  {
    const auto dir = test::temp_dir();
    // U+10FFFD is for private use: no font gives it a glyph.
    const auto made =
      test::run_backplan({"plan", "-m", "5", "--for", "Ana \xF4\x8F\xBF\xBD", "-o", dir + "/plan.pdf"});
    CHECK(made.status == 0);
    CHECK(made.err ==
          "backplan: warning: no installed font can draw \xF4\x8F\xBF\xBD (U+10FFFD); the PDF shows a "
          "box in its place\n");
    CHECK(test::slurp(dir + "/plan.pdf").starts_with("%PDF-"));
  }

  TEST_CASE("-f pdf needs no other program, and --paper letter sets the page size")
  {
    const auto dir = test::temp_dir();
    const auto made = test::run_backplan({"plan", "-m", "10", "--paper", "letter", "-o", dir + "/plan.pdf"},
                                         {{"PATH", "/nonexistent"}});
    CHECK(made.status == 0);
    CHECK(made.err.empty());
    const std::string bytes = test::slurp(dir + "/plan.pdf");
    CHECK(bytes.starts_with("%PDF-"));
    CHECK(bytes.find("/MediaBox [ 0 0 612 792 ]") != std::string::npos);
    const auto refused = test::run_backplan({"plan", "--paper", "a5", "-o", dir + "/other.pdf"});
    CHECK(refused.status == 2);
    CHECK(refused.err.starts_with("backplan: error: --paper: a5 not in {a4,letter}\n"));
    CHECK(!std::filesystem::exists(dir + "/other.pdf"));
  }
}

TEST_SUITE("render::handout")
{
  TEST_CASE("every handout's tick grid has a box per session: twice a day gives two a day")
  {
    plan::Request request;
    request.minutes = 10;
    request.frequency = "twice a day";
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const std::size_t boxes = 2 * render::week_days.size() * plan.items.size();
    const auto count = [](const std::string& text, const std::string& box) {
      std::size_t n = 0;
      for (auto at = text.find(box); at != std::string::npos; at = text.find(box, at + box.size())) {
        ++n;
      }
      return n;
    };
    const render::TextOptions options{.width = 1000};
    const auto html = render::render_html(plan, options);
    CHECK(count(html, "<span class=\"box\"></span>") == boxes);
    CHECK(html.find("Tick a box each time you do the exercise: 2 boxes a day.") != std::string::npos);
    const auto roff = render::render_roff(plan, options);
    CHECK(count(roff, "\\*[tickbox]") == boxes);
    const auto markdown = render::render_markdown(plan, options);
    CHECK(count(markdown, "| [ ] [ ] ") == render::week_days.size() * plan.items.size());
    CHECK(markdown.find("Tick a box each time you do the exercise: 2 boxes a day.") != std::string::npos);
  }
}

TEST_SUITE("render::handout")
{
  TEST_CASE("an exercise without a figure: check warns, and every handout shows a box naming its position")
  {
    const auto dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/clinic/exercises");
    std::ofstream(dir + "/clinic/exercises/chin-tuck.yaml") << R"(id: chin-tuck
name: Chin tuck
position: seated
kind: mobility
regions: [neck]
goals: [mobility]
level: gentle
per_side: false
dosage:
  reps: [5, 10]
  hold: [3, 5]
  sets: [1, 1]
summary: Draw the chin straight back.
steps: [Sit tall., Draw your chin straight back., Hold then relax.]
sources: [sutter]
)";
    const auto checked = test::run_backplan({"check", dir + "/clinic"});
    CHECK(checked.status == 0);
    CHECK(test::contains(checked.err,
                         dir + "/clinic/exercises/chin-tuck.yaml:1:5: warning: exercise 'chin-tuck' "
                               "has no 'figure': handouts show a plain box naming its start position "
                               "instead of a picture (see 'figure' in backplan-catalog(5))\n"));
    const std::vector<std::string> plan = {"--catalog", dir + "/clinic", "plan", "--region", "neck", "-m",
                                           "5"};
    const auto with = [&](std::vector<std::string> more) {
      auto args = plan;
      args.insert(args.end(), more.begin(), more.end());
      const auto run = test::run_backplan(args);
      REQUIRE(run.status == 0);
      return run.out;
    };
    const auto html = with({"-f", "html"});
    REQUIRE(test::contains(html, "Chin tuck"));
    CHECK(test::count(html, "<figure><div class=\"no-figure\">Sitting on a chair</div></figure>") == 1);
    const auto roff = with({"-f", "roff"});
    CHECK(test::contains(roff, "\\D'l 1.6i 0'\\D'l 0 0.55i'\\D'l -1.6i 0'\\D'l 0 -0.55i'"));
    CHECK(test::contains(roff, ".ce 1\n\\fISitting on a chair\n\\fR"));
    const auto markdown = with({"-f", "markdown", "--figures", dir + "/figures"});
    CHECK(test::contains(markdown, "### 1. Chin tuck\n\n*No picture: Sitting on a chair.*\n"));
  }
}
