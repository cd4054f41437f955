#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backplan::history {

/// What became of one exercise of a session.
enum class Outcome {
  done,        ///< every phase ran out
  partly,      ///< begun, and the session ended during it
  skipped,     ///< left with `next`
  not_reached, ///< the session ended before it
};

/// "done", "partly", "skipped" or "not-reached", as stored.
const char* outcome_name(Outcome outcome);

/// The outcome `name` stands for; nothing for another word.
std::optional<Outcome> outcome_named(const std::string& name);

/// One exercise of a recorded session.
struct LoggedItem {
  std::string exercise; ///< its id
  std::string name;     ///< its name when the session was recorded
  std::string dose;     ///< the dose in words ("hold 30 s, 3 times")
  Outcome outcome = Outcome::done;
};

/// The ratings a person may give a session, each 0 to 10 or not given:
/// pain before and during it, effort (Borg CR10) and the next morning's
/// pain.
struct Ratings {
  std::optional<int> pain_before;
  std::optional<int> pain;
  std::optional<int> effort;
  std::optional<int> morning_pain;
};

/// The highest a rating may be.
inline constexpr int max_rating = 10;

/// One session as the history keeps it.
struct Session {
  std::int64_t id = 0;      ///< given by the store
  std::string started;      ///< local time, YYYY-MM-DDTHH:MM:SS
  std::string day;          ///< the local day it counts for, YYYY-MM-DD
  std::string kind = "run"; ///< "run" (recorded by run) or "log" (by backplan log)
  std::string request;      ///< the plan's request as JSON, so that the plan can be made again
  std::string seed;         ///< the plan's seed as a number
  int planned_seconds = 0;  ///< the plan's time
  int spent_seconds = 0;    ///< the time spent, pauses left out
  Ratings ratings;
  std::string note;
  std::vector<LoggedItem> items;

  /// How many items were done in full.
  std::size_t done() const;
};

} // namespace backplan::history
