#pragma once

#include "catalog/diagnostic.hpp"
#include "catalog/model.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace backplan::catalog {

/// The files of one catalog source: the built-in catalog, or one `--catalog`
/// path. Ids repeated within a layer are errors; a later layer's id replaces
/// an earlier layer's.
struct Layer {
  std::string name;
  std::vector<SourceFile> files;
  std::vector<Diagnostic> errors;  ///< paths that could not be read
};

/// The largest catalog file backplan reads, in bytes.
inline constexpr std::size_t max_file_bytes = 1024 * 1024;

/// The most files one catalog path may hold.
inline constexpr std::size_t max_files = 100000;

/// The files of the built-in catalog, embedded at build time.
Layer builtin_layer();

/// The YAML files (*.yaml, *.yml) of a file or a directory, searched
/// recursively in name order; unreadable paths become errors of the layer.
Layer read_layer(const std::filesystem::path& path);

/// A loaded catalog with every problem found and the notes to show.
struct LoadResult {
  Catalog catalog;
  std::vector<Diagnostic> errors;   ///< empty when the catalog is valid
  std::vector<std::string> notes;   ///< e.g. an exercise replacing another
  std::size_t file_count = 0;
};

/// Loads and validates the layers in order. Never throws for bad input:
/// every problem of every file becomes a Diagnostic.
LoadResult load(const std::vector<Layer>& layers);

} // namespace backplan::catalog
