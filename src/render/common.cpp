#include "render/common.hpp"

#include "figure/drawing.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::render {

std::vector<std::pair<std::string, std::string>> cautioned_choices(const plan::Plan& plan)
{
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : plan.items) {
    if (!item.cautioned_because.empty()) {
      out.emplace_back(fmt::format("{} ({})", item.exercise.name, item.exercise.id), item.cautioned_because);
    }
  }
  return out;
}

std::string plan_title(const plan::Plan& plan)
{
  return fmt::format("A {}-minute back-care plan", plan.request.minutes);
}

std::vector<std::pair<std::string, std::string>> handout_lines(const plan::Plan& plan)
{
  std::vector<std::pair<std::string, std::string>> lines;
  if (!plan.request.for_name.empty()) {
    lines.emplace_back("For", plan.request.for_name);
  }
  if (!plan.request.clinician.empty()) {
    lines.emplace_back("From", plan.request.clinician);
  }
  lines.emplace_back("How often", plan.request.frequency);
  return lines;
}

std::vector<std::pair<std::string, std::string>> handout_facts(const plan::Plan& plan)
{
  auto lines = handout_lines(plan);
  const auto facts = plan_facts(plan);
  lines.insert(lines.end(), facts.begin(), facts.end());
  return lines;
}

std::string variant_words(const plan::PlanVariant& variant)
{
  if (variant.exercise_id.empty()) {
    return variant.text;
  }
  if (variant.item_number > 0) {
    return fmt::format("{} (exercise {} in this plan)", variant.text, variant.item_number);
  }
  return variant.description.empty() ? variant.text
                                     : fmt::format("{} — {}", variant.text, variant.description);
}

std::vector<std::pair<std::string, std::string>> plan_facts(const plan::Plan& plan)
{
  std::vector<std::pair<std::string, std::string>> facts;
  facts.emplace_back("Made for", plan.condition_names.empty() ? "no declared conditions"
                                                              : util::join(plan.condition_names, ", "));
  facts.emplace_back("Time", fmt::format("{} of {} ({} exercise{}, {} position change{})",
                                         util::format_clock(plan.total, false),
                                         util::format_clock(plan.budget, false), plan.items.size(),
                                         plan.items.size() == 1 ? "" : "s", plan.position_changes,
                                         plan.position_changes == 1 ? "" : "s"));
  facts.emplace_back("Goals",
                     plan.goal_names.empty() ? "a balanced back routine" : util::join(plan.goal_names, ", "));
  if (!plan.region_names.empty()) {
    facts.emplace_back("Regions", util::join(plan.region_names, ", "));
  }
  facts.emplace_back("Setting", plan.request.setting == "desk" ? "at a desk: seated and standing only"
                                                               : "floor, chair and standing");
  if (!plan.request.level.empty()) {
    facts.emplace_back("Level", fmt::format("up to {}", plan.request.level));
  }
  facts.emplace_back("Seed", std::to_string(plan.request.seed));
  return facts;
}

std::string condition_name(const plan::Plan& plan, const std::string& id)
{
  const auto& ids = plan.request.conditions;
  for (std::size_t i = 0; i < ids.size() && i < plan.condition_names.size(); ++i) {
    if (ids[i] == id) {
      return plan.condition_names[i];
    }
  }
  return id;
}

std::string rule_label(const plan::Plan& plan, const catalog::Contraindication& rule)
{
  return fmt::format("{} — {}", condition_name(plan, rule.condition), catalog::action_name(rule.action));
}

std::string basis_words(const catalog::Contraindication& rule)
{
  return rule.basis == catalog::general_guidance ? rule.basis : fmt::format("source: {}", rule.basis);
}

std::vector<catalog::Contraindication> shown_rules(
  const std::vector<catalog::Contraindication>& modifications,
  const std::vector<catalog::Contraindication>& cautions)
{
  std::vector<catalog::Contraindication> out = modifications;
  out.insert(out.end(), cautions.begin(), cautions.end());
  return out;
}

bool has_condition_note(const plan::PlanItem& item)
{
  return !item.modifications.empty() || !item.cautions.empty();
}

std::vector<std::string> red_flag_citations(const safety::SafetyNotes& safety)
{
  std::vector<std::string> out;
  for (const auto& tier : safety.red_flags) {
    for (const auto& citation : tier.citations) {
      if (std::find(out.begin(), out.end(), citation) == out.end()) {
        out.push_back(citation);
      }
    }
  }
  return out;
}

const figure::Figure* item_figure(const plan::PlanItem& item)
{
  for (const auto& rule : item.modifications) {
    if (rule.figure) {
      return &*rule.figure;
    }
  }
  return item.exercise.figure ? &*item.exercise.figure : nullptr;
}

std::string figure_note(const plan::PlanItem& item)
{
  for (const auto& rule : item.modifications) {
    if (rule.figure) {
      return "Drawn with the change for your condition";
    }
  }
  return "";
}

std::string figure_caption(const catalog::Exercise& exercise)
{
  return exercise.per_side ? "One side shown; repeat on the other side" : "";
}

std::string exercise_svg(const figure::Figure& drawn, const catalog::Exercise& exercise)
{
  figure::DrawOptions options;
  options.height = 150;
  options.caption = figure_caption(exercise);
  return figure::to_svg(figure::draw(drawn, options), exercise.name);
}

} // namespace backplan::render
