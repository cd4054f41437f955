#pragma once

#include "catalog/model.hpp"
#include "safety/conditions.hpp"
#include "safety/notes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backplan::plan {

/// What the user asked for, with conditions already resolved to ids.
struct Request {
  std::vector<std::string> conditions;
  int minutes = 10;
  std::vector<std::string> goals;
  std::vector<std::string> regions;
  std::string level;             ///< empty: any level
  std::string setting = "floor"; ///< "floor" (anything) or "desk"
  std::uint64_t seed = 0;
};

/// One chosen dose of an exercise, every value within the catalog's range.
struct Dose {
  int hold = 0;         ///< seconds held per repetition (0: none)
  int rep_seconds = 0;  ///< seconds of movement per repetition (0: none)
  int reps = 1;
  int sets = 1;
  int rest = 0;         ///< seconds between repetitions and between sets
};

/// A version of an exercise shown as easier or harder, already safe for the
/// user, with the modifications and cautions that apply to it.
struct PlanVariant {
  std::string text;         ///< words, or the other exercise's name
  std::string exercise_id;  ///< set when it names another exercise
  std::vector<catalog::Contraindication> modifications;
  std::vector<catalog::Contraindication> cautions;
};

/// One exercise of the plan with its timing and everything a renderer shows.
struct PlanItem {
  catalog::Exercise exercise;
  std::string position_name;
  std::string kind_name;
  Dose dose;
  std::string dosage_words;  ///< "hold 30 s, 3 times, each side"
  int start = 0;             ///< seconds from the start of the plan
  int duration = 0;          ///< seconds, both sides and all rests included
  int transition = 0;        ///< seconds to change position before this item
  std::vector<catalog::Contraindication> modifications;
  std::vector<catalog::Contraindication> cautions;
  std::optional<PlanVariant> easier;
  std::optional<PlanVariant> harder;
};

/// An exercise of the catalog that is not in the plan, and why.
struct LeftOut {
  std::string id;
  std::string name;
  std::string reason;                   ///< "condition", "setting", "level", "region", "goal", "time"
  std::string detail;                   ///< a sentence for the user
  std::vector<std::string> conditions;  ///< the user's conditions that exclude it
};

/// A finished plan: renderers only read it.
struct Plan {
  Request request;
  std::vector<std::string> condition_names;  ///< display names of the honoured conditions
  std::vector<std::string> goal_names;
  std::vector<std::string> region_names;
  std::vector<PlanItem> items;
  int budget = 0;            ///< seconds
  int total = 0;             ///< seconds; never more than the budget
  int position_changes = 0;
  bool filled = true;        ///< total reaches at least 90% of the budget
  std::string shortfall;     ///< when not filled, a sentence saying how much could be filled
  std::vector<std::string> uncovered;  ///< requested regions/goals no safe exercise covers
  std::vector<LeftOut> left_out;       ///< every catalog exercise not in the plan, by id
  std::vector<std::string> sources;    ///< citations of the sources of the items
  safety::SafetyNotes safety;
};

} // namespace backplan::plan
