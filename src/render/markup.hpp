#pragma once

#include <concepts>
#include <fmt/format.h>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace backplan::render {

/// Markup already in the output's language (a tag, a link, a drawing),
/// written as it is.
struct Raw {
  std::string text;
};

/// Writes one markup language. The format strings are markup and are written
/// as they are; every text argument goes through the language's `escape`,
/// here and nowhere else; numbers and `Raw` markup are written as they are.
class MarkupWriter
{
public:
  using Escape = std::string (*)(std::string_view);

  explicit MarkupWriter(Escape escape) : m_escape(escape) {}

  /// Appends `markup` with its `{}` replaced by the arguments.
  template<class... Args>
  void put(std::string_view markup, const Args&... args)
  {
    m_out += format(markup, args...).text;
  }

  /// `markup` with its `{}` replaced by the arguments, as markup to pass on.
  template<class... Args>
  Raw format(std::string_view markup, const Args&... args) const
  {
    return std::apply(
      [&](const auto&... values) { return Raw{fmt::vformat(markup, fmt::make_format_args(values...))}; },
      std::tuple{argument(args)...});
  }

  /// `text` escaped, as markup.
  Raw text(std::string_view text) const { return Raw{m_escape(text)}; }

  /// Everything written so far.
  std::string take() { return std::move(m_out); }

private:
  std::string argument(std::string_view text) const { return m_escape(text); }
  std::string argument(const std::string& text) const { return m_escape(text); }
  std::string argument(const char* text) const { return m_escape(text); }
  std::string argument(const Raw& raw) const { return raw.text; }
  template<class Number>
  requires std::integral<Number> || std::floating_point<Number> Number argument(Number number)
  const { return number; }

  Escape m_escape;
  std::string m_out;
};

} // namespace backplan::render
