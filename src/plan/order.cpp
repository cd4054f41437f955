#include "backplan/plan/planner.hpp"

#include "plan/order.hpp"
#include "plan/timing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>

namespace backplan::plan {

/// One item as ordering sees it.
struct OrderKey {
  int block = 0;
  bool floor = false; ///< its setting is the floor
  const std::string* group = nullptr;
  int position = 0;
  int kind = 0;
  bool demanding = false; ///< of a level kept for an explicit request: never first
  bool end_range = false;
  bool opener = false;
  bool closer = false;  ///< the plan may end on it
  bool stretch = false; ///< of a kind that closes: last in the last posture
  bool cold = false;    ///< never first: an end-range hold or strengthening
};

namespace {

using catalog::Catalog;
using catalog::Exercise;

const std::vector<std::string> block_order = {"standing", "seated", "floor"};

using Key = OrderKey;

/// std::stable_sort for the few items of one plan, without the buffer
/// std::stable_sort allocates first: ordering sorts a few items hundreds
/// of times a plan. Insertion moves an item only past greater ones, so
/// equal items keep their order.
template<class It, class Less>
void stable_sort_few(It first, It last, Less less)
{
  for (It i = first; i != last; ++i) {
    auto value = std::move(*i);
    It j = i;
    for (; j != first && less(value, *(j - 1)); --j) {
      *j = std::move(*(j - 1));
    }
    *j = std::move(value);
  }
}

/// std::stable_partition for the few items of one plan: those `first_part`
/// holds for first, each part in its order.
template<class It, class Pred>
void stable_partition_few(It first, It last, Pred first_part)
{
  stable_sort_few(first, last, [&](const auto& a, const auto& b) { return first_part(a) && !first_part(b); });
}

/// A posture of the plan: its items and what ordering needs of them.
struct Posture {
  int block = 0;
  std::tuple<bool, int, int> rank; ///< its gentlest item: (demanding, kind, position)
  std::vector<std::size_t> items;  ///< in order within the posture
  bool opens = false;              ///< it can open the plan: it holds an opener
  bool closes = false;             ///< it can close the plan: a closer and another item
};

bool is_demanding(const Catalog& catalog, const Exercise& exercise)
{
  const auto* level = catalog.levels.find(exercise.level);
  return level != nullptr && level->on_request;
}

Key key_of(const Catalog& catalog, const Exercise& e)
{
  const auto setting = setting_of(catalog, e);
  return {static_cast<int>(std::find(block_order.begin(), block_order.end(), setting) - block_order.begin()),
          setting == "floor",
          &position_group(catalog, e),
          catalog.positions.index_of(e.position),
          catalog.kinds.index_of(e.kind),
          is_demanding(catalog, e),
          e.end_range,
          opens_plan(catalog, e),
          closes_plan(catalog, e),
          catalog.kinds.find(e.kind) != nullptr && catalog.kinds.find(e.kind)->closes,
          e.end_range || (catalog.kinds.find(e.kind) != nullptr && catalog.kinds.find(e.kind)->share > 0)};
}

/// The postures of `keys`, each with its items in order: gentler kinds
/// first (demanding last, end-range holds after the rest of their kind),
/// and the openers first.
std::vector<Posture> postures_of(const std::vector<Key>& keys)
{
  std::vector<Posture> postures;
  std::vector<const std::string*> names;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto& key = keys[i];
    auto found =
      std::find_if(names.begin(), names.end(), [&](const std::string* n) { return *n == *key.group; });
    if (found == names.end()) {
      names.push_back(key.group);
      postures.push_back({key.block, {key.demanding, key.kind, key.position}, {}, false, false});
      found = names.end() - 1;
    }
    auto& posture = postures[static_cast<std::size_t>(found - names.begin())];
    posture.rank = std::min(posture.rank, std::tuple(key.demanding, key.kind, key.position));
    posture.items.push_back(i);
    posture.opens = posture.opens || key.opener;
  }
  for (auto& posture : postures) {
    auto& items = posture.items;
    stable_sort_few(items.begin(), items.end(), [&](std::size_t a, std::size_t b) {
      return std::tuple(keys[a].demanding, keys[a].kind, keys[a].end_range, keys[a].position) <
             std::tuple(keys[b].demanding, keys[b].kind, keys[b].end_range, keys[b].position);
    });
    stable_partition_few(items.begin(), items.end(), [&](std::size_t i) { return keys[i].opener; });
    // With no opener, still never an end-range hold or strengthening first.
    const auto warm = std::find_if(items.begin(), items.end(), [&](std::size_t i) { return !keys[i].cold; });
    if (warm != items.end()) {
      std::rotate(items.begin(), warm, warm + 1);
    }
    posture.closes = items.size() >= 2 &&
                     std::any_of(items.begin(), items.end(), [&](std::size_t i) { return keys[i].closer; });
  }
  return postures;
}

/// The postures in one arrangement of the blocks: within a block by rank,
/// the first block's opening posture first and the last block's closing
/// posture last. When one posture would have to do both, `closing_first`
/// says which gives way: the closing posture, or the other opening one.
std::vector<const Posture*> arrange(const std::vector<Posture>& postures, const std::vector<int>& blocks,
                                    bool closing_first)
{
  std::vector<const Posture*> out;
  std::size_t last_begin = 0;
  for (const int block : blocks) {
    last_begin = out.size();
    for (const auto& posture : postures) {
      if (posture.block == block) {
        out.push_back(&posture);
      }
    }
    stable_sort_few(out.begin() + static_cast<std::ptrdiff_t>(last_begin), out.end(),
                    [](const Posture* x, const Posture* y) { return x->rank < y->rank; });
  }
  const auto first_end =
    std::find_if(out.begin(), out.end(), [&](const Posture* p) { return p->block != blocks[0]; });
  const auto last_block = out.begin() + static_cast<std::ptrdiff_t>(last_begin);
  const auto closing = std::find_if(out.rbegin(), std::make_reverse_iterator(last_block),
                                    [](const Posture* p) { return p->closes; });
  const Posture* closer =
    out.size() > 1 && closing != std::make_reverse_iterator(last_block) ? *closing : nullptr;
  const auto opening = std::find_if(
    out.begin(), first_end, [&](const Posture* p) { return p->opens && !(closing_first && p == closer); });
  const Posture* opener = opening != first_end ? *opening : nullptr;
  if (opener != nullptr) {
    std::rotate(out.begin(), opening, opening + 1);
  }
  if (closer != nullptr && closer != opener) {
    const auto at = std::find(out.begin(), out.end(), closer);
    std::rotate(at, at + 1, out.end());
  }
  return out;
}

/// Of every order of the blocks, each with the opening or the closing
/// posture given way to, the arrangement that opens warmly, never starts
/// cold, ends calmly and spends the least time changing position, in that
/// order of importance; on a tie, the blocks gentlest first.
std::vector<const Posture*> best_arrangement(const std::vector<Key>& keys,
                                             const std::vector<Posture>& postures)
{
  std::vector<int> blocks;
  for (const auto& posture : postures) {
    if (std::find(blocks.begin(), blocks.end(), posture.block) == blocks.end()) {
      blocks.push_back(posture.block);
    }
  }
  const auto block_rank = [&](int block) {
    std::tuple<bool, int, int> best{true, 1 << 20, 1 << 20};
    for (const auto& posture : postures) {
      best = posture.block == block ? std::min(best, posture.rank) : best;
    }
    return std::tuple(best, block);
  };
  std::sort(blocks.begin(), blocks.end(), [&](int a, int b) { return block_rank(a) < block_rank(b); });
  std::vector<const Posture*> best;
  std::tuple<bool, bool, bool, int> best_score{true, true, true, 0};
  const auto consider = [&](std::vector<const Posture*> arranged) {
    int moving = 0;
    for (std::size_t i = 1; i < arranged.size(); ++i) {
      const Key& from = keys[arranged[i - 1]->items.back()];
      const Key& to = keys[arranged[i]->items.front()];
      // As transition_seconds: nothing within a posture group.
      moving += *from.group == *to.group ? 0 : change_seconds(from.floor, to.floor);
    }
    const auto& first = keys[arranged.front()->items.front()];
    const auto& last = arranged.back()->items;
    const bool closes = arranged.size() == 1 ? std::any_of(last.begin(), last.end(),
                                                           [&](std::size_t i) { return keys[i].closer; })
                                             : arranged.back()->closes;
    const std::tuple score{!first.opener, first.cold, !closes, moving};
    if (best.empty() || score < best_score) {
      best = std::move(arranged);
      best_score = score;
    }
  };
  std::vector<int> trying = blocks;
  std::vector<std::size_t> indices(blocks.size());
  std::iota(indices.begin(), indices.end(), 0);
  do {
    for (std::size_t i = 0; i < indices.size(); ++i) {
      trying[i] = blocks[indices[i]];
    }
    consider(arrange(postures, trying, false));
    consider(arrange(postures, trying, true));
  } while (std::next_permutation(indices.begin(), indices.end()));
  return best;
}

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

int item_cap_seconds(int budget_seconds)
{
  constexpr int short_plan = 19 * 60;
  return budget_seconds <= short_plan ? budget_seconds / 4
                                      : std::max(short_plan / 4, budget_seconds * 15 / 100);
}

int max_position_changes(int minutes) { return (minutes + 4) / 5 + 1; }

DoseLevel dose_level(int minutes)
{
  return {std::clamp(minutes - dose_least_minutes, 0, dose_most_minutes - dose_least_minutes),
          dose_most_minutes - dose_least_minutes};
}

bool does_kind_work(const Catalog& catalog, const Exercise& exercise)
{
  const auto* kind = catalog.kinds.find(exercise.kind);
  if (kind == nullptr || kind->share <= 0 || kind->min_hold <= 0 || exercise.dosage.to_fatigue) {
    return true;
  }
  return exercise.dosage.hold && exercise.dosage.hold->max >= kind->min_hold;
}

bool opens_plan(const Catalog& catalog, const Exercise& exercise)
{
  const auto* kind = catalog.kinds.find(exercise.kind);
  return kind != nullptr && kind->opens && !exercise.end_range && !is_demanding(catalog, exercise);
}

bool closes_plan(const Catalog& catalog, const Exercise& exercise)
{
  const auto* kind = catalog.kinds.find(exercise.kind);
  const auto* position = catalog.positions.find(exercise.position);
  return (kind != nullptr && kind->closes) || (position != nullptr && position->relaxed);
}

int transition_seconds(const Catalog& catalog, const Exercise& from, const Exercise& to)
{
  if (position_group(catalog, from) == position_group(catalog, to)) {
    return 0;
  }
  return change_seconds(setting_of(catalog, from) == "floor", setting_of(catalog, to) == "floor");
}

namespace {

/// The order of items with these keys (plan_order).
std::vector<std::size_t> order_of(const std::vector<Key>& keys)
{
  if (keys.empty()) {
    return {};
  }
  const auto postures = postures_of(keys);
  const auto best = best_arrangement(keys, postures);
  std::vector<std::size_t> order;
  order.reserve(keys.size());
  for (const auto* posture : best) {
    order.insert(order.end(), posture->items.begin(), posture->items.end());
  }
  // The last posture ends with its stretches, after its strengthening, or
  // else with what may end the plan.
  // (When it is the first posture too, its first item stays first.)
  const auto last_begin =
    order.end() - static_cast<std::ptrdiff_t>(best.back()->items.size()) + (best.size() == 1 ? 1 : 0);
  stable_partition_few(last_begin, order.end(), [&](std::size_t i) { return !keys[i].closer; });
  stable_partition_few(last_begin, order.end(), [&](std::size_t i) { return !keys[i].stretch; });
  return order;
}

} // namespace

std::vector<std::size_t> plan_order(const Catalog& catalog, const std::vector<const Exercise*>& items)
{
  std::vector<Key> keys;
  keys.reserve(items.size());
  for (const auto* e : items) {
    keys.push_back(key_of(catalog, *e));
  }
  return order_of(keys);
}

/// The memo's keys: each exercise's ordering key once, and each order by
/// the keys' values (a group by its number among the groups met).
struct OrderMemo::Tables {
  std::unordered_map<const Exercise*, Key> keys;
  std::vector<const std::string*> groups;
  std::unordered_map<std::string, std::vector<std::size_t>> orders;
};

OrderMemo::OrderMemo(const Catalog& catalog) : m_catalog(catalog), m_tables(std::make_shared<Tables>()) {}

std::vector<std::size_t> OrderMemo::operator()(const std::vector<const Exercise*>& items) const
{
  Tables& tables = *m_tables;
  std::vector<Key> keys;
  keys.reserve(items.size());
  std::string signature;
  for (const auto* e : items) {
    auto found = tables.keys.find(e);
    if (found == tables.keys.end()) {
      found = tables.keys.emplace(e, key_of(m_catalog, *e)).first;
    }
    const Key& key = found->second;
    keys.push_back(key);
    auto group = std::find_if(tables.groups.begin(), tables.groups.end(),
                              [&](const std::string* g) { return *g == *key.group; });
    if (group == tables.groups.end()) {
      tables.groups.push_back(key.group);
      group = tables.groups.end() - 1;
    }
    const std::array<int, 5> values = {
      key.block, static_cast<int>(group - tables.groups.begin()), key.position, key.kind,
      (key.floor ? 1 : 0) | (key.demanding ? 2 : 0) | (key.end_range ? 4 : 0) | (key.opener ? 8 : 0) |
        (key.closer ? 16 : 0) | (key.stretch ? 32 : 0) | (key.cold ? 64 : 0)};
    signature.append(reinterpret_cast<const char*>(values.data()), sizeof values);
  }
  auto found = tables.orders.find(signature);
  if (found == tables.orders.end()) {
    found = tables.orders.emplace(std::move(signature), order_of(keys)).first;
  }
  return found->second;
}

bool opens_warmly(const Catalog& catalog, const std::vector<const Exercise*>& ordered)
{
  return !ordered.empty() && opens_plan(catalog, *ordered.front());
}

bool ends_calmly(const Catalog& catalog, const std::vector<const Exercise*>& ordered)
{
  if (ordered.empty() || !closes_plan(catalog, *ordered.back())) {
    return false;
  }
  const auto& last = position_group(catalog, *ordered.back());
  const bool one_posture = std::all_of(
    ordered.begin(), ordered.end(), [&](const Exercise* e) { return position_group(catalog, *e) == last; });
  return one_posture ||
         (ordered.size() >= 2 && position_group(catalog, *ordered[ordered.size() - 2]) == last);
}

int schedule(const Catalog& catalog, std::vector<PlanItem>& items, int lead_in)
{
  int clock = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const bool to_floor = setting_of(catalog, items[i].exercise) == "floor";
    if (i == 0) {
      items[i].moves = true;
      items[i].transition = ready_seconds(true, false, to_floor, lead_in);
    } else {
      const auto& before = items[i - 1].exercise;
      items[i].moves = position_group(catalog, before) != position_group(catalog, items[i].exercise);
      items[i].transition =
        ready_seconds(items[i].moves, setting_of(catalog, before) == "floor", to_floor, lead_in);
    }
    clock += items[i].transition;
    items[i].start = clock;
    clock += items[i].duration;
  }
  return clock;
}

} // namespace backplan::plan
