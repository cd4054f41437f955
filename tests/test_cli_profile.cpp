#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace backplan;
using test::run_backplan;

namespace {

/// A config folder holding `profile` as backplan/profile.yaml.
std::string config_with(const std::string& profile)
{
  const std::string home = test::temp_dir();
  std::filesystem::create_directories(home + "/.config/backplan");
  std::ofstream(home + "/.config/backplan/profile.yaml") << profile;
  return home;
}

std::map<std::string, std::string> env_for(const std::string& home)
{
  return {{"HOME", home}, {"XDG_CONFIG_HOME", home + "/.config"}};
}

/// The ids of a vocabulary as a message lists them.
std::string ids_of(const catalog::Vocabulary& vocabulary)
{
  std::string out;
  for (const auto& id : vocabulary.ids()) {
    out += (out.empty() ? "" : ", ") + id;
  }
  return out;
}

} // namespace

TEST_SUITE("cli::profile")
{
  TEST_CASE("the profile's defaults apply and the command line overrides them")
  {
    const auto home = config_with("conditions: [sciatica]\nminutes: 15\nsetting: desk\nformat: csv\n");
    const auto env = env_for(home);
    const std::string file = home + "/.config/backplan/profile.yaml";
    const auto shown = run_backplan({"profile"}, env);
    CHECK(shown.status == 0);
    CHECK(shown.out == "profile     " + file +
                         " (found)\n"
                         "conditions  radiating-leg-pain               profile " +
                         file +
                         "\n"
                         "cleared     no                               default\n"
                         "minutes     15                               profile " +
                         file +
                         "\n"
                         "goals       (none)                           default\n"
                         "regions     (none)                           default\n"
                         "level       (gentle, moderate)               default\n"
                         "include     (none)                           default\n"
                         "exclude     (none)                           default\n"
                         "exercises   (none)                           default\n"
                         "doses       (none)                           default\n"
                         "title       (none)                           default\n"
                         "note        (none)                           default\n"
                         "review      (none)                           default\n"
                         "lead_in     5                                default\n"
                         "setting     desk                             profile " +
                         file +
                         "\n"
                         "seed        0                                default\n"
                         "format      csv                              profile " +
                         file + "\n");
    const auto overridden = run_backplan({"profile", "--knee", "-m", "20", "--setting", "floor"}, env);
    CHECK(overridden.out.find("conditions  radiating-leg-pain, knee         profile " + file +
                              " and command line\n") != std::string::npos);
    CHECK(overridden.out.find("minutes     20                               command line\n") !=
          std::string::npos);
    CHECK(overridden.out.find("setting     floor                            command line\n") !=
          std::string::npos);

    // The plan itself follows: csv, 15 minutes, desk, no hamstring stretch.
    const auto plan = run_backplan({"plan"}, env);
    REQUIRE(plan.status == 0);
    CHECK(plan.out.starts_with("index,"));
    CHECK(plan.out.find("hamstring-stretch") == std::string::npos);
    const auto text = run_backplan({"plan", "-f", "text"}, env);
    CHECK(text.out.starts_with(
      "A 15-minute back-care plan\nHow often: once a day\nMade for:  Pain radiating into the leg\n"));
    CHECK(text.out.find("Setting:   at a desk") != std::string::npos);
  }

  TEST_CASE("--no-profile ignores it and --profile reads another file")
  {
    const auto home = config_with("minutes: 15\n");
    const auto env = env_for(home);
    CHECK(run_backplan({"--no-profile", "plan", "-f", "text"}, env).out.starts_with("A 10-minute"));
    const std::string other = home + "/other.yaml";
    std::ofstream(other) << "minutes: 25\n";
    CHECK(run_backplan({"--profile", other, "plan"}, env).out.starts_with("A 25-minute"));
    CHECK(run_backplan({"plan"}, env).out.starts_with("A 15-minute"));
  }

  TEST_CASE("the profile takes what the command line takes: times with units, lists as one string, "
            "aliases")
  {
    const auto home =
      config_with("conditions: sciatica, knee\nminutes: 10 min\ngoals: mobility\nregions: lower-back\n");
    const auto from_profile = run_backplan({"plan", "--seed", "3", "-f", "json"}, env_for(home));
    const auto from_options =
      run_backplan({"--no-profile", "plan", "--seed", "3", "-f", "json", "-c", "sciatica,knee", "-m",
                    "10 min", "-g", "mobility", "-r", "lower-back"},
                   env_for(home));
    REQUIRE(from_profile.status == 0);
    REQUIRE(from_options.status == 0);
    auto profile_plan = nlohmann::json::parse(from_profile.out);
    auto options_plan = nlohmann::json::parse(from_options.out);
    CHECK(profile_plan["request"]["conditions"] == nlohmann::json{"radiating-leg-pain", "knee"});
    CHECK(profile_plan["request"]["minutes"] == 10);
    CHECK(profile_plan["items"] == options_plan["items"]);
    // A list string with no item is an error, as an empty list item is.
    const auto empty = config_with("conditions: ' , '\n");
    const auto refused = run_backplan({"plan"}, env_for(empty));
    CHECK(refused.status == 3);
    CHECK(refused.err == empty +
                           "/.config/backplan/profile.yaml:1:13: error: 'conditions' must name at least one "
                           "item, found ' , '\n");
    // An unknown item of a list string is said at the item.
    const auto typo = config_with("conditions: knee, sciatic\n");
    const auto unknown = run_backplan({"plan"}, env_for(typo));
    CHECK(unknown.status == 3);
    CHECK(unknown.err.starts_with(typo +
                                  "/.config/backplan/profile.yaml:1:19: error: unknown condition 'sciatic'"));
    const auto hour = config_with("minutes: 1h\n");
    CHECK(nlohmann::json::parse(
            run_backplan({"plan", "-f", "json"}, env_for(hour)).out)["request"]["minutes"] == 60);
  }

  TEST_CASE("a bad profile gets positioned errors and exit 3")
  {
    const auto home = config_with("conditons: [knee]\nminutes: 500\nsetting: bed\nformat: odt\n"
                                  "goals: {mobility: 1}\nregions: [lowerback]\nconditions: [sciatic]\n");
    const auto r = run_backplan({"plan"}, env_for(home));
    const std::string file = home + "/.config/backplan/profile.yaml";
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(
      r.err ==
      file + ":1:1: error: unknown key 'conditons' in a profile (did you mean 'conditions'?)\n" + file +
        ":2:10: error: 'minutes' must be 1 to 180 minutes, as 10, 10m, 10min, 10 min or 1h, found '500'\n" +
        file + ":3:10: error: 'setting' must be one of floor, desk, found 'bed'\n" + file +
        ":4:9: error: 'format' must be one of text, markdown, html, json, csv, roff, pdf, found 'odt'\n" +
        file + ":5:8: error: 'goals' must be a list, found a mapping\n" + file +
        ":6:11: error: unknown region 'lowerback' (did you mean 'lower-back'?); valid regions: " +
        ids_of(test::builtin_catalog().regions) + "\n" + file +
        ":7:14: error: unknown condition 'sciatic' (did you mean 'radiating-leg-pain'?); valid "
        "conditions: " +
        ids_of(test::builtin_catalog().conditions) + "\n");
    const auto missing = run_backplan({"--profile", home + "/nope.yaml", "plan"}, env_for(home));
    CHECK(missing.status == 3);
    CHECK(missing.err == home + "/nope.yaml: error: cannot open: No such file or directory\n");
    const auto not_a_map = config_with("- knee\n");
    CHECK(run_backplan({"plan"}, env_for(not_a_map))
            .err.ends_with("profile.yaml:1:1: error: expected a mapping of profile keys, found a list\n"));
  }

  TEST_CASE("the config folder's catalog is loaded like --catalog")
  {
    const std::string home = test::temp_dir();
    std::filesystem::create_directories(home + "/.config/backplan/catalog");
    std::filesystem::copy_file(test::data_path("valid/conditions.yaml"),
                               home + "/.config/backplan/catalog/conditions.yaml");
    const auto r = run_backplan({"conditions"}, env_for(home));
    CHECK(r.status == 0);
    CHECK(r.out.find("coccyx-pain  ") != std::string::npos);
    // HOME alone finds ~/.config when XDG_CONFIG_HOME is unset.
    const auto by_home = run_backplan({"conditions"}, {{"HOME", home}, {"XDG_CONFIG_HOME", ""}});
    CHECK(by_home.out.find("coccyx-pain  ") != std::string::npos);
    std::ofstream(home + "/.config/backplan/catalog/broken.yaml") << "id: [\n";
    const auto broken = run_backplan({"list"}, env_for(home));
    CHECK(broken.status == 3);
    CHECK(broken.err.starts_with(home + "/.config/backplan/catalog/broken.yaml:"));
  }
}
