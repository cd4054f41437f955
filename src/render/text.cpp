#include "render/text.hpp"

#include "render/common.hpp"
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

void safety_section(Writer& out, const plan::Plan& plan, const Style& style)
{
  out.line(style.bold + "Safety" + style.reset);
  for (const auto& note : plan.safety.general) {
    out.para("  * ", "    ", note);
  }
  for (const auto& advice : plan.safety.advice) {
    out.para("  * ", "    ", fmt::format("{}{}:{} {}", style.warn, advice.name, style.reset, advice.text));
  }
  out.para("  ", "  ", plan.safety.red_flags_intro, style.alarm);
  for (const auto& tier : plan.safety.red_flags) {
    out.para("  ", "  ", fmt::format("{}{}:{} {}", style.alarm, tier.name, style.reset, tier.action));
    for (const auto& sign : tier.signs) {
      out.para("    - ", "      ", sign);
    }
  }
}

void item_section(Writer& out, const plan::Plan& plan, std::size_t index, const Style& style)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  const std::string number = fmt::format("{:>2}. ", index + 1);
  const std::string indent(number.size() + 6, ' ');
  const std::string mark =
    has_condition_note(item) ? fmt::format(" {}{}{}", style.warn, note_mark, style.reset) : "";
  out.para(fmt::format("{}{} ", number, util::format_clock(item.start)), indent,
           fmt::format("{}{}{}{}  {}({}){}", style.bold, exercise.name, style.reset, mark, style.dim,
                       util::format_duration(item.duration), style.reset));
  out.para(indent, indent, fmt::format("{} · {}", item.position_name, item.kind_name));
  out.para(indent, indent, item.dosage_words);
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    const std::string step_number = fmt::format("{}. ", s + 1);
    out.para(indent + step_number, indent + std::string(step_number.size(), ' '), exercise.steps[s]);
  }
  for (const auto& cue : exercise.cues) {
    out.para(indent + "Tip: ", indent + "     ", cue);
  }
  if (exercise.stop_if) {
    out.para(indent + "! ", indent + "  ",
             fmt::format("{}{}:{} {}", style.warn, everyone_label, style.reset, exercise.stop_if->text));
  }
  const auto rules = [&](const std::string& lead, const auto& modifications, const auto& cautions) {
    for (const auto& rule : shown_rules(modifications, cautions)) {
      out.para(lead + "! ", lead + "  ",
               fmt::format("{}{}:{} {}", style.warn, rule_label(plan, rule), style.reset, rule.instruction));
    }
  };
  rules(indent, item.modifications, item.cautions);
  for (const auto& [label, variant] : {std::pair{"Easier: ", &item.easier}, {"Harder: ", &item.harder}}) {
    if (*variant) {
      out.para(indent + label, indent + "        ", variant_words(**variant));
      rules(indent + "        ", (*variant)->modifications, (*variant)->cautions);
    }
  }
}

} // namespace

std::string render_text(const plan::Plan& plan, const TextOptions& options)
{
  const Style style(options.color);
  Writer out(options.width, style);
  out.line(style.bold + plan_title(plan) + style.reset);
  for (const auto& [label, value] : handout_facts(plan)) {
    const std::string lead = fmt::format("{:<11}", label + ":");
    out.para(lead, std::string(lead.size(), ' '), value);
  }
  if (!plan.shortfall.empty()) {
    out.para("Note:      ", "           ", plan.shortfall, style.warn);
  }
  for (const auto& unchanged : plan.unchanged) {
    out.para("Note:      ", "           ", unchanged.note + ".");
  }
  for (const auto& gap : plan.uncovered) {
    out.para("Not covered: ", "             ", gap, style.warn);
  }
  out.line();
  safety_section(out, plan, style);
  out.line();
  out.line(style.bold + "Plan" + style.reset);
  if (std::any_of(plan.items.begin(), plan.items.end(), has_condition_note)) {
    out.para("  ", "  ",
             fmt::format("{}{}{} after a name: {}.", style.warn, note_mark, style.reset, note_mark_legend));
  }
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    if (plan.items[i].transition > 0) {
      out.line(
        fmt::format("    {}change position: {} s{}", style.dim, plan.items[i].transition, style.reset));
    }
    item_section(out, plan, i, style);
  }
  out.line(fmt::format("    {}{} end{}", util::format_clock(plan.total), style.bold, style.reset));
  if (options.explain) {
    const auto cautioned = cautioned_choices(plan);
    if (!cautioned.empty()) {
      out.line();
      out.line(style.bold + "Chosen with a caution" + style.reset);
      for (const auto& [name, why] : cautioned) {
        out.para("  - ", "    ", fmt::format("{}: {}", name, why));
      }
    }
    out.line();
    out.line(style.bold + "Left out" + style.reset);
    if (plan.left_out.empty()) {
      out.line("  (nothing: every exercise of the catalog is in the plan)");
    }
    for (const auto& left : plan.left_out) {
      out.para("  - ", "    ", fmt::format("{} ({}): {}: {}", left.name, left.id, left.reason, left.detail));
    }
  }
  out.line();
  out.line(style.bold + "Sources" + style.reset);
  for (const auto& source : plan.sources) {
    out.para("  - ", "    ", source);
  }
  return out.take();
}

} // namespace backplan::render
