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
        layer.errors.push_back(
          {Location{directory.string(), 0, 0}, fmt::format("more than {} catalog files", max_files)});
        return {};
      }
    }
  }
  if (error) {
    layer.errors.push_back(
      {Location{directory.string(), 0, 0}, fmt::format("cannot read the directory: {}", error.message())});
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

Layer compiled_layer(std::string_view bytes)
{
  Layer layer;
  layer.name = "<built-in>";
  layer.compiled = std::make_shared<const CompiledCatalog>(decode_catalog(bytes));
  return layer;
}

Layer list_layer(const fs::path& path)
{
  Layer layer;
  layer.name = path.string();
  layer.listed_ns = cache::now_ns();
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    layer.errors.push_back(
      {Location{path.string(), 0, 0}, error && error != std::errc::no_such_file_or_directory
                                        ? fmt::format("cannot read: {}", error.message())
                                        : "no such file or directory"});
    return layer;
  }
  const bool directory = fs::is_directory(status);
  const std::vector<fs::path> paths = directory ? yaml_files_below(path, layer) : std::vector<fs::path>{path};
  layer.unread = true;
  layer.files.reserve(paths.size());
  layer.listed.reserve(paths.size());
  for (const auto& file : paths) {
    layer.files.push_back({file.string(), ""});
    layer.listed.push_back({directory ? file.lexically_relative(path).string() : file.filename().string(),
                            cache::stamps_of(file)});
  }
  return layer;
}

Layer read_layer(const fs::path& path)
{
  Layer layer = list_layer(path);
  std::vector<SourceFile> files;
  std::vector<ListedFile> listed;
  for (std::size_t i = 0; i < layer.files.size(); ++i) {
    try {
      files.push_back({layer.files[i].name, util::read_file(layer.files[i].name, max_file_bytes)});
      listed.push_back(std::move(layer.listed[i]));
    } catch (const std::exception& e) {
      layer.errors.push_back({Location{layer.files[i].name, 0, 0}, e.what()});
    }
  }
  layer.files = std::move(files);
  layer.listed = std::move(listed);
  layer.unread = false;
  return layer;
}

} // namespace backplan::catalog
