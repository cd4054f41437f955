// What the history adds up to: adherence, streaks and the pain trend, on
// histories written out by hand.
#include "history/report.hpp"

#include <doctest/doctest.h>

using namespace backplan;

namespace {

/// A session on `day`: `done` exercises of 3 done, the pain given.
history::Session day_session(const std::string& day, std::size_t done = 3, std::optional<int> pain = {})
{
  history::Session session;
  session.day = day;
  session.started = day + "T08:00:00";
  for (std::size_t i = 0; i < 3; ++i) {
    session.items.push_back(
      {"e", "E", "hold 30 s", i < done ? history::Outcome::done : history::Outcome::skipped});
  }
  session.ratings.pain = pain;
  return session;
}

} // namespace

TEST_SUITE("history::report")
{
  TEST_CASE("days: adding, weekdays, and the days between")
  {
    CHECK(history::add_days("2026-12-31", 1) == "2027-01-01");
    CHECK(history::add_days("2024-03-01", -1) == "2024-02-29");
    CHECK(history::weekday("2026-12-07") == 0); // a Monday
    CHECK(history::weekday("2026-12-06") == 6); // a Sunday
    CHECK(history::days_between("2026-11-30", "2026-12-06") == 6);
  }

  TEST_CASE("no session: nothing due, no streak")
  {
    const auto report = history::make_report({}, "2026-12-06");
    CHECK(report.first_day.empty());
    CHECK(report.weeks.empty());
    CHECK(report.last_four_weeks.due == 0);
    CHECK(report.current_streak == 0);
    CHECK(report.pain_by_day.size() == history::report_days);
  }

  TEST_CASE("a missed day breaks the streak; a session that did nothing does not count; today still to come "
            "keeps it")
  {
    // Sunday 2026-12-06 is today. Sessions on Mon 23 Nov to Thu 26 Nov, none on
    // Fri 27, then Sat 28 Nov to Sat 5 Dec, one on Sun 29 Nov that did nothing.
    std::vector<history::Session> sessions;
    for (const char* day : {"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"}) {
      sessions.push_back(day_session(day));
    }
    for (const char* day :
         {"2026-11-28", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"}) {
      sessions.push_back(day_session(day));
    }
    sessions.push_back(day_session("2026-11-29", 0));
    const auto report = history::make_report(sessions, "2026-12-06");
    CHECK(report.first_day == "2026-11-23");
    CHECK(report.longest_streak == 6); // 30 Nov to 5 Dec
    CHECK(report.current_streak == 6); // up to yesterday, today still to come
    REQUIRE(report.weeks.size() == 2);
    CHECK(report.weeks[0].from == "2026-11-23");
    CHECK(report.weeks[0].due == 7);
    CHECK(report.weeks[0].done == 5); // Friday missed, Sunday did nothing
    CHECK(report.weeks[1].from == "2026-11-30");
    CHECK(report.weeks[1].due == 7);
    CHECK(report.weeks[1].done == 6);
    CHECK(report.last_four_weeks.from == "2026-11-23");
    CHECK(report.last_four_weeks.due == 14);
    CHECK(report.last_four_weeks.done == 11);

    // Two days later without a session, the streak is over.
    const auto later = history::make_report(sessions, "2026-12-07");
    CHECK(later.current_streak == 0);
    CHECK(later.longest_streak == 6);
  }

  TEST_CASE("a skipped week counts as due and not done; the pain trend takes each day's highest")
  {
    std::vector<history::Session> sessions = {
      day_session("2026-11-09", 3, 2), day_session("2026-11-10", 3, 4), day_session("2026-11-10", 3, 6),
      day_session("2026-11-24", 3, 1)};
    const auto report = history::make_report(sessions, "2026-11-29");
    // 29 November is a Sunday: the weeks from the 2nd (before the first
    // session: nothing due), the 9th, the 16th and the 23rd.
    REQUIRE(report.weeks.size() == 3);
    CHECK(report.weeks[0].from == "2026-11-09");
    CHECK(report.weeks[0].done == 2);
    CHECK(report.weeks[1].from == "2026-11-16"); // the week skipped
    CHECK(report.weeks[1].done == 0);
    CHECK(report.weeks[1].due == 7);
    CHECK(report.weeks[2].from == "2026-11-23");
    CHECK(report.weeks[2].done == 1);
    CHECK(report.weeks[2].due == 7);
    CHECK(report.last_four_weeks.due == 21);
    CHECK(report.last_four_weeks.done == 3);
    // The window is 2 Nov to 29 Nov: the 9th is its 8th day.
    REQUIRE(report.pain_by_day.size() == 28);
    CHECK(report.pain_by_day[7] == 2);
    CHECK(report.pain_by_day[8] == 6);
    CHECK_FALSE(report.pain_by_day[9].has_value());
    CHECK(report.pain_by_day[22] == 1);
    CHECK(report.current_streak == 0);
    CHECK(report.longest_streak == 2);
  }
}
