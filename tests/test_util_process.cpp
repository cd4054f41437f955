// Other programs run with posix_spawnp and an argument vector, never through
// a shell, and what they say on standard error reaches the user.
#include "support.hpp"
#include "util/process.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

using namespace backplan;

TEST_SUITE("util::process")
{
  TEST_CASE("a program gets its arguments as they are: no shell reads them")
  {
    const std::string dir = test::temp_dir();
    util::BackgroundPrograms programs;
    CHECK(programs.start({"/bin/sh", "-c", "printf '%s|' \"$@\" >&2; exit 3", "sh", "$(touch " + dir + "/x)",
                          "a b"}) == 0);
    const auto failed = programs.wait(std::chrono::seconds(20));
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].exit_code == 3);
    CHECK(util::describe(failed[0]) == "exit status 3");
    CHECK(programs.take_error_output() == "$(touch " + dir + "/x)|a b|");
    CHECK(std::filesystem::is_empty(dir));
  }

  TEST_CASE("a program killed by a signal says which")
  {
    util::BackgroundPrograms programs;
    CHECK(programs.start({"/bin/sh", "-c", "kill -TERM $$"}) == 0);
    const auto failed = programs.wait(std::chrono::seconds(20));
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].signal == 15);
    CHECK(util::describe(failed[0]) == "signal 15 (Terminated)");
  }

  TEST_CASE("programs writing their errors at the same moment lose no line")
  {
    // They share one file; each write lands at its end (O_APPEND), so that
    // no line is written over another's.
    util::BackgroundPrograms programs;
    constexpr int count = 40;
    std::vector<std::string> expected;
    for (int i = 0; i < count; ++i) {
      const std::string line = fmt::format("program {} of {} has something to say", i, count);
      CHECK(programs.start({"/bin/sh", "-c", "sleep 0.05; echo \"$1\" >&2", "sh", line}) == 0);
      expected.push_back(line);
    }
    CHECK(programs.wait(std::chrono::seconds(30)).empty());
    auto lines = test::lines_of(programs.take_error_output());
    std::sort(lines.begin(), lines.end());
    std::sort(expected.begin(), expected.end());
    CHECK(lines == expected);
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
    CHECK(util::prefixed_lines("backplan: --say: ", "one\ntwo") ==
          "backplan: --say: one\nbackplan: --say: two\n");
    CHECK(util::prefixed_lines("backplan: --say: ", "").empty());
  }
}
