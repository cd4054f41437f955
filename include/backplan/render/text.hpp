#pragma once

#include "backplan/plan/model.hpp"

#include <cstddef>
#include <string>

namespace backplan::render {

/// How to lay out text for a terminal.
struct TextOptions {
  std::size_t width = 80;    ///< wrap to this many columns
  bool color = false;        ///< ANSI colour and bold
  bool explain = false;      ///< also list the exercises left out
  std::string figures{};     ///< Markdown: the folder its figures are linked in; empty: no figures
  std::string paper{};       ///< PDF: "a4" (also when empty) or "letter"
  bool safety_first = false; ///< text: the safety section before the plan, not after it
  std::string follow{};      ///< text: the command that runs the plan, printed last; empty: none
};

struct Document;

/// The plan as text for a terminal, wrapped to `options.width`.
std::string render_text(const plan::Plan& plan, const TextOptions& options);

/// The handout `document` as text for a terminal, as render_text prints it.
std::string text_document(const Document& document, const TextOptions& options);

} // namespace backplan::render
