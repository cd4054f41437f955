#include "cli/commands.hpp"

#include "safety/conditions.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::cli {

Runner add_conditions_command(CLI::App& app, Context& context)
{
  app.add_subcommand("conditions",
                     "list the conditions backplan knows and what each changes in a plan");
  return [&context] {
    const auto& catalog = context.catalog();
    std::string out;
    for (const auto& term : catalog.conditions.terms) {
      const auto counts = safety::count_effects(catalog, term.id);
      out += fmt::format("{}  {}\n", term.id, term.name);
      if (!term.aliases.empty()) {
        out += fmt::format("    aliases: {}\n", util::join(term.aliases, ", "));
      }
      for (const auto& line : util::wrap(term.description, 72)) {
        out += "    " + line + "\n";
      }
      out += fmt::format("    excludes {}, modifies {}, cautions {} of {} exercises\n\n",
                         counts.avoided, counts.modified, counts.cautioned,
                         catalog.exercises.size());
    }
    write_output(out, "");
  };
}

} // namespace backplan::cli
