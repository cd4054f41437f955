#pragma once

#include "backplan/catalog/model.hpp"

#include <string>

namespace backplan::cli {

/// The exercise in catalog syntax (`man 5 backplan-catalog`), its figure
/// included: a template to copy, and a file that loads back to the same
/// exercise.
std::string exercise_yaml(const catalog::Exercise& e);

} // namespace backplan::cli
