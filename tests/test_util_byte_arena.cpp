#include "util/byte_arena.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace backplan;

TEST_SUITE("util::ByteArena")
{
  TEST_CASE("every view keeps its bytes while later appends fill new blocks")
  {
    util::ByteArena arena(64); // small blocks: many appends cross into a new one
    std::vector<std::string> texts;
    std::vector<std::string_view> views;
    for (int i = 0; i < 200; ++i) {
      texts.push_back(std::string(static_cast<std::size_t>(i % 23 + 1), static_cast<char>('a' + i % 26)) +
                      std::to_string(i));
      views.push_back(arena.append(texts.back()));
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      CHECK(views[i] == texts[i]);
      CHECK(views[i].data() != texts[i].data());
    }
  }

  TEST_CASE("bytes larger than a block get a block of their own")
  {
    util::ByteArena arena(8);
    const std::string small = "abc";
    const std::string large(100, 'x');
    const auto a = arena.append(small);
    const auto b = arena.append(large);
    const auto c = arena.append(small);
    CHECK(a == small);
    CHECK(b == large);
    CHECK(c == small);
  }

  TEST_CASE("nothing appended is an empty view")
  {
    util::ByteArena arena;
    CHECK(arena.append("").empty());
  }
}
