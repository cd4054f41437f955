#include "cli/tty.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace backplan::cli {

namespace {

int g_signal_pipe[2] = {-1, -1};

extern "C" void on_signal(int signal)
{
  const int saved = errno;
  const auto byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] const auto written = ::write(g_signal_pipe[1], &byte, 1);
  errno = saved;
}

void set_flags(int fd, int flags) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | flags); }

} // namespace

KeyboardTerminal::KeyboardTerminal(bool open)
{
  if (!open) {
    return;
  }
  m_fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  termios modes{};
  if (m_fd >= 0 && ::tcgetattr(m_fd, &modes) == 0) {
    m_saved = modes;
  } else if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
}

KeyboardTerminal::~KeyboardTerminal()
{
  restore();
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

void KeyboardTerminal::enter()
{
  if (!m_saved) {
    return;
  }
  termios modes = *m_saved;
  modes.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  modes.c_cc[VMIN] = 0;
  modes.c_cc[VTIME] = 0;
  ::tcsetattr(m_fd, TCSAFLUSH, &modes);
  m_entered = true;
}

void KeyboardTerminal::restore()
{
  if (m_saved && m_entered) {
    ::tcsetattr(m_fd, TCSAFLUSH, &*m_saved);
    m_entered = false;
  }
}

std::string KeyboardTerminal::read_keys()
{
  std::string keys;
  std::array<char, 64> buffer{};
  while (m_fd >= 0) {
    const auto count = ::read(m_fd, buffer.data(), buffer.size());
    if (count <= 0) {
      break;
    }
    keys.append(buffer.data(), static_cast<std::size_t>(count));
  }
  return keys;
}

HeldTerminal::HeldTerminal(KeyboardTerminal& keyboard, bool full) : m_keyboard(keyboard), m_full(full)
{
  enter();
}

HeldTerminal::~HeldTerminal() { leave(); }

void HeldTerminal::enter()
{
  m_keyboard.enter();
  if (m_full) {
    write_all(STDOUT_FILENO,
              std::string(ansi::alternate_screen_on) + ansi::cursor_hidden + ansi::clear_screen);
  }
  m_entered = true;
  m_last.clear();
}

void HeldTerminal::leave()
{
  if (!m_entered) {
    return;
  }
  if (m_full) {
    write_all(STDOUT_FILENO, std::string(ansi::reset) + ansi::cursor_shown + ansi::alternate_screen_off);
  }
  m_keyboard.restore();
  m_entered = false;
}

void HeldTerminal::draw(const std::vector<std::string>& lines, bool force)
{
  if (!m_full || !m_entered || (!force && lines == m_last)) {
    return;
  }
  std::string frame = std::string(force ? ansi::clear_screen : "") + ansi::home;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    frame += lines[i] + ansi::clear_line_rest + (i + 1 < lines.size() ? "\r\n" : "");
  }
  write_all(STDOUT_FILENO, frame);
  m_last = lines;
}

SignalPipe::SignalPipe(const std::vector<int>& signals) : m_signals(signals)
{
  if (g_signal_pipe[0] < 0) {
    if (::pipe(g_signal_pipe) != 0) {
      g_signal_pipe[0] = g_signal_pipe[1] = -1;
      return;
    }
    for (const int fd : g_signal_pipe) {
      set_flags(fd, O_NONBLOCK);
      ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
  }
  for (const int signal : m_signals) {
    struct sigaction previous {};
    ::sigaction(signal, nullptr, &previous);
    m_previous.push_back(previous);
    if (previous.sa_handler == SIG_IGN && is_terminating(signal)) {
      continue; // ignored by whoever started us (nohup, a background job)
    }
    struct sigaction action {};
    action.sa_handler = on_signal;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(signal, &action, nullptr);
  }
}

SignalPipe::~SignalPipe()
{
  for (std::size_t i = 0; i < m_signals.size(); ++i) {
    ::sigaction(m_signals[i], &m_previous[i], nullptr);
  }
}

int SignalPipe::fd() const { return g_signal_pipe[0]; }

std::vector<int> SignalPipe::take()
{
  std::vector<int> signals;
  std::array<unsigned char, 64> buffer{};
  while (g_signal_pipe[0] >= 0) {
    const auto count = ::read(g_signal_pipe[0], buffer.data(), buffer.size());
    if (count <= 0) {
      break;
    }
    signals.insert(signals.end(), buffer.begin(), buffer.begin() + count);
  }
  return signals;
}

void SignalPipe::suspend_self()
{
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  struct sigaction previous {};
  ::sigaction(SIGTSTP, &action, &previous);
  ::raise(SIGTSTP);
  // Here after SIGCONT.
  ::sigaction(SIGTSTP, &previous, nullptr);
}

const std::vector<int>& terminating_signals()
{
  static const std::vector<int> signals = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};
  return signals;
}

bool is_terminating(int signal)
{
  const auto& signals = terminating_signals();
  return std::find(signals.begin(), signals.end(), signal) != signals.end();
}

void die_of_signal(int signal)
{
  std::fflush(nullptr);
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(signal, &action, nullptr);
  sigset_t set;
  ::sigemptyset(&set);
  ::sigaddset(&set, signal);
  ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
  ::raise(signal);
  // Only a signal whose default action does not end the process gets here.
  ::_exit(128 + signal);
}

bool write_all(int fd, std::string_view data)
{
  while (!data.empty()) {
    const auto written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::pair<int, int> terminal_size(int fd)
{
  struct winsize size {};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0) {
    return {size.ws_row, size.ws_col};
  }
  return {0, 0};
}

} // namespace backplan::cli
