#include "catalog/builtin.hpp"
#include "catalog/loader.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::catalog {

namespace {

namespace fs = std::filesystem;

bool is_yaml_file(const fs::path& path)
{
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

/// The YAML files below `directory`, in name order; a directory that cannot
/// be walked or holds too many files becomes an error of `layer`.
std::vector<fs::path> yaml_files_below(const fs::path& directory, Layer& layer)
{
  std::vector<fs::path> paths;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied, error);
  const fs::recursive_directory_iterator end;
  for (; !error && it != end; it.increment(error)) {
    const auto& entry = *it;
    std::error_code type_error;
    // Any YAML-named entry but a directory is read, so that a FIFO, a device
    // or a link loop among the files is reported rather than passed over.
    if (is_yaml_file(entry.path()) && !entry.is_directory(type_error)) {
      paths.push_back(entry.path());
      if (paths.size() > max_files) {
        layer.errors.push_back({Location{directory.string(), 0, 0},
                                fmt::format("more than {} catalog files", max_files)});
        return {};
      }
    }
  }
  if (error) {
    layer.errors.push_back({Location{directory.string(), 0, 0},
                            fmt::format("cannot read the directory: {}", error.message())});
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

} // namespace

Layer builtin_layer()
{
  Layer layer;
  layer.name = "<built-in>";
  for (const auto& file : builtin_files()) {
    layer.files.push_back({fmt::format("<built-in>/{}", file.name), std::string(file.data)});
  }
  return layer;
}

Layer read_layer(const fs::path& path)
{
  Layer layer;
  layer.name = path.string();
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    layer.errors.push_back({Location{path.string(), 0, 0},
                            error && error != std::errc::no_such_file_or_directory
                              ? fmt::format("cannot read: {}", error.message())
                              : "no such file or directory"});
    return layer;
  }
  const std::vector<fs::path> paths =
    fs::is_directory(status) ? yaml_files_below(path, layer) : std::vector<fs::path>{path};
  for (const auto& file : paths) {
    try {
      layer.files.push_back({file.string(), util::read_file(file, max_file_bytes)});
    } catch (const std::exception& e) {
      layer.errors.push_back({Location{file.string(), 0, 0}, e.what()});
    }
  }
  return layer;
}

} // namespace backplan::catalog
