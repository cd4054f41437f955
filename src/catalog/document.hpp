#pragma once

#include "backplan/catalog/diagnostic.hpp"

#include <optional>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

/// Deepest nesting of flow or block collections accepted before parsing;
/// deeper documents would exhaust the parser's stack.
inline constexpr int max_nesting = 64;

/// Checks the bytes of a catalog or profile file (not empty, valid UTF-8, no
/// NUL byte, not nested too deeply, one YAML document) and parses it. Any
/// problem becomes one positioned Diagnostic in `out` and nothing is returned;
/// a file that parses adds nothing to `out`.
std::optional<YAML::Node> parse_document(const SourceFile& file, std::vector<Diagnostic>& out);

} // namespace backplan::catalog
