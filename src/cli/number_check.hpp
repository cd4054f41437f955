#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace backplan::cli {

/// What is wrong with `value` as a number from `low` to `high`, a whole one
/// when `whole` ("must be 0 to 10, found '11'"), or empty.
std::string number_problem(std::string_view value, double low, double high, bool whole);

/// number_problem as a CLI11 check. Unlike CLI::Range it adds nothing to
/// the option's type name in --help ("N:INT in [0 - 10]"), and its message
/// writes the bounds as the help does (0.01, not 0.010000).
CLI::Validator number_in(double low, double high, bool whole = true);

} // namespace backplan::cli
