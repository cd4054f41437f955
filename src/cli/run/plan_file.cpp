#include "cli/run/plan_file.hpp"

#include "plan/timing.hpp"
#include "render/json.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace backplan::run {

namespace {

using Json = nlohmann::json;

/// A problem in the plan file; caught once in parse_plan_json.
struct Problem {
  std::string message;
};

/// The member `key` of the object `parent` found at `path`.
const Json& field(const Json& parent, const std::string& path, const char* key)
{
  if (!parent.is_object()) {
    throw Problem{fmt::format("{}: expected an object", path.empty() ? "the plan" : path)};
  }
  const auto found = parent.find(key);
  if (found == parent.end()) {
    throw Problem{fmt::format("{}: missing field '{}'", path.empty() ? "the plan" : path, key)};
  }
  return *found;
}

std::string child(const std::string& path, const char* key) { return path.empty() ? key : path + "." + key; }

int integer(const Json& parent, const std::string& path, const char* key, int min, int max)
{
  const Json& value = field(parent, path, key);
  if (!value.is_number_integer()) {
    throw Problem{fmt::format("{}: expected an integer", child(path, key))};
  }
  const auto number = value.get<long long>();
  if (number < min || number > max) {
    throw Problem{fmt::format("{}: {} is not within {} to {}", child(path, key), number, min, max)};
  }
  return static_cast<int>(number);
}

/// A part of a dose in seconds: null (version 3) or 0 (version 2) when the
/// dose does not use it.
int seconds(const Json& parent, const std::string& path, const char* key, int max)
{
  return field(parent, path, key).is_null() ? 0 : integer(parent, path, key, 0, max);
}

std::string text(const Json& parent, const std::string& path, const char* key)
{
  const Json& value = field(parent, path, key);
  if (!value.is_string()) {
    throw Problem{fmt::format("{}: expected a string", child(path, key))};
  }
  return value.get<std::string>();
}

bool boolean(const Json& parent, const std::string& path, const char* key)
{
  const Json& value = field(parent, path, key);
  if (!value.is_boolean()) {
    throw Problem{fmt::format("{}: expected true or false", child(path, key))};
  }
  return value.get<bool>();
}

const Json& array(const Json& parent, const std::string& path, const char* key)
{
  const Json& value = field(parent, path, key);
  if (!value.is_array()) {
    throw Problem{fmt::format("{}: expected an array", child(path, key))};
  }
  return value;
}

std::vector<std::string> texts(const Json& parent, const std::string& path, const char* key)
{
  std::vector<std::string> out;
  const Json& values = array(parent, path, key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!values[i].is_string()) {
      throw Problem{fmt::format("{}[{}]: expected a string", child(path, key), i)};
    }
    out.push_back(values[i].get<std::string>());
  }
  return out;
}

std::vector<catalog::Contraindication> rules(const Json& parent, const std::string& path, const char* key,
                                             catalog::Action action)
{
  std::vector<catalog::Contraindication> out;
  const Json& values = array(parent, path, key);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string at = fmt::format("{}[{}]", child(path, key), i);
    out.push_back({text(values[i], at, "condition"),
                   action,
                   text(values[i], at, "instruction"),
                   text(values[i], at, "basis"),
                   std::nullopt,
                   {}});
  }
  return out;
}

/// Limits that keep a hand-edited file from asking for a run of years.
constexpr int max_seconds = 24 * 3600;
constexpr int max_count = 1000;

plan::PlanItem read_item(const Json& value, const std::string& path, int lead_in)
{
  plan::PlanItem item;
  item.exercise.id = text(value, path, "id");
  item.exercise.name = text(value, path, "name");
  item.exercise.position = text(value, path, "position");
  item.position_name = text(value, path, "position_name");
  item.start = integer(value, path, "start_seconds", 0, max_seconds);
  item.duration = integer(value, path, "duration_seconds", 0, max_seconds);
  item.transition = integer(value, path, "transition_seconds", 0, max_seconds);
  // Plans saved before lead-ins: a transition was a change of position.
  item.moves =
    value.contains("changes_position") ? boolean(value, path, "changes_position") : item.transition > 0;
  const std::string at = child(path, "dosage");
  const Json& dosage = field(value, path, "dosage");
  item.dose.hold = seconds(dosage, at, "hold_seconds", max_seconds);
  item.dose.rep_seconds = seconds(dosage, at, "rep_seconds", max_seconds);
  item.dose.reps = integer(dosage, at, "reps", 1, max_count);
  item.dose.sets = integer(dosage, at, "sets", 1, max_count);
  item.dose.rest_between_reps = seconds(dosage, at, "rest_between_reps_seconds", max_seconds);
  item.dose.rest_between_sets = seconds(dosage, at, "rest_between_sets_seconds", max_seconds);
  item.exercise.per_side = boolean(dosage, at, "per_side");
  item.dosage_words = text(dosage, at, "words");
  item.exercise.edit_details().steps = texts(value, path, "steps");
  item.exercise.edit_details().cues = texts(value, path, "cues");
  item.modifications = rules(value, path, "modifications", catalog::Action::modify);
  item.cautions = rules(value, path, "cautions", catalog::Action::caution);
  const long long takes =
    static_cast<long long>(item.dose.sets) * item.dose.reps *
    (item.dose.hold + item.dose.rep_seconds + item.dose.rest_between_reps + item.dose.rest_between_sets);
  if (takes > max_seconds) {
    throw Problem{fmt::format("{}: the dosage takes more than {} s", at, max_seconds)};
  }
  // The times are the plan's own until retime_saved_plan works them out
  // again from the doses, as edited.
  item.duration = plan::duration(item.dose, item.exercise.per_side, lead_in);
  return item;
}

plan::Plan read_plan(const Json& root)
{
  const int version = integer(root, "", "schema_version", 0, 1000000);
  // Version 3 only wrote null for the parts of a dose it does not use.
  if (version != render::plan_json_version && version != 2) {
    throw Problem{fmt::format("schema_version {} is not supported (this backplan reads 2 and {})", version,
                              render::plan_json_version)};
  }
  plan::Plan plan;
  const Json& request = field(root, "", "request");
  plan.request.conditions = texts(request, "request", "conditions");
  plan.condition_names = texts(request, "request", "condition_names");
  plan.request.minutes = integer(request, "request", "minutes", 1, max_seconds / 60);
  plan.budget = plan.request.minutes * 60;
  // Plans saved before lead-ins have none.
  plan.request.lead_in = request.contains("lead_in_seconds")
                           ? integer(request, "request", "lead_in_seconds", 0, plan::max_lead_in)
                           : 0;
  const Json& items = array(root, "", "items");
  if (items.empty()) {
    throw Problem{"items: the plan has no exercises"};
  }
  if (request.contains("cleared")) {
    plan.request.cleared = boolean(request, "request", "cleared");
  }
  if (request.contains("qualifiers")) {
    const Json& qualifiers = request["qualifiers"];
    if (!qualifiers.is_object()) {
      throw Problem{"request.qualifiers: expected an object"};
    }
    for (const auto& [condition, value] : qualifiers.items()) {
      plan.request.qualifiers[condition] = text(qualifiers, "request.qualifiers", condition.c_str());
    }
  }
  int clock = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string path = fmt::format("items[{}]", i);
    plan.items.push_back(read_item(items[i], path, plan.request.lead_in));
    const auto& item = plan.items.back();
    clock += item.transition + item.duration;
    if (clock > max_seconds) {
      throw Problem{fmt::format("items: the plan takes more than {} s", max_seconds)};
    }
  }
  plan.total = clock;
  return plan;
}

} // namespace

std::variant<plan::Plan, std::string> parse_plan_json(const std::string& text)
{
  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." without its tag.
    std::string message = error.what();
    const auto at = message.find("parse error at ");
    if (at != std::string::npos) {
      message = message.substr(at + 15);
    }
    return fmt::format("not valid JSON: {}", message);
  }
  try {
    return read_plan(root);
  } catch (const Problem& problem) {
    return problem.message;
  }
}

} // namespace backplan::run
