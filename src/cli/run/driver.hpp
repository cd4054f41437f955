#pragma once

#include "cli/run/schedule.hpp"
#include "cli/run/session.hpp"

#include <string>

namespace backplan::run {

/// How a run shows itself.
enum class Output {
  screen,   ///< the full-screen countdown on the terminal
  cue_text, ///< one "MM:SS  CUE" line per phase
  cue_json, ///< one JSON object per phase (JSON Lines)
};

/// The choices of `backplan run` beyond the plan.
struct RunOptions {
  Output output = Output::cue_text;
  double speed = 1.0; ///< the clock runs this many times faster
  std::string say;    ///< a program and its arguments given each cue's words, or empty
  bool bell = false;  ///< ring the terminal bell at each phase change
  bool color = false; ///< colour on the full screen
};

/// "Finished: 6 of 6 exercises done, 0 skipped, in 10:02." or "Stopped: …".
std::string summary_line(const Summary& summary, std::size_t exercises);

/// Runs `schedule` to its end or until the user quits or a signal ends it,
/// reading keys from the terminal, then gives the terminal back as it was
/// found (modes, cursor, main screen) and prints the summary. A terminating
/// signal (Ctrl-C, Ctrl-\, SIGTERM, SIGHUP) ends the run that way and then
/// the process, by that same signal, so that the parent sees how it ended.
void run_schedule(const Schedule& schedule, const RunOptions& options);

} // namespace backplan::run
