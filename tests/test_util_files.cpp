#include "support.hpp"
#include "util/files.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace backplan;

namespace {

/// Pieces of every length from 0 to 2 999 bytes, more than writev() takes
/// at once (1 024), with empty ones among them, and the bytes they join to.
struct ManyPieces {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  std::string joined;
};

ManyPieces many_pieces()
{
  ManyPieces out;
  for (std::size_t i = 0; i < 3000; ++i) {
    out.texts.push_back(std::string(i % 7 == 0 ? 0 : i, static_cast<char>('a' + i % 26)));
    out.joined += out.texts.back();
  }
  for (const auto& text : out.texts) {
    out.views.push_back(text);
  }
  return out;
}

} // namespace

TEST_SUITE("util::files")
{
  TEST_CASE("a file written in pieces holds them joined, in order, beyond what one writev takes")
  {
    const auto pieces = many_pieces();
    const std::string file = test::temp_dir() + "/pieces";
    util::write_file_atomically(file, pieces.views, false);
    CHECK(util::read_file(file, pieces.joined.size() + 1) == pieces.joined);
  }

  TEST_CASE("pieces written into a pipe, which is written in place, arrive whole and in order")
  {
    const auto pieces = many_pieces();
    REQUIRE(pieces.joined.size() > 1'000'000);
    const std::string fifo = test::temp_dir() + "/fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
      const int fd = ::open(fifo.c_str(), O_RDONLY);
      char buffer[4096];
      for (ssize_t n = 0; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
        received.append(buffer, static_cast<std::size_t>(n));
      }
      ::close(fd);
    });
    util::write_file_atomically(fifo, pieces.views, false);
    reader.join();
    CHECK(received.size() == pieces.joined.size());
    CHECK(received == pieces.joined);
  }
}
