#include "cli/commands.hpp"

#include "util/exit_status.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

Runner add_check_command(CLI::App& app, Context& context)
{
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand(
    "check", "validate catalog files or directories (default: the catalog in use) and report "
             "every problem");
  command->add_option("PATH", *paths, "YAML files or directories to check")->type_name("PATH");
  return [&context, paths] {
    const auto result = catalog::load(context.layers(*paths));
    std::string errors;
    for (const auto& diagnostic : result.errors) {
      errors += diagnostic.str() + "\n";
    }
    if (!errors.empty()) {
      throw Failure{ExitStatus::invalid_catalog, errors};
    }
    for (const auto& note : result.notes) {
      fmt::print(stderr, "backplan: note: {}\n", note);
    }
    const auto& c = result.catalog;
    write_output(fmt::format("ok: {} files, {} exercises, {} conditions, {} regions, {} goals, "
                             "{} positions\n",
                             result.file_count, c.exercises.size(), c.conditions.terms.size(),
                             c.regions.terms.size(), c.goals.terms.size(), c.positions.terms.size()),
                 "");
  };
}

} // namespace backplan::cli
