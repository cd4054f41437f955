#pragma once

#include "cli/run/schedule.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

namespace backplan::run {

/// A monotonic clock, injectable so that the run loop can be tested without
/// waiting.
class Clock
{
public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~Clock() = default;
  /// The current time; never goes back.
  virtual TimePoint now() const = 0;
};

/// std::chrono::steady_clock.
class SteadyClock : public Clock
{
public:
  TimePoint now() const override { return std::chrono::steady_clock::now(); }
};

/// What became of one exercise of a run.
enum class ItemEnd {
  done,        ///< every phase ran out
  partly,      ///< begun, and the run ended during it
  skipped,     ///< left with `next` and not done later
  not_reached, ///< the run ended before it
};

/// How a run went, for the closing summary.
struct Summary {
  std::size_t done = 0;                ///< exercises whose every phase ran out
  std::size_t skipped = 0;             ///< exercises left with `next` and not done later
  std::size_t not_reached = 0;         ///< the rest
  std::chrono::milliseconds active{0}; ///< time running, pauses left out
  bool finished = false;               ///< the last phase ran out
  std::vector<ItemEnd> items;          ///< each exercise's end, in plan order
};

/// The state machine of a run: which phase is current and how much of it is
/// left, given a clock. Each phase ends at its scheduled time measured from
/// the start, plus the time spent paused, divided by the speed; nothing is
/// summed from sleeps, so a long run does not drift.
class Session
{
public:
  /// A session over `schedule` (kept by reference), `speed` times faster than
  /// real time, started at `clock.now()`.
  Session(const Schedule& schedule, const Clock& clock, double speed);

  /// The phases that have begun since the last call, in order (each one
  /// once, those of no length included); `schedule.phases.size()` stands for
  /// the end of the run.
  std::vector<std::size_t> update();

  /// The plan time now, in milliseconds from the start of the plan; frozen
  /// while paused.
  long long plan_ms() const;

  /// The phase now current (the last one announced by `update`).
  std::size_t current() const { return m_current; }

  /// Whole seconds left in the current phase, rounded up.
  int phase_seconds_left() const;

  /// Whole seconds left in the run, rounded up.
  int seconds_left() const;

  /// When, on the clock, the next phase begins or the shown seconds change;
  /// nothing while paused or after the end.
  std::optional<Clock::TimePoint> next_wakeup() const;

  /// Pauses a running session, or resumes a paused one.
  void toggle_pause();
  bool paused() const { return m_paused_at.has_value(); }

  /// Skips to the start of the next exercise (the end, from the last one).
  void next();
  /// Goes back to the start of the previous exercise (of the first, from the first).
  void previous();
  /// Goes back to the start of the current exercise.
  void restart();

  bool finished() const { return m_finished; }
  Summary summary() const;

private:
  void mark_done(std::size_t item);
  void jump_to_plan_ms(long long ms);
  Clock::TimePoint at_plan_ms(long long ms) const;

  const Schedule& m_schedule;
  const Clock& m_clock;
  double m_speed;
  Clock::TimePoint m_origin; ///< when plan time 0 was, or would have been
  std::optional<Clock::TimePoint> m_paused_at;
  Clock::TimePoint m_started;
  std::chrono::steady_clock::duration m_paused_total{0};
  std::size_t m_current = 0;
  std::size_t m_next = 0;   ///< the next phase to announce
  bool m_announced = false; ///< some phase has been announced
  bool m_jumped = false;    ///< the next announcement follows a jump
  bool m_finished = false;
  std::vector<bool> m_done;
  std::vector<bool> m_skipped;
};

} // namespace backplan::run
