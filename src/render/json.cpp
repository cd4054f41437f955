#include "render/json.hpp"

#include "render/common.hpp"

#include <algorithm>
#include <concepts>
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

/// A count that may be missing (a part of a dose in seconds, an item's
/// number), or null when it is: when it is 0.
template<std::integral N>
void positive_or_null(JsonWriter& out, N number)
{
  if (number > 0) {
    out.value(number);
  } else {
    out.value(nullptr);
  }
}

/// The sources of `ids`, each as {id, citation} with the citation `cited`
/// gives it (null for an id it does not know).
void item_sources(JsonWriter& out, const std::vector<std::string>& ids,
                  const std::vector<catalog::Citation>& cited)
{
  out.begin_array();
  for (const auto& id : ids) {
    const auto found = std::find_if(cited.begin(), cited.end(),
                                    [&](const catalog::Citation& source) { return source.id == id; });
    out.begin_object();
    out.member("id", id);
    out.key("citation");
    if (found != cited.end()) {
      out.value(found->text);
    } else {
      out.value(nullptr);
    }
    out.end_object();
  }
  out.end_array();
}

void request_object(JsonWriter& out, const plan::Plan& plan)
{
  const auto& request = plan.request;
  out.begin_object();
  out.member("conditions", request.conditions);
  out.member("condition_names", plan.condition_names);
  out.key("qualifiers").begin_object();
  for (const auto& [condition, value] : request.qualifiers) {
    out.member(condition, value);
  }
  out.end_object();
  out.member("cleared", request.cleared);
  out.member("minutes", request.minutes);
  out.member("goals", request.goals);
  out.member("regions", request.regions);
  out.member("setting", request.setting);
  out.key("level").value_or_null(request.level);
  out.member("seed", request.seed);
  out.key("for").value_or_null(request.for_name);
  out.key("clinician").value_or_null(request.clinician);
  out.member("frequency", request.frequency);
  out.member("lead_in_seconds", request.lead_in);
  out.member("include", request.include);
  out.member("exclude", request.exclude);
  out.member("exercises", request.exercises);
  out.key("doses").begin_array();
  for (const auto& change : request.doses) {
    out.begin_object();
    out.member("id", change.id);
    out.member("dose", change.text);
    out.end_object();
  }
  out.end_array();
  out.key("title").value_or_null(request.title);
  out.key("note").value_or_null(request.note);
  out.key("review").value_or_null(request.review);
  out.key("seed_given").value_or_null(request.seed_given);
  out.end_object();
}

/// The rules shown beside an item, each condition by the name the plan gives it.
Json plan_rules_json(const plan::Plan& plan, const std::vector<catalog::Contraindication>& rules)
{
  return rules_json(rules, [&](const std::string& id) { return condition_name(plan, id); });
}

void variant_object(JsonWriter& out, const plan::Plan& plan, const std::optional<plan::PlanVariant>& variant)
{
  if (!variant) {
    out.value(nullptr);
    return;
  }
  out.begin_object();
  out.member("text", variant->text);
  out.key("exercise_id").value_or_null(variant->exercise_id);
  out.key("description").value_or_null(variant->description);
  positive_or_null(out.key("index"), variant->item_number);
  out.member("modifications", plan_rules_json(plan, variant->modifications));
  out.member("cautions", plan_rules_json(plan, variant->cautions));
  out.end_object();
}

void dosage_object(JsonWriter& out, const plan::PlanItem& item)
{
  out.begin_object();
  positive_or_null(out.key("hold_seconds"), item.dose.hold);
  positive_or_null(out.key("rep_seconds"), item.dose.rep_seconds);
  out.member("reps", item.dose.reps);
  out.member("sets", item.dose.sets);
  positive_or_null(out.key("rest_between_reps_seconds"), item.dose.rest_between_reps);
  positive_or_null(out.key("rest_between_sets_seconds"), item.dose.rest_between_sets);
  out.member("per_side", item.exercise.per_side);
  out.member("words", item.dosage_words);
  out.end_object();
}

void item_object(JsonWriter& out, const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  const auto& details = exercise.details();
  out.begin_object();
  out.member("index", index + 1);
  out.member("id", exercise.id);
  out.member("name", exercise.name);
  out.member("summary", details.summary);
  out.member("position", exercise.position);
  out.member("position_name", item.position_name);
  out.member("kind", exercise.kind);
  out.member("kind_name", item.kind_name);
  out.member("level", exercise.level);
  out.member("regions", exercise.regions);
  out.member("goals", exercise.goals);
  out.member("start_seconds", item.start);
  out.member("duration_seconds", item.duration);
  out.member("transition_seconds", item.transition);
  out.member("changes_position", item.moves);
  dosage_object(out.key("dosage"), item);
  out.member("steps", details.steps);
  out.member("cues", details.cues);
  out.key("stop_if");
  if (details.stop_if) {
    out.begin_object();
    out.member("text", details.stop_if->text);
    out.member("basis", details.stop_if->basis);
    out.end_object();
  } else {
    out.value(nullptr);
  }
  out.member("modifications", plan_rules_json(plan, item.modifications));
  out.member("cautions", plan_rules_json(plan, item.cautions));
  variant_object(out.key("easier"), plan, item.easier);
  variant_object(out.key("harder"), plan, item.harder);
  item_sources(out.key("sources"), exercise.sources, plan.sources);
  out.key("cautioned_because").value_or_null(item.cautioned_because);
  out.key("family").value_or_null(exercise.family);
  out.key("family_because").value_or_null(item.family_because);
  out.key("dose_because").value_or_null(item.dose_because);
  out.end_object();
}

void left_out_object(JsonWriter& out, const plan::LeftOut& left)
{
  out.begin_object();
  out.member("id", left.id);
  out.member("name", left.name);
  out.member("reason", left.reason);
  out.member("detail", left.detail);
  out.member("conditions", left.conditions);
  out.end_object();
}

void unchanged_array(JsonWriter& out, const plan::Plan& plan)
{
  out.begin_array();
  for (const auto& unchanged : plan.unchanged) {
    out.begin_object();
    out.member("condition", unchanged.id);
    out.member("condition_name", unchanged.name);
    out.member("note", unchanged.note);
    out.end_object();
  }
  out.end_array();
}

void totals_object(JsonWriter& out, const plan::Plan& plan)
{
  out.begin_object();
  out.member("budget_seconds", plan.budget);
  out.member("total_seconds", plan.total);
  out.member("position_changes", plan.position_changes);
  out.member("filled", plan.filled);
  out.key("shortfall").value_or_null(plan.shortfall);
  out.end_object();
}

void red_flag_tier(JsonWriter& out, const safety::RedFlagTier& tier)
{
  out.begin_object();
  out.member("tier", tier.id);
  out.member("name", tier.name);
  out.member("action", tier.action);
  out.member("signs", tier.signs);
  out.member("sources", sources_json(tier.sources));
  out.key("added_by_conditions").begin_array();
  for (const auto& added : tier.added) {
    out.begin_object();
    out.member("condition", added.condition);
    out.member("sign", added.text);
    out.end_object();
  }
  out.end_array();
  out.end_object();
}

void safety_object(JsonWriter& out, const safety::SafetyNotes& safety)
{
  out.begin_object();
  out.member("notes", safety.general);
  out.key("advice").begin_array();
  for (const auto& advice : safety.advice) {
    out.begin_object();
    out.member("condition", advice.condition);
    out.member("condition_name", advice.name);
    out.member("text", advice.text);
    out.end_object();
  }
  out.end_array();
  out.member("red_flags_intro", safety.red_flags_intro);
  out.key("red_flags").begin_array();
  for (const auto& tier : safety.red_flags) {
    red_flag_tier(out, tier);
  }
  out.end_array();
  out.end_object();
}

void plan_object(JsonWriter& out, const plan::Plan& plan, LeftOutList listed)
{
  out.begin_object();
  out.member("schema_version", plan_json_version);
  out.member("generator", "backplan " BACKPLAN_VERSION);
  out.member("title", plan_title(plan));
  out.key("date").value_or_null(plan.request.date);
  request_object(out.key("request"), plan);
  out.key("items").begin_array();
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    item_object(out, plan, i);
  }
  out.end_array();
  out.key("left_out").begin_array();
  if (listed == LeftOutList::listed) {
    for (const auto& left : plan.left_out) {
      left_out_object(out, left);
    }
  }
  out.end_array();
  totals_object(out.key("totals"), plan);
  out.member("uncovered", plan.uncovered);
  unchanged_array(out.key("unchanged_conditions"), plan);
  out.key("kind_advice").begin_array();
  for (const auto& line : plan.kind_advice) {
    out.begin_object();
    out.member("kind", line.kind);
    out.member("kind_name", line.name);
    out.member("text", line.text);
    out.end_object();
  }
  out.end_array();
  safety_object(out.key("safety"), plan.safety);
  out.member("sources", sources_json(plan.sources));
  out.end_object();
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

std::string plan_json_text(const plan::Plan& plan, LeftOutList listed)
{
  return JsonWriter::document([&](JsonWriter& out) { plan_object(out, plan, listed); });
}

Json plan_json(const plan::Plan& plan, LeftOutList listed)
{
  return Json::parse(plan_json_text(plan, listed));
}

std::string render_json(const plan::Plan& plan, const TextOptions& /*options*/)
{
  return plan_json_text(plan, LeftOutList::listed);
}

} // namespace backplan::render
