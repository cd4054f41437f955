#include "render/document.hpp"

#include "backplan/figure/drawing.hpp"

#include "history/report.hpp"
#include "render/common.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::render {

namespace {

/// Who the handout is for and from whom (each only when given), how often
/// to do it, then what the plan honours (conditions, time, goals, regions,
/// setting, level, seed).
std::vector<Fact> facts_of(const plan::Plan& plan)
{
  std::vector<Fact> facts;
  if (!plan.request.for_name.empty()) {
    facts.push_back({"For", plan.request.for_name});
  }
  if (!plan.request.clinician.empty()) {
    facts.push_back({"From", plan.request.clinician});
  }
  if (!plan.request.note.empty()) {
    facts.push_back({"Advice", plan.request.note});
  }
  if (!plan.request.review.empty()) {
    facts.push_back({"Review", "on " + plan.request.review});
  }
  facts.push_back({"How often", plan.request.frequency});
  facts.push_back({"Made for", plan.condition_names.empty() ? "no declared conditions"
                                                            : util::join(plan.condition_names, ", ")});
  facts.push_back(
    {"Time",
     fmt::format("{} of {} ({} exercise{}, {} position change{})", util::format_clock(plan.total, false),
                 util::format_clock(plan.budget, false), plan.items.size(), plan.items.size() == 1 ? "" : "s",
                 plan.position_changes, plan.position_changes == 1 ? "" : "s")});
  facts.push_back(
    {"Goals", plan.goal_names.empty() ? "a balanced back routine" : util::join(plan.goal_names, ", ")});
  if (!plan.region_names.empty()) {
    facts.push_back({"Regions", util::join(plan.region_names, ", ")});
  }
  facts.push_back({"Setting", plan.request.setting == "desk" ? "at a desk: seated and standing only"
                                                             : "floor, chair and standing"});
  if (!plan.request.level.empty()) {
    facts.push_back({"Level", fmt::format("up to {}", plan.request.level)});
  }
  facts.push_back({"Seed", std::to_string(plan.request.seed), true});
  return facts;
}

/// The shortfall, each condition that changed nothing, each gap, and each
/// kind's advice.
std::vector<Note> plan_notes(const plan::Plan& plan)
{
  std::vector<Note> notes;
  if (!plan.shortfall.empty()) {
    notes.push_back({NoteKind::shortfall, "Note", plan.shortfall});
  }
  for (const auto& unchanged : plan.unchanged) {
    notes.push_back({NoteKind::unchanged, "Note", unchanged.note + "."});
  }
  for (const auto& gap : plan.uncovered) {
    notes.push_back({NoteKind::uncovered, "Not covered", gap});
  }
  for (const auto& advice : plan.kind_advice) {
    notes.push_back({NoteKind::kind_advice, advice.name, advice.text});
  }
  return notes;
}

SafetySection safety_of(const safety::SafetyNotes& safety)
{
  SafetySection out;
  for (const auto& note : safety.general) {
    out.general.push_back({NoteKind::general, "", note});
  }
  for (const auto& advice : safety.advice) {
    out.advice.push_back({NoteKind::advice, advice.name, advice.text});
  }
  out.red_flags_intro = {NoteKind::red_flags_intro, "", safety.red_flags_intro};
  for (const auto& tier : safety.red_flags) {
    RedFlagTier block{tier.id, {NoteKind::red_flag_tier, tier.name, tier.action}, {}};
    for (const auto& sign : tier.signs) {
      block.signs.push_back({NoteKind::red_flag_sign, "", sign});
    }
    out.tiers.push_back(std::move(block));
  }
  out.citations = red_flag_citations(safety);
  return out;
}

/// Modifications, then cautions, each labelled "Condition — action".
std::vector<Note> rule_notes(const plan::Plan& plan,
                             const std::vector<catalog::Contraindication>& modifications,
                             const std::vector<catalog::Contraindication>& cautions)
{
  std::vector<Note> notes;
  for (const auto& rule : modifications) {
    notes.push_back({NoteKind::modification, rule_label(plan, rule), rule.instruction.str()});
  }
  for (const auto& rule : cautions) {
    notes.push_back({NoteKind::caution, rule_label(plan, rule), rule.instruction.str()});
  }
  return notes;
}

ExerciseBlock exercise_of(const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  ExerciseBlock out;
  out.number = index + 1;
  out.id = exercise.id;
  out.name = exercise.name;
  out.start = util::format_clock(item.start);
  out.time = util::format_duration(item.duration);
  out.transition = item.transition;
  if (item.moves) {
    out.ready =
      fmt::format("{}: {} s", index == 0 ? "get into position" : "change position", item.transition);
  }
  out.kind = item.kind_name;
  out.position = item.position_name;
  const auto& details = exercise.details();
  out.summary = details.summary;
  out.dosage = item.dosage_words;
  out.marked = has_condition_note(item);
  out.drawn = item_figure(item);
  for (const auto& note : {figure_note(item), figure_caption(exercise)}) {
    if (!note.empty()) {
      out.figure_notes.push_back(note);
    }
  }
  out.steps = details.steps;
  out.cues = details.cues;
  if (details.stop_if) {
    out.notes.push_back({NoteKind::everyone, everyone_label, details.stop_if->text});
  }
  const auto rules = rule_notes(plan, item.modifications, item.cautions);
  out.notes.insert(out.notes.end(), rules.begin(), rules.end());
  for (const auto& [label, variant] : {std::pair{"Easier", &item.easier}, {"Harder", &item.harder}}) {
    if (*variant) {
      out.versions.push_back({label, (*variant)->text, variant_words(**variant), (*variant)->item_number,
                              rule_notes(plan, (*variant)->modifications, (*variant)->cautions)});
    }
  }
  out.item = &item;
  return out;
}

Explanation explanation_of(const plan::Plan& plan)
{
  Explanation out;
  for (const auto& item : plan.items) {
    for (const auto* why : {&item.cautioned_because, &item.family_because, &item.dose_because}) {
      if (!why->empty()) {
        out.chosen.emplace_back(fmt::format("{} ({})", item.exercise.name, item.exercise.id), *why);
      }
    }
  }
  for (const auto& left : plan.left_out) {
    out.left_out.push_back({left.id, left.name, left.reason, left.detail});
  }
  return out;
}

} // namespace

const char* note_kind_name(NoteKind kind)
{
  switch (kind) {
  case NoteKind::shortfall:
    return "shortfall";
  case NoteKind::unchanged:
    return "unchanged";
  case NoteKind::uncovered:
    return "uncovered";
  case NoteKind::kind_advice:
    return "kind advice";
  case NoteKind::general:
    return "general";
  case NoteKind::advice:
    return "advice";
  case NoteKind::red_flags_intro:
    return "red flags intro";
  case NoteKind::red_flag_tier:
    return "red flag tier";
  case NoteKind::red_flag_sign:
    return "red flag sign";
  case NoteKind::everyone:
    return "everyone";
  case NoteKind::modification:
    return "modification";
  case NoteKind::caution:
    return "caution";
  }
  return "?";
}

std::vector<LogWeek> log_weeks(const plan::ProgrammeSheet& programme)
{
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<LogWeek> out;
  const std::string first_monday = history::add_days(programme.start, -history::weekday(programme.start));
  const std::string last = history::add_days(programme.start, 7 * programme.weeks - 1);
  for (int week = 0; week < programme.weeks + 1; ++week) {
    const std::string monday = history::add_days(first_monday, 7 * week);
    if (monday > last) {
      break;
    }
    LogWeek row;
    row.number = week + 1;
    row.from =
      fmt::format("{} {}", std::stoi(monday.substr(8, 2)), months[std::stoi(monday.substr(5, 2)) - 1]);
    for (int d = 0; d < 7; ++d) {
      const std::string day = history::add_days(monday, d);
      row.due[static_cast<std::size_t>(d)] =
        day >= programme.start && day <= last &&
        std::find(programme.days.begin(), programme.days.end(), d) != programme.days.end();
    }
    out.push_back(row);
  }
  return out;
}

Document make_document(const plan::Plan& plan, bool explain)
{
  Document out;
  out.title = plan_title(plan);
  out.client = plan.request.for_name;
  out.clinician = plan.request.clinician;
  out.sessions_per_day = sessions_a_day(plan.request.frequency);
  if (plan.programme) {
    out.log = log_weeks(*plan.programme);
  }
  out.facts = facts_of(plan);
  out.notes = plan_notes(plan);
  out.safety = safety_of(plan.safety);
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    out.exercises.push_back(exercise_of(plan, i));
  }
  out.any_marked = std::any_of(out.exercises.begin(), out.exercises.end(),
                               [](const ExerciseBlock& block) { return block.marked; });
  out.end = util::format_clock(plan.total);
  out.budget = util::format_clock(plan.budget);
  out.position_changes = plan.position_changes;
  out.lead_in = plan.request.lead_in;
  out.explain = explain;
  if (explain) {
    out.explanation = explanation_of(plan);
  }
  for (const auto& source : plan.sources) {
    out.sources.push_back(source.text);
  }
  out.seed = plan.request.seed;
  return out;
}

std::vector<const Note*> all_notes(const Document& document)
{
  std::vector<const Note*> out;
  const auto add = [&](const std::vector<Note>& notes) {
    for (const auto& note : notes) {
      out.push_back(&note);
    }
  };
  add(document.notes);
  add(document.safety.general);
  add(document.safety.advice);
  out.push_back(&document.safety.red_flags_intro);
  for (const auto& tier : document.safety.tiers) {
    out.push_back(&tier.action);
    add(tier.signs);
  }
  for (const auto& exercise : document.exercises) {
    add(exercise.notes);
    for (const auto& version : exercise.versions) {
      add(version.notes);
    }
  }
  return out;
}

std::string plan_note_line(const Note& note)
{
  return note.kind == NoteKind::uncovered ? fmt::format("{}: {}", note.label, note.text) : note.text;
}

std::string schedule_end_line(const Document& document)
{
  const std::string changes = fmt::format("{} {} of position", document.position_changes,
                                          document.position_changes == 1 ? "change" : "changes");
  if (document.lead_in == 0) {
    return fmt::format("Ends at {} of the {} planned. The start times allow time to get into the first "
                       "position and for the {}.",
                       document.end, document.budget, changes);
  }
  return fmt::format("Ends at {} of the {} planned. The start times allow {} s to get ready before each "
                     "exercise and each side, and longer for the first position and the {}.",
                     document.end, document.budget, document.lead_in, changes);
}

std::string closing_line(const Document& document)
{
  return fmt::format("Made by backplan; the same request with seed {} makes the same plan.", document.seed);
}

double figure_scale(const Document& document, double preferred, double max_width, bool stack)
{
  double scale = preferred;
  for (const auto& exercise : document.exercises) {
    if (exercise.drawn != nullptr) {
      scale = std::min(scale, figure::fitting_scale(*exercise.drawn, max_width, stack));
    }
  }
  return scale;
}

} // namespace backplan::render
