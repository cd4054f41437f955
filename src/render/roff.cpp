#include "render/roff.hpp"

#include "figure/drawing.hpp"
#include "render/common.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {

/// The days of the tick grid's columns.

/// Page layout, and the macros that lay out table rows without tbl: `.row N`
/// starts a row of about N lines (kept on one page), `.cell LEFT WIDTH` starts
/// a cell whose filled text follows (LEFT from the indent the row started
/// at, so that rows work inside the safety box too), `.endrow` moves below
/// the tallest cell and restores the indent and line length.
constexpr const char* preamble = R"(.nr PS 9
.nr VS 10.5
.nr PO 0.8i
.nr LL 6.6i
.nr HM 0.55i
.nr FM 0.7i
.nr PD 0.25v
.nr PI 2n
.nr HY 0
.nr GROWPS 2
.nr PSINCR 2p
.ds CH
.na
.de row
.  br
.  ne \\$1v+0.5v
.  nr row*in \\n[.i]
.  nr row*ll \\n[.l]
.  mk row*top
.  nr row*bottom \\n[row*top]
..
.de cell*end
.  br
.  if \\n[.d]>\\n[row*bottom] .nr row*bottom \\n[.d]
..
.de cell
.  cell*end
.  rt \\n[row*top]u
.  in \\n[row*in]u+\\$1
.  ll \\n[row*in]u+\\$1+\\$2
..
.de endrow
.  cell*end
.  sp |\\n[row*bottom]u
.  in \\n[row*in]u
.  ll \\n[row*ll]u
.  sp \\$1
..
.ds tickbox \v'0.03i'\D'l 0.18i 0'\D'l 0 -0.18i'\D'l -0.18i 0'\D'l 0 0.18i'\v'-0.03i'\h'0.18i'
)";

/// A column of a table: its left edge and width, in inches.
struct Column {
  double left;
  double width;
};

/// The schedule's columns: #, start, exercise, dosage, time (the position
/// is with each exercise).
constexpr std::array<Column, 5> schedule_columns = {
  {{0.0, 0.3}, {0.35, 0.5}, {0.95, 2.15}, {3.2, 2.6}, {5.9, 0.7}}};

/// The facts' columns: a label and its value, twice a row.
constexpr std::array<Column, 4> fact_columns = {{{0.0, 0.75}, {0.75, 2.45}, {3.3, 0.75}, {4.05, 2.55}}};

/// The tick grid's exercise column; the days follow, each `day_width` wide.
constexpr Column grid_name_column = {0.0, 2.45};
constexpr double day_width = 0.525;

/// Decodes the UTF-8 sequence at `i` and moves past it; U+FFFD when malformed.
char32_t next_code_point(std::string_view text, std::size_t& i)
{
  const auto lead = static_cast<unsigned char>(text[i++]);
  int extra = 0;
  char32_t code = 0;
  if (lead >= 0xC0 && lead < 0xE0) {
    extra = 1;
    code = lead & 0x1FU;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    extra = 2;
    code = lead & 0x0FU;
  } else if (lead >= 0xF0 && lead < 0xF8) {
    extra = 3;
    code = lead & 0x07U;
  } else {
    return 0xFFFD;
  }
  for (; extra > 0; --extra) {
    if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      return 0xFFFD;
    }
    code = (code << 6U) | (static_cast<unsigned char>(text[i++]) & 0x3FU);
  }
  return code;
}

/// A groff escape for a non-ASCII code point.
std::string glyph(char32_t code)
{
  if (code == 0x2610) {
    return "\\[u25A1]"; // the ballot box: the PDF fonts have the white square
  }
  if (code == 0xFFFD) {
    return "?";
  }
  return fmt::format("\\[u{:04X}]", static_cast<std::uint32_t>(code));
}

/// An ASCII character as troff input that prints it as typed: groff would
/// take a backslash as an escape and print ' ` ~ ^ as typographic glyphs.
std::string ascii_glyph(char c)
{
  switch (c) {
  case '\\':
    return "\\[rs]";
  case '\'':
    return "\\[aq]";
  case '`':
    return "\\[ga]";
  case '~':
    return "\\[ti]";
  case '^':
    return "\\[ha]";
  default:
    return std::string(1, c);
  }
}

/// A text line of the document holding `text`.
std::string text_line(std::string_view text)
{
  const std::string escaped = roff_escape(text);
  return (escaped.empty() ? "\\&" : escaped) + "\n";
}

/// Bold `label` and a colon, then the text, as one text line.
std::string labelled(const std::string& label, const std::string& text)
{
  return fmt::format("\\fB{}:\\fR {}\n", roff_escape(label), roff_escape(text));
}

/// About how many lines the tallest of `cells` takes in its column (for
/// keeping a row on one page; a little too many is harmless).
template<std::size_t N>
int row_lines(const std::array<std::string, N>& cells, const std::array<Column, N>& columns)
{
  constexpr double characters_per_inch = 14.0;
  std::size_t lines = 1;
  for (std::size_t c = 0; c < N; ++c) {
    const auto room = static_cast<std::size_t>(columns[c].width * characters_per_inch);
    lines = std::max(lines, (util::display_width(cells[c]) + room - 1) / std::max<std::size_t>(room, 1));
  }
  return static_cast<int>(lines);
}

/// The call that starts a table cell in `column`.
std::string cell(const Column& column)
{
  return fmt::format(".cell {:g}i {:g}i\n", column.left, column.width);
}

void facts_section(std::string& out, const plan::Plan& plan)
{
  // A title of our own: ms's .TL leaves an inch of space above it.
  out += ".LP\n.ce 1\n\\s+4\\fB" + roff_escape(plan_title(plan)) + "\\fR\\s0\n.sp 0.3v\n";
  std::vector<std::pair<std::string, std::string>> facts;
  for (const auto& fact : handout_facts(plan)) {
    if (fact.first != "Seed") {
      facts.push_back(
        fact); // the seed is in the closing line: it reproduces the plan, a patient needs it not
    }
  }
  // Two facts a row, each label in bold with its value beside it.
  for (std::size_t i = 0; i < facts.size(); i += 2) {
    out += ".row 1\n";
    for (std::size_t f = i; f < std::min(i + 2, facts.size()); ++f) {
      const auto& column = fact_columns[2 * (f - i)];
      out += cell(column) + fmt::format("\\fB{}:\\fR\n", roff_escape(facts[f].first));
      out += cell(fact_columns[2 * (f - i) + 1]) + text_line(facts[f].second);
    }
    out += ".endrow 0.1v\n";
  }
  out += ".nr PD 0.4v\n";
  if (!plan.shortfall.empty()) {
    out += ".LP\n" + labelled("Note", plan.shortfall);
  }
  for (const auto& unchanged : plan.unchanged) {
    out += ".LP\n" + labelled("Note", unchanged.note + ".");
  }
  for (const auto& gap : plan.uncovered) {
    out += ".LP\n" + labelled("Not covered", gap);
  }
}

/// The signs of a red-flag tier in two columns, down the first and then the
/// second, each under a bullet with its wrapped lines beside the bullet.
void red_flag_signs(std::string& out, const std::vector<std::string>& signs)
{
  constexpr double column_width = 3.1; // inches: two fit inside the box
  constexpr double gap = 0.15;
  const std::size_t half = (signs.size() + 1) / 2;
  std::size_t lines = 0;
  for (std::size_t i = 0; i < half; ++i) {
    lines += 1 + util::display_width(signs[i]) / 60;
  }
  out += fmt::format(".sp 0.15v\n.row {}\n", lines);
  for (std::size_t column = 0; column < 2; ++column) {
    out += cell({static_cast<double>(column) * (column_width + gap), column_width}) + ".in +1.5n\n";
    for (std::size_t i = column * half; i < std::min(signs.size(), (column + 1) * half); ++i) {
      out += ".ti -1.5n\n\\Z'\\(bu'\\h'1.5n'" + roff_escape(signs[i]) + "\n.br\n";
    }
  }
  out += ".endrow 0\n";
}

void safety_section(std::string& out, const plan::Plan& plan)
{
  const auto& safety = plan.safety;
  out += ".sp 1v\n.B1\n.LP\n\\s+2\\fBSafety first\\fR\\s0\n.nr PD 0.2v\n";
  for (const auto& note : safety.general) {
    out += ".IP \\(bu 2n\n" + text_line(note);
  }
  for (const auto& advice : safety.advice) {
    out += ".IP \\(bu 2n\n" + labelled(advice.name, advice.text);
  }
  out += ".LP\n\\fB" + roff_escape(safety.red_flags_intro) + "\\fR\n";
  for (const auto& tier : safety.red_flags) {
    out += ".LP\n" + labelled(tier.name, tier.action);
    red_flag_signs(out, tier.signs);
  }
  if (const auto citations = red_flag_citations(safety); !citations.empty()) {
    out += ".LP\n\\s-1\\fIBasis: " + roff_escape(util::join(citations, "; ")) + "\\fR\\s0\n";
  }
  out += ".nr PD 0.4v\n.sp 0.3v\n.B2\n";
}

void schedule_section(std::string& out, const plan::Plan& plan)
{
  // The schedule stays on one page.
  out += ".KS\n.SH 1\nSchedule\n.LP\n.ps -1\n.vs -2p\n.row 1\n";
  const std::array<const char*, 5> headers = {"#", "Start", "Exercise", "Dosage", "Time"};
  for (std::size_t c = 0; c < headers.size(); ++c) {
    out += cell(schedule_columns[c]) + fmt::format("\\fB{}\\fR\n", headers[c]);
  }
  out += ".endrow 0\n.sp -0.4v\n\\l'\\n[LL]u'\n.br\n.sp 0.3v\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    const std::array<std::string, 5> cells = {std::to_string(i + 1), util::format_clock(item.start),
                                              item.exercise.name, item.dosage_words,
                                              util::format_duration(item.duration)};
    const std::string mark = has_condition_note(item) ? std::string(" ") + note_mark : "";
    out += fmt::format(".row {}\n", row_lines(cells, schedule_columns));
    for (std::size_t c = 0; c < cells.size(); ++c) {
      out += cell(schedule_columns[c]) +
             (c == 2 ? "\\fB" + roff_escape(cells[c]) + "\\fR" + mark + "\n" : text_line(cells[c]));
    }
    out += ".endrow 0.4v\n";
  }
  out += ".ps\n.vs\n.LP\n";
  out += text_line(fmt::format("Ends at {} of the {} planned. The start times allow for changing "
                               "position between exercises ({} {}).",
                               util::format_clock(plan.total), util::format_clock(plan.budget),
                               plan.position_changes, plan.position_changes == 1 ? "change" : "changes"));
  if (std::any_of(plan.items.begin(), plan.items.end(), has_condition_note)) {
    out += ".br\n" + text_line(fmt::format("{} {}.", note_mark, note_mark_legend));
  }
  out += ".KE\n";
}

/// The width of the column an exercise's picture takes, text to its right.
constexpr double picture_column = 1.75; // inches

/// Draws the item's figure at the left of the current line with groff's
/// drawing escapes and moves the text's left margin right of it; returns the
/// picture's height in points (0 when there is none).
double figure_start(std::string& out, const plan::PlanItem& item)
{
  const auto* drawn = item_figure(item);
  if (drawn == nullptr) {
    return 0;
  }
  figure::DrawOptions options;
  options.height = 48;
  options.max_width = picture_column * 72 - 10;
  std::vector<std::string> notes;
  if (const auto note = figure_note(item); !note.empty()) {
    notes.push_back(note);
  }
  if (const auto caption = figure_caption(item.exercise); !caption.empty()) {
    notes.push_back(caption);
  }
  const auto drawing = figure::draw(*drawn, options);
  // Mark the top of the text, draw from there, and come back up to it.
  out += ".LP\n.mk bp-top\n.nf\n\\v'-0.7v'" + figure::to_roff(drawing) + "\n.fi\n";
  double height = drawing.height;
  for (const auto& note : notes) {
    out += fmt::format(".sp |\\n[bp-top]u+{:.1f}p\n.ps 7\n.vs 8p\n.ll {}i\n", height, picture_column - 0.15) +
           text_line(note) + ".br\n.ps\n.vs\n.ll\n";
    height += 10 * static_cast<double>(1 + note.size() / 34);
  }
  // ms takes PI over at the next paragraph, so the paragraph comes first.
  out += fmt::format(".sp |\\n[bp-top]u\n.nr PI {}i\n.LP\n.RS\n", picture_column);
  return height;
}

/// Ends the text beside a picture, below the picture if that is lower.
void figure_end(std::string& out, double picture_height)
{
  if (picture_height <= 0) {
    return;
  }
  out += fmt::format(".RE\n.nr PI 2n\n.br\n.nr bp-bottom \\n[bp-top]+{:.0f}p\n"
                     ".if \\n[.d]<\\n[bp-bottom] .sp |\\n[bp-bottom]u\n",
                     picture_height);
}

void item_section(std::string& out, const plan::Plan& plan, std::size_t index)
{
  const auto& item = plan.items[index];
  const auto& exercise = item.exercise;
  // The section's heading stays on the page of its first exercise, and each
  // exercise's name heads the text beside its picture.
  out += index == 0 ? ".KS\n.SH 1\nExercises\n" : ".KS\n.sp 0.5v\n";
  const double picture_height = figure_start(out, item);
  if (picture_height <= 0) {
    out += ".LP\n";
  }
  out += "\\s+1\\fB" + roff_escape(fmt::format("{}. {}", index + 1, exercise.name)) + "\\fR\\s0\n.br\n";
  out += "\\fI" +
         roff_escape(fmt::format("Starts at {} · takes {} · {}", util::format_clock(item.start),
                                 util::format_duration(item.duration), item.kind_name)) +
         "\\fR\n.br\n";
  out += labelled("Start position", item.position_name) + ".br\n" + labelled("Dosage", item.dosage_words);
  if (exercise.stop_if) {
    out += ".LP\n" + labelled(everyone_label, exercise.stop_if->text);
  }
  for (const auto& rule : shown_rules(item.modifications, item.cautions)) {
    out += ".LP\n" + labelled(rule_label(plan, rule), rule.instruction);
  }
  // Steps run on in one paragraph and the tips in another, and the summary
  // (in the other formats) is left out, to keep the printed handout short.
  out += ".LP\n";
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    out += fmt::format("\\fB{}.\\fR ", s + 1) + text_line(exercise.steps[s]);
  }
  if (!exercise.cues.empty()) {
    out += "\\fITips:\\fR\n"; // run on after the steps
    for (std::size_t c = 0; c < exercise.cues.size(); ++c) {
      out += (c == 0 ? "" : "\\(bu ") + text_line(exercise.cues[c]);
    }
  }
  for (const auto& [label, variant] : {std::pair{"Easier", &item.easier}, {"Harder", &item.harder}}) {
    if (*variant) {
      out += ".LP\n" + labelled(label, variant_words(**variant));
      for (const auto& rule : shown_rules((*variant)->modifications, (*variant)->cautions)) {
        out += ".IP \\(bu 3n\n" + labelled(rule_label(plan, rule), rule.instruction);
      }
    }
  }
  figure_end(out, picture_height);
  out += ".KE\n";
}

void left_out_section(std::string& out, const plan::Plan& plan)
{
  // An .IP right after a heading would measure its indent in the heading's size.
  if (const auto cautioned = cautioned_choices(plan); !cautioned.empty()) {
    out += ".SH 1\nChosen with a caution\n.LP\n";
    for (const auto& [name, why] : cautioned) {
      out += ".IP \\(bu 3n\n" + roff_escape(fmt::format("{}: {}", name, why)) + "\n";
    }
  }
  out += ".SH 1\nLeft out\n.LP\n";
  if (plan.left_out.empty()) {
    out += "Nothing: every exercise of the catalog is in the plan.\n";
    return;
  }
  for (const auto& left : plan.left_out) {
    out +=
      ".IP \\(bu 3n\n" + fmt::format("\\fB{}\\fR ({}): {}\n", roff_escape(left.name), roff_escape(left.id),
                                     roff_escape(fmt::format("{}: {}", left.reason, left.detail)));
  }
}

void tick_grid_section(std::string& out, const plan::Plan& plan)
{
  out += ".KS\n.SH 1\nWeek tick grid\n.LP\nTick a box on each day you do the exercise.\n";
  out += ".sp 0.5v\n.row 1\n" + cell(grid_name_column) + "\\fBExercise\\fR\n";
  const auto day_column = [](std::size_t d) {
    return Column{grid_name_column.left + grid_name_column.width + 0.1 + static_cast<double>(d) * day_width,
                  day_width};
  };
  for (std::size_t d = 0; d < week_days.size(); ++d) {
    out += cell(day_column(d)) + fmt::format(".ce 1\n\\fB{}\\fR\n", week_days[d]);
  }
  out += ".endrow 0.4v\n";
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    // A long name wraps under itself, not under its number.
    out += ".row 1\n" + cell(grid_name_column) + ".in +3n\n.ti -3n\n" +
           text_line(fmt::format("{}. {}", i + 1, plan.items[i].exercise.name));
    for (std::size_t d = 0; d < week_days.size(); ++d) {
      out += cell(day_column(d)) + ".ce 1\n\\*[tickbox]\n";
    }
    out += ".endrow 0.25v\n";
  }
  out += ".KE\n";
}

} // namespace

std::string roff_escape(std::string_view text)
{
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == ' ' || (byte < 0x20) || byte == 0x7F) {
      space = !out.empty();
      ++i;
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    } else if (out.empty() && c == '.') {
      out += "\\&"; // not a request or macro call at the start of a line
    }
    if (byte >= 0x80) {
      out += glyph(next_code_point(text, i));
      continue;
    }
    out += ascii_glyph(c);
    ++i;
  }
  return out;
}

std::string render_roff(const plan::Plan& plan, const TextOptions& options)
{
  std::string out;
  out += ".\\\" " + plan_title(plan) + ", made by backplan " BACKPLAN_VERSION ".\n";
  out += ".\\\" A groff ms document that needs no preprocessor; print it with\n";
  out += ".\\\"   groff -ms -Tpdf plan.ms > plan.pdf\n";
  out += ".\\\" It fits A4 and US letter pages.\n";
  out += preamble;
  out += figure::roff_colour_definitions();
  out += ".ds LF \\s-2" + roff_escape(plan_title(plan)) + "\\s0\n";
  out += ".ds RF \\s-2Page \\\\n%\\s0\n";
  facts_section(out, plan);
  safety_section(out, plan);
  schedule_section(out, plan);
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    item_section(out, plan, i);
  }
  if (options.explain) {
    left_out_section(out, plan);
  }
  tick_grid_section(out, plan);
  // The sources and the closing line in small type, for whoever wants them.
  out += ".SH 1\nSources\n.nr PS 8\n.nr VS 9.5\n.nr PD 0.1v\n.LP\n";
  for (const auto& source : plan.sources) {
    out += ".IP \\(bu 3n\n" + text_line(source);
  }
  out += ".LP\n\\s-1" +
         roff_escape(fmt::format("Made by backplan; the same request with seed {} makes the same plan.",
                                 plan.request.seed)) +
         "\\s0\n";
  return out;
}

} // namespace backplan::render
