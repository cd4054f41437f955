#pragma once

#include "backplan/catalog/diagnostic.hpp"
#include "backplan/plan/model.hpp"
#include "catalog/file_reader.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace backplan::cli {

/// A user's standing defaults from a profile file; unset fields were not given.
struct Profile {
  std::string file;
  std::optional<std::vector<std::string>> conditions; ///< resolved to condition ids, ID=VALUE with a value
  std::optional<bool> cleared;
  std::optional<int> minutes;
  std::optional<int> lead_in; ///< seconds to get ready before each exercise and side
  std::optional<std::vector<std::string>> goals;
  std::optional<std::vector<std::string>> regions;
  std::optional<std::string> level;
  std::optional<std::string> setting;
  std::optional<std::string> format;
  std::optional<std::string> seed;                   ///< a whole number or "daily", as written
  std::optional<std::vector<std::string>> include;   ///< exercise ids
  std::optional<std::vector<std::string>> exclude;   ///< exercise ids
  std::optional<std::vector<std::string>> exercises; ///< exercise ids: exactly these, in this order
  std::optional<std::vector<plan::DoseChange>> doses;
  std::optional<std::string> title;
  std::optional<std::string> note;
  std::optional<std::string> review; ///< YYYY-MM-DD
};

/// The largest profile file backplan reads, in bytes.
inline constexpr std::size_t max_profile_bytes = 64 * 1024;

/// Reads and validates a profile against `catalog`: every key known, every
/// value of the right type and range, every condition (id or alias, resolved
/// by `Vocabulary::resolve`), goal, region and level known to the catalog,
/// and the format one of `formats`. Every problem goes to `errors` at its
/// node, in order of position.
Profile load_profile(const catalog::SourceFile& file, const catalog::Catalog& catalog,
                     const std::vector<std::string>& formats, std::vector<catalog::Diagnostic>& errors);

/// The profile keys of `values` (a mapping already checked for unknown
/// keys) read as load_profile reads them, each problem reported through
/// `reader`: for a file that holds profile keys among its own (a programme).
Profile read_profile_keys(catalog::FileReader& reader, const catalog::Catalog& catalog,
                          const std::vector<std::string>& formats, const catalog::Entries& values);

/// The keys a profile may have.
const std::vector<catalog::KeySpec>& profile_key_specs();

/// `diagnostics` in the order of their positions in the file.
void sort_by_position(std::vector<catalog::Diagnostic>& diagnostics);

} // namespace backplan::cli
