#include "cli/commands.hpp"

#include "render/csv.hpp"
#include "render/json.hpp"
#include "safety/conditions.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

/// What `conditions` prints, as plain data.
struct ConditionRow {
  const catalog::Term* term;
  safety::ConditionCounts counts;
};

/// Each condition: its id and name, aliases, description wrapped to
/// `width`, and what it changes.
std::string conditions_text(const std::vector<ConditionRow>& rows, std::size_t exercises, std::size_t width)
{
  std::string out;
  for (const auto& [term, counts] : rows) {
    out += fmt::format("{}  {}\n", term->id, term->name);
    if (!term->aliases.empty()) {
      for (const auto& line : util::wrap("aliases: " + util::join(term->aliases, ", "), width - 4)) {
        out += "    " + line + "\n";
      }
    }
    for (const auto& line : util::wrap(term->description, width - 4)) {
      out += "    " + line + "\n";
    }
    for (const auto& line :
         util::wrap(fmt::format("excludes {}, modifies {}, cautions {} of {} exercises", counts.avoided,
                                counts.modified, counts.cautioned, exercises),
                    width - 4)) {
      out += "    " + line + "\n";
    }
    out += "\n";
  }
  return out;
}

/// An array of {id, name, aliases, description, excludes, modifies, cautions}.
std::string conditions_json(const std::vector<ConditionRow>& rows)
{
  auto out = nlohmann::ordered_json::array();
  for (const auto& [term, counts] : rows) {
    nlohmann::ordered_json entry;
    entry["id"] = term->id;
    entry["name"] = term->name;
    entry["aliases"] = term->aliases;
    entry["description"] = term->description;
    entry["excludes"] = counts.avoided;
    entry["modifies"] = counts.modified;
    entry["cautions"] = counts.cautioned;
    out.push_back(std::move(entry));
  }
  return render::json_text(out);
}

/// The JSON's fields as RFC 4180 CSV with a header row; aliases joined by ",".
std::string conditions_csv(const std::vector<ConditionRow>& rows)
{
  std::string out =
    render::csv_row({"id", "name", "aliases", "description", "excludes", "modifies", "cautions"});
  for (const auto& [term, counts] : rows) {
    out += render::csv_row({term->id, term->name, util::join(term->aliases, ","), term->description,
                            std::to_string(counts.avoided), std::to_string(counts.modified),
                            std::to_string(counts.cautioned)});
  }
  return out;
}

} // namespace

Runner add_conditions_command(CLI::App* command, Context& context)
{
  auto format = std::make_shared<std::string>("text");
  add_format_option(*command, *format, {"text", "json", "csv"});
  return [&context, format] {
    const auto& catalog = context.catalog();
    std::vector<ConditionRow> rows;
    for (const auto& term : catalog.conditions.terms) {
      rows.push_back({&term, safety::count_effects(catalog, term.id)});
    }
    const std::string out = *format == "json" ? conditions_json(rows)
                            : *format == "csv"
                              ? conditions_csv(rows)
                              : conditions_text(rows, catalog.exercises.size(), context.text_width(true));
    write_output(out, "");
  };
}

} // namespace backplan::cli
