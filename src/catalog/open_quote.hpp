#pragma once

#include "backplan/catalog/diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

/// The 1-based line and byte column of `offset` in `text`: the same units as
/// yaml-cpp's marks, so that every diagnostic counts columns alike.
Location location_of(const std::string& file, std::string_view text, std::size_t offset);

/// A quote a value opens and its line leaves open, which yaml-cpp read on
/// into the keys below (`name: "Bridge` then `summary: ...`), as one plain
/// error at the quote: in a file yaml-cpp parsed to `root`, only where
/// `root` holds that very text; in one it failed on (`root` null), wherever
/// such a quote is. Nothing for valid YAML that merely looks alike.
std::optional<Diagnostic> run_on_quote(const SourceFile& file, const YAML::Node* root);

/// The last quote a line of `text` leaves open, for a file that ends inside
/// a quoted text.
std::optional<std::size_t> last_open_quote(std::string_view text);

} // namespace backplan::catalog
