#include "util/rng.hpp"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace backplan::util {

namespace {

/// Today's date: the local date, or the UTC date of SOURCE_DATE_EPOCH when
/// it is set to a whole number of seconds (for reproducible output).
std::tm today_tm()
{
  std::tm date{};
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    long long seconds = 0;
    const char* end = epoch + std::strlen(epoch);
    const auto [ptr, error] = std::from_chars(epoch, end, seconds);
    if (error == std::errc() && ptr == end) {
      const auto when = static_cast<std::time_t>(seconds);
      gmtime_r(&when, &date);
      return date;
    }
  }
  const std::time_t now = std::time(nullptr);
  localtime_r(&now, &date);
  return date;
}

} // namespace

std::uint64_t daily_seed()
{
  const std::tm date = today_tm();
  return static_cast<std::uint64_t>(date.tm_year + 1900) * 10000 +
         static_cast<std::uint64_t>(date.tm_mon + 1) * 100 + static_cast<std::uint64_t>(date.tm_mday);
}

std::string today()
{
  const std::tm date = today_tm();
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &date);
  return text;
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
