#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace backplan::util {

/// A 64-bit checksum of `bytes` (xxHash's XXH3), fast enough for megabytes:
/// it tells damaged data from intact data, and is no defence against
/// deliberate forgery. The same bytes give the same value on every run and
/// every machine of the same byte order.
std::uint64_t checksum(std::string_view bytes);

/// The checksum of `bytes`, read a megabyte at a time, with `done` called on
/// each part once it is read (to release it, say).
std::uint64_t checksum(std::string_view bytes, void (*done)(std::string_view part));

/// The checksum of `parts` one after another: that of their bytes joined.
std::uint64_t checksum(std::span<const std::string_view> parts);

} // namespace backplan::util
