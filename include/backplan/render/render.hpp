#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <optional>
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

/// The plan format a file name's extension asks for (".md" -> markdown),
/// compared case-insensitively; nothing for an extension of no known format.
std::optional<std::string> format_for_path(const std::string& path);

} // namespace backplan::render
