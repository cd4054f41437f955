#pragma once

#include <cstddef>

namespace backplan::cli {

/// When to colour output, as given by `--color`.
enum class ColorMode { automatic, always, never };

// The one place that decides what standard output can show. Everything that
// asks whether to colour, how wide to wrap or whether `run` takes the full
// screen asks here, and only here are isatty, TERM and NO_COLOR read.

/// Whether stdout is a terminal (a person reads it, not a program).
bool stdout_is_terminal();

/// Whether text may use characters beyond ASCII: the locale (LC_ALL, else
/// LC_CTYPE, else LANG) names UTF-8, or none is set, and TERM is not "dumb".
bool utf8_terminal();

/// Whether standard input is a terminal (a person can answer a question).
bool stdin_is_terminal();

/// Whether stdout is a terminal that understands escapes (colours, cursor
/// moves, the alternate screen): a terminal with TERM set, not empty and not
/// "dumb", as ninja's smart terminal.
bool stdout_is_smart_terminal();

/// Whether output to stdout should carry colour: `always`; `never`; or, for
/// `automatic`, a smart terminal with NO_COLOR unset or empty.
bool use_color(ColorMode mode);

/// Whether `backplan run` may draw its full screen: a smart terminal.
/// NO_COLOR takes the colours away, not the screen.
bool full_screen_allowed();

/// The terminal's width in columns when stdout is a terminal, else `fallback`.
std::size_t terminal_width(std::size_t fallback);

} // namespace backplan::cli
