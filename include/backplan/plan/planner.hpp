#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace backplan::plan {

/// The share of the budget a plan must reach when the safe catalog can fill it.
inline constexpr double fill_target = 0.9;

/// `fill_target` of `budget_seconds`, rounded up to whole seconds.
inline int fill_target_seconds(int budget_seconds)
{
  return static_cast<int>(fill_target * budget_seconds + 0.999);
}

/// Plans of at least this many minutes keep each kind's share wherever the
/// catalog allows.
inline constexpr int rules_minimum_minutes = 10;

/// The most seconds one item of a plan may take: 25% of a plan shorter than
/// 20 minutes; 15% of a longer one, but never less than the 285 s a
/// 19-minute plan allows, so that a longer plan never allows less. An item
/// goes past it only when no other safe exercise can fill the time.
int item_cap_seconds(int budget_seconds);

/// How far up its ranges a plan doses every exercise: at most
/// `dose_least_minutes` long, each at its least dose; at least
/// `dose_most_minutes`, each at its most; in between, the share
/// `numerator / denominator` of the way, each value rounded down to one a
/// physiotherapist writes. It grows with the minutes alone, so a longer plan
/// never gives an exercise a smaller dose; the time is filled with
/// exercises, and doses are raised past it only when no other safe exercise
/// fits.
struct DoseLevel {
  int numerator = 0;
  int denominator = 1;
};
inline constexpr int dose_least_minutes = 1;
inline constexpr int dose_most_minutes = 20;
DoseLevel dose_level(int minutes);

/// The most changes of position a plan of `minutes` makes: one per 5
/// minutes, rounded up, plus one.
int max_position_changes(int minutes);

/// Whether `exercise` does the work of its kind: always, unless the kind has
/// a `share` and a `min_hold`; then only when its hold reaches `min_hold` or
/// its dosage is `to_fatigue` (a 2-second squeeze does not strengthen).
bool does_kind_work(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// Whether `exercise` may open a plan: of a kind that `opens` (gentle
/// mobility), not `end_range`, and not of a level kept for a request.
bool opens_plan(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// Whether a plan may end on `exercise`: of a kind that `closes` (a
/// stretch), or in a `relaxed` position (lying on the back).
bool closes_plan(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// Seconds to move from one posture to another: 0 within a posture, 20 to
/// get down to or up from the floor, 10 otherwise (between postures on the
/// floor, or between the chair and standing).
int transition_seconds(const catalog::Catalog& catalog, const catalog::Exercise& from,
                       const catalog::Exercise& to);

/// Why the items of `plan` cannot be done by someone with its conditions: the
/// time they spend in some positions together is more than a condition's
/// qualifier value allows there ("the exercises take 4 min 10 s lying on
/// your back ..., and Pregnancy allows at most 3 min in those positions");
/// empty when they keep within every such cap. The planner keeps to these
/// caps; this checks a plan that was edited.
std::string position_cap_problem(const catalog::Catalog& catalog, const Plan& plan);

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

/// Puts items in plan order. Each setting (standing, seated, floor) is one
/// block and each posture one run, so every posture is visited once; the
/// blocks and postures are arranged so that the plan opens with an item
/// that `opens_plan` (never strengthening or an end-range hold first), ends
/// with one that `closes_plan` in a posture holding at least two items (no
/// move for one last item), and spends the least time changing position;
/// within a posture gentler kinds come first, except that the closing
/// stretches come last. Returns the indices of `items` in that order.
std::vector<std::size_t> plan_order(const catalog::Catalog& catalog,
                                    const std::vector<const catalog::Exercise*>& items);

/// Whether items in this order open with an item that `opens_plan`.
bool opens_warmly(const catalog::Catalog& catalog, const std::vector<const catalog::Exercise*>& ordered);

/// Whether items in this order end with an item that `closes_plan`, in a
/// posture with at least one item before it (or the plan's only posture).
bool ends_calmly(const catalog::Catalog& catalog, const std::vector<const catalog::Exercise*>& ordered);

/// Fills in start times and the time to get ready before each item (timing's
/// ready_seconds with `lead_in`: a change of posture takes at least
/// `transition_seconds`, and so does the first item) of `items` in their
/// current order and returns the total seconds.
int schedule(const catalog::Catalog& catalog, std::vector<PlanItem>& items, int lead_in);

} // namespace backplan::plan
