#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <string_view>

namespace backplan::cli {

/// The most characters a line of a handout's heading (--for, --clinician,
/// --frequency, --title) may have: it has to fit one printed line beside
/// its label.
inline constexpr std::size_t max_handout_text = 80;
/// The most characters of a --note: a few lines of advice.
inline constexpr std::size_t max_note_text = 400;

/// What is wrong with `value` as text for a handout's heading ("must be
/// ..."), or empty: it must be valid UTF-8 without control characters (a
/// tab or line break included), at most `max_characters` characters, and
/// not empty unless `may_be_empty`.
std::string handout_text_problem(std::string_view value, bool may_be_empty,
                                 std::size_t max_characters = max_handout_text);

/// What is wrong with `value` as a date written YYYY-MM-DD, one that
/// exists ("must be ..."), or empty.
std::string iso_date_problem(std::string_view value);

/// handout_text_problem as a CLI11 check.
CLI::Validator handout_text(bool may_be_empty, std::size_t max_characters = max_handout_text);

/// iso_date_problem as a CLI11 check.
CLI::Validator iso_date();

} // namespace backplan::cli
