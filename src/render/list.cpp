#include "render/list.hpp"

#include "render/csv.hpp"
#include "render/json.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <optional>

namespace backplan::render {

namespace {

/// Each exercise in two lines, for widths too narrow for the table: its id
/// and typical time, then its name and position indented, cut to fit.
std::string list_stacked(const std::vector<ListRow>& rows, std::size_t width)
{
  std::string out;
  for (const auto& row : rows) {
    const auto& e = *row.exercise;
    const std::string time = util::format_duration(row.typical_seconds);
    const std::size_t used = util::display_width(e.id) + 2 + util::display_width(time);
    out += e.id + std::string(used < width ? width - used + 2 : 2, ' ') + time + "\n";
    out += "  " +
           util::truncate_to_width(fmt::format("{} · {}", e.name, e.position), width > 2 ? width - 2 : 1) +
           "\n";
  }
  return out;
}

/// One exercise a line: id, name, position, regions, typical time, aligned,
/// fitted to the width: regions and positions are cut or left out before
/// names are cut, and a width too narrow for an id, a name and a time
/// stacks each exercise on two lines (list_stacked).
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
  std::array<std::size_t, 5> natural{};
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) {
      natural[c] = std::max(natural[c], util::display_width(line[c]));
    }
  }
  const auto total = [](const std::array<std::size_t, 5>& widths) {
    std::size_t sum = 0;
    std::size_t shown = 0;
    for (const auto width : widths) {
      sum += width;
      shown += width > 0 ? 1 : 0;
    }
    return sum + 2 * (shown - 1);
  };
  // Too wide: the first layout that keeps names whole, cutting regions to
  // 10 columns and positions to 9, with all five columns, then without
  // regions, then without positions too; where none does, the same with
  // names cut too, down to 12. Ids and times are never cut.
  std::optional<std::array<std::size_t, 5>> fitted;
  for (const bool cut_names : {false, true}) {
    for (const std::vector<std::size_t>& dropped : {std::vector<std::size_t>{}, {3}, {3, 2}}) {
      auto widths = natural;
      for (const auto column : dropped) {
        widths[column] = 0;
      }
      std::vector<std::pair<std::size_t, std::size_t>> order = {{3, 10}, {2, 9}};
      if (cut_names) {
        order.emplace_back(1, 12);
      }
      for (const auto& [column, least] : order) {
        if (layout.width > 0 && widths[column] > least && total(widths) > layout.width) {
          widths[column] =
            std::max(least, widths[column] - std::min(widths[column], total(widths) - layout.width));
        }
      }
      if (layout.width == 0 || total(widths) <= layout.width) {
        fitted = widths;
        break;
      }
    }
    if (fitted) {
      break;
    }
  }
  if (!fitted) {
    return list_stacked(rows, layout.width);
  }
  const auto& widths = *fitted;
  std::string out;
  for (auto& line : cells) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      if (widths[c] == 0) {
        continue;
      }
      const std::string cell = c == 0 || c == 4 ? line[c] : util::truncate_to_width(line[c], widths[c]);
      text += cell;
      if (c + 1 < line.size()) {
        text += std::string(widths[c] - util::display_width(cell) + 2, ' ');
      }
    }
    out += text + "\n";
  }
  return out;
}

/// {schema_version, exercises}: an array of {id, name, position, regions,
/// goals, kind, level, per_side, typical_seconds}.
std::string list_json(const std::vector<ListRow>& rows, const ListLayout& /*layout*/)
{
  auto exercises = nlohmann::ordered_json::array();
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
    exercises.push_back(std::move(entry));
  }
  return json_text({{"schema_version", catalog_json_version}, {"exercises", std::move(exercises)}});
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
