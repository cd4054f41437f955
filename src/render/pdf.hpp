#pragma once

#include "plan/model.hpp"
#include "render/text.hpp"

#include <string>

namespace backplan::render {

/// The roff handout typeset to PDF by running `groff -ms -Tpdf`. Throws
/// std::runtime_error naming groff when it is not installed or fails, before
/// anything is written.
std::string render_pdf(const plan::Plan& plan, const TextOptions& options);

} // namespace backplan::render
