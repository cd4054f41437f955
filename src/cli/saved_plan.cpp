#include "cli/saved_plan.hpp"

#include "cli/die.hpp"
#include "cli/last_plan.hpp"
#include "cli/run/plan_file.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>

namespace backplan::cli {

namespace {

/// The text of the saved plan `path` ("-": standard input), at most
/// max_plan_file_bytes.
std::string read_plan_text(const std::string& path)
{
  if (path != "-") {
    try {
      return util::read_file(path, run::max_plan_file_bytes);
    } catch (const std::runtime_error& error) {
      die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, error.what()));
    }
  }
  std::string text;
  char buffer[65536];
  while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
    if (text.size() > run::max_plan_file_bytes) {
      die(ExitStatus::invalid_catalog, fmt::format("-: larger than {} bytes", run::max_plan_file_bytes));
    }
  }
  return text;
}

} // namespace

plan::Plan read_saved_plan(const catalog::Catalog& catalog, const std::string& path)
{
  auto parsed = run::parse_plan_json(read_plan_text(path));
  if (auto* problem = std::get_if<std::string>(&parsed)) {
    die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, *problem));
  }
  auto plan = std::get<plan::Plan>(std::move(parsed));
  if (const auto problem = run::retime_saved_plan(catalog, plan)) {
    die(ExitStatus::invalid_catalog, fmt::format("{}: {}", path, *problem));
  }
  return plan;
}

void reject_plan_options(const PlanOptions& options, const std::string& source)
{
  for (const auto& [name, option] : options.given) {
    if (name != "format" && option->count() > 0) {
      usage_error(fmt::format("{} cannot be used with {}, which runs a saved plan as it is",
                              option->get_name(), source),
                  "backplan --help");
    }
  }
  if (options.cleared) {
    usage_error(fmt::format("--cleared cannot be used with {}, which runs a saved plan as it is", source),
                "backplan --help");
  }
  if (!options.condition_flags.empty()) {
    usage_error(fmt::format("--{} cannot be used with {}, which runs a saved plan as it is",
                            options.condition_flags.front(), source),
                "backplan --help");
  }
}

plan::Plan read_last_plan(const catalog::Catalog& catalog)
{
  const auto path = last_plan_path();
  std::error_code error;
  if (!path || !std::filesystem::exists(*path, error)) {
    die(ExitStatus::invalid_catalog,
        fmt::format("no plan printed yet{}: print one with 'backplan plan' first",
                    path ? " (" + path->string() + " does not exist)" : ""));
  }
  return read_saved_plan(catalog, path->string());
}

} // namespace backplan::cli
