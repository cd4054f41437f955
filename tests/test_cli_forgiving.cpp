// The edges of the command line a new user meets first: aliases as flags,
// typos, units, the format from -o, widths, the user's folders.
#include "cli/show_yaml.hpp"
#include "render/show.hpp"
#include "support.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;
using test::run_backplan;

namespace {

/// A config folder (as XDG_CONFIG_HOME) with backplan/ in it, and the
/// environment that uses it.
struct Config {
  std::string folder;
  std::map<std::string, std::string> env;
};

Config config()
{
  const std::string home = test::temp_dir();
  std::filesystem::create_directories(home + "/.config/backplan");
  return {home + "/.config/backplan", {{"HOME", home}, {"XDG_CONFIG_HOME", home + "/.config"}}};
}

/// The longest line of `text`, in display columns.
std::size_t widest(const std::string& text)
{
  std::size_t most = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    most = std::max(most, util::display_width(text.substr(start, end - start)));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return most;
}

} // namespace

TEST_SUITE("cli::forgiving")
{
  TEST_CASE("every alias is a flag, and names match in any case")
  {
    const auto by_id = run_backplan({"plan", "-c", "radiating-leg-pain"});
    REQUIRE(by_id.status == 0);
    CHECK(run_backplan({"plan", "--sciatica"}).out == by_id.out);
    CHECK(run_backplan({"plan", "-c", "SCIATICA"}).out == by_id.out);
    const auto knee = run_backplan({"plan", "-c", "knee"});
    CHECK(run_backplan({"plan", "--knees"}).out == knee.out);
    CHECK(run_backplan({"plan", "-c", "KNEE"}).out == knee.out);
  }

  TEST_CASE("plan --help groups its options and lists the conditions, the top-level help ends with examples")
  {
    const auto help = run_backplan({"plan", "--help"});
    REQUIRE(help.status == 0);
    const auto conditions = help.out.find("\nConditions:\n");
    const auto focus = help.out.find("\nTime and focus:\n");
    const auto output = help.out.find("\nOutput:\n");
    CHECK(conditions < focus);
    CHECK(focus < output);
    CHECK(output != std::string::npos);
    CHECK(help.out.find("Conditions, each id and alias also a flag (--knee, --sciatica):\n  knee (knees, ") !=
          std::string::npos);
    CHECK(help.out.find("radiating-leg-pain (sciatica,") != std::string::npos);
    CHECK(help.out.ends_with("Run 'backplan conditions' to see what each one changes.\n"));
    CHECK(help.out.find("  --knees") == std::string::npos); // the flags are not listed one by one

    const auto top = run_backplan({"--help"});
    CHECK(top.out.find("Examples:\n  backplan plan --sciatica -m 15") != std::string::npos);
    CHECK(top.out.ends_with("Run 'backplan COMMAND --help' for the options of a command.\n"));
  }

  TEST_CASE("a mistyped option gets a did-you-mean and the command's --help")
  {
    const auto r = run_backplan({"plan", "--minute", "10"});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "backplan: error: unknown option '--minute' (did you mean '--minutes'?)\n"
                   "Run 'backplan plan --help' for usage.\n");
    CHECK(run_backplan({"list", "--regoin", "neck"}).err ==
          "backplan: error: unknown option '--regoin' (did you mean '--region'?)\n"
          "Run 'backplan list --help' for usage.\n");
    CHECK(
      run_backplan({"plan", "--setting", "bed"}).err.ends_with("Run 'backplan plan --help' for usage.\n"));
  }

  TEST_CASE("global options work before and after the command")
  {
    const auto before = run_backplan({"--width", "40", "--color", "never", "plan"});
    REQUIRE(before.status == 0);
    CHECK(widest(before.out) <= 40);
    CHECK(run_backplan({"plan", "--width", "40", "--color", "never"}).out == before.out);
    CHECK(run_backplan({"plan", "--color", "always", "--width", "40"}).out.find("\x1b[") !=
          std::string::npos);
  }

  TEST_CASE("list, show and conditions fit --width down to 40 columns")
  {
    for (const std::string width : {"40", "60", "80", "100"}) {
      CAPTURE(width);
      const auto list = run_backplan({"--width", width, "list"});
      REQUIRE(list.status == 0);
      CHECK(widest(list.out) <= std::stoul(width));
      // Every exercise is still there, by id, and from 80 columns (a
      // terminal's usual width) by its whole name: regions and positions
      // give way first.
      for (const auto& exercise : test::builtin_catalog().exercises) {
        CHECK(list.out.find(exercise.id + " ") != std::string::npos);
        if (std::stoul(width) >= 80) {
          CHECK(list.out.find("  " + exercise.name + "  ") != std::string::npos);
        }
      }
      const auto conditions = run_backplan({"--width", width, "conditions"});
      REQUIRE(conditions.status == 0);
      CHECK(widest(conditions.out) <= std::stoul(width));
    }
    // show: the command once, and every exercise as it prints it.
    const auto shown = run_backplan({"--width", "40", "show", "upper-back-stretch"});
    REQUIRE(shown.status == 0);
    CHECK(widest(shown.out) <= 40);
    const auto& catalog = test::builtin_catalog();
    CHECK(shown.out == render::exercise_text(catalog, *catalog.find("upper-back-stretch"), 40));
    for (const auto& exercise : catalog.exercises) {
      CAPTURE(exercise.id);
      for (const std::size_t width : {40, 60}) {
        CHECK(widest(render::exercise_text(catalog, exercise, width)) <= width);
      }
    }
  }

  TEST_CASE("-m takes 10, 10m, 10min, 10 min and 1h, and the last -m counts")
  {
    const auto ten = run_backplan({"plan", "-m", "10"});
    REQUIRE(ten.status == 0);
    CHECK(run_backplan({"plan", "-m", "10m"}).out == ten.out);
    CHECK(run_backplan({"plan", "--minutes", "10min"}).out == ten.out);
    CHECK(run_backplan({"plan", "--minutes", "10 min"}).out == ten.out);
    CHECK(run_backplan({"plan", "-m", "5", "-m", "10"}).out == ten.out);
    CHECK(run_backplan({"plan", "-m", "1h"}).out == run_backplan({"plan", "-m", "60"}).out);
    for (const char* wrong : {"10h", "10 x"}) { // the words themselves: util::parse_minutes's test
      CAPTURE(wrong);
      const auto refused = run_backplan({"plan", "-m", wrong});
      CHECK(refused.status == 2);
      CHECK(refused.err == fmt::format("backplan: error: --minutes: must be 1 to 180 minutes, as 10, 10m, "
                                       "10min, 10 min or 1h, found '{}'\nRun 'backplan plan --help' for "
                                       "usage.\n",
                                       wrong));
    }
  }

  TEST_CASE("--seed takes a whole number or daily, and so does the profile")
  {
    const auto negative = run_backplan({"plan", "--seed", "-1"});
    CHECK(negative.status == 2);
    CHECK(negative.err == "backplan: error: --seed: must be a whole number of 0 or more, or 'daily', "
                          "found '-1'\nRun 'backplan plan --help' for usage.\n");
    CHECK(run_backplan({"plan", "--seed", "x"}).status == 2);

    const std::string today = std::to_string(util::daily_seed());
    const auto daily = run_backplan({"plan", "--seed", "daily", "-f", "json"});
    REQUIRE(daily.status == 0);
    // The same plan, and the JSON says how the seed was asked for.
    auto by_date = nlohmann::json::parse(daily.out);
    auto by_number = nlohmann::json::parse(run_backplan({"plan", "--seed", today, "-f", "json"}).out);
    CHECK(by_date["request"]["seed_given"] == "daily");
    CHECK(by_number["request"]["seed_given"] == today);
    CHECK(by_date["request"]["seed"] == by_number["request"]["seed"]);
    by_date["request"].erase("seed_given");
    by_number["request"].erase("seed_given");
    CHECK(by_date == by_number);
    CHECK(today.size() == 8); // YYYYMMDD

    const auto c = config();
    std::ofstream(c.folder + "/profile.yaml") << "seed: 7\n";
    CHECK(run_backplan({"plan", "-f", "json"}, c.env).out ==
          run_backplan({"plan", "--seed", "7", "-f", "json"}).out);
    CHECK(
      run_backplan({"profile"}, c.env).out.find("seed        7                                profile ") !=
      std::string::npos);
  }

  TEST_CASE("-o takes the format from the extension unless -f is given")
  {
    const std::string dir = test::temp_dir();
    const auto json = run_backplan({"plan", "-f", "json"}).out;
    const auto text = run_backplan({"plan", "-f", "text"}).out;
    const auto csv = run_backplan({"plan", "-f", "csv"}).out;
    const auto roff = run_backplan({"plan", "-f", "roff"}).out;
    const std::vector<std::pair<std::string, std::string>> cases = {
      {"plan.json", json}, {"plan.JSON", json}, {"plan.csv", csv}, {"plan.ms", roff},
      {"plan.roff", roff}, {"plan.txt", text},  {"plan", text}};
    for (const auto& [name, expected] : cases) {
      CAPTURE(name);
      REQUIRE(run_backplan({"plan", "-o", dir + "/" + name}).status == 0);
      CHECK(test::slurp(dir + "/" + name) == expected);
    }
    for (const std::string name : {"plan.md", "plan.markdown"}) {
      REQUIRE(run_backplan({"plan", "-o", dir + "/" + name}).status == 0);
      CHECK(test::slurp(dir + "/" + name).starts_with("---\n"));
    }
    // -f and an extension that names another format: refused (cli::output).
    CHECK(run_backplan({"plan", "-f", "csv", "-o", dir + "/explicit.json"}).status == 2);
    REQUIRE(run_backplan({"plan", "-f", "csv", "-o", dir + "/explicit.csv"}).status == 0);
    CHECK(test::slurp(dir + "/explicit.csv") == csv);
    CHECK(run_backplan({"profile", "-o", "x.json"}).status == 2); // -o is the plan's alone
  }

  TEST_CASE("list, show and conditions follow --width, conditions has json and csv")
  {
    // list cuts regions and names, never ids, so it needs more room.
    const std::vector<std::pair<std::vector<std::string>, std::size_t>> commands = {
      {{"list"}, 80}, {{"show", "bridge"}, 50}, {{"conditions"}, 50}};
    for (const auto& [command, width] : commands) {
      CAPTURE(command.front());
      auto args = command;
      args.insert(args.end(), {"--width", std::to_string(width)});
      const auto narrow = run_backplan(args);
      REQUIRE(narrow.status == 0);
      CHECK(widest(narrow.out) <= width);
      CHECK(widest(run_backplan(command).out) > width);
    }
    const auto& catalog = test::builtin_catalog();
    const auto json = run_backplan({"conditions", "-f", "json"});
    REQUIRE(json.status == 0);
    CHECK(json.out.starts_with(
      "{\n  \"schema_version\": 1,\n  \"conditions\": [\n    {\n      \"id\": \"knee\",\n      "
      "\"name\": \"Knee problems\",\n      \"aliases\": ["));
    CHECK(test::count(json.out, "\"excludes\":") == catalog.conditions.terms.size());
    const auto csv = run_backplan({"conditions", "-f", "csv"});
    CHECK(csv.out.starts_with("id,name,aliases,description,excludes,modifies,cautions\r\nknee,Knee problems,"
                              "\"knees,knee-pain,sore-knees\","));
    CHECK(test::count(csv.out, "\r\n") == catalog.conditions.terms.size() + 1);
  }

  TEST_CASE("list on a terminal has a header row and fits the terminal's width")
  {
    if (test::shell("command -v script").status != 0) {
      FAIL("script(1) is not installed: apt-get install bsdutils");
    }
    // script(1) gives the program a terminal 90 columns wide.
    const auto r = test::shell("XDG_CONFIG_HOME=" + test::temp_dir() + " script -qec 'stty cols 90; " +
                               std::string(BACKPLAN_EXE) + " --color never list' /dev/null");
    REQUIRE(r.status == 0);
    std::string out = r.out; // the terminal ends lines with CR LF
    out.erase(std::remove(out.begin(), out.end(), '\r'), out.end());
    CHECK(out.starts_with("ID "));
    CHECK(out.find(" NAME ") != std::string::npos);
    CHECK(widest(out) <= 90);
    CHECK(widest(out) > 80); // the terminal's width, not the default
    CHECK_FALSE(run_backplan({"list"}).out.starts_with("ID "));
  }

  TEST_CASE("show -f yaml prints catalog syntax that loads back to the same exercise")
  {
    // Every exercise in one load, in this process; then the command line
    // for one of them, file and all.
    const auto& builtin = test::builtin_catalog();
    const auto without_file = [](std::string json) {
      const auto at = json.find("\n  \"file\": ");
      REQUIRE(at != std::string::npos);
      return json.erase(at, json.find('\n', at + 1) - at);
    };
    catalog::Layer copies;
    copies.name = "copies";
    for (const auto& exercise : builtin.exercises) {
      copies.files.push_back({exercise.id + ".yaml", cli::exercise_yaml(exercise)});
    }
    const auto reloaded = catalog::load({catalog::builtin_layer(), copies});
    REQUIRE(reloaded.errors.empty());
    CHECK(reloaded.notes.size() == builtin.exercises.size()); // each copy replaces its original
    for (const auto& exercise : builtin.exercises) {
      CAPTURE(exercise.id);
      const auto* copy = reloaded.catalog.find(exercise.id);
      REQUIRE(copy != nullptr);
      CHECK(copy->where.file == exercise.id + ".yaml");
      CHECK(without_file(render::exercise_json(reloaded.catalog, *copy)) ==
            without_file(render::exercise_json(builtin, exercise)));
    }

    const std::string id = builtin.exercises.front().id;
    const auto yaml = run_backplan({"show", id, "-f", "yaml"});
    REQUIRE(yaml.status == 0);
    CHECK(yaml.out == cli::exercise_yaml(builtin.exercises.front()));
    const std::string path = test::temp_dir() + "/" + id + ".yaml";
    std::ofstream(path) << yaml.out;
    CHECK(run_backplan({"check", path}).out ==
          "ok: 1 files, 1 exercises, 0 conditions, 0 regions, 0 goals, 0 positions\n");
    const auto shown = run_backplan({"--catalog", path, "show", id, "-f", "json"});
    REQUIRE(shown.status == 0);
    CHECK(shown.err.starts_with("backplan: note: exercise '" + id + "' from " + path +
                                " replaces the one from <built-in>/"));
    CHECK(without_file(shown.out) == without_file(run_backplan({"show", id, "-f", "json"}).out));
  }

  TEST_CASE("wrapping never counts colour codes as columns")
  {
    const std::string bold = "\x1b[1mword\x1b[0m";
    CHECK(util::display_width(bold) == 4);
    CHECK(util::wrap(bold + " " + bold, 9) == std::vector<std::string>{bold + " " + bold});
  }

  TEST_CASE("check PATH counts PATH alone")
  {
    const std::string dir = test::temp_dir();
    std::ofstream(dir + "/one.yaml") << test::slurp(std::string(BACKPLAN_SOURCE_DIR) +
                                                    "/catalog/exercises/bridge.yaml")
                                          .replace(4, 6, "my-bridge");
    const auto r = run_backplan({"check", dir});
    CHECK(r.status == 0);
    CHECK(r.out == "ok: 1 files, 1 exercises, 0 conditions, 0 regions, 0 goals, 0 positions\n");
  }

  TEST_CASE("--no-builtin with no catalog says no exercises are loaded")
  {
    const auto r = run_backplan({"--no-builtin", "plan"});
    CHECK(r.status == 4);
    CHECK(r.out.empty());
    CHECK(r.err == "backplan: no safe plan: no exercises loaded; add a catalog with --catalog PATH, "
                   "or leave out --no-builtin.\n");
  }

  TEST_CASE("a broken file in the user's catalog folder: each error once, the folder, and --no-user-catalog")
  {
    const auto c = config();
    std::filesystem::create_directories(c.folder + "/catalog");
    std::ofstream(c.folder + "/catalog/half.yaml") << "id: half\nname: [\n";
    const auto r = run_backplan({"plan"}, c.env);
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(test::count(r.err, c.folder + "/catalog/half.yaml:") == 1);
    CHECK(r.err.ends_with("backplan: the errors above are in your catalog folder " + c.folder +
                          "/catalog; fix them, or run with --no-user-catalog to leave that folder out\n"));
    const auto without = run_backplan({"--no-user-catalog", "plan"}, c.env);
    CHECK(without.status == 0);
    CHECK(without.out == run_backplan({"--no-user-catalog", "plan"}).out);
    CHECK(run_backplan({"plan", "--no-user-catalog"}, c.env).status == 0);

    // --version, --help and completion never read it.
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--version"}, {"--help"}, {"completion", "bash"}}) {
      CAPTURE(args.front());
      const auto quiet = run_backplan(args, c.env);
      CHECK(quiet.status == 0);
      CHECK(quiet.err.empty());
    }
  }

  TEST_CASE("--version, --help and completion never read a catalog, what needs one reads it")
  {
    // The kernel reports each open of the user's catalog folder (inotify):
    // no clock, no file system option decides the answer. With no cache, a
    // command that loads the catalog opens every file of it (a warm cache
    // would let it take the file from the cache once the file has settled).
    auto c = config();
    c.env["BACKPLAN_NO_CACHE"] = "1";
    const std::string folder = c.folder + "/catalog";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/bridge.yaml",
                               folder + "/bridge.yaml");
    const auto reads_catalog = [&](const std::vector<std::string>& args) {
      test::RunResult r;
      const auto opened = test::opened_during(folder, [&] { r = run_backplan(args, c.env); });
      CHECK(r.status == 0);
      return opened.contains("bridge.yaml");
    };
    CHECK_FALSE(reads_catalog({"--version"}));
    CHECK_FALSE(reads_catalog({"--help"}));
    CHECK_FALSE(reads_catalog({"list", "--help"}));
    CHECK_FALSE(reads_catalog({"completion", "bash"}));
    CHECK_FALSE(reads_catalog({"__complete", ""}));          // the commands
    CHECK_FALSE(reads_catalog({"__complete", "list", "-"})); // options, none of them a condition
    CHECK(reads_catalog({"plan", "--help"}));                // it lists the catalog's conditions
    CHECK(reads_catalog({"__complete", "plan", "--kn"}));    // the condition flags
    CHECK(reads_catalog({"__complete", "plan", "-c", ""}));  // the conditions
    CHECK(reads_catalog({"check"}));
  }

  TEST_CASE("profile says where it looked, a profile's notes print once")
  {
    const auto c = config();
    CHECK(run_backplan({"profile"}, c.env)
            .out.starts_with("profile     " + c.folder + "/profile.yaml (not found)\n"));
    CHECK(
      run_backplan({"--no-profile", "profile"}, c.env).out.starts_with("profile     none (--no-profile)\n"));
    std::ofstream(c.folder + "/profile.yaml") << "minutes: 12\n";
    std::filesystem::create_directories(c.folder + "/catalog");
    std::filesystem::copy_file(std::string(BACKPLAN_SOURCE_DIR) + "/catalog/exercises/bridge.yaml",
                               c.folder + "/catalog/bridge.yaml");
    const auto r = run_backplan({"plan"}, c.env);
    CHECK(r.status == 0);
    CHECK(r.err == "backplan: note: exercise 'bridge' from " + c.folder +
                     "/catalog/bridge.yaml replaces the one from <built-in>/exercises/bridge.yaml\n");
  }
}
