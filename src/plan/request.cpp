#include "backplan/plan/request.hpp"

#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"

#include "util/text.hpp"

#include <charconv>
#include <fmt/format.h>

namespace backplan::plan {

namespace {

/// The id of `name` in `vocabulary`; UnknownName("unknown WHAT 'NAME'") when
/// it names no term.
const std::string& id_of(const catalog::Vocabulary& vocabulary, const std::string& name, const char* what)
{
  const catalog::Term* term = vocabulary.resolve(name);
  if (term == nullptr) {
    throw UnknownName(fmt::format("unknown {} '{}'", what, name));
  }
  return term->id;
}

/// `names` resolved to ids in `vocabulary`, each once, in the order given.
std::vector<std::string> ids_of(const catalog::Vocabulary& vocabulary, const std::vector<std::string>& names,
                                const char* what)
{
  std::vector<std::string> out;
  for (const auto& name : names) {
    const std::string& id = id_of(vocabulary, name, what);
    if (!contains(out, id)) {
      out.push_back(id);
    }
  }
  return out;
}

/// Qualifier values keyed by condition id; two values for one condition
/// (under two of its names) are refused.
safety::Qualifiers qualifiers_by_id(const catalog::Catalog& catalog, const safety::Qualifiers& given)
{
  safety::Qualifiers out;
  for (const auto& [name, value] : given) {
    const std::string& id = id_of(catalog.conditions, name, "condition");
    const auto [at, added] = out.emplace(id, value);
    if (!added && at->second != value) {
      throw UnknownName(fmt::format("two values for condition '{}': '{}' and '{}'", id, at->second, value));
    }
  }
  return out;
}

/// One value of a dose a clinician may set: its key in `--dose`, its field
/// of DoseChange and of Dose, and whether it counts seconds.
struct DoseKey {
  const char* name;
  std::optional<int> DoseChange::*change;
  int Dose::*dose;
  bool seconds;
};

constexpr DoseKey dose_keys[] = {
  {"hold", &DoseChange::hold, &Dose::hold, true},
  {"move", &DoseChange::rep_seconds, &Dose::rep_seconds, true},
  {"reps", &DoseChange::reps, &Dose::reps, false},
  {"sets", &DoseChange::sets, &Dose::sets, false},
  {"rest", &DoseChange::rest_between_reps, &Dose::rest_between_reps, true},
  {"set-rest", &DoseChange::rest_between_sets, &Dose::rest_between_sets, true},
};

/// The catalog's range for `key` in `dosage`; nullptr when the exercise has
/// none (no hold, or no timed movement).
const catalog::Range* range_of(const catalog::Dosage& dosage, const DoseKey& key)
{
  const std::string_view name = key.name;
  if (name == "hold") {
    return dosage.hold ? &*dosage.hold : nullptr;
  }
  if (name == "move") {
    return dosage.rep_seconds ? &*dosage.rep_seconds : nullptr;
  }
  return name == "reps"   ? &dosage.reps
         : name == "sets" ? &dosage.sets
         : name == "rest" ? &dosage.rest_between_reps
                          : &dosage.rest_between_sets;
}

/// One "KEY N" (or "KEY Ns", "KEY N s") of a dose into `change`.
void read_dose_part(std::string_view part, DoseChange& change)
{
  const auto words = util::split_list(util::fold_whitespace(part), ' ');
  const auto key = std::find_if(std::begin(dose_keys), std::end(dose_keys),
                                [&](const DoseKey& k) { return !words.empty() && words[0] == k.name; });
  if (key == std::end(dose_keys)) {
    throw UnknownName(fmt::format("'{}' is not KEY N with a key of hold, move, reps, sets, rest or set-rest",
                                  util::fold_whitespace(part)));
  }
  std::string number = words.size() > 1 ? std::string(words[1]) : "";
  const bool unit = (words.size() == 3 && words[2] == "s") || (words.size() == 2 && number.ends_with('s'));
  if (words.size() == 2 && number.ends_with('s')) {
    number.pop_back();
  }
  int value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (words.size() < 2 || words.size() > 3 || (words.size() == 3 && !unit) || number.empty() ||
      error != std::errc() || end != number.data() + number.size() || value < 0) {
    throw UnknownName(fmt::format("'{}' is not {} followed by a whole number{}", util::fold_whitespace(part),
                                  key->name, key->seconds ? " of seconds" : ""));
  }
  if (unit && !key->seconds) {
    throw UnknownName(fmt::format("'{}': {} counts, not seconds", util::fold_whitespace(part), key->name));
  }
  if ((change.*(key->change)).has_value()) {
    throw UnknownName(fmt::format("{} is given twice", key->name));
  }
  change.*(key->change) = value;
}

/// The exercise ids of `request` checked and each kept once; each dose's
/// exercise included, or, when the request names its exercises, one of
/// them.
void resolve_exercises(const catalog::Catalog& catalog, Request& request)
{
  for (auto* ids : {&request.include, &request.exclude, &request.exercises}) {
    std::vector<std::string> once;
    for (const auto& id : *ids) {
      if (catalog.find(id) == nullptr) {
        throw UnknownName(fmt::format("unknown exercise '{}'", id));
      }
      if (!contains(once, id)) {
        once.push_back(id);
      }
    }
    *ids = std::move(once);
  }
  if (!request.exercises.empty() && !request.include.empty()) {
    throw UnknownName("a request names either exercises to include or exactly its exercises, not both");
  }
  std::vector<std::string> dosed;
  for (const auto& change : request.doses) {
    if (const std::string problem = dose_change_problem(catalog, change); !problem.empty()) {
      throw UnknownName(problem);
    }
    if (contains(dosed, change.id)) {
      throw UnknownName(fmt::format("two doses for exercise '{}'", change.id));
    }
    dosed.push_back(change.id);
    if (!request.exercises.empty() && !contains(request.exercises, change.id)) {
      throw UnknownName(
        fmt::format("a dose for '{}', which is not one of the exercises asked for", change.id));
    }
    if (request.exercises.empty() && !contains(request.include, change.id)) {
      request.include.push_back(change.id);
    }
  }
  for (const auto* ids : {&request.include, &request.exercises}) {
    for (const auto& id : *ids) {
      if (contains(request.exclude, id)) {
        throw UnknownName(fmt::format("exercise '{}' is both included and excluded", id));
      }
    }
  }
}

} // namespace

DoseChange parse_dose_change(std::string_view text)
{
  const auto equals = text.find('=');
  DoseChange change;
  change.id = util::fold_whitespace(text.substr(0, equals));
  if (equals == std::string_view::npos || change.id.empty()) {
    throw UnknownName("expected ID=KEY N, ..., such as 'bridge=reps 10, sets 2'");
  }
  change.text = util::fold_whitespace(text.substr(equals + 1));
  if (change.text.empty()) {
    throw UnknownName(fmt::format("no dose after '{}='", change.id));
  }
  for (const auto& part : util::split_list(change.text, ',')) {
    read_dose_part(part, change);
  }
  return change;
}

std::string dose_change_problem(const catalog::Catalog& catalog, const DoseChange& change)
{
  const catalog::Exercise* exercise = catalog.find(change.id);
  if (exercise == nullptr) {
    return fmt::format("unknown exercise '{}'", change.id);
  }
  for (const auto& key : dose_keys) {
    const auto& value = change.*(key.change);
    if (!value) {
      continue;
    }
    const catalog::Range* range = range_of(exercise->dosage, key);
    const char* unit = key.seconds ? " s" : "";
    if (range == nullptr) {
      return fmt::format("{} ({}) has no {} to set", exercise->name, exercise->id, key.name);
    }
    if (*value < range->min || *value > range->max) {
      return fmt::format("{} {}{} is outside the range the catalog gives {} ({}): {}", key.name, *value, unit,
                         exercise->name, exercise->id,
                         range->min == range->max ? fmt::format("{}{} only", range->min, unit)
                                                  : fmt::format("{} to {}{}", range->min, range->max, unit));
    }
  }
  return "";
}

Dose changed(Dose dose, const DoseChange& change)
{
  for (const auto& key : dose_keys) {
    if (const auto& value = change.*(key.change)) {
      dose.*(key.dose) = *value;
    }
  }
  return dose;
}

Request resolved(const catalog::Catalog& catalog, const Request& request)
{
  Request out = request;
  out.conditions =
    safety::with_included(catalog, ids_of(catalog.conditions, request.conditions, "condition"));
  out.qualifiers = safety::settled(catalog, qualifiers_by_id(catalog, request.qualifiers));
  out.goals = ids_of(catalog.goals, request.goals, "goal");
  out.regions = ids_of(catalog.regions, request.regions, "region");
  if (!request.level.empty()) {
    out.level = id_of(catalog.levels, request.level, "level");
  }
  resolve_exercises(catalog, out);
  if (request.setting != "floor" && request.setting != "desk") {
    throw UnknownName(fmt::format("unknown setting '{}': \"floor\" or \"desk\"", request.setting));
  }
  return out;
}

} // namespace backplan::plan
