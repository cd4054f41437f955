// The red flags every plan carries: each warning sign in the tier that says
// what to do about it, in every output format. The table below is written
// from the NHS pages on back pain, sciatica, cauda equina syndrome, neck
// pain, stroke, meningitis and abdominal aortic aneurysm, and NICE's
// low-back-pain risk factors, not from the catalog, so that a sign moved to
// the wrong tier fails.
#include "backplan/plan/planner.hpp"
#include "backplan/render/render.hpp"
#include "backplan/safety/notes.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <string>
#include <tuple>
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
    // A sign for one sex says so.
    "in men, a new change in the ability to get an erection or to ejaculate", "sciatica in both legs",
    "weakness or numbness in a leg that is getting worse",
    // Chest pain on its own, not only beside back pain.
    "chest pain, with or without back pain",
    // An aortic aneurysm: sudden severe back or belly pain with feeling faint.
    "sudden, severe pain in your back or belly together with feeling faint",
    // A possible stroke: face numbness was once routed to "see a doctor today".
    "numbness, weakness or drooping on one side of your face",
    // Neck pain with signs of an artery tear or a bleed.
    "neck pain with dizziness, sudden loss or blurring of sight, slurred speech, difficulty swallowing or a "
    "sudden, severe headache",
    // Meningitis.
    "a fever with a stiff neck and a headache, or a rash that does not fade", "serious fall or accident"}},
  {"See a doctor today",
   "urgent appointment",
   {"a fever, or feeling hot and shivery", "weight loss that you cannot explain",
    // Not every survivor of cancer: new back pain after it.
    "new back pain and you have had cancer",
    // NICE's risk factors.
    "new back pain and you are under 20 or over 55", "steroid tablets long term, inject drugs",
    "HIV or another illness or treatment that weakens your immune system", "a lump or swelling in your back",
    "worse at night or does not ease when you rest", "when you cough, sneeze or strain",
    "between your shoulder blades",
    "with neck problems, new pain, tingling, numbness or weakness in your arms"}},
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

  TEST_CASE("JSON gives the tiers structured: tier, name, what to do, signs, sources")
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
      REQUIRE(flags[t].contains("sources"));
      CHECK(flags[t]["sources"].size() > 0);
      std::string signs;
      for (const auto& sign : flags[t]["signs"]) {
        signs += sign.get<std::string>() + "\n";
      }
      for (const char* sign : tier.signs) {
        CAPTURE(sign);
        CHECK(signs.find(sign) != std::string::npos);
      }
    }
    const auto source = nlohmann::json::parse(r.out)["safety"]["red_flags"][0]["sources"][0];
    CHECK(source["id"].get<std::string>().starts_with("nhs-"));
    CHECK(source["citation"].get<std::string>().find("https://www.nhs.uk/conditions/") != std::string::npos);
  }

  TEST_CASE("fever, weight loss and cancer are not emergency signs, except a fever with a stiff neck")
  {
    // An earlier main sent them to an emergency department as cauda equina signs.
    const auto r = run_backplan({"plan", "-m", "5", "-f", "json"});
    const auto emergency = nlohmann::json::parse(r.out)["safety"]["red_flags"][0];
    REQUIRE(emergency["tier"] == "emergency");
    for (const auto& sign : emergency["signs"]) {
      const auto text = sign.get<std::string>();
      CAPTURE(text);
      for (const char* word : {"weight", "cancer"}) {
        CHECK(text.find(word) == std::string::npos);
      }
      CHECK((text.find("fever") == std::string::npos || text.find("stiff neck") != std::string::npos));
    }
  }

  TEST_CASE("a declared condition adds its own signs to a tier, in every format, and only when declared")
  {
    // Written from the maternity, DVT and spinal-surgery pages the catalog
    // names: the tier each sign belongs in.
    const std::vector<std::tuple<const char*, const char*, const char*>> added = {
      {"pregnancy", "emergency", "heavy bleeding from your vagina"},
      {"pregnancy", "today", "your baby moving less than usual"},
      {"pregnancy", "today", "a severe headache, blurred vision"},
      {"total-hip-replacement", "emergency", "(a possible dislocation)"},
      {"total-hip-replacement", "today", "warmth or redness in your calf"},
      {"recent-spinal-surgery", "today", "fluid leaks from your wound"},
      {"osteoporosis", "today", "after a minor fall, a lift, a cough or a sneeze"},
    };
    // Planned and rendered in this process, every format as the command
    // line renders it (the formats' own tests compare the command line).
    const auto rendered = [](const std::vector<std::string>& conditions, const std::string& format) {
      backplan::plan::Request request;
      request.conditions = conditions;
      request.minutes = 5;
      const auto plan = backplan::plan::make_plan(backplan::test::builtin_catalog(), request);
      for (const auto& f : backplan::render::plan_formats()) {
        if (f.name == format) {
          return f.render(plan, {.width = 1000});
        }
      }
      FAIL("no format " << format);
      return std::string();
    };
    const auto without = rendered({}, "json");
    for (const auto& [condition, tier, sign] : added) {
      CAPTURE(condition);
      CAPTURE(sign);
      const auto flags = nlohmann::json::parse(rendered({condition}, "json"))["safety"]["red_flags"];
      bool found = false;
      for (const auto& entry : flags) {
        for (const auto& by : entry["added_by_conditions"]) {
          if (by["sign"].get<std::string>().find(sign) != std::string::npos) {
            CHECK(entry["tier"] == tier);
            CHECK(by["condition"] == condition);
            found = true;
          }
        }
      }
      CHECK(found);
      for (const char* format : {"text", "markdown", "roff", "csv", "html"}) {
        CAPTURE(format);
        CHECK(backplan::util::fold_whitespace(rendered({condition}, format)).find(sign) != std::string::npos);
      }
      CHECK(without.find(sign) == std::string::npos);
    }
  }

  TEST_CASE("a sign a declared condition leaves out is in no format; every other plan has it")
  {
    const auto& catalog = backplan::test::builtin_catalog();
    std::size_t leaving = 0;
    for (const auto& condition : catalog.conditions.terms) {
      const auto notes = backplan::safety::safety_notes(catalog, {condition.id});
      for (const auto& sign : condition.leaves_out_signs) {
        ++leaving;
        CAPTURE(condition.id);
        CAPTURE(sign);
        for (const auto& tier : notes.red_flags) {
          CHECK(std::find(tier.signs.begin(), tier.signs.end(), backplan::util::fold_whitespace(sign)) ==
                tier.signs.end());
        }
        // Without the condition the sign is printed, in the tier that has it.
        bool printed = false;
        for (const auto& tier : backplan::safety::safety_notes(catalog, {}).red_flags) {
          printed = printed || std::find(tier.signs.begin(), tier.signs.end(), sign) != tier.signs.end();
        }
        CHECK(printed);
      }
    }
    // Pregnancy leaves out the sign for men, in every format.
    CHECK(leaving >= 1);
    for (const char* format : {"text", "markdown", "roff", "html", "csv", "json"}) {
      CAPTURE(format);
      const auto pregnant = run_backplan({"plan", "--pregnancy", "-m", "5", "-f", format, "--width", "1000"});
      REQUIRE(pregnant.status == 0);
      CHECK(pregnant.out.find("erection") == std::string::npos);
      const auto anyone = run_backplan({"plan", "-m", "5", "-f", format, "--width", "1000"});
      CHECK(anyone.out.find("erection") != std::string::npos);
    }
  }

  TEST_CASE("a condition may leave out only a sign a tier has, word for word")
  {
    CHECK(backplan::test::load_with_layer({{"conditions.yaml", R"(conditions:
  - id: pregnancy
    name: Pregnancy
    description: Being pregnant.
    leaves_out_signs:
      - in men, a change in erections
)"}}) == std::vector<std::string>{"conditions.yaml:6:9: error: condition 'pregnancy' leaves out 'in men, a "
                                  "change in erections', which is not a sign of any red-flag tier (write it "
                                  "as the tier does)"});
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
