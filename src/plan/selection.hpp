#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"
#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"
#include "plan/order.hpp"
#include "plan/timing.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace backplan::plan {

/// A safe exercise that passed the filters, with what selection needs.
struct Candidate {
  const catalog::Exercise* exercise = nullptr;
  safety::Verdict verdict;
  int level = 0;
  bool modified = false;  ///< needs a modification for a declared condition
  Dose least;             ///< the smallest dose the plan gives it
  Dose most;              ///< the largest dose the catalog allows
  bool cautioned = false; ///< carries a caution for a declared condition
  bool works = true;      ///< does its kind's work (planner.hpp's does_kind_work), worked out once
  /// Its dose was set by a clinician (least == most): the cap on one item's
  /// share of the plan does not hold it back.
  bool prescribed = false;
};

/// A cap on the seconds a plan spends in some positions together.
struct PositionLimit {
  std::vector<std::string> positions;
  int seconds = 0;
  std::string condition; ///< the display name of the condition that sets it
};

/// Where one exercise of a plan is done and for how many seconds.
struct PositionTime {
  const std::string* position = nullptr;
  int seconds = 0;
};

/// A cap on the time in some positions that exercises exceed, and the
/// seconds they spend there.
struct Exceeded {
  const PositionLimit* limit = nullptr; ///< nullptr: none is exceeded
  int seconds = 0;
};

/// The first of `limits` whose cap the `count` exercises exceed (the
/// seconds of those in its positions added up): `time_of(i)` gives the i-th
/// exercise's position and seconds.
Exceeded exceeded_limit(const std::vector<PositionLimit>& limits, std::size_t count,
                        const std::function<PositionTime(std::size_t)>& time_of);

/// The smallest dose a plan gives `exercise`: the catalog's minimum, with a
/// hold raised to its kind's `min_hold` where the exercise's range reaches it.
Dose least_dose(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

/// The dose `numerator / denominator` of the way from `least` to `most`,
/// each value rounded down to one a physiotherapist writes (timing.hpp's
/// written_value).
Dose dose_between(const Dose& least, const Dose& most, int numerator, int denominator);

/// The dose at `level` from `least` to `most`, or at the highest level below
/// it at which the item takes at most `cap` seconds (0: no cap; the second
/// side's lead-in of `side_lead_in` counted), or `least`. The level and the
/// cap only grow with a plan's length, and so does this.
Dose capped_dose(const Dose& least, const Dose& most, bool per_side, DoseLevel level, int cap,
                 int side_lead_in);

/// The dose a plan of `minutes` gives `exercise` unless it must raise every
/// dose to fill its time: planner.hpp's dose_level within the cap on one
/// item and `position_cap` (0: none; Selection::level_dose passes its
/// position's).
Dose level_dose(const catalog::Catalog& catalog, const catalog::Exercise& exercise, int minutes, int lead_in,
                int position_cap = 0);

/// What became of a candidate offered to a selection.
enum class Added {
  yes,           ///< it is chosen, at the dose offered
  over_item_cap, ///< even at its least dose it would take more than `Selection::item_cap()`
  over_budget,   ///< at the dose offered the total would exceed the budget
  over_position, ///< at the dose offered the time in a capped position would exceed its cap
  over_moves,    ///< it would add a change of position past `max_position_changes`
  over_end,      ///< it would end the plan alone in a posture of its own (the chooser's refusal)
};

/// The exercises being chosen and their doses. The plan order of the chosen
/// exercises is cached, so trying a dose costs one pass over the items.
class Selection
{
public:
  /// An empty selection for a budget of `budget` seconds with `lead_in`
  /// seconds to get ready before each item and side (timing.hpp's
  /// ready_seconds), keeping the time in each position of `limits` within
  /// its cap.
  Selection(const catalog::Catalog& catalog, int budget, int lead_in, std::vector<PositionLimit> limits = {});

  /// Seconds an exercise takes at `dose`: `duration` with this plan's lead-in.
  int seconds(const Dose& dose, bool per_side) const { return duration(dose, per_side, m_lead_in); }

  /// The cap on the time in `exercise`'s position, or 0 when it has none.
  int position_cap(const catalog::Exercise& exercise) const;
  /// Whether `candidate` is chosen.
  bool has(const Candidate* candidate) const;
  /// The most seconds one item may take: `item_cap_seconds` of the budget,
  /// or nothing once `lift_item_cap` has been called.
  std::optional<int> item_cap() const;
  /// Lets items past the cap on one item's share: for the last stage of a
  /// plan no other safe exercise can fill.
  void lift_item_cap() { m_item_cap_lifted = true; }
  /// The most changes of position the plan may make.
  int moves_cap() const { return max_position_changes(m_budget / 60); }
  /// From now on, only exercises in the postures already chosen may join
  /// (others are refused as over_moves), or every posture again.
  void close_postures(bool closed) { m_postures_closed = closed; }
  /// Takes `candidate` out of the selection.
  void remove(const Candidate* candidate);

  /// What is chosen, to go back to.
  struct State {
    std::vector<const Candidate*> chosen;
    std::vector<Dose> doses;
    std::vector<const std::string*> groups;
    std::vector<bool> floor;
    std::vector<std::size_t> order;
  };
  State state() const { return {m_chosen, m_doses, m_groups, m_floor, m_order}; }
  void restore(State state);
  /// Adds `candidate` at `dose` unless that is over `item_cap()` or the
  /// total would exceed the budget; says which.
  Added try_add(const Candidate* candidate, const Dose& dose);
  /// The dose a plan of this budget gives `candidate`: capped_dose at
  /// planner.hpp's dose_level, within the cap on one item and its
  /// position's cap.
  Dose level_dose(const Candidate& candidate) const;
  /// Sets every dose back to `level_dose`.
  void set_level_doses();
  /// Raises doses evenly while the total fits (and every position its cap):
  /// always the item least far up its ranges, one value at a time to the
  /// next a physiotherapist writes; for a plan that no other exercise can
  /// fill.
  void raise();
  /// The seconds the last candidate try_add turned away would have added:
  /// with its changes of position when it was refused for the budget after
  /// the plan was ordered with it, else its own.
  int last_cost() const { return m_cost; }
  /// A number that changes whenever the exercises chosen or their order may
  /// have: what is worked out from the order alone can be kept until then.
  std::uint64_t changes() const { return m_changes; }
  /// Total seconds in plan order, transitions included.
  int total() const;
  /// Seconds the chosen items take, without transitions.
  int item_seconds() const;
  /// Seconds the chosen items of `kind` take.
  int kind_seconds(const std::string& kind) const;

  /// The chosen candidates, in the order they were added.
  const std::vector<const Candidate*>& chosen() const { return m_chosen; }
  /// The dose of each chosen candidate, same order.
  const std::vector<Dose>& doses() const { return m_doses; }
  /// The budget in seconds.
  int budget() const { return m_budget; }
  /// Indices of `chosen()` in plan order.
  const std::vector<std::size_t>& order() const { return m_order; }

private:
  /// What became of one step up an item's doses.
  enum class Step { taken, at_top, over };
  /// Raises one value of item `i` to its next written value, the one least
  /// far up its range (rests last) and below `high`, if the plan still fits
  /// (`over` if not; `at_top` when every value is at `high`).
  Step bump(std::size_t i, const Dose& high);
  /// How far item `i` is up its ranges, rests aside, from 0 to 1.
  double progress(std::size_t i) const;
  /// Whether the chosen items keep every position's time within its cap.
  bool within_limits() const;
  /// The number of postures chosen.
  std::size_t posture_count() const;
  void reorder();

  const catalog::Catalog& m_catalog;
  OrderMemo m_order_of;
  int m_budget;
  int m_lead_in;
  DoseLevel m_level;
  std::vector<PositionLimit> m_limits;
  std::vector<const Candidate*> m_chosen;
  std::vector<Dose> m_doses;
  std::vector<const std::string*> m_groups; ///< the posture of each chosen item
  std::vector<bool> m_floor;                ///< whether each chosen item is on the floor
  bool m_item_cap_lifted = false;
  bool m_postures_closed = false;
  int m_cost = 0;
  std::uint64_t m_changes = 0; ///< changes()
  std::vector<std::size_t> m_order;
};

} // namespace backplan::plan
