#include "cli/run/screen.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::run {

namespace {

/// The pose is drawn when at least this many rows and columns are left,
/// and never taller than the largest.
constexpr int min_figure_rows = 4;
constexpr int max_figure_rows = 12;
constexpr int min_figure_columns = 20;

/// Display lines with the colour (an SGR parameter, empty for none) of each.
struct Line {
  std::string text;
  std::string color;
};

/// Glyphs 3 columns wide and 5 rows high for the digits and ':'.
const std::array<std::array<const char*, 5>, 11> glyphs = {{
  {"███", "█ █", "█ █", "█ █", "███"},
  {" ██", "  █", "  █", "  █", "  █"},
  {"███", "  █", "███", "█  ", "███"},
  {"███", "  █", "███", "  █", "███"},
  {"█ █", "█ █", "███", "  █", "  █"},
  {"███", "█  ", "███", "  █", "███"},
  {"███", "█  ", "███", "█ █", "███"},
  {"███", "  █", "  █", "  █", "  █"},
  {"███", "█ █", "███", "█ █", "███"},
  {"███", "█ █", "███", "  █", "███"},
  {"   ", " █ ", "   ", " █ ", "   "},
}};

/// The countdown "m:ss" (or "ss" under a minute) in large glyphs, centred.
std::vector<std::string> big_countdown(int seconds, int width)
{
  const std::string digits = seconds >= 60 ? util::format_clock(seconds, false) : std::to_string(seconds);
  std::vector<std::string> rows(5);
  for (const char c : digits) {
    const auto& glyph = glyphs[c == ':' ? 10 : static_cast<std::size_t>(c - '0')];
    for (std::size_t row = 0; row < 5; ++row) {
      rows[row] += std::string(rows[row].empty() ? "" : " ") + glyph[row];
    }
  }
  const auto margin = std::string(
    static_cast<std::size_t>(std::max(0, (width - static_cast<int>(util::display_width(rows[0]))) / 2)), ' ');
  for (auto& row : rows) {
    row.insert(0, margin);
  }
  return rows;
}

std::string phase_title(const ScheduledPhase& scheduled)
{
  switch (scheduled.phase.kind) {
  case plan::PhaseKind::change_position:
    return scheduled.item == 0 ? "GET INTO POSITION" : "CHANGE POSITION";
  case plan::PhaseKind::get_into_position:
    return "GET READY";
  case plan::PhaseKind::move:
    return "MOVE";
  case plan::PhaseKind::hold:
    return "HOLD";
  case plan::PhaseKind::rest_between_reps:
    return "REST";
  case plan::PhaseKind::rest_between_sets:
    return "REST BETWEEN SETS";
  case plan::PhaseKind::switch_sides:
    return "SWITCH SIDES";
  }
  return "";
}

std::string phase_color(const plan::Phase& phase)
{
  switch (phase.kind) {
  case plan::PhaseKind::move:
    return "1;32";
  case plan::PhaseKind::hold:
    return "1;36";
  case plan::PhaseKind::rest_between_reps:
  case plan::PhaseKind::rest_between_sets:
    return "1;33";
  default:
    return "1;35";
  }
}

/// "HOLD · right side · rep 2/3 · set 1/2", with PAUSED first when paused.
std::string phase_line(const ScheduledPhase& scheduled, const plan::PlanItem& item, bool paused)
{
  const auto& phase = scheduled.phase;
  std::vector<std::string> parts;
  if (paused) {
    parts.emplace_back("PAUSED");
  }
  parts.push_back(phase_title(scheduled));
  if (phase.side > 0) {
    parts.push_back(side_words(phase.side));
  }
  const bool in_dose = phase.kind != plan::PhaseKind::change_position &&
                       phase.kind != plan::PhaseKind::get_into_position &&
                       phase.kind != plan::PhaseKind::switch_sides;
  if (in_dose) {
    parts.push_back(fmt::format("rep {}/{}", phase.rep, item.dose.reps));
    parts.push_back(fmt::format("set {}/{}", phase.set, item.dose.sets));
  }
  return util::join(parts, " · ");
}

/// What to do during the phase: the start position (the first step), then
/// while the exercise runs that step again and the movement, or a cue while
/// resting.
std::string step_now(const ScheduledPhase& scheduled, const plan::PlanItem& item)
{
  const auto& steps = item.exercise.details().steps;
  const std::string first = steps.empty() ? item.position_name : steps.front();
  switch (scheduled.phase.kind) {
  case plan::PhaseKind::change_position:
  case plan::PhaseKind::get_into_position:
  case plan::PhaseKind::switch_sides:
    return first;
  case plan::PhaseKind::move:
  case plan::PhaseKind::hold:
    return first + " " +
           (steps.size() > 1 ? util::join({steps.begin() + 1, steps.end()}, " ") : item.dosage_words);
  case plan::PhaseKind::rest_between_reps:
  case plan::PhaseKind::rest_between_sets:
    return first + " Rest and breathe easily." +
           (item.exercise.details().cues.empty() ? "" : " " + item.exercise.details().cues.front());
  }
  return "";
}

std::vector<Line> wrapped(const std::string& text, int width, const std::string& color)
{
  std::vector<Line> lines;
  for (const auto& line : util::wrap(text, static_cast<std::size_t>(width))) {
    lines.push_back({line, color});
  }
  return lines;
}

/// The modifications and cautions of the item, each in a line or more,
/// with the condition it is for.
std::vector<Line> warnings(const Schedule& schedule, const plan::PlanItem& item, int width)
{
  std::vector<Line> lines;
  for (const auto* rules : {&item.modifications, &item.cautions}) {
    for (const auto& rule : *rules) {
      auto more = wrapped(rule_words(schedule, rule), width, "1;33");
      lines.insert(lines.end(), more.begin(), more.end());
    }
  }
  return lines;
}

std::string progress_line(const Schedule& schedule, int seconds_left, int width)
{
  const std::string left = fmt::format(" {} left", util::format_clock(seconds_left, false));
  const int bar = std::max(4, width - static_cast<int>(left.size()));
  const int total = std::max(1, schedule.total);
  const int filled = std::clamp((total - seconds_left) * bar / total, 0, bar);
  std::string text;
  for (int i = 0; i < bar; ++i) {
    text += i < filled ? "█" : "░";
  }
  return text + left;
}

std::string help_text()
{
  return "Keys: space pause/resume · n or → next exercise · p or ← previous · r restart · q quit · "
         "? close";
}

/// The exercise with its number, its position and dose, and the phase.
std::vector<Line> top_lines(const Schedule& schedule, const ScheduledPhase& scheduled, bool paused)
{
  const auto& item = schedule.items[scheduled.item];
  const std::string colour = phase_color(scheduled.phase);
  return {
    {fmt::format("{}/{}  {}", scheduled.item + 1, schedule.items.size(), item.exercise.name), "1"},
    {item.position_name + " · " + item.dosage_words, ""},
    {phase_line(scheduled, item, paused), paused ? "7;" + colour : colour},
  };
}

/// The progress bar with the time left, and the next exercise.
std::vector<Line> bottom_lines(const Schedule& schedule, const ScheduledPhase& scheduled, int seconds_left,
                               int width)
{
  const std::string next = scheduled.item + 1 < schedule.items.size()
                             ? "Next: " + schedule.items[scheduled.item + 1].exercise.name
                             : "Next: the end";
  return {{progress_line(schedule, seconds_left, width), ""}, {next, ""}};
}

} // namespace

std::vector<std::string> screen_lines(const Schedule& schedule, const ScreenView& view, int width, int height,
                                      bool color)
{
  const auto& scheduled = schedule.phases[std::min(view.phase, schedule.phases.size() - 1)];
  const auto& item = schedule.items[scheduled.item];
  const std::string phase_colour = phase_color(scheduled.phase);

  std::vector<Line> top = top_lines(schedule, scheduled, view.paused);
  const std::vector<Line> cautions = warnings(schedule, item, width);
  const std::vector<Line> bottom = bottom_lines(schedule, scheduled, view.seconds_left, width);

  // Always: the top, the cautions, a line of the step and the bottom. Then,
  // as room allows: the large countdown, the keys, a blank line, more step.
  const int base = static_cast<int>(top.size() + cautions.size() + 1 + bottom.size());
  int room = height - base;
  const bool large = room >= 5;
  std::vector<Line> countdown;
  if (large) {
    for (auto& row : big_countdown(view.phase_seconds_left, width)) {
      countdown.push_back({std::move(row), phase_colour});
    }
    room -= 5;
  } else {
    top.back().text += fmt::format(" · {} s", view.phase_seconds_left);
  }
  const bool keys = room >= 1;
  room -= keys ? 1 : 0;
  const bool blank = large && room >= 1;
  room -= blank ? 1 : 0;
  std::vector<Line> step = wrapped(view.help ? help_text() : step_now(scheduled, item), width, "");
  if (static_cast<int>(step.size()) > 1 + std::max(0, room)) {
    step.resize(static_cast<std::size_t>(1 + std::max(0, room)));
    step.back().text += " …";
  }

  std::vector<Line> lines = top;
  lines.insert(lines.end(), countdown.begin(), countdown.end());
  if (blank) {
    lines.push_back({"", ""});
  }
  lines.insert(lines.end(), cautions.begin(), cautions.end());
  lines.insert(lines.end(), step.begin(), step.end());
  const std::size_t fill = keys ? 1 : 0;
  // The pose, in the rows left over: a blank line, then the figure.
  const int spare = height - static_cast<int>(lines.size() + bottom.size() + fill);
  if (spare >= min_figure_rows + 1 && width >= min_figure_columns &&
      scheduled.item < schedule.drawings.size()) {
    const auto rows =
      figure::to_braille(schedule.drawings[scheduled.item], width, std::min(spare - 1, max_figure_rows));
    if (!rows.empty()) {
      lines.push_back({"", ""});
    }
    for (const auto& row : rows) {
      lines.push_back({row, ""});
    }
  }
  while (static_cast<int>(lines.size() + bottom.size() + fill) < height) {
    lines.push_back({"", ""});
  }
  lines.insert(lines.end(), bottom.begin(), bottom.end());
  if (keys) {
    lines.push_back({width >= 48 ? "space pause · n next · p back · q quit · ? keys"
                                 : "space pause · n · p · r · q · ? keys",
                     "2"});
  }
  // On a screen too small for all, the last lines give way, never a caution.
  std::vector<std::string> out;
  for (int i = 0; i < height && i < static_cast<int>(lines.size()); ++i) {
    const std::string text =
      util::truncate_to_width(lines[static_cast<std::size_t>(i)].text, static_cast<std::size_t>(width));
    const auto& sgr = lines[static_cast<std::size_t>(i)].color;
    out.push_back(color && !sgr.empty() && !text.empty() ? fmt::format("\x1b[{}m{}\x1b[0m", sgr, text)
                                                         : text);
  }
  return out;
}

} // namespace backplan::run
