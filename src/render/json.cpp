#include "render/json.hpp"

#include "render/common.hpp"

#include <algorithm>
#include <utility>

namespace backplan::render {

namespace {

using Json = nlohmann::ordered_json;

/// Adds `key` to the object `object` (a null value becomes an empty
/// object) with `value`, after the keys it has: every document names each
/// key once, in order, so the search for one already there that
/// operator[] makes for every key is skipped.
template<class T>
void put(Json& object, const char* key, T&& value)
{
  if (object.is_null()) {
    object = Json::object();
  }
  object.get_ref<Json::object_t&>().emplace_back(key, Json(std::forward<T>(value)));
}

/// A part of a dose in seconds, or null when the dose does not use it.
Json seconds_or_null(int seconds) { return seconds > 0 ? Json(seconds) : Json(nullptr); }

/// The sources of `ids`, each as {id, citation} with the citation `cited`
/// gives it (null for an id it does not know).
Json item_sources_json(const std::vector<std::string>& ids, const std::vector<catalog::Citation>& cited)
{
  Json out = Json::array();
  for (const auto& id : ids) {
    const auto found = std::find_if(cited.begin(), cited.end(),
                                    [&](const catalog::Citation& source) { return source.id == id; });
    out.push_back({{"id", id}, {"citation", found != cited.end() ? Json(found->text) : Json(nullptr)}});
  }
  return out;
}

Json request_json(const plan::Plan& plan)
{
  const auto& request = plan.request;
  Json out;
  put(out, "conditions", request.conditions);
  put(out, "condition_names", plan.condition_names);
  put(out, "qualifiers", Json::object());
  for (const auto& [condition, value] : request.qualifiers) {
    out["qualifiers"][condition] = value;
  }
  put(out, "cleared", request.cleared);
  put(out, "minutes", request.minutes);
  put(out, "goals", request.goals);
  put(out, "regions", request.regions);
  put(out, "setting", request.setting);
  put(out, "level", string_or_null(request.level));
  put(out, "seed", request.seed);
  put(out, "for", string_or_null(request.for_name));
  put(out, "clinician", string_or_null(request.clinician));
  put(out, "frequency", request.frequency);
  put(out, "lead_in_seconds", request.lead_in);
  put(out, "include", request.include);
  put(out, "exclude", request.exclude);
  put(out, "exercises", request.exercises);
  Json doses = Json::array();
  for (const auto& change : request.doses) {
    doses.push_back({{"id", change.id}, {"dose", change.text}});
  }
  put(out, "doses", doses);
  put(out, "title", string_or_null(request.title));
  put(out, "note", string_or_null(request.note));
  put(out, "review", string_or_null(request.review));
  put(out, "seed_given", string_or_null(request.seed_given));
  return out;
}

/// The rules shown beside an item, each condition by the name the plan gives it.
Json plan_rules_json(const plan::Plan& plan, const std::vector<catalog::Contraindication>& rules)
{
  return rules_json(rules, [&](const std::string& id) { return condition_name(plan, id); });
}

Json variant_json(const plan::Plan& plan, const std::optional<plan::PlanVariant>& variant)
{
  if (!variant) {
    return nullptr;
  }
  Json out;
  put(out, "text", variant->text);
  put(out, "exercise_id", string_or_null(variant->exercise_id));
  put(out, "description", string_or_null(variant->description));
  put(out, "index", variant->item_number > 0 ? Json(variant->item_number) : Json(nullptr));
  put(out, "modifications", plan_rules_json(plan, variant->modifications));
  put(out, "cautions", plan_rules_json(plan, variant->cautions));
  return out;
}

Json item_json(const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  Json dosage;
  put(dosage, "hold_seconds", seconds_or_null(item.dose.hold));
  put(dosage, "rep_seconds", seconds_or_null(item.dose.rep_seconds));
  put(dosage, "reps", item.dose.reps);
  put(dosage, "sets", item.dose.sets);
  put(dosage, "rest_between_reps_seconds", seconds_or_null(item.dose.rest_between_reps));
  put(dosage, "rest_between_sets_seconds", seconds_or_null(item.dose.rest_between_sets));
  put(dosage, "per_side", exercise.per_side);
  put(dosage, "words", item.dosage_words);

  Json out;
  put(out, "index", index + 1);
  put(out, "id", exercise.id);
  put(out, "name", exercise.name);
  put(out, "summary", exercise.details().summary);
  put(out, "position", exercise.position);
  put(out, "position_name", item.position_name);
  put(out, "kind", exercise.kind);
  put(out, "kind_name", item.kind_name);
  put(out, "level", exercise.level);
  put(out, "regions", exercise.regions);
  put(out, "goals", exercise.goals);
  put(out, "start_seconds", item.start);
  put(out, "duration_seconds", item.duration);
  put(out, "transition_seconds", item.transition);
  put(out, "changes_position", item.moves);
  put(out, "dosage", std::move(dosage));
  put(out, "steps", exercise.details().steps);
  put(out, "cues", exercise.details().cues);
  const auto& stop_if = exercise.details().stop_if;
  put(out, "stop_if", stop_if ? Json{{"text", stop_if->text}, {"basis", stop_if->basis}} : Json(nullptr));
  put(out, "modifications", plan_rules_json(plan, item.modifications));
  put(out, "cautions", plan_rules_json(plan, item.cautions));
  put(out, "easier", variant_json(plan, item.easier));
  put(out, "harder", variant_json(plan, item.harder));
  put(out, "sources", item_sources_json(exercise.sources, plan.sources));
  put(out, "cautioned_because", string_or_null(item.cautioned_because));
  put(out, "family", string_or_null(exercise.family));
  put(out, "family_because", string_or_null(item.family_because));
  put(out, "dose_because", string_or_null(item.dose_because));
  return out;
}

Json left_out_json(const plan::LeftOut& left)
{
  Json out;
  put(out, "id", left.id);
  put(out, "name", left.name);
  put(out, "reason", left.reason);
  put(out, "detail", left.detail);
  put(out, "conditions", left.conditions);
  return out;
}

Json unchanged_json(const plan::Plan& plan)
{
  Json out = Json::array();
  for (const auto& unchanged : plan.unchanged) {
    Json entry;
    put(entry, "condition", unchanged.id);
    put(entry, "condition_name", unchanged.name);
    put(entry, "note", unchanged.note);
    out.push_back(std::move(entry));
  }
  return out;
}

Json totals_json(const plan::Plan& plan)
{
  Json out;
  put(out, "budget_seconds", plan.budget);
  put(out, "total_seconds", plan.total);
  put(out, "position_changes", plan.position_changes);
  put(out, "filled", plan.filled);
  put(out, "shortfall", string_or_null(plan.shortfall));
  return out;
}

Json safety_json(const safety::SafetyNotes& safety)
{
  Json out;
  put(out, "notes", safety.general);
  put(out, "advice", Json::array());
  for (const auto& advice : safety.advice) {
    Json entry;
    put(entry, "condition", advice.condition);
    put(entry, "condition_name", advice.name);
    put(entry, "text", advice.text);
    out["advice"].push_back(std::move(entry));
  }
  put(out, "red_flags_intro", safety.red_flags_intro);
  put(out, "red_flags", Json::array());
  for (const auto& tier : safety.red_flags) {
    Json entry;
    put(entry, "tier", tier.id);
    put(entry, "name", tier.name);
    put(entry, "action", tier.action);
    put(entry, "signs", tier.signs);
    put(entry, "sources", sources_json(tier.sources));
    put(entry, "added_by_conditions", Json::array());
    for (const auto& added : tier.added) {
      Json sign;
      put(sign, "condition", added.condition);
      put(sign, "sign", added.text);
      entry["added_by_conditions"].push_back(std::move(sign));
    }
    out["red_flags"].push_back(std::move(entry));
  }
  return out;
}

} // namespace

Json string_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json sources_json(const std::vector<catalog::Citation>& sources)
{
  Json out = Json::array();
  for (const auto& source : sources) {
    out.push_back({{"id", source.id}, {"citation", source.text}});
  }
  return out;
}

Json rules_json(const std::vector<catalog::Contraindication>& rules,
                const std::function<std::string(const std::string&)>& condition_name_of)
{
  Json out = Json::array();
  for (const auto& rule : rules) {
    Json entry;
    put(entry, "condition", rule.condition);
    put(entry, "condition_name", condition_name_of(rule.condition));
    put(entry, "action", catalog::action_name(rule.action));
    put(entry, "instruction", rule.instruction);
    put(entry, "basis", rule.basis);
    put(entry, "when", rule.when.get());
    out.push_back(std::move(entry));
  }
  return out;
}

Json plan_json(const plan::Plan& plan, LeftOutList listed)
{
  Json out;
  put(out, "schema_version", plan_json_version);
  put(out, "generator", "backplan " BACKPLAN_VERSION);
  put(out, "title", plan_title(plan));
  put(out, "date", string_or_null(plan.request.date));
  put(out, "request", request_json(plan));
  Json items = Json::array();
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    items.push_back(item_json(plan, i));
  }
  put(out, "items", std::move(items));
  Json left_out = Json::array();
  if (listed == LeftOutList::listed) {
    for (const auto& left : plan.left_out) {
      left_out.push_back(left_out_json(left));
    }
  }
  put(out, "left_out", std::move(left_out));
  put(out, "totals", totals_json(plan));
  put(out, "uncovered", plan.uncovered);
  put(out, "unchanged_conditions", unchanged_json(plan));
  Json advice = Json::array();
  for (const auto& line : plan.kind_advice) {
    advice.push_back({{"kind", line.kind}, {"kind_name", line.name}, {"text", line.text}});
  }
  put(out, "kind_advice", std::move(advice));
  put(out, "safety", safety_json(plan.safety));
  put(out, "sources", sources_json(plan.sources));
  return out;
}

std::string render_json(const plan::Plan& plan, const TextOptions& /*options*/)
{
  return json_text(plan_json(plan));
}

} // namespace backplan::render
