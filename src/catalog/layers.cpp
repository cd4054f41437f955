#include "catalog/builtin.hpp"
#include "catalog/loader.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace backplan::catalog {

namespace {

namespace fs = std::filesystem;

/// Whether a file named `name` is a catalog file: its extension (as
/// std::filesystem reads it: after the last dot, which does not start the
/// name) is .yaml or .yml.
bool is_yaml_name(std::string_view name)
{
  const auto dot = name.rfind('.');
  return dot != std::string_view::npos && dot > 0 &&
         (name.substr(dot) == ".yaml" || name.substr(dot) == ".yml");
}

/// Sorts paths as std::filesystem::path orders them, element by element:
/// as strings in which '/' comes before every other byte, which is the same
/// order without taking each path apart at every comparison.
void sort_paths(std::vector<std::string>& paths)
{
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    std::string key = paths[i];
    std::replace(key.begin(), key.end(), '/', '\0');
    keys.emplace_back(std::move(key), i);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> sorted;
  sorted.reserve(paths.size());
  for (const auto& [unused, i] : keys) {
    sorted.push_back(std::move(paths[i]));
  }
  paths = std::move(sorted);
}

/// Adds the YAML files below the folder `directory` (a path, as given,
/// joined with the names found) to `paths`, folders within folders too,
/// with readdir: a std::filesystem walk cost a catalog of 10 000 files a
/// tenth of a warm plan. Like std::filesystem's walk with
/// skip_permission_denied, it does not follow a link to a folder and passes
/// over a folder it may not open; any YAML-named entry but a folder is
/// listed, so that a FIFO, a device or a link loop among the files is
/// reported rather than passed over. Returns false with `error` set when a
/// folder cannot be read, or when there are more than `most` files.
bool add_yaml_files(const std::string& directory, std::vector<std::string>& paths, std::size_t most,
                    std::error_code& error)
{
  DIR* folder = ::opendir(directory.c_str());
  if (folder == nullptr) {
    if (errno == EACCES) {
      return true;
    }
    error = std::error_code(errno, std::generic_category());
    return false;
  }
  const std::string prefix = directory.ends_with('/') ? directory : directory + '/';
  bool ok = true;
  while (true) {
    // readdir says an error only through errno, which the calls below set.
    errno = 0;
    const dirent* entry = ::readdir(folder);
    if (entry == nullptr) {
      if (errno != 0) {
        error = std::error_code(errno, std::generic_category());
        ok = false;
      }
      break;
    }
    const std::string_view name = entry->d_name;
    if (name == "." || name == "..") {
      continue;
    }
    std::string path = prefix + std::string(name);
    struct stat status {};
    const bool known = entry->d_type != DT_UNKNOWN;
    const bool folder_entry =
      known ? entry->d_type == DT_DIR : ::lstat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode);
    if (folder_entry) {
      if (!add_yaml_files(path, paths, most, error)) {
        ok = false;
        break;
      }
      continue;
    }
    if (!is_yaml_name(name)) {
      continue;
    }
    const bool link = known ? entry->d_type == DT_LNK : S_ISLNK(status.st_mode);
    if (link && ::stat(path.c_str(), &status) == 0 && S_ISDIR(status.st_mode)) {
      continue; // a link to a folder is not a file, and is not followed
    }
    paths.push_back(std::move(path));
    if (paths.size() > most) {
      ok = false;
      break;
    }
  }
  ::closedir(folder);
  return ok;
}

/// The YAML files below `directory`, in name order; a directory that cannot
/// be walked or holds too many files becomes an error of `layer`.
std::vector<std::string> yaml_files_below(const fs::path& directory, Layer& layer)
{
  std::vector<std::string> paths;
  std::error_code error;
  if (!add_yaml_files(directory.string(), paths, max_files, error) && !error) {
    layer.errors.push_back(
      {Location{directory.string(), 0, 0}, fmt::format("more than {} catalog files", max_files)});
    return {};
  }
  if (error) {
    layer.errors.push_back(
      {Location{directory.string(), 0, 0}, fmt::format("cannot read the directory: {}", error.message())});
  }
  sort_paths(paths);
  return paths;
}

/// `directory` with a slash at its end, which every path found below it
/// starts with.
std::string folder_prefix(const fs::path& directory)
{
  std::string prefix = directory.string();
  if (!prefix.ends_with('/')) {
    prefix += '/';
  }
  return prefix;
}

/// The path of `file`, found below `directory` (whose folder_prefix is
/// `prefix`), relative to it.
std::string relative_to(const std::string& file, const fs::path& directory, std::string_view prefix)
{
  if (file.starts_with(prefix) && file.find("/./", prefix.size() - 1) == std::string::npos &&
      file.find("/../", prefix.size() - 1) == std::string::npos) {
    return file.substr(prefix.size());
  }
  return fs::path(file).lexically_relative(directory).string();
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
  layer.compiled = bytes;
  return layer;
}

Layer list_layer(const fs::path& path)
{
  Layer layer;
  layer.name = path.string();
  layer.listed_ns = cache::now_ns();
  layer.settle_ns = cache::settle_window_ns();
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
  const std::vector<std::string> paths =
    directory ? yaml_files_below(path, layer) : std::vector<std::string>{path.string()};
  layer.unread = true;
  layer.files.reserve(paths.size());
  layer.listed.reserve(paths.size());
  const std::string prefix = folder_prefix(path);
  // A folder's files are examined relative to the open folder.
  const int folder = directory ? ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
  for (const auto& file : paths) {
    layer.files.push_back({file, ""});
    std::string relative = directory ? relative_to(file, path, prefix) : path.filename().string();
    auto stamps = folder >= 0 ? cache::stamps_at(folder, relative) : cache::stamps_of(file);
    layer.listed.push_back({std::move(relative), stamps});
  }
  if (folder >= 0) {
    ::close(folder);
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
