#include "util/utf8.hpp"

#include <array>
#include <utf8proc.h>

namespace backplan::util {

Utf8View::Iterator::Iterator(std::string_view text, std::size_t offset) : m_text(text)
{
  m_current.offset = offset;
  decode();
}

void Utf8View::Iterator::decode()
{
  const std::size_t at = m_current.offset;
  if (at >= m_text.size()) {
    m_current = CodePoint{0, m_text.size(), 0, false};
    return;
  }
  const auto first = static_cast<unsigned char>(m_text[at]);
  if (first < 0x80) {
    // ASCII, most of every text: one byte, one code point.
    m_current = CodePoint{static_cast<char32_t>(first), at, 1, true};
    return;
  }
  utf8proc_int32_t code = -1;
  const auto read = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(m_text.data() + at),
                                     static_cast<utf8proc_ssize_t>(m_text.size() - at), &code);
  if (read > 0 && code >= 0) {
    m_current = CodePoint{static_cast<char32_t>(code), at, static_cast<std::size_t>(read), true};
  } else {
    m_current = CodePoint{U'\uFFFD', at, 1, false};
  }
}

Utf8View::Iterator& Utf8View::Iterator::operator++()
{
  m_current.offset += m_current.length;
  decode();
  return *this;
}

Utf8View::Iterator Utf8View::Iterator::operator++(int)
{
  Iterator before = *this;
  ++*this;
  return before;
}

int column_width(char32_t code)
{
  // Printable ASCII takes one column (as utf8proc says), without the lookup.
  if (code >= U' ' && code < U'\x7f') {
    return 1;
  }
  return utf8proc_charwidth(static_cast<utf8proc_int32_t>(code));
}

std::optional<Utf8Error> find_invalid_utf8(std::string_view text)
{
  int line = 1;
  int column = 1;
  for (const CodePoint c : Utf8View(text)) {
    if (!c.valid) {
      return Utf8Error{line, column, static_cast<unsigned char>(text[c.offset])};
    }
    if (c.value == U'\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::nullopt;
}

std::string encode_utf8(char32_t code)
{
  const auto value = static_cast<utf8proc_int32_t>(code);
  std::array<utf8proc_uint8_t, 4> bytes{};
  const auto count = utf8proc_codepoint_valid(value) ? utf8proc_encode_char(value, bytes.data())
                                                     : utf8proc_encode_char(0xFFFD, bytes.data());
  return {reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(count)};
}

} // namespace backplan::util
