#include "util/permute.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <memory>
#include <numeric>
#include <string>

using namespace backplan;

TEST_SUITE("util::permute")
{
  TEST_CASE("every order of five items puts each where the order says")
  {
    std::vector<std::size_t> order(5);
    std::iota(order.begin(), order.end(), 0);
    do {
      std::vector<std::string> items = {"a", "b", "c", "d", "e"};
      const auto original = items;
      util::permute(items, order);
      for (std::size_t i = 0; i < order.size(); ++i) {
        CHECK(items[i] == original[order[i]]);
      }
    } while (std::next_permutation(order.begin(), order.end()));
  }

  TEST_CASE("items that can only move are moved, none lost")
  {
    std::vector<std::unique_ptr<int>> items;
    for (int i = 0; i < 6; ++i) {
      items.push_back(std::make_unique<int>(i));
    }
    util::permute(items, {5, 3, 4, 1, 2, 0});
    std::vector<int> values;
    for (const auto& item : items) {
      REQUIRE(item != nullptr);
      values.push_back(*item);
    }
    CHECK(values == std::vector<int>{5, 3, 4, 1, 2, 0});
  }
}
