#include "util/tty.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace backplan::util {

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
    struct sigaction action {};
    action.sa_handler = on_signal;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    struct sigaction previous {};
    ::sigaction(signal, &action, &previous);
    m_previous.push_back(previous);
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

std::pair<int, int> terminal_size(int fd)
{
  struct winsize size {};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0 && size.ws_col > 0) {
    return {size.ws_row, size.ws_col};
  }
  return {0, 0};
}

} // namespace backplan::util
