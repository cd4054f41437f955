// One parser: CLI11 reads the whole command line, global options count
// wherever they stand, condition flags are read from what it leaves over,
// and completion offers what it accepts.
#include "backplan/safety/conditions.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <vector>

using namespace backplan;
using test::run_backplan;

namespace {

using Args = std::vector<std::string>;

/// The first word of each line `__complete` answers for `words`.
Args offered(const Args& words)
{
  Args args = {"__complete"};
  args.insert(args.end(), words.begin(), words.end());
  const auto result = run_backplan(args);
  REQUIRE(result.status == 0);
  Args out;
  for (const auto& line : test::lines_of(result.out)) {
    if (!line.empty()) {
      out.push_back(line.substr(0, line.find('\t')));
    }
  }
  return out;
}

/// Runs backplan with `args` and checks it is a usage error (status 2) that
/// prints nothing and says exactly `err`.
void expect_usage_error(const Args& args, const std::string& err)
{
  CAPTURE(args);
  const auto r = run_backplan(args);
  CHECK(r.status == 2);
  CHECK(r.out == "");
  CHECK(r.err == err);
}

} // namespace

TEST_SUITE("cli::parser")
{
  TEST_CASE("--no-builtin and --catalog, in each spelling, mean the same before and after the command")
  {
    const std::string own = test::data_path("fixture-catalog");
    const auto expected = run_backplan({"--no-builtin", "--catalog", own, "list"});
    REQUIRE(expected.status == 0);
    CHECK(expected.out.starts_with("cat-camel "));
    CHECK(expected.out != run_backplan({"list"}).out);
    for (const Args& args : {Args{"--no-builtin=true", "--catalog=" + own, "list"},
                             Args{"list", "--no-builtin", "--catalog", own},
                             Args{"list", "--no-builtin=true", "--catalog=" + own},
                             Args{"--no-builtin", "list", "--catalog=" + own},
                             Args{"--catalog", own, "list", "--no-builtin=true"}}) {
      CAPTURE(args);
      const auto r = run_backplan(args);
      CHECK(r.status == 0);
      CHECK(r.err == "");
      CHECK(r.out == expected.out);
    }
    // false is the built-in catalog, as without the flag.
    const auto builtin = run_backplan({"list"});
    CHECK(run_backplan({"--no-builtin=false", "list"}).out == builtin.out);
    CHECK(run_backplan({"list", "--no-builtin=false"}).out == builtin.out);
    for (const Args& args : {Args{"--no-builtin=true", "plan"}, Args{"plan", "--no-builtin=true"}}) {
      CAPTURE(args);
      const auto r = run_backplan(args);
      CHECK(r.status == 4);
      CHECK(r.err == "backplan: no safe plan: no exercises loaded; add a catalog with --catalog PATH, "
                     "or leave out --no-builtin.\n");
    }
  }

  TEST_CASE("a condition flag follows the command, in any case, its value after '='")
  {
    const auto knee = run_backplan({"plan", "-c", "knee", "-f", "json"});
    REQUIRE(knee.status == 0);
    CHECK(run_backplan({"plan", "--knee", "-f", "json"}).out == knee.out);
    CHECK(run_backplan({"plan", "--KNEE", "-f", "json"}).out == knee.out);
    CHECK(run_backplan({"plan", "-f", "json", "--Knees"}).out == knee.out);
    const auto hip = run_backplan({"plan", "-c", "hip-replacement=anterior", "-f", "json"});
    REQUIRE(hip.status == 0);
    CHECK(run_backplan({"plan", "--hip-replacement=anterior", "-f", "json"}).out == hip.out);
    CHECK(run_backplan({"plan", "-f", "json", "--total-hip-replacement=ANTERIOR"}).out == hip.out);
  }

  TEST_CASE("a misplaced or misspelt option says what is wrong and where to look")
  {
    // A command's option before the command, a condition flag too.
    expect_usage_error({"--knee", "plan"},
                       "backplan: error: '--knee' is an option of 'plan': give it after the command\n"
                       "Run 'backplan plan --help' for usage.\n");
    expect_usage_error({"-m", "5", "plan"},
                       "backplan: error: '-m' is an option of 'plan': give it after the command\n"
                       "Run 'backplan plan --help' for usage.\n");
    expect_usage_error({"plan", "--kne"}, "backplan: error: unknown option '--kne' (did you mean '--knee'?)\n"
                                          "Run 'backplan plan --help' for usage.\n");
    expect_usage_error(
      {"plan", "--hip-replacement", "anterior"},
      "backplan: error: a condition flag takes its value after '=': '--hip-replacement=anterior'\n"
      "Run 'backplan plan --help' for usage.\n");
    expect_usage_error({"plan", "--knee=left"},
                       "backplan: error: condition 'knee' takes no value, found 'left'\n");
    // list takes no condition flags, but a condition after --condition.
    expect_usage_error({"list", "--knee"},
                       "backplan: error: unknown option '--knee' (did you mean '--condition knee'?)\n"
                       "Run 'backplan list --help' for usage.\n");
    expect_usage_error({"show", "bridge", "--knee"}, "backplan: error: unknown option '--knee'\n"
                                                     "Run 'backplan show --help' for usage.\n");
    expect_usage_error({"plan", "extra"}, "backplan: error: The following argument was not expected: extra\n"
                                          "Run 'backplan plan --help' for usage.\n");
    expect_usage_error({"plna"}, "backplan: error: unknown command 'plna' (did you mean 'plan'?)\n"
                                 "Run 'backplan --help' for usage.\n");
    expect_usage_error({"plna", "--help"}, "backplan: error: unknown command 'plna' (did you mean 'plan'?)\n"
                                           "Run 'backplan --help' for usage.\n");
    expect_usage_error({"--width", "40", "plna"},
                       "backplan: error: unknown command 'plna' (did you mean 'plan'?)\n"
                       "Run 'backplan --help' for usage.\n");
  }

  TEST_CASE("did-you-mean proposes a setting for its value, never a condition for an unrelated word")
  {
    // A value given as an option is that option's value.
    expect_usage_error({"plan", "--desk"},
                       "backplan: error: unknown option '--desk' (did you mean '--setting desk'?)\n"
                       "Run 'backplan plan --help' for usage.\n");
    expect_usage_error(
      {"plan", "--challenging"},
      "backplan: error: unknown option '--challenging' (did you mean '--level challenging'?)\n"
      "Run 'backplan plan --help' for usage.\n");
    expect_usage_error({"list", "--neck"},
                       "backplan: error: unknown option '--neck' (did you mean '--condition neck'?)\n"
                       "Run 'backplan list --help' for usage.\n");
    // An unrelated word gets the conditions' list rather than a guess.
    const std::string conditions = util::join(test::builtin_catalog().conditions.ids(), ", ");
    for (const char* word : {"--back-pain", "--disc"}) {
      expect_usage_error({"plan", word},
                         fmt::format("backplan: error: unknown option '{}'\nConditions, as --ID or -c ID: "
                                     "{}\nRun 'backplan plan --help' for usage.\n",
                                     word, conditions));
    }
    for (const char* word : {"back-pain", "disc"}) {
      expect_usage_error({"plan", "-c", word},
                         fmt::format("backplan: error: unknown condition '{}'\nvalid conditions: {}\n", word,
                                     util::join(safety::condition_names(test::builtin_catalog()), ", ")));
    }
    // A condition flag with no command: the command it belongs to.
    expect_usage_error({"--sciatica"},
                       "backplan: error: a condition flag needs a command: did you mean 'backplan plan "
                       "--sciatica'?\nRun 'backplan --help' for usage.\n");
    expect_usage_error({"-c", "knee", "-m", "5"},
                       "backplan: error: a condition option needs a command: did you mean 'backplan plan -c "
                       "knee -m 5'?\nRun 'backplan --help' for usage.\n");
  }

  TEST_CASE("completion offers what the parser accepts")
  {
    // Every condition flag offered is taken, all at once.
    Args flags;
    for (const auto& line : test::lines_of(run_backplan({"__complete", "profile", "--"}).out)) {
      if (line.find("\tsame as --condition ") != std::string::npos) {
        flags.push_back(line.substr(0, line.find('\t')));
      }
    }
    REQUIRE(flags.size() > 20);
    Args args = {"profile"};
    args.insert(args.end(), flags.begin(), flags.end());
    const auto all = run_backplan(args);
    CHECK(all.status == 0);
    CHECK(all.err == "");

    // A condition's values after its flag's '=', each taken.
    const Args approaches = offered({"plan", "--hip-replacement="});
    CHECK(approaches == Args{"--hip-replacement=posterior", "--hip-replacement=anterior",
                             "--hip-replacement=lateral", "--hip-replacement=unknown"});
    for (const auto& word : approaches) {
      CAPTURE(word);
      CHECK(run_backplan({"profile", word}).status == 0);
    }
    CHECK(offered({"plan", "--hip-replacement=ant"}) == Args{"--hip-replacement=anterior"});
    CHECK(offered({"plan", "--knee="}).empty());

    // A command that takes none is offered none, and refuses them.
    CHECK(offered({"list", "--kn"}).empty());
    CHECK(run_backplan({"list", "--knee"}).status == 2);

    // The global options, offered after the command, count there.
    CHECK(offered({"plan", "--no-b"}) == Args{"--no-builtin"});
    const std::string own = test::data_path("completion");
    for (const Args& words :
         {Args{"--no-builtin=true", "--catalog=" + own, "plan", "-c", ""},
          Args{"plan", "--no-builtin", "--catalog", own, "-c", ""},
          Args{"plan", "-c", "knee", "--catalog=" + own, "--no-builtin=true", "-c", ""}}) {
      CAPTURE(words);
      const Args conditions = offered(words);
      CHECK(test::contains(conditions, "osteoporosis"));
      CHECK_FALSE(test::contains(conditions, "sciatica"));
    }
    CHECK(offered({"--no-builtin=true", "plan", "-c", ""}).empty());
  }
}
