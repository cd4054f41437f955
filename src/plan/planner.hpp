#pragma once

#include "catalog/model.hpp"
#include "plan/model.hpp"

#include <vector>

namespace backplan::plan {

/// The share of the budget a plan must reach when the safe catalog can fill it.
inline constexpr double fill_target = 0.9;

/// Builds the plan for `request`: drops every exercise a condition marks
/// `avoid` and every exercise the filters exclude, covers the requested
/// regions and goals (or the spine's movements when none are asked for),
/// orders the items and tunes their doses within the catalog's ranges so that
/// the total fits the budget. The request's ids must exist in the catalog.
/// A plan with no items means no safe exercise is left.
Plan make_plan(const catalog::Catalog& catalog, const Request& request);

/// Puts items in plan order: blocks by setting (standing, seated, floor; the
/// block with the gentlest kind first), then by kind (mobility, stretch,
/// strength), then by position, continuing in the position the previous kind
/// ended in. Returns the indices of `items` in that order.
std::vector<std::size_t> plan_order(const catalog::Catalog& catalog,
                                    const std::vector<const catalog::Exercise*>& items);

/// Fills in start times and transitions of `plan.items` in their current
/// order and returns the total seconds.
int schedule(std::vector<PlanItem>& items);

} // namespace backplan::plan
