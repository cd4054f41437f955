#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace backplan::util {

// Other programs are started with posix_spawnp and an argument vector, never
// through a shell, and what they write on standard error is kept for the
// user.

/// How a program ended: its exit status, or the signal that killed it.
struct Ending {
  int exit_code = -1; ///< the exit status, or -1 when a signal ended it
  int signal = 0;     ///< the signal that ended it, or 0

  bool succeeded() const { return exit_code == 0; }
};

/// "exit status 3", or "signal 9 (Killed)".
std::string describe(const Ending& ending);

/// Programs started without waiting for them (the cues' speech in `run`):
/// each has its standard input and output on /dev/null and writes its
/// standard error into a file kept for the caller; none delays the caller.
class BackgroundPrograms
{
public:
  BackgroundPrograms();
  /// Closes the error file; a program still running is left to run.
  ~BackgroundPrograms();
  BackgroundPrograms(const BackgroundPrograms&) = delete;
  BackgroundPrograms& operator=(const BackgroundPrograms&) = delete;

  /// Starts `argv` (argv[0] looked up on PATH). Returns 0, or errno when it
  /// could not be started (ENOENT: not found).
  int start(const std::vector<std::string>& argv);
  /// Collects the programs that have ended, without blocking; returns how
  /// each that failed ended.
  std::vector<Ending> reap();
  /// Waits until every program has ended or `limit` has passed; returns how
  /// each that failed ended, as `reap`.
  std::vector<Ending> wait(std::chrono::milliseconds limit);
  /// Whether a started program has not been collected yet.
  bool running() const { return !m_running.empty(); }
  /// What the programs wrote on standard error since the last call.
  std::string take_error_output();

private:
  std::vector<pid_t> m_running;
  int m_errors = -1;
  long long m_read = 0;
};

/// The words of a command written as one string ("espeak-ng -s 140"),
/// split at white space: no quotes, no variables, no other shell syntax.
std::vector<std::string> command_words(std::string_view command);

/// Each line of `text` after `prefix`, each ending in a new line: another
/// program's messages as the user reads them ("backplan: --say: ...").
std::string prefixed_lines(std::string_view prefix, std::string_view text);

} // namespace backplan::util
