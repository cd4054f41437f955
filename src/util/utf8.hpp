#pragma once

#include <cstddef>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace backplan::util {

/// One code point of a UTF-8 text and where its bytes lie.
struct CodePoint {
  char32_t value = 0;     ///< the code point; U+FFFD for a byte that starts no valid sequence
  std::size_t offset = 0; ///< where its bytes start in the text
  std::size_t length = 0; ///< how many bytes it takes (1 for an invalid byte)
  bool valid = false;     ///< false for a byte that starts no valid sequence
};

/// The code points of a UTF-8 text, in order, decoded by utf8proc (overlong
/// forms, surrogates and code points above U+10FFFF are invalid): each byte
/// that starts no valid sequence is one invalid CodePoint of length 1, so
/// that every byte of the text is in exactly one CodePoint.
/// `for (const CodePoint c : Utf8View(text))`.
class Utf8View
{
public:
  class Iterator
  {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = CodePoint;
    using difference_type = std::ptrdiff_t;
    using pointer = const CodePoint*;
    using reference = const CodePoint&;

    Iterator() = default;
    Iterator(std::string_view text, std::size_t offset);
    const CodePoint& operator*() const { return m_current; }
    const CodePoint* operator->() const { return &m_current; }
    Iterator& operator++();
    Iterator operator++(int);
    bool operator==(const Iterator& other) const { return m_current.offset == other.m_current.offset; }

  private:
    void decode();
    std::string_view m_text;
    CodePoint m_current;
  };

  explicit Utf8View(std::string_view text) : m_text(text) {}
  Iterator begin() const { return {m_text, 0}; }
  Iterator end() const { return {m_text, m_text.size()}; }

private:
  std::string_view m_text;
};

/// Number of terminal columns `code` takes, from utf8proc's tables: 2 for
/// wide characters (CJK, most emoji), 0 for combining marks and other
/// characters that print nothing of their own, 1 otherwise.
int column_width(char32_t code);

/// `code` encoded in UTF-8 (U+FFFD for a value that is no code point).
std::string encode_utf8(char32_t code);

/// Where a text first breaks the UTF-8 encoding: 1-based line and column and
/// the offending byte.
struct Utf8Error {
  int line;
  int column;
  unsigned char byte;
};

/// The first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
/// code points above U+10FFFF included), or nothing when the text is valid.
/// Columns count code points.
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

} // namespace backplan::util
