// The red flags every plan carries: each warning sign in the tier that says
// what to do about it, in every output format. The table below is written
// from the NHS pages on back pain, sciatica, cauda equina syndrome and neck
// pain, not from the catalog, so that a sign moved to the wrong tier fails.
#include "support.hpp"
#include "util/text.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using backplan::test::run_backplan;

namespace {

struct Tier {
  const char* name;   ///< the tier's heading
  const char* action; ///< a fragment of what it says to do
  std::vector<const char*> signs;
};

const std::vector<Tier> expected_tiers = {
  {"Emergency now",
   "emergency department",
   {"numbness or tingling around your genitals, buttocks or back passage",
    "altered feeling when you wipe yourself", "controlling your urine, or loss of bowel control",
    "ability to get an erection or to ejaculate", "sciatica in both legs",
    "weakness or numbness in a leg that is getting worse", "back pain together with chest pain",
    "serious fall or accident"}},
  {"See a doctor today",
   "urgent appointment",
   {"a fever, or feeling hot and shivery", "weight loss that you cannot explain", "a history of cancer",
    "a lump or swelling in your back", "worse at night or does not ease when you rest",
    "when you cough, sneeze or strain", "between your shoulder blades",
    "with neck problems, new pain, tingling, numbness or weakness in your arms or face"}},
  {"See a doctor or physiotherapist",
   "physiotherapist",
   {"not improving after a few weeks", "stops you doing your everyday activities",
    "these exercises make your pain or other symptoms worse"}},
};

/// Checks that each tier's heading comes in order, with its action and every
/// one of its signs after it and before the next tier's heading.
void check_tiers(const std::string& output)
{
  const std::string text = backplan::util::fold_whitespace(output);
  std::size_t from = 0;
  for (std::size_t t = 0; t < expected_tiers.size(); ++t) {
    const auto& tier = expected_tiers[t];
    CAPTURE(tier.name);
    const std::size_t begin = text.find(tier.name, from);
    REQUIRE(begin != std::string::npos);
    const std::size_t end =
      t + 1 < expected_tiers.size() ? text.find(expected_tiers[t + 1].name, begin) : text.size();
    REQUIRE(end != std::string::npos);
    const std::string section = text.substr(begin, end - begin);
    CHECK(section.find(tier.action) != std::string::npos);
    for (const char* sign : tier.signs) {
      CAPTURE(sign);
      CHECK(section.find(sign) != std::string::npos);
    }
    from = end;
  }
}

} // namespace

TEST_SUITE("safety::red_flags")
{
  TEST_CASE("every format shows every tier, each sign under the tier that says what to do")
  {
    for (const char* format : {"text", "markdown", "roff", "csv"}) {
      CAPTURE(format);
      const auto r = run_backplan({"plan", "-m", "5", "-f", format, "--width", "1000"});
      REQUIRE(r.status == 0);
      check_tiers(r.out);
    }
  }

  TEST_CASE("JSON gives the tiers structured: tier, name, what to do, signs, basis")
  {
    const auto r = run_backplan({"plan", "-m", "5", "-f", "json"});
    REQUIRE(r.status == 0);
    const auto flags = nlohmann::json::parse(r.out)["safety"]["red_flags"];
    REQUIRE(flags.size() == expected_tiers.size());
    for (std::size_t t = 0; t < expected_tiers.size(); ++t) {
      const auto& tier = expected_tiers[t];
      CAPTURE(tier.name);
      CHECK(flags[t]["name"] == tier.name);
      CHECK(flags[t]["action"].get<std::string>().find(tier.action) != std::string::npos);
      CHECK(flags[t]["basis"].size() > 0);
      std::string signs;
      for (const auto& sign : flags[t]["signs"]) {
        signs += sign.get<std::string>() + "\n";
      }
      for (const char* sign : tier.signs) {
        CAPTURE(sign);
        CHECK(signs.find(sign) != std::string::npos);
      }
    }
    CHECK(nlohmann::json::parse(r.out)["safety"]["red_flags"][0]["basis"][0].get<std::string>().find(
            "https://www.nhs.uk/conditions/") != std::string::npos);
  }

  TEST_CASE("fever, weight loss and cancer are not emergency signs")
  {
    // Today's main sent them to an emergency department as cauda equina signs.
    const auto r = run_backplan({"plan", "-m", "5", "-f", "json"});
    const auto emergency = nlohmann::json::parse(r.out)["safety"]["red_flags"][0];
    REQUIRE(emergency["tier"] == "emergency");
    for (const auto& sign : emergency["signs"]) {
      for (const char* word : {"fever", "weight", "cancer"}) {
        CHECK(sign.get<std::string>().find(word) == std::string::npos);
      }
    }
  }

  TEST_CASE("a plan from a catalog without red flags is refused, exit 3")
  {
    const std::string dir = backplan::test::temp_dir();
    const auto copied = backplan::test::shell("cp -r '" + backplan::test::data_path("fixture-catalog") +
                                              "/.' '" + dir + "' && rm '" + dir + "/red-flags.yaml'");
    REQUIRE(copied.status == 0);
    const auto r = run_backplan({"plan", "--no-builtin", "--catalog", dir});
    CHECK(r.status == 3);
    CHECK(r.out.empty());
    CHECK(r.err == "backplan: error: the catalog has no red flags: a catalog used without the built-in "
                   "one needs a red-flags.yaml (see backplan-catalog(5))\n");
    const auto with =
      run_backplan({"plan", "--no-builtin", "--catalog", backplan::test::data_path("fixture-catalog")});
    CHECK(with.status == 0);
  }
}
