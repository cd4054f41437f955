#pragma once

#include "cli/run/schedule.hpp"

#include <cstddef>
#include <string>

namespace backplan::run {

/// The cue line for phase `index` (or the end, `phases.size()`): its start in
/// plan time and its words, "02:15  hold 30 s — Knee to chest, right side".
std::string cue_line(const Schedule& schedule, std::size_t index);

/// The same cue as one line of JSON: time (seconds from the start), clock,
/// phase, exercise (id, null at the end), index, side ("right", "left" or
/// null), rep, reps, set, sets, seconds, modifications and cautions (the
/// item's instructions) and words.
std::string cue_json(const Schedule& schedule, std::size_t index);

} // namespace backplan::run
