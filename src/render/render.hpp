#pragma once

#include "plan/model.hpp"
#include "render/text.hpp"

#include <string>
#include <vector>

namespace backplan::render {

/// A plan output format: its name and the function that renders it.
struct Format {
  const char* name;
  std::string (*render)(const plan::Plan& plan, const TextOptions& options);
};

/// Every plan format, "text" first.
const std::vector<Format>& plan_formats();

/// The names of the plan formats.
std::vector<std::string> plan_format_names();

} // namespace backplan::render
