// Every output format of a plan from the fixture catalog, byte for byte.
// Run with BACKPLAN_UPDATE_GOLDEN=1 to rewrite the golden files under
// tests/data/golden/ (then read them by eye before committing).

#include "support.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>
#include <string>
#include <vector>

using namespace backplan;

namespace {

bool updating()
{
  const char* value = std::getenv("BACKPLAN_UPDATE_GOLDEN");
  return value != nullptr && std::string(value) == "1";
}

/// Runs backplan on the fixture catalog with `args` and compares stdout with
/// tests/data/golden/`name` (or writes it when updating).
void check_golden(const std::string& name, std::vector<std::string> args)
{
  args.insert(args.begin() + 1, {"--no-builtin", "--catalog", test::data_path("fixture-catalog")});
  // A fixed date (1970-01-01) for the JSON's "date".
  auto result = test::run_backplan(args, {{"SOURCE_DATE_EPOCH", "0"}});
  // The fixture catalog's folder, wherever the sources are, as DATA.
  for (auto at = result.out.find(test::data_path("")); at != std::string::npos;
       at = result.out.find(test::data_path(""), at)) {
    result.out.replace(at, test::data_path("").size(), "DATA/");
  }
  CAPTURE(name);
  CAPTURE(result.err);
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
  const std::string path = test::data_path("golden/" + name);
  if (updating()) {
    std::ofstream(path, std::ios::binary) << result.out;
    MESSAGE("wrote ", path);
    return;
  }
  const std::string expected = test::slurp(path);
  REQUIRE_MESSAGE(!expected.empty(), path, " is missing; run with BACKPLAN_UPDATE_GOLDEN=1");
  CHECK(result.out == expected);
}

const std::vector<std::string> knee_plan = {"plan", "-c", "knee", "-m", "12", "--width", "80"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more)
{
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

} // namespace

TEST_SUITE("render::golden")
{
  TEST_CASE("plan in every format")
  {
    for (const char* format : {"text", "markdown", "json", "csv", "roff", "html"}) {
      SUBCASE(format) { check_golden(std::string("plan.") + format, with(knee_plan, {"-f", format})); }
    }
  }

  TEST_CASE("plan with --explain")
  {
    SUBCASE("text") { check_golden("plan-explain.text", with(knee_plan, {"--explain"})); }
    SUBCASE("markdown")
    {
      check_golden("plan-explain.markdown", with(knee_plan, {"--explain", "-f", "markdown"}));
    }
    SUBCASE("roff") { check_golden("plan-explain.roff", with(knee_plan, {"--explain", "-f", "roff"})); }
    SUBCASE("html") { check_golden("plan-explain.html", with(knee_plan, {"--explain", "-f", "html"})); }
  }

  TEST_CASE("plan at a desk, with two conditions")
  {
    check_golden("plan-desk.markdown",
                 {"plan", "-c", "knee,prolapse", "-m", "5", "--setting", "desk", "-f", "markdown"});
  }

  TEST_CASE("list in every format")
  {
    for (const char* format : {"text", "json", "csv"}) {
      SUBCASE(format) { check_golden(std::string("list.") + format, {"list", "-f", format}); }
    }
  }
}
