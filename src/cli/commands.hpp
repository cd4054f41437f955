#pragma once

#include "cli/context.hpp"

#include <CLI/CLI.hpp>

namespace backplan::cli {

/// Each adds its options to `command`, its subcommand (named and described in
/// app.cpp's table of commands), and returns the work to run when it is
/// chosen. Options are registered from the catalog's vocabularies where they
/// name conditions.
Runner add_plan_command(CLI::App* command, Context& context);
Runner add_list_command(CLI::App* command, Context& context);
Runner add_show_command(CLI::App* command, Context& context);
Runner add_conditions_command(CLI::App* command, Context& context);
Runner add_check_command(CLI::App* command, Context& context);
Runner add_run_command(CLI::App* command, Context& context);
Runner add_profile_command(CLI::App* command, Context& context);
Runner add_log_command(CLI::App* command, Context& context);
Runner add_history_command(CLI::App* command, Context& context);
Runner add_programme_command(CLI::App* command, Context& context);
Runner add_today_command(CLI::App* command, Context& context);
Runner add_remind_command(CLI::App* command, Context& context);
Runner add_completion_command(CLI::App* command, Context& context);

/// `backplan __complete WORD...`: prints what may follow `backplan` and
/// `words` at the last word (the one at the cursor, maybe empty), one
/// "WORD\tWHAT" a line, or ":files" for file names. `app`, the command
/// line's parser with every command's options, bound to `context`, reads
/// the words before the cursor; the answer comes from its command tree and
/// the catalog they select.
void answer_completion(CLI::App& app, const Context& context, const std::vector<std::string>& words);

} // namespace backplan::cli
