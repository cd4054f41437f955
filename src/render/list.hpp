#pragma once

#include "backplan/catalog/model.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace backplan::render {

/// An exercise `list` prints, as plain data.
struct ListRow {
  const catalog::Exercise* exercise;
  int typical_seconds; ///< at the middle of every dosage range
};

/// How text output is laid out: the width to fit, and whether a header
/// row names the columns (on a terminal, where a person reads it).
struct ListLayout {
  std::size_t width = 0; ///< 0: no limit (a pipe, without --width)
  bool header = false;
};

/// A `list` output format: its name and the function that prints the rows.
struct ListFormat {
  const char* name;
  std::string (*print)(const std::vector<ListRow>& rows, const ListLayout& layout);
};

/// The output formats of `list`, "text" first: text (one exercise a line:
/// id, name, position, regions, typical time, aligned; names cut to fit the
/// width), json (an array of objects) and csv (the JSON's fields, RFC 4180).
const std::vector<ListFormat>& list_formats();

} // namespace backplan::render
