#include "catalog/layer_cache.hpp"

#include "catalog/serialize.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

namespace backplan::catalog {

LayerCache::LayerCache(std::filesystem::path file, std::string catalog)
    : m_file(std::move(file)), m_catalog(std::move(catalog))
{
  std::error_code missing;
  if (!std::filesystem::exists(m_file, missing) && !missing) {
    return; // no cache yet: nothing to report
  }
  auto decoded = cache::read(m_file, binary_format_version);
  if (!decoded.contents) {
    m_problem = std::move(decoded.problem);
    return;
  }
  m_old = std::move(*decoded.contents);
  m_index.reserve(m_old.entries.size());
  for (std::size_t i = 0; i < m_old.entries.size(); ++i) {
    m_index.emplace(m_old.entries[i].path, i);
  }
  // Reading the entries and their paths mapped the pages they lie on: given
  // back, as the checksum's were, until the entries a run needs are decoded.
  util::release_mapped(m_old.mapped);
}

std::size_t LayerCache::find(std::string_view relative, const cache::Stamps& stamps, std::uint64_t key) const
{
  if (key != m_old.key) {
    return npos;
  }
  const auto it = m_index.find(relative);
  return it != m_index.end() && m_old.entries[it->second].stamps == stamps ? it->second : npos;
}

const cache::Entry& LayerCache::entry(std::size_t index) const { return m_old.entries.at(index); }

EncodedDetails LayerCache::details(std::size_t index) const { return {entry(index).details, m_old.bytes}; }

bool LayerCache::update(std::uint64_t key, std::size_t kept, bool all_old, std::size_t hits,
                        std::size_t parsed)
{
  m_updated = true;
  m_hits = hits;
  m_parsed = parsed;
  // Unchanged when every good file came from the cache and every cached
  // entry was used: then the file already holds exactly these entries.
  m_changed = !m_problem.empty() || key != m_old.key || !all_old || kept != m_old.entries.size();
  if (m_problem.empty() && key != m_old.key && !m_old.entries.empty()) {
    m_problem = "written for other vocabularies";
  }
  m_new.key = key;
  if (!m_changed) {
    done_reading();
  }
  return m_changed;
}

void LayerCache::keep(const std::vector<Kept>& kept)
{
  // Entries read from the cache stay views of its file, which stays mapped
  // until save() writes them; those of files parsed now are copied, as
  // their bytes go with the load.
  std::size_t parsed_size = 0;
  for (const auto& k : kept) {
    if (k.old_index == npos) {
      parsed_size += k.relative.size() + k.data.size() + k.details.size();
    }
  }
  m_parsed_bytes.reserve(parsed_size); // never grows past this: views into it stay valid
  const auto copy = [&](std::string_view bytes) {
    m_parsed_bytes.append(bytes);
    return std::string_view(m_parsed_bytes).substr(m_parsed_bytes.size() - bytes.size());
  };
  m_new.entries.reserve(kept.size());
  for (const auto& k : kept) {
    if (k.old_index != npos) {
      const auto& old = m_old.entries[k.old_index];
      m_new.entries.push_back({old.path, k.stamps, old.data, old.details});
    } else {
      const auto relative = copy(k.relative);
      const auto data = copy(k.data);
      m_new.entries.push_back({relative, k.stamps, data, copy(k.details)});
    }
  }
  m_new.bytes = m_old.bytes;
  done_reading();
}

void LayerCache::done_reading()
{
  m_index.clear();
  // What is left to read of the file is the details of the exercises shown:
  // the pages read so far go back to the system (and are read again if
  // needed).
  util::release_mapped(m_old.mapped);
  m_old = {};
}

std::vector<std::string> LayerCache::save()
{
  std::vector<std::string> lines;
  if (!m_updated) {
    return lines;
  }
  if (!m_problem.empty()) {
    lines.push_back(fmt::format("cache: {}: not using {}: {}", m_catalog, m_file.string(), m_problem));
  }
  lines.push_back(
    fmt::format("cache: {}: exercise files: {} from the cache, {} parsed", m_catalog, m_hits, m_parsed));
  if (!m_changed) {
    return lines;
  }
  try {
    cache::write(m_file, m_new, binary_format_version);
    lines.push_back(
      fmt::format("cache: {}: wrote {} ({} entries)", m_catalog, m_file.string(), m_new.entries.size()));
  } catch (const std::exception& e) {
    lines.push_back(fmt::format("cache: {}: cannot write the cache: {}", m_catalog, e.what()));
  }
  m_new = {};
  m_parsed_bytes = {};
  return lines;
}

} // namespace backplan::catalog
