#pragma once

#include "backplan/catalog/diagnostic.hpp"

#include <vector>

namespace backplan::catalog {

/// Checks what conditions name across the whole loaded catalog, once every
/// layer is merged: each value a standing rule's `when` names is still a
/// value of its condition's qualifier (a later layer that redefines the
/// condition must keep it), and each exercise an early phase allows is in
/// the catalog. Each problem goes to `errors`, at the condition.
void check_condition_references(const Catalog& catalog, std::vector<Diagnostic>& errors);

} // namespace backplan::catalog
