#include "backplan/plan/planner.hpp"

#include "plan/timing.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace backplan::plan {

namespace {

using catalog::Catalog;
using catalog::Exercise;

} // namespace

std::string setting_of(const Catalog& catalog, const Exercise& exercise)
{
  const auto* position = catalog.positions.find(exercise.position);
  return position != nullptr ? position->setting : "floor";
}

const std::string& position_group(const Catalog& catalog, const Exercise& exercise)
{
  const auto* position = catalog.positions.find(exercise.position);
  return position != nullptr && !position->group.empty() ? position->group : exercise.position;
}

std::vector<std::size_t> plan_order(const Catalog& catalog, const std::vector<const Exercise*>& items)
{
  const std::vector<std::string> block_order = {"standing", "seated", "floor"};
  const int last_kind = static_cast<int>(catalog.kinds.terms.size()) - 1;
  struct Key {
    int block = 0;
    std::string group;
    int position = 0;
    int kind = 0;
    bool demanding = false; ///< of a level kept for an explicit request: never first
  };
  std::vector<Key> keys;
  for (const auto* e : items) {
    const auto setting = setting_of(catalog, *e);
    keys.push_back(
      {static_cast<int>(std::find(block_order.begin(), block_order.end(), setting) - block_order.begin()),
       position_group(catalog, *e), catalog.positions.index_of(e->position), catalog.kinds.index_of(e->kind),
       catalog.levels.find(e->level) != nullptr && catalog.levels.find(e->level)->on_request});
  }
  // A block (a setting) and a posture each rank by the gentlest kind they
  // hold (a demanding exercise counting after every other), then by catalog
  // order: the plan opens with gentle mobility, and each posture is visited
  // once; within a posture a demanding exercise comes after the others.
  std::map<int, std::tuple<bool, int, int>> block_rank;
  std::map<std::string, std::tuple<bool, int, int>> group_rank;
  for (const auto& key : keys) {
    auto [b, unused_b] = block_rank.try_emplace(key.block, key.demanding, key.kind, key.block);
    b->second = std::min(b->second, std::tuple(key.demanding, key.kind, key.block));
    auto [g, unused_g] = group_rank.try_emplace(key.group, key.demanding, key.kind, key.position);
    g->second = std::min(g->second, std::tuple(key.demanding, key.kind, key.position));
  }
  std::vector<std::size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  const auto rank = [&](std::size_t i) {
    const auto& key = keys[i];
    return std::tuple(block_rank[key.block], group_rank[key.group], key.demanding, key.kind, key.position);
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  // A gentle finish: in the last posture, strengthening comes before the
  // stretches, straight after the posture's mobility.
  if (!order.empty() && last_kind > 1) {
    const std::string last_group = keys[order.back()].group;
    auto begin =
      std::find_if(order.begin(), order.end(), [&](std::size_t i) { return keys[i].group == last_group; });
    std::stable_partition(begin, order.end(),
                          [&](std::size_t i) { return keys[i].kind == 0 || keys[i].kind == last_kind; });
  }
  return order;
}

int schedule(const Catalog& catalog, std::vector<PlanItem>& items)
{
  int clock = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool moved =
      i > 0 && position_group(catalog, items[i - 1].exercise) != position_group(catalog, items[i].exercise);
    items[i].transition = moved ? transition_seconds : 0;
    clock += items[i].transition;
    items[i].start = clock;
    clock += items[i].duration;
  }
  return clock;
}

} // namespace backplan::plan
