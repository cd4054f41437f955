// The groff ms handout: groff reads it without a warning, the documented
// command makes a PDF, and the PDF's text holds what the plan says.

#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/roff.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fstream>
#include <regex>

using namespace backplan;

namespace {

/// Text as pdftotext gives it back, comparable with catalog text: words
/// broken after a hyphen at a line end joined again, whitespace runs folded.
std::string normalize(const std::string& text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '\n') {
      out += c;
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
  return out;
}

/// What groff says on stderr while reading `path` (nothing is good).
std::string groff_warnings(const std::string& path, const std::string& device)
{
  return test::shell("groff -ms -ww -z " + device + " '" + path + "' 2>&1").out;
}

/// The text of the PDF that the documented command makes from `path`.
std::string pdf_text(const std::string& path, const std::string& options = "")
{
  const std::string pdf = path + ".pdf";
  const auto groff = test::shell("groff -ms -Tpdf " + options + " '" + path + "' > '" + pdf + "'");
  REQUIRE(groff.status == 0);
  const auto info = test::shell("pdfinfo '" + pdf + "'");
  REQUIRE(info.status == 0);
  CHECK(info.out.find("Pages:") != std::string::npos);
  // -raw: in the order groff wrote it, so that the two columns of red-flag
  // signs read one column after the other, not line by line across both.
  const auto text = test::shell("pdftotext -raw -enc UTF-8 '" + pdf + "' -");
  REQUIRE(text.status == 0);
  // Without the page footers ("TITLE Page 3"), which fall wherever a page
  // breaks, inside a paragraph too.
  std::string body;
  for (const auto& line : test::lines_of(text.out)) {
    if (!std::regex_search(line, std::regex(" Page [0-9]+$"))) {
      body += line + "\n";
    }
  }
  return normalize(body);
}

std::string write_temp(const std::string& name, const std::string& text)
{
  const std::string path = test::temp_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// Checks a roff rendering of `plan` through groff.
void check_document(const plan::Plan& plan, const std::string& document)
{
  const std::string path = write_temp("plan.ms", document);
  CHECK(groff_warnings(path, "-Tpdf") == "");
  CHECK(groff_warnings(path, "") == "");
  const std::string text = pdf_text(path);
  CHECK(text.find(render::plan_title(plan)) != std::string::npos);
  for (const auto& item : plan.items) {
    CAPTURE(item.exercise.id);
    CHECK(text.find(normalize(item.exercise.name)) != std::string::npos);
    for (const auto* rules : {&item.modifications, &item.cautions}) {
      for (const auto& rule : *rules) {
        CHECK(text.find(normalize(render::rule_label(plan, rule) + ": " + rule.instruction.str())) !=
              std::string::npos);
      }
    }
    for (const auto& step : item.exercise.details().steps) {
      CHECK(text.find(normalize(step)) != std::string::npos);
    }
  }
  for (const auto& note : plan.safety.general) {
    CHECK(text.find(normalize(note)) != std::string::npos);
  }
  CHECK(text.find(normalize(plan.safety.red_flags_intro)) != std::string::npos);
  REQUIRE(!plan.safety.red_flags.empty());
  for (const auto& tier : plan.safety.red_flags) {
    CHECK(text.find(normalize(tier.name + ": " + tier.action)) != std::string::npos);
    for (const auto& sign : tier.signs) {
      CHECK(text.find(normalize(sign)) != std::string::npos);
    }
  }
}

/// The requests and macros the document may call; any other line that
/// starts with a control character would be catalog text taken as a request.
bool known_control_line(const std::string& line)
{
  static const std::vector<std::string> names = {
    ".\\\"", ".nr", ".ds", ".de",       "..",   ".  ",   ".na",     ".TL", ".LP", ".IP", ".B1",
    ".B2",   ".SH", ".KS", ".KE",       ".row", ".cell", ".endrow", ".sp", ".br", ".ps", ".vs",
    ".ce",   ".in", ".ti", ".defcolor", ".mk",  ".nf",   ".fi",     ".ll", ".RS", ".RE", ".if"};
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) {
    return line.rfind(name, 0) == 0 &&
           (line.size() == name.size() || line[name.size()] == ' ' || name == ".  " || name == ".\\\"");
  });
}

} // namespace

TEST_SUITE("render::roff")
{
  TEST_CASE("groff reads the handout without a warning, and the PDF holds the plan" *
            doctest::test_suite("external"))
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& conditions : std::vector<std::vector<std::string>>{
           {}, {"knee"}, {"knee", "prolapse", "wrist"}, {"radiating-leg-pain", "shoulder", "neck"}}) {
      for (const int minutes : {5, 30}) {
        for (const bool explain : {false, true}) {
          plan::Request request;
          request.conditions = conditions;
          request.minutes = minutes;
          CAPTURE(util::join(conditions, ","));
          CAPTURE(minutes);
          const auto plan = plan::make_plan(catalog, request);
          REQUIRE(!plan.items.empty());
          check_document(plan, render::render_roff(plan, {80, false, explain}));
        }
      }
    }
  }

  TEST_CASE("the documented command works on US letter paper too" * doctest::test_suite("external"))
  {
    plan::Request request;
    request.minutes = 20;
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const std::string path = write_temp("plan.ms", render::render_roff(plan, {80, false, false}));
    const std::string text = pdf_text(path, "-dpaper=letter -P-pletter");
    for (const auto& item : plan.items) {
      CHECK(text.find(normalize(item.exercise.name)) != std::string::npos);
    }
    CHECK(test::shell("groff -ms -Tpdf -dpaper=letter -P-pletter '" + path + "' | pdfinfo -")
            .out.find("letter") != std::string::npos);
  }

  TEST_CASE("catalog text that looks like roff prints literally" * doctest::test_suite("external"))
  {
    const std::string dir = test::temp_dir();
    // Two plans between them hold every exercise of the fixture catalog that
    // is safe with a knee problem (cat-camel needs a change for the knee, so
    // it comes only where nothing else covers the request).
    std::string text;
    for (const auto& extra :
         std::vector<std::vector<std::string>>{{"-m", "30"}, {"-m", "10", "-r", "mid-back"}}) {
      std::vector<std::string> args = {"plan",
                                       "--no-builtin",
                                       "--catalog",
                                       test::data_path("fixture-catalog"),
                                       "-c",
                                       "knee",
                                       "-f",
                                       "roff",
                                       "--explain",
                                       "-o",
                                       dir + "/plan.ms"};
      args.insert(args.end(), extra.begin(), extra.end());
      const auto result = test::run_backplan(args);
      REQUIRE(result.status == 0);
      const std::string document = test::slurp(dir + "/plan.ms");
      // No line of catalog text is taken as a request or a macro call.
      std::size_t start = 0;
      for (std::size_t end; (end = document.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = document.substr(start, end - start);
        if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
          CAPTURE(line);
          CHECK(known_control_line(line));
        }
      }
      // Only ASCII: every other character is a groff escape, no preconv needed.
      CHECK(std::all_of(document.begin(), document.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
      CHECK(groff_warnings(dir + "/plan.ms", "-Tpdf") == "");
      text += pdf_text(dir + "/plan.ms");
    }
    for (const char* literal : {
           "...then breathe in and let it dip a little.",        // a line starting with .
           ".5 of a turn is plenty at first",                    // and another
           "'Slow' beats 'far': don\xE2\x80\x99t force the end", // a line starting with '
           "a bowl tipping \\ then / like a see-saw.",           // a backslash
           "Seated twist (caf\xC3\xA9 chair)",                   // é
           "hands on the chair back \xE2\x80\x93 no bouncing.",  // –
           "Turn 3 \xC3\x97 each way",                           // ×
           "Knee problems \xE2\x80\x94 modify: Put a cushion",   // —
           "# of rocks: 10 | keep them *slow* and _small_",
           "Sit to stand, \"slow\"",
           "Cat\xE2\x80\x93"
           "camel (hands & knees)",
           "Kneeling hip-flexor lunge (kneeling-lunge): condition: avoided with Knee problems",
         }) {
      CAPTURE(literal);
      CHECK(text.find(literal) != std::string::npos);
    }
  }

  TEST_CASE("roff_escape")
  {
    CHECK(render::roff_escape("plain text") == "plain text");
    CHECK(render::roff_escape(".5 of a turn") == "\\&.5 of a turn");
    CHECK(render::roff_escape("'Tis") == "\\[aq]Tis");
    CHECK(render::roff_escape("a\\b") == "a\\[rs]b");
    CHECK(render::roff_escape("  two\n   lines ") == "two lines");
    CHECK(render::roff_escape("\n.x") == "\\&.x");
    CHECK(render::roff_escape("caf\xC3\xA9") == "caf\\[u00E9]");
    CHECK(render::roff_escape("\xE2\x80\x93\xE2\x80\x94\xE2\x80\x99\xC3\x97") ==
          "\\[u2013]\\[u2014]\\[u2019]\\[u00D7]");
    CHECK(render::roff_escape("\xE2\x98\x90") == "\\[u25A1]"); // ☐ as the fonts' white square
    CHECK(render::roff_escape("\xF0\x9F\x99\x82") == "\\[u1F642]");
    CHECK(render::roff_escape("bad \xC3 byte") == "bad ? byte");
  }
}
