#pragma once

#include "backplan/catalog/diagnostic.hpp"
#include "backplan/catalog/model.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace backplan::catalog {

/// A loaded catalog with every problem found and the notes to show.
struct LoadResult {
  Catalog catalog;
  std::vector<Diagnostic> errors; ///< empty when the catalog is valid
  std::vector<std::string> notes; ///< e.g. an exercise replacing another
  std::size_t file_count = 0;
};

/// The built-in catalog, validated when the library was built: no errors,
/// and no YAML parsed.
LoadResult load_builtin();

/// The built-in catalog (unless `with_builtin` is false), then the YAML
/// files (*.yaml, *.yml) of each path in turn, a file or a folder searched
/// recursively, validated together: a later path's exercise replaces an
/// earlier one's with the same id (a note says so). Never throws for bad
/// input: every problem becomes a Diagnostic of the result. Reads every file
/// (the program's cache is not used).
LoadResult load_catalogs(const std::vector<std::filesystem::path>& paths, bool with_builtin = true);

} // namespace backplan::catalog
