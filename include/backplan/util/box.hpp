#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace backplan::util {

/// An optional value kept on the heap: std::optional's interface for a value
/// that is large and usually absent, so that holding none costs a pointer
/// instead of the value's size (an exercise's figure, a rule's modified
/// figure: a catalog of ten thousand exercises holds tens of thousands of
/// empty ones). Copies copy the value.
template<class T>
class Box
{
public:
  Box() = default;
  Box(std::nullopt_t) {} // NOLINT(google-explicit-constructor): as std::optional
  Box(T value) : m_value(std::make_unique<T>(std::move(value))) {} // NOLINT(google-explicit-constructor)
  Box(std::optional<T> value)                                      // NOLINT(google-explicit-constructor)
      : m_value(value ? std::make_unique<T>(std::move(*value)) : nullptr)
  {}
  Box(const Box& other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) {}
  Box(Box&&) noexcept = default;
  ~Box() = default;

  Box& operator=(const Box& other)
  {
    if (this != &other) {
      m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
    }
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  Box& operator=(T value)
  {
    m_value = std::make_unique<T>(std::move(value));
    return *this;
  }

  bool has_value() const noexcept { return m_value != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }
  const T& operator*() const { return *m_value; }
  T& operator*() { return *m_value; }
  const T* operator->() const { return m_value.get(); }
  T* operator->() { return m_value.get(); }
  void reset() noexcept { m_value.reset(); }

private:
  std::unique_ptr<T> m_value;
};

/// A std::vector kept on the heap behind one pointer, read as a const
/// std::vector: for a list that is usually empty (a rule's qualifier
/// values, in tens of thousands of rules), 8 bytes rather than 24. An
/// empty list holds nothing on the heap. Copies copy the items.
template<class T>
class BoxedVector
{
public:
  BoxedVector() = default;
  BoxedVector(std::vector<T> items) // NOLINT(google-explicit-constructor): set as the vector it replaces
      : m_items(items.empty() ? nullptr : std::make_unique<std::vector<T>>(std::move(items)))
  {}
  BoxedVector(std::initializer_list<T> items) : BoxedVector(std::vector<T>(items)) {}
  BoxedVector(const BoxedVector& other) : BoxedVector(other.get()) {}
  BoxedVector(BoxedVector&&) noexcept = default;
  ~BoxedVector() = default;
  BoxedVector& operator=(const BoxedVector& other)
  {
    if (this != &other) {
      *this = BoxedVector(other);
    }
    return *this;
  }
  BoxedVector& operator=(BoxedVector&&) noexcept = default;

  /// The items, as a vector (an empty one when there are none).
  const std::vector<T>& get() const noexcept { return m_items ? *m_items : none(); }
  /// The items to change in place; there must be some (else assign).
  std::vector<T>& edit() { return *m_items; }
  operator const std::vector<T>&() const noexcept { return get(); } // NOLINT: reads as the vector it is
  bool empty() const noexcept { return !m_items || m_items->empty(); }
  std::size_t size() const noexcept { return get().size(); }
  auto begin() const noexcept { return get().begin(); }
  auto end() const noexcept { return get().end(); }
  const T& operator[](std::size_t i) const { return get()[i]; }
  friend bool operator==(const BoxedVector& a, const BoxedVector& b) { return a.get() == b.get(); }

private:
  static const std::vector<T>& none() noexcept
  {
    static const std::vector<T> empty;
    return empty;
  }
  std::unique_ptr<std::vector<T>> m_items;
};

} // namespace backplan::util
