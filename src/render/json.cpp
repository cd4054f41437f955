#include "render/json.hpp"

#include "render/common.hpp"

#include <algorithm>

namespace backplan::render {

namespace {

using Json = nlohmann::ordered_json;

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
  out["conditions"] = request.conditions;
  out["condition_names"] = plan.condition_names;
  out["qualifiers"] = Json::object();
  for (const auto& [condition, value] : request.qualifiers) {
    out["qualifiers"][condition] = value;
  }
  out["cleared"] = request.cleared;
  out["minutes"] = request.minutes;
  out["goals"] = request.goals;
  out["regions"] = request.regions;
  out["setting"] = request.setting;
  out["level"] = string_or_null(request.level);
  out["seed"] = request.seed;
  out["for"] = string_or_null(request.for_name);
  out["clinician"] = string_or_null(request.clinician);
  out["frequency"] = request.frequency;
  out["lead_in_seconds"] = request.lead_in;
  out["include"] = request.include;
  out["exclude"] = request.exclude;
  out["exercises"] = request.exercises;
  Json doses = Json::array();
  for (const auto& change : request.doses) {
    doses.push_back({{"id", change.id}, {"dose", change.text}});
  }
  out["doses"] = doses;
  out["title"] = string_or_null(request.title);
  out["note"] = string_or_null(request.note);
  out["review"] = string_or_null(request.review);
  out["seed_given"] = string_or_null(request.seed_given);
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
  out["text"] = variant->text;
  out["exercise_id"] = string_or_null(variant->exercise_id);
  out["description"] = string_or_null(variant->description);
  out["index"] = variant->item_number > 0 ? Json(variant->item_number) : Json(nullptr);
  out["modifications"] = plan_rules_json(plan, variant->modifications);
  out["cautions"] = plan_rules_json(plan, variant->cautions);
  return out;
}

Json item_json(const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  Json dosage;
  dosage["hold_seconds"] = seconds_or_null(item.dose.hold);
  dosage["rep_seconds"] = seconds_or_null(item.dose.rep_seconds);
  dosage["reps"] = item.dose.reps;
  dosage["sets"] = item.dose.sets;
  dosage["rest_between_reps_seconds"] = seconds_or_null(item.dose.rest_between_reps);
  dosage["rest_between_sets_seconds"] = seconds_or_null(item.dose.rest_between_sets);
  dosage["per_side"] = exercise.per_side;
  dosage["words"] = item.dosage_words;

  Json out;
  out["index"] = index + 1;
  out["id"] = exercise.id;
  out["name"] = exercise.name;
  out["summary"] = exercise.details().summary;
  out["position"] = exercise.position;
  out["position_name"] = item.position_name;
  out["kind"] = exercise.kind;
  out["kind_name"] = item.kind_name;
  out["level"] = exercise.level;
  out["regions"] = exercise.regions;
  out["goals"] = exercise.goals;
  out["start_seconds"] = item.start;
  out["duration_seconds"] = item.duration;
  out["transition_seconds"] = item.transition;
  out["changes_position"] = item.moves;
  out["dosage"] = std::move(dosage);
  out["steps"] = exercise.details().steps;
  out["cues"] = exercise.details().cues;
  out["stop_if"] = nullptr;
  if (const auto& stop_if = exercise.details().stop_if) {
    out["stop_if"] = {{"text", stop_if->text}, {"basis", stop_if->basis}};
  }
  out["modifications"] = plan_rules_json(plan, item.modifications);
  out["cautions"] = plan_rules_json(plan, item.cautions);
  out["easier"] = variant_json(plan, item.easier);
  out["harder"] = variant_json(plan, item.harder);
  out["sources"] = item_sources_json(exercise.sources, plan.sources);
  out["cautioned_because"] = string_or_null(item.cautioned_because);
  out["family"] = string_or_null(exercise.family);
  out["family_because"] = string_or_null(item.family_because);
  out["dose_because"] = string_or_null(item.dose_because);
  return out;
}

Json left_out_json(const plan::LeftOut& left)
{
  Json out;
  out["id"] = left.id;
  out["name"] = left.name;
  out["reason"] = left.reason;
  out["detail"] = left.detail;
  out["conditions"] = left.conditions;
  return out;
}

Json unchanged_json(const plan::Plan& plan)
{
  Json out = Json::array();
  for (const auto& unchanged : plan.unchanged) {
    Json entry;
    entry["condition"] = unchanged.id;
    entry["condition_name"] = unchanged.name;
    entry["note"] = unchanged.note;
    out.push_back(std::move(entry));
  }
  return out;
}

Json totals_json(const plan::Plan& plan)
{
  Json out;
  out["budget_seconds"] = plan.budget;
  out["total_seconds"] = plan.total;
  out["position_changes"] = plan.position_changes;
  out["filled"] = plan.filled;
  out["shortfall"] = string_or_null(plan.shortfall);
  return out;
}

Json safety_json(const safety::SafetyNotes& safety)
{
  Json out;
  out["notes"] = safety.general;
  out["advice"] = Json::array();
  for (const auto& advice : safety.advice) {
    Json entry;
    entry["condition"] = advice.condition;
    entry["condition_name"] = advice.name;
    entry["text"] = advice.text;
    out["advice"].push_back(std::move(entry));
  }
  out["red_flags_intro"] = safety.red_flags_intro;
  out["red_flags"] = Json::array();
  for (const auto& tier : safety.red_flags) {
    Json entry;
    entry["tier"] = tier.id;
    entry["name"] = tier.name;
    entry["action"] = tier.action;
    entry["signs"] = tier.signs;
    entry["sources"] = sources_json(tier.sources);
    entry["added_by_conditions"] = Json::array();
    for (const auto& added : tier.added) {
      Json sign;
      sign["condition"] = added.condition;
      sign["sign"] = added.text;
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
    entry["condition"] = rule.condition;
    entry["condition_name"] = condition_name_of(rule.condition);
    entry["action"] = catalog::action_name(rule.action);
    entry["instruction"] = rule.instruction;
    entry["basis"] = rule.basis;
    entry["when"] = rule.when;
    out.push_back(std::move(entry));
  }
  return out;
}

Json plan_json(const plan::Plan& plan, LeftOutList listed)
{
  Json out;
  out["schema_version"] = plan_json_version;
  out["generator"] = "backplan " BACKPLAN_VERSION;
  out["title"] = plan_title(plan);
  out["date"] = string_or_null(plan.request.date);
  out["request"] = request_json(plan);
  Json items = Json::array();
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    items.push_back(item_json(plan, i));
  }
  out["items"] = std::move(items);
  Json left_out = Json::array();
  if (listed == LeftOutList::listed) {
    for (const auto& left : plan.left_out) {
      left_out.push_back(left_out_json(left));
    }
  }
  out["left_out"] = std::move(left_out);
  out["totals"] = totals_json(plan);
  out["uncovered"] = plan.uncovered;
  out["unchanged_conditions"] = unchanged_json(plan);
  Json advice = Json::array();
  for (const auto& line : plan.kind_advice) {
    advice.push_back({{"kind", line.kind}, {"kind_name", line.name}, {"text", line.text}});
  }
  out["kind_advice"] = std::move(advice);
  out["safety"] = safety_json(plan.safety);
  out["sources"] = sources_json(plan.sources);
  return out;
}

std::string render_json(const plan::Plan& plan, const TextOptions& /*options*/)
{
  return json_text(plan_json(plan));
}

std::string json_text(const nlohmann::ordered_json& value)
{
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace backplan::render
