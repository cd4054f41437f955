#include "render/pdf_exercises.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace backplan::render::pdf_layout {

namespace {

constexpr double picture_column = 150; ///< points: the least column for a figure beside its text
constexpr double widest_share = 0.55; ///< of the page's width: the widest column for a figure beside its text

} // namespace

std::string labelled(std::string_view label, std::string_view text)
{
  return label.empty() ? PdfCanvas::escape(text)
                       : fmt::format("<b>{}:</b> {}", PdfCanvas::escape(label), PdfCanvas::escape(text));
}

std::string labelled(const Note& note) { return labelled(note.label, note.text); }

void bullet(PdfCanvas& page, const std::string& markup, TextStyle style, double x, double width,
            const std::string& link)
{
  style.hang = style.size * 0.8;
  page.text("•\u2002" + markup, style, x, width, link);
}

void ExerciseSection::write(const std::vector<ExerciseBlock>& exercises,
                            const std::function<void(double)>& heading)
{
  for (const auto& exercise : exercises) {
    const Choice choice = shortest(exercise);
    if (&exercise == &exercises.front()) {
      heading(choice.height);
    } else {
      m_page.keep(choice.height + m_gap);
      m_page.skip(m_page.y() > 0 ? m_gap : 0);
    }
    place(exercise, choice);
  }
}

/// The ways the figure of `exercise` can sit: its panels side by
/// side or one above the other in a column beside the text, where the text
/// keeps enough width, or side by side above the text.
std::vector<ExerciseSection::Arrangement> ExerciseSection::arrangements(const ExerciseBlock& exercise) const
{
  const double widest_column = widest_share * m_page.width();
  std::vector<Arrangement> out;
  if (exercise.drawn == nullptr) {
    out.push_back({{}, picture_column});
    return out;
  }
  const auto& figure = *exercise.drawn;
  figure::DrawOptions options;
  options.scale = m_scale;
  options.label_size = m_body.size;
  const auto side = figure::draw(figure, options);
  const auto beside = [&](const figure::Drawing& drawing) {
    const double column = std::max(picture_column, drawing.width + 10);
    if (column <= widest_column) {
      out.push_back({drawing, column});
    }
  };
  beside(side);
  options.max_width = side.width - 1;
  options.stack = true;
  if (figure::fitting_scale(figure, options.max_width, true) >= m_scale) {
    beside(figure::draw(figure, options));
  }
  if (side.width <= m_page.width()) {
    out.push_back({side, 0});
  }
  return out;
}

/// The arrangement of `exercise` that takes the least height
/// (the first of equals); none, with an infinite height, when its figure
/// is wider than the page.
ExerciseSection::Choice ExerciseSection::shortest(const ExerciseBlock& exercise)
{
  Choice best{{}, std::numeric_limits<double>::infinity()};
  for (auto& candidate : arrangements(exercise)) {
    // No arrangement is shorter than its figure: one that cannot win is not
    // laid out (shaping its text is most of a handout's time).
    const double heading = candidate.column == 0 ? m_body.size : 0; // above the figure
    if (candidate.drawing.height + heading >= best.height - 0.5) {
      continue;
    }
    const double height = m_page.measure([&] { body(exercise, candidate); });
    if (height < best.height - 0.5) {
      best = {std::move(candidate), height};
    }
  }
  return best;
}

/// The figure as `arrangement` places it, or a plain placeholder
/// naming the start position, then the figure's notes.
void ExerciseSection::picture(const ExerciseBlock& exercise, const Arrangement& arrangement)
{
  const double width = arrangement.column > 0 ? arrangement.column - 10 : m_page.width();
  if (exercise.drawn == nullptr) {
    const double top = m_page.y();
    m_page.skip(20);
    m_page.text(PdfCanvas::escape(exercise.position),
                {.italic = true, .grey = 0.4, .align = TextStyle::Align::centre}, 0, width);
    m_page.skip(20);
    m_page.box(top, 0.75);
    return;
  }
  const auto& drawn = arrangement.drawing;
  m_page.drawing(drawn, std::max(0.0, (width - drawn.width) / 2));
  m_page.skip(drawn.height + 2);
  for (const auto& note : exercise.figure_notes) {
    m_page.text(PdfCanvas::escape(note), {.size = 7, .italic = true}, 0, width);
  }
}

/// The exercise's number and name, and when it starts, how long it takes
/// and its kind.
void ExerciseSection::heading_line(const ExerciseBlock& exercise, double x, double width)
{
  m_page.text(
    fmt::format("{}  <span size='8pt' weight='normal' style='italic' foreground='#4d4d4d'>{}</span>",
                PdfCanvas::escape(fmt::format("{}. {}", exercise.number, exercise.name)),
                PdfCanvas::escape(fmt::format("starts at {} · takes {} · {}", exercise.start, exercise.time,
                                              util::lowercase_first(exercise.kind)))),
    {.size = 11, .bold = true}, x, width);
  m_page.skip(1);
}

/// The exercise's position, dose, notes, steps, tips and versions.
void ExerciseSection::text(const ExerciseBlock& exercise, double x, double width)
{
  const auto para = [&](const std::string& markup) {
    m_page.text(markup, m_body, x, width);
    m_page.skip(1);
  };
  para(labelled("Start position", exercise.position) + "   " + labelled("Dosage", exercise.dosage));
  for (const auto& note : exercise.notes) {
    para(labelled(note));
  }
  std::string steps;
  for (std::size_t s = 0; s < exercise.steps.size(); ++s) {
    steps += fmt::format("{}<b>{}.</b> {}", s == 0 ? "" : " ", s + 1, PdfCanvas::escape(exercise.steps[s]));
  }
  para(steps);
  if (!exercise.cues.empty()) {
    std::vector<std::string> cues;
    for (const auto& cue : exercise.cues) {
      cues.push_back(PdfCanvas::escape(cue));
    }
    para("<i>Tips:</i> " + util::join(cues, " • "));
  }
  for (const auto& version : exercise.versions) {
    para(labelled(version.label, version.words));
    for (const auto& note : version.notes) {
      bullet(m_page, labelled(note), m_body, x + 10, width - 10);
    }
  }
}

/// The exercise, its figure as `arrangement` places it.
void ExerciseSection::body(const ExerciseBlock& exercise, const Arrangement& arrangement)
{
  if (arrangement.column == 0) {
    heading_line(exercise, 0, m_page.width());
    m_page.skip(2);
    picture(exercise, arrangement);
    text(exercise, 0, m_page.width());
    return;
  }
  const double x = arrangement.column;
  const double width = m_page.width() - arrangement.column;
  m_page.side_by_side({[&] { picture(exercise, arrangement); },
                       [&] {
                         heading_line(exercise, x, width);
                         text(exercise, x, width);
                       }});
}

void ExerciseSection::place(const ExerciseBlock& exercise, const Choice& choice)
{
  m_places.push_back(m_page.place());
  m_page.bookmark(fmt::format("{}. {}", exercise.number, exercise.name));
  body(exercise, choice.arrangement);
  if (exercise.drawn != nullptr) {
    m_widths.push_back(choice.arrangement.drawing.width);
  }
}

} // namespace backplan::render::pdf_layout
