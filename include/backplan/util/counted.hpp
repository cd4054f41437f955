#pragma once

#include <atomic>
#include <cstddef>
#include <utility>

namespace backplan::util {

/// A pointer to a block that counts its own references: one pointer where a
/// std::shared_ptr is two, for handles a large catalog holds by the ten
/// thousand (file names, shared texts' keepers). `T` has a member
/// `std::atomic<std::size_t> refs`, 1 when the block is made, and a static
/// `destroy(T*)` that frees it; copies share the block, and the last one
/// gone destroys it. Safe to copy and drop from several threads at once.
template<class T>
class Counted
{
public:
  Counted() = default;
  /// Takes a block just made (its count at 1), or nullptr.
  explicit Counted(T* made) noexcept : m_block(made) {}
  Counted(const Counted& other) noexcept : m_block(other.m_block)
  {
    if (m_block != nullptr) {
      m_block->refs.fetch_add(1, std::memory_order_relaxed);
    }
  }
  Counted(Counted&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
  Counted& operator=(Counted other) noexcept
  {
    std::swap(m_block, other.m_block);
    return *this;
  }
  ~Counted()
  {
    if (m_block != nullptr && m_block->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      T::destroy(m_block);
    }
  }

  T* get() const noexcept { return m_block; }
  T* operator->() const noexcept { return m_block; }
  explicit operator bool() const noexcept { return m_block != nullptr; }

private:
  T* m_block = nullptr;
};

} // namespace backplan::util
