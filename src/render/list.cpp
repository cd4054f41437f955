#include "render/list.hpp"

#include "render/csv.hpp"
#include "render/json.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>

namespace backplan::render {

namespace {

/// One exercise a line: id, name, position, regions, typical time, aligned;
/// names are cut so that a line fits the width.
std::string list_text(const std::vector<ListRow>& rows, const ListLayout& layout)
{
  std::vector<std::array<std::string, 5>> cells;
  if (layout.header) {
    cells.push_back({"ID", "NAME", "POSITION", "REGIONS", "TIME"});
  }
  for (const auto& row : rows) {
    const auto& e = *row.exercise;
    cells.push_back(
      {e.id, e.name, e.position, util::join(e.regions, ","), util::format_duration(row.typical_seconds)});
  }
  std::array<std::size_t, 5> widths{};
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      widths[c] = std::max(widths[c], util::display_width(line[c]));
    }
  }
  // Too wide: regions give way first, down to 10 columns, then names, down to
  // 12, then positions, down to 9; ids and times are never cut.
  for (const auto& [column, least] : {std::pair<std::size_t, std::size_t>{3, 10}, {1, 12}, {2, 9}}) {
    std::size_t total = 4 * 2;
    for (const auto width : widths) {
      total += width;
    }
    if (layout.width > 0 && total > layout.width) {
      widths[column] = std::max(least, widths[column] - std::min(widths[column], total - layout.width));
    }
  }
  std::string out;
  for (auto& line : cells) {
    line[1] = util::truncate_to_width(line[1], widths[1]);
    line[2] = util::truncate_to_width(line[2], widths[2]);
    line[3] = util::truncate_to_width(line[3], widths[3]);
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += line[c];
      if (c + 1 < line.size()) {
        text += std::string(widths[c] - util::display_width(line[c]) + 2, ' ');
      }
    }
    out += text + "\n";
  }
  return out;
}

/// An array of {id, name, position, regions, goals, kind, level, per_side,
/// typical_seconds}.
std::string list_json(const std::vector<ListRow>& rows, const ListLayout& /*layout*/)
{
  auto out = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    const auto& e = *row.exercise;
    nlohmann::ordered_json entry;
    entry["id"] = e.id;
    entry["name"] = e.name;
    entry["position"] = e.position;
    entry["regions"] = e.regions;
    entry["goals"] = e.goals;
    entry["kind"] = e.kind;
    entry["level"] = e.level;
    entry["per_side"] = e.per_side;
    entry["typical_seconds"] = row.typical_seconds;
    out.push_back(std::move(entry));
  }
  return json_text(out);
}

/// The JSON's fields as RFC 4180 CSV with a header row; lists joined by ",".
std::string list_csv(const std::vector<ListRow>& rows, const ListLayout& /*layout*/)
{
  std::string out =
    csv_row({"id", "name", "position", "regions", "goals", "kind", "level", "per_side", "typical_seconds"});
  for (const auto& row : rows) {
    const auto& e = *row.exercise;
    out += csv_row({e.id, e.name, e.position, util::join(e.regions, ","), util::join(e.goals, ","), e.kind,
                    e.level, e.per_side ? "true" : "false", std::to_string(row.typical_seconds)});
  }
  return out;
}

} // namespace

const std::vector<ListFormat>& list_formats()
{
  static const std::vector<ListFormat> formats = {
    {"text", list_text},
    {"json", list_json},
    {"csv", list_csv},
  };
  return formats;
}

} // namespace backplan::render
