#pragma once

// What load() carries from one phase to the next (loader.cpp), and the
// phase that reads the exercise files on every core and tells the caches
// what it found (exercise_files.cpp).

#include "backplan/catalog/diagnostic.hpp"
#include "backplan/catalog/model.hpp"
#include "backplan/util/box.hpp"
#include "catalog/exercises.hpp"
#include "catalog/loader.hpp"
#include "catalog/vocabularies.hpp"
#include "util/byte_arena.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

/// A parsed vocabulary file waiting for pass 1.
struct VocabularyFile {
  std::size_t layer = 0;
  std::size_t index = 0; ///< order of the file among all files
  std::string name;
  YAML::Node root;
  const VocabularySpec* spec = nullptr;
};

/// An exercise file waiting for pass 2, and what reading it gave.
struct PendingExercise {
  std::uint32_t layer = 0;
  std::uint32_t index = 0; ///< order of the file among all files (at most max_files a path)
  const SourceFile* file = nullptr;
  FileName name; ///< the file's name, shared by the exercise's locations
  /// What a file that gave no exercise names, faults and all (rare: boxed);
  /// a good file's are its exercise's (references_of), not kept twice.
  util::Box<ExerciseReferences> references;
  bool good = false;                     ///< it gave an exercise (LoadState::read, same position)
  bool ready = false;                    ///< read already: from a compiled layer
  bool unreadable = false;               ///< its text could not be read (a path error)
  std::size_t cached = LayerCache::npos; ///< the cache entry it was taken from
  const ListedFile* listed = nullptr;    ///< its path and stamps, when listed
  /// Its exercise in binary form (core and details), when parsed in this
  /// run: views of LoadState::parsed, which lives until the caches are told.
  std::string_view encoded;
  std::string_view encoded_details;
  util::Box<Overlay> overlay; ///< set when it is a good overlay file (rare: not held in place)
};

/// What load() carries from one phase to the next.
struct LoadState {
  std::vector<VocabularyFile> vocabularies;
  std::vector<PendingExercise> exercises;
  /// The exercise of each good record of `exercises`, same position: read in
  /// place and, in the end, ordered in place into the catalog's, so that
  /// each exercise is held once.
  std::vector<Exercise> read;
  std::vector<std::vector<Diagnostic>> per_file; ///< each file's problems, by file index
  std::vector<util::Box<Diagnostic>>
    read_errors;                       ///< a file that could not be read (rare: boxed), by file index
  std::vector<std::size_t> layer_of;   ///< each file's layer, by file index
  std::vector<Diagnostic> path_errors; ///< problems at no file's place (after the layers' own)
  std::vector<std::optional<CompiledCatalog>> compiled; ///< each compiled layer's, decoded, by layer
  std::deque<SourceFile> compiled_files;                ///< the names of compiled layers' exercise files
  std::size_t compiled_file_count = 0;                  ///< files of compiled layers
  std::vector<util::ByteArena> parsed;                  ///< the exercises parsed, encoded: one arena a thread
};

/// The exercises that stand after every layer: in order of id, each one's
/// id (which points into its record) and the index of its record in
/// LoadState::exercises. A sorted vector: one pair an exercise.
class ExercisesById
{
public:
  using Entry = std::pair<std::string_view, std::size_t>;
  ExercisesById() = default;
  /// Takes `entries`, sorted by id, each id once.
  explicit ExercisesById(std::vector<Entry> entries) : m_entries(std::move(entries)) {}
  /// The index of the record that stands for `id`, or nullptr.
  const std::size_t* find(std::string_view id) const
  {
    const auto it =
      std::lower_bound(m_entries.begin(), m_entries.end(), id,
                       [](const Entry& entry, std::string_view key) { return entry.first < key; });
    return it != m_entries.end() && it->first == id ? &it->second : nullptr;
  }
  bool contains(std::string_view id) const { return find(id) != nullptr; }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }
  void clear() { m_entries = {}; }

private:
  std::vector<Entry> m_entries;
};

/// The text of a listed file that was not read yet, in `out`; false, with the
/// reason in `error`, when it cannot be read.
bool read_text(const SourceFile& file, SourceFile& out, util::Box<Diagnostic>& error);

/// Pass 2: the exercise files, each parsed and read on its own on every
/// core; each file has its own diagnostics and the vocabularies are only
/// read (see exercise_files.cpp).
void read_exercise_files(const std::vector<Layer>& layers, LoadState& state, const Catalog& vocabularies,
                         std::uint64_t key);

/// Tells each layer's cache what this load found: the good exercise files
/// (those taken from the cache, and those parsed that have settled), and how
/// many were taken from it and parsed.
void update_caches(const std::vector<Layer>& layers, LoadState& state, std::uint64_t key);

} // namespace backplan::catalog
