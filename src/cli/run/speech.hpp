#pragma once

#include "util/process.hpp"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::run {

/// The cues spoken by another program (`run --say CMD`): CMD's words, then
/// a cue's words as one more argument, run without a shell and without
/// waiting for it, so that a slow or failing program never delays the clock.
/// What went wrong is kept for `report`, to be shown once the terminal is
/// given back.
class Speech
{
public:
  /// `command` is split at white space; empty: nothing is spoken.
  explicit Speech(std::string_view command);

  /// Starts the program for one cue (nothing after it could not be started).
  void say(const std::string& words);
  /// Collects the programs that have ended, without blocking.
  void collect();
  /// What the programs wrote on standard error, each line after
  /// "backplan: --say: ", then a warning for a program that could not be
  /// started or failed; first waits up to `limit` for those still speaking.
  std::string report(std::chrono::milliseconds limit);

private:
  std::vector<std::string> m_command;
  bool m_enabled = false;
  util::BackgroundPrograms m_programs;
  int m_start_error = 0;
  int m_started = 0;
  std::vector<util::Ending> m_failures;
};

} // namespace backplan::run
