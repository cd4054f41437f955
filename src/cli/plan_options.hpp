#pragma once

#include "backplan/plan/model.hpp"
#include "cli/context.hpp"

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::cli {

/// The settings a plan may be made for (`--setting`, the profile's
/// `setting`): the floor, or a desk (seated and standing only).
inline const std::vector<std::string> plan_settings = {"floor", "desk"};

/// The time budgets a plan may have, in whole minutes (`-m`, the profile's
/// `minutes`).
inline constexpr int least_minutes = 1;
inline constexpr int most_minutes = 180;

/// The options that shape a plan, as given on the command line, with the
/// CLI11 options kept to tell whether each was given.
struct PlanOptions {
  std::vector<std::string> conditions;
  std::vector<std::string> condition_flags; ///< ids set by --knee, --prolapse, ... (ID=VALUE with a value)
  bool cleared = false;                     ///< --cleared
  int minutes = 10;
  int lead_in = 5;                    ///< --lead-in S
  std::vector<std::string> include;   ///< --include ID
  std::vector<std::string> exclude;   ///< --exclude ID
  std::vector<std::string> exercises; ///< --exercise ID: exactly these, in this order
  std::vector<std::string> doses;     ///< --dose ID=KEY N, ... (each checked by plan::parse_dose_change)
  std::vector<std::string> goals;
  std::vector<std::string> regions;
  std::string level;
  std::string setting = "floor";
  std::string seed = "0"; ///< a whole number or "daily"
  std::string format = "text";
  std::string output;                        ///< -o FILE (the plan command only)
  std::map<std::string, CLI::Option*> given; ///< setting name -> its option
};

/// Adds the options that shape a plan (conditions and their flags, minutes,
/// goals, regions, level, setting, seed) to `command`, and `--format` with
/// the choices `formats` (the plan formats when empty).
void add_plan_options(CLI::App& command, PlanOptions& options, Context& context,
                      const std::vector<std::string>& formats = {});

/// Whether the option of setting `name` was given (false for an option the
/// command does not have, or PlanOptions with no options registered).
bool was_given(const PlanOptions& options, const std::string& name);

/// Whether any option of `options` that shapes a plan was given (the
/// format aside): conditions and their flags, --cleared, minutes, ...
bool shapes_plan(const PlanOptions& options);

/// One effective setting, its value in words and where it came from:
/// "default", "profile FILE" or "command line".
struct EffectiveSetting {
  std::string name;
  std::string value;
  std::string source;
};

/// What a plan command will do: the request, the format, and each setting
/// with its source.
struct Effective {
  plan::Request request;
  std::string format;
  std::vector<EffectiveSetting> settings;
};

/// Merges the defaults, the user's profile and the command line (which
/// overrides the profile; conditions from both add up, so that a standing
/// condition is never dropped silently) and checks every id against the
/// catalog. Throws a usage Failure for an unknown value. `standing`, when
/// given, stands for the user's profile (a programme's settings).
Effective resolve_plan_options(const Context& context, const catalog::Catalog& catalog,
                               const PlanOptions& options, const Profile* standing = nullptr);

/// Lets `command` take a flag for each condition id and alias of the
/// catalog in use (`--knee`, `--hip-replacement=anterior`), which the parser
/// reads from what CLI11 leaves over into `options.condition_flags`, and
/// adds the help's footer that lists the conditions.
void add_condition_flags(CLI::App& command, PlanOptions& options, Context& context);

/// The condition that the left-over word `word` names as a flag: "--knee",
/// "--SCIATICA" or "--hip-replacement=anterior" (an id or alias in any case,
/// a value after '='); nullptr for none.
const catalog::Term* flagged_condition(const catalog::Catalog& catalog, std::string_view word);

/// What the flag of `condition` is, as completion describes it:
/// "same as --condition ID (Name)", with "[=VALUE]" for a qualifier.
std::string condition_flag_description(const catalog::Term& condition);

/// The names of a condition's flags, without the "--": its id, then each
/// alias (views of `condition`).
std::vector<std::string_view> condition_flag_names(const catalog::Term& condition);

/// The plan for `request` from the context's catalog, as `backplan plan`
/// makes it. Throws a Failure with exit status 4 and the no-plan message
/// (every exercise left out and why when `explain`) when no safe exercise
/// is left.
plan::Plan make_checked_plan(const Context& context, const plan::Request& request, bool explain);

} // namespace backplan::cli
