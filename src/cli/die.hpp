#pragma once

#include "util/exit_status.hpp"

#include <string>
#include <string_view>

namespace backplan::cli {

/// A fatal message as the user reads it: "backplan: error: MESSAGE" on a
/// line of its own, then `more` (whole lines, each ending in a new line).
std::string error_text(std::string_view message, std::string_view more = {});

/// Ends the command with exit status `status` and error_text(message, more)
/// on standard error (a Failure that `run` reports).
[[noreturn]] void die(ExitStatus status, std::string_view message, std::string_view more = {});

/// Ends the command with a usage error (exit status 2): the message, then
/// "Run 'HELP' for usage." with `help` such as "backplan plan --help".
[[noreturn]] void usage_error(std::string_view message, std::string_view help);

} // namespace backplan::cli
