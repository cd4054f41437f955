#include "cli/run/schedule.hpp"

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
    std::string position = item.position_name;
    if (!position.empty() && position[0] >= 'A' && position[0] <= 'Z') {
      position[0] = static_cast<char>(position[0] - 'A' + 'a');
    }
    words += " (" + position + ")";
  }
  if (phase.side > 0) {
    words += ", " + side_words(phase.side);
  }
  if (ready && !item.exercise.steps.empty()) {
    add_sentence(words, item.exercise.steps.front());
  }
  if (ready) {
    for (const auto& rule : item.modifications) {
      add_sentence(words, "Modify: " + rule.instruction);
    }
    for (const auto& rule : item.cautions) {
      add_sentence(words, "Caution: " + rule.instruction);
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

} // namespace backplan::run
