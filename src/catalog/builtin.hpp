#pragma once

#include <span>
#include <string_view>

namespace backplan::catalog {

/// A file of the built-in catalog: its path below catalog/ and its bytes.
struct EmbeddedFile {
  std::string_view name;
  std::string_view data;
};

/// Every file of the built-in catalog, in path order (generated at build time).
std::span<const EmbeddedFile> builtin_files();

} // namespace backplan::catalog
