#include "cli/commands.hpp"

#include "plan/timing.hpp"
#include "render/csv.hpp"
#include "render/json.hpp"
#include "safety/conditions.hpp"
#include "safety/notes.hpp"
#include "util/exit_status.hpp"
#include "util/terminal.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

struct ListOptions {
  std::vector<std::string> regions;
  std::vector<std::string> goals;
  std::vector<std::string> positions;
  std::vector<std::string> conditions;
  bool cleared = false;
  std::string format = "text";
};

/// The exercises `list` prints, as plain data.
struct Row {
  const catalog::Exercise* exercise;
  int typical_seconds; ///< at the middle of every dosage range
};

/// How text output is laid out: the width to fit, and whether a header
/// row names the columns (on a terminal, where a person reads it).
struct Layout {
  std::size_t width = 0; ///< 0: no limit (a pipe, without --width)
  bool header = false;
};

/// `text` cut to `width` display columns, ending in "…" when cut.
std::string truncated(const std::string& text, std::size_t width)
{
  if (util::display_width(text) <= width || width == 0) {
    return text;
  }
  std::string out;
  std::size_t columns = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts && ++columns > width - 1) {
      break;
    }
    out += text[i];
  }
  return out + "…";
}

/// One exercise a line: id, name, position, regions, typical time, aligned;
/// names are cut so that a line fits the width.
std::string list_text(const std::vector<Row>& rows, const Layout& layout)
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
  // Too wide: regions give way first, down to 10 columns, then names, down to 12.
  for (const auto& [column, least] : {std::pair<std::size_t, std::size_t>{3, 10}, {1, 12}}) {
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
    line[1] = truncated(line[1], widths[1]);
    line[3] = truncated(line[3], widths[3]);
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
std::string list_json(const std::vector<Row>& rows, const Layout& /*layout*/)
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
  return render::json_text(out);
}

/// The JSON's fields as RFC 4180 CSV with a header row; lists joined by ",".
std::string list_csv(const std::vector<Row>& rows, const Layout& /*layout*/)
{
  std::string out = render::csv_row(
    {"id", "name", "position", "regions", "goals", "kind", "level", "per_side", "typical_seconds"});
  for (const auto& row : rows) {
    const auto& e = *row.exercise;
    out +=
      render::csv_row({e.id, e.name, e.position, util::join(e.regions, ","), util::join(e.goals, ","), e.kind,
                       e.level, e.per_side ? "true" : "false", std::to_string(row.typical_seconds)});
  }
  return out;
}

/// The output formats of `list`, "text" first.
const std::vector<std::pair<std::string, std::string (*)(const std::vector<Row>&, const Layout&)>>
  list_formats = {
    {"text", list_text},
    {"json", list_json},
    {"csv", list_csv},
};

std::vector<std::string> list_format_names()
{
  std::vector<std::string> names;
  for (const auto& format : list_formats) {
    names.push_back(format.first);
  }
  return names;
}

bool any_of_in(const std::vector<std::string>& wanted, const std::vector<std::string>& have)
{
  return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
           return std::find(have.begin(), have.end(), w) != have.end();
         });
}

void run_list(const Context& context, const ListOptions& options)
{
  const auto& catalog = context.catalog();
  const auto regions = flatten(options.regions);
  check_ids("region", regions, catalog.regions.ids());
  const auto goals = flatten(options.goals);
  check_ids("goal", goals, catalog.goals.ids());
  const auto positions = flatten(options.positions);
  check_ids("position", positions, catalog.positions.ids());
  const auto conditions = resolve_conditions(catalog, options.conditions);
  const auto qualifiers = safety::settled(catalog, conditions.qualifiers);
  if (const auto referral = safety::referral(catalog, conditions.ids, qualifiers); !referral.empty()) {
    throw Failure{ExitStatus::no_safe_plan, fmt::format("backplan: no plan: {}\n", referral)};
  }

  std::vector<Row> rows;
  for (const auto& exercise : catalog.exercises) {
    if (!any_of_in(regions, exercise.regions) || !any_of_in(goals, exercise.goals) ||
        !any_of_in(positions, {exercise.position}) ||
        safety::evaluate(exercise, conditions.ids, qualifiers).excluded() ||
        safety::phase_excluding(catalog, conditions.ids, options.cleared, exercise) != nullptr) {
      continue;
    }
    rows.push_back({&exercise, plan::duration(plan::middle_dose(exercise.dosage), exercise.per_side)});
  }
  for (const auto& [name, print] : list_formats) {
    if (name == options.format) {
      const bool terminal = util::stdout_is_terminal();
      const std::size_t width = context.width > 0 ? context.width : terminal ? context.text_width(true) : 0;
      write_output(print(rows, Layout{width, terminal}), "");
    }
  }
}

} // namespace

Runner add_list_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<ListOptions>();
  add_list_option(*command, "-r,--region", options->regions, "only exercises for these regions");
  add_list_option(*command, "-g,--goal", options->goals, "only exercises for these goals");
  add_list_option(*command, "-p,--position", options->positions, "only exercises in these start positions");
  add_list_option(*command, "-c,--condition", options->conditions,
                  "only exercises these conditions do not exclude (and their early phases allow)");
  command->add_flag("--cleared", options->cleared,
                    "your surgeon or physiotherapist has cleared you: early phases no longer hold");
  add_format_option(*command, options->format, list_format_names());
  return [&context, options] { run_list(context, *options); };
}

} // namespace backplan::cli
