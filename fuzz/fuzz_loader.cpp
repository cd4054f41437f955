// libFuzzer target over the catalog loader (and, through the first byte, the
// vocabulary and profile readers): any input must end in a load or in
// diagnostics, never in a crash, a hang, a leak or undefined behaviour.
#include "catalog/loader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const char* const file_names[] = {
  "fuzz.yaml",         "conditions.yaml", "regions.yaml", "goals.yaml", "positions.yaml",
  "levels.yaml",       "kinds.yaml",      "movements.yaml", "sources.yaml",
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const backplan::catalog::Layer builtin = backplan::catalog::builtin_layer();
  if (size == 0) {
    return 0;
  }
  const std::size_t choice = data[0] % (sizeof file_names / sizeof file_names[0]);
  backplan::catalog::Layer layer;
  layer.files.push_back({file_names[choice],
                         std::string(reinterpret_cast<const char*>(data) + 1, size - 1)});
  const auto result = backplan::catalog::load({builtin, layer});
  for (const auto& diagnostic : result.errors) {
    (void)diagnostic.str();
  }
  return 0;
}
