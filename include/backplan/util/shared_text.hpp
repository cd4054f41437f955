#pragma once

#include <compare>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace backplan::util {

/// A text that never changes, held as a view: of its own copy, or of bytes
/// something else keeps alive (a mapped cache file, the compiled built-in
/// catalog), so that a catalog of ten thousand exercises decoded from either
/// copies none of their rules' long texts. Copies share the text.
class SharedText
{
public:
  SharedText() = default;
  SharedText(std::string text) // NOLINT(google-explicit-constructor): as the std::string it replaces
      : m_owner(text.empty() ? nullptr : std::make_shared<const std::string>(std::move(text)))
  {
    if (m_owner) {
      m_view = *static_cast<const std::string*>(m_owner.get());
    }
  }
  SharedText(const char* text) : SharedText(std::string(text)) {} // NOLINT(google-explicit-constructor)

  /// A view of `bytes`, which `owner` keeps alive; no owner: bytes that
  /// live as long as the program.
  static SharedText view_of(std::string_view bytes, std::shared_ptr<const void> owner)
  {
    SharedText text;
    text.m_view = bytes;
    text.m_owner = std::move(owner);
    return text;
  }

  std::string_view view() const noexcept { return m_view; }
  operator std::string_view() const noexcept { return m_view; } // NOLINT: reads as the text it is
  std::string str() const { return std::string(m_view); }
  const char* data() const noexcept { return m_view.data(); }
  std::size_t size() const noexcept { return m_view.size(); }
  bool empty() const noexcept { return m_view.empty(); }

  friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.m_view == b; }
  friend auto operator<=>(const SharedText& a, std::string_view b) noexcept { return a.m_view <=> b; }

private:
  std::string_view m_view;
  std::shared_ptr<const void> m_owner;
};

} // namespace backplan::util
