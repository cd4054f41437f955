#include "support.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
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
  TEST_CASE("a file holds data only when its bytes are exactly the data")
  {
    const std::string folder = test::temp_dir();
    const std::string file = folder + "/kept.json";
    // Longer than one read of the comparison, which reads 16 KiB at a time.
    const std::string data = many_pieces().joined.substr(0, 40000);
    CHECK_FALSE(util::file_holds(file, data)); // missing
    util::write_file_atomically(file, data, false);
    CHECK(util::file_holds(file, data));
    std::string changed = data;
    changed[20000] = changed[20000] == 'a' ? 'b' : 'a';
    CHECK_FALSE(util::file_holds(file, changed));
    CHECK_FALSE(util::file_holds(file, data.substr(0, data.size() - 1)));
    CHECK_FALSE(util::file_holds(file, data + "x"));
    util::write_file_atomically(file, "", false);
    CHECK(util::file_holds(file, ""));
    CHECK_FALSE(util::file_holds(file, "x"));
    CHECK_FALSE(util::file_holds(folder, "")); // a folder, not a file
    // A named pipe is no file that holds data, and asking must not wait
    // for something to write into it.
    const std::string pipe = folder + "/pipe.json";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    CHECK_FALSE(util::file_holds(pipe, ""));
  }

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

  TEST_CASE(
    "a file written over another takes its place whole, leaving no other file, and a link to the old one "
    "keeps the old bytes")
  {
    const std::string folder = test::temp_dir();
    const std::string file = folder + "/kept.json";
    const std::string link = folder + "/old.json";
    util::write_file_atomically(file, std::string_view("old"), false);
    REQUIRE(::link(file.c_str(), link.c_str()) == 0);
    util::write_file_atomically(file, std::string_view("new bytes"), false);
    CHECK(util::read_file(file, 100) == "new bytes");
    CHECK(util::read_file(link, 100) == "old");
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"kept.json", "old.json"});
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    CHECK((info.st_mode & 0777) == (0666 & ~mask));
  }
}
