#pragma once

#include "programme/programme.hpp"

#include <string>
#include <vector>

namespace backplan::programme {

/// One observance of a time zone: from its onset (local time in the offset
/// before it, YYYYMMDDTHHMMSS), this offset from UTC and name.
struct Observance {
  std::string onset;
  int offset_from = 0; ///< seconds east of UTC before the onset
  int offset_to = 0;   ///< and from it on
  std::string name;    ///< "GMT", "BST"
  bool daylight = false;
};

/// What a calendar of a programme holds beyond its days.
struct CalendarOptions {
  std::string time = "08:00"; ///< the sessions' local start, HH:MM
  int minutes = 10;           ///< each session's length
  std::string title;          ///< each event's summary before " (session N of M)"
  std::string description;    ///< each event's description: the plan in lines
  std::string stamp;          ///< DTSTAMP, UTC, YYYYMMDDTHHMMSSZ
  int alarm_minutes = 10;     ///< the reminder, this long before
  /// An IANA time zone ("Europe/London") the times are in, with its
  /// observances over the programme (a VTIMEZONE); empty: floating time.
  std::string zone;
  std::vector<Observance> observances;
};

/// The programme as an iCalendar (RFC 5545) file: one VEVENT per session
/// due, with a UID that depends only on the programme's start and the
/// session's number (importing it again updates the events rather than
/// adding them twice), DTSTAMP, SEQUENCE, a local start (floating, or in
/// `zone` with its VTIMEZONE), a duration, the plan in its DESCRIPTION and a display alarm. Lines end in
/// CRLF and are folded at 75 octets, never inside a UTF-8 character; text
/// escapes backslash, semicolon, comma and line breaks.
std::string calendar(const Programme& programme, const CalendarOptions& options);

/// `text` as an iCalendar TEXT value: \\, \; \, and \n escaped.
std::string ical_text(const std::string& text);

/// `line` folded as RFC 5545 asks: at most 75 octets a line, a fold never
/// splitting a UTF-8 character, each line ending in CRLF and each
/// continuation starting with a space.
std::string fold(const std::string& line);

} // namespace backplan::programme
