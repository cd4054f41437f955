#pragma once

#include "util/process.hpp"

#include <chrono>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::run {

/// The cues spoken by another program (`run --say CMD`): CMD's words, then
/// a cue's words as one more argument, run without a shell and without
/// waiting for it, so that a slow or failing program never delays the clock.
/// One cue is spoken at a time, in order: the next starts when the last has
/// ended, and a cue whose moment has passed by then is dropped, not
/// stacked. What went wrong is kept for `report`, to be shown once the
/// terminal is given back.
class Speech
{
public:
  using TimePoint = std::chrono::steady_clock::time_point;

  /// `command` is split at white space; empty: nothing is spoken.
  explicit Speech(std::string_view command);

  /// Queues one cue, to be dropped if it cannot start before `stale`; starts
  /// it at once when nothing is being spoken (nothing after the program
  /// could not be started).
  void say(const std::string& words, TimePoint stale);
  /// Collects the programs that have ended, without blocking, and starts the
  /// next cue that is still due.
  void collect();
  /// Whether a cue waits for the one being spoken: the caller should call
  /// `collect` again soon.
  bool waiting() const { return !m_queue.empty(); }
  /// The cues dropped because their moment had passed.
  int dropped() const { return m_dropped; }
  /// What the programs wrote on standard error, each line after
  /// "backplan: --say: ", then a warning for a program that could not be
  /// started or failed; first waits up to `limit` for those still speaking.
  std::string report(std::chrono::milliseconds limit);

private:
  /// Starts the first queued cue still due, when nothing is being spoken.
  void next();

  struct Cue {
    std::string words;
    TimePoint stale;
  };
  std::deque<Cue> m_queue;
  int m_dropped = 0;
  std::vector<std::string> m_command;
  bool m_enabled = false;
  util::BackgroundPrograms m_programs;
  int m_start_error = 0;
  int m_started = 0;
  std::vector<util::Ending> m_failures;
};

} // namespace backplan::run
