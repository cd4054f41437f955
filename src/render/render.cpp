#include "backplan/render/render.hpp"

#include "render/csv.hpp"
#include "render/html.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/pdf.hpp"
#include "render/roff.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace backplan::render {

const std::vector<Format>& plan_formats()
{
  static const std::vector<Format> formats = {
    {"text", render_text}, {"markdown", render_markdown}, {"html", render_html}, {"json", render_json},
    {"csv", render_csv},   {"roff", render_roff},         {"pdf", render_pdf},
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

std::optional<std::string> format_for_path(const std::string& path)
{
  // One line per extension; a format that is not built in is never chosen.
  static const std::vector<std::pair<std::string, std::string>> by_extension = {
    {".txt", "text"}, {".md", "markdown"}, {".markdown", "markdown"}, {".json", "json"}, {".csv", "csv"},
    {".ms", "roff"},  {".roff", "roff"},   {".html", "html"},         {".htm", "html"},  {".pdf", "pdf"},
  };
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [ending, format] : by_extension) {
    if (ending == extension) {
      const auto names = plan_format_names();
      if (std::find(names.begin(), names.end(), format) != names.end()) {
        return format;
      }
    }
  }
  return std::nullopt;
}

} // namespace backplan::render
