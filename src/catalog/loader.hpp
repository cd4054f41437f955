#pragma once

#include "backplan/catalog/diagnostic.hpp"
#include "backplan/catalog/load.hpp"
#include "backplan/catalog/model.hpp"
#include "catalog/layer_cache.hpp"
#include "catalog/serialize.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::catalog {

/// A listed file's path below its catalog path and its stamps (none when it
/// could not be examined), for the cache.
struct ListedFile {
  std::string relative;
  std::optional<cache::Stamps> stamps;
};

/// The files of one catalog source: the built-in catalog, or one `--catalog`
/// path. Ids repeated within a layer are errors; a later layer's id replaces
/// an earlier layer's.
struct Layer {
  std::string name;
  std::vector<SourceFile> files;
  std::vector<Diagnostic> errors; ///< paths that could not be read
  /// A catalog validated at build time and encoded (encode_catalog), which
  /// load() decodes into place and takes as it is (`files` is then empty):
  /// the built-in one. Empty for the other layers.
  std::string_view compiled;
  /// The cache of this path's exercise files, when one is used.
  std::shared_ptr<LayerCache> cache;
  /// The texts of `files` are not read yet: load() reads those it needs
  /// from the paths `name` (a file taken from the cache is never read).
  bool unread = false;
  /// Each file's relative path and stamps, in the order of `files`, for a
  /// listed layer.
  std::vector<ListedFile> listed;
  /// When the files were listed and their stamps taken, and how long before
  /// that a file must have last changed to be cached (see cache::settled):
  /// the clock, which tests set.
  std::int64_t listed_ns = 0;
  std::int64_t settle_ns = cache::settle_ns;
};

/// The largest catalog file backplan reads, in bytes.
inline constexpr std::size_t max_file_bytes = 1024 * 1024;

/// The most files one catalog path may hold.
inline constexpr std::size_t max_files = 100000;

/// The files of the built-in catalog, embedded at build time.
Layer builtin_layer();

/// The built-in catalog compiled at build time (catalog/builtin.hpp's
/// builtin_compiled()), as a layer that load() takes without parsing.
Layer compiled_layer(std::string_view bytes);

/// The YAML files (*.yaml, *.yml) of a file or a directory, searched
/// recursively in name order, with their stamps and unread: load() reads
/// those it needs. Paths that cannot be listed become errors of the layer.
Layer list_layer(const std::filesystem::path& path);

/// As list_layer, with every file read; unreadable ones become errors of
/// the layer.
Layer read_layer(const std::filesystem::path& path);

/// Loads and validates the layers in order. Never throws for bad input:
/// every problem of every file becomes a Diagnostic. Files a layer's cache
/// holds unchanged are taken from it; each cache is told what the load
/// found (LayerCache::update), and the diagnostics are the same with a
/// cache and without.
LoadResult load(const std::vector<Layer>& layers);

} // namespace backplan::catalog
