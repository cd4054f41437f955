#include "cli/commands.hpp"

#include "backplan/safety/conditions.hpp"
#include "backplan/safety/notes.hpp"
#include "cli/terminal.hpp"
#include "plan/timing.hpp"
#include "render/list.hpp"
#include "util/exit_status.hpp"
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

std::vector<std::string> list_format_names()
{
  std::vector<std::string> names;
  for (const auto& format : render::list_formats()) {
    names.emplace_back(format.name);
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

  std::vector<render::ListRow> rows;
  for (const auto& exercise : catalog.exercises) {
    if (!any_of_in(regions, exercise.regions) || !any_of_in(goals, exercise.goals) ||
        !any_of_in(positions, {exercise.position}) ||
        safety::evaluate(exercise, conditions.ids, qualifiers).excluded() ||
        safety::phase_excluding(catalog, conditions.ids, options.cleared, exercise) != nullptr) {
      continue;
    }
    rows.push_back({&exercise, plan::duration(plan::middle_dose(exercise.dosage), exercise.per_side,
                                              plan::default_lead_in)});
  }
  for (const auto& [name, print] : render::list_formats()) {
    if (name == options.format) {
      const bool terminal = cli::stdout_is_terminal();
      const std::size_t width = context.width > 0 ? context.width : terminal ? context.text_width(true) : 0;
      write_output(print(rows, render::ListLayout{width, terminal}), "");
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
