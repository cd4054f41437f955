#include "util/rng.hpp"

#include <charconv>
#include <ctime>

namespace backplan::util {

std::uint64_t daily_seed()
{
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return static_cast<std::uint64_t>(local.tm_year + 1900) * 10000 +
         static_cast<std::uint64_t>(local.tm_mon + 1) * 100 + static_cast<std::uint64_t>(local.tm_mday);
}

std::optional<std::uint64_t> parse_seed(std::string_view text)
{
  if (text == "daily") {
    return daily_seed();
  }
  std::uint64_t seed = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.front() < '0' || text.front() > '9') {
    return std::nullopt;
  }
  const auto [ptr, error] = std::from_chars(text.data(), end, seed);
  if (error != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return seed;
}

} // namespace backplan::util
