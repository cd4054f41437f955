#include "cli/plan_options.hpp"
#include "cli/number_check.hpp"

#include "backplan/plan/request.hpp"
#include "backplan/render/render.hpp"
#include "cli/die.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <tuple>

namespace backplan::cli {

namespace {

std::string describe_list(const std::vector<std::string>& items)
{
  return items.empty() ? "(none)" : util::join(items, ", ");
}

/// "10", "10m", "10min", "10 min" and "1h" are times in minutes, read as
/// util::parse_minutes reads them (the profile's `minutes` too).
CLI::Validator minutes_value()
{
  return CLI::Validator(
    [](std::string& value) {
      std::string problem = util::minutes_problem(value, least_minutes, most_minutes);
      if (problem.empty()) {
        value = std::to_string(*util::parse_minutes(value));
      }
      return problem;
    },
    "", "minutes");
}

/// A dose as plan::parse_dose_change reads it.
CLI::Validator dose_value()
{
  return CLI::Validator(
    [](const std::string& value) {
      try {
        plan::parse_dose_change(value);
        return std::string();
      } catch (const plan::UnknownName& error) {
        return std::string(error.what());
      }
    },
    "", "dose");
}

/// A seed is a whole number of 0 or more, or "daily".
CLI::Validator seed_value()
{
  return CLI::Validator(
    [](std::string& value) {
      return util::parse_seed(value) ? std::string()
                                     : fmt::format("must be a whole number of 0 or more, or 'daily', "
                                                   "found '{}'",
                                                   value);
    },
    "", "seed");
}

} // namespace

void add_plan_options(CLI::App& command, PlanOptions& options, Context& context,
                      const std::vector<std::string>& formats)
{
  const std::string conditions_group = "Conditions";
  const std::string focus_group = "Time and focus";
  const std::string output_group = "Output";
  options.given["conditions"] = add_list_option(command, "-c,--condition", options.conditions,
                                                "your conditions, by id or alias, in any case "
                                                "(comma list, repeatable; see below)")
                                  ->group(conditions_group);
  add_condition_flags(command, options, context);
  command
    .add_flag("--cleared", options.cleared,
              "your surgeon or physiotherapist has cleared you: the early-phase restrictions of your "
              "conditions no longer hold")
    ->group(conditions_group);
  options.given["minutes"] = command
                               .add_option("-m,--minutes", options.minutes,
                                           fmt::format("time budget in minutes, {} to {}, as 10, 10m, 10min, "
                                                       "10 min or 1h (default 10)",
                                                       least_minutes, most_minutes))
                               ->transform(minutes_value())
                               ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
                               ->type_name("N")
                               ->group(focus_group);
  options.given["lead_in"] =
    command
      .add_option(
        "--lead-in", options.lead_in,
        fmt::format("seconds to get ready before each exercise and each side, 0 to {} (default 5); a "
                    "change of position takes at least its own 10 s (20 s to or from the floor)",
                    plan::max_lead_in))
      ->check(number_in(0, plan::max_lead_in))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->type_name("S")
      ->group(focus_group);
  options.given["include"] =
    add_list_option(command, "--include", options.include,
                    "an exercise the plan must hold, by id (comma list, repeatable); refused with the reason "
                    "when it is not safe for your conditions or does not fit")
      ->group(focus_group);
  options.given["exclude"] = add_list_option(command, "--exclude", options.exclude,
                                             "an exercise to leave out, by id (comma list, repeatable)")
                               ->group(focus_group);
  options.given["exercises"] =
    add_list_option(command, "--exercise", options.exercises,
                    "exactly these exercises, by id, in this order (comma list, repeatable), each still "
                    "left out when not safe for your conditions, and modified for them")
      ->group(focus_group);
  options.given["doses"] =
    command
      .add_option("--dose", options.doses,
                  "ID=KEY N, ...: the dose of one exercise, within the catalog's range, with the keys hold, "
                  "move, reps, sets, rest and set-rest (\"bridge=reps 10, sets 2\"); the exercise is "
                  "included (repeatable)")
      ->check(dose_value())
      ->type_name("ID=DOSE")
      ->group(focus_group);
  options.given["goals"] =
    add_list_option(command, "-g,--goal", options.goals, "goals to cover (comma list, repeatable)")
      ->group(focus_group);
  options.given["regions"] =
    add_list_option(command, "-r,--region", options.regions, "body regions to cover (comma list, repeatable)")
      ->group(focus_group);
  options.given["level"] =
    command.add_option("--level", options.level, "highest level to include, e.g. gentle")
      ->type_name("ID")
      ->group(focus_group);
  options.given["setting"] =
    command.add_option("--setting", options.setting, "floor (default) or desk: seated and standing only")
      ->check(CLI::IsMember(plan_settings))
      ->group(focus_group);
  options.given["seed"] = command
                            .add_option("--seed", options.seed,
                                        "choose another selection, 0 or more (default 0); 'daily': a "
                                        "new one each day; same seed, same plan")
                            ->check(seed_value())
                            ->type_name("N|daily")
                            ->group(focus_group);
  options.given["format"] =
    add_format_option(command, options.format, formats.empty() ? render::plan_format_names() : formats)
      ->group(output_group);
}

namespace {

/// The conditions of the request: the profile's standing ones and the
/// command line's add up, and a value on the command line overrides the
/// profile's for its condition; with the setting `profile` shows.
void add_conditions(const catalog::Catalog& catalog, const PlanOptions& options, const Profile& profile,
                    Effective& effective)
{
  const std::string from_profile = "profile " + profile.file;
  const auto given = [&](const char* name) { return was_given(options, name); };
  std::vector<std::string> names = options.conditions;
  names.insert(names.end(), options.condition_flags.begin(), options.condition_flags.end());
  const Declared standing =
    resolve_conditions(catalog, profile.conditions.value_or(std::vector<std::string>{}));
  Declared declared = resolve_conditions(catalog, names);
  std::vector<std::string> ids = standing.ids;
  for (auto& id : declared.ids) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      ids.push_back(std::move(id));
    }
  }
  declared.qualifiers.insert(standing.qualifiers.begin(),
                             standing.qualifiers.end()); // keeps the command line's
  effective.request.conditions = std::move(ids);
  effective.request.qualifiers = std::move(declared.qualifiers);
  const bool cli_conditions = given("conditions") || !options.condition_flags.empty();
  const bool profile_conditions = profile.conditions && !profile.conditions->empty();
  std::vector<std::string> shown;
  for (const auto& id : effective.request.conditions) {
    const auto value = effective.request.qualifiers.find(id);
    shown.push_back(value == effective.request.qualifiers.end() ? id : id + "=" + value->second);
  }
  effective.settings.push_back({"conditions", describe_list(shown),
                                cli_conditions && profile_conditions ? from_profile + " and command line"
                                : cli_conditions                     ? "command line"
                                : profile_conditions                 ? from_profile
                                                                     : "default"});
}

/// The exercises included, excluded or named and the doses set, from the
/// command line or else the profile, and the handout's title, note and
/// review date from the profile (the plan command's own options override
/// them); each checked against the catalog and against each other as the
/// planner would (plan::resolved).
void add_prescription(const catalog::Catalog& catalog, const PlanOptions& options, const Profile& profile,
                      Effective& effective)
{
  const std::string from_profile = "profile " + profile.file;
  const auto given = [&](const char* name) { return was_given(options, name); };
  const auto source = [&](const char* name, bool in_profile) {
    return given(name) ? std::string("command line") : in_profile ? from_profile : std::string("default");
  };
  const auto exercise_ids = [&](const char* name, const std::vector<std::string>& from_options,
                                const std::optional<std::vector<std::string>>& in_profile) {
    auto ids = given(name) ? flatten(from_options) : in_profile.value_or(std::vector<std::string>{});
    if (!ids.empty()) { // the catalog's ids only when there are names to check against them
      check_ids("exercise", ids, catalog.exercise_ids());
    }
    effective.settings.push_back({name, describe_list(ids), source(name, in_profile.has_value())});
    return ids;
  };
  auto& request = effective.request;
  request.include = exercise_ids("include", options.include, profile.include);
  request.exclude = exercise_ids("exclude", options.exclude, profile.exclude);
  request.exercises = exercise_ids("exercises", options.exercises, profile.exercises);
  if (given("doses")) {
    request.doses.clear();
    for (const auto& text : options.doses) {
      request.doses.push_back(plan::parse_dose_change(text)); // checked by dose_value()
    }
  } else {
    request.doses = profile.doses.value_or(std::vector<plan::DoseChange>{});
  }
  std::vector<std::string> doses;
  for (const auto& change : request.doses) {
    if (const std::string problem = plan::dose_change_problem(catalog, change); !problem.empty()) {
      usage_error(fmt::format("--dose {}={}: {}", change.id, change.text, problem), "backplan plan --help");
    }
    doses.push_back(fmt::format("{}={}", change.id, change.text));
  }
  effective.settings.push_back({"doses", describe_list(doses), source("doses", profile.doses.has_value())});
  try {
    plan::resolved(catalog, request);
  } catch (const plan::UnknownName& error) {
    usage_error(error.what(), "backplan plan --help");
  }
  request.title = profile.title.value_or("");
  request.note = profile.note.value_or("");
  request.review = profile.review.value_or("");
  for (const auto& [name, value, in_profile] :
       {std::tuple("title", request.title, profile.title.has_value()),
        std::tuple("note", request.note, profile.note.has_value()),
        std::tuple("review", request.review, profile.review.has_value())}) {
    effective.settings.push_back(
      {name, value.empty() ? "(none)" : value, in_profile ? from_profile : std::string("default")});
  }
}

/// What `profile` shows for the level when none is asked for: the levels a
/// plan takes without --level.
std::string any_level_words(const catalog::Catalog& catalog)
{
  std::vector<std::string> default_levels;
  for (const auto& level : catalog.levels.terms) {
    if (!level.on_request) {
      default_levels.push_back(level.id);
    }
  }
  return default_levels.size() == catalog.levels.terms.size() ? "(any)"
         : default_levels.empty()                             ? "(none without --level)"
                                  : fmt::format("({})", util::join(default_levels, ", "));
}

} // namespace

bool was_given(const PlanOptions& options, const std::string& name)
{
  const auto found = options.given.find(name);
  return found != options.given.end() && found->second->count() > 0;
}

bool shapes_plan(const PlanOptions& options)
{
  for (const auto& [name, option] : options.given) {
    if (name != "format" && option->count() > 0) {
      return true;
    }
  }
  return options.cleared || !options.condition_flags.empty();
}

Effective resolve_plan_options(const Context& context, const catalog::Catalog& catalog,
                               const PlanOptions& options, const Profile* standing)
{
  const Profile& profile = standing != nullptr ? *standing : context.profile();
  const std::string from_profile = "profile " + profile.file;
  Effective effective;
  const auto given = [&](const char* name) { return was_given(options, name); };
  const auto source = [&](const char* name, bool in_profile) {
    return given(name) ? std::string("command line") : in_profile ? from_profile : std::string("default");
  };

  add_conditions(catalog, options, profile, effective);

  effective.request.cleared = options.cleared || profile.cleared.value_or(false);
  effective.settings.push_back({"cleared", effective.request.cleared ? "yes" : "no",
                                options.cleared               ? "command line"
                                : profile.cleared.has_value() ? from_profile
                                                              : "default"});

  effective.request.minutes = given("minutes") ? options.minutes : profile.minutes.value_or(options.minutes);
  effective.settings.push_back(
    {"minutes", std::to_string(effective.request.minutes), source("minutes", profile.minutes.has_value())});

  effective.request.goals =
    given("goals") ? flatten(options.goals) : profile.goals.value_or(std::vector<std::string>{});
  check_ids("goal", effective.request.goals, catalog.goals.ids());
  effective.settings.push_back(
    {"goals", describe_list(effective.request.goals), source("goals", profile.goals.has_value())});

  effective.request.regions =
    given("regions") ? flatten(options.regions) : profile.regions.value_or(std::vector<std::string>{});
  check_ids("region", effective.request.regions, catalog.regions.ids());
  effective.settings.push_back(
    {"regions", describe_list(effective.request.regions), source("regions", profile.regions.has_value())});

  effective.request.level = given("level") ? options.level : profile.level.value_or("");
  if (!effective.request.level.empty()) {
    check_ids("level", {effective.request.level}, catalog.levels.ids());
  }
  const std::string any_level = any_level_words(catalog);
  effective.settings.push_back({"level",
                                effective.request.level.empty() ? any_level : effective.request.level,
                                source("level", profile.level.has_value())});

  add_prescription(catalog, options, profile, effective);
  effective.request.lead_in = given("lead_in") ? options.lead_in : profile.lead_in.value_or(options.lead_in);
  effective.settings.push_back(
    {"lead_in", std::to_string(effective.request.lead_in), source("lead_in", profile.lead_in.has_value())});

  effective.request.setting = given("setting") ? options.setting : profile.setting.value_or(options.setting);
  effective.settings.push_back(
    {"setting", effective.request.setting, source("setting", profile.setting.has_value())});

  const std::string seed = given("seed") ? options.seed : profile.seed.value_or(options.seed);
  effective.request.seed = util::parse_seed(seed).value_or(0);
  effective.request.seed_given = seed;
  effective.request.date = util::today();
  effective.settings.push_back({"seed",
                                seed == "daily" ? fmt::format("daily ({})", effective.request.seed) : seed,
                                source("seed", profile.seed.has_value())});

  // An explicit -f wins; else the extension of -o; else the profile's. An
  // extension that names another format than -f, or one backplan does not
  // write, would leave a file whose name lies about what it holds.
  const auto from_extension = options.output.empty() ? std::nullopt : render::format_for_path(options.output);
  const std::string extension = options.output.empty() || options.output == "-"
                                  ? ""
                                  : std::filesystem::path(options.output).extension().string();
  if (given("format") && from_extension && *from_extension != options.format) {
    usage_error(fmt::format("-f {} does not match -o {}, whose extension names {}: change the extension, or "
                            "leave out -f",
                            options.format, options.output, *from_extension),
                "backplan plan --help");
  }
  if (!given("format") && !from_extension && !extension.empty()) {
    usage_error(
      fmt::format("-o {}: backplan does not write {} files; use .md, .html, .pdf, .json, .csv, .ms, "
                  ".roff or .txt, or give -f FORMAT",
                  options.output, extension),
      "backplan plan --help");
  }
  effective.format = given("format")  ? options.format
                     : from_extension ? *from_extension
                                      : profile.format.value_or(options.format);
  effective.settings.push_back({"format", effective.format,
                                !given("format") && from_extension
                                  ? std::string("extension of ") + options.output
                                  : source("format", profile.format.has_value())});
  return effective;
}

} // namespace backplan::cli
