#pragma once

// Work split over the cores: one run of items a thread, so that what each
// thread makes can be joined in the items' order; or runs of a few items
// taken in turn, where the items' costs differ and nothing is joined.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <iterator>
#include <thread>
#include <vector>

namespace backplan::util {

/// How many threads `count` items are worth at `per_thread` items or more
/// each: at least one, at most the cores and eight.
inline std::size_t threads_for(std::size_t count, std::size_t per_thread)
{
  const std::size_t cores = std::max<std::size_t>(std::thread::hardware_concurrency(), 1);
  return std::clamp<std::size_t>(std::min(cores, count / per_thread + 1), 1, 8);
}

namespace detail {

/// What the runs of a split threw: at most one failure a thread, each with
/// the first item of the run that threw it.
class Failures
{
public:
  explicit Failures(std::size_t threads) : m_failed(threads), m_at(threads) {}
  /// Records the exception being handled, thrown by `thread`'s run from
  /// item `first` on.
  void record(std::size_t thread, std::size_t first)
  {
    m_failed[thread] = std::current_exception();
    m_at[thread] = first;
  }
  /// Throws the failure of the run of the first items, if any: the one a
  /// single thread running every run in order would have thrown.
  void rethrow_first() const
  {
    std::size_t first = m_failed.size();
    for (std::size_t t = 0; t < m_failed.size(); ++t) {
      if (m_failed[t] && (first == m_failed.size() || m_at[t] < m_at[first])) {
        first = t;
      }
    }
    if (first != m_failed.size()) {
      std::rethrow_exception(m_failed[first]);
    }
  }

private:
  std::vector<std::exception_ptr> m_failed;
  std::vector<std::size_t> m_at;
};

/// Runs `run(thread)` for each of `threads` threads at once, thread 0 on
/// the calling one; returns once every one has ended.
template<class Run>
void on_each_thread(std::size_t threads, const Run& run)
{
  std::vector<std::jthread> pool;
  for (std::size_t t = 1; t < threads; ++t) {
    pool.emplace_back(run, t);
  }
  run(0);
  // The pool joins its threads as it goes.
}

} // namespace detail

/// Runs `work(thread, begin, end)` on `threads` threads at once, the calling
/// one among them, for `count` items split into one run each: thread t
/// takes the items from `count * t / threads` up to the next thread's. What
/// a run throws is thrown here once every run has ended (the first run's
/// first), as it would be by one thread running them all.
template<class Work>
void on_threads(std::size_t threads, std::size_t count, const Work& work)
{
  const auto begin = [&](std::size_t t) { return count * t / threads; };
  detail::Failures failures(threads);
  detail::on_each_thread(threads, [&](std::size_t t) {
    try {
      work(t, begin(t), begin(t + 1));
    } catch (...) {
      failures.record(t, begin(t));
    }
  });
  failures.rethrow_first();
}

/// Runs `work(thread, begin, end)` on `threads` threads at once, the calling
/// one among them, for `count` items split into runs of `chunk` items: each
/// thread takes the next run not taken until none is left, so that a thread
/// whose items cost less does not wait for the others at the end. What a
/// run throws is thrown here once every run taken has ended (the one of
/// the first items among them), as it would be by one thread running them
/// all; no run is taken after one has thrown.
template<class Work>
void on_threads_in_chunks(std::size_t threads, std::size_t count, std::size_t chunk, const Work& work)
{
  chunk = std::max<std::size_t>(chunk, 1);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  detail::Failures failures(threads);
  detail::on_each_thread(threads, [&](std::size_t t) {
    while (!stop.load(std::memory_order_relaxed)) {
      const std::size_t begin = next.fetch_add(chunk, std::memory_order_relaxed);
      if (begin >= count) {
        return;
      }
      try {
        work(t, begin, std::min(count, begin + chunk));
      } catch (...) {
        failures.record(t, begin);
        stop = true;
        return;
      }
    }
  });
  failures.rethrow_first();
}

/// Moves what each run found (`runs`, one vector a run, as on_threads's
/// runs filled them) to the end of `out`, run after run: the items in the
/// order one thread would have found them.
template<class T>
void append_runs(std::vector<T>& out, std::vector<std::vector<T>>& runs)
{
  if (out.empty() && !runs.empty()) {
    out = std::move(runs.front()); // the first run's storage, not a copy
    runs.front().clear();
  }
  for (auto& run : runs) {
    out.insert(out.end(), std::make_move_iterator(run.begin()), std::make_move_iterator(run.end()));
    run.clear();
  }
}

} // namespace backplan::util
