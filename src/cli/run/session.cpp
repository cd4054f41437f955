#include "cli/run/session.hpp"

#include <algorithm>

namespace backplan::run {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::nanoseconds;

long long ceil_seconds(long long ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

} // namespace

Session::Session(const Schedule& schedule, const Clock& clock, double speed)
    : m_schedule(schedule), m_clock(clock), m_speed(speed), m_origin(clock.now()), m_started(m_origin),
      m_done(schedule.items.size(), false), m_skipped(schedule.items.size(), false)
{}

long long Session::plan_ms() const
{
  const auto now = m_paused_at ? *m_paused_at : m_clock.now();
  const auto real = duration_cast<nanoseconds>(now - m_origin).count();
  return static_cast<long long>(static_cast<double>(real) * m_speed / 1e6);
}

Clock::TimePoint Session::at_plan_ms(long long ms) const
{
  // Rounded up, so that waking at this time always finds the plan time reached.
  const double real_ns = static_cast<double>(ms) * 1e6 / m_speed;
  return m_origin + nanoseconds(static_cast<long long>(real_ns) + 1);
}

std::vector<std::size_t> Session::update()
{
  std::vector<std::size_t> begun;
  if (m_finished) {
    return begun;
  }
  const long long now = plan_ms();
  const auto& phases = m_schedule.phases;
  while (m_next < phases.size() && phases[m_next].start * 1000LL <= now) {
    if (m_announced && !m_jumped && phases[m_next].item != phases[m_current].item) {
      mark_done(phases[m_current].item);
    }
    m_jumped = false;
    m_announced = true;
    m_current = m_next++;
    begun.push_back(m_current);
  }
  if (m_next == phases.size() && m_schedule.total * 1000LL <= now) {
    if (m_announced && !m_jumped) {
      mark_done(phases[m_current].item);
    }
    m_finished = true;
    if (!m_paused_at) {
      m_paused_at = m_clock.now();
    }
    begun.push_back(phases.size());
  }
  return begun;
}

int Session::phase_seconds_left() const
{
  const auto& phases = m_schedule.phases;
  if (m_finished || phases.empty()) {
    return 0;
  }
  const auto& phase = phases[m_current];
  const long long end = (phase.start + phase.phase.seconds) * 1000LL;
  return static_cast<int>(std::min<long long>(ceil_seconds(end - plan_ms()), phase.phase.seconds));
}

int Session::seconds_left() const
{
  return m_finished ? 0 : static_cast<int>(ceil_seconds(m_schedule.total * 1000LL - plan_ms()));
}

std::optional<Clock::TimePoint> Session::next_wakeup() const
{
  if (m_finished || m_paused_at) {
    return std::nullopt;
  }
  const long long now = plan_ms();
  long long target = (now / 1000 + 1) * 1000; // the next whole second, for the countdown
  if (m_next < m_schedule.phases.size()) {
    target = std::min(target, m_schedule.phases[m_next].start * 1000LL);
  }
  target = std::min(target, m_schedule.total * 1000LL);
  return at_plan_ms(std::max(target, now));
}

void Session::toggle_pause()
{
  if (m_finished) {
    return;
  }
  const auto now = m_clock.now();
  if (m_paused_at) {
    m_origin += now - *m_paused_at;
    m_paused_total += now - *m_paused_at;
    m_paused_at.reset();
  } else {
    m_paused_at = now;
  }
}

void Session::jump_to_plan_ms(long long ms)
{
  const auto reference = m_paused_at ? *m_paused_at : m_clock.now();
  m_origin = reference - nanoseconds(static_cast<long long>(static_cast<double>(ms) * 1e6 / m_speed));
  m_jumped = true;
}

void Session::next()
{
  if (m_finished || m_schedule.phases.empty()) {
    return;
  }
  const std::size_t item = m_schedule.phases[m_current].item;
  if (!m_done[item]) {
    m_skipped[item] = true;
  }
  if (item + 1 < m_schedule.items.size()) {
    m_next = m_schedule.first_phase[item + 1];
    jump_to_plan_ms(m_schedule.phases[m_next].start * 1000LL);
  } else {
    m_next = m_schedule.phases.size();
    jump_to_plan_ms(m_schedule.total * 1000LL);
  }
}

void Session::previous()
{
  if (m_finished || m_schedule.phases.empty()) {
    return;
  }
  const std::size_t item = m_schedule.phases[m_current].item;
  m_next = m_schedule.first_phase[item > 0 ? item - 1 : 0];
  jump_to_plan_ms(m_schedule.phases[m_next].start * 1000LL);
}

void Session::restart()
{
  if (m_finished || m_schedule.phases.empty()) {
    return;
  }
  m_next = m_schedule.first_phase[m_schedule.phases[m_current].item];
  jump_to_plan_ms(m_schedule.phases[m_next].start * 1000LL);
}

void Session::mark_done(std::size_t item)
{
  m_done[item] = true;
  m_skipped[item] = false;
}

Summary Session::summary() const
{
  Summary summary;
  for (std::size_t i = 0; i < m_done.size(); ++i) {
    summary.done += m_done[i] ? 1 : 0;
    summary.skipped += !m_done[i] && m_skipped[i] ? 1 : 0;
  }
  summary.not_reached = m_done.size() - summary.done - summary.skipped;
  for (std::size_t i = 0; i < m_done.size(); ++i) {
    const bool in_progress = !m_finished && m_announced && m_schedule.phases[m_current].item == i;
    summary.items.push_back(m_done[i]      ? ItemEnd::done
                            : m_skipped[i] ? ItemEnd::skipped
                            : in_progress  ? ItemEnd::partly
                                           : ItemEnd::not_reached);
  }
  const auto end = m_paused_at ? *m_paused_at : m_clock.now();
  summary.active = duration_cast<milliseconds>(end - m_started - m_paused_total);
  summary.finished = m_finished;
  return summary;
}

} // namespace backplan::run
