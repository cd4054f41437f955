#include "util/checksum.hpp"

#include <memory>
#include <new>
#include <xxhash.h>

namespace backplan::util {

std::uint64_t checksum(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

namespace {

using State = std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)>;

/// A streaming state, reset.
State new_state()
{
  State state(XXH3_createState(), &XXH3_freeState);
  if (!state || XXH3_64bits_reset(state.get()) != XXH_OK) {
    throw std::bad_alloc();
  }
  return state;
}

} // namespace

std::uint64_t checksum(std::string_view bytes, void (*done)(std::string_view part))
{
  const State state = new_state();
  constexpr std::size_t part_size = std::size_t{1} << 20;
  for (std::size_t at = 0; at < bytes.size(); at += part_size) {
    const std::string_view part = bytes.substr(at, part_size);
    XXH3_64bits_update(state.get(), part.data(), part.size());
    done(part);
  }
  return XXH3_64bits_digest(state.get());
}

std::uint64_t checksum(std::span<const std::string_view> parts)
{
  const State state = new_state();
  for (const auto part : parts) {
    XXH3_64bits_update(state.get(), part.data(), part.size());
  }
  return XXH3_64bits_digest(state.get());
}

} // namespace backplan::util
