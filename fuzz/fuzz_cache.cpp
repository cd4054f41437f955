// libFuzzer target over the cache reader and the binary form of the catalog
// model: any bytes, read as a cache file, as a cache file's entries behind a
// valid header (each entry read as an exercise, in place as a warm run reads
// it, details and rules' texts too), as an
// exercise's core, as its details or as a whole catalog, must end in contents
// or in a refusal, never in a crash, a hang, a leak, a huge allocation or
// undefined behaviour. The first byte chooses the reading.
#include "cache/store.hpp"
#include "catalog/serialize.hpp"
#include "util/archive.hpp"
#include "util/checksum.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// `payload` behind a header that passes every check, so that the entries'
/// reader itself sees the bytes.
std::string with_valid_header(std::string_view payload)
{
  std::string bytes = backplan::cache::encode({}, backplan::catalog::binary_format_version);
  const std::size_t header = bytes.size() - 8; // an empty list of entries is 8 bytes
  bytes.resize(header);
  const std::uint64_t length = payload.size();
  const std::uint64_t sum = backplan::util::checksum(payload);
  std::memcpy(bytes.data() + header - 16, &length, 8);
  std::memcpy(bytes.data() + header - 8, &sum, 8);
  bytes.append(payload);
  return bytes;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  if (size == 0) {
    return 0;
  }
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto version = backplan::catalog::binary_format_version;
  static const backplan::catalog::FileName name{"fuzz.yaml"};
  switch (data[0] % 5) {
  case 0:
    (void)backplan::cache::decode(std::string(input), version);
    break;
  case 1: {
    // Each entry decoded as a warm run does, its rules' texts views of the
    // cache bytes, and read once nothing but the exercises keeps them.
    std::vector<backplan::catalog::Exercise> exercises;
    if (auto decoded = backplan::cache::decode(with_valid_header(input), version); decoded.contents) {
      for (const auto& entry : decoded.contents->entries) {
        try {
          exercises.push_back(backplan::catalog::decode_exercise_in_place(
            entry.data, name, {entry.details, decoded.contents->bytes}));
          (void)exercises.back().details();
        } catch (const std::exception&) {
        }
      }
    }
    std::size_t letters = 0;
    for (const auto& exercise : exercises) {
      for (const auto& rule : exercise.contraindications) {
        letters += std::string(rule.instruction).size() + std::string(rule.basis).size();
      }
    }
    (void)letters;
    break;
  }
  case 2:
    try {
      (void)backplan::catalog::decode_exercise(input, name, {});
    } catch (const std::exception&) {
    }
    break;
  case 3:
    try {
      (void)backplan::catalog::decode_details(input);
    } catch (const std::exception&) {
    }
    break;
  default:
    try {
      // Every exercise's details are read while the bytes live.
      for (const auto& exercise : backplan::catalog::decode_catalog(input).catalog.exercises) {
        try {
          (void)exercise.details();
        } catch (const std::exception&) {
        }
      }
    } catch (const std::exception&) {
    }
    break;
  }
  return 0;
}
