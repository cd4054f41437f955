#pragma once

#include "backplan/plan/model.hpp"
#include "cli/context.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace backplan::cli {

/// Where `plan` keeps the last plan it printed, for `run --last`:
/// $XDG_STATE_HOME/backplan/last-plan.json (~/.local/state/backplan/ by
/// default); nothing when neither is known.
std::optional<std::filesystem::path> last_plan_path();

/// The JSON `keep_last_plan` keeps for `plan`: as `plan -f json` writes
/// it, with `left_out` empty (`run --last` does not read it).
std::string last_plan_text(const plan::Plan& plan);

/// Keeps `text` (last_plan_text) at last_plan_path, atomically; a warning
/// on standard error when it cannot (the plan itself was printed).
void keep_last_plan(const std::string& text);

/// The command that runs the plan of `request` from the context's catalogs:
/// "backplan run --knee -m 10 --seed 3", every word a shell reads as it is
/// (a path quoted where it needs to be).
std::string follow_command(const Context& context, const plan::Request& request);

} // namespace backplan::cli
