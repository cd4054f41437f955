#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::render {

/// The plan as a pandoc-ready Markdown handout: title, what it was made for,
/// the safety notes in a block quote, the schedule as a pipe table, each
/// exercise under its own heading (with its figure linked from the folder
/// `options.figures` when that is set), the exercises left out (with
/// `options.explain`), a tick grid for a week, and the sources.
std::string render_markdown(const plan::Plan& plan, const TextOptions& options);

/// The handout `document` in Markdown, as render_markdown prints it.
std::string markdown_document(const Document& document, const TextOptions& options);

/// The SVG files a Markdown handout links when `options.figures` is set: for
/// each exercise of the plan with a figure, its file name ("cat-cow.svg")
/// and the drawing for the user's conditions as a standalone SVG document.
std::vector<std::pair<std::string, std::string>> markdown_figures(const plan::Plan& plan);

/// `text` as one line of inline Markdown that pandoc and CommonMark read back
/// as the same characters: whitespace runs become one space, and characters
/// with a Markdown meaning (anywhere, or at the start of a line) are escaped.
std::string markdown_escape(std::string_view text);

} // namespace backplan::render
