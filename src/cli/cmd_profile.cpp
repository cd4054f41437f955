#include "cli/commands.hpp"
#include "cli/plan_options.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

Runner add_profile_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<PlanOptions>();
  add_plan_options(*command, *options, context);
  return [&context, options] {
    const Effective effective = resolve_plan_options(context, context.catalog(), *options);
    std::string out = fmt::format("{:<12}{}\n", "profile", context.profile_location());
    for (const auto& setting : effective.settings) {
      out += fmt::format("{:<12}{:<32} {}\n", setting.name, setting.value, setting.source);
    }
    write_output(out, "");
  };
}

} // namespace backplan::cli
