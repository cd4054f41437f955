#include "catalog/loader.hpp"

#include "catalog/document.hpp"
#include "catalog/exercises.hpp"
#include "catalog/keys.hpp"
#include "catalog/vocabularies.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>
#include <thread>

namespace backplan::catalog {

namespace {

/// A parsed vocabulary file waiting for pass 1.
struct VocabularyFile {
  std::size_t layer = 0;
  std::size_t index = 0;  ///< order of the file among all files
  std::string name;
  YAML::Node root;
  const VocabularySpec* spec = nullptr;
};

/// An exercise file waiting for pass 2, and what reading it gave.
struct PendingExercise {
  std::size_t layer = 0;
  std::size_t index = 0;  ///< order of the file among all files
  const SourceFile* file = nullptr;
  ExerciseFile read;
};

/// What load() carries from one phase to the next.
struct LoadState {
  std::vector<VocabularyFile> vocabularies;
  std::vector<PendingExercise> exercises;
  std::vector<std::vector<Diagnostic>> per_file;  ///< each file's problems, by file index
  std::vector<Diagnostic> path_errors;            ///< paths that could not be read
};

/// The exercises that stand after every layer, by id, each with its file index.
using ExercisesById = std::map<std::string, std::pair<std::size_t, Exercise>>;

/// Sorts the files of every layer into vocabulary files, parsed at once,
/// and exercise files, read in pass 2; returns how many files there are.
std::size_t gather_files(const std::vector<Layer>& layers, LoadState& state)
{
  std::size_t count = 0;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    state.path_errors.insert(state.path_errors.end(), layers[l].errors.begin(), layers[l].errors.end());
    for (const auto& file : layers[l].files) {
      state.per_file.emplace_back();
      ++count;
      const std::size_t index = state.per_file.size() - 1;
      const VocabularySpec* spec = vocabulary_for(file.name);
      if (spec == nullptr) {
        state.exercises.push_back({l, index, &file, {}});
      } else if (auto root = parse_document(file, state.per_file.back())) {
        state.vocabularies.push_back({l, index, file.name, *root, spec});
      }
    }
  }
  return count;
}

/// Pass 1: the vocabularies, layer by layer, so that exercises can refer to
/// any term; then the condition aliases and the references between
/// vocabularies.
void read_vocabularies(std::size_t layer_count, LoadState& state, Catalog& catalog)
{
  std::vector<TermReference> references;
  for (std::size_t l = 0; l < layer_count; ++l) {
    std::map<std::string, Location> seen;
    for (const auto& file : state.vocabularies) {
      if (file.layer == l) {
        auto& diagnostics = state.per_file[file.index];
        FileReader reader(file.name, diagnostics);
        read_vocabulary(file.root, *file.spec, reader, catalog, seen, diagnostics, references);
      }
    }
  }
  check_aliases(catalog.conditions, [&](const Location& where, std::string message) {
    const auto file = std::find_if(state.vocabularies.begin(), state.vocabularies.end(),
                                   [&](const VocabularyFile& f) { return f.name == where.file; });
    auto& diagnostics = file != state.vocabularies.end() ? state.per_file[file->index] : state.path_errors;
    diagnostics.push_back({where, std::move(message)});
  });
  for (const auto& reference : references) {
    FileReader reader(reference.where.file, *reference.out);
    check_reference(reader, catalog.*reference.vocabulary, reference.noun, reference.id,
                    reference.where);
  }
}

/// Pass 2: the exercise files, each parsed and read on its own (so that no
/// more than one YAML tree per thread is alive) on every core; each file has
/// its own diagnostics and the vocabularies are only read.
void read_exercise_files(LoadState& state, const Catalog& vocabularies)
{
  const auto read_files = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < state.exercises.size(); i += step) {
      PendingExercise& pending = state.exercises[i];
      pending.read = read_exercise_file(*pending.file, vocabularies);
      state.per_file[pending.index] = pending.read.diagnostics;
    }
  };
  const std::size_t threads = std::clamp<std::size_t>(
    std::min<std::size_t>(std::thread::hardware_concurrency(), state.exercises.size() / 256 + 1), 1, 8);
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back(read_files, t, threads);
  }
  read_files(0, threads);
}

/// An id repeated within a layer is an error; a later layer's id replaces
/// the earlier one, with a note. Returns the good exercises that stand.
ExercisesById merge_layers(std::size_t layer_count, LoadState& state, std::vector<std::string>& notes)
{
  ExercisesById by_id;
  for (std::size_t l = 0; l < layer_count; ++l) {
    std::map<std::string, Location> seen;
    for (auto& pending : state.exercises) {
      auto& exercise = pending.read.exercise;
      if (pending.layer != l || !exercise) {
        continue;
      }
      if (const auto previous = seen.find(exercise->id); previous != seen.end()) {
        state.per_file[pending.index].push_back(
          {exercise->where, fmt::format("duplicate exercise id '{}' (also defined at {})", exercise->id,
                                        previous->second.str())});
        continue;
      }
      seen[exercise->id] = exercise->where;
      if (const auto replaced = by_id.find(exercise->id); replaced != by_id.end()) {
        notes.push_back(fmt::format("exercise '{}' from {} replaces the one from {}", exercise->id,
                                    exercise->where.file, replaced->second.second.where.file));
      }
      const std::string id = exercise->id;
      by_id[id] = {pending.index, std::move(*exercise)};
    }
  }
  return by_id;
}

/// An exercise one exercise file names, and what to say if it names itself.
struct NamedExercise {
  std::string id;
  Location where;
  const char* self_message;
};

/// Every exercise a file names: its easier and harder versions and the
/// exercise it progresses.
std::vector<NamedExercise> named_exercises(const ExerciseReferences& exercise)
{
  std::vector<NamedExercise> named;
  for (const auto* variant : {&exercise.easier, &exercise.harder}) {
    if (*variant && !(*variant)->exercise.empty()) {
      named.push_back({(*variant)->exercise, (*variant)->where,
                       "exercise '{}' cannot be its own easier or harder version"});
    }
  }
  if (!exercise.progression_of.empty()) {
    named.push_back({exercise.progression_of, exercise.progression_where,
                     "exercise '{}' cannot be a progression of itself"});
  }
  return named;
}

/// Checks the exercises every exercise file names (easier, harder,
/// progression_of), faulty file or not, against the ids of every exercise
/// file, so that an unknown id is reported in the same run as the file's
/// other faults.
void check_exercise_references(LoadState& state)
{
  std::set<std::string> known;
  for (const auto& pending : state.exercises) {
    if (!pending.read.references.id.empty()) {
      known.insert(pending.read.references.id);
    }
  }
  const std::vector<std::string> ids(known.begin(), known.end());
  for (const auto& pending : state.exercises) {
    const ExerciseReferences& exercise = pending.read.references;
    auto& diagnostics = state.per_file[pending.index];
    for (const auto& name : named_exercises(exercise)) {
      if (!known.contains(name.id)) {
        diagnostics.push_back(
          {name.where, fmt::format("unknown exercise '{}'{}", name.id, util::did_you_mean_suffix(name.id, ids))});
      } else if (name.id == exercise.id) {
        diagnostics.push_back({name.where, fmt::format(fmt::runtime(name.self_message), exercise.id)});
      }
    }
  }
}

/// The last phase: the exercises of files without a problem join the
/// catalog (sorted by id), and the diagnostics are listed path errors
/// first, then file by file, each file's in order of position.
void finish(LoadState& state, ExercisesById& by_id, LoadResult& result)
{
  for (auto& [id, entry] : by_id) {
    auto& [index, exercise] = entry;
    if (state.per_file[index].empty()) {
      result.catalog.exercises.push_back(std::move(exercise));
    }
  }
  result.errors = std::move(state.path_errors);
  for (auto& diagnostics : state.per_file) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    result.errors.insert(result.errors.end(), diagnostics.begin(), diagnostics.end());
  }
}

} // namespace

LoadResult load(const std::vector<Layer>& layers)
{
  LoadResult result;
  LoadState state;
  result.file_count = gather_files(layers, state);
  read_vocabularies(layers.size(), state, result.catalog);
  read_exercise_files(state, result.catalog);
  ExercisesById by_id = merge_layers(layers.size(), state, result.notes);
  check_exercise_references(state);
  finish(state, by_id, result);
  return result;
}

} // namespace backplan::catalog
