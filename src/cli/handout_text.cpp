#include "cli/handout_text.hpp"

#include "util/utf8.hpp"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fmt/format.h>

namespace backplan::cli {

std::string handout_text_problem(std::string_view value, bool may_be_empty, std::size_t max_characters)
{
  if (value.empty()) {
    return may_be_empty ? "" : "must not be empty";
  }
  if (util::find_invalid_utf8(value)) {
    return "must be valid UTF-8 text";
  }
  std::size_t characters = 0;
  for (const util::CodePoint c : util::Utf8View(value)) {
    if (c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0)) {
      return fmt::format("must be one line of printable text, found the control character U+{:04X}",
                         static_cast<std::uint32_t>(c.value));
    }
    ++characters;
  }
  if (characters > max_characters) {
    return fmt::format("must be at most {} characters, found {}", max_characters, characters);
  }
  return "";
}

std::string iso_date_problem(std::string_view value)
{
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  char extra = 0;
  const std::string text(value);
  const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                      std::sscanf(text.c_str(), "%4u-%2u-%2u%c", &year, &month, &day, &extra) == 3;
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(year)), std::chrono::month(month),
                                         std::chrono::day(day)};
  return shaped && date.ok() ? "" : fmt::format("must be a date as YYYY-MM-DD, found '{}'", text);
}

CLI::Validator handout_text(bool may_be_empty, std::size_t max_characters)
{
  return CLI::Validator(
    [may_be_empty, max_characters](const std::string& value) {
      return handout_text_problem(value, may_be_empty, max_characters);
    },
    "", "handout text");
}

CLI::Validator iso_date()
{
  return CLI::Validator([](const std::string& value) { return iso_date_problem(value); }, "", "date");
}

} // namespace backplan::cli
