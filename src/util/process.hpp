#pragma once

#include <string>

namespace backplan::util {

/// Starts `/bin/sh -c 'COMMAND "$1"'` with `argument` as $1 (so that the
/// argument is never parsed by the shell), stdin, stdout and stderr on
/// /dev/null, and returns at once without waiting for it. Returns false when
/// the process could not be started.
bool spawn_detached(const std::string& command, const std::string& argument);

/// Collects every child that has ended, without blocking.
void reap_children();

} // namespace backplan::util
