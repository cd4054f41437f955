#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <string>

namespace backplan::render {

/// The roff handout typeset to PDF by running `groff -ms -Tpdf` (no shell).
/// What groff writes on its standard error goes to ours, each line after
/// "backplan: groff: ". Throws std::runtime_error naming groff when it is
/// not installed or fails, before anything is written.
std::string render_pdf(const plan::Plan& plan, const TextOptions& options);

} // namespace backplan::render
