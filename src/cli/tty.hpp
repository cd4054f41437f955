#pragma once

#include <csignal>
#include <optional>
#include <string>
#include <string_view>
#include <termios.h>
#include <utility>
#include <vector>

namespace backplan::cli {

/// The controlling terminal (/dev/tty) in a key-by-key mode: no line editing,
/// no echo, signals from Ctrl-C, Ctrl-\ and Ctrl-Z kept. The modes found on
/// opening are given back by `restore` and by the destructor.
class KeyboardTerminal
{
public:
  /// Opens /dev/tty when `open` is set; `available()` is false when there
  /// is none or it was not opened.
  explicit KeyboardTerminal(bool open = true);
  ~KeyboardTerminal();
  KeyboardTerminal(const KeyboardTerminal&) = delete;
  KeyboardTerminal& operator=(const KeyboardTerminal&) = delete;

  bool available() const { return m_fd >= 0; }
  /// The descriptor to poll for keys (-1 when unavailable).
  int fd() const { return m_fd; }
  /// Switches to key-by-key mode (again after `restore`).
  void enter();
  /// Gives the modes found on opening back.
  void restore();
  /// The bytes typed since the last call (never blocks).
  std::string read_keys();

private:
  int m_fd = -1;
  std::optional<termios> m_saved;
  bool m_entered = false;
};

/// The terminal as a program that reads keys holds it and, with `full` set,
/// draws on it (backplan run): keys one at a time without echo and, when
/// full, the alternate screen with the cursor hidden. The one restore path:
/// `leave` gives back all that `enter` took (the terminal's modes, the
/// cursor, the main screen), and the destructor leaves too; each may be
/// called again and again.
class HeldTerminal
{
public:
  /// Takes the terminal (`enter`).
  HeldTerminal(KeyboardTerminal& keyboard, bool full);
  ~HeldTerminal();
  HeldTerminal(const HeldTerminal&) = delete;
  HeldTerminal& operator=(const HeldTerminal&) = delete;

  /// Whether the screen is drawn on (the alternate screen is used).
  bool full() const { return m_full; }
  /// Takes the terminal (again after `leave`); the next `draw` redraws all.
  void enter();
  /// Gives the terminal back as it was found.
  void leave();
  /// Draws `lines` on the full screen, unless they are on it already and
  /// `force` is not set. Nothing when not full or not entered.
  void draw(const std::vector<std::string>& lines, bool force);

private:
  KeyboardTerminal& m_keyboard;
  bool m_full;
  bool m_entered = false;
  std::vector<std::string> m_last;
};

/// Signals turned into bytes on a pipe (the self-pipe), so that a poll loop
/// handles them in order with keys and timers. The previous handlers come
/// back on destruction. A terminating signal that was ignored when the
/// program started (SIGHUP under nohup) stays ignored.
class SignalPipe
{
public:
  explicit SignalPipe(const std::vector<int>& signals);
  ~SignalPipe();
  SignalPipe(const SignalPipe&) = delete;
  SignalPipe& operator=(const SignalPipe&) = delete;

  /// The descriptor to poll.
  int fd() const;
  /// The signals received since the last call, in order (never blocks).
  std::vector<int> take();
  /// Stops the process as the default Ctrl-Z would, and returns after `fg`.
  static void suspend_self();

private:
  std::vector<int> m_signals;
  std::vector<struct sigaction> m_previous;
};

/// The signals that end a program holding the terminal: Ctrl-C (SIGINT),
/// Ctrl-\ (SIGQUIT), SIGTERM and SIGHUP.
const std::vector<int>& terminating_signals();

/// Whether `signal` is one of terminating_signals().
bool is_terminating(int signal);

/// Ends the process by `signal` with its default action, as if it had
/// never been caught, so that the parent sees how it ended (a shell prints
/// 128 + its number; SIGQUIT may leave a core). Call it once the terminal
/// is given back; C stdio is flushed first.
[[noreturn]] void die_of_signal(int signal);

/// The rows and columns of the terminal on `fd`; {0, 0} when unknown.
std::pair<int, int> terminal_size(int fd);

/// Writes all of `data` to `fd`, again after an interruption; false when it
/// cannot (a closed pipe).
bool write_all(int fd, std::string_view data);

/// ANSI escapes used by full-screen programs.
namespace ansi {
inline constexpr const char* alternate_screen_on = "\x1b[?1049h";
inline constexpr const char* alternate_screen_off = "\x1b[?1049l";
inline constexpr const char* cursor_hidden = "\x1b[?25l";
inline constexpr const char* cursor_shown = "\x1b[?25h";
inline constexpr const char* home = "\x1b[H";
inline constexpr const char* clear_screen = "\x1b[2J";
inline constexpr const char* clear_line_rest = "\x1b[K";
inline constexpr const char* reset = "\x1b[0m";
} // namespace ansi

} // namespace backplan::cli
