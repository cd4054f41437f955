#include "history/report.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace backplan::history {

namespace {

using std::chrono::sys_days;

sys_days parse_day(const std::string& day)
{
  unsigned year = 1970;
  unsigned month = 1;
  unsigned date = 1;
  std::sscanf(day.c_str(), "%4u-%2u-%2u", &year, &month, &date);
  return sys_days{std::chrono::year(static_cast<int>(year)) / std::chrono::month(month) /
                  std::chrono::day(date)};
}

std::string format_day(sys_days days)
{
  const std::chrono::year_month_day date{days};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

} // namespace

std::string add_days(const std::string& day, int days)
{
  return format_day(parse_day(day) + std::chrono::days(days));
}

int weekday(const std::string& day)
{
  return static_cast<int>(std::chrono::weekday(parse_day(day)).iso_encoding()) - 1;
}

int days_between(const std::string& from, const std::string& to)
{
  return static_cast<int>((parse_day(to) - parse_day(from)).count());
}

Report make_report(const std::vector<Session>& sessions, const std::string& today,
                   const std::function<bool(const std::string&)>& is_due, Span span)
{
  Report report;
  report.today = today;
  std::set<std::string> done_days;
  for (const auto& session : sessions) {
    if (report.first_day.empty() || session.day < report.first_day) {
      report.first_day = session.day;
    }
    if (session.done() > 0 && session.day <= today) {
      done_days.insert(session.day);
    }
  }
  const auto due = [&](const std::string& day) {
    return is_due ? is_due(day) : !report.first_day.empty() && day >= report.first_day;
  };
  // Streaks: runs of days due that were done, a day not due breaking none.
  if (!report.first_day.empty()) {
    int run = 0;
    for (std::string day = report.first_day; day <= today; day = add_days(day, 1)) {
      if (done_days.contains(day)) {
        report.longest_streak = std::max(report.longest_streak, ++run);
      } else if (due(day) && day != today) { // today may still come
        run = 0;
      }
    }
    report.current_streak = run;
  }
  // Adherence: the days due up to today.
  const std::string window_start = add_days(today, 1 - report_days);
  const std::string this_monday = add_days(today, -weekday(today));
  for (int week = span.weeks - 1; week >= 0; --week) {
    const std::string monday = add_days(this_monday, -7 * week);
    WeekAdherence adherence;
    for (int i = 0; i < 7; ++i) {
      const std::string day = add_days(monday, i);
      if (day > today || !due(day)) {
        continue;
      }
      if (adherence.from.empty()) {
        adherence.from = day;
      }
      ++adherence.due;
      adherence.done += done_days.contains(day) ? 1 : 0;
    }
    if (adherence.due > 0) {
      report.weeks.push_back(adherence);
    }
  }
  for (int i = 0; i < report_days; ++i) {
    const std::string day = add_days(window_start, i);
    if (due(day)) {
      if (report.last_four_weeks.from.empty()) {
        report.last_four_weeks.from = day;
      }
      ++report.last_four_weeks.due;
      report.last_four_weeks.done += done_days.contains(day) ? 1 : 0;
    }
  }
  // Each day's highest rating of each kind.
  const std::string first_shown = add_days(today, 1 - span.days);
  report.pain_by_day.assign(static_cast<std::size_t>(span.days), std::nullopt);
  report.effort_by_day = report.pain_by_day;
  report.morning_by_day = report.pain_by_day;
  for (const auto& session : sessions) {
    const int at = days_between(first_shown, session.day);
    if (at < 0 || at >= span.days) {
      continue;
    }
    const auto index = static_cast<std::size_t>(at);
    for (const auto& [rating, by_day] : {std::pair(session.ratings.pain, &report.pain_by_day),
                                         std::pair(session.ratings.effort, &report.effort_by_day),
                                         std::pair(session.ratings.morning_pain, &report.morning_by_day)}) {
      if (rating) {
        (*by_day)[index] = std::max((*by_day)[index].value_or(0), *rating);
      }
    }
  }
  return report;
}

} // namespace backplan::history
