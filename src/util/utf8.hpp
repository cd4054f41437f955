#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace backplan::util {

/// Where a text first breaks the UTF-8 encoding: 1-based line and column and
/// the offending byte.
struct Utf8Error {
  int line;
  int column;
  unsigned char byte;
};

/// The first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
/// code points above U+10FFFF included), or nothing when the text is valid.
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

} // namespace backplan::util
