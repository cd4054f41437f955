// Other programs run with posix_spawnp and an argument vector, never through
// a shell, and what they say on standard error reaches the user. Stand-in
// programs on PATH play groff and the speech program.
#include "support.hpp"
#include "util/process.hpp"

#include <cerrno>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

using namespace backplan;

TEST_SUITE("util::process")
{
  TEST_CASE("a program gets its input and arguments as they are, and its output and errors come back apart")
  {
    const std::string dir = test::temp_dir();
    const auto result = util::run_program(
      {"/bin/sh", "-c", "tr a-z A-Z; printf '%s|' \"$@\" >&2; exit 3", "sh", "$(touch " + dir + "/x)", "a b"},
      "knee hug\n");
    CHECK(result.start_error == 0);
    CHECK(result.out == "KNEE HUG\n");
    CHECK(result.err == "$(touch " + dir + "/x)|a b|");
    CHECK(result.ending.exit_code == 3);
    CHECK(!result.succeeded());
    CHECK(util::describe(result.ending) == "exit status 3");
    CHECK(std::filesystem::is_empty(dir)); // no shell read the argument
  }

  TEST_CASE("a program that is not there is a start error, ENOENT")
  {
    const auto result = util::run_program({"backplan-no-such-program"}, "");
    CHECK(result.start_error == ENOENT);
    CHECK(!result.succeeded());
  }

  TEST_CASE("a program killed by a signal says which")
  {
    const auto result = util::run_program({"/bin/sh", "-c", "kill -TERM $$"}, "");
    CHECK(result.ending.signal == 15);
    CHECK(util::describe(result.ending) == "signal 15 (Terminated)");
  }

  TEST_CASE("programs in the background write their errors into a file kept for the caller")
  {
    util::BackgroundPrograms programs;
    CHECK(programs.start({"/bin/sh", "-c", "echo \"$1\" >&2; exit 1", "sh", "first"}) == 0);
    CHECK(programs.start({"/bin/sh", "-c", "exit 0"}) == 0);
    CHECK(programs.start({"backplan-no-such-program"}) == ENOENT);
    const auto failed = programs.wait(std::chrono::seconds(20));
    CHECK(!programs.running());
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].exit_code == 1);
    CHECK(programs.take_error_output() == "first\n");
    CHECK(programs.take_error_output() == "");
  }

  TEST_CASE("a command's words are split at white space and nothing else")
  {
    CHECK(util::command_words("  espeak-ng  -s 140\t'x y' $HOME ") ==
          std::vector<std::string>{"espeak-ng", "-s", "140", "'x", "y'", "$HOME"});
    CHECK(util::command_words(" ").empty());
    CHECK(util::prefixed_lines("backplan: groff: ", "one\ntwo") ==
          "backplan: groff: one\nbackplan: groff: two\n");
    CHECK(util::prefixed_lines("backplan: groff: ", "").empty());
  }
}

TEST_SUITE("render::pdf")
{
  TEST_CASE("groff's messages reach the user, and a failing groff leaves no file and says so")
  {
    const std::string dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/out");
    SUBCASE("it fails")
    {
      const std::string bin =
        test::stand_in(dir, "groff",
                       "cat >/dev/null\n"
                       "echo 'troff: <standard input>:12: error: cannot load font' >&2\n"
                       "printf '%%PDF-1.4 half a page'\n"
                       "exit 1\n");
      const auto result = test::run_backplan({"plan", "-f", "pdf", "-o", dir + "/out/plan.pdf"},
                                             {{"PATH", bin + ":" + std::getenv("PATH")}});
      CHECK(result.status == 1);
      CHECK(result.err == "backplan: groff: troff: <standard input>:12: error: cannot load font\n"
                          "backplan: error: groff -ms -Tpdf failed (exit status 1), so no PDF was written\n");
      CHECK(std::filesystem::is_empty(dir + "/out"));
    }
    SUBCASE("it warns, and makes the PDF")
    {
      const std::string bin =
        test::stand_in(dir, "groff",
                       "test \"$*\" = '-ms -Tpdf' || exit 9\n"
                       "grep -q 'back-care plan, made by backplan' || exit 8\n"
                       "echo 'troff: <standard input>:40: warning: cannot break line' >&2\n"
                       "printf '%%PDF-1.4 a handout'\n");
      const auto result = test::run_backplan({"plan", "-f", "pdf", "-o", dir + "/out/plan.pdf"},
                                             {{"PATH", bin + ":" + std::getenv("PATH")}});
      CHECK(result.status == 0);
      CHECK(result.err == "backplan: groff: troff: <standard input>:40: warning: cannot break line\n");
      CHECK(test::slurp(dir + "/out/plan.pdf") == "%PDF-1.4 a handout");
    }
  }
}
