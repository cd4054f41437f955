#include "cli/number_check.hpp"

#include <charconv>
#include <fmt/format.h>

namespace backplan::cli {

std::string number_problem(std::string_view value, double low, double high, bool whole)
{
  double number = 0;
  bool read = false;
  const char* const end = value.data() + value.size();
  if (whole) {
    long long integer = 0;
    const auto [at, error] = std::from_chars(value.data(), end, integer);
    read = error == std::errc() && at == end;
    number = static_cast<double>(integer);
  } else {
    const auto [at, error] = std::from_chars(value.data(), end, number);
    read = error == std::errc() && at == end;
  }
  if (read && number >= low && number <= high) {
    return "";
  }
  return fmt::format("must be {}{} to {}, found '{}'", whole ? "a whole number from " : "a number from ", low,
                     high, value);
}

CLI::Validator number_in(double low, double high, bool whole)
{
  return CLI::Validator(
    [low, high, whole](const std::string& value) { return number_problem(value, low, high, whole); }, "",
    "number");
}

} // namespace backplan::cli
