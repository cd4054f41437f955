#include "cli/number_check.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace backplan;

TEST_SUITE("cli::numbers")
{
  TEST_CASE("a number out of its range is refused in the words the help uses")
  {
    CHECK(cli::number_problem("0", 0, 10, true) == "");
    CHECK(cli::number_problem("10", 0, 10, true) == "");
    CHECK(cli::number_problem("11", 0, 10, true) == "must be a whole number from 0 to 10, found '11'");
    CHECK(cli::number_problem("-1", 0, 10, true) == "must be a whole number from 0 to 10, found '-1'");
    CHECK(cli::number_problem("2.5", 0, 10, true) == "must be a whole number from 0 to 10, found '2.5'");
    CHECK(cli::number_problem("five", 0, 10, true) == "must be a whole number from 0 to 10, found 'five'");
    CHECK(cli::number_problem("", 0, 10, true) == "must be a whole number from 0 to 10, found ''");
    CHECK(cli::number_problem("0.5", 0.01, 1000, false) == "");
    CHECK(cli::number_problem("0", 0.01, 1000, false) == "must be a number from 0.01 to 1000, found '0'");
    CHECK(cli::number_problem("1e9", 0.01, 1000, false) == "must be a number from 0.01 to 1000, found '1e9'");
  }

  TEST_CASE("--help names a number's type once, and the command line says its range")
  {
    const auto help = test::run_backplan({"run", "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("--lead-in S ") != std::string::npos);
    CHECK(help.out.find("--speed N ") != std::string::npos);
    CHECK(help.out.find(":INT") == std::string::npos);
    CHECK(help.out.find(":FLOAT") == std::string::npos);
    const auto lead_in = test::run_backplan({"plan", "--lead-in", "61"});
    CHECK(lead_in.status == 2);
    CHECK(lead_in.err.starts_with(
      "backplan: error: --lead-in: must be a whole number from 0 to 60, found '61'\n"));
    const auto speed = test::run_backplan({"run", "--cues", "--speed", "0"});
    CHECK(speed.status == 2);
    CHECK(speed.err.starts_with("backplan: error: --speed: must be a number from 0.01 to 1000, found '0'\n"));
  }
}
