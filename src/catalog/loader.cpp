#include "catalog/loader.hpp"

#include "catalog/condition_checks.hpp"
#include "catalog/document.hpp"
#include "catalog/exercises.hpp"
#include "catalog/keys.hpp"
#include "catalog/load_state.hpp"
#include "catalog/vocabularies.hpp"
#include "util/permute.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <string_view>
#include <unordered_set>

namespace backplan::catalog {

namespace {

/// A new exercise file waiting for pass 2.
PendingExercise pending_file(std::size_t layer, std::size_t index, const SourceFile* file,
                             const ListedFile* listed)
{
  PendingExercise pending;
  // Layers are a few, and files at most max_files a path.
  pending.layer = static_cast<std::uint32_t>(layer);
  pending.index = static_cast<std::uint32_t>(index);
  pending.file = file;
  pending.listed = listed;
  return pending;
}

/// Adds a new file slot of layer `layer` to `state`; returns its index.
std::size_t add_file(LoadState& state, std::size_t layer)
{
  state.per_file.emplace_back();
  state.read_errors.emplace_back();
  state.layer_of.push_back(layer);
  return state.per_file.size() - 1;
}

/// The exercises of a compiled layer, ready as they are, moved into
/// `state`; the layer's vocabularies stay in `compiled`.
void gather_compiled(CompiledCatalog& compiled, std::size_t layer, LoadState& state)
{
  state.compiled_file_count += compiled.file_count;
  for (auto& exercise : compiled.catalog.exercises) {
    const std::size_t index = add_file(state, layer);
    state.compiled_files.push_back({std::string(exercise.where.file.view()), ""});
    PendingExercise pending = pending_file(layer, index, &state.compiled_files.back(), nullptr);
    pending.ready = true;
    pending.good = true;
    state.exercises.push_back(std::move(pending));
    state.read.push_back(std::move(exercise));
  }
  compiled.catalog.exercises.clear();
}

/// Sorts the files of every layer into vocabulary files, parsed at once,
/// and exercise files, read in pass 2; returns how many files there are.
void gather_files(const std::vector<Layer>& layers, LoadState& state)
{
  std::size_t files = 0;
  state.compiled.resize(layers.size());
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (!layers[l].compiled.empty()) {
      state.compiled[l] = decode_catalog(layers[l].compiled);
      files += state.compiled[l]->catalog.exercises.size();
    }
    files += layers[l].files.size();
  }
  state.exercises.reserve(files); // no regrowth: exercises are large
  state.read.reserve(files);
  state.per_file.reserve(files); // a slot a file (add_file)
  state.read_errors.reserve(files);
  state.layer_of.reserve(files);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (state.compiled[l]) {
      gather_compiled(*state.compiled[l], l, state);
    }
    const Layer& layer = layers[l];
    for (std::size_t f = 0; f < layer.files.size(); ++f) {
      const SourceFile& file = layer.files[f];
      const std::size_t index = add_file(state, l);
      const VocabularySpec* spec = vocabulary_for(file.name);
      if (spec == nullptr) {
        const ListedFile* listed = f < layer.listed.size() ? &layer.listed[f] : nullptr;
        state.exercises.push_back(pending_file(l, index, &file, listed));
        // Made here, once, so that the threads of pass 2 add nothing
        // lasting to their heaps for it (see read_exercise_files).
        state.exercises.back().name = FileName(file.name);
        state.read.emplace_back();
        continue;
      }
      SourceFile read;
      if (layer.unread && !read_text(file, read, state.read_errors[index])) {
        continue;
      }
      if (auto root = parse_document(layer.unread ? read : file, state.per_file[index])) {
        state.vocabularies.push_back({l, index, file.name, *root, spec});
      }
    }
  }
}

/// The terms of a compiled catalog's vocabularies moved into `catalog`'s,
/// as reading its vocabulary files would join them: a term replaces the one
/// with its id, or comes last.
void merge_compiled_terms(Catalog& compiled, Catalog& catalog)
{
  for (const auto& spec : vocabulary_specs) {
    Vocabulary& vocabulary = catalog.*spec.member;
    for (auto& term : (compiled.*spec.member).terms) {
      if (const int at = vocabulary.index_of(term.id); at >= 0) {
        vocabulary.terms[static_cast<std::size_t>(at)] = std::move(term);
      } else {
        vocabulary.terms.push_back(std::move(term));
      }
    }
  }
}

/// Pass 1: the vocabularies, layer by layer, so that exercises can refer to
/// any term; then the condition aliases and the references between
/// vocabularies.
void read_vocabularies(const std::vector<Layer>& layers, LoadState& state, Catalog& catalog)
{
  std::vector<TermReference> references;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (state.compiled[l]) {
      merge_compiled_terms(state.compiled[l]->catalog, catalog);
    }
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
    FileReader reader(std::string(reference.where.file.view()), *reference.out);
    check_reference(reader, catalog.*reference.vocabulary, reference.noun, reference.id, reference.where);
  }
}

/// An id repeated within a layer is an error; a later layer's id replaces
/// the earlier one, with a note. Returns the good exercises that stand.
ExercisesById merge_layers(LoadState& state, std::vector<std::string>& notes)
{
  // Every good exercise by id, in the order of the files (layer by layer)
  // within an id: the first stands, until one of a later layer replaces it.
  std::vector<ExercisesById::Entry> all;
  all.reserve(state.read.size());
  for (std::size_t p = 0; p < state.exercises.size(); ++p) {
    if (state.exercises[p].good) {
      all.emplace_back(state.read[p].id, p);
    }
  }
  const auto file_order = [&](std::size_t p) { return std::pair(state.exercises[p].layer, p); };
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : file_order(a.second) < file_order(b.second);
  });
  std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::string>> replaced; // in file order, below
  std::size_t kept = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::size_t p = all[i].second;
    const Exercise& exercise = state.read[p];
    if (kept == 0 || all[kept - 1].first != all[i].first) {
      all[kept++] = all[i];
      continue;
    }
    const std::size_t standing = all[kept - 1].second;
    const Exercise& earlier = state.read[standing];
    if (state.exercises[standing].layer == state.exercises[p].layer) {
      // The one standing is this layer's first with the id.
      state.per_file[state.exercises[p].index].push_back(
        {exercise.where,
         fmt::format("duplicate exercise id '{}' (also defined at {})", exercise.id, earlier.where.str())});
      continue;
    }
    replaced.emplace_back(file_order(p),
                          fmt::format("exercise '{}' from {} replaces the one from {}", exercise.id,
                                      exercise.where.file.view(), earlier.where.file.view()));
    all[kept - 1].second = p;
  }
  all.resize(kept);
  std::sort(replaced.begin(), replaced.end());
  for (auto& [unused, note] : replaced) {
    notes.push_back(std::move(note));
  }
  return ExercisesById(std::move(all));
}

/// Checks the exercises every exercise file names (easier, harder,
/// progression_of), faulty file or not, against the ids of every exercise
/// file, so that an unknown id is reported in the same run as the file's
/// other faults. The good files' ids are those of `by_id`.
void check_exercise_references(LoadState& state, const ExercisesById& by_id)
{
  std::unordered_set<std::string_view> faulty; // the ids of the faulty files, into state.exercises
  for (const auto& pending : state.exercises) {
    if (!pending.good && pending.references && !pending.references->id.empty()) {
      faulty.insert(pending.references->id);
    }
  }
  const auto known = [&](std::string_view id) { return by_id.contains(id) || faulty.contains(id); };
  std::vector<std::string> ids; // in order, each once, for a did-you-mean: made once one is needed
  const auto all_ids = [&] {
    for (const auto& [id, unused] : by_id) {
      ids.emplace_back(id);
    }
    ids.insert(ids.end(), faulty.begin(), faulty.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  };
  ExerciseReferences of_exercise;
  for (std::size_t p = 0; p < state.exercises.size(); ++p) {
    const auto& pending = state.exercises[p];
    if (!pending.good && !pending.references) {
      continue; // names nothing: unreadable, or an overlay
    }
    if (pending.good) {
      of_exercise = references_of(state.read[p]);
    }
    const ExerciseReferences& exercise = pending.good ? of_exercise : *pending.references;
    auto& diagnostics = state.per_file[pending.index];
    for (const auto& name : exercise.named) {
      if (!known(name.id)) {
        if (ids.empty()) {
          all_ids();
        }
        diagnostics.push_back({name.where, fmt::format("unknown exercise '{}'{}", name.id,
                                                       util::did_you_mean_suffix(name.id, ids))});
      } else if (name.id == exercise.id) {
        diagnostics.push_back({name.where, fmt::format(fmt::runtime(name.self_message), exercise.id)});
      }
    }
  }
}

/// The problems at no file's position, in the order of the layers: each
/// layer's own (paths that could not be listed), then its files that could
/// not be read, in file order; then those found later (path_errors).
std::vector<Diagnostic> path_errors(const std::vector<Layer>& layers, LoadState& state)
{
  std::vector<Diagnostic> out;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    out.insert(out.end(), layers[l].errors.begin(), layers[l].errors.end());
    for (std::size_t i = 0; i < state.read_errors.size(); ++i) {
      if (state.layer_of[i] == l && state.read_errors[i]) {
        out.push_back(std::move(*state.read_errors[i]));
      }
    }
  }
  out.insert(out.end(), state.path_errors.begin(), state.path_errors.end());
  return out;
}

/// The last phase: the exercises of files without a problem join the
/// catalog (sorted by id), and the diagnostics are listed path errors
/// first, then file by file, each file's in order of position.
void finish(const std::vector<Layer>& layers, LoadState& state, ExercisesById& by_id, LoadResult& result)
{
  // The exercises that stand, in order of id, then the others: the read
  // exercises are put in that order in place and become the catalog's.
  std::vector<std::size_t> order;
  order.reserve(state.read.size());
  for (const auto& [unused, p] : by_id) {
    if (state.per_file[state.exercises[p].index].empty()) {
      order.push_back(p);
    }
  }
  const std::size_t standing = order.size();
  std::vector<bool> placed(state.read.size(), false);
  for (const std::size_t p : order) {
    placed[p] = true;
  }
  for (std::size_t p = 0; p < state.read.size(); ++p) {
    if (!placed[p]) {
      order.push_back(p);
    }
  }
  by_id.clear();
  util::permute(state.read, order);
  state.read.resize(standing);
  result.catalog.exercises = std::move(state.read);
  state.exercises = {};
  result.errors = path_errors(layers, state);
  for (auto& diagnostics : state.per_file) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    result.errors.insert(result.errors.end(), diagnostics.begin(), diagnostics.end());
  }
}

/// Adds each overlay's rules to the exercise it names, which must stand
/// from an earlier layer and have no rule of its own for the conditions the
/// overlay adds rules for.
void apply_overlays(LoadState& state, ExercisesById& by_id)
{
  for (auto& pending : state.exercises) {
    if (!pending.overlay) {
      continue;
    }
    const Overlay& overlay = *pending.overlay;
    auto& diagnostics = state.per_file[pending.index];
    const std::size_t* standing = by_id.find(overlay.id);
    if (standing == nullptr || state.exercises[*standing].layer >= pending.layer) {
      diagnostics.push_back(
        {overlay.where, fmt::format("overlay of unknown exercise '{}': an overlay adds rules to an exercise "
                                    "of an earlier catalog (the built-in one, or an earlier --catalog)",
                                    overlay.id)});
      continue;
    }
    Exercise& exercise = state.read[*standing];
    bool ok = true;
    for (const auto& rule : overlay.contraindications) {
      const auto own = std::find_if(exercise.contraindications.begin(), exercise.contraindications.end(),
                                    [&](const Contraindication& r) { return r.condition == rule.condition; });
      if (own != exercise.contraindications.end()) {
        diagnostics.push_back(
          {overlay.where, fmt::format("exercise '{}' already has a rule for '{}'; an overlay "
                                      "adds rules only for conditions it has none for",
                                      overlay.id, rule.condition)});
        ok = false;
      }
    }
    if (ok) {
      exercise.contraindications.insert(exercise.contraindications.end(), overlay.contraindications.begin(),
                                        overlay.contraindications.end());
    }
  }
}

} // namespace

LoadResult load(const std::vector<Layer>& layers)
{
  LoadResult result;
  if (layers.size() == 1 && !layers[0].compiled.empty()) {
    // A compiled catalog alone: the loader validated it when it was
    // compiled, and the phases below would give it back as it is.
    CompiledCatalog compiled = decode_catalog(layers[0].compiled);
    result.catalog = std::move(compiled.catalog);
    result.file_count = compiled.file_count;
    return result;
  }
  LoadState state;
  gather_files(layers, state);
  read_vocabularies(layers, state, result.catalog);
  const bool cached =
    std::any_of(layers.begin(), layers.end(), [](const Layer& l) { return l.cache != nullptr; });
  const std::uint64_t key = cached ? vocabulary_fingerprint(result.catalog) : 0;
  read_exercise_files(layers, state, result.catalog, key);
  ExercisesById by_id = merge_layers(state, result.notes);
  apply_overlays(state, by_id);
  check_exercise_references(state, by_id);
  update_caches(layers, state, key);
  result.file_count =
    state.compiled_file_count +
    static_cast<std::size_t>(std::count_if(state.read_errors.begin(), state.read_errors.end(),
                                           [](const auto& e) { return !e.has_value(); })) -
    state.compiled_files.size();
  finish(layers, state, by_id, result);
  check_condition_references(result.catalog, result.errors);
  return result;
}

} // namespace backplan::catalog
