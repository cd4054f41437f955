#pragma once

#include <optional>
#include <string>
#include <vector>

namespace backplan::programme {

/// When a programme's sessions are due: from its start, for its weeks, on
/// its days of the week. A missed day shifts nothing: the next session is
/// the next one due.
struct Programme {
  std::string start; ///< YYYY-MM-DD, the first day
  int weeks = 6;
  std::vector<int> days; ///< days of the week, 0 (Monday) to 6 (Sunday), ascending
};

/// The longest programme, in weeks.
inline constexpr int max_weeks = 52;

/// "mon", "tue", ... "sun" for 0 to 6.
const char* day_name(int weekday);

/// 0 to 6 for "mon" to "sun" (or the full names, in any case); nothing for
/// another word.
std::optional<int> weekday_named(const std::string& name);

/// The programme's last day: the day before start + 7 × weeks.
std::string last_day(const Programme& programme);

/// Whether a session is due on `day`.
bool due(const Programme& programme, const std::string& day);

/// Every day a session is due, in order.
std::vector<std::string> due_days(const Programme& programme);

/// The first day a session is due on or after `day`; nothing once the
/// programme is over.
std::optional<std::string> next_due(const Programme& programme, const std::string& day);

/// The number of the session due on `day` (1 for the first), counting the
/// days due from the start; 0 when none is due that day.
int session_number(const Programme& programme, const std::string& day);

/// `day` (YYYY-MM-DD) in words: "Wed 9 Dec 2026".
std::string day_words(const std::string& day);

/// How often its sessions come, for a handout: "every day, for 6 weeks" or
/// "on Mon, Wed and Fri, for 6 weeks".
std::string frequency_words(const Programme& programme);

/// The week of the programme `day` falls in, from 1; 0 before it starts,
/// weeks + 1 after it ends.
int week_of(const Programme& programme, const std::string& day);

} // namespace backplan::programme
