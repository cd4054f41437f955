#include "backplan/plan/request.hpp"
#include "plan/candidates.hpp"
#include "plan/chooser.hpp"
#include "support.hpp"
#include "util/threads.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <doctest/doctest.h>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace backplan;

namespace {

/// The requests the comparisons run: none, one condition, a qualified one,
/// two at once, and a desk.
std::vector<plan::Request> requests()
{
  std::vector<plan::Request> out;
  for (const std::vector<std::string>& conditions :
       {std::vector<std::string>{}, {"knee"}, {"pregnancy"}, {"radiating-leg-pain", "degenerative-back"}}) {
    for (const std::string setting : {"floor", "desk"}) {
      plan::Request request;
      request.minutes = 15;
      request.conditions = conditions;
      request.setting = setting;
      out.push_back(plan::resolved(test::builtin_catalog(), request));
    }
  }
  return out;
}

void check_same(const std::vector<plan::LeftOut>& a, const std::vector<plan::LeftOut>& b)
{
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CAPTURE(a[i].id);
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].reason == b[i].reason);
    CHECK(a[i].detail == b[i].detail);
    CHECK(a[i].conditions == b[i].conditions);
  }
}

constexpr std::size_t one_thread = std::numeric_limits<std::size_t>::max();

} // namespace

TEST_SUITE("plan::parallel")
{
  TEST_CASE("the candidates and the reasons for the rest are the same worked out on one thread or on many")
  {
    // Four exercises a thread: the built-in catalog goes in runs over every
    // core (on a machine with more than one), as a large catalog does.
    const auto& catalog = test::builtin_catalog();
    for (const auto& request : requests()) {
      CAPTURE(request.conditions.size());
      CAPTURE(request.setting);
      std::vector<plan::LeftOut> alone;
      std::vector<plan::LeftOut> split;
      const auto candidates = plan::candidates_for(catalog, request, alone, one_thread);
      const auto in_runs = plan::candidates_for(catalog, request, split, 4);
      REQUIRE(candidates.size() == in_runs.size());
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        CHECK(candidates[i].exercise == in_runs[i].exercise);
      }
      check_same(alone, split);
      CHECK(alone.size() + candidates.size() == catalog.exercises.size());

      plan::Chooser chooser(catalog, request, candidates, request.minutes * 60, {});
      std::vector<std::string> uncovered;
      chooser.run(uncovered);
      const auto all_alone = plan::all_left_out(catalog, candidates, chooser, alone, nullptr, one_thread);
      const auto all_split = plan::all_left_out(catalog, candidates, chooser, alone, nullptr, 4);
      check_same(all_alone, all_split);
      CHECK(all_alone.size() == catalog.exercises.size() - chooser.selection().chosen().size());
    }
  }
}

TEST_SUITE("util::threads")
{
  TEST_CASE("what a run throws on any thread is thrown to the caller once every run has ended")
  {
    for (const std::size_t threads : {1U, 2U, 4U}) {
      CAPTURE(threads);
      std::vector<int> done(100, 0);
      CHECK_THROWS_WITH_AS(util::on_threads(threads, done.size(),
                                            [&](std::size_t, std::size_t begin, std::size_t end) {
                                              for (std::size_t i = begin; i < end; ++i) {
                                                if (i == 77) {
                                                  throw std::runtime_error("item 77");
                                                }
                                                done[i] = 1;
                                              }
                                            }),
                           "item 77", std::runtime_error);
      // Every other run went to its end, and the one that threw to item 77.
      std::size_t run = 0;
      while (100 * (run + 1) / threads <= 77) {
        ++run;
      }
      const std::size_t end = 100 * (run + 1) / threads;
      CHECK(std::count(done.begin(), done.end(), 1) == static_cast<std::ptrdiff_t>(100 - (end - 77)));
    }
  }

  TEST_CASE("runs taken in turn do every item once, each run at most the chunk long")
  {
    for (const std::size_t threads : {1U, 2U, 4U}) {
      for (const std::size_t chunk : {1U, 7U, 64U, 1000U}) {
        CAPTURE(threads);
        CAPTURE(chunk);
        std::vector<std::atomic<int>> done(1000);
        std::vector<std::atomic<int>> by(threads);
        util::on_threads_in_chunks(threads, done.size(), chunk,
                                   [&](std::size_t thread, std::size_t begin, std::size_t end) {
                                     CHECK(end > begin);
                                     CHECK(end - begin <= chunk);
                                     CHECK(begin % chunk == 0);
                                     for (std::size_t i = begin; i < end; ++i) {
                                       ++done[i];
                                     }
                                     by[thread] += static_cast<int>(end - begin);
                                   });
        CHECK(std::all_of(done.begin(), done.end(), [](const auto& d) { return d == 1; }));
        int total = 0;
        for (const auto& items : by) {
          total += items;
        }
        CHECK(total == 1000);
      }
    }
  }

  TEST_CASE("of runs taken in turn, the one of the first items that throws is thrown to the caller")
  {
    for (const std::size_t threads : {1U, 2U, 4U}) {
      CAPTURE(threads);
      std::atomic<int> ran{0};
      std::atomic<bool> later_thrown{false};
      const auto work = [&](std::size_t, std::size_t begin, std::size_t end) {
        ++ran;
        for (std::size_t i = begin; i < end; ++i) {
          if (i == 77) {
            later_thrown = true;
            throw std::runtime_error("item 77");
          }
          if (i == 33) {
            // With other threads, item 77 throws first: the earlier item's
            // failure is still the one thrown.
            const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (threads > 1 && !later_thrown && std::chrono::steady_clock::now() < until) {
              std::this_thread::yield();
            }
            throw std::runtime_error("item 33");
          }
        }
      };
      CHECK_THROWS_WITH_AS(util::on_threads_in_chunks(threads, 100, 10, work), "item 33", std::runtime_error);
      CHECK(later_thrown == (threads > 1));
      if (threads == 1) {
        CHECK(ran == 4); // none after the run that threw
      }
    }
  }
}
