#include "cli/programme_file.hpp"

#include "backplan/render/render.hpp"
#include "catalog/document.hpp"
#include "cli/handout_text.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::cli {

namespace {

/// The largest programme file backplan reads, in bytes.
constexpr std::size_t max_programme_bytes = 64 * 1024;

/// The keys of a programme's own, before the profile's.
const std::vector<catalog::KeySpec> programme_keys = {{"start", true}, {"weeks", true}, {"days", true}};

programme::Programme read_programme_keys(catalog::FileReader& reader, const catalog::Entries& values)
{
  programme::Programme out;
  if (const auto it = values.find("start"); it != values.end()) {
    if (const auto start = reader.string(it->second)) {
      if (const std::string problem = iso_date_problem(*start); !problem.empty()) {
        reader.error(it->second.second, "'start' " + problem);
      }
      out.start = *start;
    }
  }
  if (const auto it = values.find("weeks"); it != values.end()) {
    const catalog::RangeSpec spec{"weeks", false, 1, programme::max_weeks, nullptr, nullptr};
    if (const auto weeks = reader.range(it->second, spec)) {
      if (weeks->min != weeks->max) {
        reader.error(it->second.second, "'weeks' must be one whole number");
      }
      out.weeks = weeks->min;
    }
  }
  if (const auto it = values.find("days"); it != values.end()) {
    std::vector<catalog::Location> places;
    const auto names = reader.strings(it->second, true, &places);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto day = programme::weekday_named(names[i]);
      if (!day) {
        reader.error(
          places[i],
          fmt::format("'{}' is not a day of the week: mon, tue, wed, thu, fri, sat or sun", names[i]));
      } else if (std::find(out.days.begin(), out.days.end(), *day) == out.days.end()) {
        out.days.push_back(*day);
      }
    }
    std::sort(out.days.begin(), out.days.end());
  }
  return out;
}

std::string yaml_list(const std::vector<std::string>& items) { return "[" + util::join(items, ", ") + "]"; }

} // namespace

std::optional<std::filesystem::path> programme_path()
{
  const auto folder = util::user_folder("XDG_CONFIG_HOME", ".config");
  if (!folder) {
    return std::nullopt;
  }
  return *folder / "programme.yaml";
}

std::optional<ProgrammeFile> load_programme(const Context& context)
{
  const auto path = programme_path();
  std::error_code error;
  if (!path || !std::filesystem::exists(*path, error)) {
    return std::nullopt;
  }
  ProgrammeFile out;
  out.path = path->string();
  std::vector<catalog::Diagnostic> errors;
  try {
    const catalog::SourceFile file{out.path, util::read_file(out.path, max_programme_bytes)};
    catalog::FileReader reader(file.name, errors);
    const auto root = catalog::parse_document(file, errors);
    if (root && !root->IsMap()) {
      reader.error(*root,
                   fmt::format("expected a mapping of programme keys, found {}", catalog::describe(*root)));
    } else if (root) {
      std::vector<catalog::KeySpec> keys = programme_keys;
      const auto& plan_keys = profile_key_specs();
      keys.insert(keys.end(), plan_keys.begin(), plan_keys.end());
      const auto values = reader.keys(*root, keys, reader.at(*root), "a programme");
      out.programme = read_programme_keys(reader, values);
      out.plan = read_profile_keys(reader, context.catalog(), render::plan_format_names(), values);
      out.plan.file = out.path;
    }
  } catch (const std::runtime_error& e) {
    errors.push_back({catalog::Location{out.path, 0, 0}, e.what()});
  }
  if (!errors.empty()) {
    sort_by_position(errors);
    std::string text;
    for (const auto& diagnostic : errors) {
      text += diagnostic.str() + "\n";
    }
    throw Failure{ExitStatus::invalid_catalog, text};
  }
  return out;
}

std::string programme_yaml(const programme::Programme& programme, const plan::Request& request)
{
  std::vector<std::string> days;
  for (const int day : programme.days) {
    days.emplace_back(programme::day_name(day));
  }
  std::vector<std::string> conditions;
  for (const auto& id : request.conditions) {
    const auto value = request.qualifiers.find(id);
    conditions.push_back(value == request.qualifiers.end() ? id : id + "=" + value->second);
  }
  std::string out = "# A back-care programme, made by 'backplan programme init'. Edit it as you like:\n"
                    "# 'backplan today' and 'backplan history' read it, and backplan(1) says what each key\n"
                    "# means. Delete it to end the programme.\n";
  out += fmt::format("start: {}\nweeks: {}\ndays: {}\n", programme.start, programme.weeks, yaml_list(days));
  out += fmt::format("minutes: {}\nconditions: {}\n", request.minutes, yaml_list(conditions));
  if (request.cleared) {
    out += "cleared: true\n";
  }
  if (!request.level.empty()) {
    out += "level: " + request.level + "\n";
  }
  out += fmt::format("goals: {}\nregions: {}\nsetting: {}\nseed: {}\nlead_in: {}\n", yaml_list(request.goals),
                     yaml_list(request.regions), request.setting, request.seed, request.lead_in);
  for (const auto& [key, ids] :
       {std::pair("include", &request.include), std::pair("exclude", &request.exclude),
        std::pair("exercises", &request.exercises)}) {
    if (!ids->empty()) {
      out += fmt::format("{}: {}\n", key, yaml_list(*ids));
    }
  }
  return out;
}

Profile programme_profile(const ProgrammeFile& file, const Profile& user)
{
  Profile out = file.plan;
  if (user.conditions) {
    std::vector<std::string> conditions = *user.conditions;
    for (const auto& id : file.plan.conditions.value_or(std::vector<std::string>{})) {
      if (std::find(conditions.begin(), conditions.end(), id) == conditions.end()) {
        conditions.push_back(id);
      }
    }
    out.conditions = std::move(conditions);
  }
  if (!out.cleared) {
    out.cleared = user.cleared;
  }
  return out;
}

} // namespace backplan::cli
