#include "cli/commands.hpp"

#include "plan/planner.hpp"
#include "render/render.hpp"
#include "util/exit_status.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>

namespace backplan::cli {

namespace {

struct PlanOptions {
  std::vector<std::string> conditions;
  std::vector<std::string> condition_flags;  ///< ids set by --knee, --prolapse, ...
  int minutes = 10;
  std::vector<std::string> goals;
  std::vector<std::string> regions;
  std::string level;
  std::string setting = "floor";
  std::uint64_t seed = 0;
  std::string format = "text";
  std::string output;
  std::size_t width = 0;
  bool explain = false;
};

std::string no_plan_message(const plan::Plan& plan, bool explain)
{
  std::map<std::string, int> counts;
  for (const auto& left : plan.left_out) {
    ++counts[left.reason];
  }
  std::string message;
  if (counts.contains("time")) {
    message = fmt::format("backplan: no safe plan: no safe exercise fits in {} minute{}.\n",
                          plan.request.minutes, plan.request.minutes == 1 ? "" : "s");
  } else {
    std::vector<std::string> parts;
    const std::vector<std::pair<std::string, std::string>> reasons = {
      {"condition", "your conditions"}, {"setting", "the setting"}, {"level", "the level"},
      {"region", "the regions"},        {"goal", "the goals"}};
    for (const auto& [reason, words] : reasons) {
      if (counts.contains(reason)) {
        parts.push_back(fmt::format("{} by {}", counts[reason], words));
      }
    }
    message = fmt::format("backplan: no safe plan: none of the {} exercises is safe for you and "
                          "matches the request (left out: {}).\n",
                          plan.left_out.size(), util::join(parts, ", "));
  }
  message += "Try fewer filters or a longer time, and ask a physiotherapist which exercises "
             "suit you.\n";
  if (!explain) {
    return message + "Run with --explain to see why each exercise was left out.\n";
  }
  for (const auto& left : plan.left_out) {
    message += fmt::format("  {}: {}: {}\n", left.id, left.reason, left.detail);
  }
  return message;
}

void run_plan(const Context& context, const PlanOptions& options)
{
  const auto& catalog = context.catalog();
  plan::Request request;
  auto names = options.conditions;
  names.insert(names.end(), options.condition_flags.begin(), options.condition_flags.end());
  request.conditions = resolve_conditions(catalog, names);
  request.minutes = options.minutes;
  request.goals = flatten(options.goals);
  check_ids("goal", request.goals, catalog.goals.ids());
  request.regions = flatten(options.regions);
  check_ids("region", request.regions, catalog.regions.ids());
  if (!options.level.empty()) {
    check_ids("level", {options.level}, catalog.levels.ids());
  }
  request.level = options.level;
  request.setting = options.setting;
  request.seed = options.seed;

  const plan::Plan plan = plan::make_plan(catalog, request);
  if (plan.items.empty()) {
    throw Failure{ExitStatus::no_safe_plan, no_plan_message(plan, options.explain)};
  }
  render::TextOptions text;
  const bool to_stdout = options.output.empty() || options.output == "-";
  text.width = options.width > 0 ? options.width : (to_stdout ? util::terminal_width(80) : 80);
  text.color = to_stdout && util::use_color(context.color);
  text.explain = options.explain;
  for (const auto& format : render::plan_formats()) {
    if (options.format == format.name) {
      write_output(format.render(plan, text), options.output);
    }
  }
}

} // namespace

Runner add_plan_command(CLI::App& app, Context& context)
{
  auto options = std::make_shared<PlanOptions>();
  CLI::App* command = app.add_subcommand("plan", "build a timed plan that fits the time budget");
  add_list_option(*command, "-c,--condition", options->conditions, "your conditions, by id or alias (comma list, repeatable)");
  const auto& conditions = context.catalog_shapes_options() ? context.loaded().catalog.conditions
                                                            : catalog::Vocabulary{};
  for (const auto& term : conditions.terms) {
    try {
      command->add_flag_callback("--" + term.id,
                                 [options, id = term.id] { options->condition_flags.push_back(id); },
                                 fmt::format("same as --condition {} ({})", term.id, term.name));
    } catch (const CLI::OptionAlreadyAdded&) {
      // A user catalog's condition named like an option keeps only -c ID.
    }
  }
  command->add_option("-m,--minutes", options->minutes, "time budget in minutes, 1 to 180 (default 10)")
    ->check(CLI::Range(1, 180))
    ->type_name("N");
  add_list_option(*command, "-g,--goal", options->goals, "goals to cover (comma list, repeatable)");
  add_list_option(*command, "-r,--region", options->regions, "body regions to cover (comma list, repeatable)");
  command->add_option("--level", options->level, "highest level to include, e.g. gentle")->type_name("ID");
  command->add_option("--setting", options->setting, "floor (default) or desk: seated and standing only")
    ->check(CLI::IsMember({"floor", "desk"}));
  command->add_option("--seed", options->seed, "choose another selection; same seed, same plan")
    ->type_name("N");
  add_format_option(*command, options->format, render::plan_format_names());
  command->add_option("-o,--output", options->output, "write to FILE (atomically) instead of stdout")
    ->type_name("FILE");
  command->add_option("--width", options->width, "wrap text to N columns (default: the terminal's)")
    ->check(CLI::Range(20, 1000))
    ->type_name("N");
  command->add_flag("--explain", options->explain, "also list every exercise left out and why");
  return [&context, options] { run_plan(context, *options); };
}

} // namespace backplan::cli
