#include "programme/programme.hpp"

#include "history/report.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace backplan::programme {

namespace {

constexpr const char* short_names[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* long_names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};

} // namespace

const char* day_name(int weekday) { return short_names[weekday]; }

std::optional<int> weekday_named(const std::string& name)
{
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (int i = 0; i < 7; ++i) {
    if (lower == short_names[i] || lower == long_names[i]) {
      return i;
    }
  }
  return std::nullopt;
}

std::string last_day(const Programme& programme)
{
  return history::add_days(programme.start, 7 * programme.weeks - 1);
}

std::string day_words(const std::string& day)
{
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int month = std::stoi(day.substr(5, 2));
  const int date = std::stoi(day.substr(8, 2));
  std::string name = day_name(history::weekday(day));
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name + " " + std::to_string(date) + " " + months[month - 1] + " " + day.substr(0, 4);
}

std::string frequency_words(const Programme& programme)
{
  const std::string weeks = programme.weeks == 1 ? "1 week" : std::to_string(programme.weeks) + " weeks";
  if (programme.days.size() == 7) {
    return "every day, for " + weeks;
  }
  std::string days;
  for (std::size_t i = 0; i < programme.days.size(); ++i) {
    std::string name = day_name(programme.days[i]);
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    days += (i == 0 ? "" : i + 1 == programme.days.size() ? " and " : ", ") + name;
  }
  return "on " + days + ", for " + weeks;
}

int week_of(const Programme& programme, const std::string& day)
{
  const int offset = history::days_between(programme.start, day);
  if (offset < 0) {
    return 0;
  }
  return std::min(offset / 7 + 1, programme.weeks + 1);
}

bool due(const Programme& programme, const std::string& day)
{
  return day >= programme.start && day <= last_day(programme) &&
         std::find(programme.days.begin(), programme.days.end(), history::weekday(day)) !=
           programme.days.end();
}

std::vector<std::string> due_days(const Programme& programme)
{
  std::vector<std::string> out;
  for (int i = 0; i < 7 * programme.weeks; ++i) {
    const std::string day = history::add_days(programme.start, i);
    if (due(programme, day)) {
      out.push_back(day);
    }
  }
  return out;
}

std::optional<std::string> next_due(const Programme& programme, const std::string& day)
{
  const std::string from = std::max(day, programme.start);
  for (std::string at = from; at <= last_day(programme); at = history::add_days(at, 1)) {
    if (due(programme, at)) {
      return at;
    }
  }
  return std::nullopt;
}

int session_number(const Programme& programme, const std::string& day)
{
  if (!due(programme, day)) {
    return 0;
  }
  const auto days = due_days(programme);
  return static_cast<int>(std::find(days.begin(), days.end(), day) - days.begin()) + 1;
}

} // namespace backplan::programme
