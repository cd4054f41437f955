#pragma once

#include <cstddef>
#include <string>

namespace backplan::util {

/// When to colour output, as given by `--color`.
enum class ColorMode { automatic, always, never };

/// Whether output to stdout should carry colour: `always`, or `automatic`
/// when stdout is a terminal, TERM is not "dumb" and NO_COLOR is unset.
bool use_color(ColorMode mode);

/// The terminal's width in columns when stdout is a terminal, else `fallback`.
std::size_t terminal_width(std::size_t fallback);

/// Whether stdout is a terminal (a person reads it, not a program).
bool stdout_is_terminal();

} // namespace backplan::util
