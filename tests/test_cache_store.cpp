#include "cache/store.hpp"
#include "catalog/builtin.hpp"
#include "catalog/exercises.hpp"
#include "catalog/loader.hpp"
#include "catalog/serialize.hpp"
#include "support.hpp"
#include "util/checksum.hpp"
#include "util/files.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

using namespace backplan;

namespace {

constexpr std::uint32_t version = 7;

cache::Contents sample()
{
  cache::Contents contents;
  contents.key = 0x1234'5678'9abc'def0ULL;
  contents.entries.push_back(
    {"exercises/a.yaml", {1, 2, 300, 4'000'000'005, 6'000'000'007}, "first", "its details"});
  contents.entries.push_back({"b.yml", {1, 3, 0, -1, 9}, std::string_view("\0bytes\xff", 7), ""});
  return contents;
}

void check_same(const cache::Contents& a, const cache::Contents& b)
{
  CHECK(a.key == b.key);
  REQUIRE(a.entries.size() == b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    CHECK(a.entries[i].path == b.entries[i].path);
    CHECK(a.entries[i].stamps == b.entries[i].stamps);
    CHECK(a.entries[i].data == b.entries[i].data);
    CHECK(a.entries[i].details == b.entries[i].details);
  }
}

/// An exercise that sets every key the format has, for the pinned bytes
/// below.
const char* const sample_exercise = R"(id: pinned-sample
name: Pinned sample
summary: Every key of an exercise, so that the binary form of each shows.
position: all-fours
regions: [lower-back, mid-back]
goals: [flexibility]
movements: [flexion]
kind: stretch
level: gentle
per_side: true
family: cat
end_range: true
loads: [deep-hip-bend]
dosage:
  hold: [20, 30]
  rep_seconds: [2, 3]
  reps: [2, 3]
  sets: [1, 2]
  rest_between_reps: [5, 10]
  rest_between_sets: 30
  to_fatigue: true
steps:
  - Kneel on all fours.
  - Ease back towards the heels.
cues: [Keep the neck long.]
stop_if:
  text: Stop if the knees hurt.
  basis: kenway
easier:
  text: Go back only halfway.
  contraindications:
    - condition: shoulder
      action: modify
      instruction: Keep the arms beside the body.
      basis: general clinical guidance
harder:
  exercise: kneeling-side-reach
progression_of: cat-cow
contraindications:
  - condition: knee
    action: modify
    instruction: Stop the slide back above the heels.
    basis: birmingham
  - condition: total-hip-replacement
    action: avoid
    when: [posterior]
    instruction: Leave this out while hip precautions apply.
    basis: leeds-hip-replacement
sources: [kenway]
figure:
  view: side
  props: [mat]
  moves: pelvis
  start:
    pitch: 73
    left_hip_flexion: 73
    right_knee_flexion: 90
  end:
    pitch: 75
    spine_flexion: 45
  modified:
    knee:
      props: [mat, cushion]
      end:
        pitch: 80
)";

/// The binary form's version and the checksum of the sample's bytes in that
/// form. Any change to the model or to how it is encoded changes the bytes:
/// then cached exercises written before would be misread, so the version
/// goes up with it (and both are written here).
struct Pinned {
  std::uint32_t version;
  std::uint64_t sample_checksum;
};
constexpr Pinned pinned{7, 0x165d6134'6a5cc215ULL};

} // namespace

TEST_SUITE("cache::store")
{
  TEST_CASE("entries come back as they were written")
  {
    const auto decoded = cache::decode(cache::encode(sample(), version), version);
    CHECK(decoded.problem == "");
    REQUIRE(decoded.contents);
    check_same(*decoded.contents, sample());

    const std::string file = test::temp_dir() + "/sub/folder/catalog.cache";
    cache::write(file, sample(), version);
    CHECK(util::read_file(file, 1 << 20) == cache::encode(sample(), version));
    const auto read = cache::read(file, version);
    REQUIRE(read.contents);
    check_same(*read.contents, sample());
  }

  TEST_CASE("a truncated cache file is refused, at every length")
  {
    const std::string bytes = cache::encode(sample(), version);
    for (std::size_t length = 0; length < bytes.size(); ++length) {
      CAPTURE(length);
      const auto decoded = cache::decode(bytes.substr(0, length), version);
      CHECK(!decoded.contents);
      CHECK(decoded.problem != "");
    }
    CHECK(cache::decode(bytes.substr(0, 10), version).problem == "not a backplan cache file");
    CHECK(cache::decode(bytes.substr(0, bytes.size() - 1), version).problem ==
          "203 bytes of entries where the header says 204");
  }

  TEST_CASE("any flipped byte is noticed")
  {
    const std::string bytes = cache::encode(sample(), version);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      CAPTURE(i);
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
      const auto decoded = cache::decode(damaged, version);
      // The key is the one field not checked here: the caller compares it.
      if (i >= 24 && i < 32) {
        REQUIRE(decoded.contents);
        CHECK(decoded.contents->key != sample().key);
      } else {
        CHECK(!decoded.contents);
      }
    }
    std::string payload_flip = bytes;
    payload_flip.back() = static_cast<char>(payload_flip.back() ^ 1);
    CHECK(cache::decode(payload_flip, version).problem == "checksum mismatch");
  }

  TEST_CASE("a foreign file and another version are refused")
  {
    CHECK(cache::decode("id: knee-to-chest\nname: Knee to chest\n", version).problem ==
          "not a backplan cache file");
    CHECK(cache::decode(cache::encode(sample(), version + 1), version).problem ==
          "written for cache format 8, not 7");
    CHECK(cache::read(test::temp_dir() + "/none.cache", version).problem ==
          "cannot open: No such file or directory");
  }

  TEST_CASE("a length past the end of the entries is refused without allocating it")
  {
    // A valid header and checksum over entries whose count is absurd, and
    // over an entry whose details lie past the end of the details.
    const auto with_payload = [](const std::string& payload) {
      std::string bytes = cache::encode({}, version);
      bytes.resize(bytes.size() - 16); // the payload of no entries: a count and no details
      bytes += payload;
      const std::uint64_t length = payload.size();
      const std::uint64_t sum = util::checksum(payload);
      bytes.replace(32, 8, reinterpret_cast<const char*>(&length), 8);
      bytes.replace(40, 8, reinterpret_cast<const char*>(&sum), 8);
      return bytes;
    };
    CHECK(cache::decode(with_payload(std::string(8, '\xff') + std::string(8, '\0')), version).problem ==
          "malformed entries (length past the end of the data)");
    cache::Contents one;
    one.entries.push_back({"a.yaml", {}, "core", "details"});
    std::string payload = cache::encode(one, version).substr(48);
    payload[payload.size() - 8 - 7 - 16] = 1; // the offset of its details: 1 of 7 bytes
    CHECK(cache::decode(with_payload(payload), version).problem ==
          "malformed entries (details past the end of the data)");
  }

  TEST_CASE("a file's stamps are the same taken by its path and relative to its open folder")
  {
    const std::string dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/sub");
    util::write_file_atomically(dir + "/sub/a.yaml", "id: a\n");
    const int folder = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    REQUIRE(folder >= 0);
    const auto by_path = cache::stamps_of(dir + "/sub/a.yaml");
    REQUIRE(by_path);
    CHECK(cache::stamps_at(folder, "sub/a.yaml") == by_path);
    CHECK(!cache::stamps_at(folder, "sub/none.yaml"));
    ::close(folder);
  }

  TEST_CASE("a folder that cannot be created is an exception, not a crash")
  {
    // A path under a regular file cannot be a folder, even for root.
    const std::string dir = test::temp_dir();
    util::write_file_atomically(dir + "/file", "x");
    std::string message;
    try {
      cache::write(dir + "/file/backplan/c.cache", sample(), version);
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
    CHECK(message == "cannot create " + dir + "/file/backplan: Not a directory");
  }

  TEST_CASE("each catalog path has its own cache file, the same for the same place")
  {
    const auto a = cache::file_for("/c", "/work/catalog");
    CHECK(a == cache::file_for("/c", "/work/./catalog/"));
    CHECK(a != cache::file_for("/c", "/work/catalog2"));
    CHECK(a.parent_path() == "/c");
  }

  TEST_CASE("the stamps change when a file is rewritten with its size and times restored")
  {
    const std::string file = test::temp_dir() + "/a.yaml";
    util::write_file_atomically(file, "one");
    const auto before = cache::stamps_of(file);
    REQUIRE(before);
    CHECK(before->size == 3);
    CHECK(!cache::stamps_of(file + ".missing"));
    CHECK(cache::settled(*before, before->ctime_ns + cache::settle_ns + 1, cache::settle_ns));
    CHECK(!cache::settled(*before, before->ctime_ns + cache::settle_ns, cache::settle_ns));
    CHECK(cache::settled(*before, before->ctime_ns + 1, 0));
    CHECK(!cache::settled(*before, before->ctime_ns, 0));
  }

  TEST_CASE("BACKPLAN_CACHE_SETTLE_MS sets the settle time, anything but a whole number leaves a second")
  {
    const char* saved = std::getenv("BACKPLAN_CACHE_SETTLE_MS");
    const std::string kept = saved != nullptr ? saved : "";
    ::unsetenv("BACKPLAN_CACHE_SETTLE_MS");
    CHECK(cache::settle_window_ns() == cache::settle_ns);
    const std::vector<std::pair<std::string, std::int64_t>> values = {{"0", 0},
                                                                      {"2500", 2'500'000'000},
                                                                      {"", cache::settle_ns},
                                                                      {"-1", cache::settle_ns},
                                                                      {"1.5", cache::settle_ns},
                                                                      {"soon", cache::settle_ns},
                                                                      {"9999999999", cache::settle_ns}};
    for (const auto& [value, window] : values) {
      CAPTURE(value);
      ::setenv("BACKPLAN_CACHE_SETTLE_MS", value.c_str(), 1);
      CHECK(cache::settle_window_ns() == window);
    }
    if (saved != nullptr) {
      ::setenv("BACKPLAN_CACHE_SETTLE_MS", kept.c_str(), 1);
    } else {
      ::unsetenv("BACKPLAN_CACHE_SETTLE_MS");
    }
  }
}

TEST_SUITE("catalog::serialize")
{
  TEST_CASE("the compiled built-in catalog is the one the loader reads from the YAML")
  {
    const auto loaded = catalog::load({catalog::builtin_layer()});
    REQUIRE(loaded.errors.empty());
    const auto compiled = catalog::decode_catalog(catalog::builtin_compiled());
    CHECK(compiled.file_count == loaded.file_count);
    CHECK(compiled.catalog.exercise_ids() == loaded.catalog.exercise_ids());
    // Byte-equal encodings: every field of every term and exercise alike.
    CHECK(catalog::encode_catalog(compiled) == catalog::encode_catalog({loaded.catalog, loaded.file_count}));
  }

  TEST_CASE("the compiled catalog alone is what every phase of the loader makes of it")
  {
    // Alone, it is taken as it is; beside an empty layer, it goes through
    // every phase of load().
    const auto alone = catalog::load({catalog::compiled_layer(catalog::builtin_compiled())});
    catalog::Layer empty;
    empty.name = "empty";
    const auto phased = catalog::load({catalog::compiled_layer(catalog::builtin_compiled()), empty});
    REQUIRE(phased.errors.empty());
    CHECK(alone.errors.empty());
    CHECK(alone.notes == phased.notes);
    CHECK(alone.file_count == phased.file_count);
    CHECK(catalog::encode_catalog({alone.catalog, alone.file_count}) ==
          catalog::encode_catalog({phased.catalog, phased.file_count}));
  }

  TEST_CASE("an exercise comes back whole, its locations in the file it is read for")
  {
    const auto& builtin = test::builtin_catalog();
    for (const auto& exercise : builtin.exercises) {
      CAPTURE(exercise.id);
      const auto encoded = catalog::encode_exercise(exercise);
      const auto back =
        catalog::decode_exercise(encoded.core, exercise.where.file, {encoded.details, nullptr});
      CHECK(back.details_deferred());
      catalog::CompiledCatalog a;
      catalog::CompiledCatalog b;
      a.catalog.exercises = {exercise};
      b.catalog.exercises = {back};
      CHECK(catalog::encode_catalog(a) == catalog::encode_catalog(b));
      CHECK(!back.details_deferred());
      const auto moved = catalog::decode_exercise(encoded.core, catalog::FileName("elsewhere.yaml"), {});
      CHECK(moved.where.file == "elsewhere.yaml");
      CHECK(moved.position_where.file == "elsewhere.yaml");
    }
  }

  TEST_CASE("an exercise decoded in place keeps the bytes its rules' texts are views of, and no more")
  {
    const auto& builtin = test::builtin_catalog();
    for (const auto& exercise : builtin.exercises) {
      CAPTURE(exercise.id);
      const auto encoded = catalog::encode_exercise(exercise);
      auto bytes = std::make_shared<const std::string>(encoded.core + encoded.details);
      const std::string_view core = std::string_view(*bytes).substr(0, encoded.core.size());
      const std::string_view details = std::string_view(*bytes).substr(encoded.core.size());
      std::weak_ptr<const std::string> watch = bytes;
      std::vector<catalog::Contraindication> rules;
      {
        auto back = catalog::decode_exercise_in_place(core, exercise.where.file, {details, std::move(bytes)});
        for (std::size_t i = 0; i < back.contraindications.size(); ++i) {
          // A view of the bytes, not a copy.
          const std::string_view text = back.contraindications[i].instruction;
          CHECK((text.empty() || (text.data() >= core.data() && text.data() < core.data() + core.size())));
        }
        rules = back.contraindications; // the rules alone outlive the exercise
      }
      CHECK(watch.expired() == rules.empty());
      REQUIRE(rules.size() == exercise.contraindications.size());
      for (std::size_t i = 0; i < rules.size(); ++i) {
        CHECK(rules[i].instruction == exercise.contraindications[i].instruction.view());
        CHECK(rules[i].basis == exercise.contraindications[i].basis.view());
      }
      rules.clear();
      CHECK(watch.expired());
    }
  }

  TEST_CASE(
    "an exercise decoded by copy keeps its rules' texts in one block of its own, not in the bytes it was "
    "read from")
  {
    const auto& builtin = test::builtin_catalog();
    for (const auto& exercise : builtin.exercises) {
      CAPTURE(exercise.id);
      auto core = std::make_unique<std::string>(catalog::encode_exercise(exercise).core);
      const char* const first = core->data();
      const char* const last = core->data() + core->size();
      const auto back = catalog::decode_exercise(*core, exercise.where.file, {});
      core.reset(); // the texts must not need it (AddressSanitizer reads them below)
      const char* block = nullptr;
      REQUIRE(back.contraindications.size() == exercise.contraindications.size());
      for (std::size_t i = 0; i < back.contraindications.size(); ++i) {
        const auto& rule = back.contraindications[i];
        CHECK(rule.instruction == exercise.contraindications[i].instruction.view());
        CHECK(rule.basis == exercise.contraindications[i].basis.view());
        for (const std::string_view text : {rule.instruction.view(), rule.basis.view()}) {
          CHECK((text.data() < first || text.data() >= last));
          // One block: each text starts where the one before it ended.
          if (block != nullptr && !text.empty()) {
            CHECK(text.data() == block);
          }
          if (!text.empty()) {
            block = text.data() + text.size();
          }
        }
      }
    }
  }

  TEST_CASE("damaged exercise bytes throw, at every length, core and details alike")
  {
    const auto& exercise = test::builtin_catalog().exercises.front();
    const auto encoded = catalog::encode_exercise(exercise);
    for (std::size_t length = 0; length < encoded.core.size(); ++length) {
      CHECK_THROWS_AS(catalog::decode_exercise(encoded.core.substr(0, length), catalog::FileName("x"), {}),
                      std::runtime_error);
    }
    CHECK_THROWS_AS(catalog::decode_exercise(encoded.core + "x", catalog::FileName("x"), {}),
                    std::runtime_error);
    for (std::size_t length = 1; length < encoded.details.size(); ++length) {
      const std::string part = encoded.details.substr(0, length);
      const auto truncated = catalog::decode_exercise(encoded.core, catalog::FileName("x"), {part, nullptr});
      CHECK_THROWS_AS(truncated.details(), std::runtime_error);
    }
    CHECK_THROWS_AS(catalog::decode_details(encoded.details + "x"), std::runtime_error);
  }

  TEST_CASE("the compiled catalog decodes an exercise's details when they are first read, once")
  {
    auto compiled = catalog::decode_catalog(catalog::builtin_compiled());
    auto& exercises = compiled.catalog.exercises;
    REQUIRE(exercises.size() >= 2);
    for (const auto& exercise : exercises) {
      CHECK(exercise.details_deferred());
    }
    const auto copy = exercises[0];
    const auto& steps = copy.details().steps;
    CHECK(!steps.empty());
    // The copy and the catalog's exercise share one decoding.
    CHECK(!exercises[0].details_deferred());
    CHECK(&exercises[0].details().steps == &steps);
    CHECK(exercises[1].details_deferred());
    // Editing one copy leaves the other's alone.
    auto edited = exercises[0];
    edited.edit_details().steps = {"Changed."};
    CHECK(exercises[0].details().steps == steps);
    CHECK(exercises[0].details().steps != edited.details().steps);
  }

  TEST_CASE("the binary form's version is pinned to the bytes of a sample exercise")
  {
    const auto file = catalog::read_exercise_file({"pinned.yaml", sample_exercise}, test::builtin_catalog());
    for (const auto& diagnostic : file.diagnostics) {
      FAIL_CHECK(diagnostic.str());
    }
    REQUIRE(file.exercise);
    const auto encoded = catalog::encode_exercise(*file.exercise);
    const std::uint64_t sum = util::checksum(encoded.core + encoded.details);
    CHECK_MESSAGE(sum == pinned.sample_checksum,
                  fmt::format("the binary form of an exercise has changed (its checksum is now {:#018x}): "
                              "raise catalog::binary_format_version to {} so that no cache written before "
                              "is trusted, and pin the new version and checksum here",
                              sum, pinned.version + 1));
    CHECK_MESSAGE(catalog::binary_format_version == pinned.version,
                  "catalog::binary_format_version changed: pin it here with the checksum its bytes give");
  }

  TEST_CASE("the vocabulary fingerprint follows every vocabulary, not the exercises")
  {
    const catalog::Catalog& builtin = test::builtin_catalog();
    const auto base = catalog::vocabulary_fingerprint(builtin);
    catalog::Catalog changed = builtin;
    changed.exercises.clear();
    CHECK(catalog::vocabulary_fingerprint(changed) == base);
    changed.red_flags.terms.back().signs.push_back("a new sign");
    CHECK(catalog::vocabulary_fingerprint(changed) != base);
    changed = builtin;
    changed.conditions.terms.front().aliases.push_back("another-name");
    CHECK(catalog::vocabulary_fingerprint(changed) != base);
  }
}
