#pragma once

#include "catalog/file_reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace backplan::catalog {

/// A `basis`: a source id of `catalog` or "general clinical guidance".
std::optional<std::string> read_basis(FileReader& reader, const Catalog& catalog, const Entry& entry);

/// `stop_if`: a mapping of the warning's `text` and its `basis`.
std::optional<Warning> read_warning(FileReader& reader, const Catalog& catalog, const Entry& entry);

/// A list of contraindications, each naming a known condition, an action,
/// an instruction (required unless the action is `avoid`) and a basis; the
/// good ones are appended to `rules`. A condition both avoided and modified
/// or cautioned is an error.
void read_contraindications(FileReader& reader, const Catalog& catalog, const Entry& entry,
                            std::vector<Contraindication>& rules);

/// An easier or harder version: words (a string, or a mapping with `text`
/// and the version's own `contraindications`), or `exercise: ID` (checked
/// against the other exercise files later).
std::optional<Variant> read_variant(FileReader& reader, const Catalog& catalog, const Entry& entry);

/// A `dosage` mapping into `dosage`: every range within its bounds, a hold
/// or a time per repetition, and a rest between sets when there can be more
/// than one.
void read_dosage(FileReader& reader, const Entry& entry, Dosage& dosage);

} // namespace backplan::catalog
