// The program's version comes from one place, CMake's project(VERSION), and
// everything that shows it agrees: --version, the changelog's newest
// release, the man pages' headers (the .deb's name is checked by
// package_deb.sh, the cache key by test_cache_store.cpp).
#include "support.hpp"

#include <doctest/doctest.h>
#include <regex>
#include <string>

using namespace backplan;

TEST_SUITE("version")
{
  TEST_CASE("the version is MAJOR.MINOR.PATCH and --version prints it")
  {
    CHECK(
      std::regex_match(BACKPLAN_VERSION, std::regex("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)")));
    const auto result = test::run_backplan({"--version"});
    CHECK(result.status == 0);
    CHECK(result.out == "backplan " BACKPLAN_VERSION "\n");
  }

  TEST_CASE("CHANGELOG.md's newest release is this version")
  {
    const std::string changelog = test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/CHANGELOG.md");
    std::smatch release;
    REQUIRE(std::regex_search(changelog, release,
                              std::regex("^## \\[([0-9]+\\.[0-9]+\\.[0-9]+)\\]", std::regex::multiline)));
    CHECK(release[1].str() == BACKPLAN_VERSION);
  }

  TEST_CASE("both man pages name this version in their header")
  {
    for (const char* page : {"backplan.1", "backplan-catalog.5"}) {
      CAPTURE(page);
      const auto lines = test::lines_of(test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/man/" + page));
      REQUIRE(!lines.empty());
      CHECK(std::regex_match(
        lines.front(),
        std::regex("\\.TH [A-Z-]+ [15] [0-9-]+ \"backplan " BACKPLAN_VERSION "\" \"[A-Za-z ]+\"")));
    }
  }
}
