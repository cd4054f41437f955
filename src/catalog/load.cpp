// Part of libbackplan, not of backplan_catalog: it links the built-in
// catalog, which the catalog compiler (linked to backplan_catalog) makes.
#include "backplan/catalog/load.hpp"

#include "catalog/builtin.hpp"
#include "catalog/loader.hpp"

namespace backplan::catalog {

LoadResult load_builtin() { return load({compiled_layer(builtin_compiled())}); }

LoadResult load_catalogs(const std::vector<std::filesystem::path>& paths, bool with_builtin)
{
  std::vector<Layer> layers;
  if (with_builtin) {
    layers.push_back(compiled_layer(builtin_compiled()));
  }
  for (const auto& path : paths) {
    layers.push_back(list_layer(path));
  }
  return load(layers);
}

} // namespace backplan::catalog
