#include "cli/run/schedule.hpp"

#include "render/common.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::run {

Schedule make_schedule(const plan::Plan& plan)
{
  Schedule schedule;
  schedule.items = plan.items;
  int clock = 0;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    schedule.first_phase.push_back(schedule.phases.size());
    const plan::Lead lead{item.transition, item.moves, plan.request.lead_in};
    plan::for_each_phase(item.dose, item.exercise.per_side, lead, [&](const plan::Phase& phase) {
      schedule.phases.push_back({phase, i, clock});
      clock += phase.seconds;
    });
  }
  schedule.total = clock;
  for (const auto& item : plan.items) {
    const figure::Figure* drawn = render::item_figure(item);
    figure::DrawOptions options;
    options.labels = false;
    schedule.drawings.push_back(drawn != nullptr ? figure::draw(*drawn, options) : figure::Drawing{});
  }
  for (const auto& id : plan.request.conditions) {
    schedule.condition_names[id] = render::condition_name(plan, id);
  }
  return schedule;
}

std::string phase_id(plan::PhaseKind kind)
{
  switch (kind) {
  case plan::PhaseKind::change_position:
    return "change-position";
  case plan::PhaseKind::get_into_position:
    return "get-into-position";
  case plan::PhaseKind::move:
    return "move";
  case plan::PhaseKind::hold:
    return "hold";
  case plan::PhaseKind::rest_between_reps:
    return "rest-between-reps";
  case plan::PhaseKind::rest_between_sets:
    return "rest-between-sets";
  case plan::PhaseKind::switch_sides:
    return "switch-sides";
  }
  return "";
}

std::string side_words(int side) { return side == 1 ? "right side" : side == 2 ? "left side" : ""; }

namespace {

/// The phase in words with its seconds: "hold 30 s", "switch sides".
std::string phase_words(const plan::Phase& phase)
{
  switch (phase.kind) {
  case plan::PhaseKind::change_position:
    return fmt::format("change position {} s", phase.seconds);
  case plan::PhaseKind::get_into_position:
    return fmt::format("get ready {} s", phase.seconds);
  case plan::PhaseKind::move:
    return fmt::format("move {} s", phase.seconds);
  case plan::PhaseKind::hold:
    return fmt::format("hold {} s", phase.seconds);
  case plan::PhaseKind::rest_between_reps:
    return fmt::format("rest {} s", phase.seconds);
  case plan::PhaseKind::rest_between_sets:
    return fmt::format("rest between sets {} s", phase.seconds);
  case plan::PhaseKind::switch_sides:
    return fmt::format("switch sides {} s", phase.seconds);
  }
  return "";
}

/// `words` followed by the sentence `text`: after a full stop if `words`
/// has none.
void add_sentence(std::string& words, const std::string& text)
{
  words += words.ends_with('.') ? " " : ". ";
  words += text;
}

} // namespace

std::string rule_words(const Schedule& schedule, const catalog::Contraindication& rule)
{
  const auto name = schedule.condition_names.find(rule.condition);
  return fmt::format("{} — {}: {}", name != schedule.condition_names.end() ? name->second : rule.condition,
                     catalog::action_name(rule.action), rule.instruction);
}

std::string cue_words(const Schedule& schedule, std::size_t index)
{
  if (index >= schedule.phases.size()) {
    return fmt::format("done — {} exercise{}, {}", schedule.items.size(),
                       schedule.items.size() == 1 ? "" : "s", util::format_clock(schedule.total));
  }
  const auto& [phase, item_index, start] = schedule.phases[index];
  const auto& item = schedule.items[item_index];
  // Getting into the first position is no change from another.
  std::string words = (item_index == 0 && phase.kind == plan::PhaseKind::change_position
                         ? fmt::format("get into position {} s", phase.seconds)
                         : phase_words(phase)) +
                      " — " + item.exercise.name;
  const bool ready =
    phase.kind == plan::PhaseKind::change_position || phase.kind == plan::PhaseKind::get_into_position;
  if (ready) {
    words += " (" + util::lowercase_first(item.position_name) + ")";
  }
  if (phase.side > 0) {
    words += ", " + side_words(phase.side);
  }
  if (ready && !item.exercise.details().steps.empty()) {
    add_sentence(words, item.exercise.details().steps.front());
  }
  if (ready) {
    for (const auto* rules : {&item.modifications, &item.cautions}) {
      for (const auto& rule : *rules) {
        add_sentence(words, rule_words(schedule, rule));
      }
    }
  }
  const bool counting = phase.kind == plan::PhaseKind::move || phase.kind == plan::PhaseKind::hold;
  if (counting && item.dose.reps > 1) {
    words += fmt::format(", {} of {}", phase.rep, item.dose.reps);
  }
  if (counting && item.dose.sets > 1) {
    words += fmt::format(", set {} of {}", phase.set, item.dose.sets);
  }
  return words;
}

namespace {

/// "25 seconds", "1 second", "1 minute 30 seconds".
std::string spoken_seconds(int seconds)
{
  const auto unit = [](int n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  if (seconds >= 60) {
    return seconds % 60 == 0 ? unit(seconds / 60, "minute")
                             : unit(seconds / 60, "minute") + " " + unit(seconds % 60, "second");
  }
  return unit(seconds, "second");
}

/// "Get ready for Knee to chest, lying on your back, right side first. Lie
/// on your back …. Knee problems, modify: …".
std::string spoken_ready(const Schedule& schedule, const ScheduledPhase& scheduled, bool all_steps)
{
  const auto& item = schedule.items[scheduled.item];
  const std::string position = util::lowercase_first(item.position_name);
  const char* lead = scheduled.item == 0                                        ? "Get into position for"
                     : scheduled.phase.kind == plan::PhaseKind::change_position ? "Change position for"
                                                                                : "Get ready for";
  std::string words = fmt::format("{} {}, {}", lead, item.exercise.name, position);
  if (scheduled.phase.side == 1) {
    words += ", right side first";
  }
  const auto& steps = item.exercise.details().steps;
  for (std::size_t i = 0; i < steps.size() && (all_steps || i == 0); ++i) {
    add_sentence(words, steps[i]);
  }
  for (const auto* rules : {&item.modifications, &item.cautions}) {
    for (const auto& rule : *rules) {
      add_sentence(words, rule_words(schedule, rule));
    }
  }
  return words;
}

} // namespace

std::string spoken_words(const Schedule& schedule, std::size_t index, bool all_steps)
{
  if (index >= schedule.phases.size()) {
    return fmt::format("Done: {} exercise{}. Well done.", schedule.items.size(),
                       schedule.items.size() == 1 ? "" : "s");
  }
  const auto& scheduled = schedule.phases[index];
  const auto& phase = scheduled.phase;
  const auto& dose = schedule.items[scheduled.item].dose;
  const int left = dose.reps - phase.rep + 1; // repetitions left, this one included
  switch (phase.kind) {
  case plan::PhaseKind::change_position:
  case plan::PhaseKind::get_into_position:
    return spoken_ready(schedule, scheduled, all_steps);
  case plan::PhaseKind::switch_sides:
    return "Switch to your left side";
  case plan::PhaseKind::move:
    if (phase.rep == 1) {
      return dose.reps > 1 ? fmt::format("Move for {}, {} times", spoken_seconds(phase.seconds), dose.reps)
                           : fmt::format("Move for {}", spoken_seconds(phase.seconds));
    }
    return fmt::format("{} more", left);
  case plan::PhaseKind::hold:
    if (dose.rep_seconds > 0) {
      return fmt::format("Hold for {}", spoken_seconds(phase.seconds));
    }
    if (phase.rep == 1) {
      return dose.reps > 1 ? fmt::format("Hold for {}, {} times", spoken_seconds(phase.seconds), dose.reps)
                           : fmt::format("Hold for {}", spoken_seconds(phase.seconds));
    }
    return fmt::format("Hold for {}, {} more", spoken_seconds(phase.seconds), left);
  case plan::PhaseKind::rest_between_reps:
    return fmt::format("Rest for {}", spoken_seconds(phase.seconds));
  case plan::PhaseKind::rest_between_sets:
    return fmt::format("Rest for {} before set {} of {}", spoken_seconds(phase.seconds), phase.set + 1,
                       dose.sets);
  }
  return "";
}

} // namespace backplan::run
