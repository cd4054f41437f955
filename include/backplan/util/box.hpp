#pragma once

#include <memory>
#include <optional>
#include <utility>

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

} // namespace backplan::util
