#include "util/archive.hpp"

#include <bit>
#include <cstdint>

namespace backplan::util {

std::uint64_t checksum(std::string_view bytes)
{
  // Eight bytes at a time, each word mixed in with a multiply and a rotate
  // (after MurmurHash's and xxHash's constants); the length is mixed in too.
  constexpr std::uint64_t prime1 = 0x9E3779B185EBCA87ULL;
  constexpr std::uint64_t prime2 = 0xC2B2AE3D27D4EB4FULL;
  std::uint64_t hash = prime1 ^ (bytes.size() * prime2);
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    hash ^= std::rotl(word * prime2, 31) * prime1;
    hash = std::rotl(hash, 27) * prime1 + prime2;
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) {
    std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  }
  hash ^= std::rotl(tail * prime2, 31) * prime1;
  hash ^= hash >> 33;
  hash *= prime2;
  hash ^= hash >> 29;
  return hash;
}

} // namespace backplan::util
