#include "render/pdf_week.hpp"

#include "render/common.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <vector>

namespace backplan::render::pdf_layout {

namespace {

constexpr double tick_box = 9;    ///< points: a box to tick
constexpr double halves_gap = 14; ///< points between the tick grid's two halves

using Row = std::vector<ExerciseBlock>::const_iterator;

/// The days of the week over their columns, right of a first column
/// `first_width` wide that starts at `x`.
void day_names(PdfCanvas& page, const TextStyle& body, double x, double first_width, double day_width)
{
  const double top = page.y();
  for (std::size_t d = 0; d < week_days.size(); ++d) {
    page.set_y(top);
    page.text(week_days[d], {.size = body.size, .bold = true, .align = TextStyle::Align::centre},
              x + first_width + static_cast<double>(d) * day_width, day_width);
  }
  page.skip(2);
}

void log_sheet(PdfCanvas& page, const Document& document, const TextStyle& body,
               const std::function<void(const std::string&, double)>& titled)
{
  const double week_width = page.width() * 0.16;
  const double day_width = (page.width() - week_width) / static_cast<double>(week_days.size());
  const auto draw = [&] {
    page.text(PdfCanvas::escape(log_sheet_words), body);
    page.skip(4);
    day_names(page, body, 0, week_width, day_width);
    for (const auto& week : document.log) {
      const double row = page.y();
      page.text(PdfCanvas::escape(fmt::format("Week {} ({})", week.number, week.from)), body, 0,
                week_width - 4);
      const double bottom = page.y();
      for (std::size_t d = 0; d < week_days.size(); ++d) {
        if (!week.due[d]) {
          continue;
        }
        const double left = week_width + static_cast<double>(d) * day_width + 4;
        page.set_y(row + 1);
        page.tick_box(left, tick_box);
        page.set_y(row);
        page.text("pain ___", {.size = body.size * 0.85}, left + tick_box + 3, day_width - tick_box - 7);
      }
      page.set_y(std::max(bottom, row + tick_box + 1) + 4);
    }
  };
  titled("Your programme's log sheet", page.measure(draw));
  draw();
}

/// The width of one day's boxes for `sessions` a day.
double boxes_width(int sessions) { return sessions * tick_box + (sessions - 1) * 2.0; }

/// The day names, then a row for each exercise from `first` to `last`, in a
/// frame `width` wide at `x`.
void tick_rows(PdfCanvas& page, const Document& document, const TextStyle& body, Row first, Row last,
               double x, double width)
{
  const int sessions = document.sessions_per_day;
  const double name_width = width * (width < page.width() ? 0.4 : 0.36);
  const double day_width = (width - name_width) / static_cast<double>(week_days.size());
  const double boxes = boxes_width(sessions);
  day_names(page, body, x, name_width, day_width);
  for (auto exercise = first; exercise != last; ++exercise) {
    const double row = page.y();
    page.text(PdfCanvas::escape(fmt::format("{}. {}", exercise->number, exercise->name)), body, x,
              name_width - 6);
    const double bottom = page.y();
    for (std::size_t d = 0; d < week_days.size(); ++d) {
      const double left = x + name_width + static_cast<double>(d) * day_width + (day_width - boxes) / 2;
      page.set_y(row + 1);
      for (int s = 0; s < sessions; ++s) {
        page.tick_box(left + s * (tick_box + 2), tick_box);
      }
    }
    page.set_y(std::max(bottom, row + tick_box + 1) + 1);
  }
}

} // namespace

void week_sheet(PdfCanvas& page, const Document& document, const TextStyle& body,
                const std::function<void(const std::string&, double)>& titled)
{
  if (!document.log.empty()) {
    log_sheet(page, document, body, titled);
    return;
  }
  const auto& exercises = document.exercises;
  const int sessions = document.sessions_per_day;
  const double half = (page.width() - halves_gap) / 2;
  const bool halves = exercises.size() > 4 && half * 0.6 >= 7 * (boxes_width(sessions) + 8);
  const auto draw = [&] {
    page.text(PdfCanvas::escape(tick_grid_words(sessions)), body);
    page.skip(4);
    if (!halves) {
      tick_rows(page, document, body, exercises.begin(), exercises.end(), 0, page.width());
      return;
    }
    const auto middle = exercises.begin() + static_cast<std::ptrdiff_t>((exercises.size() + 1) / 2);
    page.side_by_side(
      {[&] { tick_rows(page, document, body, exercises.begin(), middle, 0, half); },
       [&] { tick_rows(page, document, body, middle, exercises.end(), half + halves_gap, half); }});
  };
  titled("This week", page.measure(draw));
  draw();
}

} // namespace backplan::render::pdf_layout
