#pragma once

#include "cli/context.hpp"

#include <CLI/CLI.hpp>

namespace backplan::cli {

/// Each adds its subcommand to `app` (the completion adder also adds the
/// hidden `__complete`, before `completion`) and returns the work to run when
/// the last subcommand it added is chosen. Options are registered from the
/// catalog's vocabularies where they name conditions.
Runner add_plan_command(CLI::App& app, Context& context);
Runner add_list_command(CLI::App& app, Context& context);
Runner add_show_command(CLI::App& app, Context& context);
Runner add_conditions_command(CLI::App& app, Context& context);
Runner add_check_command(CLI::App& app, Context& context);
Runner add_run_command(CLI::App& app, Context& context);
Runner add_profile_command(CLI::App& app, Context& context);
Runner add_completion_command(CLI::App& app, Context& context);

} // namespace backplan::cli
