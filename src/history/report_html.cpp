#include "history/report_html.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::history {

namespace {

constexpr int chart_width = 720;
constexpr int chart_left = 40; ///< room for the scale's labels
constexpr int chart_right = 12;
constexpr int rating_height = 150;
constexpr int rating_top = 10;

std::string escape(const std::string& text) { return util::xml_escape(text); }

/// "2 Nov" for a YYYY-MM-DD day.
std::string short_day(const std::string& day)
{
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{} {}", std::stoi(day.substr(8, 2)), months[std::stoi(day.substr(5, 2)) - 1]);
}

double day_x(int index, int days)
{
  const double plot = chart_width - chart_left - chart_right;
  return chart_left + plot * (index + 0.5) / days;
}

double rating_y(int value) { return rating_top + rating_height * (10 - value) / 10.0; }

/// The week lines and their dates under a chart of `days` days to `today`.
std::string week_marks(const std::string& today, int days, int bottom)
{
  std::string out;
  const std::string first = add_days(today, 1 - days);
  for (int i = 0; i < days; ++i) {
    const std::string day = add_days(first, i);
    if (weekday(day) == 0) {
      const double x = day_x(i, days) - day_x(0, days) + chart_left;
      out += fmt::format(R"(<line x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}" class="week"/>)"
                         R"(<text x="{0:.1f}" y="{3}" class="day">{4}</text>)",
                         x, rating_top, bottom, bottom + 14, short_day(day));
    }
  }
  return out;
}

/// A chart of ratings 0 to 10 by day: the bands of the pain-monitoring
/// model (up to 3, 4 to 5, above 5) when `bands`, dots for `main` and rings
/// for `second`.
std::string rating_chart(const std::string& label, const std::vector<std::optional<int>>& main,
                         const std::vector<std::optional<int>>& second, bool bands, const std::string& today)
{
  const int days = static_cast<int>(main.size());
  const int bottom = rating_top + rating_height;
  std::string out = fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", chart_width,
                                bottom + 20, escape(label));
  const int right = chart_width - chart_right;
  if (bands) {
    out += fmt::format(R"(<rect x="{0}" y="{1:.1f}" width="{2}" height="{3:.1f}" class="safe"/>)", chart_left,
                       rating_y(3), right - chart_left, rating_y(0) - rating_y(3));
    out += fmt::format(R"(<rect x="{0}" y="{1:.1f}" width="{2}" height="{3:.1f}" class="high"/>)", chart_left,
                       rating_y(10), right - chart_left, rating_y(5) - rating_y(10));
  }
  for (const int value : {0, 3, 5, 10}) {
    out += fmt::format(R"(<line x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}" class="grid"/>)"
                       R"(<text x="{3}" y="{4:.1f}" class="scale">{5}</text>)",
                       chart_left, rating_y(value), right, chart_left - 6, rating_y(value) + 4, value);
  }
  out += week_marks(today, days, bottom);
  for (int i = 0; i < days; ++i) {
    const auto at = static_cast<std::size_t>(i);
    if (!second.empty() && second[at]) {
      out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3.5" class="ring"/>)", day_x(i, days),
                         rating_y(*second[at]));
    }
    if (main[at]) {
      out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" class="dot"/>)", day_x(i, days),
                         rating_y(*main[at]));
    }
  }
  return out + "</svg>\n";
}

/// Bars of the days done out of the days due, week by week.
std::string adherence_chart(const Report& report)
{
  const int height = 110;
  std::string out = fmt::format(
    R"(<svg viewBox="0 0 {} {}" role="img" aria-label="Sessions done each week">)", chart_width, height + 34);
  const int weeks = static_cast<int>(report.weeks.size());
  const double slot = (chart_width - chart_left - chart_right) / static_cast<double>(std::max(weeks, 1));
  int most = 1;
  for (const auto& week : report.weeks) {
    most = std::max(most, week.due);
  }
  for (int i = 0; i < weeks; ++i) {
    const auto& week = report.weeks[static_cast<std::size_t>(i)];
    const double x = chart_left + slot * i + slot * 0.15;
    const double width = slot * 0.7;
    const double due_height = height * week.due / static_cast<double>(most);
    const double done_height = height * week.done / static_cast<double>(most);
    out += fmt::format(R"(<rect x="{0:.1f}" y="{1:.1f}" width="{2:.1f}" height="{3:.1f}" class="due"/>)", x,
                       10 + height - due_height, width, due_height);
    out += fmt::format(R"(<rect x="{0:.1f}" y="{1:.1f}" width="{2:.1f}" height="{3:.1f}" class="done"/>)", x,
                       10 + height - done_height, width, done_height);
    out += fmt::format(R"(<text x="{:.1f}" y="{}" class="count">{} of {}</text>)", x + width / 2, height + 24,
                       week.done, week.due);
    out += fmt::format(R"(<text x="{:.1f}" y="{}" class="count">{}</text>)", x + width / 2, height + 34 - 0,
                       short_day(week.from));
  }
  return out + "</svg>\n";
}

std::string rating_cell(const std::optional<int>& value) { return value ? std::to_string(*value) : "–"; }

/// The average and the highest of the ratings given.
std::string summary_of(const std::vector<std::optional<int>>& values)
{
  int count = 0;
  int sum = 0;
  int highest = 0;
  for (const auto& value : values) {
    if (value) {
      ++count;
      sum += *value;
      highest = std::max(highest, *value);
    }
  }
  return count == 0 ? "none given"
                    : fmt::format("average {:.1f}, highest {}, on {} days", sum / static_cast<double>(count),
                                  highest, count);
}

const char* const style = R"(body { font-family: "DejaVu Sans", sans-serif; color: #111; max-width: 48rem;
  margin: 1rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; }
h2 { font-size: 1.1rem; margin: 1rem 0 .3rem; }
p, li { font-size: .95rem; }
ul { padding-left: 1.2rem; margin: .3rem 0; }
figure { margin: 0; }
figcaption { font-size: .8rem; color: #333; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 11px; fill: #333; }
svg .scale { text-anchor: end; }
svg .day, svg .count { text-anchor: middle; }
svg .grid { stroke: #bbb; stroke-width: .6; }
svg .week { stroke: #ddd; stroke-width: .6; }
svg .safe { fill: #e6f2e6; }
svg .high { fill: #f6e0e0; }
svg .dot { fill: #1a4d80; }
svg .ring { fill: none; stroke: #b34700; stroke-width: 1.5; }
svg .due { fill: #e3e3e3; }
svg .done { fill: #1a4d80; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; }
th, td { border-bottom: 1px solid #ccc; padding: .15rem .35rem; text-align: left; }
td.n, th.n { text-align: right; }
@page { margin: 14mm; }
@media print { body { max-width: none; margin: 0; padding: 0; } h2 { break-after: avoid; }
  figure, table { break-inside: avoid; } })";

} // namespace

std::string report_html(const std::vector<Session>& sessions, const Report& report,
                        const ReportContext& context)
{
  std::string out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>Back-care history</title>\n<style>\n";
  out += style;
  out += "\n</style>\n</head>\n<body>\n<main>\n<h1>Back-care history</h1>\n";
  if (sessions.empty()) {
    return out + "<p>No session recorded yet.</p>\n</main>\n</body>\n</html>\n";
  }
  out += fmt::format("<p>{} session{} from {} to {}, as of {}.{}</p>\n", sessions.size(),
                     sessions.size() == 1 ? "" : "s", escape(sessions.front().day),
                     escape(sessions.back().day), escape(report.today),
                     context.programme.empty() ? "" : " Programme: " + escape(context.programme) + ".");
  const auto& four = report.last_four_weeks;
  const std::vector<std::optional<int>> last_28_pain(
    report.pain_by_day.end() -
      std::min<std::ptrdiff_t>(28, static_cast<std::ptrdiff_t>(report.pain_by_day.size())),
    report.pain_by_day.end());
  out += "<ul>\n";
  out +=
    fmt::format("<li>Sessions done on the days due, the last 4 weeks: {} of {}{}</li>\n", four.done, four.due,
                four.due == 0 ? "" : fmt::format(" ({}%)", (four.done * 100 + four.due / 2) / four.due));
  out += fmt::format("<li>Days in a row: {} now, {} at the longest</li>\n", report.current_streak,
                     report.longest_streak);
  out += fmt::format("<li>Pain during the sessions, the last 4 weeks: {}</li>\n", summary_of(last_28_pain));
  out += "</ul>\n";
  const std::string span = fmt::format("the last {} weeks", report.pain_by_day.size() / 7);
  out += "<h2>Pain, " + span + "</h2>\n<figure>\n";
  out += rating_chart("Pain during each session and the next morning, 0 to 10", report.pain_by_day,
                      report.morning_by_day, true, report.today);
  out += "<figcaption>Dots: pain during the session (the day's highest); rings: the next morning. Up to 3 "
         "(green) the dose may rise; 4 to 5 it holds; above 5 (red) is too much, and so is a morning worse "
         "than before the session.</figcaption>\n</figure>\n";
  out += "<h2>Effort, " + span + "</h2>\n<figure>\n";
  out += rating_chart("Effort of each session, 0 to 10", report.effort_by_day, {}, false, report.today);
  out +=
    "<figcaption>How hard each session felt, 0 (rest) to 10 (maximal), on the Borg CR10 scale; 7 to 8 holds "
    "the dose.</figcaption>\n</figure>\n";
  out += "<h2>Sessions done each week</h2>\n<figure>\n" + adherence_chart(report);
  out += "<figcaption>Dark: days with a session done; grey: the days due.</figcaption>\n</figure>\n";
  out += "<h2>The last sessions</h2>\n<table>\n<thead><tr><th>Day</th><th>Kind</th><th class=\"n\">Done</th>"
         "<th class=\"n\">Time</th><th class=\"n\">Pain before</th><th class=\"n\">Pain</th>"
         "<th class=\"n\">Effort</th><th class=\"n\">Morning</th><th>Note</th></tr></thead>\n<tbody>\n";
  const std::size_t shown = std::min<std::size_t>(sessions.size(), 12);
  for (std::size_t i = sessions.size() - shown; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    out += fmt::format(
      "<tr><td>{}</td><td>{}</td><td class=\"n\">{} of {}</td><td class=\"n\">{}</td>"
      "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
      "<td>{}</td></tr>\n",
      escape(s.day), escape(s.kind), s.done(), s.items.size(), util::format_clock(s.spent_seconds, false),
      rating_cell(s.ratings.pain_before), rating_cell(s.ratings.pain), rating_cell(s.ratings.effort),
      rating_cell(s.ratings.morning_pain), escape(s.note));
  }
  out += "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
  return out;
}

} // namespace backplan::history
