#pragma once

#include <string>

namespace backplan {

/// The process exit codes, the single place where failures map to numbers.
enum class ExitStatus : int {
  ok = 0,              ///< success
  runtime = 1,         ///< a runtime failure, such as a file that cannot be written
  usage = 2,           ///< unknown option, bad value, unknown condition
  invalid_catalog = 3, ///< a catalog, profile or saved plan file failed validation
  no_safe_plan = 4,    ///< no safe exercise is left for the request
  stopped = 5,         ///< a run ended with exercises not done: quit, skipped or not reached
};

/// An error that ends the command with a given exit status and message.
struct Failure {
  ExitStatus status;
  std::string message;
};

} // namespace backplan
