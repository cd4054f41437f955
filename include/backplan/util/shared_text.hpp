#pragma once

#include "backplan/util/counted.hpp"

#include <atomic>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace backplan::util {

/// A text that never changes, held as a view: of its own copy, or of bytes
/// something else keeps alive (a mapped cache file, the compiled built-in
/// catalog), so that a catalog of ten thousand exercises decoded from either
/// copies none of their rules' long texts. Copies share the text. It takes
/// 24 bytes: a catalog holds tens of thousands.
class SharedText
{
public:
  /// What keeps the bytes of texts alive, counted once for all the texts
  /// that share it: made once (say, an exercise's), then given to view_of()
  /// for each of its texts. Copies share it; the last one lets go of the
  /// owner.
  class Keeper
  {
  public:
    Keeper() = default;
    /// Keeps `owner` (none: bytes that live as long as the program).
    explicit Keeper(std::shared_ptr<const void> owner)
        : m_block(owner ? new Block{{1}, std::move(owner)} : nullptr)
    {}

  private:
    friend class SharedText;
    /// The count and the owner it keeps (24 bytes: one an exercise).
    struct Block {
      std::atomic<std::size_t> refs;
      std::shared_ptr<const void> owner;
      static void destroy(Block* block)
      {
        if (block->owner) {
          delete block;
        } else {
          delete static_cast<TextBlock*>(block);
        }
      }
    };
    /// With no owner: the count and a text of its own.
    struct TextBlock : Block {
      std::string text;
    };
    explicit Keeper(std::string text) : m_block(new TextBlock{{{1}, nullptr}, std::move(text)}) {}
    const std::string& own_text() const { return static_cast<const TextBlock*>(m_block.get())->text; }
    Counted<Block> m_block;
  };

  SharedText() = default;
  SharedText(std::string text) // NOLINT(google-explicit-constructor): as the std::string it replaces
  {
    if (!text.empty()) {
      m_keeper = Keeper(std::move(text));
      set(m_keeper.own_text());
    }
  }
  SharedText(const char* text) : SharedText(std::string(text)) {} // NOLINT(google-explicit-constructor)

  /// A view of `bytes`, which `keeper` keeps alive.
  static SharedText view_of(std::string_view bytes, Keeper keeper)
  {
    SharedText text;
    text.set(bytes);
    text.m_keeper = std::move(keeper);
    return text;
  }
  /// A view of `bytes`, which `owner` keeps alive; no owner: bytes that
  /// live as long as the program. Many texts of one owner share a Keeper
  /// better: this one counts its own.
  static SharedText view_of(std::string_view bytes, std::shared_ptr<const void> owner)
  {
    return view_of(bytes, Keeper(std::move(owner)));
  }

  std::string_view view() const noexcept { return {m_data, m_size}; }
  operator std::string_view() const noexcept { return view(); } // NOLINT: reads as the text it is
  std::string str() const { return std::string(view()); }
  const char* data() const noexcept { return m_data; }
  std::size_t size() const noexcept { return m_size; }
  bool empty() const noexcept { return m_size == 0; }

  friend bool operator==(const SharedText& a, std::string_view b) noexcept { return a.view() == b; }
  friend auto operator<=>(const SharedText& a, std::string_view b) noexcept { return a.view() <=> b; }

private:
  void set(std::string_view bytes)
  {
    if (bytes.size() > UINT32_MAX) {
      throw std::length_error("a shared text longer than 4 GiB");
    }
    m_data = bytes.data();
    m_size = static_cast<std::uint32_t>(bytes.size());
  }

  const char* m_data = nullptr;
  std::uint32_t m_size = 0;
  Keeper m_keeper;
};

} // namespace backplan::util
