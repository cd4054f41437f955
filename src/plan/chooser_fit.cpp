#include "backplan/plan/planner.hpp"
#include "plan/chooser.hpp"

#include <algorithm>

namespace backplan::plan {

namespace {

/// The most exercises a plan may have for rechoose_short to try others.
constexpr std::size_t short_plan_items = 3;

} // namespace

std::vector<bool> Chooser::kept_shape(const std::vector<Need>& needs) const
{
  std::vector<bool> shape;
  for (const auto& need : needs) {
    shape.push_back(covers(need));
  }
  const auto order = ordered();
  shape.push_back(!order.empty() && opens_plan(m_catalog, *order.front()));
  shape.push_back(ends_calmly(m_catalog, order));
  return shape;
}

bool Chooser::keeps_shape(const std::vector<bool>& before, const std::vector<Need>& needs) const
{
  const auto now = kept_shape(needs);
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i] && !now[i]) {
      return false;
    }
  }
  return true;
}

void Chooser::swap_to_fill()
{
  const int target = fill_target_seconds(m_selection.budget());
  const auto all_needs = needs();
  m_stage = "it fills more of a short plan's time than the exercise it replaced";
  while (m_selection.total() < target && !exhausted()) {
    const auto shape = kept_shape(all_needs);
    const auto state = m_selection.state();
    const Candidate* out = nullptr;
    const Candidate* in = nullptr;
    int best = m_selection.total();
    for (const Candidate* leaving : state.chosen) {
      if (asked_for(*leaving)) {
        continue;
      }
      m_selection.remove(leaving);
      for (const auto& joining : m_candidates) {
        const auto& refused = m_refused[index_of(joining)];
        if (&joining == leaving || m_selection.has(&joining) || !refused ||
            refused->why != Added::over_budget || conflicts(joining)) {
          continue;
        }
        if (m_selection.try_add(&joining, m_selection.level_dose(joining)) != Added::yes) {
          continue;
        }
        if (m_selection.total() > best && keeps_shape(shape, all_needs)) {
          best = m_selection.total();
          out = leaving;
          in = &joining;
        }
        m_selection.remove(&joining);
      }
      m_selection.restore(state);
    }
    if (in == nullptr) {
      return;
    }
    m_selection.remove(out);
    m_why[index_of(*out)].clear();
    offer(*in);
    offer(*out); // refused for the time it needs, or back where it fits
    offer_remaining(target);
  }
}

void Chooser::rechoose_short()
{
  const int target = fill_target_seconds(m_selection.budget());
  if (m_selection.chosen().size() > short_plan_items || exhausted()) {
    return;
  }
  std::vector<Need> asked;
  for (const auto& need : needs()) {
    if (need.regions.empty()) { // a region or goal of the request, not a movement
      asked.push_back(need);
    }
  }
  const auto shape = kept_shape(asked);
  // Those chosen and those left out for the time, each with its seconds.
  const auto before = m_selection.state();
  const int before_total = m_selection.total();
  std::vector<std::pair<const Candidate*, int>> pool;
  for (const auto& candidate : m_candidates) {
    const auto& refused = m_refused[index_of(candidate)];
    if (asked_for(candidate) ||
        !(m_selection.has(&candidate) || (refused && refused->why == Added::over_budget))) {
      continue;
    }
    const Dose dose = m_selection.level_dose(candidate);
    pool.emplace_back(&candidate, m_selection.seconds(dose, candidate.exercise->per_side));
    if (m_selection.has(&candidate)) {
      m_selection.remove(&candidate);
    }
  }
  const auto base = m_selection.state();
  const int room = m_selection.budget() - m_selection.total();
  int best = before_total;
  Selection::State chosen = before;
  const auto attempt = [&](std::initializer_list<const Candidate*> picks) {
    for (const Candidate* pick : picks) {
      if (conflicts(*pick) || m_selection.try_add(pick, m_selection.level_dose(*pick)) != Added::yes) {
        m_selection.restore(base);
        return;
      }
    }
    if (m_selection.total() > best && keeps_shape(shape, asked)) {
      best = m_selection.total();
      chosen = m_selection.state();
    }
    m_selection.restore(base);
  };
  for (std::size_t i = 0; i < pool.size(); ++i) {
    attempt({pool[i].first});
    for (std::size_t j = i + 1; j < pool.size(); ++j) {
      // Two that cannot fit together are not tried, nor two whose own
      // seconds fall short of the target by more than half the room: they
      // would fill too little to be worth ordering the plan for.
      const int both = pool[i].second + pool[j].second;
      if (both <= room && both >= target - room / 2) {
        attempt({pool[i].first, pool[j].first});
      }
    }
  }
  m_selection.restore(before);
  if (best <= before_total) {
    return;
  }
  m_stage = "it fills more of a short plan's time than the exercises it replaced";
  for (const auto& [candidate, seconds] : pool) {
    if (m_selection.has(candidate)) {
      m_selection.remove(candidate);
      m_why[index_of(*candidate)].clear();
    }
  }
  for (const Candidate* candidate : chosen.chosen) {
    if (!m_selection.has(candidate)) {
      offer(*candidate);
    }
  }
  for (const auto& [candidate, seconds] : pool) {
    offer(*candidate); // refused for the time each needs, or back where it fits
  }
}

} // namespace backplan::plan
