// libFuzzer target over the catalog loader (and, through the first byte, the
// vocabulary and profile readers): any input must end in a load or in
// diagnostics, never in a crash, a hang, a leak or undefined behaviour.
#include "catalog/loader.hpp"
#include "cli/profile.hpp"

#include <algorithm>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const char* const file_names[] = {
  "fuzz.yaml",   "conditions.yaml", "regions.yaml",   "goals.yaml",   "positions.yaml",
  "levels.yaml", "kinds.yaml",      "movements.yaml", "sources.yaml", "profile.yaml",
};

/// The built-in vocabularies without the exercises: references resolve, and
/// each run parses only what the input brings.
backplan::catalog::Layer vocabulary_layer()
{
  backplan::catalog::Layer layer = backplan::catalog::builtin_layer();
  std::erase_if(layer.files,
                [](const auto& file) { return file.name.find("/exercises/") != std::string::npos; });
  return layer;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const backplan::catalog::Layer vocabulary = vocabulary_layer();
  static const backplan::catalog::Catalog catalog = backplan::catalog::load({vocabulary}).catalog;
  if (size == 0) {
    return 0;
  }
  const std::size_t choice = data[0] % (sizeof file_names / sizeof file_names[0]);
  const backplan::catalog::SourceFile file{file_names[choice],
                                           std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  std::vector<backplan::catalog::Diagnostic> errors;
  if (file.name == std::string("profile.yaml")) {
    (void)backplan::cli::load_profile(file, catalog, {"text", "json"}, errors);
  } else {
    backplan::catalog::Layer layer;
    layer.files.push_back(file);
    errors = backplan::catalog::load({vocabulary, layer}).errors;
  }
  for (const auto& diagnostic : errors) {
    (void)diagnostic.str();
  }
  return 0;
}
