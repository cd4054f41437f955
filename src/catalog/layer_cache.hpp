#pragma once

#include "backplan/catalog/model.hpp"
#include "cache/store.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace backplan::catalog {

/// The cache of one catalog path's exercise files for one run: what the
/// cache file held when the run began, and what the run found, to be
/// written back when it differs.
class LayerCache
{
public:
  /// A good exercise file of this run that may be cached: its path below
  /// the catalog path, its stamps, the index of the cached entry it was read
  /// from (npos: parsed now) and its exercise in binary form (core and
  /// details), all of which need to live only during update().
  struct Kept {
    std::string_view relative;
    cache::Stamps stamps;
    std::size_t old_index = npos;
    std::string_view data;
    std::string_view details;
  };

  /// No entry.
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Reads the cache file `file` for the catalog path `catalog`; a missing,
  /// damaged or foreign file counts as an empty cache.
  LayerCache(std::filesystem::path file, std::string catalog);

  /// The index of the entry cached for `relative` with exactly `stamps`,
  /// when the cache was written for `key`; npos otherwise. `hint` is where
  /// it is likely to be (say, the entry after the one found for the file
  /// listed before), looked at first. Safe to call from several threads at
  /// once.
  std::size_t find(std::string_view relative, const cache::Stamps& stamps, std::uint64_t key,
                   std::size_t hint = npos) const;

  /// The entry at `index` (from find()): views of the cache file's bytes
  /// valid until update(). Safe to call from several threads at once.
  const cache::Entry& entry(std::size_t index) const;

  /// The whole cache file read, when it is mapped (empty otherwise): what
  /// entries point into. Safe to call from several threads at once.
  std::string_view mapped() const { return m_old.mapped; }

  /// The encoded details of the entry at `index`, with what keeps them
  /// readable after update(). Safe to call from several threads at once.
  EncodedDetails details(std::size_t index) const;

  /// Records what this run found for `key`: how many good exercise files
  /// (`kept`), whether every one of them was read from the cache, and how
  /// many exercise files were read from the cache and parsed. Returns
  /// whether the cache file is to be written again; then keep() must be
  /// given those files, else the pages of the file read go back to the
  /// system now.
  bool update(std::uint64_t key, std::size_t kept, bool all_old, std::size_t hits, std::size_t parsed);

  /// Keeps the good exercise files for save(), when update() said the file
  /// is to be written again: views of the file read, which stays mapped,
  /// and copies of the files parsed now. Gives the pages of the file read
  /// back to the system.
  void keep(const std::vector<Kept>& kept);

  /// Writes the cache file when the run found something else than it held.
  /// Never throws: a cache that cannot be written only costs speed. Returns
  /// what happened, for --verbose, one line each.
  std::vector<std::string> save();

private:
  std::filesystem::path m_file;
  std::string m_catalog;
  cache::Contents m_old;
  std::string m_problem; ///< why the file's entries were not used, if so
  /// Whether the entries are in order of path, each once, so that find()
  /// searches them; else it looks paths up in m_index.
  bool m_sorted = false;
  std::unordered_map<std::string_view, std::size_t> m_index;
  /// What save() writes, when changed: entries that are views of the file
  /// read (which its `bytes` keep mapped) or of m_parsed_bytes.
  cache::Contents m_new;
  std::string m_parsed_bytes; ///< the paths and bytes of the files parsed now
  std::size_t m_hits = 0;
  std::size_t m_parsed = 0;
  bool m_updated = false;
  bool m_changed = false;

  /// Lets go of the file read but for the bytes of m_new's entries.
  void done_reading();
};

} // namespace backplan::catalog
