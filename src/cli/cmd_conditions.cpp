#include "cli/commands.hpp"

#include "backplan/safety/conditions.hpp"
#include "render/conditions.hpp"

#include <memory>

namespace backplan::cli {

Runner add_conditions_command(CLI::App* command, Context& context)
{
  auto format = std::make_shared<std::string>("text");
  add_format_option(*command, *format, {"text", "json", "csv"});
  return [&context, format] {
    const auto& catalog = context.catalog();
    std::vector<render::ConditionRow> rows;
    for (const auto& term : catalog.conditions.terms) {
      rows.push_back({&term, safety::count_effects(catalog, term.id)});
    }
    const std::string out =
      *format == "json"  ? render::conditions_json(rows)
      : *format == "csv" ? render::conditions_csv(rows)
                         : render::conditions_text(rows, catalog.exercises.size(), context.text_width(true));
    write_output(out, "");
  };
}

} // namespace backplan::cli
