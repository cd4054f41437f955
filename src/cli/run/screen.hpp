#pragma once

#include "cli/run/schedule.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace backplan::run {

/// What the full screen shows at one moment; filled from a Session.
struct ScreenView {
  std::size_t phase = 0; ///< the current phase of the schedule
  int phase_seconds_left = 0;
  int seconds_left = 0; ///< of the whole run
  bool paused = false;
  bool help = false; ///< the keys are shown instead of the step
};

/// The screen as exactly `height` lines of at most `width` display columns
/// (plus colour escapes when `color`): the exercise, its position, the phase,
/// a countdown (large when there is room), repetition, set and side, the
/// modifications and cautions (always kept), the step to do now, a progress
/// bar with the time left, the next exercise and the keys. Meant for 40×12
/// and larger.
std::vector<std::string> screen_lines(const Schedule& schedule, const ScreenView& view, int width, int height,
                                      bool color);

} // namespace backplan::run
