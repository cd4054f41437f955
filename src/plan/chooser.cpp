#include "plan/chooser.hpp"

#include "backplan/plan/planner.hpp"
#include "plan/timing.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace backplan::plan {

namespace {

using catalog::Exercise;

/// A (movement, region) pair of an exercise: a slot it fills, so that a
/// neck side-bend does not stand in for the trunk's.
using MovementSlot = std::pair<std::string_view, std::string_view>;

struct MovementSlotHash {
  std::size_t operator()(const MovementSlot& slot) const noexcept
  {
    const std::hash<std::string_view> hash;
    return hash(slot.first) * 31 + hash(slot.second);
  }
};

} // namespace

Chooser::Chooser(const catalog::Catalog& catalog, const Request& request,
                 const std::vector<Candidate>& candidates, int budget, std::vector<PositionLimit> limits)
    : m_catalog(catalog), m_request(request), m_candidates(candidates),
      m_selection(catalog, budget, request.lead_in, std::move(limits)), m_why(candidates.size()),
      m_tried(candidates.size(), false), m_refused(candidates.size())
{
  // Each slot a bit, numbered as first met; each candidate's bits.
  std::unordered_map<MovementSlot, std::size_t, MovementSlotHash> bits;
  std::vector<std::size_t> slot_bits;
  std::vector<std::size_t> first(candidates.size() + 1, 0);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    first[c] = slot_bits.size();
    const Exercise& exercise = *candidates[c].exercise;
    for (const auto& movement : exercise.movements) {
      for (const auto& region : exercise.regions) {
        slot_bits.push_back(bits.try_emplace(MovementSlot(movement, region), bits.size()).first->second);
      }
    }
  }
  first[candidates.size()] = slot_bits.size();
  m_words = (bits.size() + 63) / 64;
  m_movements.assign(candidates.size() * m_words, 0);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    for (std::size_t s = first[c]; s < first[c + 1]; ++s) {
      const std::size_t bit = slot_bits[s];
      m_movements[c * m_words + bit / 64] |= std::uint64_t{1} << (bit % 64);
    }
  }
}

std::vector<Chooser::Need> Chooser::needs() const
{
  std::vector<Need> needs;
  for (const auto& region : m_request.regions) {
    needs.push_back({&Exercise::regions, region, {}});
  }
  for (const auto& goal : m_request.goals) {
    needs.push_back({&Exercise::goals, goal, {}});
  }
  if (needs.empty()) {
    std::vector<std::string> back;
    for (const auto& region : m_catalog.regions.terms) {
      if (region.back) {
        back.push_back(region.id);
      }
    }
    for (const auto& movement : m_catalog.movements.terms) {
      needs.push_back({&Exercise::movements, movement.id, back});
    }
  }
  return needs;
}

bool Chooser::meets(const Exercise& exercise, const Need& need)
{
  return contains(exercise.*need.field, need.id) &&
         (need.regions.empty() ||
          std::any_of(need.regions.begin(), need.regions.end(),
                      [&](const auto& region) { return contains(exercise.regions, region); }));
}

void Chooser::run(std::vector<std::string>& uncovered)
{
  m_stage = "it was asked for";
  for (const auto& candidate : m_candidates) {
    if (asked_for(candidate)) {
      offer(candidate);
    }
  }
  cover_opener();
  cover_needs(uncovered);
  if (m_selection.budget() >= rules_minimum_minutes * 60) {
    fill_shares();
  }
  close_calmly();
  fill(true, true);
  fill(false, false);
  top_up();
}

std::vector<const Exercise*> Chooser::ordered() const
{
  std::vector<const Exercise*> out;
  for (const std::size_t i : m_selection.order()) {
    out.push_back(m_selection.chosen()[i]->exercise);
  }
  return out;
}

void Chooser::cover_opener()
{
  m_stage = "the plan opens with gentle mobility, and no exercise needing no change or caution could open it";
  for (const auto& candidate : m_candidates) {
    if (opens_plan(m_catalog, *candidate.exercise) && offer(candidate)) {
      return;
    }
  }
}

void Chooser::close_calmly()
{
  if (m_selection.chosen().empty() || ends_calmly(m_catalog, ordered())) {
    return;
  }
  m_stage = "the plan ends on a stretch in a posture it is already in, and no exercise needing no change or "
            "caution could end it";
  m_selection.close_postures(true);
  // A closer is kept only if the plan then ends calmly: one that does not
  // would take time a later one needs.
  const auto offer_closers = [&] {
    for (const auto& candidate : m_candidates) {
      if (!closes_plan(m_catalog, *candidate.exercise) || !offer(candidate)) {
        continue;
      }
      if (ends_calmly(m_catalog, ordered())) {
        return true;
      }
      m_selection.remove(&candidate);
      m_why[index_of(candidate)].clear();
    }
    return false;
  };
  if (!offer_closers()) {
    drop_lone_end(offer_closers);
  }
  m_selection.close_postures(false);
}

template<typename OfferClosers>
void Chooser::drop_lone_end(OfferClosers offer_closers)
{
  // An item alone in a posture of its own (the last first): the plan does
  // without it and fills its time from the postures it is already in, if
  // then it ends calmly.
  const auto order = ordered();
  const auto alone = [&](std::size_t i) {
    const auto& group = position_group(m_catalog, *order[i]);
    return std::count_if(order.begin(), order.end(),
                         [&](const Exercise* e) { return position_group(m_catalog, *e) == group; }) == 1;
  };
  for (std::size_t i = order.size(); i-- > 1;) {
    if (!alone(i)) {
      continue;
    }
    const auto& chosen = m_selection.chosen();
    const Candidate* lone = *std::find_if(chosen.begin(), chosen.end(),
                                          [&](const Candidate* c) { return c->exercise == order[i]; });
    if (std::find(m_request.include.begin(), m_request.include.end(), lone->exercise->id) !=
        m_request.include.end()) {
      continue; // asked for: it stays
    }
    const auto before = m_selection.state();
    m_selection.remove(lone);
    std::vector<std::string> uncovered;
    cover_needs(uncovered);
    offer_closers();
    offer_remaining(fill_target_seconds(m_selection.budget()));
    if (ends_calmly(m_catalog, ordered())) {
      m_dropped = lone;
      m_why[index_of(*lone)].clear();
      return;
    }
    m_selection.restore(before);
  }
}

bool Chooser::offer(const Candidate& candidate)
{
  if (m_selection.has(&candidate) || conflicts(candidate)) {
    return false;
  }
  const Dose dose = m_selection.level_dose(candidate);
  const std::size_t index = index_of(candidate);
  m_tried[index] = true;
  switch (m_selection.try_add(&candidate, dose)) {
  case Added::yes:
    m_refused[index].reset();
    m_why[index] = m_stage;
    return true;
  case Added::over_item_cap:
    m_refused[index] = Refusal{Added::over_item_cap, m_selection.seconds(dose, candidate.exercise->per_side),
                               m_selection.item_cap().value_or(0)};
    return false;
  case Added::over_position:
    m_refused[index] = Refusal{Added::over_position, m_selection.seconds(dose, candidate.exercise->per_side),
                               m_selection.position_cap(*candidate.exercise)};
    return false;
  case Added::over_moves:
    m_refused[index] = Refusal{Added::over_moves, m_selection.seconds(dose, candidate.exercise->per_side),
                               m_selection.moves_cap()};
    return false;
  case Added::over_end: // the chooser's own refusal, never try_add's
  case Added::over_budget:
    break;
  }
  const int left = m_selection.budget() - m_selection.total();
  m_refused[index] = Refusal{Added::over_budget, m_selection.last_cost(), std::max(left, 0)};
  return false;
}

bool Chooser::conflicts(const Candidate& candidate) const
{
  const auto& chosen = m_selection.chosen();
  return std::any_of(chosen.begin(), chosen.end(), [&](const Candidate* c) {
    return progression_pair(*c->exercise, *candidate.exercise) ||
           (!m_families_allowed && same_family(*c->exercise, *candidate.exercise));
  });
}

bool Chooser::moves_within(const std::uint64_t* moves, const std::uint64_t* others) const
{
  for (std::size_t w = 0; w < m_words; ++w) {
    if ((moves[w] & ~others[w]) != 0) {
      return false;
    }
  }
  return true;
}

const Exercise* Chooser::covering(const Candidate& candidate) const
{
  const Exercise& exercise = *candidate.exercise;
  if (exercise.movements.empty()) {
    return nullptr;
  }
  const std::uint64_t* moves = movements_of(candidate);
  for (const auto* chosen : m_selection.chosen()) {
    if (moves_within(moves, movements_of(*chosen)) && chosen->exercise->kind == exercise.kind) {
      return chosen->exercise;
    }
  }
  return nullptr;
}

std::vector<std::string> Chooser::modifying_conditions(const Candidate& candidate) const
{
  std::vector<std::string> names;
  for (const auto& rule : candidate.verdict.modifications) {
    const auto name = m_catalog.conditions.name_of(rule.condition);
    if (!contains(names, name)) {
      names.push_back(name);
    }
  }
  return names;
}

bool Chooser::covers(const Need& need) const
{
  const auto& chosen = m_selection.chosen();
  return std::any_of(chosen.begin(), chosen.end(),
                     [&](const Candidate* c) { return meets(*c->exercise, need); });
}

void Chooser::cover_needs(std::vector<std::string>& uncovered)
{
  for (const auto& need : needs()) {
    if (covers(need)) {
      continue;
    }
    const auto& vocabulary = need.field == &Exercise::regions ? m_catalog.regions
                             : need.field == &Exercise::goals ? m_catalog.goals
                                                              : m_catalog.movements;
    m_stage = fmt::format("no exercise needing no change or caution covers {} in the time",
                          util::lowercase_first(vocabulary.name_of(need.id)));
    bool offered = false;
    bool added = false;
    for (const auto& candidate : m_candidates) {
      if (!meets(*candidate.exercise, need)) {
        continue;
      }
      offered = true;
      if (offer(candidate)) {
        added = true;
        break;
      }
    }
    if (need.field != &Exercise::movements && !added) {
      uncovered.push_back(
        fmt::format("{} ({})", vocabulary.name_of(need.id),
                    offered ? "no safe exercise for it fits the time" : "no safe exercise covers it"));
    }
  }
}

void Chooser::fill_shares()
{
  for (const auto& kind : m_catalog.kinds.terms) {
    if (kind.share <= 0) {
      continue;
    }
    // Exercises needing a modification or caution only when the others
    // cannot fill it.
    m_stage = fmt::format("the exercises needing no change or caution cannot fill the plan's share of {}",
                          util::lowercase_first(kind.name));
    for (const bool modified : {false, true}) {
      for (const auto& candidate : m_candidates) {
        if (m_selection.kind_seconds(kind.id) * 100 >= kind.share * m_selection.budget()) {
          break;
        }
        if (candidate.exercise->kind == kind.id && candidate.works &&
            (candidate.modified || candidate.cautioned) == modified) {
          offer(candidate);
        }
      }
    }
  }
}

void Chooser::fill(bool novel_only, bool modified_too)
{
  std::vector<std::uint64_t> moved(m_words, 0);
  const auto add_moves = [&](const Candidate& candidate) {
    const std::uint64_t* moves = movements_of(candidate);
    for (std::size_t w = 0; w < m_words; ++w) {
      moved[w] |= moves[w];
    }
  };
  for (const auto* chosen : m_selection.chosen()) {
    add_moves(*chosen);
  }
  m_stage = novel_only ? "it brings a movement that no exercise needing no change or caution could fit in"
                       : "the exercises needing no change or caution cannot fill the time";
  for (const auto& candidate : m_candidates) {
    const bool novel = !moves_within(movements_of(candidate), moved.data());
    if ((novel || !novel_only) && (modified_too || !(candidate.modified || candidate.cautioned)) &&
        offer_keeping_end(candidate)) {
      add_moves(candidate);
    }
  }
}

void Chooser::top_up()
{
  const int target = fill_target_seconds(m_selection.budget());
  m_stage = "the exercises needing no change or caution cannot fill the time";
  offer_remaining(target);
  if (m_selection.total() < target) {
    m_families_allowed = true;
    m_stage = "no other safe exercise could fill the time";
    offer_remaining(target);
  }
  if (m_selection.total() < target) {
    m_selection.lift_item_cap();
    m_stage = "no other safe exercise could fill the time, so one item may take more than its share";
    offer_remaining(target);
  }
  if (m_selection.total() < target) {
    swap_to_fill();
  }
  if (m_selection.total() < target) {
    rechoose_short();
  }
  // Only then, and only when no exercise was turned away for want of time,
  // are doses raised past the level of the plan's length: a longer plan,
  // which might take that exercise, would otherwise give the others less.
  if (m_selection.total() < target && exhausted()) {
    m_selection.raise();
  }
}

bool Chooser::exhausted() const
{
  for (std::size_t i = 0; i < m_candidates.size(); ++i) {
    if (!m_selection.has(&m_candidates[i]) && m_refused[i] && m_refused[i]->why != Added::over_position) {
      return false;
    }
  }
  return true;
}

void Chooser::offer_remaining(int target)
{
  for (const auto& candidate : m_candidates) {
    if (m_selection.total() >= target) {
      return;
    }
    offer_keeping_end(candidate);
  }
}

bool Chooser::offer_keeping_end(const Candidate& candidate)
{
  // What ends the plan calmly stays last: an exercise that would end it
  // alone in a posture of its own is turned away. Whether it ends calmly
  // is worked out again only when the plan has changed.
  if (m_calm_at != m_selection.changes()) {
    m_calm = ends_calmly(m_catalog, ordered());
    m_calm_at = m_selection.changes();
  }
  const bool calm = m_calm;
  if (!offer(candidate)) {
    return false;
  }
  if (calm && !ends_calmly(m_catalog, ordered())) {
    m_selection.remove(&candidate);
    m_why[index_of(candidate)].clear();
    m_refused[index_of(candidate)] = Refusal{Added::over_end, 0, 0};
    return false;
  }
  return true;
}

} // namespace backplan::plan
