#include "render/render.hpp"

#include "render/csv.hpp"
#include "render/html.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/pdf.hpp"
#include "render/roff.hpp"

namespace backplan::render {

const std::vector<Format>& plan_formats()
{
  static const std::vector<Format> formats = {
    {"text", render_text},
    {"markdown", render_markdown},
    {"html", render_html},
    {"json", render_json},
    {"csv", render_csv},
    {"roff", render_roff},
    {"pdf", render_pdf},
  };
  return formats;
}

std::vector<std::string> plan_format_names()
{
  std::vector<std::string> names;
  for (const auto& format : plan_formats()) {
    names.emplace_back(format.name);
  }
  return names;
}

} // namespace backplan::render
