#pragma once

#include <string>
#include <vector>

namespace backplan::run {

/// What a key asks a run to do.
enum class Key { pause, next, previous, restart, quit, help };

/// The keys in `typed` (bytes read from the terminal): space, n or →, p or
/// ←, r, q, ?; other bytes and escape sequences are ignored.
std::vector<Key> parse_keys(const std::string& typed);

} // namespace backplan::run
