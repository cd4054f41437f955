#pragma once

#include "backplan/figure/drawing.hpp"
#include "backplan/plan/model.hpp"
#include "plan/timing.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace backplan::run {

/// One phase of a run: the plan's phase, the item it belongs to, and when it
/// begins, in seconds from the start of the plan.
struct ScheduledPhase {
  plan::Phase phase;
  std::size_t item = 0;
  int start = 0;
};

/// Every phase of a plan in order, plain data computed from the plan alone.
struct Schedule {
  std::vector<plan::PlanItem> items;
  std::vector<ScheduledPhase> phases;
  std::vector<std::size_t> first_phase; ///< per item, the index of its first phase
  int total = 0;                        ///< seconds; the plan's total
  /// Per item, its figure (or the figure of a modification it is done with)
  /// laid out without labels; no shapes when it has none.
  std::vector<figure::Drawing> drawings;
  std::map<std::string, std::string> condition_names; ///< by condition id, as the plan names them
};

/// The phases of `plan`, each item's from the plan's timing model
/// (`plan::for_each_phase`), so that they add up to the plan's total.
Schedule make_schedule(const plan::Plan& plan);

/// The phase's name in cues and JSON Lines: "change-position", "hold", …
std::string phase_id(plan::PhaseKind kind);

/// "right side" or "left side" for sides 1 and 2 of an exercise done on each
/// side; empty for side 0.
std::string side_words(int side);

/// "Knee problems — caution: INSTRUCTION": a modification or caution with the
/// condition it is for.
std::string rule_words(const Schedule& schedule, const catalog::Contraindication& rule);

/// The words of the cue for phase `index` of `schedule`, e.g. "hold 30 s —
/// Knee to chest, right side"; getting into position carries the item's
/// modifications and cautions. `index == phases.size()` gives the closing cue.
std::string cue_words(const Schedule& schedule, std::size_t index);

/// The cue for phase `index` as it is spoken (`run --say`): units in words
/// and what to do, "Hold for 25 seconds, 3 times", "2 more", "Switch to your
/// left side"; getting ready names the exercise and its position, says its
/// first step (every step with `all_steps`), then its modifications and
/// cautions. `index == phases.size()` gives the closing words.
std::string spoken_words(const Schedule& schedule, std::size_t index, bool all_steps);

} // namespace backplan::run
