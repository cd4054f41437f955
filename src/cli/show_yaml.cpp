#include "cli/show_yaml.hpp"

#include <algorithm>
#include <array>
#include <yaml-cpp/yaml.h>

namespace backplan::cli {

namespace {

/// A range as the catalog writes it: one number, or [min, max].
void emit_range(YAML::Emitter& out, const char* key, const catalog::Range& range)
{
  out << YAML::Key << key << YAML::Value;
  if (range.min == range.max) {
    out << range.min;
  } else {
    out << YAML::Flow << YAML::BeginSeq << range.min << range.max << YAML::EndSeq;
  }
}

/// A list of strings, in flow style when `flow` (ids), else one a line.
void emit_list(YAML::Emitter& out, const char* key, const std::vector<std::string>& items, bool flow)
{
  out << YAML::Key << key << YAML::Value;
  if (flow) {
    out << YAML::Flow;
  }
  out << YAML::BeginSeq;
  for (const auto& item : items) {
    out << item;
  }
  out << YAML::EndSeq;
}

/// `contraindications:` and its rules, as the catalog writes them.
void emit_rules(YAML::Emitter& out, const std::vector<catalog::Contraindication>& rules)
{
  out << YAML::Key << "contraindications" << YAML::Value << YAML::BeginSeq;
  for (const auto& rule : rules) {
    out << YAML::BeginMap << YAML::Key << "condition" << YAML::Value << rule.condition << YAML::Key
        << "action" << YAML::Value << catalog::action_name(rule.action);
    if (!rule.when.empty()) {
      emit_list(out, "when", rule.when, true);
    }
    if (!rule.instruction.empty()) {
      out << YAML::Key << "instruction" << YAML::Value << rule.instruction.str();
    }
    out << YAML::Key << "basis" << YAML::Value << rule.basis.str() << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emit_variant(YAML::Emitter& out, const char* key, const util::Box<catalog::Variant>& variant)
{
  if (!variant) {
    return;
  }
  out << YAML::Key << key << YAML::Value;
  if (variant->exercise.empty() && variant->contraindications.empty()) {
    out << variant->text;
  } else if (variant->exercise.empty()) {
    out << YAML::BeginMap << YAML::Key << "text" << YAML::Value << variant->text;
    emit_rules(out, variant->contraindications);
    out << YAML::EndMap;
  } else {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "exercise" << YAML::Value << variant->exercise
        << YAML::EndMap;
  }
}

/// A pose as the catalog writes it: what it rests on when that is not the
/// floor, what touches the floor, and its joint angles.
void emit_pose(YAML::Emitter& out, const char* key, const figure::Pose& pose)
{
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  if (pose.rest != "floor") {
    out << YAML::Key << "rest" << YAML::Value << pose.rest;
  }
  if (!pose.contacts.empty()) {
    out << YAML::Key << "contacts" << YAML::Value << YAML::Flow << pose.contacts;
  }
  for (const auto& [joint, angle] : pose.angles) {
    out << YAML::Key << joint << YAML::Value;
    if (angle == static_cast<double>(static_cast<long>(angle))) {
      out << static_cast<long>(angle);
    } else {
      out << angle;
    }
  }
  out << YAML::EndMap;
}

/// `figure:` as the catalog writes it; a modified figure is written whole.
void emit_figure(YAML::Emitter& out, const catalog::Exercise& e)
{
  const auto& figure = *e.details().figure;
  out << YAML::Key << "figure" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "view" << YAML::Value << figure::view_name(figure.view);
  emit_list(out, "props", figure.props, true);
  if (!figure.moves.empty()) {
    out << YAML::Key << "moves" << YAML::Value << figure.moves;
  }
  emit_pose(out, "start", figure.start);
  emit_pose(out, "end", figure.end);
  const bool modified = std::any_of(e.contraindications.begin(), e.contraindications.end(),
                                    [](const auto& rule) { return rule.figure.has_value(); });
  if (modified) {
    out << YAML::Key << "modified" << YAML::Value << YAML::BeginMap;
    for (const auto& rule : e.contraindications) {
      if (rule.figure) {
        out << YAML::Key << rule.condition << YAML::Value << YAML::BeginMap;
        emit_list(out, "props", rule.figure->props, true);
        emit_pose(out, "start", rule.figure->start);
        emit_pose(out, "end", rule.figure->end);
        out << YAML::EndMap;
      }
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

} // namespace

std::string exercise_yaml(const catalog::Exercise& e)
{
  YAML::Emitter out;
  out << YAML::BeginMap;
  const std::array<std::pair<const char*, const std::string*>, 4> texts = {
    {{"id", &e.id}, {"name", &e.name}, {"summary", &e.details().summary}, {"position", &e.position}}};
  for (const auto& [key, value] : texts) {
    out << YAML::Key << key << YAML::Value << *value;
  }
  emit_list(out, "regions", e.regions, true);
  emit_list(out, "goals", e.goals, true);
  if (!e.movements.empty()) {
    emit_list(out, "movements", e.movements, true);
  }
  out << YAML::Key << "kind" << YAML::Value << e.kind << YAML::Key << "level" << YAML::Value << e.level;
  out << YAML::Key << "per_side" << YAML::Value << YAML::TrueFalseBool << e.per_side;
  out << YAML::Key << "dosage" << YAML::Value << YAML::BeginMap;
  if (e.dosage.hold) {
    emit_range(out, "hold", *e.dosage.hold);
  }
  if (e.dosage.rep_seconds) {
    emit_range(out, "rep_seconds", *e.dosage.rep_seconds);
  }
  emit_range(out, "reps", e.dosage.reps);
  emit_range(out, "sets", e.dosage.sets);
  emit_range(out, "rest_between_reps", e.dosage.rest_between_reps);
  emit_range(out, "rest_between_sets", e.dosage.rest_between_sets);
  if (e.dosage.to_fatigue) {
    out << YAML::Key << "to_fatigue" << YAML::Value << true;
  }
  out << YAML::EndMap;
  emit_list(out, "steps", e.details().steps, false);
  if (!e.details().cues.empty()) {
    emit_list(out, "cues", e.details().cues, false);
  }
  if (e.details().stop_if) {
    out << YAML::Key << "stop_if" << YAML::Value << YAML::BeginMap << YAML::Key << "text" << YAML::Value
        << e.details().stop_if->text << YAML::Key << "basis" << YAML::Value << e.details().stop_if->basis
        << YAML::EndMap;
  }
  if (!e.loads.empty()) {
    emit_list(out, "loads", e.loads, true);
  }
  emit_variant(out, "easier", e.easier);
  emit_variant(out, "harder", e.harder);
  if (!e.progression_of.empty()) {
    out << YAML::Key << "progression_of" << YAML::Value << e.progression_of;
  }
  if (!e.family.empty()) {
    out << YAML::Key << "family" << YAML::Value << e.family;
  }
  if (e.end_range) {
    out << YAML::Key << "end_range" << YAML::Value << true;
  }
  if (!e.contraindications.empty()) {
    emit_rules(out, e.contraindications);
  }
  emit_list(out, "sources", e.sources, true);
  if (e.details().figure) {
    emit_figure(out, e);
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

} // namespace backplan::cli
