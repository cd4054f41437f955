#pragma once

#include "backplan/catalog/diagnostic.hpp"
#include "backplan/figure/model.hpp"

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

/// A figure drawn instead of the exercise's own for users with a condition.
struct ModifiedFigure {
  std::string condition;
  figure::Figure figure;
  Location where; ///< the condition's key under 'modified'
};

/// An exercise's `figure:` block: its own figure and the modified ones.
struct FigureBlock {
  figure::Figure figure;
  std::vector<ModifiedFigure> modified;
};

/// Reads a `figure:` mapping (view, props, start, end, and 'modified': for
/// a condition, props, start and end that replace the exercise's own).
/// Every problem (an unknown key, joint, view or prop, an angle out of its
/// range of motion, a pose below the floor) goes to `out` at its node;
/// returns nothing when there was one. Conditions are checked by the caller.
std::optional<FigureBlock> read_figure(const std::string& file, const YAML::Node& key,
                                       const YAML::Node& value, std::vector<Diagnostic>& out);

} // namespace backplan::catalog
