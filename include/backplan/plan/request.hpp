#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <stdexcept>

namespace backplan::plan {

/// A request that names a condition, goal, region, level or setting the
/// catalog does not know, or gives two values for one condition.
class UnknownName : public std::invalid_argument
{
public:
  using std::invalid_argument::invalid_argument;
};

/// `request` as the planner reads it: each condition, qualifier key, goal
/// and region resolved from its id or alias (any case, Vocabulary::resolve)
/// to its id, each once; the conditions each declared condition includes
/// after them; qualifier values as the rules read them (safety::settled).
/// Throws UnknownName for a name the catalog does not know, so that no
/// alias or misspelling can reach the safety rules, which compare ids.
Request resolved(const catalog::Catalog& catalog, const Request& request);

} // namespace backplan::plan
