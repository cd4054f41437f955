#include "render/roff.hpp"

#include "backplan/figure/drawing.hpp"
#include "render/common.hpp"
#include "render/document.hpp"
#include "render/markup.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::render {

namespace {

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

/// Writes troff input, every text through roff_escape.
class Roff : public MarkupWriter
{
public:
  Roff() : MarkupWriter(roff_escape) {}

  /// A text line holding `text` (a line of its own even when it is empty).
  void line(std::string_view text)
  {
    const Raw escaped = this->text(text);
    put("{}\n", escaped.text.empty() ? Raw{"\\&"} : escaped);
  }

  /// Bold `label` and a colon, then the text, as one text line.
  void labelled(std::string_view label, std::string_view text) { put("\\fB{}:\\fR {}\n", label, text); }

  void labelled(const Note& note) { labelled(note.label, note.text); }
};

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
Raw cell(const Column& column) { return Raw{fmt::format(".cell {:g}i {:g}i\n", column.left, column.width)}; }

void facts_section(Roff& out, const Document& document)
{
  // A title of our own: ms's .TL leaves an inch of space above it.
  out.put(".LP\n.ce 1\n\\s+4\\fB{}\\fR\\s0\n.sp 0.3v\n", document.title);
  std::vector<const Fact*> facts;
  for (const auto& fact : document.facts) {
    if (!fact.reproduces) { // that one is in the closing line
      facts.push_back(&fact);
    }
  }
  // Two facts a row, each label in bold with its value beside it.
  for (std::size_t i = 0; i < facts.size(); i += 2) {
    out.put(".row 1\n");
    for (std::size_t f = i; f < std::min(i + 2, facts.size()); ++f) {
      out.put("{}\\fB{}:\\fR\n", cell(fact_columns[2 * (f - i)]), facts[f]->label);
      out.put("{}", cell(fact_columns[2 * (f - i) + 1]));
      out.line(facts[f]->value);
    }
    out.put(".endrow 0.1v\n");
  }
  out.put(".nr PD 0.4v\n");
  for (const auto& note : document.notes) {
    out.put(".LP\n");
    out.labelled(note);
  }
}

/// The signs of a red-flag tier in two columns, down the first and then the
/// second, each under a bullet with its wrapped lines beside the bullet.
void red_flag_signs(Roff& out, const std::vector<Note>& signs)
{
  constexpr double column_width = 3.1; // inches: two fit inside the box
  constexpr double gap = 0.15;
  const std::size_t half = (signs.size() + 1) / 2;
  std::size_t lines = 0;
  for (std::size_t i = 0; i < half; ++i) {
    lines += 1 + util::display_width(signs[i].text) / 60;
  }
  out.put(".sp 0.15v\n.row {}\n", lines);
  for (std::size_t column = 0; column < 2; ++column) {
    out.put("{}.in +1.5n\n", cell({static_cast<double>(column) * (column_width + gap), column_width}));
    for (std::size_t i = column * half; i < std::min(signs.size(), (column + 1) * half); ++i) {
      out.put(".ti -1.5n\n\\Z'\\(bu'\\h'1.5n'{}\n.br\n", signs[i].text);
    }
  }
  out.put(".endrow 0\n");
}

/// The most urgent tier of warning signs and what to do, boxed, after the schedule.
void stop_section(Roff& out, const SafetySection& safety)
{
  if (safety.tiers.empty()) {
    return;
  }
  const auto& tier = safety.tiers.front();
  out.put(".sp 0.5v\n.B1\n.LP\n\\s+2\\fB{}\\fR\\s0\n.nr PD 0.2v\n.LP\n", Raw{stop_heading});
  out.labelled(tier.action);
  red_flag_signs(out, tier.signs);
  out.put(".nr PD 0.4v\n.sp 0.3v\n.B2\n");
}

/// Everything else the plan says about safety, after the exercises.
void safety_section(Roff& out, const SafetySection& safety)
{
  out.put(".SH 1\nSafety\n.nr PD 0.2v\n");
  for (const auto& note : safety.general) {
    out.put(".IP \\(bu 2n\n");
    out.line(note.text);
  }
  for (const auto& advice : safety.advice) {
    out.put(".IP \\(bu 2n\n");
    out.labelled(advice);
  }
  out.put(".LP\n\\fB{}\\fR\n", safety.red_flags_intro.text);
  for (const auto& tier : safety.tiers) {
    out.put(".LP\n");
    if (&tier == &safety.tiers.front()) {
      out.labelled(tier.action.label, stop_reference);
      continue;
    }
    out.labelled(tier.action);
    red_flag_signs(out, tier.signs);
  }
  if (!safety.citations.empty()) {
    out.put(".LP\n\\s-1\\fIBasis: {}\\fR\\s0\n", util::join(safety.citations, "; "));
  }
  out.put(".nr PD 0.4v\n");
}

void schedule_section(Roff& out, const Document& document)
{
  // The schedule stays on one page.
  out.put(".KS\n.SH 1\nSchedule\n.LP\n.ps -1\n.vs -2p\n.row 1\n");
  const std::array<const char*, 5> headers = {"#", "Start", "Exercise", "Dosage", "Time"};
  for (std::size_t c = 0; c < headers.size(); ++c) {
    out.put("{}\\fB{}\\fR\n", cell(schedule_columns[c]), Raw{headers[c]});
  }
  out.put(".endrow 0\n.sp -0.4v\n\\l'\\n[LL]u'\n.br\n.sp 0.3v\n");
  for (const auto& exercise : document.exercises) {
    const std::array<std::string, 5> cells = {std::to_string(exercise.number), exercise.start, exercise.name,
                                              exercise.dosage, exercise.time};
    out.put(".row {}\n", row_lines(cells, schedule_columns));
    for (std::size_t c = 0; c < cells.size(); ++c) {
      out.put("{}", cell(schedule_columns[c]));
      if (c == 2) {
        out.put("\\fB{}\\fR{}\n", cells[c], exercise.marked ? out.format(" {}", note_mark) : Raw{});
      } else {
        out.line(cells[c]);
      }
    }
    out.put(".endrow 0.4v\n");
  }
  out.put(".ps\n.vs\n.LP\n");
  out.line(schedule_end_line(document));
  if (document.any_marked) {
    out.put(".br\n");
    out.line(fmt::format("{} {}.", note_mark, note_mark_legend));
  }
  out.put(".KE\n");
}

/// The width of the column an exercise's picture takes, text to its right.
constexpr double picture_column = 1.75; // inches
/// The scale of every figure of a handout, points per centimetre of body
/// (less where a figure is too wide for the column).
constexpr double roff_figure_scale = 0.5;

/// Draws the exercise's figure (or, without one, a box naming its start
/// position) at the left of the current line with groff's drawing escapes
/// and moves the text's left margin right of it; returns its height in
/// points.
double figure_start(Roff& out, const ExerciseBlock& exercise, double scale)
{
  if (exercise.drawn == nullptr) {
    // A plain box naming the start position, where the picture would be.
    constexpr double box_width = picture_column - 0.15; // inches
    constexpr double box_height = 0.55;                 // inches
    out.put(".LP\n.mk bp-top\n.nf\n\\v'-0.7v'\\D'l {0}i 0'\\D'l 0 {1}i'\\D'l -{0}i 0'\\D'l 0 -{1}i'\n.fi\n"
            ".sp |\\n[bp-top]u+0.15i\n.ll {0}i\n.ce 1\n\\fI",
            box_width, box_height);
    out.line(exercise.position);
    out.put("\\fR\n.ll\n.sp |\\n[bp-top]u\n.nr PI {}i\n.LP\n.RS\n", picture_column);
    return box_height * 72;
  }
  figure::DrawOptions options;
  options.scale = scale;
  options.max_width = picture_column * 72 - 10;
  options.stack = true;
  options.label_size = 8;
  const auto drawing = figure::draw(*exercise.drawn, options);
  // Mark the top of the text, draw from there, and come back up to it.
  out.put(".LP\n.mk bp-top\n.nf\n\\v'-0.7v'{}\n.fi\n", Raw{figure::to_roff(drawing)});
  double height = drawing.height;
  for (const auto& note : exercise.figure_notes) {
    out.put(".sp |\\n[bp-top]u+{:.1f}p\n.ps 7\n.vs 8p\n.ll {}i\n", height, picture_column - 0.15);
    out.line(note);
    out.put(".br\n.ps\n.vs\n.ll\n");
    height += 10 * static_cast<double>(1 + note.size() / 34);
  }
  // ms takes PI over at the next paragraph, so the paragraph comes first.
  out.put(".sp |\\n[bp-top]u\n.nr PI {}i\n.LP\n.RS\n", picture_column);
  return height;
}

/// Ends the text beside a picture, below the picture if that is lower.
void figure_end(Roff& out, double picture_height)
{
  out.put(".RE\n.nr PI 2n\n.br\n.nr bp-bottom \\n[bp-top]+{:.0f}p\n"
          ".if \\n[.d]<\\n[bp-bottom] .sp |\\n[bp-bottom]u\n",
          picture_height);
}

/// The steps run on in one paragraph and the tips in another.
void steps_and_tips(Roff& out, const ExerciseBlock& exercise)
{
  out.put(".LP\n");
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    out.put("\\fB{}.\\fR ", s + 1);
    out.line(exercise.steps[s]);
  }
  if (!exercise.cues.empty()) {
    out.put("\\fITips:\\fR\n"); // run on after the steps
    for (std::size_t c = 0; c < exercise.cues.size(); ++c) {
      out.put(c == 0 ? "" : "\\(bu ");
      out.line(exercise.cues[c]);
    }
  }
}

void item_section(Roff& out, const ExerciseBlock& exercise, double figure_scale)
{
  // The section's heading stays on the page of its first exercise, and each
  // exercise's name heads the text beside its picture.
  out.put(exercise.number == 1 ? ".KS\n.SH 1\nExercises\n" : ".KS\n.sp 0.5v\n");
  const double picture_height = figure_start(out, exercise, figure_scale);
  out.put("\\s+1\\fB{}\\fR\\s0\n.br\n", fmt::format("{}. {}", exercise.number, exercise.name));
  out.put("\\fI{}\\fR\n.br\n",
          fmt::format("Starts at {} · takes {} · {}", exercise.start, exercise.time, exercise.kind));
  out.labelled("Start position", exercise.position);
  out.put(".br\n");
  out.labelled("Dosage", exercise.dosage);
  for (const auto& note : exercise.notes) {
    out.put(".LP\n");
    out.labelled(note);
  }
  // The summary (in the other formats) is left out, to keep the printed handout short.
  steps_and_tips(out, exercise);
  for (const auto& version : exercise.versions) {
    out.put(".LP\n");
    out.labelled(version.label, version.words);
    for (const auto& note : version.notes) {
      out.put(".IP \\(bu 3n\n");
      out.labelled(note);
    }
  }
  figure_end(out, picture_height);
  out.put(".KE\n");
}

void left_out_section(Roff& out, const Explanation& explanation)
{
  // An .IP right after a heading would measure its indent in the heading's size.
  if (!explanation.chosen.empty()) {
    out.put(".SH 1\n{}\n.LP\n", chosen_anyway_heading);
    for (const auto& [name, why] : explanation.chosen) {
      out.put(".IP \\(bu 3n\n{}\n", fmt::format("{}: {}", name, why));
    }
  }
  out.put(".SH 1\nLeft out\n.LP\n");
  if (explanation.left_out.empty()) {
    out.put("Nothing: every exercise of the catalog is in the plan.\n");
    return;
  }
  for (const auto& left : explanation.left_out) {
    out.put(".IP \\(bu 3n\n\\fB{}\\fR ({}): {}\n", left.name, left.id,
            fmt::format("{}: {}", left.reason, left.detail));
  }
}

void tick_grid_section(Roff& out, const Document& document)
{
  out.put(".KS\n.SH 1\nWeek tick grid\n.LP\n");
  out.line(tick_grid_words(document.sessions_per_day));
  out.put(".sp 0.5v\n.row 1\n{}\\fBExercise\\fR\n", cell(grid_name_column));
  const auto day_column = [](std::size_t d) {
    return Column{grid_name_column.left + grid_name_column.width + 0.1 + static_cast<double>(d) * day_width,
                  day_width};
  };
  for (std::size_t d = 0; d < week_days.size(); ++d) {
    out.put("{}.ce 1\n\\fB{}\\fR\n", cell(day_column(d)), week_days[d]);
  }
  out.put(".endrow 0.4v\n");
  for (const auto& exercise : document.exercises) {
    // A long name wraps under itself, not under its number.
    out.put(".row 1\n{}.in +3n\n.ti -3n\n", cell(grid_name_column));
    out.line(fmt::format("{}. {}", exercise.number, exercise.name));
    for (std::size_t d = 0; d < week_days.size(); ++d) {
      out.put("{}.ce 1\n", cell(day_column(d)));
      for (int s = 0; s < document.sessions_per_day; ++s) {
        out.put("\\*[tickbox]");
      }
      out.put("\n");
    }
    out.put(".endrow 0.25v\n");
  }
  out.put(".KE\n");
}

} // namespace

std::string roff_escape(std::string_view text)
{
  std::string out;
  bool space = false;
  for (const util::CodePoint code : util::Utf8View(text)) {
    const char32_t c = code.value;
    if (c == U' ' || c < 0x20 || c == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) {
      out += ' ';
      space = false;
    } else if (out.empty() && c == U'.') {
      out += "\\&"; // not a request or macro call at the start of a line
    }
    out += c < 0x80 ? ascii_glyph(static_cast<char>(c)) : glyph(c);
  }
  return out;
}

std::string render_roff(const plan::Plan& plan, const TextOptions& options)
{
  return roff_document(make_document(plan, options.explain));
}

std::string roff_document(const Document& document)
{
  Roff out;
  // Comments are not typeset: the title goes in as it is.
  out.put(".\\\" {}, made by backplan " BACKPLAN_VERSION ".\n", Raw{document.title});
  out.put(".\\\" A groff ms document that needs no preprocessor; print it with\n"
          ".\\\"   groff -ms -Tpdf plan.ms > plan.pdf\n"
          ".\\\" It fits A4 and US letter pages.\n");
  out.put("{}{}", Raw{preamble}, Raw{figure::roff_colour_definitions()});
  out.put(".ds LF \\s-2{}\\s0\n", document.title);
  out.put(".ds RF \\s-2Page \\\\n%\\s0\n");
  facts_section(out, document);
  schedule_section(out, document);
  stop_section(out, document.safety);
  const double scale = figure_scale(document, roff_figure_scale, picture_column * 72 - 10, true);
  for (const auto& exercise : document.exercises) {
    item_section(out, exercise, scale);
  }
  safety_section(out, document.safety);
  if (document.explain) {
    left_out_section(out, document.explanation);
  }
  tick_grid_section(out, document);
  // The sources and the closing line in small type, for whoever wants them.
  out.put(".SH 1\nSources\n.nr PS 8\n.nr VS 9.5\n.nr PD 0.1v\n.LP\n");
  for (const auto& source : document.sources) {
    out.put(".IP \\(bu 3n\n");
    out.line(source);
  }
  out.put(".LP\n\\s-1{}\\s0\n", closing_line(document));
  return out.take();
}

} // namespace backplan::render
