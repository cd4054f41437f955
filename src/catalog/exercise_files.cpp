#include "catalog/load_state.hpp"

#include "util/files.hpp"
#include "util/threads.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>

namespace backplan::catalog {

bool read_text(const SourceFile& file, SourceFile& out, util::Box<Diagnostic>& error)
{
  try {
    out.name = file.name;
    out.text = util::read_file(file.name, max_file_bytes);
    return true;
  } catch (const std::exception& e) {
    error = Diagnostic{Location{file.name, 0, 0}, e.what()};
    return false;
  }
}

namespace {

/// One exercise file of pass 2: from `cache` when it holds the file
/// unchanged (likely at its entry `hint`), else read and parsed, its
/// exercise kept encoded in `parsed`.
void read_one_exercise_file(LayerCache* cache, bool unread, PendingExercise& pending, Exercise& exercise,
                            LoadState& state, const Catalog& vocabularies, std::uint64_t key,
                            util::ByteArena& parsed, std::size_t hint)
{
  const SourceFile& file = *pending.file;
  const bool cacheable = cache != nullptr && pending.listed != nullptr && pending.listed->stamps;
  if (cacheable) {
    pending.cached = cache->find(pending.listed->relative, *pending.listed->stamps, key, hint);
    if (pending.cached != LayerCache::npos) {
      try {
        exercise = decode_exercise_in_place(cache->entry(pending.cached).data, pending.name,
                                            cache->details(pending.cached));
        pending.good = true;
        return;
      } catch (const std::exception&) {
        // An entry that does not decode is parsed like a changed file.
        pending.cached = LayerCache::npos;
      }
    }
  }
  SourceFile read;
  if (unread && !read_text(file, read, state.read_errors[pending.index])) {
    pending.unreadable = true;
    return;
  }
  ExerciseFile result = read_exercise_file(unread ? read : file, vocabularies);
  if (result.overlay) {
    pending.overlay = std::move(result.overlay);
  } else if (result.exercise) {
    const auto encoded = encode_exercise(*result.exercise);
    pending.encoded = parsed.append(encoded.core);
    pending.encoded_details = parsed.append(encoded.details);
    pending.good = true;
  } else {
    pending.references = std::move(result.references);
    state.per_file[pending.index] = std::move(result.diagnostics);
  }
}

/// Gives back the pages of a cache file a thread has decoded the exercises
/// of, as it goes: a warm run over a large catalog never holds the file's
/// entries in memory beside the exercises made of them. Dropping a page is
/// always safe, as the file is mapped read-only and replaced only by a
/// rename: a text read later, or an entry of another thread, reads it
/// again.
class DecodedPages
{
public:
  DecodedPages() = default;
  DecodedPages(const DecodedPages&) = delete;
  DecodedPages& operator=(const DecodedPages&) = delete;
  ~DecodedPages() { release(); }

  /// Records that the entry `data` of the cache file `mapped` has been
  /// decoded: the run passed so far is given back once it is 256 KiB long,
  /// or when the entry lies elsewhere (another cache, or an entry out of
  /// order).
  void passed(std::string_view data, std::string_view mapped)
  {
    const auto at = reinterpret_cast<std::uintptr_t>(data.data());
    if (m_from == 0 || at < m_from || at - m_from > release_bytes || mapped.data() != m_mapped.data()) {
      release();
      m_from = at;
      m_mapped = mapped;
    }
    m_to = std::max(m_to, at + data.size());
  }

private:
  static constexpr std::uintptr_t release_bytes = std::uintptr_t{256} << 10;

  /// Gives back the blocks of the file (util::write_block_bytes: a read
  /// maps a whole one) that the run touched, the two at its ends whole (the
  /// mapping starts on a block's start; its last page, if the file ends
  /// within it, stays). The other threads decode the runs around it: when
  /// one of them reads a block shared with this run after this release, it
  /// maps the block again, and its own release gives it back.
  void release()
  {
    if (m_from != 0 && m_to > m_from && !m_mapped.empty()) {
      const auto base = reinterpret_cast<std::uintptr_t>(m_mapped.data());
      const auto block = std::uintptr_t{util::write_block_bytes};
      const auto from = base + (m_from - base) / block * block;
      const auto to = std::min(base + (m_to - base + block - 1) / block * block, base + m_mapped.size());
      util::release_mapped({reinterpret_cast<const char*>(from), to - from});
    }
    m_to = 0;
  }
  std::string_view m_mapped; ///< the file the run lies in
  std::uintptr_t m_from = 0;
  std::uintptr_t m_to = 0;
};

/// How many files a thread takes at a time. Files cost unlike amounts to
/// parse (one of the two halves of real 100 000 took its thread 3.3 s
/// longer than the other when each thread had a half), so the threads take
/// runs in turn; a run is long enough that its cache entries still lie
/// together.
constexpr std::size_t files_a_chunk = 64;

} // namespace

/// Pass 2: the exercise files, each parsed and read on its own (so that no
/// more than one YAML tree per thread is alive) on every core; each file has
/// its own diagnostics and the vocabularies are only read.
///
/// A thread keeps of a good file it parsed only the exercise's binary form,
/// in its own arena (LoadState::parsed), and the exercises are decoded once
/// every file is parsed. Its heap then holds only the short-lived YAML trees,
/// whose free space the next file's tree reuses. Kept objects made between
/// the trees would scatter that free space over the whole heap: at 100 000
/// files, malloc then spent a sixth of the run searching it.
void read_exercise_files(const std::vector<Layer>& layers, LoadState& state, const Catalog& vocabularies,
                         std::uint64_t key)
{
  const std::size_t threads = util::threads_for(state.exercises.size(), 256);
  state.parsed.resize(threads);
  const std::size_t count = state.exercises.size();
  // Where each layer's files start: a file's cache entry is likely at its
  // place among them, so a run that starts after others seldom searches.
  std::vector<std::size_t> first(layers.size(), count);
  for (std::size_t i = count; i-- > 0;) {
    first[state.exercises[i].layer] = i;
  }
  const auto read_run = [&](std::size_t thread, std::size_t begin, std::size_t end) {
    DecodedPages pages;
    std::size_t next = LayerCache::npos; // the entry after the last one found
    for (std::size_t i = begin; i < end; ++i) {
      PendingExercise& pending = state.exercises[i];
      if (!pending.ready) {
        const Layer& layer = layers[pending.layer];
        if (next == LayerCache::npos) {
          next = i - first[pending.layer];
        }
        read_one_exercise_file(layer.cache.get(), layer.unread, pending, state.read[i], state, vocabularies,
                               key, state.parsed[thread], next);
        if (pending.cached != LayerCache::npos) {
          pages.passed(layer.cache->entry(pending.cached).data, layer.cache->mapped());
        }
        next = pending.cached != LayerCache::npos ? pending.cached + 1 : LayerCache::npos;
      }
    }
  };
  const auto decode_run = [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      PendingExercise& pending = state.exercises[i];
      if (!pending.encoded.empty()) {
        // Decoded whole: the arena's bytes do not outlive the load.
        state.read[i] = decode_exercise(pending.encoded, pending.name, {});
        state.read[i].edit_details() = decode_details(pending.encoded_details);
      }
    }
  };
  util::on_threads_in_chunks(threads, count, files_a_chunk, read_run);
  util::on_threads_in_chunks(threads, count, files_a_chunk, decode_run);
}

void update_caches(const std::vector<Layer>& layers, LoadState& state, std::uint64_t key)
{
  for (std::size_t l = 0; l < layers.size(); ++l) {
    if (!layers[l].cache) {
      continue;
    }
    // The layer's good files that may be cached, each given to `take`, and
    // how many files were read from the cache and parsed.
    std::size_t hits = 0;
    std::size_t parsed = 0;
    const auto each_kept = [&](const auto& take) {
      hits = parsed = 0;
      for (const PendingExercise& pending : state.exercises) {
        if (pending.layer != l || pending.unreadable) {
          continue;
        }
        const bool hit = pending.cached != LayerCache::npos;
        ++(hit ? hits : parsed);
        const bool good = state.per_file[pending.index].empty() && pending.good &&
                          pending.listed != nullptr && pending.listed->stamps;
        if (good &&
            (hit || cache::settled(*pending.listed->stamps, layers[l].listed_ns, layers[l].settle_ns))) {
          take(pending, hit);
        }
      }
    };
    std::size_t count = 0;
    bool all_old = true;
    each_kept([&](const PendingExercise&, bool hit) {
      ++count;
      all_old = all_old && hit;
    });
    if (!layers[l].cache->update(key, count, all_old, hits, parsed)) {
      continue; // the file holds these entries already: none listed again
    }
    std::vector<LayerCache::Kept> kept;
    kept.reserve(count);
    each_kept([&](const PendingExercise& pending, bool hit) {
      const auto* entry = hit ? &layers[l].cache->entry(pending.cached) : nullptr;
      kept.push_back({pending.listed->relative, *pending.listed->stamps, pending.cached,
                      hit ? entry->data : pending.encoded, hit ? entry->details : pending.encoded_details});
    });
    layers[l].cache->keep(kept);
  }
}

} // namespace backplan::catalog
