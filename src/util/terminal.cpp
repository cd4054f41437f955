#include "util/terminal.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

namespace backplan::util {

bool use_color(ColorMode mode)
{
  if (mode != ColorMode::automatic) {
    return mode == ColorMode::always;
  }
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') {
    return false;
  }
  const char* term = std::getenv("TERM");
  if (term == nullptr || std::string_view(term) == "dumb") {
    return false;
  }
  return ::isatty(STDOUT_FILENO) == 1;
}

std::size_t terminal_width(std::size_t fallback)
{
  struct winsize size {};
  if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return fallback;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

} // namespace backplan::util
