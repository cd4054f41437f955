#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace backplan::plan {

/// The share of the budget a plan must reach when the safe catalog can fill it.
inline constexpr double fill_target = 0.9;

/// Plans of at least this many minutes keep each kind's share and no item
/// above `max_item_share` of the budget, wherever the catalog allows.
inline constexpr int rules_minimum_minutes = 10;

/// The largest share of a plan's total one item may take in a plan of
/// `rules_minimum_minutes` or more, unless the catalog cannot fill it otherwise.
inline constexpr double max_item_share = 0.4;

/// Builds the plan for `request`: drops every exercise a condition marks
/// `avoid` and every exercise the filters exclude, covers the requested
/// regions and goals (or the spine's movements when none are asked for),
/// orders the items and tunes their doses within the catalog's ranges so that
/// the total fits the budget. A declared condition brings the conditions it
/// includes, a qualifier value that refers the person to a clinician makes
/// a plan with no items and the referral, and an early phase that holds
/// keeps to what it allows. Names in the request are resolved first
/// (plan/request.hpp's resolved): an alias plans as its id, and a name the
/// catalog does not know throws UnknownName. A plan with no items means no
/// safe exercise is left.
Plan make_plan(const catalog::Catalog& catalog, const Request& request);

/// The posture an exercise starts in: its position's `group`, or the
/// position itself. Moving between postures costs a transition.
const std::string& position_group(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// The setting (floor, seated, standing) of an exercise's position; "floor"
/// for a position the catalog does not know.
std::string setting_of(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// Whether `items` holds `item`.
inline bool contains(const std::vector<std::string>& items, const std::string& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

/// Puts items in plan order: blocks by setting (standing, seated, floor),
/// the block with the gentlest kind first; within a block each posture once,
/// the posture with the gentlest kind first; within a posture mobility,
/// stretches, then strengthening, except that the last posture ends with its
/// stretches. Returns the indices of `items` in that order.
std::vector<std::size_t> plan_order(const catalog::Catalog& catalog,
                                    const std::vector<const catalog::Exercise*>& items);

/// Fills in start times and transitions (a change of posture) of `items` in
/// their current order and returns the total seconds.
int schedule(const catalog::Catalog& catalog, std::vector<PlanItem>& items);

} // namespace backplan::plan
