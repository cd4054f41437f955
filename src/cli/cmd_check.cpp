#include "cli/commands.hpp"

#include "safety/notes.hpp"
#include "util/exit_status.hpp"

#include <algorithm>
#include <tuple>
#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

/// Each exercise that puts strain on what a condition protects without a
/// rule for that condition, at its position (or its id, for its own loads).
std::vector<catalog::Diagnostic> protection_gap_diagnostics(const catalog::Catalog& catalog)
{
  std::vector<catalog::Diagnostic> out;
  for (const auto& gap : safety::protection_gaps(catalog)) {
    const auto* position = catalog.positions.find(gap.exercise->position);
    const bool from_position = position != nullptr && std::find(position->loads.begin(),
                                                                position->loads.end(),
                                                                gap.load) != position->loads.end();
    out.push_back(
      {from_position ? gap.exercise->position_where : gap.exercise->where,
       fmt::format("condition '{}' protects '{}', which {} puts strain on, but exercise '{}' has no "
                   "rule for '{}'",
                   gap.condition, gap.load,
                   from_position ? fmt::format("position '{}'", gap.exercise->position)
                                 : std::string("the exercise"),
                   gap.exercise->id, gap.condition)});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return out;
}

} // namespace

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
    if (errors.empty()) {
      for (const auto& gap : protection_gap_diagnostics(result.catalog)) {
        errors += gap.str() + "\n";
      }
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
