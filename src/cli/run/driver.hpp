#pragma once

#include "cli/run/schedule.hpp"
#include "cli/run/session.hpp"

#include <functional>
#include <optional>
#include <string>

namespace backplan::run {

/// How a run shows itself.
enum class Output {
  screen,   ///< the full-screen countdown on the terminal
  cue_text, ///< one "MM:SS  CUE" line per phase
  cue_json, ///< one JSON object per phase (JSON Lines)
};

/// When the terminal bell rings (`--bell`).
enum class Bell {
  never,
  exercises, ///< as each exercise, and each side, gets under way, and at the end
  phases,    ///< at every phase that takes time, and at the end
};

/// The choices of `backplan run` beyond the plan.
struct RunOptions {
  Output output = Output::cue_text;
  double speed = 1.0;      ///< the clock runs this many times faster
  std::string say;         ///< a program and its arguments given each cue's words, or empty
  bool say_steps = false;  ///< speak every step of an exercise while getting ready for it
  Bell bell = Bell::never; ///< when the terminal bell rings
  bool color = false;      ///< colour on the full screen
  /// Called once the run has ended and the terminal is given back, before
  /// a terminating signal ends the process (`by_signal`): to record it.
  std::function<void(const Summary& summary, bool by_signal)> on_end;
};

/// Whether the bell rings as phase `index` of `schedule` begins
/// (`phases.size()`: the end).
bool rings(const Schedule& schedule, std::size_t index, Bell bell);

/// "Finished: 6 of 6 exercises done, 0 skipped, in 10:02." or "Stopped: …".
std::string summary_line(const Summary& summary, std::size_t exercises);

/// The last line of the cue stream: "summary done=5 skipped=1
/// not_reached=0 seconds=602 finished=yes", or as JSON, {"phase":
/// "summary","done":5,"skipped":1,"not_reached":0,"seconds":602,
/// "finished":true} with `json`.
std::string summary_cue(const Summary& summary, bool json);

/// Runs `schedule` to its end or until the user quits or a signal ends it,
/// reading keys from the terminal, then gives the terminal back as it was
/// found (modes, cursor, main screen) and prints the summary. A terminating
/// signal (Ctrl-C, Ctrl-\, SIGTERM, SIGHUP) ends the run that way and then
/// the process, by that same signal, so that the parent sees how it ended.
/// Returns the summary, or nothing when standard output was closed.
std::optional<Summary> run_schedule(const Schedule& schedule, const RunOptions& options);

} // namespace backplan::run
