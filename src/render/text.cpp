#include "backplan/render/text.hpp"

#include "render/common.hpp"
#include "render/document.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::render {

namespace {

/// ANSI sequences, empty when colour is off.
struct Style {
  std::string bold, dim, warn, alarm, reset;

  explicit Style(bool color)
  {
    if (color) {
      bold = "\033[1m";
      dim = "\033[2m";
      warn = "\033[33m";
      alarm = "\033[1;31m";
      reset = "\033[0m";
    }
  }
};

/// Writes wrapped paragraphs with a first-line prefix and hanging indent.
class Writer
{
public:
  Writer(std::size_t width, const Style& style) : m_width(std::max<std::size_t>(width, 30)), m_style(style) {}

  void line(const std::string& text = "")
  {
    m_out += text;
    m_out += '\n';
  }

  /// `text` wrapped after `first` (on the first line) and `indent` (after).
  void para(const std::string& first, const std::string& indent, const std::string& text,
            const std::string& color = "")
  {
    const std::size_t room =
      m_width > util::display_width(indent) + 10 ? m_width - util::display_width(indent) : 10;
    const auto lines = util::wrap(text, room);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      m_out += i == 0 ? first : indent;
      if (color.empty()) {
        m_out += lines[i];
      } else {
        m_out += color;
        m_out += lines[i];
        m_out += m_style.reset;
      }
      m_out += '\n';
    }
  }

  std::string take() { return std::move(m_out); }
  std::size_t width() const { return m_width; }

private:
  std::size_t m_width;
  const Style& m_style;
  std::string m_out;
};

/// "Note:      ": a label and its colon, padded to the facts' column.
std::string lead_of(const std::string& label)
{
  const std::string lead = label + ":";
  const std::size_t width = util::display_width(lead);
  return lead + std::string(width < 11 ? 11 - width : 1, ' ');
}

/// A labelled note's words, the label in `color`: "Knee problems — modify: ...".
std::string labelled(const Note& note, const std::string& color, const Style& style)
{
  return fmt::format("{}{}:{} {}", color, note.label, style.reset, note.text);
}

void notes_section(Writer& out, const Document& document, const Style& style)
{
  for (const auto& note : document.notes) {
    const bool warn = note.kind != NoteKind::unchanged;
    const std::string lead = lead_of(note.label);
    out.para(lead, std::string(util::display_width(lead), ' '), note.text, warn ? style.warn : "");
  }
}

void safety_section(Writer& out, const SafetySection& safety, const Style& style)
{
  out.line(style.bold + "Safety" + style.reset);
  for (const auto& note : safety.general) {
    out.para("  * ", "    ", note.text);
  }
  for (const auto& advice : safety.advice) {
    out.para("  * ", "    ", labelled(advice, style.warn, style));
  }
  out.para("  ", "  ", safety.red_flags_intro.text, style.alarm);
  for (const auto& tier : safety.tiers) {
    out.para("  ", "  ", labelled(tier.action, style.alarm, style));
    for (const auto& sign : tier.signs) {
      out.para("    - ", "      ", sign.text);
    }
  }
  if (!safety.citations.empty()) {
    out.para("  ", "  ", basis_line(safety.citations), style.dim);
  }
}

/// One exercise: its number, start and name, and under them, indented past
/// the widest start of the plan (`clock_width`: 5 for MM:SS, 7 for
/// H:MM:SS), the rest.
void item_section(Writer& out, const ExerciseBlock& exercise, const Style& style, std::size_t clock_width)
{
  const std::string number = fmt::format("{:>2}. ", exercise.number);
  const std::string indent(number.size() + clock_width + 1, ' ');
  const std::string mark = exercise.marked ? fmt::format(" {}{}{}", style.warn, note_mark, style.reset) : "";
  out.para(fmt::format("{}{:>{}} ", number, exercise.start, clock_width), indent,
           fmt::format("{}{}{}{}  {}({}){}", style.bold, exercise.name, style.reset, mark, style.dim,
                       exercise.time, style.reset));
  out.para(indent, indent, fmt::format("{} · {}", exercise.position, exercise.kind));
  out.para(indent, indent, exercise.dosage);
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    const std::string step_number = fmt::format("{}. ", s + 1);
    out.para(indent + step_number, indent + std::string(step_number.size(), ' '), exercise.steps[s]);
  }
  for (const auto& cue : exercise.cues) {
    out.para(indent + "Tip: ", indent + "     ", cue);
  }
  const auto notes = [&](const std::string& lead, const std::vector<Note>& list) {
    for (const auto& note : list) {
      out.para(lead + "! ", lead + "  ", labelled(note, style.warn, style));
    }
  };
  notes(indent, exercise.notes);
  for (const auto& version : exercise.versions) {
    out.para(indent + version.label + ": ", indent + "        ", version.words);
    notes(indent + "        ", version.notes);
  }
}

void explain_section(Writer& out, const Explanation& explanation, const Style& style)
{
  if (!explanation.chosen.empty()) {
    out.line();
    out.line(style.bold + chosen_anyway_heading + style.reset);
    for (const auto& [name, why] : explanation.chosen) {
      out.para("  - ", "    ", fmt::format("{}: {}", name, why));
    }
  }
  out.line();
  out.line(style.bold + "Left out" + style.reset);
  if (explanation.left_out.empty()) {
    out.line("  (nothing: every exercise of the catalog is in the plan)");
  }
  for (const auto& left : explanation.left_out) {
    out.para("  - ", "    ", fmt::format("{} ({}): {}: {}", left.name, left.id, left.reason, left.detail));
  }
}

} // namespace

std::string render_text(const plan::Plan& plan, const TextOptions& options)
{
  return text_document(make_document(plan, options.explain), options);
}

std::string text_document(const Document& document, const TextOptions& options)
{
  const Style style(options.color);
  Writer out(options.width, style);
  out.line(style.bold + document.title + style.reset);
  for (const auto& fact : document.facts) {
    const std::string label = fact.label + ":";
    const std::string lead =
      label + std::string(11 - std::min<std::size_t>(11, util::display_width(label)), ' ');
    out.para(lead, std::string(util::display_width(lead), ' '), fact.value);
  }
  notes_section(out, document, style);
  out.line();
  if (options.safety_first) {
    safety_section(out, document.safety, style);
    out.line();
  } else {
    // The plan comes within the first screen; the warning signs follow it.
    out.para("", "", fmt::format("{}{}:{} {}", style.alarm, stop_heading, style.reset, stop_pointer));
    out.line();
  }
  out.line(style.bold + "Plan" + style.reset);
  if (document.any_marked) {
    out.para("  ", "  ",
             fmt::format("{}{}{} after a name: {}.", style.warn, note_mark, style.reset, note_mark_legend));
  }
  std::size_t clock_width = 5;
  for (const auto& exercise : document.exercises) {
    clock_width = std::max(clock_width, exercise.start.size());
  }
  for (const auto& exercise : document.exercises) {
    if (!exercise.ready.empty()) {
      out.line(fmt::format("    {}{}{}", style.dim, exercise.ready, style.reset));
    }
    item_section(out, exercise, style, clock_width);
  }
  out.line(fmt::format("    {}{} end{}", document.end, style.bold, style.reset));
  if (!options.safety_first) {
    out.line();
    safety_section(out, document.safety, style);
  }
  if (document.explain) {
    explain_section(out, document.explanation, style);
  }
  out.line();
  out.line(style.bold + "Sources" + style.reset);
  for (const auto& [words, address] : handout_sources(document.sources, document.safety.citations)) {
    out.para("  - ", "    ", address.empty() ? words : fmt::format("{} {}", words, short_address(address)));
  }
  if (!options.follow.empty()) {
    // One line, however long, to be copied whole.
    out.line();
    out.line(style.bold + "Follow it step by step" + style.reset);
    out.line("  " + options.follow);
  }
  return out.take();
}

} // namespace backplan::render
