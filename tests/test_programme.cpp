// A programme's days, the progression rule on hand-written histories, and
// its calendar's lines.
#include "programme/calendar.hpp"
#include "programme/progression.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace backplan;

namespace {

/// Monday 2 November 2026, six weeks, Monday, Wednesday and Friday.
programme::Programme three_a_week() { return {"2026-11-02", 6, {0, 2, 4}}; }

/// A session of one exercise: done in full unless `complete` is false.
programme::ExerciseSession rated(const std::string& day, std::optional<int> pain, std::optional<int> effort,
                                 std::optional<int> morning = {}, bool complete = true)
{
  programme::ExerciseSession session;
  session.day = day;
  session.complete = complete;
  session.ratings.pain_before = 2;
  session.ratings.pain = pain;
  session.ratings.effort = effort;
  session.ratings.morning_pain = morning;
  return session;
}

} // namespace

TEST_SUITE("programme::days")
{
  TEST_CASE("the days due, the next one, session numbers and weeks; a missed day shifts nothing")
  {
    const auto p = three_a_week();
    const auto due = programme::due_days(p);
    REQUIRE(due.size() == 18);
    CHECK(due.front() == "2026-11-02");
    CHECK(due[1] == "2026-11-04");
    CHECK(due.back() == "2026-12-11");
    CHECK(programme::last_day(p) == "2026-12-13");
    CHECK(programme::due(p, "2026-11-06"));
    CHECK_FALSE(programme::due(p, "2026-11-07"));
    CHECK_FALSE(programme::due(p, "2026-12-14")); // a Monday after the end
    CHECK(programme::next_due(p, "2026-11-07") == "2026-11-09");
    CHECK(programme::next_due(p, "2026-10-01") == "2026-11-02");
    CHECK_FALSE(programme::next_due(p, "2026-12-12").has_value());
    CHECK(programme::session_number(p, "2026-11-09") == 4);
    CHECK(programme::session_number(p, "2026-11-10") == 0);
    CHECK(programme::week_of(p, "2026-11-01") == 0);
    CHECK(programme::week_of(p, "2026-11-08") == 1);
    CHECK(programme::week_of(p, "2026-11-09") == 2);
    CHECK(programme::week_of(p, "2027-01-01") == 7);
    CHECK(programme::frequency_words(p) == "on Mon, Wed and Fri, for 6 weeks");
    CHECK(programme::frequency_words({"2026-11-02", 1, {0, 1, 2, 3, 4, 5, 6}}) == "every day, for 1 week");
    CHECK(programme::day_words("2026-12-09") == "Wed 9 Dec 2026");
    CHECK(programme::weekday_named("Friday") == 4);
    CHECK_FALSE(programme::weekday_named("fri.").has_value());
  }
}

TEST_SUITE("programme::progression")
{
  TEST_CASE("one week's move: the pain-monitoring rule, each reason in words")
  {
    std::string why;
    CHECK(programme::week_move({rated("2026-11-02", 2, 5), rated("2026-11-04", 3, 6)}, why) ==
          programme::Move::up);
    CHECK(why == "2 complete sessions with pain 3 or less and effort 6 or less");
    CHECK(programme::week_move({rated("2026-11-02", 2, 5)}, why) == programme::Move::hold);
    CHECK(why == "1 complete session rated with pain and effort; it takes 2");
    CHECK(programme::week_move({rated("2026-11-02", 2, 5), rated("2026-11-04", 4, 5)}, why) ==
          programme::Move::hold);
    CHECK(why == "pain 4 on 2026-11-04: 4 to 5 is acceptable, so the dose holds");
    CHECK(programme::week_move({rated("2026-11-02", 2, 7), rated("2026-11-04", 2, 5)}, why) ==
          programme::Move::hold);
    CHECK(why == "effort 7 on 2026-11-02: 7 to 8 holds the dose");
    CHECK(programme::week_move({rated("2026-11-02", 2, 5), rated("2026-11-04", 6, 5)}, why) ==
          programme::Move::down);
    CHECK(why == "pain 6 during the session of 2026-11-04: above 5 is too much");
    CHECK(programme::week_move({rated("2026-11-02", 2, 5, 3), rated("2026-11-04", 2, 5)}, why) ==
          programme::Move::down);
    CHECK(why == "the morning after 2026-11-02 was worse (pain 3 against 2)");
    CHECK(programme::week_move({rated("2026-11-02", 2, 9)}, why) == programme::Move::down);
    CHECK(why == "effort 9 on 2026-11-02: above 8 is too hard");
    // Unrated or partly done sessions do not earn a step.
    CHECK(programme::week_move({rated("2026-11-02", {}, {}), rated("2026-11-04", 1, 3, {}, false)}, why) ==
          programme::Move::hold);
    CHECK(programme::week_move({}, why) == programme::Move::hold);
    CHECK(why == "no session with it that week");
  }

  TEST_CASE("over weeks: up one step a week at most, a missed week holds, a flare-up goes back to the start")
  {
    const auto p = three_a_week();
    const std::vector<programme::ExerciseSession> log = {
      // Week 1 (2 Nov): three good sessions: up.
      rated("2026-11-02", 2, 5), rated("2026-11-04", 1, 4), rated("2026-11-06", 2, 5),
      // Week 2 (9 Nov): two good ones: up again, one step only.
      rated("2026-11-09", 2, 5), rated("2026-11-13", 2, 5),
      // Week 3 (16 Nov): missed entirely: held.
      // Week 4 (23 Nov): pain 6: down.
      rated("2026-11-23", 6, 5), rated("2026-11-25", 2, 5),
      // Week 5 (30 Nov): a worse morning: down again, a flare-up.
      rated("2026-11-30", 2, 5, 4),
      // Week 6 (7 Dec): good again: up.
      rated("2026-12-07", 1, 4), rated("2026-12-09", 1, 4)};
    std::vector<programme::WeekMove> weeks;
    CHECK(programme::progress(p, log, "2026-11-02", 2, 6, weeks) == 2); // nothing complete yet
    CHECK(weeks.empty());
    CHECK(programme::progress(p, log, "2026-11-20", 2, 6, weeks) == 4);
    REQUIRE(weeks.size() == 2);
    CHECK(weeks[0].move == programme::Move::up);
    CHECK(weeks[1].step == 4);
    weeks.clear();
    CHECK(programme::progress(p, log, "2026-11-30", 2, 6, weeks) == 3);
    REQUIRE(weeks.size() == 4);
    CHECK(weeks[2].move == programme::Move::hold);
    CHECK(weeks[2].reason == "no session with it that week");
    CHECK(weeks[3].move == programme::Move::down);
    weeks.clear();
    CHECK(programme::progress(p, log, "2026-12-07", 2, 6, weeks) == 0);
    REQUIRE(weeks.size() == 5);
    CHECK(weeks[4].move == programme::Move::flare);
    CHECK(weeks[4].reason == "the morning after 2026-11-30 was worse (pain 4 against 2); down two weeks in a "
                             "row: a flare-up, so back to the gentlest dose");
    weeks.clear();
    CHECK(programme::progress(p, log, "2026-12-20", 2, 6, weeks) == 1);
    CHECK(weeks.size() == 6);
    // At the top of the ladder, up holds and says what next.
    weeks.clear();
    CHECK(programme::progress(p, log, "2026-11-20", 5, 6, weeks) == 6);
    CHECK(weeks[1].move == programme::Move::hold);
    CHECK(weeks[1].mastered);
    CHECK(weeks[1].reason.ends_with(", at the top of its range"));
  }

  TEST_CASE("the ladder: reps first, then the hold, then the sets, each a value a physiotherapist writes")
  {
    catalog::Dosage dosage;
    dosage.hold = catalog::Range{5, 10};
    dosage.reps = {5, 10};
    dosage.sets = {1, 2};
    dosage.rest_between_sets = {30, 60};
    const plan::Dose least{5, 0, 5, 1, 0, 30};
    const plan::Dose most{10, 0, 10, 2, 0, 60};
    const auto ladder = programme::dose_ladder(least, most, dosage);
    std::vector<std::string> steps;
    for (const auto& dose : ladder) {
      steps.push_back(fmt::format("{}x{}s/{}", dose.reps, dose.hold, dose.sets));
    }
    CHECK(steps == std::vector<std::string>{"5x5s/1", "6x5s/1", "8x5s/1", "10x5s/1", "10x10s/1", "10x10s/2"});
  }
}

TEST_SUITE("programme::calendar")
{
  TEST_CASE("text is escaped and lines fold at 75 octets, never inside a UTF-8 character")
  {
    CHECK(programme::ical_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne");
    const std::string line = "DESCRIPTION:" + std::string(61, 'x') + "é" + std::string(80, 'y');
    const std::string folded = programme::fold(line);
    const auto lines = test::lines_of(folded);
    REQUIRE(lines.size() == 3);
    // 12 + 61 = 73 octets, and "é" takes two: 75 exactly.
    CHECK(lines[0] == "DESCRIPTION:" + std::string(61, 'x') + "é\r");
    CHECK(lines[1].size() == 76); // a space, 74 octets, CR
    CHECK(lines[1].front() == ' ');
    const std::string split = programme::fold("X:" + std::string(72, 'x') + "é");
    CHECK(test::lines_of(split)[0] == "X:" + std::string(72, 'x') + "\r"); // é would straddle octet 75
    CHECK(programme::fold("SHORT:1") == "SHORT:1\r\n");
  }

  TEST_CASE("one event per session due, each with a UID of its own that another export keeps")
  {
    programme::CalendarOptions options;
    options.title = "Back-care routine";
    options.description = "1. Cat-cow — 8 times";
    options.stamp = "20261206T120000Z";
    const auto ics = programme::calendar(three_a_week(), options);
    std::size_t events = 0;
    for (std::size_t at = ics.find("BEGIN:VEVENT"); at != std::string::npos;
         at = ics.find("BEGIN:VEVENT", at + 1)) {
      ++events;
    }
    CHECK(events == 18);
    CHECK(ics.find("UID:backplan-2026-11-02-1@backplan.invalid\r\n") != std::string::npos);
    CHECK(ics.find("UID:backplan-2026-11-02-18@backplan.invalid\r\n") != std::string::npos);
    CHECK(ics.find("DTSTART:20261211T080000\r\n") != std::string::npos);
    CHECK(ics.find("SUMMARY:Back-care routine (session 18 of 18)\r\n") != std::string::npos);
    CHECK(ics == programme::calendar(three_a_week(), options));
    CHECK(ics.ends_with("END:VCALENDAR\r\n"));
  }
}
