#pragma once

#include "backplan/catalog/model.hpp"

#include <cstddef>
#include <string>

namespace backplan::render {

/// `exercise` in full as `show` prints it for a person: name and summary,
/// its terms, dosage ranges and typical time, steps, cues, the line for
/// everyone, easier and harder versions, every contraindication with its
/// basis, sources and the file it came from; wrapped to `width` columns, or
/// a paragraph a line when `width` is 0.
std::string exercise_text(const catalog::Catalog& catalog, const catalog::Exercise& exercise,
                          std::size_t width);

/// Every field of `exercise` as one JSON object, as `show -f json` prints it.
std::string exercise_json(const catalog::Catalog& catalog, const catalog::Exercise& exercise);

} // namespace backplan::render
