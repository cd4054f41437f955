#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"

#include <string>
#include <vector>

namespace backplan::plan {

class Chooser;

/// The citation of each source the items use: their exercises', their
/// rules' and their kinds' advice.
std::vector<catalog::Citation> citations(const catalog::Catalog& catalog, const std::vector<PlanItem>& items);

/// One line for each declared condition that no item of the plan needed
/// changing for.
std::vector<UnchangedCondition> unchanged_conditions(const catalog::Catalog& catalog, const Request& request,
                                                     const std::vector<PlanItem>& items);

/// One warning for each declared condition some exercise was left out for
/// having no rule for a load the condition protects.
std::vector<std::string> gap_warnings(const catalog::Catalog& catalog, const std::vector<LeftOut>& left_out);

/// Says, for each item that carries a caution, why it was chosen although
/// cautions count against an exercise; and for each item chosen beside an
/// exercise of its family, why.
void explain_choices(const catalog::Catalog& catalog, const Chooser& chooser, std::vector<PlanItem>& items);

/// The advice of each kind of exercise in the plan that has some.
std::vector<KindAdvice> kind_advice(const catalog::Catalog& catalog, const std::vector<PlanItem>& items);

} // namespace backplan::plan
