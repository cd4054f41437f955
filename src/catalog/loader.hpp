#pragma once

#include "catalog/model.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

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

/// A user's standing defaults from a profile file; unset fields were not given.
struct Profile {
  std::string file;
  std::optional<std::vector<std::string>> conditions;  ///< resolved to condition ids
  std::optional<int> minutes;
  std::optional<std::vector<std::string>> goals;
  std::optional<std::vector<std::string>> regions;
  std::optional<std::string> level;
  std::optional<std::string> setting;
  std::optional<std::string> format;
  std::optional<std::string> seed;  ///< a whole number or "daily", as written
};

/// The largest profile file backplan reads, in bytes.
inline constexpr std::size_t max_profile_bytes = 64 * 1024;

/// Reads and validates a profile against `catalog`: every key known, every
/// value of the right type and range, every condition (id or alias), goal,
/// region and level known to the catalog, and the format one of `formats`.
/// Every problem goes to `errors` at its node.
Profile load_profile(const SourceFile& file, const Catalog& catalog,
                     const std::vector<std::string>& formats, std::vector<Diagnostic>& errors);

/// Loads and validates the layers in order. Never throws for bad input:
/// every problem of every file becomes a Diagnostic.
LoadResult load(const std::vector<Layer>& layers);

} // namespace backplan::catalog
