#pragma once

#include <csignal>
#include <optional>
#include <string>
#include <termios.h>
#include <vector>

namespace backplan::util {

/// The controlling terminal (/dev/tty) in a key-by-key mode: no line editing,
/// no echo, signals from Ctrl-C and Ctrl-Z kept. The modes found on opening
/// are given back by `restore` and by the destructor.
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

/// Signals turned into bytes on a pipe (the self-pipe), so that a poll loop
/// handles them in order with keys and timers. The previous handlers come
/// back on destruction.
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

/// The rows and columns of the terminal on `fd`; {0, 0} when unknown.
std::pair<int, int> terminal_size(int fd);

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

} // namespace backplan::util
