#include "render/markdown.hpp"

#include "render/common.hpp"
#include "render/document.hpp"
#include "render/markup.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {

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

/// Writes Markdown, every text through markdown_escape.
class Markdown : public MarkupWriter
{
public:
  Markdown() : MarkupWriter(markdown_escape) {}

  /// A bold label followed by its text: "**Dosage:** 5 times".
  Raw labelled(std::string_view label, std::string_view text) const
  {
    return format("**{}:** {}", label, text);
  }

  Raw labelled(const Note& note) const { return labelled(note.label, note.text); }

  /// A citation with its address as an autolink, "words (<https://...>)",
  /// so that the address stays printed and is never a bare URL.
  Raw cited(std::string_view citation) const
  {
    const auto parts = split_citation(citation);
    if (parts.address.empty()) {
      return text(citation);
    }
    return format("{} (<{}>)", parts.words, Raw{parts.address});
  }

  /// Citations joined by "; ", each as `cited` writes it.
  Raw cited(const std::vector<std::string>& citations) const
  {
    std::string joined;
    for (const auto& citation : citations) {
      joined += (joined.empty() ? "" : "; ") + cited(citation).text;
    }
    return Raw{joined};
  }

  /// A table row of markup cells.
  void row(const std::vector<Raw>& cells)
  {
    std::vector<std::string> texts;
    for (const auto& cell : cells) {
      texts.push_back(cell.text);
    }
    put("| {} |\n", Raw{util::join(texts, " | ")});
  }
};

void facts_section(Markdown& out, const Document& document)
{
  out.put("# {}\n\n", document.title);
  for (const auto& fact : document.facts) {
    out.put("- {}\n", out.labelled(fact.label, fact.value));
  }
  out.put("\n");
  for (const auto& note : document.notes) {
    out.put("{}\n\n", out.labelled(note));
  }
}

/// The most urgent tier of warning signs and what to do, after the schedule.
void stop_section(Markdown& out, const SafetySection& safety)
{
  if (safety.tiers.empty()) {
    return;
  }
  const auto& tier = safety.tiers.front();
  out.put("## {}\n\n> {}\n>\n", Raw{stop_heading}, out.labelled(tier.action));
  for (const auto& sign : tier.signs) {
    out.put("> - {}\n", sign.text);
  }
  out.put("\n");
}

/// Everything else the plan says about safety, after the exercises.
void safety_section(Markdown& out, const SafetySection& safety)
{
  out.put("## Safety\n\n");
  for (const auto& note : safety.general) {
    out.put("> - {}\n", note.text);
  }
  for (const auto& advice : safety.advice) {
    out.put("> - {}\n", out.labelled(advice));
  }
  out.put(">\n> **{}**\n", safety.red_flags_intro.text);
  for (const auto& tier : safety.tiers) {
    if (&tier == &safety.tiers.front()) {
      out.put(">\n> {}\n", out.labelled(tier.action.label, stop_reference));
      continue;
    }
    out.put(">\n> {}\n>\n", out.labelled(tier.action));
    for (const auto& sign : tier.signs) {
      out.put("> - {}\n", sign.text);
    }
  }
  if (!safety.citations.empty()) {
    out.put(">\n> *Basis: {}*\n", out.cited(safety.citations));
  }
  out.put("\n");
}

void schedule_section(Markdown& out, const Document& document)
{
  out.put("## Schedule\n\n");
  out.row({Raw{"#"}, Raw{"Start"}, Raw{"Exercise"}, Raw{"Position"}, Raw{"Dosage"}, Raw{"Time"}});
  // The dashes set the columns' relative widths when pandoc has to wrap them.
  out.put("|--:|:------|:----------------------|:----------------|:----------------------|-------:|\n");
  for (const auto& exercise : document.exercises) {
    const Raw mark = exercise.marked ? out.format(" {}", note_mark) : Raw{};
    out.row({out.format("{}", exercise.number), out.text(exercise.start),
             out.format("{}{}", exercise.name, mark), out.text(exercise.position), out.text(exercise.dosage),
             out.text(exercise.time)});
  }
  out.put("\n{}\n\n", schedule_end_line(document));
  if (document.any_marked) {
    out.put("{} {}.\n\n", note_mark, note_mark_legend);
  }
}

/// The file name of an item's figure in the figures folder.
std::string figure_file(const std::string& id) { return id + ".svg"; }

/// A relative path as a Markdown link destination: every byte but letters,
/// digits and - . _ ~ / percent-encoded.
Raw link_path(const std::string& path)
{
  std::string out;
  for (const char c : path) {
    const bool plain =
      is_letter(c) || is_digit(c) || std::string_view("-._~/").find(c) != std::string_view::npos;
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return Raw{out};
}

/// The exercise's figure as an image linked from `folder`, with the notes under it.
void figure_link(Markdown& out, const ExerciseBlock& exercise, const std::string& folder)
{
  if (folder.empty()) {
    return;
  }
  if (exercise.drawn == nullptr) {
    out.put("*No picture: {}.*\n\n", exercise.position);
    return;
  }
  const std::string separator = folder.ends_with('/') ? "" : "/";
  out.put("![{}]({})\n\n", exercise.name, link_path(folder + separator + figure_file(exercise.id)));
  // Each note a sentence, so that it does not read as a heading.
  for (const auto& note : exercise.figure_notes) {
    out.put("*{}.*\n\n", note);
  }
}

void item_section(Markdown& out, const ExerciseBlock& exercise, const std::string& figures)
{
  out.put("### {}. {}\n\n", exercise.number, exercise.name);
  figure_link(out, exercise, figures);
  out.put("*Starts at {} · takes {} · {}.*\n\n", exercise.start, exercise.time, exercise.kind);
  out.put("{}\n\n", exercise.summary);
  out.put("{}\\\n", out.labelled("Start position", exercise.position));
  out.put("{}\n\n", out.labelled("Dosage", exercise.dosage));
  for (const auto& note : exercise.notes) {
    out.put("{}\n\n", out.labelled(note));
  }
  out.put("#### Steps\n\n");
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    out.put("{}. {}\n", s + 1, exercise.steps[s]);
  }
  out.put("\n");
  if (!exercise.cues.empty()) {
    out.put("#### Tips\n\n");
    for (const auto& cue : exercise.cues) {
      out.put("- {}\n", cue);
    }
    out.put("\n");
  }
  for (const auto& version : exercise.versions) {
    // The version's own notes stay in its paragraph, one a line.
    out.put("{}", out.labelled(version.label, version.words));
    for (const auto& note : version.notes) {
      out.put("\\\n{}", out.labelled(note));
    }
    out.put("\n\n");
  }
}

void left_out_section(Markdown& out, const Explanation& explanation)
{
  if (!explanation.chosen.empty()) {
    out.put("## {}\n\n", chosen_anyway_heading);
    for (const auto& [name, why] : explanation.chosen) {
      out.put("- {}: {}\n", name, why);
    }
    out.put("\n");
  }
  out.put("## Left out\n\n");
  if (explanation.left_out.empty()) {
    out.put("Nothing: every exercise of the catalog is in the plan.\n\n");
    return;
  }
  for (const auto& left : explanation.left_out) {
    // The id is a code span, whose text Markdown takes as it is.
    out.put("- **{}** (`{}`): {}: {}\n", left.name, Raw{left.id}, left.reason, left.detail);
  }
  out.put("\n");
}

void tick_grid_section(Markdown& out, const Document& document)
{
  out.put("## Week tick grid\n\n{}\n\n", tick_grid_words(document.sessions_per_day));
  std::vector<Raw> header = {Raw{"Exercise"}};
  std::string rule = "|:--------------------------------";
  for (const char* day : week_days) {
    header.push_back(Raw{day});
    rule += "|:-----:";
  }
  out.row(header);
  out.put("{}|\n", Raw{rule});
  for (const auto& exercise : document.exercises) {
    std::vector<Raw> row = {out.format("{}. {}", exercise.number, exercise.name)};
    std::vector<std::string> boxes(static_cast<std::size_t>(document.sessions_per_day), tick_box);
    row.insert(row.end(), week_days.size(), Raw{util::join(boxes, " ")});
    out.row(row);
  }
  out.put("\n");
}

/// `text` as a YAML single-quoted scalar.
Raw yaml_quoted(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("''") : std::string(1, c);
  }
  return Raw{out + "'"};
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
      files.emplace_back(figure_file(item.exercise.id), exercise_svg(*drawn, item.exercise));
    }
  }
  return files;
}

std::string render_markdown(const plan::Plan& plan, const TextOptions& options)
{
  return markdown_document(make_document(plan, options.explain), options);
}

std::string markdown_document(const Document& document, const TextOptions& options)
{
  Markdown out;
  // pandoc uses `pagetitle` for a standalone page's <title> and shows the
  // level-1 heading below as the title in every output.
  out.put("---\npagetitle: {}\nlang: {}\n---\n\n", yaml_quoted(document.title), Raw{document_language});
  facts_section(out, document);
  schedule_section(out, document);
  stop_section(out, document.safety);
  out.put("## Exercises\n\n");
  for (const auto& exercise : document.exercises) {
    item_section(out, exercise, options.figures);
  }
  safety_section(out, document.safety);
  if (document.explain) {
    left_out_section(out, document.explanation);
  }
  tick_grid_section(out, document);
  out.put("## Sources\n\n");
  for (const auto& source : document.sources) {
    out.put("- {}\n", out.cited(source));
  }
  return out.take();
}

} // namespace backplan::render
