#include "util/process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>

extern char** environ;

namespace backplan::util {

namespace {

/// A file descriptor closed when it goes out of scope.
class OwnedFd
{
public:
  explicit OwnedFd(int fd = -1) : m_fd(fd) {}
  ~OwnedFd() { reset(); }
  OwnedFd(OwnedFd&& other) noexcept : m_fd(other.release()) {}
  OwnedFd(const OwnedFd&) = delete;
  OwnedFd& operator=(const OwnedFd&) = delete;

  int get() const { return m_fd; }
  /// Closes the descriptor held, and holds `fd` instead.
  void reset(int fd = -1)
  {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = fd;
  }
  /// Lets go of the descriptor without closing it.
  int release() { return std::exchange(m_fd, -1); }

private:
  int m_fd;
};

/// Starts `argv` with `in`, `out` and `err` as its standard streams, the
/// signal mask empty and SIGPIPE back to its default (this program ignores
/// it). Returns 0 or errno.
int spawn_with(const std::vector<std::string>& argv, int in, int out, int err, pid_t& pid)
{
  if (argv.empty()) {
    return ENOENT;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  ::sigemptyset(&none);
  sigset_t defaults;
  ::sigemptyset(&defaults);
  ::sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  std::vector<char*> args;
  for (const auto& arg : argv) {
    args.push_back(const_cast<char*>(arg.c_str()));
  }
  args.push_back(nullptr);
  const int error = ::posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  return error;
}

Ending ending_of(int status)
{
  Ending ending;
  if (WIFEXITED(status)) {
    ending.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    ending.signal = WTERMSIG(status);
  }
  return ending;
}

/// Waits for `pid` to end (blocking when `block` is set); nothing when it is
/// still running, or when it was not our child to wait for.
std::optional<Ending> wait_for_child(pid_t pid, bool block, bool& gone)
{
  int status = 0;
  pid_t got = 0;
  do {
    got = ::waitpid(pid, &status, block ? 0 : WNOHANG);
  } while (got < 0 && errno == EINTR);
  gone = got != 0;
  return got == pid ? std::optional<Ending>(ending_of(status)) : std::nullopt;
}

/// An anonymous file in memory holding `data`, read from its start.
OwnedFd memory_file(const char* name, std::string_view data, int& error)
{
  OwnedFd fd(::memfd_create(name, MFD_CLOEXEC));
  std::size_t done = 0;
  while (fd.get() >= 0 && done < data.size()) {
    const auto written = ::write(fd.get(), data.data() + done, data.size() - done);
    if (written < 0 && errno != EINTR) {
      break;
    }
    done += written > 0 ? static_cast<std::size_t>(written) : 0;
  }
  if (fd.get() < 0 || done < data.size() || ::lseek(fd.get(), 0, SEEK_SET) != 0) {
    error = errno != 0 ? errno : EIO;
    fd.reset();
  }
  return fd;
}

} // namespace

std::string describe(const Ending& ending)
{
  if (ending.signal != 0) {
    return fmt::format("signal {} ({})", ending.signal, ::strsignal(ending.signal));
  }
  return fmt::format("exit status {}", ending.exit_code);
}

BackgroundPrograms::BackgroundPrograms()
{
  int error = 0;
  m_errors = memory_file("backplan-errors", "", error).release();
  // Programs started one after another may write at the same moment; each
  // of their writes must land at the end, not at an offset another has just
  // written over (lines were lost when two shared the file's position).
  if (m_errors >= 0) {
    ::fcntl(m_errors, F_SETFL, ::fcntl(m_errors, F_GETFL) | O_APPEND);
  }
}

BackgroundPrograms::~BackgroundPrograms()
{
  if (m_errors >= 0) {
    ::close(m_errors);
  }
}

int BackgroundPrograms::start(const std::vector<std::string>& argv)
{
  const OwnedFd null(::open("/dev/null", O_RDWR | O_CLOEXEC));
  if (null.get() < 0) {
    return errno;
  }
  pid_t pid = 0;
  const int error = spawn_with(argv, null.get(), null.get(), m_errors >= 0 ? m_errors : null.get(), pid);
  if (error == 0) {
    m_running.push_back(pid);
  }
  return error;
}

std::vector<Ending> BackgroundPrograms::reap()
{
  std::vector<Ending> failed;
  std::vector<pid_t> still;
  for (const pid_t pid : m_running) {
    bool gone = false;
    const auto ending = wait_for_child(pid, false, gone);
    if (ending && !ending->succeeded()) {
      failed.push_back(*ending);
    }
    if (!gone) {
      still.push_back(pid);
    }
  }
  m_running = std::move(still);
  return failed;
}

std::vector<Ending> BackgroundPrograms::wait(std::chrono::milliseconds limit)
{
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::vector<Ending> failed = reap();
  while (running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto more = reap();
    failed.insert(failed.end(), more.begin(), more.end());
  }
  return failed;
}

std::string BackgroundPrograms::take_error_output()
{
  std::string text;
  std::array<char, 65536> buffer{};
  while (m_errors >= 0) {
    const auto count = ::pread(m_errors, buffer.data(), buffer.size(), static_cast<off_t>(m_read));
    if (count <= 0) {
      break;
    }
    text.append(buffer.data(), static_cast<std::size_t>(count));
    m_read += count;
  }
  return text;
}

std::vector<std::string> command_words(std::string_view command)
{
  std::vector<std::string> words;
  std::string word;
  for (const char c : command) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (!word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
    } else {
      word += c;
    }
  }
  if (!word.empty()) {
    words.push_back(std::move(word));
  }
  return words;
}

std::string prefixed_lines(std::string_view prefix, std::string_view text)
{
  std::string out;
  while (!text.empty()) {
    const auto end = text.find('\n');
    out.append(prefix).append(text.substr(0, end)).append("\n");
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return out;
}

} // namespace backplan::util
