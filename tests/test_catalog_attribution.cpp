// Who says what: the doses and rules the built-in catalog credits to the five
// source articles in ../shared/seeds, in a table written by hand from those
// articles (not read from the catalog).
//
// Two directions are checked. Every rule, harder or easier version's rule and
// "stop if" warning whose basis names one of the five sources must be a row
// here, so that an attribution nobody checked against the article fails; and
// every row must still be in the catalog, so that a rule dropped or moved to
// another basis fails too. Each exercise's dose is credited to exactly one
// source (a dose never blends two) or to general clinical guidance; its
// ranges must lie within the figures that source states, and the source must
// be in the exercise's `sources`. (test_catalog_doses bounds the figures no
// source states, such as seconds per movement.)

#include "backplan/catalog/model.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

using namespace backplan;
using test::contains;

namespace {

/// The five source articles; any other basis is a public reference or
/// general clinical guidance, which this test does not cover.
const std::set<std::string> seed_sources = {"kenway", "perfect-balance", "sutter", "gmb", "birmingham"};

struct Figures {
  int min = 0;
  int max = 0;
};

constexpr Figures one{1, 1};

/// What one source states for one exercise's dose. A hold the source does
/// not state in seconds ("as long as you need", "one deep breath") is nullopt.
struct SourceDose {
  const char* exercise;
  const char* source;
  std::optional<Figures> hold; ///< seconds held in each repetition
  Figures reps;                ///< repetitions in a set, on each side where it is one-sided
  Figures sets;
};

// clang-format off
const std::vector<SourceDose> doses = {
  // Kenway: four or five cat curls in a row.
  {"cat-curl", "kenway", std::nullopt, {4, 5}, one},
  // Kenway: the kneeling back stretch is held 20 to 30 seconds, two or three times.
  {"kneeling-back-stretch", "kenway", Figures{20, 30}, {2, 3}, one},

  // Sutter, reach outs: 10 to 15 on each side, pausing as long as balance needs.
  {"bird-dog", "sutter", std::nullopt, {10, 15}, one},
  // Sutter, bridge: 10 to 15 lifts, a rest, then one more set.
  {"bridge", "sutter", std::nullopt, {10, 15}, {2, 2}},
  // Sutter, cat/cow: 10 to 20 repeats.
  {"cat-cow", "sutter", std::nullopt, {10, 20}, one},
  // Sutter, doorway chest stretch: 20 to 30 seconds, two or three times.
  {"doorway-chest-stretch", "sutter", Figures{20, 30}, {2, 3}, one},
  // Sutter, knee(s) to chest, one knee or both: 10 to 30 seconds, two or three times.
  {"knee-to-chest", "sutter", Figures{10, 30}, {2, 3}, one},
  {"double-knee-to-chest", "sutter", Figures{10, 30}, {2, 3}, one},
  // Sutter, hamstring stretch: 30 to 60 seconds, two or three times a side.
  {"hamstring-stretch", "sutter", Figures{30, 60}, {2, 3}, one},
  // Sutter, hip flexor stretch at the bed's edge: 30 seconds, two or three times a side.
  {"hip-flexor-stretch", "sutter", Figures{30, 30}, {2, 3}, one},
  // Sutter, trunk rotation lying down (knee rolls): 10 to 20 times.
  {"lumbar-rotation", "sutter", std::nullopt, {10, 20}, one},
  // Sutter, outer hip stretch: 30 to 60 seconds, two or three times a side.
  {"outer-hip-stretch", "sutter", Figures{30, 60}, {2, 3}, one},
  // Sutter, pelvic tilting lying down: 10 to 20 times. The wall tilt takes
  // over the same figure.
  {"pelvic-tilt", "sutter", std::nullopt, {10, 20}, one},
  {"standing-pelvic-tilt", "sutter", std::nullopt, {10, 20}, one},
  // Sutter, plank progression on the knees: hold 5 to 10 seconds, three to five times.
  {"plank-progression", "sutter", Figures{5, 10}, {3, 5}, one},
  // Sutter, press up: a 2-3 second hold, ten times; rest, and two or three such sets.
  {"prone-press-up", "sutter", Figures{2, 3}, {10, 10}, {2, 3}},
  // Sutter, seated trunk rotation: 20 to 30 seconds, two or three times a side.
  {"seated-trunk-rotation", "sutter", Figures{20, 30}, {2, 3}, one},
  // Sutter, shoulder blade squeezes: 2-3 seconds, five to ten times.
  {"shoulder-blade-squeeze", "sutter", Figures{2, 3}, {5, 10}, one},
  // Sutter, sit to stand: five to ten times.
  {"sit-to-stand", "sutter", std::nullopt, {5, 10}, one},
  // Sutter, standing back stretch: 2-3 seconds, 10 to 15 times.
  {"standing-back-extension", "sutter", Figures{2, 3}, {10, 15}, one},
  // Sutter, standing side bending: 20 to 30 seconds, two or three times a side.
  {"standing-side-bend", "sutter", Figures{20, 30}, {2, 3}, one},

  // Perfect Balance: the upper back stretch and the seated mid-to-lower back
  // twist are held 30 to 40 seconds, the lying leg-over stretch 10 to 40;
  // each is a single hold.
  {"upper-back-stretch", "perfect-balance", Figures{30, 40}, one, one},
  {"floor-seated-twist", "perfect-balance", Figures{30, 40}, one, one},
  {"supine-leg-over-rotation", "perfect-balance", Figures{10, 40}, one, one},

  // GMB: ten seconds in the A-frame and ten in the squat, ten times.
  {"a-frame-to-squat", "gmb", Figures{20, 20}, {10, 10}, one},
  // GMB: half pancake, one hold of 30 to 60 seconds a side.
  {"half-pancake", "gmb", Figures{30, 60}, one, one},
  // GMB: prone extension, quadruped side bend and torso rotation are moved in
  // and out ten times and then held 30 to 60 seconds, three times.
  {"prone-forearm-extension", "gmb", Figures{30, 60}, {3, 3}, one},
  {"kneeling-side-reach", "gmb", Figures{30, 60}, {3, 3}, one},
  {"quadruped-torso-rotation", "gmb", Figures{30, 60}, {3, 3}, one},
  // GMB: wag tail, ten each way, no holds.
  {"wag-tail", "gmb", std::nullopt, {10, 10}, one},

  // Birmingham: deep abdominal strengthening is held for 5-10 breaths, five
  // times; the bracing on hands and knees takes over the same figures.
  {"deep-abdominal-bracing", "birmingham", std::nullopt, {5, 5}, one},
  {"four-point-bracing", "birmingham", std::nullopt, {5, 5}, one},
  // Birmingham: the heels stretch is held one deep breath, 8 to 10 times.
  {"heels-stretch", "birmingham", std::nullopt, {8, 10}, one},
  // Birmingham: back extensions from the elbows, held 5-10 seconds, 8 to 10 times.
  {"propped-back-extension", "birmingham", Figures{5, 10}, {8, 10}, one},
};

// Exercises whose sources describe them but give no dose for them: the straight-leg
// plank (Sutter gives figures only for the kneeling one), the seated mid-back
// extension (Perfect Balance) and the side neck stretch (Sutter).
const std::vector<std::string> general_doses = {"full-plank", "seated-back-extension", "side-neck-stretch"};
// clang-format on

/// A rule or warning credited to a seed source. `where` is "" for the
/// exercise's own rules, "easier" or "harder" for a version's, and "stop_if"
/// for the warning to everyone (which has no condition or action).
struct SourceRule {
  const char* exercise;
  const char* where;
  const char* condition;
  const char* action;
  const char* source;
};

// clang-format off
const std::vector<SourceRule> rules = {
  // Kenway, cat curl: a pillow or cushion under knees that hurt when kneeling.
  {"cat-curl", "", "knee", "modify", "kenway"},
  // Kenway, kneeling back stretch: sore shoulders keep the arms beside the
  // body; with a prolapse the bottom stays lifted, well off the heels, and the
  // stretches are fine only while they bring on no prolapse symptoms.
  {"kneeling-back-stretch", "", "shoulder", "modify", "kenway"},
  {"kneeling-back-stretch", "", "prolapse", "modify", "kenway"},
  {"kneeling-back-stretch", "stop_if", "", "", "kenway"},
  // Kenway, knee to chest: a sore knee is held behind the thigh, not over the shin.
  {"knee-to-chest", "", "knee", "modify", "kenway"},
  // Kenway (comments): with a prolapse, keep the pelvic tilt gentle; the same
  // tilt deepens the hip flexor stretch and is done standing at the wall.
  {"pelvic-tilt", "", "prolapse", "caution", "kenway"},
  {"standing-pelvic-tilt", "", "prolapse", "caution", "kenway"},
  {"hip-flexor-stretch", "harder", "prolapse", "caution", "kenway"},
  // Kenway, back extensions: do not lift the chest too far, above all with a
  // degenerative lower back; sore wrists take the weight on the forearms;
  // keep the chin tucked and the neck out of a backward bend. This covers
  // every back extension lying on the front.
  {"prone-press-up", "", "degenerative-back", "modify", "kenway"},
  {"prone-press-up", "", "wrist", "modify", "kenway"},
  {"prone-press-up", "", "neck", "caution", "kenway"},
  {"prone-press-up", "harder", "degenerative-back", "avoid", "kenway"},
  {"prone-press-up", "harder", "wrist", "avoid", "kenway"},
  {"propped-back-extension", "", "degenerative-back", "modify", "kenway"},
  {"propped-back-extension", "", "wrist", "modify", "kenway"},
  {"prone-forearm-extension", "", "degenerative-back", "modify", "kenway"},
  {"prone-forearm-extension", "", "neck", "caution", "kenway"},

  // Sutter, hamstring stretch: not to be done when back pain spreads into the
  // leg, or with buttock or leg pain, numbness, tingling or weakness.
  {"hamstring-stretch", "", "radiating-leg-pain", "avoid", "sutter"},
  {"hamstring-stretch", "stop_if", "", "", "sutter"},
  // Sutter, knee(s) to chest: stop on pain at the front of the hip.
  {"knee-to-chest", "", "hip", "caution", "sutter"},
  {"knee-to-chest", "stop_if", "", "", "sutter"},
  {"double-knee-to-chest", "", "hip", "caution", "sutter"},
  // Sutter, seated trunk rotation: the look over the shoulder is added only if
  // it is comfortable.
  {"seated-trunk-rotation", "", "neck", "modify", "sutter"},

  // Birmingham, heels stretch: do not sit back onto the heels with a knee
  // problem. The kneeling back stretch sits back the same way.
  {"heels-stretch", "", "knee", "modify", "birmingham"},
  {"kneeling-back-stretch", "", "knee", "modify", "birmingham"},
  // Birmingham, back extensions: keep the neck long and do not bend it back.
  {"propped-back-extension", "", "neck", "caution", "birmingham"},
};
// clang-format on

bool within(const catalog::Range& range, const Figures& figures)
{
  return range.min >= figures.min && range.max <= figures.max;
}

/// Whether a dosage lies within what the row's source gives: its hold, where
/// the source states one in seconds, its repetitions and its sets.
bool fits(const catalog::Dosage& dosage, const SourceDose& row)
{
  if (row.hold && (!dosage.hold || !within(*dosage.hold, *row.hold))) {
    return false;
  }
  return within(dosage.reps, row.reps) && within(dosage.sets, row.sets);
}

const SourceDose& dose_row(const std::string& exercise)
{
  const auto row = std::find_if(doses.begin(), doses.end(),
                                [&](const SourceDose& candidate) { return exercise == candidate.exercise; });
  REQUIRE(row != doses.end());
  return *row;
}

/// The exercise `id` of a catalog that a test may change.
catalog::Exercise& exercise_in(catalog::Catalog& catalog, const std::string& id)
{
  const auto found = std::find_if(catalog.exercises.begin(), catalog.exercises.end(),
                                  [&](const catalog::Exercise& exercise) { return exercise.id == id; });
  REQUIRE(found != catalog.exercises.end());
  return *found;
}

/// One attribution as a line of text, for comparing and for failure messages.
std::string key(const std::string& exercise, const std::string& where, const std::string& condition,
                const std::string& action, const std::string& source)
{
  return exercise + " | " + where + " | " + condition + " | " + action + " | " + source;
}

/// Every rule and warning of the catalog whose basis is a seed source.
std::set<std::string> catalog_attributions(const catalog::Catalog& catalog)
{
  std::set<std::string> found;
  const auto add_rules = [&](const catalog::Exercise& exercise, const std::string& where,
                             const std::vector<catalog::Contraindication>& list) {
    for (const auto& rule : list) {
      if (seed_sources.contains(rule.basis.str())) {
        found.insert(
          key(exercise.id, where, rule.condition, catalog::action_name(rule.action), rule.basis.str()));
      }
    }
  };
  for (const auto& exercise : catalog.exercises) {
    add_rules(exercise, "", exercise.contraindications);
    if (exercise.easier) {
      add_rules(exercise, "easier", exercise.easier->contraindications);
    }
    if (exercise.harder) {
      add_rules(exercise, "harder", exercise.harder->contraindications);
    }
    if (exercise.details().stop_if && seed_sources.contains(exercise.details().stop_if->basis)) {
      found.insert(key(exercise.id, "stop_if", "", "", exercise.details().stop_if->basis));
    }
  }
  return found;
}

std::set<std::string> table_attributions()
{
  std::set<std::string> listed;
  for (const auto& row : rules) {
    listed.insert(key(row.exercise, row.where, row.condition, row.action, row.source));
  }
  return listed;
}

} // namespace

TEST_SUITE("catalog::attribution")
{
  TEST_CASE("the tables name real exercises, conditions and sources")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& source : seed_sources) {
      CAPTURE(source);
      CHECK(catalog.sources.find(source) != nullptr);
    }
    for (const auto& row : doses) {
      CAPTURE(row.exercise);
      CHECK(catalog.find(row.exercise) != nullptr);
      CHECK(seed_sources.contains(row.source));
    }
    for (const auto& id : general_doses) {
      CAPTURE(id);
      CHECK(catalog.find(id) != nullptr);
    }
    for (const auto& row : rules) {
      CAPTURE(row.exercise);
      CAPTURE(row.condition);
      CHECK(catalog.find(row.exercise) != nullptr);
      CHECK(seed_sources.contains(row.source));
      if (std::string(row.where) != "stop_if") {
        CHECK(catalog.conditions.find(row.condition) != nullptr);
      }
    }
    // Rows are not given twice.
    CHECK(table_attributions().size() == rules.size());
  }

  TEST_CASE("every rule credited to a source article is one the table checked against it")
  {
    const auto listed = table_attributions();
    for (const auto& found : catalog_attributions(test::builtin_catalog())) {
      CAPTURE(found);
      CHECK(listed.contains(found));
    }
  }

  TEST_CASE("every rule in the table is in the catalog with that source as its basis")
  {
    const auto found = catalog_attributions(test::builtin_catalog());
    for (const auto& listed : table_attributions()) {
      CAPTURE(listed);
      CHECK(found.contains(listed));
    }
  }

  TEST_CASE("every dose comes from one source, or from general guidance, never both")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& exercise : catalog.exercises) {
      CAPTURE(exercise.id);
      const auto rows = std::count_if(doses.begin(), doses.end(),
                                      [&](const SourceDose& row) { return exercise.id == row.exercise; });
      const bool general = contains(general_doses, exercise.id);
      CHECK(rows + (general ? 1 : 0) == 1);
    }
  }

  TEST_CASE("each dose lies within the figures its source gives, and the source is listed")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& row : doses) {
      CAPTURE(row.exercise);
      CAPTURE(row.source);
      const auto* exercise = catalog.find(row.exercise);
      REQUIRE(exercise != nullptr);
      CHECK(contains(exercise->sources, row.source));
      CHECK(fits(exercise->dosage, row));
    }
  }

  TEST_CASE("a dose or rule moved away from its source is caught")
  {
    // The checks above must be able to fail. A hold one second longer than
    // Sutter's press-up, two more sit-to-stands than Sutter gives, and a
    // second set of Kenway's kneeling back stretch all leave their source.
    catalog::Catalog changed = test::builtin_catalog();
    auto& press_up = exercise_in(changed, "prone-press-up");
    REQUIRE(fits(press_up.dosage, dose_row("prone-press-up")));
    press_up.dosage.hold = catalog::Range{2, 4};
    CHECK_FALSE(fits(press_up.dosage, dose_row("prone-press-up")));
    auto& sit_to_stand = exercise_in(changed, "sit-to-stand");
    sit_to_stand.dosage.reps = catalog::Range{5, 12};
    CHECK_FALSE(fits(sit_to_stand.dosage, dose_row("sit-to-stand")));
    auto& kneeling = exercise_in(changed, "kneeling-back-stretch");
    kneeling.dosage.sets = catalog::Range{1, 2};
    CHECK_FALSE(fits(kneeling.dosage, dose_row("kneeling-back-stretch")));

    // A prolapse rule on the heels stretch credited to Kenway, who discusses
    // only her own kneeling back stretch, is found and is not in the table.
    catalog::Contraindication made_up;
    made_up.condition = "prolapse";
    made_up.action = catalog::Action::caution;
    made_up.instruction = "Keep your hips lifted.";
    made_up.basis = "kenway";
    exercise_in(changed, "heels-stretch").contraindications.push_back(made_up);
    const auto credited = key("heels-stretch", "", "prolapse", "caution", "kenway");
    CHECK(catalog_attributions(changed).contains(credited));
    CHECK_FALSE(table_attributions().contains(credited));
  }
}
