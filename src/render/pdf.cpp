#include "render/pdf.hpp"

#include "render/roff.hpp"
#include "util/process.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace backplan::render {

std::string render_pdf(const plan::Plan& plan, const TextOptions& options)
{
  // groff reads the handout on its standard input, so that its messages
  // name "<standard input>" and a line of the roff source.
  const auto groff = util::run_program({"groff", "-ms", "-Tpdf"}, render_roff(plan, options));
  if (groff.start_error == ENOENT) {
    throw std::runtime_error("the pdf format needs groff, which is not installed (install the groff "
                             "package, or use -f roff and typeset it elsewhere)");
  }
  if (groff.start_error != 0) {
    throw std::runtime_error(fmt::format("cannot run groff: {}", std::strerror(groff.start_error)));
  }
  std::fputs(util::prefixed_lines("backplan: groff: ", groff.err).c_str(), stderr);
  if (!groff.succeeded()) {
    throw std::runtime_error(
      fmt::format("groff -ms -Tpdf failed ({}), so no PDF was written", util::describe(groff.ending)));
  }
  if (!groff.out.starts_with("%PDF-")) {
    throw std::runtime_error("groff -ms -Tpdf wrote no PDF, so none was written");
  }
  return groff.out;
}

} // namespace backplan::render
