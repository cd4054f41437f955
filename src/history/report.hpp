#pragma once

#include "history/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace backplan::history {

/// The days a week of adherence counts: the sessions done and those due.
struct WeekAdherence {
  std::string from; ///< its first day (a Monday, or the first day due)
  int done = 0;     ///< days of it with a session in which an exercise was done
  int due = 0;      ///< days of it that were due, up to today
};

/// What the history says over time, as of one day.
struct Report {
  std::string today;
  std::string first_day; ///< the first session's day; empty: no session
  /// The four weeks up to today (Monday to Sunday), oldest first, each
  /// from the first day due.
  std::vector<WeekAdherence> weeks;
  WeekAdherence last_four_weeks; ///< the 28 days up to today together
  int current_streak = 0;        ///< days in a row with a session, up to today (or yesterday)
  int longest_streak = 0;
  /// The pain of each of the days up to today (the highest given that
  /// day), oldest first; nothing for a day without a rating.
  std::vector<std::optional<int>> pain_by_day;
  std::vector<std::optional<int>> effort_by_day;  ///< the same for effort
  std::vector<std::optional<int>> morning_by_day; ///< the next morning's pain, by the session's day
};

/// How far back a report looks: its weeks (Monday to Sunday, the current
/// one last) and its days of ratings.
struct Span {
  int weeks = 4;
  int days = 28;
};

/// The days of the report's pain trend and its four weeks.
inline constexpr int report_days = 28;

/// The report of `sessions` as of `today` (YYYY-MM-DD). The days due are
/// those `is_due` says (a programme's); without it, every day from the first
/// session on. A day counts as done when a session of it did at least one
/// exercise; the streak counts the days due in a row that were done.
Report make_report(const std::vector<Session>& sessions, const std::string& today,
                   const std::function<bool(const std::string&)>& is_due = {}, Span span = {});

/// The day `days` after `day` (YYYY-MM-DD; `days` may be negative).
std::string add_days(const std::string& day, int days);

/// 0 for Monday to 6 for Sunday.
int weekday(const std::string& day);

/// Days from `from` to `to` (negative when `to` is earlier).
int days_between(const std::string& from, const std::string& to);

} // namespace backplan::history
