#include "render/html.hpp"

#include "backplan/figure/drawing.hpp"
#include "render/common.hpp"
#include "render/document.hpp"
#include "render/markup.hpp"
#include "util/text.hpp"

#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {

/// The page's style: one column on a phone, picture beside text from 600 px,
/// and for print small type, A4 or Letter margins, and no exercise split.
constexpr const char* stylesheet = R"(
:root { color-scheme: light; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1d1d1d; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .6rem; border-bottom: 2px solid #2b6f77; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .6rem 0; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.safety { border: 2px solid #b03a2e; border-radius: .5rem; padding: .6rem 1rem; background: #fdf3f2; }
.safety h2 { border: 0; margin: .2rem 0 .4rem; color: #b03a2e; }
.safety ul { margin: .3rem 0; padding-left: 1.2rem; }
.safety .basis { font-size: .85rem; color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef5f6; }
td.num { text-align: right; white-space: nowrap; }
.schedule-wrap { overflow-x: auto; }
.exercise { display: grid; grid-template-columns: 1fr; gap: .6rem 1.2rem; padding: .9rem 0;
  border-bottom: 1px solid #ddd; break-inside: avoid; page-break-inside: avoid; }
.exercise figure { margin: 0; text-align: center; }
.exercise svg { max-width: 100%; height: auto; }
.no-figure { border: 1.5px dashed #999; border-radius: .4rem; color: #555; font-style: italic;
  padding: 1.6rem .6rem; text-align: center; }
.exercise figcaption { font-size: .85rem; color: #555; }
.exercise .meta { color: #555; font-size: .9rem; margin: 0 0 .4rem; }
.exercise ol, .exercise ul { margin: .3rem 0; padding-left: 1.3rem; }
.note { border-left: 4px solid #c77c02; background: #fff7e6; padding: .3rem .6rem; margin: .4rem 0; }
.mark { color: #c77c02; font-weight: 700; }
.ticks td, .ticks th { text-align: center; white-space: nowrap; }
.ticks td:first-child, .ticks th:first-child { text-align: left; white-space: normal; }
.ticks .pain { font-size: .75rem; color: #333; }
.box { display: inline-block; width: 1.1em; height: 1.1em; border: 1.5px solid #444; border-radius: .15em; }
footer { margin-top: 1.5rem; font-size: .8rem; color: #666; }
@media (max-width: 599px) {
  table { font-size: .9rem; }
  td.num { white-space: normal; }
  .ticks th, .ticks td { padding: .3rem .1rem; }
  .ticks td:first-child { font-size: .8rem; }
  .ticks .box { width: .8em; height: .8em; }
}
@media (min-width: 600px) {
  .exercise { grid-template-columns: minmax(0, 22rem) 1fr; }
}
@media print {
  @page { margin: 8mm 11mm; }
  body { font-size: 8pt; line-height: 1.17; max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin: 0 0 .2rem; }
  h2 { font-size: 11pt; margin: .45rem 0 .2rem; }
  h3 { font-size: 10pt; }
  .facts { grid-template-columns: max-content 1fr max-content 1fr; gap: 0 .8rem; margin: .2rem 0 .4rem; font-size: 9pt; }
  .exercise { grid-template-columns: 8.5rem 1fr; padding: .2rem 0; gap: .2rem .6rem; }
  .exercise svg { font-size: 4.1pt; }
  .exercise figcaption, .exercise .meta { font-size: .9em; }
  .exercise p { margin: .12rem 0; }
  .exercise ol, .exercise ul { display: inline; padding: 0; margin: 0; }
  .exercise ol { counter-reset: step; }
  .exercise li { display: inline; }
  .exercise ol li { counter-increment: step; }
  .exercise ol li::before { content: counter(step) ". "; font-weight: 700; }
  .exercise ul.tips { display: none; }
  .exercise .summary { display: none; }
  .note { padding: .1rem .5rem; margin: .15rem 0; }
  .safety { padding: .25rem .7rem; border-width: 1.5px; }
  .safety h2 { margin: 0 0 .15rem; }
  .safety ul { margin: .05rem 0; }
  .safety p { margin: .15rem 0; }
  .safety .tier ul { columns: 2; column-gap: 1.5rem; }
  .safety .tier li { break-inside: avoid; }
  .safety .basis { font-size: .9em; }
  th, td { padding: .08rem .35rem; }
  .box { width: .95em; height: .95em; }
  .ticks p { margin: .1rem 0 .2rem; }
  .ticks th, .ticks td { padding: 0 .35rem; }
  .safety .tier ul { font-size: .95em; }
  .safety, table, .ticks { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .sources { font-size: 7pt; }
  .sources ul { margin: .1rem 0; columns: 2; column-gap: 1.5rem; }
  .sources li { break-inside: avoid; }
  footer { font-size: 7pt; margin-top: .2rem; }
}
)";

/// Writes HTML, every text through html_escape.
class Html : public MarkupWriter
{
public:
  Html() : MarkupWriter(html_escape) {}
};

void facts_part(Html& out, const Document& document)
{
  out.put("<header>\n<h1>{}</h1>\n<dl class=\"facts\">\n", document.title);
  for (const auto& fact : document.facts) {
    if (!fact.reproduces) { // that one is in the footer
      out.put("<dt>{}</dt><dd>{}</dd>\n", fact.label, fact.value);
    }
  }
  out.put("</dl>\n");
  for (const auto& note : document.notes) {
    out.put("<p class=\"note\">{}</p>\n", plan_note_line(note));
  }
  out.put("</header>\n");
}

/// A citation with its web address as a link on its words.
void cited(Html& out, const std::string& citation)
{
  const auto parts = split_citation(citation);
  if (parts.address.empty()) {
    out.put("{}", parts.words);
  } else {
    out.put("<a href=\"{}\">{}</a>", parts.address, parts.words);
  }
}

void tier_part(Html& out, const RedFlagTier& tier)
{
  out.put("<div class=\"tier tier-{}\">\n<p><strong>{}:</strong> {}</p>\n<ul>\n", tier.id, tier.action.label,
          tier.action.text);
  for (const auto& sign : tier.signs) {
    out.put("<li>{}</li>\n", sign.text);
  }
  out.put("</ul>\n</div>\n");
}

/// The most urgent tier of warning signs and what to do, after the schedule.
void stop_part(Html& out, const SafetySection& safety)
{
  if (!safety.tiers.empty()) {
    out.put("<section class=\"safety stop\">\n<h2>{}</h2>\n", Raw{stop_heading});
    tier_part(out, safety.tiers.front());
    out.put("</section>\n");
  }
}

/// Everything else the plan says about safety, after the exercises.
void safety_part(Html& out, const SafetySection& safety)
{
  out.put("<section class=\"safety\">\n<h2>Safety</h2>\n<ul>\n");
  for (const auto& note : safety.general) {
    out.put("<li>{}</li>\n", note.text);
  }
  for (const auto& advice : safety.advice) {
    out.put("<li><strong>{}:</strong> {}</li>\n", advice.label, advice.text);
  }
  out.put("</ul>\n<p><strong>{}</strong></p>\n", safety.red_flags_intro.text);
  for (const auto& tier : safety.tiers) {
    if (&tier == &safety.tiers.front()) {
      out.put("<p><strong>{}:</strong> {}</p>\n", tier.action.label, stop_reference);
    } else {
      tier_part(out, tier);
    }
  }
  if (!safety.citations.empty()) {
    out.put("<p class=\"basis\">Basis: ");
    for (std::size_t i = 0; i < safety.citations.size(); ++i) {
      out.put("{}", Raw{i == 0 ? "" : "; "});
      cited(out, safety.citations[i]);
    }
    out.put("</p>\n");
  }
  out.put("</section>\n");
}

void schedule_part(Html& out, const Document& document)
{
  out.put("<h2>Schedule</h2>\n<div class=\"schedule-wrap\"><table>\n<thead><tr><th>#</th><th>Start</th>"
          "<th>Exercise</th><th>Dosage</th><th>Time</th></tr></thead>\n<tbody>\n");
  for (const auto& exercise : document.exercises) {
    const Raw mark = exercise.marked ? out.format(" <span class=\"mark\" title=\"{}\">{}</span>",
                                                  note_mark_legend, note_mark)
                                     : Raw{};
    out.put("<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td><a href=\"#ex-{}\">{}</a>{}"
            "</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
            exercise.number, exercise.start, exercise.number, exercise.name, mark, exercise.dosage,
            exercise.time);
  }
  out.put("</tbody>\n</table></div>\n");
  const Raw legend = document.any_marked
                       ? out.format(" <span class=\"mark\">{}</span> {}.", note_mark, note_mark_legend)
                       : Raw{};
  out.put("<p>{}{}</p>\n", schedule_end_line(document), legend);
}

/// A version in words; one naming another exercise of the plan links to it.
Raw version_html(const Html& out, const Version& version)
{
  if (version.item_number == 0) {
    return out.text(version.words);
  }
  return out.format("{} (<a href=\"#ex-{}\">exercise {} in this plan</a>)", version.text, version.item_number,
                    version.item_number);
}

/// Figures in the HTML: a body of about 210 CSS pixels at 16 pixels to the
/// em (a standing figure's two poses 160 pixels wide on a phone), each
/// drawing no wider than the figure column of a wide screen (22rem), labels
/// at the text's size. Print shrinks them to the size of the PDF's.
constexpr double html_figure_scale = 1.2;
constexpr double html_figure_width = 22 * 16;

void figure_part(Html& out, const ExerciseBlock& exercise, double scale)
{
  if (exercise.drawn == nullptr) {
    // A plain box naming the start position, where the picture would be.
    out.put("<figure><div class=\"no-figure\">{}</div></figure>\n", exercise.position);
    return;
  }
  figure::DrawOptions options;
  options.scale = scale;
  options.max_width = html_figure_width;
  options.stack = true;
  options.label_size = 16;
  const auto drawing = figure::draw(*exercise.drawn, options);
  out.put("<figure>\n{}", Raw{figure::to_inline_svg(drawing, exercise.name)});
  if (!exercise.figure_notes.empty()) {
    out.put("<figcaption>{}</figcaption>\n", util::join(exercise.figure_notes, ". "));
  }
  out.put("</figure>\n");
}

void item_part(Html& out, const ExerciseBlock& exercise, double figure_scale)
{
  out.put("<section class=\"exercise\" id=\"ex-{}\">\n", exercise.number);
  figure_part(out, exercise, figure_scale);
  out.put("<div>\n<h3>{}. {}</h3>\n<p class=\"meta\">Starts at {} · takes {} · {}</p>\n<p "
          "class=\"summary\">{}</p>\n",
          exercise.number, exercise.name, exercise.start, exercise.time, exercise.kind, exercise.summary);
  out.put("<p><strong>Start position:</strong> {}<br>\n<strong>Dosage:</strong> {}</p>\n", exercise.position,
          exercise.dosage);
  for (const auto& note : exercise.notes) {
    out.put("<p class=\"note\"><strong>{}:</strong> {}</p>\n", note.label, note.text);
  }
  out.put("<ol>\n");
  for (const auto& step : exercise.steps) {
    out.put("<li>{}</li>\n", step);
  }
  out.put("</ol>\n");
  if (!exercise.cues.empty()) {
    out.put("<ul class=\"tips\">\n");
    for (const auto& cue : exercise.cues) {
      out.put("<li>{}</li>\n", cue);
    }
    out.put("</ul>\n");
  }
  for (const auto& version : exercise.versions) {
    out.put("<p><strong>{}:</strong> {}", version.label, version_html(out, version));
    for (const auto& note : version.notes) {
      out.put("<br>\n<em>{}:</em> {}", note.label, note.text);
    }
    out.put("</p>\n");
  }
  out.put("</div>\n</section>\n");
}

/// A programme's log sheet: a row a week, a box and a pain score for each
/// session due.
void log_sheet_part(Html& out, const Document& document)
{
  out.put("<section class=\"ticks\">\n<h2>Your programme's log sheet</h2>\n<p>{}</p>\n"
          "<div class=\"schedule-wrap\"><table>\n<thead><tr><th>Week</th>",
          log_sheet_words);
  for (const char* day : week_days) {
    out.put("<th>{}</th>", day);
  }
  out.put("</tr></thead>\n<tbody>\n");
  for (const auto& week : document.log) {
    out.put("<tr><td>{}<br>{}</td>", week.number, week.from);
    for (const bool due : week.due) {
      out.put(due ? "<td><span class=\"box\"></span><br><span class=\"pain\">pain __</span></td>"
                  : "<td></td>");
    }
    out.put("</tr>\n");
  }
  out.put("</tbody>\n</table></div>\n</section>\n");
}

void ticks_part(Html& out, const Document& document)
{
  if (!document.log.empty()) {
    log_sheet_part(out, document);
    return;
  }
  out.put("<section class=\"ticks\">\n<h2>This week</h2>\n<p>{}</p>\n<div class=\"schedule-wrap\"><table>\n"
          "<thead><tr><th>Exercise</th>",
          tick_grid_words(document.sessions_per_day));
  for (const char* day : week_days) {
    out.put("<th>{}</th>", day);
  }
  out.put("</tr></thead>\n<tbody>\n");
  for (const auto& exercise : document.exercises) {
    out.put("<tr><td>{}. {}</td>", exercise.number, exercise.name);
    for (std::size_t d = 0; d < week_days.size(); ++d) {
      out.put("<td>");
      for (int s = 0; s < document.sessions_per_day; ++s) {
        out.put("<span class=\"box\"></span>");
      }
      out.put("</td>");
    }
    out.put("</tr>\n");
  }
  out.put("</tbody>\n</table></div>\n</section>\n");
}

void left_out_part(Html& out, const Explanation& explanation)
{
  if (!explanation.chosen.empty()) {
    out.put("<h2>{}</h2>\n<ul>\n", chosen_anyway_heading);
    for (const auto& [name, why] : explanation.chosen) {
      out.put("<li>{}: {}</li>\n", name, why);
    }
    out.put("</ul>\n");
  }
  out.put("<h2>Left out</h2>\n");
  if (explanation.left_out.empty()) {
    out.put("<p>Nothing: every exercise of the catalog is in the plan.</p>\n");
    return;
  }
  out.put("<ul>\n");
  for (const auto& left : explanation.left_out) {
    out.put("<li><strong>{}</strong> ({}): {}: {}</li>\n", left.name, left.id, left.reason, left.detail);
  }
  out.put("</ul>\n");
}

} // namespace

std::string html_escape(std::string_view text) { return util::xml_escape(util::fold_whitespace(text)); }

std::string render_html(const plan::Plan& plan, const TextOptions& options)
{
  return html_document(make_document(plan, options.explain));
}

std::string html_document(const Document& document)
{
  Html out;
  out.put("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
          Raw{document_language}, document.title, Raw{stylesheet});
  facts_part(out, document);
  out.put("<main>\n");
  schedule_part(out, document);
  stop_part(out, document.safety);
  out.put("<h2>Exercises</h2>\n");
  const double scale = figure_scale(document, html_figure_scale, html_figure_width, true);
  for (const auto& exercise : document.exercises) {
    item_part(out, exercise, scale);
  }
  safety_part(out, document.safety);
  if (document.explain) {
    left_out_part(out, document.explanation);
  }
  ticks_part(out, document);
  out.put("<section class=\"sources\">\n<h2>Sources</h2>\n<ul>\n");
  for (const auto& source : document.sources) {
    out.put("<li>");
    cited(out, source);
    out.put("</li>\n");
  }
  out.put("</ul>\n</section>\n</main>\n<footer>{}</footer>\n</body>\n</html>\n", closing_line(document));
  return out.take();
}

} // namespace backplan::render
