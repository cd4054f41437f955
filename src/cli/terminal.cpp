#include "cli/terminal.hpp"

#include <cstdlib>
#include <string_view>
#include <sys/ioctl.h>
#include <unistd.h>

namespace backplan::cli {

namespace {

/// Whether the environment variable `name` is set to something.
bool set_and_not_empty(const char* name)
{
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

} // namespace

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

bool utf8_terminal()
{
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::string_view(term) == "dumb") {
    return false;
  }
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    if (set_and_not_empty(name)) {
      const std::string_view value = std::getenv(name);
      return value.find("UTF-8") != std::string_view::npos || value.find("utf8") != std::string_view::npos ||
             value.find("UTF8") != std::string_view::npos || value.find("utf-8") != std::string_view::npos;
    }
  }
  return true;
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

bool stdout_is_smart_terminal()
{
  const char* term = std::getenv("TERM");
  return stdout_is_terminal() && set_and_not_empty("TERM") && std::string_view(term) != "dumb";
}

bool use_color(ColorMode mode)
{
  if (mode != ColorMode::automatic) {
    return mode == ColorMode::always;
  }
  return stdout_is_smart_terminal() && !set_and_not_empty("NO_COLOR");
}

bool full_screen_allowed() { return stdout_is_smart_terminal(); }

std::size_t terminal_width(std::size_t fallback)
{
  struct winsize size {};
  if (stdout_is_terminal() && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
    return size.ws_col;
  }
  return fallback;
}

} // namespace backplan::cli
