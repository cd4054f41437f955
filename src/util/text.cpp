#include "util/text.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace backplan::util {

namespace {

/// Edits to turn `a` into `b`: insertions, deletions, substitutions and
/// swaps of two neighbouring letters ("stpes" is one edit from "steps").
std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

} // namespace

namespace {

/// The words of a name: "--left-knee_flexion" is {left, knee, flexion}.
std::vector<std::string_view> name_words(std::string_view name)
{
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '-' || name[i] == '_') {
      if (i > start) {
        words.push_back(name.substr(start, i - start));
      }
      start = i + 1;
    }
  }
  return words;
}

/// The edits a word of `size` letters may take from its intended word.
std::size_t typo_limit(std::size_t size) { return std::max<std::size_t>(1, size / 3); }

/// How `candidate` matches what `word` meant: how far it is (`distance`,
/// and the plain edit distance `raw`), and how: as a typo, as its start, as
/// its first word, or as a name holding all the word's words.
struct Meaning {
  enum class Kind { typo, start, first_word, words };
  std::size_t distance = 0;
  std::size_t raw = 0;
  Kind kind = Kind::typo;
};

/// How far `candidate` is from what `word` meant, or nullopt when it is
/// not a likely meaning: a near miss letter by letter whose changed words
/// are each a near miss too ("lowerback", "stpes"; not "back-pain" for
/// "neck-pain", nor "kneereplacement" for "hip-replacement"), a start of
/// at least half of it ("expl" of "explain", not "disc" of "discectomy"),
/// its first word ("lying" of "lying-on-back"), or all of the words of
/// `word` in it ("knee_flexion" in "left_knee_flexion").
std::optional<Meaning> meaning_distance(std::string_view word, std::string_view candidate)
{
  const auto bare = [](std::string_view name) {
    return name.substr(std::min(name.find_first_not_of('-'), name.size()));
  };
  const std::string_view w = bare(word);
  const std::string_view c = bare(candidate);
  const std::size_t limit = typo_limit(w.size());
  const auto words = name_words(w);
  const auto candidate_words = name_words(c);
  const bool all_words_in = std::all_of(words.begin(), words.end(), [&](std::string_view part) {
    return std::find(candidate_words.begin(), candidate_words.end(), part) != candidate_words.end();
  });
  if (!words.empty() && words.size() < candidate_words.size() && all_words_in) {
    if (words.size() > 1) {
      return Meaning{1, 1, Meaning::Kind::words};
    }
    if (words.front() == candidate_words.front()) {
      return Meaning{1, 1, Meaning::Kind::first_word};
    }
  }
  const std::size_t distance = edit_distance(w, c);
  if (w.size() >= 3 && c.starts_with(w) && w.size() * 2 >= c.size()) {
    return Meaning{std::min(distance, limit), distance, Meaning::Kind::start};
  }
  if (distance > limit) {
    return std::nullopt;
  }
  if (words.size() == candidate_words.size()) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (edit_distance(words[i], candidate_words[i]) > typo_limit(words[i].size())) {
        return std::nullopt;
      }
    }
  } else {
    // Words run together or split ("lowerback"): the joins, and one typo.
    const std::size_t joins = words.size() > candidate_words.size() ? words.size() - candidate_words.size()
                                                                    : candidate_words.size() - words.size();
    if (distance > joins + 1) {
      return std::nullopt;
    }
  }
  return Meaning{distance, distance, Meaning::Kind::typo};
}

} // namespace

std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  using Kind = Meaning::Kind;
  std::optional<std::string> best;
  Meaning best_meaning;
  bool ambiguous = false;
  for (const auto& candidate : candidates) {
    const auto meaning = meaning_distance(word, candidate);
    if (!meaning || (best && candidate == *best)) {
      continue;
    }
    const bool tie = best && meaning->distance == best_meaning.distance;
    // Of starts as near, the shortest completion ("kne": knee, not knees).
    const bool nearer_start = tie && meaning->kind == Kind::start && best_meaning.kind == Kind::start &&
                              meaning->raw < best_meaning.raw;
    if (!best || meaning->distance < best_meaning.distance || nearer_start) {
      best = candidate;
      best_meaning = *meaning;
      ambiguous = false;
    } else if (tie && (meaning->kind == Kind::first_word || best_meaning.kind == Kind::first_word ||
                       (meaning->kind == Kind::start && meaning->raw == best_meaning.raw))) {
      // "spinal" is the first word of spinal-arthritis and spinal-fracture
      // alike: no guess.
      ambiguous = true;
    }
  }
  return ambiguous ? std::nullopt : best;
}

std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates)
{
  const auto guess = did_you_mean(word, candidates);
  return guess ? fmt::format(" (did you mean '{}'?)", *guess) : std::string();
}

std::string join(const std::vector<std::string>& items, std::string_view separator)
{
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += separator;
    }
    out += items[i];
  }
  return out;
}

std::vector<std::string> split_list(std::string_view text, char separator)
{
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    std::string_view piece = text.substr(start, end - start);
    while (!piece.empty() && piece.front() == ' ') {
      piece.remove_prefix(1);
    }
    while (!piece.empty() && piece.back() == ' ') {
      piece.remove_suffix(1);
    }
    if (!piece.empty()) {
      out.emplace_back(piece);
    }
    start = end + 1;
  }
  return out;
}

std::string xml_escape(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string fold_whitespace(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      if (!out.empty() && out.back() != ' ') {
        out += ' ';
      }
    } else {
      out += c;
    }
  }
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

namespace {

/// Where the terminal control sequence (ESC [ parameters final-byte) that
/// starts at `at` ends: the offset just past its final byte.
std::size_t control_sequence_end(std::string_view text, std::size_t at)
{
  std::size_t i = at + 2;
  while (i < text.size() &&
         (static_cast<unsigned char>(text[i]) < 0x40 || static_cast<unsigned char>(text[i]) > 0x7e)) {
    ++i;
  }
  return std::min(i + 1, text.size());
}

} // namespace

std::size_t display_width(std::string_view text)
{
  std::size_t width = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x20 && byte < 0x7f) {
      // Printable ASCII, most of every text: one column, nothing to decode.
      ++width;
      ++at;
    } else if (byte == 0x1b && at + 1 < text.size() && text[at + 1] == '[') {
      at = control_sequence_end(text, at);
    } else {
      const CodePoint c = *Utf8View(text.substr(at)).begin();
      width += static_cast<std::size_t>(column_width(c.value));
      at += c.length;
    }
  }
  return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width)
{
  if (display_width(text) <= width) {
    return std::string(text);
  }
  if (width == 0) {
    return "";
  }
  std::size_t columns = 0;
  std::size_t end = 0;
  for (const CodePoint c : Utf8View(text)) {
    columns += static_cast<std::size_t>(column_width(c.value));
    if (columns > width - 1) {
      break;
    }
    end = c.offset + c.length;
  }
  return std::string(text.substr(0, end)) + "…";
}

namespace {

/// How many bytes of `text` (whole UTF-8 sequences) fill at most `width`
/// columns.
std::size_t prefix_of_width(std::string_view text, std::size_t width)
{
  std::size_t end = 0;
  while (end < text.size()) {
    std::size_t next = end + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) {
      ++next;
    }
    if (display_width(text.substr(0, next)) > width) {
      break;
    }
    end = next;
  }
  return end;
}

} // namespace

std::vector<std::string> wrap(std::string_view text, std::size_t width)
{
  std::vector<std::string> lines;
  std::string line;
  std::size_t line_width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n')) {
      ++pos;
    }
    if (pos >= text.size()) {
      break;
    }
    std::size_t end = pos;
    while (end < text.size() && text[end] != ' ' && text[end] != '\n') {
      ++end;
    }
    std::string_view word = text.substr(pos, end - pos);
    std::size_t word_width = display_width(word);
    if (word_width > width && width > 0) {
      // A word wider than a line (a web address) starts a line of its own
      // and breaks after its last slash or hyphen that fits, else at the
      // width.
      if (!line.empty()) {
        lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
      }
      while (word_width > width) {
        const std::size_t fits = prefix_of_width(word, width);
        const std::size_t mark = word.substr(0, fits).find_last_of("/-");
        const std::size_t cut =
          mark != std::string_view::npos && mark > 0 ? mark + 1 : std::max<std::size_t>(fits, 1);
        lines.emplace_back(word.substr(0, cut));
        word.remove_prefix(cut);
        word_width = display_width(word);
      }
    }
    if (!line.empty() && line_width + 1 + word_width > width) {
      lines.push_back(std::move(line));
      line.clear();
      line_width = 0;
    }
    if (line.empty()) {
      // Room for the whole line at once (a few bytes over its columns for
      // letters that take more than a byte), not grown a word at a time.
      line.reserve(std::min(text.size() - pos, width) + 8);
    } else {
      line += ' ';
      ++line_width;
    }
    line += word;
    line_width += word_width;
    pos = end;
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

std::optional<int> parse_minutes(std::string_view text)
{
  const auto space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && space(text.back())) {
    text.remove_suffix(1);
  }
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  if (digits == 0 || digits > 4) {
    return std::nullopt;
  }
  int number = 0;
  for (const char c : text.substr(0, digits)) {
    number = number * 10 + (c - '0');
  }
  std::string_view unit = text.substr(digits);
  while (!unit.empty() && space(unit.front())) {
    unit.remove_prefix(1);
  }
  std::string lower(unit);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* minutes : {"", "m", "min", "mins", "minute", "minutes"}) {
    if (lower == minutes) {
      return number;
    }
  }
  for (const char* hours : {"h", "hr", "hrs", "hour", "hours"}) {
    if (lower == hours) {
      return number * 60;
    }
  }
  return std::nullopt;
}

std::string minutes_problem(std::string_view text, int low, int high)
{
  const auto minutes = parse_minutes(text);
  if (minutes && *minutes >= low && *minutes <= high) {
    return {};
  }
  return fmt::format("must be {} to {} minutes, as 10, 10m, 10min, 10 min or 1h, found '{}'", low, high,
                     text);
}

std::string format_clock(int seconds, bool pad)
{
  if (seconds >= 100 * 60) {
    return fmt::format("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return pad ? fmt::format("{:02}:{:02}", seconds / 60, seconds % 60)
             : fmt::format("{}:{:02}", seconds / 60, seconds % 60);
}

std::string format_duration(int seconds)
{
  if (seconds < 60) {
    return fmt::format("{} s", seconds);
  }
  if (seconds % 60 == 0) {
    return fmt::format("{} min", seconds / 60);
  }
  return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

std::string lowercase_first(std::string text)
{
  if (!text.empty() && text.front() >= 'A' && text.front() <= 'Z') {
    text.front() = static_cast<char>(text.front() - 'A' + 'a');
  }
  return text;
}

} // namespace backplan::util
