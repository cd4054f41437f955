#include "render/render.hpp"

namespace backplan::render {

const std::vector<Format>& plan_formats()
{
  static const std::vector<Format> formats = {
    {"text", render_text},
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
