// Every dose of the built-in catalog against the figures its sources give.
//
// The table below is written by hand from the five source articles in
// ../shared/seeds (not from the catalog): one row per source regime of an
// exercise. Where a source gives a figure, the bound is that figure; where it
// gives none (seconds per movement, a number of sets, a whole dose), the row
// says so (`general`) and its bounds are the conservative general guidance we
// keep to. An exercise's dose must fit one row entirely: hold, movement
// seconds, repetitions and sets from the same regime, never a mix of two.

#include "backplan/catalog/model.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

using namespace backplan;

namespace {

struct Bound {
  int min = 0;
  int max = 0;
};

/// One regime a source gives for one exercise.
struct Regime {
  const char* exercise;
  const char* source;
  std::optional<Bound> hold;        ///< nullopt: the regime has no hold
  std::optional<Bound> rep_seconds; ///< nullopt: the regime has no timed movement
  Bound reps;
  Bound sets;
  bool general; ///< true: the source gives no figure for part of it; see the comment
};

constexpr Bound once{1, 1};

// clang-format off
const std::vector<Regime> regimes = {
  // GMB, "A-Frame to Squat": ten seconds in the A-frame and ten in the squat,
  // ten times. No time is given for walking between them (general: 2-6 s).
  {"a-frame-to-squat", "gmb", Bound{20, 20}, Bound{2, 6}, {10, 10}, once, true},
  // Sutter, "Reach Outs": 10-15 on each side; the pause lasts "as long as
  // needed" to balance (general: 1-5 s), movement 2-4 s, one set.
  {"bird-dog", "sutter", Bound{1, 5}, Bound{2, 4}, {10, 15}, once, true},
  // Sutter, "Bridge": 10-15 lifts, rest, then a second set. No tempo given
  // (general: 3-6 s a lift).
  {"bridge", "sutter", std::nullopt, Bound{3, 6}, {10, 15}, {2, 2}, true},
  // Sutter, "Cat/Cow": 10-20 repeats, no hold. Tempo general: 3-6 s.
  {"cat-cow", "sutter", std::nullopt, Bound{3, 6}, {10, 20}, once, true},
  // Kenway, "Cat Curl": 4-5 curls in a row, no hold. Tempo general: 3-6 s.
  {"cat-curl", "kenway", std::nullopt, Bound{3, 6}, {4, 5}, once, true},
  // Birmingham, "Deep abdominal strengthening": hold for 5-10 breaths
  // (taken as 4-5 s a relaxed breath: 20-50 s), 5 times.
  {"deep-abdominal-bracing", "birmingham", Bound{20, 50}, std::nullopt, {5, 5}, once, true},
  // The same Birmingham bracing dose, on hands and knees (the position is
  // general clinical guidance, for those who should not lie on their back).
  {"four-point-bracing", "birmingham", Bound{20, 50}, std::nullopt, {5, 5}, once, true},
  // Sutter, "Doorway Chest Stretch": hold 20-30 s, 2-3 times.
  {"doorway-chest-stretch", "sutter", Bound{20, 30}, std::nullopt, {2, 3}, once, false},
  // Sutter, "Knee(s) to Chest" with both knees: hold 10-30 s, 2-3 times.
  {"double-knee-to-chest", "sutter", Bound{10, 30}, std::nullopt, {2, 3}, once, false},
  // Perfect Balance, the combined mid-to-lower back twist: one hold of 30-40 s.
  {"floor-seated-twist", "perfect-balance", Bound{30, 40}, std::nullopt, once, once, false},
  // Sutter, "Plank Progression", straight legs: no figure of its own
  // (general: short holds of 10-30 s, keeping the kneeling plank's 3-5 repeats).
  {"full-plank", "sutter", Bound{10, 30}, std::nullopt, {3, 5}, once, true},
  // GMB, "Half Pancake": one hold of 30-60 s on each side.
  {"half-pancake", "gmb", Bound{30, 60}, std::nullopt, once, once, false},
  // Sutter, "Hamstring Stretch": hold 30-60 s, 2-3 times on each side.
  {"hamstring-stretch", "sutter", Bound{30, 60}, std::nullopt, {2, 3}, once, false},
  // Birmingham, "Heels stretch": hold for one deep breath (general: 3-6 s),
  // 8-10 times.
  {"heels-stretch", "birmingham", Bound{3, 6}, std::nullopt, {8, 10}, once, true},
  // Sutter, "Hip Flexor Stretch": hold 30 s, 2-3 times on each side.
  {"hip-flexor-stretch", "sutter", Bound{30, 30}, std::nullopt, {2, 3}, once, false},
  // Kenway, "Knee to Chest": 20-30 s, 2-3 times each leg.
  {"knee-to-chest", "kenway", Bound{20, 30}, std::nullopt, {2, 3}, once, false},
  // Sutter, "Knee(s) to Chest": hold 10-30 s, 2-3 times.
  {"knee-to-chest", "sutter", Bound{10, 30}, std::nullopt, {2, 3}, once, false},
  // Kenway, "Kneeling Back Stretch": 20-30 s, 2-3 times. (Perfect Balance's
  // rest on the heels after the seal gives no figure.)
  {"kneeling-back-stretch", "kenway", Bound{20, 30}, std::nullopt, {2, 3}, once, false},
  // GMB, "Quadruped Sidebend": in and out 10 times (no tempo given, general:
  // 20-25 s for the ten), then hold 30-60 s; 3 times, then the other side.
  // (Perfect Balance's walk to the side gives no figure.)
  {"kneeling-side-reach", "gmb", Bound{30, 60}, Bound{20, 25}, {3, 3}, once, true},
  // Kenway, "Lumbar Rotations": up to 10 in a row. Tempo general: 3-6 s.
  {"lumbar-rotation", "kenway", std::nullopt, Bound{3, 6}, {1, 10}, once, true},
  // Sutter, "Trunk Rotation": 10-20 times. Tempo general: 3-6 s.
  {"lumbar-rotation", "sutter", std::nullopt, Bound{3, 6}, {10, 20}, once, true},
  // Birmingham, "Knee rolls": hold one deep breath (general: 3-6 s), 8-10 times.
  {"lumbar-rotation", "birmingham", Bound{3, 6}, Bound{3, 6}, {8, 10}, once, true},
  // Sutter, "Outer Hip Stretch": hold 30-60 s, 2-3 times on each side.
  {"outer-hip-stretch", "sutter", Bound{30, 60}, std::nullopt, {2, 3}, once, false},
  // Kenway, "Pelvic Tilts": up to 10 in a row. Tempo general: 2-5 s.
  {"pelvic-tilt", "kenway", std::nullopt, Bound{2, 5}, {1, 10}, once, true},
  // Sutter, "Pelvic Tilting Lying Down": 10-20 times. Tempo general: 2-5 s.
  {"pelvic-tilt", "sutter", std::nullopt, Bound{2, 5}, {10, 20}, once, true},
  // Sutter's 10-20 tilts, standing against a wall (the position is the NHS
  // "Exercise in pregnancy" page's; its own dose is not mixed in).
  {"standing-pelvic-tilt", "sutter", std::nullopt, Bound{2, 5}, {10, 20}, once, true},
  // Birmingham, "Pelvic tilts": 10-15 times. Tempo general: 2-5 s.
  {"pelvic-tilt", "birmingham", std::nullopt, Bound{2, 5}, {10, 15}, once, true},
  // Sutter, "Plank Progression" on the knees: hold 5-10 s, 3-5 times (the
  // hold grows later, 3-5 s at a time).
  {"plank-progression", "sutter", Bound{5, 10}, std::nullopt, {3, 5}, once, false},
  // GMB, "Prone Extension": in and out 10 times (general: 20-25 s for the
  // ten), then hold 30-60 s; 3 times.
  {"prone-forearm-extension", "gmb", Bound{30, 60}, Bound{20, 25}, {3, 3}, once, true},
  // Sutter, "Press Up": hold 2-3 s, 10 times; rest, then the set 2-3 times.
  // Tempo general: 1-3 s.
  {"prone-press-up", "sutter", Bound{2, 3}, Bound{1, 3}, {10, 10}, {2, 3}, true},
  // Kenway, "Back Extensions": up to 10 in a row, no hold. Tempo general: 1-3 s.
  {"prone-press-up", "kenway", std::nullopt, Bound{1, 3}, {1, 10}, once, true},
  // Birmingham, "Back extensions": hold 5-10 s, 8-10 times. Tempo general: 2-3 s.
  {"propped-back-extension", "birmingham", Bound{5, 10}, Bound{2, 3}, {8, 10}, once, true},
  // GMB, "Quadruped Torso Rotation": as the sidebend, 10 in and out (general:
  // 20-25 s), hold 30-60 s, 3 times, then the other side.
  {"quadruped-torso-rotation", "gmb", Bound{30, 60}, Bound{20, 25}, {3, 3}, once, true},
  // Perfect Balance, mid-back extension "down, and back up": no figure
  // (general: 6-10 movements of 3-5 s).
  {"seated-back-extension", "perfect-balance", std::nullopt, Bound{3, 5}, {6, 10}, once, true},
  // Sutter, "Seated Trunk Rotation": hold 20-30 s, 2-3 times on each side.
  {"seated-trunk-rotation", "sutter", Bound{20, 30}, std::nullopt, {2, 3}, once, false},
  // Sutter, "Shoulder Blade Squeezes": hold 2-3 s, 5-10 times. Tempo general: 1-2 s.
  {"shoulder-blade-squeeze", "sutter", Bound{2, 3}, Bound{1, 2}, {5, 10}, once, true},
  // Sutter, "Side Neck Stretch": no figure (general: Sutter's other desk
  // stretches, 15-30 s, 2-3 times).
  {"side-neck-stretch", "sutter", Bound{15, 30}, std::nullopt, {2, 3}, once, true},
  // Sutter, "Sit to Stand": 5-10 times. Tempo general: 3-6 s.
  {"sit-to-stand", "sutter", std::nullopt, Bound{3, 6}, {5, 10}, once, true},
  // Sutter, "Standing Back Stretch": hold 2-3 s, 10-15 times. Tempo general: 1-3 s.
  {"standing-back-extension", "sutter", Bound{2, 3}, Bound{1, 3}, {10, 15}, once, true},
  // Sutter, "Standing Side Bending": hold 20-30 s, 2-3 times on each side.
  {"standing-side-bend", "sutter", Bound{20, 30}, std::nullopt, {2, 3}, once, false},
  // Perfect Balance, lying leg over: one hold of 10-40 s.
  {"supine-leg-over-rotation", "perfect-balance", Bound{10, 40}, std::nullopt, once, once, false},
  // Perfect Balance, upper back stretch: one hold of 30-40 s.
  {"upper-back-stretch", "perfect-balance", Bound{30, 40}, std::nullopt, once, once, false},
  // GMB, "Wag Tail": 10 swings each way, no holds. Tempo general: 2-4 s.
  {"wag-tail", "gmb", std::nullopt, Bound{2, 4}, {10, 10}, once, true},
};
// clang-format on

bool inside(const catalog::Range& range, const Bound& bound)
{
  return range.min >= bound.min && range.max <= bound.max;
}

bool inside(const std::optional<catalog::Range>& range, const std::optional<Bound>& bound)
{
  if (!range || !bound) {
    return !range && !bound;
  }
  return inside(*range, *bound);
}

/// Whether every range of `dosage` lies within the one regime `regime`.
bool fits(const catalog::Dosage& dosage, const Regime& regime)
{
  return inside(dosage.hold, regime.hold) && inside(dosage.rep_seconds, regime.rep_seconds) &&
         inside(dosage.reps, regime.reps) && inside(dosage.sets, regime.sets);
}

/// The sources whose regime holds the whole of `exercise`'s dosage.
std::vector<std::string> fitting_sources(const catalog::Exercise& exercise)
{
  std::vector<std::string> found;
  for (const auto& regime : regimes) {
    if (exercise.id == regime.exercise &&
        std::find(exercise.sources.begin(), exercise.sources.end(), regime.source) !=
          exercise.sources.end() &&
        fits(exercise.dosage, regime)) {
      found.emplace_back(regime.source);
    }
  }
  return found;
}

/// True when a plan could print this stretch with a short hold and few repetitions.
bool short_stretch(const catalog::Exercise& exercise)
{
  return exercise.kind == "stretch" && exercise.dosage.hold && exercise.dosage.hold->min < 10 &&
         exercise.dosage.reps.min < 8;
}

} // namespace

TEST_SUITE("catalog::doses")
{
  TEST_CASE("every built-in exercise has a row in the table, and every row names a real source of it")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& exercise : catalog.exercises) {
      CAPTURE(exercise.id);
      CHECK(std::any_of(regimes.begin(), regimes.end(),
                        [&](const Regime& regime) { return exercise.id == regime.exercise; }));
    }
    for (const auto& regime : regimes) {
      CAPTURE(regime.exercise);
      CAPTURE(regime.source);
      const auto* exercise = catalog.find(regime.exercise);
      REQUIRE(exercise != nullptr);
      CHECK(std::find(exercise->sources.begin(), exercise->sources.end(), regime.source) !=
            exercise->sources.end());
    }
  }

  TEST_CASE("every dose range lies within one regime of the exercise's own sources")
  {
    for (const auto& exercise : test::builtin_catalog().exercises) {
      CAPTURE(exercise.id);
      CHECK_FALSE(fitting_sources(exercise).empty());
    }
  }

  TEST_CASE("a dose that mixes two sources' regimes fits neither")
  {
    // The kneeling back stretch once mixed Kenway's 20-30 s holds, 2-3 times,
    // with Birmingham's one-breath holds, 8-10 times.
    catalog::Exercise mixed = *test::builtin_catalog().find("kneeling-back-stretch");
    mixed.dosage.hold = catalog::Range{5, 30};
    mixed.dosage.reps = catalog::Range{2, 10};
    CHECK(fitting_sources(mixed).empty());
    // Perfect Balance gives one hold, not repeats.
    catalog::Exercise repeated = *test::builtin_catalog().find("upper-back-stretch");
    repeated.dosage.reps = catalog::Range{2, 3};
    CHECK(fitting_sources(repeated).empty());
    // Sutter's press-up holds 2-3 s, not 10.
    catalog::Exercise long_hold = *test::builtin_catalog().find("prone-press-up");
    long_hold.dosage.hold = catalog::Range{2, 10};
    CHECK(fitting_sources(long_hold).empty());
  }

  TEST_CASE("no stretch is held under 10 s with fewer than 8 repetitions")
  {
    for (const auto& exercise : test::builtin_catalog().exercises) {
      CAPTURE(exercise.id);
      CHECK_FALSE(short_stretch(exercise));
    }
    catalog::Exercise brief = *test::builtin_catalog().find("heels-stretch");
    CHECK_FALSE(short_stretch(brief));
    brief.dosage.reps = catalog::Range{3, 10};
    CHECK(short_stretch(brief));
  }
}
