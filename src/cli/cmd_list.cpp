#include "cli/commands.hpp"

#include "plan/timing.hpp"
#include "safety/conditions.hpp"
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
};

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

  std::vector<std::array<std::string, 5>> rows;
  for (const auto& exercise : catalog.exercises) {
    if (!any_of_in(regions, exercise.regions) || !any_of_in(goals, exercise.goals) ||
        !any_of_in(positions, {exercise.position}) ||
        safety::evaluate(exercise, conditions).excluded()) {
      continue;
    }
    const int seconds = plan::duration(plan::middle_dose(exercise.dosage), exercise.per_side);
    rows.push_back({exercise.id, exercise.name, exercise.position, util::join(exercise.regions, ","),
                    util::format_duration(seconds)});
  }
  std::array<std::size_t, 5> widths{};
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], util::display_width(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) {
        line += std::string(widths[c] - util::display_width(row[c]) + 2, ' ');
      }
    }
    out += line + "\n";
  }
  write_output(out, "");
}

} // namespace

Runner add_list_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<ListOptions>();
  CLI::App* command = app.add_subcommand(
    "list", "list the exercises of the catalog, one a line: id, name, position, regions, typical time");
  command->add_option("-r,--region", options->regions, "only exercises for these regions")
    ->type_name("ID[,ID...]");
  command->add_option("-g,--goal", options->goals, "only exercises for these goals")
    ->type_name("ID[,ID...]");
  command->add_option("-p,--position", options->positions, "only exercises in these start positions")
    ->type_name("ID[,ID...]");
  command->add_option("-c,--condition", options->conditions,
                      "only exercises these conditions do not exclude")
    ->type_name("ID[,ID...]");
  return [&context, options] { run_list(context, *options); };
}

} // namespace backplan::cli
