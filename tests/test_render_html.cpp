// The HTML handout: self-contained, every exercise drawn, and checked in a
// real browser (Chromium, headless): laid out at phone and desktop widths
// (measured by a script in a copy of the page), and printed PDFs read back
// with pdfinfo and pdftotext.

#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/html.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

using namespace backplan;

namespace {

plan::Plan knee_prolapse_plan()
{
  plan::Request request;
  request.conditions = {"knee", "prolapse"};
  request.minutes = 15;
  return plan::make_plan(test::builtin_catalog(), request);
}

} // namespace

TEST_SUITE("render::html")
{
  TEST_CASE("one self-contained page: no script, nothing fetched, a picture for every exercise")
  {
    const auto plan = knee_prolapse_plan();
    const auto html = render::render_html(plan, {});
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"));
    CHECK(html.ends_with("</html>\n"));
    for (const char* outside : {"<script", "<link", " src=", "url(", "@import"}) {
      CAPTURE(outside);
      CHECK(test::count(html, outside) == 0);
    }
    // The only addresses in attributes: the SVG namespace, never fetched,
    // and the links of the sources and the warning signs' basis, each on the
    // words of its citation.
    std::size_t addresses = 0;
    const auto basis = render::red_flag_citations(plan.safety);
    std::vector<std::string> sources;
    for (const auto& source : plan.sources) {
      sources.push_back(source.text);
    }
    const std::vector<std::string>* lists[] = {&sources, &basis};
    for (const auto* citations : lists) {
      for (const auto& citation : *citations) {
        const auto parts = render::split_citation(citation);
        if (!parts.address.empty()) {
          ++addresses;
          CHECK(test::count(html, fmt::format("<a href=\"{}\">{}</a>", render::html_escape(parts.address),
                                              render::html_escape(parts.words))) >= 1);
        }
      }
    }
    CHECK(addresses > 0);
    CHECK(test::count(html, "=\"http") ==
          test::count(html, "xmlns=\"http://www.w3.org/2000/svg\"") + test::count(html, "<a href=\"http"));
    CHECK(test::count(html, "<a href=\"http") == addresses);
    CHECK(test::count(html, "<svg ") == plan.items.size());
    for (std::size_t i = 0; i < plan.items.size(); ++i) {
      CAPTURE(plan.items[i].exercise.id);
      CHECK(test::count(html, fmt::format("<h3>{}. {}</h3>", i + 1,
                                          render::html_escape(plan.items[i].exercise.name))) == 1);
    }
    CHECK(test::count(html, "@media print") == 1);
    CHECK(test::count(html, "break-inside: avoid") >= 1);
  }

  TEST_CASE("the seed is in the footer only, and noted items are marked in the schedule")
  {
    // The planner prefers exercises that need no note; a 45-minute plan in
    // pregnancy needs some (the strengthening is all cautioned).
    plan::Request request;
    request.conditions = {"pregnancy"};
    request.minutes = 45;
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const auto html = render::render_html(plan, {});
    const auto footer = html.find("<footer>");
    REQUIRE(footer != std::string::npos);
    CHECK(html.find("seed") > footer);
    std::size_t noted = 0;
    for (const auto& item : plan.items) {
      noted += !item.modifications.empty() || !item.cautions.empty();
    }
    REQUIRE(noted > 0);
    // The mark and its meaning are the ones every format uses.
    CHECK(test::count(html, fmt::format("<span class=\"mark\" title=\"{}\">{}</span>",
                                        render::note_mark_legend, render::note_mark)) == noted);
    CHECK(test::count(html, fmt::format("<span class=\"mark\">{}</span> {}.", render::note_mark,
                                        render::note_mark_legend)) == 1);
  }

  TEST_CASE("a modification with its own figure is drawn for a user with that condition")
  {
    // The kneeling back stretch has its own drawing for knee problems; the
    // planner would rather pick an exercise that needs no change, so it is
    // planned alone.
    catalog::Catalog alone = test::builtin_catalog();
    std::erase_if(alone.exercises, [](const auto& e) { return e.id != "kneeling-back-stretch"; });
    REQUIRE(alone.exercises.size() == 1);
    plan::Request request;
    request.conditions = {"knee"};
    request.minutes = 20;
    const auto plan = plan::make_plan(alone, request);
    REQUIRE(plan.items.size() == 1);
    const auto html = render::render_html(plan, {});
    const bool drawn_changed = std::any_of(plan.items.begin(), plan.items.end(), [](const auto& item) {
      return std::any_of(item.modifications.begin(), item.modifications.end(),
                         [](const auto& rule) { return rule.figure.has_value(); });
    });
    CHECK(drawn_changed);
    CHECK(test::count(html, "Drawn with the change for your condition") >= 1);
  }

  TEST_CASE("Chromium prints a 15-minute handout for no condition, each condition alone and common pairs on "
            "at most 3 Letter pages" *
            doctest::test_suite("external"))
  {
    // Letter is the shorter page: a handout that fits it fits A4 (the test
    // above prints one on both).
    const auto dir = test::temp_dir();
    const auto requests = test::handout_requests();
    std::vector<std::string> names;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      plan::Request request;
      request.minutes = 15;
      request.conditions = requests[i];
      const auto plan = plan::make_plan(test::builtin_catalog(), request);
      if (plan.items.empty()) {
        continue; // a referral, not a plan
      }
      std::string html = render::render_html(plan, {});
      html.insert(html.find("</head>"), "<style>@page { size: letter; }</style>");
      names.push_back(fmt::format("{}/{}", dir, i));
      std::ofstream(names.back() + ".html", std::ios::binary) << html;
    }
    REQUIRE(names.size() + 1 >= requests.size());
    // Four browsers at a time, each with a profile of its own.
    const auto printed = test::shell(
      "cd '" + dir +
      "' && ls *.html | sed 's/.html$//' | xargs -P 4 -I{} sh -c 'chromium --headless "
      "--no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=profile-{} --print-to-pdf={}.pdf "
      "file://" +
      dir + "/{}.html >/dev/null 2>&1'");
    REQUIRE(printed.status == 0);
    for (const auto& name : names) {
      const auto info = test::shell("pdfinfo '" + name + ".pdf'");
      REQUIRE(info.status == 0);
      CAPTURE(util::join(requests[std::stoul(name.substr(dir.size() + 1))], ", "));
      CHECK(info.out.find("pts (letter)") != std::string::npos);
      std::smatch pages;
      REQUIRE(std::regex_search(info.out, pages, std::regex("Pages: +([0-9]+)")));
      CHECK(std::stoi(pages[1]) <= 3);
    }
  }

  TEST_CASE("Chromium lays it out at 390 and 1200 px without sideways scrolling and prints a 15-minute "
            "plan on at most 3 A4 or Letter pages" *
            doctest::test_suite("external"))
  {
    const auto dir = test::temp_dir();
    const auto made = test::run_backplan(
      {"plan", "--knee", "--prolapse", "-m", "15", "-f", "html", "-o", dir + "/plan.html"});
    REQUIRE(made.status == 0);
    const std::string chromium =
      "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer "
      "--user-data-dir='" +
      dir + "/profile' ";
    const std::string html = test::slurp(dir + "/plan.html");
    const auto head_end = html.find("</head>");
    const auto body_end = html.find("</body>");
    REQUIRE(head_end != std::string::npos);
    REQUIRE(body_end != std::string::npos);
    // The page in two frames, 390 and 1200 px wide, in one browser: a
    // script in each copy writes what the browser laid out beside its frame
    // (the page's full width, the frame's, and how many figures have a
    // width). The handout itself has no script.
    const std::string script =
      "<script>parent.document.getElementById('w' + innerWidth).textContent = "
      "[document.documentElement.scrollWidth, innerWidth, Array.from(document.querySelectorAll('svg, img'))"
      ".filter(e => e.getBoundingClientRect().width > 0).length].join(' ');</script>";
    const std::string framed = util::xml_escape(html.substr(0, body_end) + script + html.substr(body_end));
    const std::string frames = dir + "/frames.html";
    std::ofstream out(frames, std::ios::binary);
    out << "<!DOCTYPE html><html><body>";
    for (const int width : {390, 1200}) {
      out << fmt::format(R"(<iframe width="{0}" height="1600" srcdoc="{1}"></iframe><p id="w{0}"></p>)",
                         width, framed);
    }
    out << "</body></html>";
    out.close();
    const auto dom =
      test::shell(chromium + "--window-size=1700,1600 --dump-dom 'file://" + frames + "' 2>/dev/null");
    const auto plan = knee_prolapse_plan();
    for (const int width : {390, 1200}) {
      CAPTURE(width);
      std::smatch laid_out;
      REQUIRE(std::regex_search(
        dom.out, laid_out, std::regex(fmt::format("<p id=\"w{}\">([0-9]+) ([0-9]+) ([0-9]+)</p>", width))));
      CHECK(std::stoi(laid_out[2]) == width);
      CHECK(std::stoi(laid_out[1]) <= width);              // nothing wider than the frame
      CHECK(std::stoul(laid_out[3]) >= plan.items.size()); // every exercise's figure is shown
    }
    // The command line's --print-to-pdf takes no paper size (DevTools'
    // Page.printToPDF does): it prints on the CSS @page size, Letter when the
    // page sets none. Ours sets none, so that a print dialog's choice holds;
    // choosing A4 or Letter there is what a copy of the page with an added
    // `@page { size: ... }` rule does here.
    REQUIRE(html.find("size: A4") == std::string::npos);
    REQUIRE(html.find("size: letter") == std::string::npos);
    for (const std::string paper : {"A4", "letter"}) {
      CAPTURE(paper);
      const std::string name = dir + "/plan-" + paper;
      std::ofstream(name + ".html", std::ios::binary)
        << html.substr(0, head_end) << "<style>@page { size: " << paper << "; }</style>"
        << html.substr(head_end);
      const auto info = test::shell(chromium + "--print-to-pdf='" + name + ".pdf' 'file://" + name +
                                    ".html' >/dev/null 2>&1; pdfinfo '" + name + ".pdf'");
      REQUIRE(info.status == 0);
      CHECK(info.out.find("pts (" + paper + ")") != std::string::npos);
      std::smatch pages;
      REQUIRE(std::regex_search(info.out, pages, std::regex("Pages: +([0-9]+)")));
      CHECK(std::stoi(pages[1]) <= 3);
    }
    const auto text = test::shell("pdftotext '" + dir + "/plan-A4.pdf' -");
    REQUIRE(text.status == 0);
    const std::string folded = util::fold_whitespace(text.out);
    for (const auto& item : plan.items) {
      CAPTURE(item.exercise.name);
      CHECK(folded.find(item.exercise.name) != std::string::npos);
    }
    REQUIRE(!plan.safety.red_flags.empty());
    for (const auto& tier : plan.safety.red_flags) {
      CAPTURE(tier.name);
      CHECK(folded.find(tier.name) != std::string::npos);
      for (const auto& sign : tier.signs) {
        CAPTURE(sign);
        CHECK(folded.find(util::fold_whitespace(sign).substr(0, 30)) != std::string::npos);
      }
    }
  }
  TEST_CASE("axe-core finds no accessibility violation of any level in the handouts and the history report" *
            doctest::test_suite("external"))
  {
    // axe-core is not a Debian package, and nothing here downloads it: the
    // test runs where it is installed at this path (or BACKPLAN_AXE_CORE
    // names one) and Chromium is; elsewhere there is nothing to run it with.
    const char* named = std::getenv("BACKPLAN_AXE_CORE");
    const std::string axe = named != nullptr ? named : "/usr/local/share/axe-core/axe.min.js";
    if (!std::filesystem::exists(axe) || test::shell("command -v chromium").status != 0) {
      MESSAGE("axe-core or Chromium is not installed: not run");
      return;
    }
    const std::string dir = test::temp_dir();
    const std::map<std::string, std::string> env = {
      {"HOME", dir}, {"XDG_DATA_HOME", dir + "/data"}, {"XDG_STATE_HOME", dir + "/state"}};
    REQUIRE(test::run_backplan({"log", "-m", "5", "--pain", "3", "--date", "2020-01-06"}, env).status == 0);
    std::vector<std::pair<std::string, std::vector<std::string>>> pages = {
      {"plain", {"plan", "-f", "html"}},
      {"explained",
       {"plan", "-f", "html", "-c", "knee,pregnancy=20", "-m", "20", "--explain", "--for", "A. Person"}},
      {"desk", {"plan", "-f", "html", "--setting", "desk", "-c", "sciatica"}},
      {"history", {"history", "-f", "html"}},
      {"no-history", {"history", "-f", "html", "--all"}},
    };
    // The page runs axe once loaded and writes what it found into itself.
    const std::string runner =
      "<script>" + test::slurp(axe) +
      "</script><script>axe.run(document).then(r => { const p = document.createElement('pre'); "
      "p.id = 'axe-result'; p.textContent = JSON.stringify(r.violations.map(v => v.id + ': ' + v.help)); "
      "document.body.appendChild(p); });</script>";
    for (const auto& [name, args] : pages) {
      CAPTURE(name);
      const auto page = test::run_backplan(
        args, name == "no-history"
                ? std::map<std::string, std::string>{{"HOME", dir + "/empty"},
                                                     {"XDG_DATA_HOME", dir + "/empty/data"}}
                : env);
      REQUIRE(page.status == 0);
      std::string html = page.out;
      REQUIRE(html.find("</body>") != std::string::npos);
      html.replace(html.find("</body>"), 7, runner + "</body>");
      const std::string path = dir + "/" + name + ".html";
      std::ofstream(path, std::ios::binary) << html;
      const auto dom =
        test::shell("chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=20000 "
                    "--dump-dom 'file://" +
                    path + "' 2>/dev/null");
      const auto start = dom.out.find("<pre id=\"axe-result\">");
      REQUIRE(start != std::string::npos);
      const auto end = dom.out.find("</pre>", start);
      CHECK(dom.out.substr(start, end - start) == "<pre id=\"axe-result\">[]");
    }
  }
}
