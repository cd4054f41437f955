// The handout's heading lines (--for, --clinician, --frequency) in every
// handout format, escaped per format and checked on the command line.

#include "support.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace backplan;
using test::contains;

namespace {

/// `plan` on the fixture catalog with `args` after it.
test::RunResult fixture_plan(std::vector<std::string> args)
{
  args.insert(args.begin(),
              {"--no-builtin", "--catalog", test::data_path("fixture-catalog"), "plan", "-m", "10"});
  return test::run_backplan(args);
}

/// The usage error a bad value of `option` gets.
std::string usage_error(const std::string& option, const std::string& problem)
{
  return "backplan: error: " + option + ": " + problem + "\nRun 'backplan plan --help' for usage.\n";
}

} // namespace

TEST_SUITE("cli::handout")
{
  TEST_CASE("who it is for, from whom and how often, under the title of every handout format")
  {
    const std::vector<std::string> who = {"--for",       "Sam Lee",    "--clinician", "Riverside Physio",
                                          "--frequency", "twice a day"};
    auto with = [&](std::vector<std::string> args) {
      args.insert(args.end(), who.begin(), who.end());
      return fixture_plan(args);
    };
    SUBCASE("text")
    {
      const auto run = with({"--width", "80"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out, "A 10-minute back-care plan\nFor:       Sam Lee\nFrom:      Riverside Physio\n"
                              "How often: twice a day\nMade for:  "));
    }
    SUBCASE("markdown")
    {
      const auto run = with({"-f", "markdown"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out,
                     "# A 10-minute back-care plan\n\n- **For:** Sam Lee\n- **From:** Riverside Physio\n"
                     "- **How often:** twice a day\n- **Made for:** "));
    }
    SUBCASE("html")
    {
      const auto run = with({"-f", "html"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out,
                     "<dl class=\"facts\">\n<dt>For</dt><dd>Sam Lee</dd>\n<dt>From</dt><dd>Riverside "
                     "Physio</dd>\n<dt>How often</dt><dd>twice a day</dd>\n"));
    }
    SUBCASE("roff")
    {
      const auto run = with({"-f", "roff"});
      REQUIRE(run.status == 0);
      // The facts sit two to a row of cells: label cell, value cell.
      CHECK(contains(run.out, "\\fBFor:\\fR\n.cell 0.75i 2.45i\nSam Lee\n.cell 3.3i 0.75i\n\\fBFrom:\\fR\n"
                              ".cell 4.05i 2.55i\nRiverside Physio\n"));
      CHECK(contains(run.out, "\\fBHow often:\\fR\n.cell 0.75i 2.45i\ntwice a day\n"));
    }
    SUBCASE("json")
    {
      const auto run = with({"-f", "json"});
      REQUIRE(run.status == 0);
      const auto request = nlohmann::json::parse(run.out)["request"];
      CHECK(request["for"] == "Sam Lee");
      CHECK(request["clinician"] == "Riverside Physio");
      CHECK(request["frequency"] == "twice a day");
    }
  }

  TEST_CASE("without the options: no name, no clinician, and once a day")
  {
    const auto text = fixture_plan({"--width", "80"});
    REQUIRE(text.status == 0);
    CHECK(contains(text.out, "A 10-minute back-care plan\nHow often: once a day\nMade for:  "));
    CHECK_FALSE(contains(text.out, "For:"));
    CHECK_FALSE(contains(text.out, "From:"));
    const auto json = fixture_plan({"-f", "json"});
    REQUIRE(json.status == 0);
    const auto request = nlohmann::json::parse(json.out)["request"];
    CHECK(request["for"].is_null());
    CHECK(request["clinician"].is_null());
    CHECK(request["frequency"] == "once a day");
  }

  TEST_CASE("the text plan names the warning signs' sources, and lists each with its short address")
  {
    // The built-in catalog's red flags cite the NHS pages; each is listed
    // once under Sources as a reader types its address, never in full.
    const auto run = test::run_backplan({"plan", "-m", "15", "--width", "200"});
    REQUIRE(run.status == 0);
    const auto safety = run.out.find("\nSafety\n");
    const auto basis = run.out.find("\n  Basis: NHS — \"Back pain\"; ");
    const auto sources = run.out.find("\nSources\n");
    REQUIRE(safety != std::string::npos);
    CHECK(basis > safety);
    CHECK(sources > basis);
    CHECK(contains(run.out, "(addresses under “Sources”)."));
    CHECK(contains(run.out.substr(sources), "\n  - NHS — \"Back pain\" nhs.uk/conditions/back-pain\n"));
    CHECK(contains(run.out.substr(sources),
                   "\n  - NHS — \"Cauda equina syndrome\" nhs.uk/conditions/cauda-equina-syndrome\n"));
    CHECK_FALSE(contains(run.out, "https://"));
  }

  TEST_CASE("each format escapes the values as its own text")
  {
    SUBCASE("roff: a leading dot or backslash never becomes a request or an escape")
    {
      const auto run = fixture_plan({"-f", "roff", "--for", ".bp", "--clinician", "\\fB\\D'l 1i 0'"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out, "\\fBFor:\\fR\n.cell 0.75i 2.45i\n\\&.bp\n"));
      CHECK(contains(run.out, "\\fBFrom:\\fR\n.cell 4.05i 2.55i\n\\[rs]fB\\[rs]D\\[aq]l 1i 0\\[aq]\n"));
      CHECK_FALSE(contains(run.out, "\n.bp"));
    }
    SUBCASE("html")
    {
      const auto run = fixture_plan({"-f", "html", "--for", "<script>\"A&B\"</script>"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out, "<dt>For</dt><dd>&lt;script&gt;&quot;A&amp;B&quot;&lt;/script&gt;</dd>\n"));
      CHECK_FALSE(contains(run.out, "<script>"));
    }
    SUBCASE("markdown")
    {
      const auto run = fixture_plan({"-f", "markdown", "--for", "*Jo* [x](y) #1"});
      REQUIRE(run.status == 0);
      CHECK(contains(run.out, "- **For:** \\*Jo\\* \\[x\\](y) \\#1\n"));
    }
  }

  TEST_CASE("a control character, invalid UTF-8, an overlong value or an empty frequency is a usage error")
  {
    const auto tab = fixture_plan({"--for", "Sam\tLee"});
    CHECK(tab.status == 2);
    CHECK(tab.out.empty());
    CHECK(tab.err ==
          usage_error("--for", "must be one line of printable text, found the control character U+0009"));

    const auto newline = fixture_plan({"--clinician", "Riverside\n.bp"});
    CHECK(newline.status == 2);
    CHECK(
      newline.err ==
      usage_error("--clinician", "must be one line of printable text, found the control character U+000A"));

    const auto c1 = fixture_plan({"--for", "Sam\xC2\x9BLee"});
    CHECK(c1.status == 2);
    CHECK(c1.err ==
          usage_error("--for", "must be one line of printable text, found the control character U+009B"));

    const auto invalid = fixture_plan({"--frequency", "daily \xFF"});
    CHECK(invalid.status == 2);
    CHECK(invalid.err == usage_error("--frequency", "must be valid UTF-8 text"));

    const auto overlong = fixture_plan({"--for", std::string(81, 'a')});
    CHECK(overlong.status == 2);
    CHECK(overlong.err == usage_error("--for", "must be at most 80 characters, found 81"));

    const auto empty = fixture_plan({"--frequency", ""});
    CHECK(empty.status == 2);
    CHECK(empty.err == usage_error("--frequency", "must not be empty"));

    // Characters, not bytes: 80 two-byte letters fit.
    std::string accents;
    for (int i = 0; i < 80; ++i) {
      accents += "\xC3\xA9";
    }
    const auto eighty = fixture_plan({"--for", accents, "--width", "200"});
    CHECK(eighty.status == 0);
    CHECK(contains(eighty.out, "For:       " + accents + "\n"));
  }
}
