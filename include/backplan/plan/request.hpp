#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <stdexcept>
#include <string_view>

namespace backplan::plan {

/// A request that names a condition, goal, region, level, setting or
/// exercise the catalog does not know, gives two values for one condition,
/// or sets a dose the catalog does not allow.
class UnknownName : public std::invalid_argument
{
public:
  using std::invalid_argument::invalid_argument;
};

/// A dose as a clinician writes it for `--dose`: "ID=KEY N, KEY N, ..."
/// with the keys hold, move (seconds of movement a repetition), reps, sets,
/// rest (seconds between repetitions) and set-rest (seconds between sets),
/// each value a whole number, seconds optionally followed by "s". Throws
/// UnknownName saying what is wrong with `text`.
DoseChange parse_dose_change(std::string_view text);

/// Why `change` cannot be given: an exercise the catalog does not know, or
/// a value outside the catalog's range for that exercise (or for a part of
/// the dose it does not have); empty when it can.
std::string dose_change_problem(const catalog::Catalog& catalog, const DoseChange& change);

/// `dose` with the values `change` gives.
Dose changed(Dose dose, const DoseChange& change);

/// `request` as the planner reads it: each condition, qualifier key, goal
/// and region resolved from its id or alias (any case, Vocabulary::resolve)
/// to its id, each once; the conditions each declared condition includes
/// after them; qualifier values as the rules read them (safety::settled);
/// exercise ids checked, each once, and the exercises a dose is set for
/// included (unless the request names its exercises, which must then hold
/// them).
/// Throws UnknownName for a name the catalog does not know, so that no
/// alias or misspelling can reach the safety rules, which compare ids.
Request resolved(const catalog::Catalog& catalog, const Request& request);

} // namespace backplan::plan
