#pragma once

#include "backplan/catalog/model.hpp"

#include <string>

namespace backplan::catalog {

/// One problem found in a catalog file, at the offending node.
struct Diagnostic {
  Location where;
  std::string message;

  /// "FILE:LINE:COLUMN: error: MESSAGE" ("FILE: error: MESSAGE" when the
  /// problem has no position, such as a file that cannot be read).
  std::string str() const;
};

/// A catalog file's name (as shown in diagnostics) and text.
struct SourceFile {
  std::string name;
  std::string text;
};

} // namespace backplan::catalog
