#pragma once

#include "plan/model.hpp"
#include "render/text.hpp"

#include <string>
#include <string_view>

namespace backplan::render {

/// The plan as a pandoc-ready Markdown handout: title, what it was made for,
/// the safety notes in a block quote, the schedule as a pipe table, each
/// exercise under its own heading, the exercises left out (with
/// `options.explain`), a tick grid for a week, and the sources.
std::string render_markdown(const plan::Plan& plan, const TextOptions& options);

/// `text` as one line of inline Markdown that pandoc and CommonMark read back
/// as the same characters: whitespace runs become one space, and characters
/// with a Markdown meaning (anywhere, or at the start of a line) are escaped.
std::string markdown_escape(std::string_view text);

} // namespace backplan::render
