#include "util/checksum.hpp"

#include <xxhash.h>

namespace backplan::util {

std::uint64_t checksum(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

} // namespace backplan::util
