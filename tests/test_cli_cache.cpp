// The cache of parsed catalog files, through the program: never stale,
// rebuilt when damaged, harmless when it cannot be written, and invisible in
// the output. No timings here: bench/run measures the speed.
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

using namespace backplan;
namespace fs = std::filesystem;

namespace {

/// An exercise file named `name`, valid against the built-in vocabularies.
std::string probe(const std::string& id, const std::string& name)
{
  return "id: " + id + "\nname: " + name +
         "\nsummary: A gentle probe of the cache.\nposition: standing\nregions: [neck]\n"
         "goals: [mobility]\nkind: mobility\nlevel: gentle\nper_side: false\n"
         "dosage:\n  rep_seconds: [2, 3]\n  reps: [5, 8]\n  sets: 1\n"
         "steps:\n  - Turn the head slowly to one side and back.\nsources: [sutter]\n";
}

void write(const std::string& path, const std::string& text)
{
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

/// The settle time (see cache::settled) under which a run caches a file
/// written just before it, so that no test waits for its files to settle.
const std::map<std::string, std::string> at_once = {{"BACKPLAN_CACHE_SETTLE_MS", "0"}};

/// A catalog folder with two probe exercises, and a private cache folder.
struct Fixture {
  std::string root = test::temp_dir();
  std::string catalog = root + "/catalog";
  std::string cache_home = root + "/cache";

  Fixture()
  {
    fs::create_directories(catalog);
    write(catalog + "/probe-a.yaml", probe("cache-probe-a", "Cache probe one"));
    write(catalog + "/probe-b.yaml", probe("cache-probe-b", "Cache probe bee"));
  }

  /// Runs backplan on the catalog with its own cache folder, caching the
  /// files at once (unless `env` sets BACKPLAN_CACHE_SETTLE_MS).
  test::RunResult run(std::vector<std::string> args, std::map<std::string, std::string> env = {}) const
  {
    env.insert(at_once.begin(), at_once.end());
    return run_settling(std::move(args), std::move(env));
  }

  /// Runs backplan as run() does, with the settle time users have.
  test::RunResult run_settling(std::vector<std::string> args,
                               std::map<std::string, std::string> env = {}) const
  {
    args.insert(args.begin(), {"--catalog", catalog});
    env.emplace("XDG_CACHE_HOME", cache_home);
    return test::run_backplan(args, env);
  }

  /// The one cache file written so far.
  std::string cache_file() const
  {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(cache_home + "/backplan")) {
      files.push_back(entry.path());
    }
    REQUIRE(files.size() == 1);
    return files.front().string();
  }

  /// What --verbose says about this catalog's cache use.
  std::string counts(std::size_t cached, std::size_t parsed) const
  {
    return "backplan: cache: " + catalog + ": exercise files: " + std::to_string(cached) +
           " from the cache, " + std::to_string(parsed) + " parsed\n";
  }

  std::string wrote(std::size_t entries) const
  {
    return "backplan: cache: " + catalog + ": wrote " + cache_file() + " (" + std::to_string(entries) +
           " entries)\n";
  }
};

} // namespace

TEST_SUITE("cli::cache")
{
  TEST_CASE("a warm run takes the files from the cache and prints the same")
  {
    const Fixture f;
    const auto cold = f.run({"--verbose", "list"});
    CHECK(cold.status == 0);
    CHECK(cold.err == f.counts(0, 2) + f.wrote(2));
    const auto warm = f.run({"--verbose", "list"});
    CHECK(warm.status == 0);
    CHECK(warm.err == f.counts(2, 0));
    CHECK(warm.out == cold.out);
    CHECK(warm.out.find("cache-probe-a") != std::string::npos);
  }

  TEST_CASE("an edit that keeps the size and the modification time is still seen")
  {
    const Fixture f;
    const std::string file = f.catalog + "/probe-a.yaml";
    CHECK(f.run({"show", "cache-probe-a"}).out.find("Cache probe one") != std::string::npos);
    CHECK(f.run({"--verbose", "list"}).err == f.counts(2, 0));
    const auto mtime = fs::last_write_time(file);
    const auto size = fs::file_size(file);
    write(file, probe("cache-probe-a", "Cache probe two"));
    fs::last_write_time(file, mtime); // utimensat: the size and mtime are as before
    REQUIRE(fs::file_size(file) == size);
    REQUIRE(fs::last_write_time(file) == mtime);
    const auto after = f.run({"--verbose", "show", "cache-probe-a"});
    CHECK(after.status == 0);
    CHECK(after.out.find("Cache probe two") != std::string::npos);
    CHECK(after.err.starts_with(f.counts(1, 1)));
  }

  TEST_CASE("a file replaced by another with the same size and times is still seen")
  {
    const Fixture f;
    const std::string file = f.catalog + "/probe-a.yaml";
    CHECK(f.run({"list"}).status == 0);
    const auto mtime = fs::last_write_time(file);
    write(f.root + "/new.yaml", probe("cache-probe-a", "Cache probe six"));
    fs::last_write_time(f.root + "/new.yaml", mtime);
    fs::rename(f.root + "/new.yaml", file); // a new inode under the old name
    CHECK(f.run({"show", "cache-probe-a"}).out.find("Cache probe six") != std::string::npos);
  }

  TEST_CASE("added and deleted files are noticed")
  {
    const Fixture f;
    CHECK(f.run({"list"}).status == 0);
    write(f.catalog + "/probe-c.yaml", probe("cache-probe-c", "Cache probe see"));
    fs::remove(f.catalog + "/probe-b.yaml");
    const auto after = f.run_settling({"--verbose", "list"});
    CHECK(after.out.find("cache-probe-c") != std::string::npos);
    CHECK(after.out.find("cache-probe-b") == std::string::npos);
    CHECK(after.out.find("cache-probe-a") != std::string::npos);
    // probe-c changed less than a second ago: parsed, not yet cached.
    CHECK(after.err == f.counts(1, 1) + f.wrote(1));
  }

  TEST_CASE("a cache written again after an edit keeps the other files as they were")
  {
    const Fixture f;
    const auto before = f.run({"show", "cache-probe-b"});
    REQUIRE(before.status == 0);
    write(f.catalog + "/probe-a.yaml", probe("cache-probe-a", "Cache probe two"));
    // The unchanged file's exercise is encoded anew for the rewritten cache.
    CHECK(f.run({"--verbose", "list"}).err == f.counts(1, 1) + f.wrote(2));
    const auto again = f.run({"--verbose", "show", "cache-probe-b"});
    CHECK(again.err == f.counts(2, 0));
    CHECK(again.out == before.out);
    // Byte for byte the cache that parsing both files from scratch writes.
    const std::string rewritten = test::slurp(f.cache_file());
    fs::remove_all(f.cache_home);
    const auto cold = f.run({"--verbose", "list"});
    CHECK(cold.err == f.counts(0, 2) + f.wrote(2));
    CHECK(test::slurp(f.cache_file()) == rewritten);
  }

  TEST_CASE("corrupt, truncated and foreign cache files are ignored and rebuilt")
  {
    const Fixture f;
    const auto expected = f.run({"--no-cache", "list"});
    CHECK(f.run({"list"}).status == 0);
    const std::string file = f.cache_file();
    const std::string good = test::slurp(file);
    struct Damage {
      const char* what;
      std::string bytes;
      std::string problem;
    };
    std::string flipped = good;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
    const std::vector<Damage> damages = {
      {"truncated", good.substr(0, good.size() / 2),
       std::to_string(good.size() / 2 - 48) + " bytes of entries where the header says " +
         std::to_string(good.size() - 48)},
      {"flipped byte", flipped, "checksum mismatch"},
      {"foreign", "id: not-a-cache\n", "not a backplan cache file"},
      {"empty", "", "not a backplan cache file"},
    };
    for (const auto& damage : damages) {
      CAPTURE(damage.what);
      write(file, damage.bytes);
      const auto run = f.run({"--verbose", "list"});
      CHECK(run.status == 0);
      CHECK(run.out == expected.out);
      CHECK(run.err == "backplan: cache: " + f.catalog + ": not using " + file + ": " + damage.problem +
                         "\n" + f.counts(0, 2) + f.wrote(2));
      CHECK(f.run({"--verbose", "list"}).err == f.counts(2, 0));
    }
  }

  TEST_CASE("a cache folder that cannot be written costs nothing but speed")
  {
    const Fixture f;
    // A folder under a regular file cannot be made, even by root.
    write(f.root + "/not-a-folder", "x");
    const std::map<std::string, std::string> env = {{"XDG_CACHE_HOME", f.root + "/not-a-folder"}};
    const auto expected = f.run({"--no-cache", "list"});
    const auto quiet = f.run({"list"}, env);
    CHECK(quiet.status == 0);
    CHECK(quiet.err == "");
    CHECK(quiet.out == expected.out);
    const auto verbose = f.run({"--verbose", "list"}, env);
    CHECK(verbose.status == 0);
    CHECK(verbose.err == f.counts(0, 2) + "backplan: cache: " + f.catalog +
                           ": cannot write the cache: cannot create " + f.root +
                           "/not-a-folder/backplan: Not a directory\n");
  }

  TEST_CASE("two runs racing on a cold cache both succeed with the same output")
  {
    const Fixture f;
    const auto expected = f.run({"--no-cache", "plan", "-m", "5", "-f", "json", "--no-profile"});
    REQUIRE(expected.status == 0);
    const std::string command = "BACKPLAN_CACHE_SETTLE_MS=0 XDG_CACHE_HOME='" + f.cache_home + "' HOME='" +
                                f.root + "' '" + BACKPLAN_EXE + "' --catalog '" + f.catalog +
                                "' plan -m 5 -f json --no-profile";
    for (int round = 0; round < 4; ++round) {
      CAPTURE(round);
      fs::remove_all(f.cache_home);
      const auto raced = test::shell("cd '" + f.root + "' && (" + command + " >one 2>one.err & " + command +
                                     " >two 2>two.err & wait) && cat one.err two.err");
      CHECK(raced.status == 0);
      CHECK(raced.out == "");
      CHECK(test::slurp(f.root + "/one") == expected.out);
      CHECK(test::slurp(f.root + "/two") == expected.out);
      CHECK(f.run({"--verbose", "list"}).err == f.counts(2, 0));
    }
  }

  TEST_CASE("--no-cache and BACKPLAN_NO_CACHE=1 give byte-identical output and write nothing")
  {
    const Fixture f;
    const std::vector<std::vector<std::string>> commands = {
      {"plan", "-m", "10", "-f", "json", "--no-profile"}, {"list"}, {"show", "cache-probe-b"}, {"check"}};
    for (const auto& command : commands) {
      CAPTURE(command.front());
      auto off = command;
      off.insert(off.begin(), "--no-cache");
      const auto without = f.run(off);
      const auto from_env = f.run(command, {{"BACKPLAN_NO_CACHE", "1"}});
      CHECK(!fs::exists(f.cache_home));
      const auto cold = f.run(command);
      const auto warm = f.run(command);
      CHECK(without.status == 0);
      for (const auto* run : {&from_env, &cold, &warm}) {
        CHECK(run->status == without.status);
        CHECK(run->out == without.out);
        CHECK(run->err == without.err);
      }
      fs::remove_all(f.cache_home);
    }
  }

  TEST_CASE("a file with errors is never cached, and its errors come again on every run")
  {
    const Fixture f;
    write(f.catalog + "/probe-b.yaml", probe("cache-probe-b", "Cache probe bee") + "regions: [nek]\n");
    const auto first = f.run({"--verbose", "check"});
    CHECK(first.status == 3);
    CHECK(
      first.err.find(f.catalog + "/probe-b.yaml:17:1: error: duplicate key 'regions' (first at line 5)\n") !=
      std::string::npos);
    CHECK(first.err.find(f.counts(0, 2) + f.wrote(1)) != std::string::npos);
    const auto second = f.run({"--verbose", "check"});
    CHECK(second.status == 3);
    CHECK(second.err.find(f.counts(1, 1)) != std::string::npos);
    const auto without = f.run({"--no-cache", "check"});
    CHECK(without.status == 3);
    // The same diagnostics, from the cache or not.
    const auto strip = [&](std::string text) {
      for (const auto& line : {f.counts(0, 2), f.counts(1, 1), f.wrote(1)}) {
        if (const auto at = text.find(line); at != std::string::npos) {
          text.erase(at, line.size());
        }
      }
      return text;
    };
    CHECK(strip(first.err) == without.err);
    CHECK(strip(second.err) == without.err);
  }
}
