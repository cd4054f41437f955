#include "render/markdown.hpp"

#include "render/common.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {

/// The days of the tick grid's columns.

/// An empty box to tick, in every output pandoc makes (plain ASCII, so that
/// pdflatex needs no extra font).
constexpr const char* tick_box = "[ ]";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Where a list marker at the start of `text` ends ("12." "a)" "iv."): the
/// index of its '.' or ')', which must be escaped; 0 when there is none.
std::size_t list_marker_end(const std::string& text)
{
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i == 0) {
    // pandoc's fancy lists: one letter, or a roman numeral.
    const std::string_view roman = "ivxlcdmIVXLCDM";
    while (i < text.size() && is_letter(text[i]) &&
           (i == 0 || roman.find(text[i]) != std::string_view::npos)) {
      ++i;
    }
    if (i > 1 && roman.find(text[0]) == std::string_view::npos) {
      return 0;
    }
  }
  const bool marker = i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')') &&
                      (i + 1 == text.size() || text[i + 1] == ' ');
  return marker ? i : 0;
}

/// A bold label followed by escaped text: "**Dosage:** 5 times".
std::string labelled(const std::string& label, const std::string& text)
{
  return fmt::format("**{}:** {}", markdown_escape(label), markdown_escape(text));
}

/// A table row from already escaped cells.
std::string table_row(const std::vector<std::string>& cells)
{
  return "| " + util::join(cells, " | ") + " |\n";
}

void facts_section(std::string& out, const plan::Plan& plan)
{
  out += fmt::format("# {}\n\n", markdown_escape(plan_title(plan)));
  for (const auto& [label, value] : handout_facts(plan)) {
    out += "- " + labelled(label, value) + "\n";
  }
  out += "\n";
  if (!plan.shortfall.empty()) {
    out += labelled("Note", plan.shortfall) + "\n\n";
  }
  for (const auto& unchanged : plan.unchanged) {
    out += labelled("Note", unchanged.note + ".") + "\n\n";
  }
  for (const auto& gap : plan.uncovered) {
    out += labelled("Not covered", gap) + "\n\n";
  }
}

void safety_section(std::string& out, const plan::Plan& plan)
{
  const auto& safety = plan.safety;
  out += "## Safety first\n\n";
  for (const auto& note : safety.general) {
    out += "> - " + markdown_escape(note) + "\n";
  }
  for (const auto& advice : safety.advice) {
    out += "> - " + labelled(advice.name, advice.text) + "\n";
  }
  out += ">\n> **" + markdown_escape(safety.red_flags_intro) + "**\n";
  for (const auto& tier : safety.red_flags) {
    out += ">\n> " + labelled(tier.name, tier.action) + "\n>\n";
    for (const auto& sign : tier.signs) {
      out += "> - " + markdown_escape(sign) + "\n";
    }
  }
  const auto citations = red_flag_citations(safety);
  if (!citations.empty()) {
    out += ">\n> *Basis: " + markdown_escape(util::join(citations, "; ")) + "*\n";
  }
  out += "\n";
}

void schedule_section(std::string& out, const plan::Plan& plan)
{
  out += "## Schedule\n\n";
  out += table_row({"#", "Start", "Exercise", "Position", "Dosage", "Time"});
  // The dashes set the columns' relative widths when pandoc has to wrap them.
  out += "|--:|:------|:----------------------|:----------------|:----------------------|-------:|\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    const std::string mark = has_condition_note(item) ? " " + markdown_escape(note_mark) : "";
    out +=
      table_row({std::to_string(i + 1), util::format_clock(item.start),
                 markdown_escape(item.exercise.name) + mark, markdown_escape(item.position_name),
                 markdown_escape(item.dosage_words), markdown_escape(util::format_duration(item.duration))});
  }
  out += fmt::format("\nEnds at {} of the {} planned. The start times allow for changing "
                     "position between exercises ({} {}).\n\n",
                     util::format_clock(plan.total), util::format_clock(plan.budget), plan.position_changes,
                     plan.position_changes == 1 ? "change" : "changes");
  if (std::any_of(plan.items.begin(), plan.items.end(), has_condition_note)) {
    out += fmt::format("{} {}.\n\n", markdown_escape(note_mark), markdown_escape(note_mark_legend));
  }
}

/// The file name of an item's figure in the figures folder.
std::string figure_file(const plan::PlanItem& item) { return item.exercise.id + ".svg"; }

/// A relative path as a Markdown link destination: every byte but letters,
/// digits and - . _ ~ / percent-encoded.
std::string link_path(const std::string& path)
{
  std::string out;
  for (const char c : path) {
    const bool plain =
      is_letter(c) || is_digit(c) || std::string_view("-._~/").find(c) != std::string_view::npos;
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

/// The item's figure as an image linked from `folder`, with the notes under it.
void figure_link(std::string& out, const plan::PlanItem& item, const std::string& folder)
{
  if (folder.empty() || item_figure(item) == nullptr) {
    return;
  }
  const std::string separator = folder.ends_with('/') ? "" : "/";
  out += fmt::format("![{}]({})\n\n", markdown_escape(item.exercise.name),
                     link_path(folder + separator + figure_file(item)));
  for (const auto& note : {figure_note(item), figure_caption(item.exercise)}) {
    if (!note.empty()) {
      out += "*" + markdown_escape(note) + "*\n\n";
    }
  }
}

void item_section(std::string& out, const plan::Plan& plan, std::size_t index, const std::string& figures)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  out += fmt::format("### {}. {}\n\n", index + 1, markdown_escape(exercise.name));
  figure_link(out, item, figures);
  out += fmt::format("*Starts at {} · takes {} · {}*\n\n", util::format_clock(item.start),
                     util::format_duration(item.duration), markdown_escape(item.kind_name));
  out += markdown_escape(exercise.summary) + "\n\n";
  out += labelled("Start position", item.position_name) + "\\\n";
  out += labelled("Dosage", item.dosage_words) + "\n\n";
  if (exercise.stop_if) {
    out += labelled(everyone_label, exercise.stop_if->text) + "\n\n";
  }
  for (const auto& rule : shown_rules(item.modifications, item.cautions)) {
    out += labelled(rule_label(plan, rule), rule.instruction) + "\n\n";
  }
  out += "**Steps**\n\n";
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    out += fmt::format("{}. {}\n", s + 1, markdown_escape(exercise.steps[s]));
  }
  out += "\n";
  if (!exercise.cues.empty()) {
    out += "**Tips**\n\n";
    for (const auto& cue : exercise.cues) {
      out += "- " + markdown_escape(cue) + "\n";
    }
    out += "\n";
  }
  for (const auto& [label, variant] : {std::pair{"Easier", &item.easier}, {"Harder", &item.harder}}) {
    if (*variant) {
      // The version's own rules stay in its paragraph, one a line.
      out += labelled(label, variant_words(**variant));
      for (const auto& rule : shown_rules((*variant)->modifications, (*variant)->cautions)) {
        out += "\\\n" + labelled(rule_label(plan, rule), rule.instruction);
      }
      out += "\n\n";
    }
  }
}

void left_out_section(std::string& out, const plan::Plan& plan)
{
  if (const auto cautioned = cautioned_choices(plan); !cautioned.empty()) {
    out += "## Chosen with a caution\n\n";
    for (const auto& [name, why] : cautioned) {
      out += fmt::format("- {}: {}\n", markdown_escape(name), markdown_escape(why));
    }
    out += "\n";
  }
  out += "## Left out\n\n";
  if (plan.left_out.empty()) {
    out += "Nothing: every exercise of the catalog is in the plan.\n\n";
    return;
  }
  for (const auto& left : plan.left_out) {
    out += fmt::format("- **{}** (`{}`): {}: {}\n", markdown_escape(left.name), left.id,
                       markdown_escape(left.reason), markdown_escape(left.detail));
  }
  out += "\n";
}

void tick_grid_section(std::string& out, const plan::Plan& plan)
{
  out += "## Week tick grid\n\nTick a box on each day you do the exercise.\n\n";
  std::vector<std::string> header = {"Exercise"};
  std::string rule = "|:--------------------------------";
  for (const char* day : week_days) {
    header.emplace_back(day);
    rule += "|:-----:";
  }
  out += table_row(header) + rule + "|\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    std::vector<std::string> row = {
      fmt::format("{}. {}", i + 1, markdown_escape(plan.items[i].exercise.name))};
    row.insert(row.end(), week_days.size(), tick_box);
    out += table_row(row);
  }
  out += "\n";
}

} // namespace

std::string markdown_escape(std::string_view text)
{
  const std::string line = util::fold_whitespace(text);
  std::string out;
  // At the start of a line these begin a list, quote, heading or table.
  const std::size_t marker = list_marker_end(line);
  const bool block_start = !line.empty() && std::string_view("-+:=%").find(line[0]) != std::string_view::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const bool always = std::string_view("\\`*_{}[]<>#|$~^@&").find(c) != std::string_view::npos;
    if (always || (i == 0 && block_start) || (marker > 0 && i == marker) || (i == 0 && c == '(')) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> markdown_figures(const plan::Plan& plan)
{
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& item : plan.items) {
    if (const auto* drawn = item_figure(item)) {
      files.emplace_back(figure_file(item), exercise_svg(*drawn, item.exercise));
    }
  }
  return files;
}

std::string render_markdown(const plan::Plan& plan, const TextOptions& options)
{
  std::string out;
  // pandoc uses `pagetitle` for a standalone page's <title> and shows the
  // level-1 heading below as the title in every output.
  out += fmt::format("---\npagetitle: '{}'\n---\n\n", plan_title(plan));
  facts_section(out, plan);
  safety_section(out, plan);
  schedule_section(out, plan);
  out += "## Exercises\n\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    item_section(out, plan, i, options.figures);
  }
  if (options.explain) {
    left_out_section(out, plan);
  }
  tick_grid_section(out, plan);
  out += "## Sources\n\n";
  for (const auto& source : plan.sources) {
    out += "- " + markdown_escape(source) + "\n";
  }
  return out;
}

} // namespace backplan::render
