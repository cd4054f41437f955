#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace backplan::util {

/// Bytes kept in a few large blocks that never move: each append copies its
/// bytes in and returns a view of them, valid as long as the arena. glibc's
/// malloc maps blocks this large with mmap, away from the heap (unless a
/// freed block as large has raised its threshold; they are few either way),
/// so a thread that appends what it keeps here and frees everything else
/// leaves its heap's free space in one piece for the next short-lived
/// objects (the loader's parse of many files; see ARCHITECTURE.md).
class ByteArena
{
public:
  static constexpr std::size_t default_block_size = std::size_t{4} << 20;

  explicit ByteArena(std::size_t block_size = default_block_size) : m_block_size(block_size) {}

  std::string_view append(std::string_view bytes)
  {
    if (bytes.empty()) {
      return {};
    }
    if (m_blocks.empty() || m_capacity - m_used < bytes.size()) {
      m_capacity = std::max(m_block_size, bytes.size());
      m_blocks.push_back(std::make_unique_for_overwrite<char[]>(m_capacity));
      m_used = 0;
    }
    char* out = m_blocks.back().get() + m_used;
    std::memcpy(out, bytes.data(), bytes.size());
    m_used += bytes.size();
    return {out, bytes.size()};
  }

private:
  std::size_t m_block_size;
  std::vector<std::unique_ptr<char[]>> m_blocks;
  std::size_t m_capacity = 0; ///< of the last block
  std::size_t m_used = 0;     ///< of the last block
};

} // namespace backplan::util
