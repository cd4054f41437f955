#include "cli/context.hpp"

#include "backplan/render/render.hpp"
#include "backplan/safety/conditions.hpp"
#include "cache/store.hpp"
#include "catalog/builtin.hpp"
#include "cli/die.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <future>
#include <string_view>

namespace backplan::cli {

namespace {

/// backplan's folder in the user's configuration folder, if one is known.
std::optional<std::filesystem::path> config_folder()
{
  return util::user_folder("XDG_CONFIG_HOME", ".config");
}

/// The user's config-folder catalog, when it exists.
std::optional<std::filesystem::path> config_catalog()
{
  const auto base = config_folder();
  if (!base) {
    return std::nullopt;
  }
  std::error_code error;
  const auto folder = *base / "catalog";
  if (std::filesystem::is_directory(folder, error)) {
    return folder;
  }
  return std::nullopt;
}

} // namespace

bool Context::caching() const
{
  const char* off = std::getenv("BACKPLAN_NO_CACHE");
  return !no_cache && (off == nullptr || *off == '\0' || std::string_view(off) == "0");
}

catalog::Layer Context::path_layer(const std::filesystem::path& path) const
{
  // The cache file is read on another core while the path is listed: for
  // a large catalog each takes about as long as the other.
  std::future<std::shared_ptr<catalog::LayerCache>> cache;
  if (caching()) {
    if (const auto folder = cache::default_folder()) {
      cache = std::async(std::launch::async, [file = cache::file_for(*folder, path), name = path.string()] {
        return std::make_shared<catalog::LayerCache>(file, name);
      });
    }
  }
  catalog::Layer layer = catalog::list_layer(path);
  if (cache.valid()) {
    layer.cache = cache.get();
  }
  return layer;
}

std::vector<catalog::Layer> Context::layers(const std::vector<std::string>& extra) const
{
  std::vector<catalog::Layer> out;
  if (!no_builtin) {
    out.push_back(catalog::compiled_layer(catalog::builtin_compiled()));
  }
  if (const auto folder = config_catalog(); folder && !no_user_catalog) {
    out.push_back(path_layer(*folder));
  }
  for (const auto& path : catalog_paths) {
    out.push_back(path_layer(path));
  }
  for (const auto& path : extra) {
    out.push_back(path_layer(path));
  }
  return out;
}

catalog::LoadResult Context::load(const std::vector<catalog::Layer>& layers) const
{
  auto result = catalog::load(layers);
  for (const auto& layer : layers) {
    if (layer.cache) {
      for (const auto& line : layer.cache->save()) {
        if (verbose) {
          fmt::print(stderr, "backplan: {}\n", line);
        }
      }
    }
  }
  return result;
}

const catalog::LoadResult& Context::loaded() const
{
  if (!m_loaded) {
    m_loaded = load(layers());
  }
  return *m_loaded;
}

void Context::keep_catalog_until_exit()
{
  static auto* kept = new std::vector<catalog::LoadResult>();
  if (m_loaded) {
    kept->push_back(std::move(*m_loaded));
    m_loaded.reset();
  }
}

static std::string catalog_errors_text(const std::vector<catalog::Diagnostic>& errors)
{
  std::string text;
  bool in_user_folder = false;
  const auto folder = config_catalog();
  for (const auto& diagnostic : errors) {
    text += diagnostic.str() + "\n";
    in_user_folder = in_user_folder || (folder && diagnostic.where.file.starts_with(folder->string() + "/"));
  }
  if (in_user_folder) {
    text += fmt::format("backplan: the errors above are in your catalog folder {}; fix them, or "
                        "run with --no-user-catalog to leave that folder out\n",
                        folder->string());
  }
  return text;
}

const catalog::Catalog& Context::catalog() const
{
  const auto& loaded = this->loaded();
  if (!loaded.errors.empty()) {
    throw Failure{ExitStatus::invalid_catalog, catalog_errors_text(loaded.errors)};
  }
  if (!m_notes_shown) {
    m_notes_shown = true;
    for (const auto& note : loaded.notes) {
      fmt::print(stderr, "backplan: note: {}\n", note);
    }
  }
  return loaded.catalog;
}

std::size_t Context::text_width(bool to_terminal) const
{
  return width > 0 ? width : to_terminal ? cli::terminal_width(80) : 80;
}

std::string Context::profile_location() const
{
  if (no_profile) {
    return "none (--no-profile)";
  }
  if (!profile_path.empty()) {
    return profile_path + " (--profile)";
  }
  const auto folder = config_folder();
  if (!folder) {
    return "none (neither XDG_CONFIG_HOME nor HOME is set)";
  }
  std::error_code error;
  const auto path = *folder / "profile.yaml";
  return fmt::format("{} ({})", path.string(), std::filesystem::exists(path, error) ? "found" : "not found");
}

const Profile& Context::profile() const
{
  if (m_profile) {
    return *m_profile;
  }
  std::string path = profile_path;
  if (path.empty() && !no_profile) {
    std::error_code error;
    const auto folder = config_folder();
    if (folder && std::filesystem::exists(*folder / "profile.yaml", error)) {
      path = (*folder / "profile.yaml").string();
    }
  }
  if (no_profile || path.empty()) {
    return m_profile.emplace();
  }
  std::vector<catalog::Diagnostic> errors;
  Profile profile;
  try {
    const catalog::SourceFile file{path, util::read_file(path, max_profile_bytes)};
    profile = load_profile(file, catalog(), render::plan_format_names(), errors);
  } catch (const std::runtime_error& e) {
    errors.push_back({catalog::Location{path, 0, 0}, e.what()});
  }
  if (!errors.empty()) {
    std::string text;
    for (const auto& diagnostic : errors) {
      text += diagnostic.str() + "\n";
    }
    throw Failure{ExitStatus::invalid_catalog, text};
  }
  return m_profile.emplace(std::move(profile));
}

void write_output(const std::string& data, const std::string& path)
{
  if (!path.empty() && path != "-") {
    try {
      util::write_file_atomically(path, data);
    } catch (const std::exception& e) {
      die(ExitStatus::runtime, e.what());
    }
    return;
  }
  int error_number = 0;
  if (!util::write_stdout(data, error_number)) {
    if (error_number == EPIPE) {
      std::_Exit(0);
    }
    die(ExitStatus::runtime, fmt::format("cannot write to standard output: {}", std::strerror(error_number)));
  }
}

void unknown_value(const std::string& what, const std::string& value, const std::vector<std::string>& valid)
{
  die(ExitStatus::usage,
      fmt::format("unknown {} '{}'{}", what, value, util::did_you_mean_suffix(value, valid)),
      fmt::format("valid {}s: {}\n", what, util::join(valid, ", ")));
}

std::vector<std::string> flatten(const std::vector<std::string>& values)
{
  std::vector<std::string> out;
  for (const auto& value : values) {
    for (auto& piece : util::split_list(value)) {
      if (std::find(out.begin(), out.end(), piece) == out.end()) {
        out.push_back(std::move(piece));
      }
    }
  }
  return out;
}

void check_ids(const std::string& what, const std::vector<std::string>& values,
               const std::vector<std::string>& valid)
{
  for (const auto& value : values) {
    if (std::find(valid.begin(), valid.end(), value) == valid.end()) {
      unknown_value(what, value, valid);
    }
  }
}

Declared resolve_conditions(const catalog::Catalog& catalog, const std::vector<std::string>& names)
{
  Declared declared;
  for (const auto& name : flatten(names)) {
    const safety::Typed typed = safety::resolve_typed(catalog, name);
    if (!typed.error.empty()) {
      die(ExitStatus::usage, typed.error);
    }
    if (typed.term == nullptr) {
      unknown_value("condition", name.substr(0, name.find('=')), safety::condition_names(catalog));
    }
    const std::string& id = typed.term->id;
    if (std::find(declared.ids.begin(), declared.ids.end(), id) == declared.ids.end()) {
      declared.ids.push_back(id);
    }
    if (typed.value.empty()) {
      continue;
    }
    const auto [it, added] = declared.qualifiers.emplace(id, typed.value);
    if (!added && it->second != typed.value) {
      die(ExitStatus::usage, fmt::format("condition '{}' is given twice, as {} '{}' and '{}'", id,
                                         typed.term->qualifier->name, it->second, typed.value));
    }
  }
  declared.ids = safety::with_included(catalog, std::move(declared.ids));
  return declared;
}

CLI::Option* add_list_option(CLI::App& command, const std::string& names, std::vector<std::string>& values,
                             const std::string& description)
{
  return command.add_option(names, values, description)
    ->expected(1)
    ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
    ->type_name("ID[,ID...]");
}

CLI::Option* add_format_option(CLI::App& command, std::string& format,
                               const std::vector<std::string>& choices)
{
  // Any case, and the usual short names: -f MD, -f md, -f JSON, -f txt.
  const auto aliased = CLI::Validator(
    [](std::string& value) {
      std::transform(value.begin(), value.end(), value.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      for (const auto& [alias, name] : {std::pair("md", "markdown"), std::pair("txt", "text"),
                                        std::pair("ms", "roff"), std::pair("htm", "html")}) {
        if (value == alias) {
          value = name;
        }
      }
      return std::string();
    },
    "", "format");
  return command
    .add_option("-f,--format", format,
                fmt::format("output format: {} (default {}; any case, and md, txt, ms)",
                            util::join(choices, ", "), format))
    ->transform(aliased)
    ->check(CLI::IsMember(choices));
}

} // namespace backplan::cli
