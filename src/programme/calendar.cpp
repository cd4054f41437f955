#include "programme/calendar.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace backplan::programme {

namespace {

/// "2026-12-07" and "08:00" as "20261207T080000".
std::string local_time(const std::string& day, const std::string& time)
{
  std::string out;
  for (const char c : day) {
    if (c != '-') {
      out += c;
    }
  }
  out += 'T';
  for (const char c : time) {
    if (c != ':') {
      out += c;
    }
  }
  return out + "00";
}

/// Seconds east of UTC as an iCalendar offset: "+0100", "-0330".
std::string utc_offset(int seconds)
{
  const int minutes = std::abs(seconds) / 60;
  return fmt::format("{}{:02}{:02}", seconds < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

} // namespace

std::string ical_text(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case ';':
      out += "\\;";
      break;
    case ',':
      out += "\\,";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string fold(const std::string& line)
{
  std::string out;
  std::size_t start = 0;
  std::size_t limit = 75; // the first line; each continuation has a space before it
  while (line.size() - start > limit) {
    std::size_t end = start + limit;
    // Back to the start of a UTF-8 character: never before a continuation byte.
    while (end > start && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
      --end;
    }
    out.append(line, start, end - start);
    out += "\r\n ";
    start = end;
    limit = 74;
  }
  out.append(line, start, std::string::npos);
  return out + "\r\n";
}

std::string calendar(const Programme& programme, const CalendarOptions& options)
{
  std::string out;
  const auto add = [&](const std::string& line) { out += fold(line); };
  add("BEGIN:VCALENDAR");
  add("VERSION:2.0");
  add("PRODID:-//backplan//backplan programme//EN");
  add("CALSCALE:GREGORIAN");
  add("METHOD:PUBLISH");
  if (!options.zone.empty()) {
    add("BEGIN:VTIMEZONE");
    add("TZID:" + options.zone);
    for (const auto& observance : options.observances) {
      const char* kind = observance.daylight ? "DAYLIGHT" : "STANDARD";
      add(fmt::format("BEGIN:{}", kind));
      add("DTSTART:" + observance.onset);
      add("TZOFFSETFROM:" + utc_offset(observance.offset_from));
      add("TZOFFSETTO:" + utc_offset(observance.offset_to));
      add("TZNAME:" + ical_text(observance.name));
      add(fmt::format("END:{}", kind));
    }
    add("END:VTIMEZONE");
  }
  const auto days = due_days(programme);
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string summary = fmt::format("{} (session {} of {})", options.title, i + 1, days.size());
    add("BEGIN:VEVENT");
    add(fmt::format("UID:backplan-{}-{}@backplan.invalid", programme.start, i + 1));
    add("DTSTAMP:" + options.stamp);
    add("SEQUENCE:0");
    add((options.zone.empty() ? "DTSTART:" : "DTSTART;TZID=" + options.zone + ":") +
        local_time(days[i], options.time));
    add(fmt::format("DURATION:PT{}M", options.minutes));
    add("SUMMARY:" + ical_text(summary));
    add("DESCRIPTION:" + ical_text(options.description));
    add("BEGIN:VALARM");
    add("ACTION:DISPLAY");
    add(fmt::format("TRIGGER:-PT{}M", options.alarm_minutes));
    add("DESCRIPTION:" + ical_text(summary));
    add("END:VALARM");
    add("END:VEVENT");
  }
  add("END:VCALENDAR");
  return out;
}

} // namespace backplan::programme
