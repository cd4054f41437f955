#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/safety/conditions.hpp"
#include "backplan/safety/notes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backplan::plan {

/// Seconds to get ready before an exercise and before its second side, to
/// read its first step and take up its start position (`--lead-in`).
inline constexpr int default_lead_in = 5;
/// The longest lead-in a request may ask for.
inline constexpr int max_lead_in = 60;

/// A dose a clinician sets for one exercise (`--dose ID=...`): each value
/// given replaces the one the plan would give; each must lie within the
/// catalog's range (request.hpp's dose_change_problem).
struct DoseChange {
  std::string id;
  std::optional<int> hold;
  std::optional<int> rep_seconds;
  std::optional<int> reps;
  std::optional<int> sets;
  std::optional<int> rest_between_reps;
  std::optional<int> rest_between_sets;
  std::string text; ///< as written: "hold 10, reps 8"
};

/// What the user asked for: conditions, goals, regions and the level by id
/// or alias (make_plan resolves them), qualifier values keyed likewise.
struct Request {
  std::vector<std::string> conditions;
  safety::Qualifiers qualifiers; ///< the qualifier values given, by condition id
  bool cleared = false;          ///< the user is cleared: early phases no longer hold
  int minutes = 10;
  std::vector<std::string> goals;
  std::vector<std::string> regions;
  std::string level;             ///< empty: every level not kept for an explicit request
  std::string setting = "floor"; ///< "floor" (anything) or "desk"
  std::uint64_t seed = 0;
  std::string for_name;                 ///< who the handout is for; empty: not printed
  std::string clinician;                ///< who gave it; empty: not printed
  std::string frequency = "once a day"; ///< how often to do the routine
  /// Seconds to get ready before each exercise and before its second side
  /// (timing.hpp's ready_seconds); a change of position takes at least its
  /// own time.
  int lead_in = default_lead_in;
  /// Exercise ids a clinician asks for: each must be in the plan (make_plan
  /// says why not in Plan::unmet when it cannot be, safely or in the time).
  std::vector<std::string> include;
  std::vector<std::string> exclude; ///< exercise ids left out on request
  /// Exactly these exercises, in this order, each still filtered for the
  /// conditions and modified for them (empty: the planner chooses); they
  /// must fit the budget, which they need not fill.
  std::vector<std::string> exercises;
  /// Doses set for some exercises; each such exercise is in the plan, as
  /// if included.
  std::vector<DoseChange> doses;
  std::string title;      ///< the handout's title; empty: "A 10-minute back-care plan"
  std::string note;       ///< a note from the clinician, under the title; empty: none
  std::string review;     ///< when to review the plan, YYYY-MM-DD; empty: none
  std::string date;       ///< when the plan was made, YYYY-MM-DD; empty: not recorded
  std::string seed_given; ///< the seed as asked for ("daily", "3"); empty: not recorded
  /// Whether Plan::left_out also gives each candidate the plan passed over
  /// (no time left, its movement covered, ...) and why. Without, it gives
  /// those the conditions and the request leave out, those asked for by
  /// `include`, and, for a plan with no items, still every one: a plan
  /// whose left-out exercises are not shown need not work out why
  /// thousands of a large catalog's were passed over.
  bool list_passed_over = true;
};

/// One chosen dose of an exercise, every value within the catalog's range.
struct Dose {
  int hold = 0;        ///< seconds held per repetition (0: none)
  int rep_seconds = 0; ///< seconds of movement per repetition (0: none)
  int reps = 1;
  int sets = 1;
  int rest_between_reps = 0; ///< seconds between repetitions of a set
  int rest_between_sets = 0; ///< seconds between sets
};

/// A version of an exercise shown as easier or harder, already safe for the
/// user, with the modifications and cautions that apply to it.
struct PlanVariant {
  std::string text;            ///< words, or the other exercise's name
  std::string exercise_id;     ///< set when it names another exercise
  std::string description;     ///< the other exercise in a line: its summary, else its first step
  std::size_t item_number = 0; ///< the other exercise's number in the plan (from 1); 0: not in it
  std::vector<catalog::Contraindication> modifications;
  std::vector<catalog::Contraindication> cautions;
};

/// One exercise of the plan with its timing and everything a renderer shows.
struct PlanItem {
  catalog::Exercise exercise;
  std::string position_name;
  std::string kind_name;
  Dose dose;
  std::string dosage_words; ///< "hold 30 s, 3 times, each side"
  int start = 0;            ///< seconds from the start of the plan
  int duration = 0;         ///< seconds, both sides and all rests included
  int transition = 0;       ///< seconds to get ready before this item, changing position where `moves`
  bool moves = false;       ///< the position changes before this item, or it is the first
  std::vector<catalog::Contraindication> modifications;
  std::vector<catalog::Contraindication> cautions;
  std::optional<PlanVariant> easier;
  std::optional<PlanVariant> harder;
  /// Set when the item carries a caution for a declared condition: why it
  /// was chosen anyway (shown with --explain).
  std::string cautioned_because;
  /// Set when an exercise of the same family is in the plan too: why this
  /// one was chosen beside it (shown with --explain).
  std::string family_because;
  /// Set when a programme's log moved the dose: why it is this one (shown
  /// with --explain).
  std::string dose_because;
};

/// An exercise of the catalog that is not in the plan, and why.
struct LeftOut {
  std::string id;
  std::string name;
  /// "condition", "unruled", "excluded", "setting", "level", "phase",
  /// "region", "goal", "progression", "family", "modified", "cautioned",
  /// "covered", "moves", "time" or "unlisted" (the request names its
  /// exercises, and not this one)
  std::string reason;
  std::string detail;                  ///< a sentence for the user
  std::vector<std::string> conditions; ///< the user's conditions that exclude it
};

/// A declared condition that needed no change to any exercise of the plan.
struct UnchangedCondition {
  std::string id;
  std::string name;
  std::string note; ///< "Knee problems: no exercise of this plan carries a change or caution for it; ..."
};

/// A line of advice a kind of exercise in the plan brings (kinds.yaml's
/// `advice`), such as when to start the strengthening.
struct KindAdvice {
  std::string kind;
  std::string name; ///< the kind's display name
  std::string text;
};

/// The programme a plan is a session of, as its handout's log sheet shows it.
struct ProgrammeSheet {
  std::string start; ///< its first day, YYYY-MM-DD
  int weeks = 0;
  std::vector<int> days; ///< days of the week with a session, 0 (Monday) to 6
};

/// A finished plan: renderers only read it.
struct Plan {
  Request request;                          ///< as make_plan resolved it: ids only
  std::vector<std::string> condition_names; ///< display names of the honoured conditions
  std::vector<std::string> goal_names;
  std::vector<std::string> region_names;
  std::vector<PlanItem> items;
  int budget = 0; ///< seconds
  int total = 0;  ///< seconds; never more than the budget
  int position_changes = 0;
  bool filled = true;                        ///< total reaches at least 90% of the budget
  std::string shortfall;                     ///< when not filled, a sentence saying how much could be filled
  std::vector<std::string> uncovered;        ///< requested regions/goals no safe exercise covers
  std::vector<LeftOut> left_out;             ///< every catalog exercise not in the plan, by id
  std::vector<UnchangedCondition> unchanged; ///< declared conditions no item needed changing for
  std::vector<KindAdvice> kind_advice;       ///< for each kind in the plan that has advice
  /// Set when a declared condition's qualifier value calls for a clinician
  /// first: no items, and this referral instead.
  std::string referral;
  /// Set when an exercise the request includes or names cannot be in the
  /// plan, or the exercises named do not fit: no items, and this sentence
  /// saying which and why.
  std::string unmet;
  /// Exercises left out because they load what a declared condition protects
  /// and have no rule for it: one line for each such condition.
  std::vector<std::string> gaps;
  std::vector<catalog::Citation> sources; ///< the sources of the items, in catalog order
  safety::SafetyNotes safety;
  /// Set for a session of a programme: its handout carries a log sheet of
  /// its weeks instead of a week's tick grid.
  std::optional<ProgrammeSheet> programme;
};

} // namespace backplan::plan
