#pragma once

namespace backplan::cli {

/// Runs backplan with the program's arguments and returns its exit status.
/// No exception escapes.
int run(int argc, char** argv);

} // namespace backplan::cli
