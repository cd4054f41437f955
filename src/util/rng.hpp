#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::util {

/// A small deterministic random generator (SplitMix64): the same seed gives
/// the same sequence on every platform and standard library.
class Rng
{
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}

  /// The next 64 random bits.
  std::uint64_t next()
  {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// A number in [0, bound), for bound > 0.
  std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

  /// Shuffles `items` in place (Fisher-Yates).
  template<typename T>
  void shuffle(std::vector<T>& items)
  {
    for (std::size_t i = items.size(); i > 1; --i) {
      std::swap(items[i - 1], items[below(i)]);
    }
  }

private:
  std::uint64_t m_state;
};

/// The seed of the local calendar day, as the number YYYYMMDD (20261122 on
/// 22 November 2026): the same all day, another one the next day.
std::uint64_t daily_seed();

/// Today's date as YYYY-MM-DD: the local date, or the UTC date of
/// SOURCE_DATE_EPOCH when it is set (as daily_seed reads it too).
std::string today();

/// A seed as written on the command line or in a profile: a whole number of
/// 0 or more, or "daily" for daily_seed(); nothing for anything else.
std::optional<std::uint64_t> parse_seed(std::string_view text);

} // namespace backplan::util
