#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace backplan::util {

/// Reorders `items` in place so that position i holds what position
/// `order[i]` held, moving each item once (one cycle at a time) and never
/// holding two copies. `order` must be a permutation of 0..items.size()-1.
template<class T>
void permute(std::vector<T>& items, const std::vector<std::size_t>& order)
{
  std::vector<bool> done(items.size(), false);
  for (std::size_t start = 0; start < items.size(); ++start) {
    if (done[start] || order[start] == start) {
      continue;
    }
    T held = std::move(items[start]);
    std::size_t at = start;
    while (order[at] != start) {
      items[at] = std::move(items[order[at]]);
      done[at] = true;
      at = order[at];
    }
    items[at] = std::move(held);
    done[at] = true;
  }
}

} // namespace backplan::util
