#include "backplan/plan/request.hpp"
#include "plan/candidates.hpp"
#include "plan/chooser.hpp"
#include "support.hpp"
#include "util/threads.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <limits>
#include <stdexcept>
#include <string>
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
}
