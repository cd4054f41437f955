#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::util {

/// The candidate `word` most likely meant: a typo of it (at most a third of
/// the word's length in edits, at least 1, and each changed word of a
/// hyphenated name a typo of its own), a start of at least half of it, its
/// first word, or a name holding all of the word's words.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" for a near miss, or an empty string.
std::string did_you_mean_suffix(std::string_view word, const std::vector<std::string>& candidates);

/// The items joined with `separator`.
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// `text` with its first character in lower case when it is an ASCII capital
/// ("The first weeks" -> "the first weeks"), for a name inside a sentence.
std::string lowercase_first(std::string text);

/// `text` split at each occurrence of `separator`, empty pieces dropped and
/// surrounding spaces trimmed.
std::vector<std::string> split_list(std::string_view text, char separator = ',');

/// Words of `text` broken into lines of at most `width` display columns
/// (a word longer than the width stands alone on its line).
std::vector<std::string> wrap(std::string_view text, std::size_t width);

/// `text` with every run of white space (spaces, tabs, line breaks) folded
/// to one space, and none at either end.
std::string fold_whitespace(std::string_view text);

/// `text` for XML and HTML text or a double-quoted attribute value: &, <, >
/// and " replaced by character references, every other byte kept.
std::string xml_escape(std::string_view text);

/// Number of terminal columns UTF-8 `text` takes: each code point counts
/// its `column_width` (2 for a wide character such as 日 or 🧘, 0 for a
/// combining accent); terminal control sequences such as colours take none.
std::size_t display_width(std::string_view text);

/// `text` cut to at most `width` display columns, ending in "…" when cut
/// (a wide character that would cross the limit goes with the cut part).
std::string truncate_to_width(std::string_view text, std::size_t width);

/// A time in whole minutes as people write it: "10", "10m", "10min",
/// "10 min", "10 minutes", "1h", "1 hour"; nullopt for anything else.
std::optional<int> parse_minutes(std::string_view text);

/// What is wrong with `text` as a time of `low` to `high` minutes ("must be
/// ..."), or an empty string when nothing is.
std::string minutes_problem(std::string_view text, int low, int high);

/// Seconds as "m:ss" with minutes unpadded, or "mm:ss" when `pad` is set;
/// from 100 minutes on, "h:mm:ss" either way.
std::string format_clock(int seconds, bool pad = true);

/// A duration in words: "45 s", "4 min", "4 min 30 s".
std::string format_duration(int seconds);

} // namespace backplan::util
