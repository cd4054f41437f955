#include "backplan/plan/planner.hpp"
#include "plan/chooser.hpp"
#include "plan/timing.hpp"
#include "util/text.hpp"
#include "util/threads.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace backplan::plan {

using catalog::Exercise;

LeftOut Chooser::reason(const Candidate& candidate) const
{
  const Exercise& exercise = *candidate.exercise;
  const auto out = [&](const char* reason, std::string detail) {
    return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
  };
  for (const auto* chosen : m_selection.chosen()) {
    if (progression_pair(exercise, *chosen->exercise)) {
      return out("progression",
                 chosen->exercise->progression_of == exercise.id
                   ? fmt::format("{}, its progression, is in the plan instead", chosen->exercise->name)
                   : fmt::format("it progresses {}, which is in the plan", chosen->exercise->name));
    }
  }
  if (&candidate == m_dropped) {
    return out("ending", "it stood alone in a posture of its own; without it the plan ends calmly, in a "
                         "posture it is already in");
  }
  for (const auto* chosen : m_selection.chosen()) {
    if (same_family(exercise, *chosen->exercise)) {
      return out("family", fmt::format("{} is in the plan: both are versions of one movement ({})",
                                       chosen->exercise->name, exercise.family));
    }
  }
  if (const Exercise* other = covering(candidate)) {
    return out("covered", fmt::format("movement already covered by {} (kept for variety: another "
                                      "--seed than {} may choose this one)",
                                      other->name, m_request.seed));
  }
  if (candidate.modified && !m_tried[index_of(candidate)]) {
    return out("modified", fmt::format("needs a change for {}; the plan prefers exercises that need none",
                                       util::join(modifying_conditions(candidate), " and ")));
  }
  if (candidate.cautioned && !m_tried[index_of(candidate)]) {
    std::vector<std::string> names;
    for (const auto& rule : candidate.verdict.cautions) {
      names.push_back(m_catalog.conditions.name_of(rule.condition));
    }
    return out("cautioned", fmt::format("carries a caution for {}; the plan prefers exercises that need none",
                                        util::join(names, " and ")));
  }
  return refused_reason(candidate);
}

LeftOut Chooser::refused_reason(const Candidate& candidate) const
{
  const Exercise& exercise = *candidate.exercise;
  const auto out = [&](const char* reason, std::string detail) {
    return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
  };
  const auto& refused = m_refused[index_of(candidate)];
  if (!refused) {
    return out("time", "the plan was full before it was tried");
  }
  const Refusal& refusal = *refused;
  if (refusal.why == Added::over_position) {
    return out("time", fmt::format("would take the time in the position '{}' past its cap of {} s for your "
                                   "conditions",
                                   m_catalog.positions.name_of(exercise.position), refusal.limit));
  }
  if (refusal.why == Added::over_item_cap) {
    return out("time", fmt::format("needs {} s even at its least dose; one exercise may take at most {} s "
                                   "of a {}-minute plan",
                                   refusal.needed, refusal.limit, m_selection.budget() / 60));
  }
  if (refusal.why == Added::over_end) {
    return out("ending", "it would end the plan alone in a posture of its own; the plan ends calmly, on a "
                         "stretch in a posture it is already in");
  }
  if (refusal.why == Added::over_moves) {
    return out("moves", fmt::format("would add a change of position; a {}-minute plan makes at most {}",
                                    m_selection.budget() / 60, refusal.limit));
  }
  return out("time", fmt::format("needs {} s, only {} s left", refusal.needed, refusal.limit));
}

std::vector<LeftOut> all_left_out(const Catalog& catalog, const std::vector<Candidate>& candidates,
                                  const Chooser& chooser, std::vector<LeftOut> filtered,
                                  const std::vector<std::string>* only, std::size_t per_thread)
{
  const auto wanted = [&](const Exercise& exercise) {
    return only == nullptr || std::find(only->begin(), only->end(), exercise.id) != only->end();
  };
  std::vector<const Candidate*> by_exercise(catalog.exercises.size(), nullptr);
  for (const auto& candidate : candidates) {
    by_exercise[static_cast<std::size_t>(candidate.exercise - catalog.exercises.data())] = &candidate;
  }
  // A large catalog's reasons are worked out one run of exercises a core,
  // the runs joined in order.
  const std::size_t threads = util::threads_for(by_exercise.size(), per_thread);
  std::vector<std::vector<LeftOut>> parts(threads);
  util::on_threads(threads, by_exercise.size(), [&](std::size_t t, std::size_t begin, std::size_t end) {
    // The filtered ones, in order, are those of the exercises with no candidate.
    auto next = filtered.begin() + std::count(by_exercise.begin(), by_exercise.begin() + begin, nullptr);
    for (std::size_t i = begin; i < end; ++i) {
      if (by_exercise[i] == nullptr) {
        parts[t].push_back(std::move(*next++));
      } else if (!chooser.selection().has(by_exercise[i]) && wanted(*by_exercise[i]->exercise)) {
        parts[t].push_back(chooser.reason(*by_exercise[i]));
      }
    }
  });
  std::vector<LeftOut> out;
  util::append_runs(out, parts);
  const auto by_id = [](const LeftOut& a, const LeftOut& b) { return a.id < b.id; };
  if (!std::is_sorted(out.begin(), out.end(), by_id)) { // a catalog not built by the loader
    std::sort(out.begin(), out.end(), by_id);
  }
  return out;
}

} // namespace backplan::plan
