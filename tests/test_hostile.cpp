// Hostile inputs: each ends in a correct load or one clear error with the
// documented exit status, in bounded time and memory, never in a crash.
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace backplan;
using test::run_backplan;

namespace {

constexpr int time_limit = 120;            ///< seconds; a hang is killed and fails
constexpr long memory_limit = 1500 * 1024; ///< KiB of peak memory, sanitizers included

void write(const std::string& path, const std::string& text)
{
  std::ofstream(path, std::ios::binary) << text;
}

/// A valid exercise file with `id` and `summary`.
std::string exercise(const std::string& id, const std::string& summary = "A summary.")
{
  return "id: " + id + "\nname: Hostile " + id + "\nsummary: " + summary +
         "\nposition: standing\nregions: [neck]\ngoals: [mobility]\nkind: mobility\nlevel: gentle\n"
         "per_side: false\ndosage: {rep_seconds: 3, reps: [5, 10], sets: 1, rest_between_reps: 2}\n"
         "steps: [Move gently.]\nsources: [sutter]\n";
}

/// Runs `check PATH` and asserts the status, bounded time and memory.
test::RunResult check(const std::string& path, int status)
{
  const auto r = run_backplan({"check", path}, {}, "", time_limit);
  CHECK(r.status == status);
  CHECK(r.max_rss_kb < memory_limit);
  if (status != 0) {
    CHECK(r.out.empty());
    CHECK_FALSE(r.err.empty());
    CHECK(r.err.find("error: ") != std::string::npos);
  }
  return r;
}

} // namespace

TEST_SUITE("hostile")
{
  TEST_CASE("an alias bomb is not expanded")
  {
    const std::string dir = test::temp_dir();
    std::string bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      const char p = static_cast<char>(c - 1);
      bomb += std::string(1, c) + ": &" + c + " [*" + p + ", *" + p + ", *" + p + ", *" + p + ", *" + p +
              ", *" + p + ", *" + p + ", *" + p + ", *" + p + "]\n";
    }
    write(dir + "/bomb.yaml", bomb + "id: bomb\nsteps: *j\n");
    const auto r = check(dir + "/bomb.yaml", 3);
    CHECK(r.err.find(dir + "/bomb.yaml:1:1: error: unknown key 'a' in an exercise\n") == 0);
    write(dir + "/profile.yaml", bomb);
    const auto profile = run_backplan({"--profile", dir + "/profile.yaml", "profile"}, {}, "", time_limit);
    CHECK(profile.status == 3);
  }

  TEST_CASE("a 100 MB file is refused without being read")
  {
    const std::string dir = test::temp_dir();
    const std::string path = dir + "/huge.yaml";
    {
      std::ofstream out(path, std::ios::binary);
      const std::string line = "# " + std::string(1022, 'x') + "\n";
      for (int i = 0; i < 100 * 1024; ++i) {
        out << line;
      }
    }
    const auto r = check(path, 3);
    CHECK(r.err == path + ": error: file is larger than the limit of 1048576 bytes\n");
    CHECK(r.max_rss_kb < 200 * 1024);
  }

  TEST_CASE("nesting 10 000 levels deep is refused where it gets too deep")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/flow.yaml", "id: deep\nsteps: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
    const auto flow = check(dir + "/flow.yaml", 3);
    CHECK(flow.err == dir + "/flow.yaml:2:72: error: nesting deeper than 64 levels\n");
    std::string block = "id: deep\n";
    for (int i = 0; i < 10000; ++i) {
      block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    }
    write(dir + "/block.yaml", block);
    check(dir + "/block.yaml", 3);
  }

  TEST_CASE("a 1 MB scalar loads")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/big.yaml", exercise("big-summary", std::string(1000 * 1000, 'a')));
    const auto r = check(dir + "/big.yaml", 0);
    CHECK(r.out.find(" 1 exercises") != std::string::npos);
  }

  TEST_CASE("NUL bytes and invalid UTF-8 are refused at their position")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/nul.yaml", std::string("id: x\nname: a\0b\n", 16));
    CHECK(check(dir + "/nul.yaml", 3).err == dir + "/nul.yaml:2:8: error: NUL byte in text\n");
    write(dir + "/latin1.yaml", "id: x\nname: caf\xe9\n");
    CHECK(check(dir + "/latin1.yaml", 3).err ==
          dir + "/latin1.yaml:2:10: error: invalid UTF-8 (byte 0xe9)\n");
  }

  TEST_CASE("a byte-order mark and CRLF line endings load")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/bom.yaml", "\xef\xbb\xbf" + exercise("with-bom"));
    std::string crlf;
    for (const char c : exercise("with-crlf")) {
      crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    write(dir + "/crlf.yaml", crlf);
    const auto r = check(dir, 0);
    CHECK(r.out.find(" 2 exercises") != std::string::npos);
    const auto shown = run_backplan({"--catalog", dir, "show", "with-crlf"});
    CHECK(shown.status == 0);
    CHECK(shown.out.find('\r') == std::string::npos);
    CHECK(shown.out.starts_with("Hostile with-crlf (with-crlf)\nA summary.\n"));
  }

  TEST_CASE("a directory of 10 000 files loads")
  {
    const std::string dir = test::temp_dir();
    for (int i = 0; i < 10000; ++i) {
      write(dir + "/e" + std::to_string(i) + ".yaml", exercise("many-" + std::to_string(i)));
    }
    const auto r = check(dir, 0);
    CHECK(r.out.find(" 10000 exercises") != std::string::npos);
  }

  TEST_CASE("a symbolic-link loop inside a catalog directory is one clear error")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/good.yaml", exercise("linked-good"));
    std::filesystem::create_directory_symlink(".", dir + "/self");
    std::filesystem::create_symlink("b.yaml", dir + "/a.yaml");
    std::filesystem::create_symlink("a.yaml", dir + "/b.yaml");
    const auto r = check(dir, 3);
    CHECK(r.err == dir + "/a.yaml: error: cannot open: Too many levels of symbolic links\n" + dir +
                     "/b.yaml: error: cannot open: Too many levels of symbolic links\n");
  }

  TEST_CASE("a FIFO or /dev/zero given as a catalog is refused at once")
  {
    const std::string dir = test::temp_dir();
    REQUIRE(::mkfifo((dir + "/fifo.yaml").c_str(), 0600) == 0);
    CHECK(check(dir + "/fifo.yaml", 3).err == dir + "/fifo.yaml: error: not a regular file\n");
    CHECK(check("/dev/zero", 3).err == "/dev/zero: error: not a regular file\n");
    // A FIFO among a directory's files is reported the same way.
    const auto in_dir = run_backplan({"--catalog", dir, "list"}, {}, "", time_limit);
    CHECK(in_dir.status == 3);
    CHECK(in_dir.err == dir + "/fifo.yaml: error: not a regular file\n");
  }

  TEST_CASE("an unreadable file is one clear error")
  {
    const std::string dir = test::temp_dir();
    write(dir + "/secret.yaml", exercise("secret"));
    ::chmod((dir + "/secret.yaml").c_str(), 0);
    ::chmod(dir.c_str(), 0755);
    ::chmod(std::filesystem::path(dir).parent_path().c_str(), 0755);
    if (::geteuid() == 0) {
      // root reads anything: run the check as nobody instead.
      const auto r =
        test::shell("cd / && setpriv --reuid=65534 --regid=65534 --clear-groups " +
                    std::string(BACKPLAN_EXE) + " check " + dir + "/secret.yaml 2>&1; echo status=$?");
      CHECK(r.out == dir + "/secret.yaml: error: cannot open: Permission denied\nstatus=3\n");
    } else {
      CHECK(check(dir + "/secret.yaml", 3).err ==
            dir + "/secret.yaml: error: cannot open: Permission denied\n");
    }
  }

  TEST_CASE("a folder within a catalog folder that may not be opened is passed over, even when last")
  {
    // The walk reads the folder's entries one by one; the failure to open
    // the one folder in it must not read as a failure to read the rest.
    const std::string dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/catalog/closed");
    write(dir + "/catalog/closed/secret.yaml", exercise("secret"));
    ::chmod((dir + "/catalog/closed").c_str(), 0);
    ::chmod((dir + "/catalog").c_str(), 0755);
    ::chmod(dir.c_str(), 0755);
    ::chmod(std::filesystem::path(dir).parent_path().c_str(), 0755);
    const std::string as_nobody =
      "cd / && setpriv --reuid=65534 --regid=65534 --clear-groups env XDG_CACHE_HOME=" + dir + "/cache " +
      std::string(BACKPLAN_EXE) + " check " + dir + "/catalog 2>&1; echo status=$?";
    const auto r =
      ::geteuid() == 0 ? test::shell(as_nobody) : test::shell(as_nobody.substr(as_nobody.find("env ")));
    ::chmod((dir + "/catalog/closed").c_str(), 0755);
    CHECK(r.out == "ok: 0 files, 0 exercises, 0 conditions, 0 regions, 0 goals, 0 positions\nstatus=0\n");
  }

  TEST_CASE("inputs the fuzzer found stay fixed")
  {
    // yaml-cpp's LoadAll loops for ever on a stray ',' before any node.
    const auto r = run_backplan({"--profile", test::data_path("fuzz/stray-comma-profile.yaml"), "profile"},
                                {}, "", time_limit);
    CHECK(r.status == 3);
    CHECK(r.err ==
          test::data_path("fuzz/stray-comma-profile.yaml") + ":1:1: error: invalid YAML: unexpected ','\n");
    for (const auto& entry : std::filesystem::directory_iterator(test::data_path("fuzz"))) {
      CAPTURE(entry.path().string());
      const auto checked = run_backplan({"check", entry.path().string()}, {}, "", time_limit);
      CHECK((checked.status == 0 || checked.status == 3));
      CHECK(checked.status < 128);
    }
  }
}
