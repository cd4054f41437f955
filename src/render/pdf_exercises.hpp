#pragma once

#include "render/document.hpp"
#include "render/pdf_canvas.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

/// The handout's layout (a namespace of its own: unity builds join this
/// file with the other formats').
namespace backplan::render::pdf_layout {

/// `text` as markup, with `label` in bold before it.
std::string labelled(std::string_view label, std::string_view text);
std::string labelled(const Note& note);

/// A bulleted paragraph of `markup` at `x`, `width` wide (0: to the right
/// margin), its lines after the first hanging under its text.
void bullet(PdfCanvas& page, const std::string& markup, TextStyle style, double x = 0, double width = 0,
            const std::string& link = {});

/// The exercises of a handout, one under the other `gap` points apart, each
/// figure drawn at the handout's one scale (`figure_scale` points per
/// centimetre of body) beside its text or above it, whichever takes less
/// height.
class ExerciseSection
{
public:
  ExerciseSection(PdfCanvas& page, const TextStyle& body, double figure_scale, double gap)
      : m_page(page), m_body(body), m_scale(figure_scale), m_gap(gap)
  {}

  /// Lays out `exercises` in order; `heading` is called before the first
  /// with its height, to keep the section's heading with it.
  void write(const std::vector<ExerciseBlock>& exercises, const std::function<void(double)>& heading);

  /// Where each exercise starts, by number - 1.
  const std::vector<Place>& places() const { return m_places; }
  /// How wide (points) each figure was drawn.
  const std::vector<double>& figure_widths() const { return m_widths; }

private:
  /// The figure of an exercise as drawn, and how it sits by the text: in a
  /// column beside it (`column` points wide, the text to its right) or,
  /// with `column` 0, across the page above it.
  struct Arrangement {
    figure::Drawing drawing;
    double column = 0;
  };

  /// An arrangement and the height of the exercise laid out with it.
  struct Choice {
    Arrangement arrangement;
    double height = 0;
  };

  std::vector<Arrangement> arrangements(const ExerciseBlock& exercise) const;
  Choice shortest(const ExerciseBlock& exercise);
  void picture(const ExerciseBlock& exercise, const Arrangement& arrangement);
  void heading_line(const ExerciseBlock& exercise, double x, double width);
  void text(const ExerciseBlock& exercise, double x, double width);
  void body(const ExerciseBlock& exercise, const Arrangement& arrangement);
  void place(const ExerciseBlock& exercise, const Choice& choice);

  PdfCanvas& m_page;
  TextStyle m_body;
  double m_scale;
  double m_gap;
  std::vector<Place> m_places;
  std::vector<double> m_widths;
};

} // namespace backplan::render::pdf_layout
