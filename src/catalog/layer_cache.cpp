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
  // Entries are written in the order files are listed, which is their
  // paths' order but where a folder's name and a file's compare otherwise:
  // then, and only then, an index of the paths is made.
  const auto& entries = m_old.entries;
  m_sorted = std::adjacent_find(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
               return a.path >= b.path;
             }) == entries.end();
  if (!m_sorted) {
    m_index.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      m_index.emplace(entries[i].path, i);
    }
  }
  // Reading the entries and their paths mapped the pages they lie on: given
  // back, as the checksum's were, until the entries a run needs are decoded
  // (and the paths looked up).
  util::release_mapped(m_old.mapped);
}

std::size_t LayerCache::find(std::string_view relative, const cache::Stamps& stamps, std::uint64_t key,
                             std::size_t hint) const
{
  if (key != m_old.key) {
    return npos;
  }
  const auto& entries = m_old.entries;
  std::size_t index = npos;
  if (hint < entries.size() && entries[hint].path == relative) {
    index = hint; // files listed in the order of the entries: no search
  } else if (m_sorted) {
    // A search reads a path here and there over the file; the hint keeps
    // it to the first file of a run.
    const auto it =
      std::lower_bound(entries.begin(), entries.end(), relative,
                       [](const cache::Entry& entry, std::string_view path) { return entry.path < path; });
    index =
      it != entries.end() && it->path == relative ? static_cast<std::size_t>(it - entries.begin()) : npos;
  } else if (const auto it = m_index.find(relative); it != m_index.end()) {
    index = it->second;
  }
  return index != npos && entries[index].stamps == stamps ? index : npos;
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
