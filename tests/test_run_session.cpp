#include "backplan/plan/planner.hpp"
#include "cli/run/driver.hpp"
#include "cli/run/keys.hpp"
#include "cli/run/screen.hpp"
#include "cli/run/session.hpp"
#include "plan/timing.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

using namespace backplan;
using namespace std::chrono_literals;

namespace {

/// A clock that moves only when told.
class FakeClock : public run::Clock
{
public:
  TimePoint now() const override { return m_now; }
  void advance(std::chrono::nanoseconds by) { m_now += by; }

private:
  TimePoint m_now{std::chrono::hours(1)};
};

/// Two items: a hold twice with a rest (0–25 s), then a change of position
/// (25–40 s) and a hold on each side (40–50 s), without lead-ins.
run::Schedule two_items()
{
  plan::Plan plan;
  plan.request.lead_in = 0;
  plan.request.conditions = {"knee"};
  plan.condition_names = {"Knee problems"};
  plan::PlanItem first;
  first.exercise.id = "first";
  first.exercise.name = "First";
  first.exercise.edit_details().steps = {"Stand tall.", "Reach up."};
  first.position_name = "Standing";
  first.dose = {10, 0, 2, 1, 5};
  first.dosage_words = plan::dosage_words(first.dose, false);
  first.duration = plan::duration(first.dose, false, 0);
  first.cautions.push_back(
    {"knee", catalog::Action::caution, "Keep the knees soft.", "general", std::nullopt, {}});
  plan::PlanItem second;
  second.exercise.id = "second";
  second.exercise.name = "Second";
  second.exercise.per_side = true;
  second.position_name = "Lying on your back";
  second.dose = {5, 0, 1, 1, 0};
  second.dosage_words = plan::dosage_words(second.dose, true);
  second.duration = plan::duration(second.dose, true, 0);
  second.transition = 15; // a change of position, of whatever length
  second.moves = true;
  second.start = first.duration + second.transition;
  plan.items = {first, second};
  plan.total = second.start + second.duration;
  return run::make_schedule(plan);
}

using Begun = std::vector<std::size_t>;

} // namespace

TEST_SUITE("run::session")
{
  TEST_CASE("each phase begins at its scheduled time from the start, however the clock is read")
  {
    const auto schedule = two_items();
    for (const int step_ms : {1, 7, 333, 1000}) {
      CAPTURE(step_ms);
      FakeClock clock;
      run::Session session(schedule, clock, 1.0);
      std::vector<long long> began_at(schedule.phases.size() + 1, -1);
      long long elapsed = 0;
      while (!session.finished() && elapsed <= 60000) {
        for (const auto index : session.update()) {
          began_at[index] = elapsed;
        }
        clock.advance(std::chrono::milliseconds(step_ms));
        elapsed += step_ms;
      }
      for (std::size_t i = 0; i < schedule.phases.size(); ++i) {
        CAPTURE(i);
        const long long due = schedule.phases[i].start * 1000LL;
        CHECK(began_at[i] >= due);
        CHECK(began_at[i] < due + step_ms);
      }
      CHECK(began_at.back() >= 50000);
      CHECK(began_at.back() < 50000 + step_ms);
    }
  }

  TEST_CASE("speed runs the clock faster")
  {
    const auto schedule = two_items();
    FakeClock clock;
    run::Session session(schedule, clock, 50.0);
    CHECK(session.update() == Begun{0, 1});
    clock.advance(199ms);
    CHECK(session.update().empty());
    clock.advance(1ms); // 10 s of plan time
    CHECK(session.update() == Begun{2});
    clock.advance(800ms); // 50 s
    CHECK(session.update() == Begun{3, 4, 5, 6, 7, 8});
    CHECK(session.finished());
  }

  TEST_CASE("a pause freezes every number and moves the rest of the run later")
  {
    const auto schedule = two_items();
    FakeClock clock;
    run::Session session(schedule, clock, 1.0);
    session.update();
    clock.advance(3500ms);
    CHECK(session.phase_seconds_left() == 7);
    CHECK(session.seconds_left() == 47);
    session.toggle_pause();
    CHECK(session.paused());
    CHECK(!session.next_wakeup());
    clock.advance(100s);
    CHECK(session.update().empty());
    CHECK(session.phase_seconds_left() == 7);
    CHECK(session.seconds_left() == 47);
    session.toggle_pause();
    CHECK(*session.next_wakeup() > clock.now());
    CHECK(*session.next_wakeup() <= clock.now() + 500ms + 1us);
    clock.advance(6499ms);
    CHECK(session.update().empty());
    clock.advance(1ms);
    CHECK(session.update() == Begun{2});
    clock.advance(40s);
    session.update();
    const auto summary = session.summary();
    CHECK(summary.finished);
    CHECK(summary.done == 2);
    CHECK(summary.active == 50s);
  }

  TEST_CASE("next, previous and restart go to the start of an exercise")
  {
    const auto schedule = two_items();
    FakeClock clock;
    run::Session session(schedule, clock, 1.0);
    session.update();
    clock.advance(12s);
    CHECK(session.update() == Begun{2});
    session.restart();
    CHECK(session.update() == Begun{0, 1});
    CHECK(session.seconds_left() == 50);
    session.next();
    CHECK(session.update() == Begun{4}); // the change of position before the second
    CHECK(session.seconds_left() == 25);
    session.previous();
    CHECK(session.update() == Begun{0, 1});
    session.next();
    session.update();
    clock.advance(15s);
    CHECK(session.update() == Begun{5});
    session.next(); // from the last exercise: the end
    CHECK(session.update() == Begun{8});
    CHECK(session.finished());
    const auto summary = session.summary();
    CHECK(summary.done == 0);
    CHECK(summary.skipped == 2);
    CHECK(summary.not_reached == 0);
    CHECK(run::summary_line(summary, 2) == "Finished: 0 of 2 exercises done, 2 skipped; time spent 0:27.\n");
  }

  TEST_CASE("a run stopped half way counts what was done, skipped and not reached")
  {
    const auto schedule = two_items();
    FakeClock clock;
    run::Session session(schedule, clock, 1.0);
    session.update();
    clock.advance(30s);
    session.update();
    const auto summary = session.summary();
    CHECK(!summary.finished);
    CHECK(run::summary_line(summary, 2) ==
          "Stopped: 1 of 2 exercises done, 0 skipped, 1 not reached; time spent 0:30.\n");
  }
}

TEST_SUITE("run::keys")
{
  TEST_CASE("keys and arrows")
  {
    using K = run::Key;
    CHECK(run::parse_keys(" nprq?x") ==
          std::vector<K>{K::pause, K::next, K::previous, K::restart, K::quit, K::help});
    CHECK(run::parse_keys("\x1b[C\x1b[D\x1bOC\x1b[A\x1b[1;5C") ==
          std::vector<K>{K::next, K::previous, K::next});
  }
}

TEST_SUITE("run::screen")
{
  TEST_CASE("the screen fits its size and keeps the caution in view")
  {
    const auto schedule = two_items();
    run::ScreenView view;
    view.phase = 1;
    view.phase_seconds_left = 8;
    view.seconds_left = 48;
    for (const auto& [rows, columns] : std::vector<std::pair<int, int>>{{12, 40}, {24, 80}, {8, 30}}) {
      CAPTURE(rows);
      const auto lines = run::screen_lines(schedule, view, columns, rows, false);
      CHECK(lines.size() == static_cast<std::size_t>(rows));
      const std::string all = util::join(lines, "\n");
      for (const auto& line : lines) {
        CHECK(util::display_width(line) <= static_cast<std::size_t>(columns));
      }
      CHECK(lines[0] == "1/2  First");
      CHECK(util::fold_whitespace(all).find("Knee problems — caution: Keep the knees soft.") !=
            std::string::npos);
      CHECK(all.find("HOLD · rep 1/2 · set 1/1") != std::string::npos);
    }
    // With the caution in two lines at 40 columns, 13 lines hold the large countdown.
    const auto big = run::screen_lines(schedule, view, 40, 13, false);
    CHECK(big[3].find("███") != std::string::npos);
    CHECK(big[12] == "Next: Second");
    CHECK(run::screen_lines(schedule, view, 80, 24, false).back() ==
          "space pause · n next · p back · q quit · ? keys");
    view.paused = true;
    CHECK(run::screen_lines(schedule, view, 40, 12, false)[2].starts_with("PAUSED · HOLD"));
    view.help = true;
    const auto help = util::join(run::screen_lines(schedule, view, 80, 24, false), "\n");
    CHECK(help.find("Keys: space pause/resume · n or → next exercise") != std::string::npos);
    CHECK(help.find("Knee problems — caution: Keep the knees soft.") != std::string::npos);
  }

  TEST_CASE("the screen draws the exercise's start and end poses when there is room, and names each phase")
  {
    plan::Request request;
    request.conditions = {"knee"};
    request.minutes = 5;
    const auto plan = plan::make_plan(test::builtin_catalog(), request);
    const auto schedule = run::make_schedule(plan);
    REQUIRE(schedule.drawings.size() == plan.items.size());
    const auto braille = [](const std::string& text) {
      // A braille pattern with a dot: U+2801 to U+28FF, E2 A0 81 to E2 A3 BF.
      for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto a = static_cast<unsigned char>(text[i]);
        const auto b = static_cast<unsigned char>(text[i + 1]);
        const auto c = static_cast<unsigned char>(text[i + 2]);
        if (a == 0xE2 && b >= 0xA0 && b <= 0xA3 && !(b == 0xA0 && c == 0x80)) {
          return true;
        }
      }
      return false;
    };
    for (std::size_t item = 0; item < plan.items.size(); ++item) {
      CAPTURE(plan.items[item].exercise.id);
      const std::size_t first = schedule.first_phase[item];
      run::ScreenView view;
      view.phase = first + 1; // the first movement or hold
      const auto big = run::screen_lines(schedule, view, 80, 24, false);
      // The figure's rows, as to_braille draws them, are on the screen.
      const auto all = util::join(big, "\n");
      CHECK(braille(all));
      bool drawn = false;
      for (int rows = 4; rows <= 12 && !drawn; ++rows) {
        const auto figure = figure::to_braille(schedule.drawings[item], 80, rows);
        drawn = all.find(util::join(figure, "\n")) != std::string::npos;
      }
      CHECK(drawn);
      // The first step stays in view while the exercise runs.
      CHECK(util::fold_whitespace(all).find(plan.items[item].exercise.details().steps.front()) !=
            std::string::npos);
      // Too small a screen: no figure, and nothing else gives way for one.
      CHECK_FALSE(braille(util::join(run::screen_lines(schedule, view, 40, 12, false), "\n")));
      view.phase = first;
      const auto ready = run::screen_lines(schedule, view, 80, 24, false)[2];
      CHECK(ready == (item == 0                ? "GET INTO POSITION"
                      : plan.items[item].moves ? "CHANGE POSITION"
                                               : "GET READY") +
                       std::string(plan.items[item].exercise.per_side ? " · right side" : ""));
    }
  }
}
