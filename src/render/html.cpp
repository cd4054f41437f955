#include "render/html.hpp"

#include "figure/drawing.hpp"
#include "render/common.hpp"
#include "util/text.hpp"

#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {


/// The page's style: one column on a phone, picture beside text from 600 px,
/// and for print small type, A4 or Letter margins, and no exercise split.
constexpr const char* style = R"(
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
.exercise figcaption { font-size: .85rem; color: #555; }
.exercise .meta { color: #555; font-size: .9rem; margin: 0 0 .4rem; }
.exercise ol, .exercise ul { margin: .3rem 0; padding-left: 1.3rem; }
.note { border-left: 4px solid #c77c02; background: #fff7e6; padding: .3rem .6rem; margin: .4rem 0; }
.mark { color: #c77c02; font-weight: 700; }
.ticks td, .ticks th { text-align: center; }
.ticks td:first-child, .ticks th:first-child { text-align: left; }
.box { display: inline-block; width: 1.1em; height: 1.1em; border: 1.5px solid #444; border-radius: .15em; }
footer { margin-top: 1.5rem; font-size: .8rem; color: #666; }
@media (max-width: 599px) {
  table { font-size: .9rem; }
  td.num { white-space: normal; }
}
@media (min-width: 600px) {
  .exercise { grid-template-columns: minmax(0, 17rem) 1fr; }
}
@media print {
  @page { margin: 11mm 12mm; }
  body { font-size: 8.5pt; line-height: 1.22; max-width: none; padding: 0; }
  h1 { font-size: 14pt; margin: 0 0 .2rem; }
  h2 { font-size: 11pt; margin: .6rem 0 .25rem; }
  h3 { font-size: 10pt; }
  .facts { grid-template-columns: max-content 1fr max-content 1fr; gap: 0 .8rem; margin: .2rem 0 .4rem; font-size: 9pt; }
  .exercise { grid-template-columns: 9.5rem 1fr; padding: .25rem 0; gap: .2rem .7rem; }
  .exercise svg { max-height: 4.6rem; width: auto; }
  .exercise figcaption, .exercise .meta { font-size: .9em; }
  .exercise p { margin: .12rem 0; }
  .exercise ol, .exercise ul { display: inline; padding: 0; margin: 0; }
  .exercise ol { counter-reset: step; }
  .exercise li { display: inline; }
  .exercise ol li { counter-increment: step; }
  .exercise ol li::before { content: counter(step) ". "; font-weight: 700; }
  .exercise ul.tips { display: none; }
  .exercise .summary { display: none; }
  .note { padding: .15rem .5rem; margin: .2rem 0; }
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
  .safety, table, .ticks { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .sources { font-size: 7.5pt; }
  .sources ul { margin: .1rem 0; }
  footer { font-size: 7pt; margin-top: .5rem; }
}
)";

void facts_part(std::string& out, const plan::Plan& plan)
{
  out += fmt::format("<header>\n<h1>{}</h1>\n<dl class=\"facts\">\n", html_escape(plan_title(plan)));
  for (const auto& [label, value] : handout_facts(plan)) {
    if (label == "Seed") {
      continue; // in the footer: it reproduces the plan, a patient needs it not
    }
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", html_escape(label), html_escape(value));
  }
  out += "</dl>\n";
  if (!plan.shortfall.empty()) {
    out += fmt::format("<p class=\"note\">{}</p>\n", html_escape(plan.shortfall));
  }
  for (const auto& gap : plan.uncovered) {
    out += fmt::format("<p class=\"note\">Not covered: {}</p>\n", html_escape(gap));
  }
  out += "</header>\n";
}

void safety_part(std::string& out, const plan::Plan& plan)
{
  const auto& safety = plan.safety;
  out += "<section class=\"safety\">\n<h2>Safety first</h2>\n<ul>\n";
  for (const auto& note : safety.general) {
    out += fmt::format("<li>{}</li>\n", html_escape(note));
  }
  for (const auto& advice : safety.advice) {
    out +=
      fmt::format("<li><strong>{}:</strong> {}</li>\n", html_escape(advice.name), html_escape(advice.text));
  }
  out += fmt::format("</ul>\n<p><strong>{}</strong></p>\n", html_escape(safety.red_flags_intro));
  for (const auto& tier : safety.red_flags) {
    out += fmt::format("<div class=\"tier tier-{}\">\n<p><strong>{}:</strong> {}</p>\n<ul>\n",
                       html_escape(tier.id), html_escape(tier.name), html_escape(tier.action));
    for (const auto& sign : tier.signs) {
      out += fmt::format("<li>{}</li>\n", html_escape(sign));
    }
    out += "</ul>\n</div>\n";
  }
  if (const auto citations = red_flag_citations(safety); !citations.empty()) {
    out += fmt::format("<p class=\"basis\">Basis: {}</p>\n", html_escape(util::join(citations, "; ")));
  }
  out += "</section>\n";
}

void schedule_part(std::string& out, const plan::Plan& plan)
{
  out += "<h2>Schedule</h2>\n<div class=\"schedule-wrap\"><table>\n<thead><tr><th>#</th><th>Start</th>"
         "<th>Exercise</th><th>Dosage</th><th>Time</th></tr></thead>\n<tbody>\n";
  bool any_note = false;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    any_note = any_note || has_condition_note(item);
    out += fmt::format(
      "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td><a href=\"#ex-{}\">{}</a>{}"
      "</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
      i + 1, util::format_clock(item.start), i + 1, html_escape(item.exercise.name),
      has_condition_note(item) ? " <span class=\"mark\" title=\"changed for your condition\">*</span>" : "",
      html_escape(item.dosage_words), html_escape(util::format_duration(item.duration)));
  }
  out += "</tbody>\n</table></div>\n";
  out +=
    fmt::format("<p>Ends at {} of the {} planned, with time to change position.{}</p>\n",
                util::format_clock(plan.total), util::format_clock(plan.budget),
                any_note ? " <span class=\"mark\">*</span> a note for your condition goes with it." : "");
}

/// A version in words; one naming another exercise of the plan links to it.
std::string variant_html(const plan::PlanVariant& variant)
{
  if (variant.item_number == 0) {
    return html_escape(variant_words(variant));
  }
  return fmt::format("{} (<a href=\"#ex-{}\">exercise {} in this plan</a>)", html_escape(variant.text),
                     variant.item_number, variant.item_number);
}

void figure_part(std::string& out, const plan::PlanItem& item)
{
  const auto* drawn = item_figure(item);
  if (drawn == nullptr) {
    return;
  }
  figure::DrawOptions options;
  options.height = 90;
  const auto drawing = figure::draw(*drawn, options);
  out += "<figure>\n" + figure::to_inline_svg(drawing, item.exercise.name);
  std::vector<std::string> notes;
  if (const auto note = figure_note(item); !note.empty()) {
    notes.push_back(note);
  }
  if (const auto caption = figure_caption(item.exercise); !caption.empty()) {
    notes.push_back(caption);
  }
  if (!notes.empty()) {
    out += fmt::format("<figcaption>{}</figcaption>\n", html_escape(util::join(notes, ". ")));
  }
  out += "</figure>\n";
}

void item_part(std::string& out, const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  out += fmt::format("<section class=\"exercise\" id=\"ex-{}\">\n", index + 1);
  figure_part(out, item);
  out += fmt::format("<div>\n<h3>{}. {}</h3>\n<p class=\"meta\">Starts at {} · takes {} · {}</p>\n<p "
                     "class=\"summary\">{}</p>\n",
                     index + 1, html_escape(exercise.name), util::format_clock(item.start),
                     html_escape(util::format_duration(item.duration)), html_escape(item.kind_name),
                     html_escape(exercise.summary));
  out += fmt::format("<p><strong>Start position:</strong> {}<br>\n<strong>Dosage:</strong> {}</p>\n",
                     html_escape(item.position_name), html_escape(item.dosage_words));
  if (exercise.stop_if) {
    out += fmt::format("<p class=\"note\"><strong>{}:</strong> {}</p>\n", everyone_label,
                       html_escape(exercise.stop_if->text));
  }
  for (const auto& rule : shown_rules(item.modifications, item.cautions)) {
    out += fmt::format("<p class=\"note\"><strong>{}:</strong> {}</p>\n", html_escape(rule_label(plan, rule)),
                       html_escape(rule.instruction));
  }
  out += "<ol>\n";
  for (const auto& step : exercise.steps) {
    out += fmt::format("<li>{}</li>\n", html_escape(step));
  }
  out += "</ol>\n";
  if (!exercise.cues.empty()) {
    out += "<ul class=\"tips\">\n";
    for (const auto& cue : exercise.cues) {
      out += fmt::format("<li>{}</li>\n", html_escape(cue));
    }
    out += "</ul>\n";
  }
  for (const auto& [label, variant] : {std::pair{"Easier", &item.easier}, {"Harder", &item.harder}}) {
    if (*variant) {
      out += fmt::format("<p><strong>{}:</strong> {}", label, variant_html(**variant));
      for (const auto& rule : shown_rules((*variant)->modifications, (*variant)->cautions)) {
        out += fmt::format("<br>\n<em>{}:</em> {}", html_escape(rule_label(plan, rule)),
                           html_escape(rule.instruction));
      }
      out += "</p>\n";
    }
  }
  out += "</div>\n</section>\n";
}

void ticks_part(std::string& out, const plan::Plan& plan)
{
  out += "<section class=\"ticks\">\n<h2>This week</h2>\n<p>Tick a box on each day you do the exercise."
         "</p>\n<div class=\"schedule-wrap\"><table>\n<thead><tr><th>Exercise</th>";
  for (const char* day : week_days) {
    out += fmt::format("<th>{}</th>", day);
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    out += fmt::format("<tr><td>{}. {}</td>", i + 1, html_escape(plan.items[i].exercise.name));
    for (std::size_t d = 0; d < week_days.size(); ++d) {
      out += "<td><span class=\"box\"></span></td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n</section>\n";
}

void left_out_part(std::string& out, const plan::Plan& plan)
{
  if (const auto cautioned = cautioned_choices(plan); !cautioned.empty()) {
    out += "<h2>Chosen with a caution</h2>\n<ul>\n";
    for (const auto& [name, why] : cautioned) {
      out += fmt::format("<li>{}: {}</li>\n", html_escape(name), html_escape(why));
    }
    out += "</ul>\n";
  }
  out += "<h2>Left out</h2>\n";
  if (plan.left_out.empty()) {
    out += "<p>Nothing: every exercise of the catalog is in the plan.</p>\n";
    return;
  }
  out += "<ul>\n";
  for (const auto& left : plan.left_out) {
    out += fmt::format("<li><strong>{}</strong> ({}): {}: {}</li>\n", html_escape(left.name),
                       html_escape(left.id), html_escape(left.reason), html_escape(left.detail));
  }
  out += "</ul>\n";
}

} // namespace

std::string html_escape(std::string_view text) { return util::xml_escape(util::fold_whitespace(text)); }

std::string render_html(const plan::Plan& plan, const TextOptions& options)
{
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
                                html_escape(plan_title(plan)), style);
  facts_part(out, plan);
  safety_part(out, plan);
  schedule_part(out, plan);
  out += "<h2>Exercises</h2>\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    item_part(out, plan, i);
  }
  if (options.explain) {
    left_out_part(out, plan);
  }
  ticks_part(out, plan);
  out += "<section class=\"sources\">\n<h2>Sources</h2>\n<ul>\n";
  for (const auto& source : plan.sources) {
    out += fmt::format("<li>{}</li>\n", html_escape(source));
  }
  out += fmt::format(
    "</ul>\n</section>\n<footer>Made by backplan; the same request with seed {} makes the same plan."
    "</footer>\n</body>\n</html>\n",
    plan.request.seed);
  return out;
}

} // namespace backplan::render
