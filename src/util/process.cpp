#include "util/process.hpp"

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace backplan::util {

bool spawn_detached(const std::string& command, const std::string& argument)
{
  const std::string script = command + " \"$1\"";
  const pid_t pid = ::fork();
  if (pid < 0) {
    return false;
  }
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    struct sigaction action {};
    action.sa_handler = SIG_DFL;
    for (const int signal : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGWINCH, SIGCONT, SIGCHLD}) {
      ::sigaction(signal, &action, nullptr);
    }
    ::execl("/bin/sh", "sh", "-c", script.c_str(), "backplan", argument.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return true;
}

void reap_children()
{
  while (::waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

} // namespace backplan::util
