#include "render/pdf_handout.hpp"

#include "render/common.hpp"
#include "render/pdf_exercises.hpp"
#include "render/pdf_week.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <functional>

/// The handout's layout (a namespace of its own: unity builds join this
/// file with the other formats').
namespace backplan::render::pdf_layout {

constexpr TextStyle heading{.size = 13, .bold = true};
constexpr double gap = 6; ///< points between paragraphs

std::string uri_link(const std::string& address)
{
  return address.empty() ? "" : fmt::format("uri='{}'", address);
}

/// The handout laid out on a canvas, top to bottom. The first pass finds
/// where each exercise and the safety section land; the second links to them.
class Handout
{
public:
  Handout(PdfCanvas& page, const Document& document, const std::vector<Place>& found, const Density& density)
      : m_page(page), m_document(document),
        m_found(found), m_body{.size = density.body}, m_small{.size = density.small},
        m_figure_scale(figure_scale(document, density.figure, page.width(), false)), m_density(density)
  {}

  /// Lays out the whole handout: where each exercise starts (by number -
  /// 1) and then where the full safety section starts, and how wide each
  /// figure is drawn.
  LaidOut write()
  {
    title_block();
    schedule();
    stop_box();
    ExerciseSection exercises(m_page, m_body, m_figure_scale, m_density.gap);
    exercises.write(m_document.exercises, [&](double first_row) { section_heading("Exercises", first_row); });
    m_places = exercises.places();
    safety();
    if (m_document.explain) {
      left_out();
    }
    tick_grid();
    sources();
    return {m_places, exercises.figure_widths(), m_figure_scale};
  }

private:
  /// A link to what the first pass found at `index` of the places.
  std::string link_to(std::size_t index) const
  {
    if (index >= m_found.size()) {
      return "";
    }
    return fmt::format("page={} pos=[0 {:.0f}]", m_found[index].page, m_found[index].top);
  }

  /// A paragraph after a bullet, its lines after the first under its text.
  void bullet(const std::string& markup, const TextStyle& style, double x = 0, double width = 0,
              const std::string& link = {})
  {
    pdf_layout::bullet(m_page, markup, style, x, width, link);
  }

  void section_heading(const std::string& title, double keep_with)
  {
    m_page.keep(30 + keep_with);
    m_page.skip(m_page.y() > 0 ? 8 : 0);
    m_page.bookmark(title);
    m_page.text(PdfCanvas::escape(title), heading);
    m_page.skip(3);
  }

  void title_block()
  {
    m_page.text(PdfCanvas::escape(m_document.title), {.size = 17, .bold = true});
    m_page.bookmark(m_document.title);
    m_page.skip(5);
    std::vector<const Fact*> facts;
    for (const auto& fact : m_document.facts) {
      if (!fact.reproduces) { // that one is in the closing line
        facts.push_back(&fact);
      }
    }
    // Two facts a line, as one paragraph each: text extraction reads
    // aligned columns in an order of its own, but a line as it runs.
    for (std::size_t i = 0; i < facts.size(); i += 2) {
      std::string line = labelled(facts[i]->label, facts[i]->value);
      if (i + 1 < facts.size()) {
        line += "  \u00b7  " + labelled(facts[i + 1]->label, facts[i + 1]->value);
      }
      m_page.text(line, m_body);
      m_page.skip(1.5);
    }
    for (const auto& note : m_document.notes) {
      m_page.skip(gap / 2);
      m_page.text(labelled(note), m_body);
    }
  }

  void schedule()
  {
    const double w = m_page.width();
    const std::array<std::pair<double, double>, 5> columns = {
      {{0, 16}, {18, 34}, {56, 0.36 * w}, {60 + 0.36 * w, w - 60 - 0.36 * w - 50}, {w - 46, 46}}};
    const auto row = [&](const std::array<std::string, 5>& cells, const TextStyle& style,
                         const std::string& link) {
      std::vector<Cell> line;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        line.push_back({c == 2 && !style.bold ? "<b>" + cells[c] + "</b>" : cells[c], columns[c].first,
                        columns[c].second});
      }
      table_row(line, style, link);
      m_page.skip(3);
    };
    const double height = m_page.measure([&] { schedule_rows(row); });
    section_heading("The plan", height);
    schedule_rows(row);
  }

  template<typename Row>
  void schedule_rows(const Row& row)
  {
    row({"#", "Start", "Exercise", "Dosage", "Time"}, {.bold = true}, "");
    m_page.rule(0.5);
    m_page.skip(2);
    for (const auto& exercise : m_document.exercises) {
      const std::string name =
        PdfCanvas::escape(exercise.name) + (exercise.marked ? fmt::format(" {}", note_mark) : "");
      row({std::to_string(exercise.number), exercise.start, name, PdfCanvas::escape(exercise.dosage),
           PdfCanvas::escape(exercise.time)},
          m_body, link_to(exercise.number - 1));
    }
    m_page.text(PdfCanvas::escape(schedule_end_line(m_document)), m_small);
    if (m_document.any_marked) {
      m_page.text(PdfCanvas::escape(fmt::format("{} {}.", note_mark, note_mark_legend)), m_small);
    }
  }

  /// A cell of a row: markup, where it starts and how wide it is.
  struct Cell {
    std::string markup;
    double left;
    double width;
  };

  /// A row of cells side by side. When each fits on one line the row is set
  /// as one line with tab stops, so that text extraction reads it across
  /// (as cells of their own, it would read a table column by column);
  /// otherwise as cells side by side, each wrapped in its width.
  void table_row(const std::vector<Cell>& cells, const TextStyle& style, const std::string& link = "")
  {
    const bool one_line = std::all_of(cells.begin(), cells.end(), [&](const Cell& cell) {
      return m_page.natural_width(cell.markup, style) <= cell.width;
    });
    if (one_line) {
      TextStyle tabbed = style;
      std::string markup = cells.front().markup;
      for (std::size_t c = 1; c < cells.size(); ++c) {
        tabbed.tabs.push_back(cells[c].left - cells.front().left);
        markup += '\t' + cells[c].markup;
      }
      m_page.text(markup, tabbed, cells.front().left, 0, link);
      return;
    }
    std::vector<std::function<void()>> parts;
    for (const auto& cell : cells) {
      parts.emplace_back([&] { m_page.text(cell.markup, style, cell.left, cell.width, link); });
    }
    m_page.side_by_side(parts);
  }

  /// Bullets in two columns, down the first and then the second; each item
  /// is markup and what it links to.
  void two_columns(const std::vector<std::pair<std::string, std::string>>& items, const TextStyle& style)
  {
    const std::size_t half = (items.size() + 1) / 2;
    const double column = (m_page.width() - 12) / 2;
    std::vector<std::function<void()>> parts;
    for (std::size_t c = 0; c < 2; ++c) {
      parts.emplace_back([&, c] {
        for (std::size_t i = c * half; i < std::min(items.size(), (c + 1) * half); ++i) {
          bullet(items[i].first, style, static_cast<double>(c) * (column + 12), column, items[i].second);
          m_page.skip(1);
        }
      });
    }
    m_page.side_by_side(parts);
  }

  /// The signs of a red-flag tier in two columns.
  void signs(const std::vector<Note>& signs, const TextStyle& style)
  {
    std::vector<std::pair<std::string, std::string>> items;
    for (const auto& sign : signs) {
      items.emplace_back(PdfCanvas::escape(sign.text), "");
    }
    two_columns(items, style);
  }

  /// The emergency signs and what to do, boxed, under the plan.
  void stop_box()
  {
    if (m_document.safety.tiers.empty()) {
      return;
    }
    const auto& tier = m_document.safety.tiers.front();
    const auto draw = [&] {
      m_page.text(PdfCanvas::escape(stop_heading), {.size = 11, .bold = true});
      m_page.skip(2);
      m_page.text(labelled(tier.action), m_body);
      m_page.skip(2);
      signs(tier.signs, m_small);
      m_page.skip(3);
      const std::size_t safety_index = m_document.exercises.size();
      const std::string where =
        safety_index < m_found.size() ? fmt::format(" on page {}", m_found[safety_index].page) : "";
      m_page.text(
        PdfCanvas::escape(fmt::format("Stop any exercise that causes pain. Other warning signs, and what "
                                      "to do about them, are under \u201cSafety\u201d{}.",
                                      where)),
        m_small, 0, 0, link_to(safety_index));
    };
    m_page.skip(12);
    m_page.keep(m_page.measure(draw) + 12);
    m_stop_box = m_page.place();
    const double top = m_page.y();
    m_page.skip(5);
    draw();
    m_page.skip(5);
    m_page.box(top, 0.6);
  }

  void safety()
  {
    const auto& safety = m_document.safety;
    section_heading("Safety", 60);
    m_places.push_back(m_page.place());
    for (const auto& note : safety.general) {
      bullet(PdfCanvas::escape(note.text), m_body, 4);
    }
    for (const auto& advice : safety.advice) {
      bullet(labelled(advice), m_body, 4);
    }
    m_page.skip(gap);
    m_page.text(PdfCanvas::escape(safety.red_flags_intro.text), {.bold = true});
    for (const auto& tier : safety.tiers) {
      if (&tier == &safety.tiers.front()) {
        // Its signs are in the box under the plan.
        m_page.skip(gap / 2);
        m_page.text(
          labelled(tier.action.label,
                   fmt::format("the signs under \u201cStop and get help\u201d, page {}", m_stop_box.page)),
          m_body);
        continue;
      }
      const auto draw = [&] {
        m_page.skip(gap / 2);
        m_page.text(labelled(tier.action), m_body);
        m_page.skip(2);
        signs(tier.signs, m_small);
      };
      m_page.keep(m_page.measure(draw));
      draw();
    }
    if (!safety.citations.empty()) {
      m_page.skip(gap / 2);
      m_page.text(PdfCanvas::escape(basis_line(safety.citations)), {.size = 7, .italic = true, .grey = 0.25});
    }
  }

  void left_out()
  {
    const auto& explanation = m_document.explanation;
    if (!explanation.chosen.empty()) {
      section_heading(chosen_anyway_heading, 20);
      for (const auto& [name, why] : explanation.chosen) {
        bullet(labelled(name, why), m_body, 4);
      }
    }
    section_heading("Left out", 20);
    if (explanation.left_out.empty()) {
      m_page.text("Nothing: every exercise of the catalog is in the plan.", m_body);
    }
    for (const auto& left : explanation.left_out) {
      bullet(fmt::format("<b>{}</b> ({}): {}", PdfCanvas::escape(left.name), PdfCanvas::escape(left.id),
                         PdfCanvas::escape(fmt::format("{}: {}", left.reason, left.detail))),
             m_body, 4);
    }
  }

  void tick_grid()
  {
    week_sheet(m_page, m_document, m_body,
               [&](const std::string& title, double keep_with) { section_heading(title, keep_with); });
  }

  void sources()
  {
    const auto draw = [&] {
      std::vector<std::pair<std::string, std::string>> items;
      for (const auto& [words, address] : handout_sources(m_document.sources, m_document.safety.citations)) {
        items.emplace_back(address.empty() ? PdfCanvas::escape(words)
                                           : fmt::format("{} <span foreground='#1a4f8b'>{}</span>",
                                                         PdfCanvas::escape(words),
                                                         PdfCanvas::escape(short_address(address))),
                           uri_link(address));
      }
      // In the small type, at most 7 points: sources matter less to the reader.
      const double size = std::min(7.0, m_small.size);
      two_columns(items, {.size = size});
      m_page.skip(gap);
      m_page.text(PdfCanvas::escape(closing_line(m_document)), {.size = size, .grey = 0.35});
    };
    section_heading("Sources", m_page.measure(draw));
    draw();
  }

  PdfCanvas& m_page;
  const Document& m_document;
  const std::vector<Place>& m_found;
  TextStyle m_body;
  TextStyle m_small;
  double m_figure_scale;
  Density m_density;
  std::vector<Place> m_places;
  Place m_stop_box;
};

LaidOut lay_out(PdfCanvas& page, const Document& document, const std::vector<Place>& found,
                const Density& density)
{
  return Handout(page, document, found, density).write();
}

} // namespace backplan::render::pdf_layout
