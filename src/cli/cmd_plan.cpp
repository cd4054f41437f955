#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/handout_text.hpp"
#include "cli/last_plan.hpp"
#include "cli/plan_options.hpp"
#include "cli/programme_plan.hpp"

#include "backplan/plan/planner.hpp"
#include "backplan/plan/request.hpp"
#include "backplan/render/render.hpp"
#include "cli/terminal.hpp"
#include "render/markdown.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>

namespace backplan::cli {

namespace {

/// The plan command's own options, beside those that shape the plan.
struct PlanCommandOptions {
  PlanOptions plan;
  bool explain = false;
  std::string for_name;
  std::string clinician;
  std::string frequency = "once a day";
  std::string title;
  std::string note;
  std::string review;
  std::string figures;          ///< --figures DIR
  std::string paper = "a4";     ///< --paper: the PDF's page size
  std::string safety = "after"; ///< --safety: where the text plan prints the safety section
  bool today = false;           ///< `backplan today`: the programme's session of the day
};

/// Where a Markdown handout's figures go and how it links them: --figures
/// DIR (linked relative to the -o file's folder, or as given for stdout),
/// else with -o FILE.md the folder FILE-figures beside it; nothing for
/// Markdown on stdout without --figures.
struct FigureFolder {
  std::filesystem::path folder; ///< where the SVG files are written; empty: none
  std::string link;             ///< how the handout's links start
};

FigureFolder figure_folder(const PlanCommandOptions& options, bool to_stdout)
{
  namespace fs = std::filesystem;
  if (!options.figures.empty()) {
    if (to_stdout) {
      return {options.figures, options.figures};
    }
    // "plan.md" has no folder part: its folder is the current one.
    const fs::path parent = fs::path(options.plan.output).parent_path();
    const fs::path base = fs::absolute(parent.empty() ? fs::path(".") : parent).lexically_normal();
    const fs::path folder = fs::absolute(options.figures).lexically_normal();
    return {options.figures, folder.lexically_relative(base).generic_string()};
  }
  if (to_stdout) {
    return {};
  }
  const fs::path output(options.plan.output);
  const std::string name = output.stem().string() + "-figures";
  return {output.parent_path() / name, name};
}

/// Writes the Markdown handout and its figures (no folder when no exercise
/// has one): the figures first, so that a folder that cannot be written
/// leaves no handout, and none of them stays behind when the handout cannot
/// be written.
void write_markdown(const plan::Plan& plan, render::TextOptions text, const PlanCommandOptions& options,
                    bool to_stdout)
{
  const FigureFolder figures = figure_folder(options, to_stdout);
  const auto files = render::markdown_figures(plan);
  if (figures.folder.empty() || files.empty()) {
    write_output(render::render_markdown(plan, text), options.plan.output);
    return;
  }
  text.figures = figures.link;
  const std::string markdown = render::render_markdown(plan, text);
  util::WrittenFiles written;
  try {
    written = util::write_files(figures.folder, files);
  } catch (const std::exception& e) {
    die(ExitStatus::runtime, e.what());
  }
  try {
    write_output(markdown, options.plan.output);
  } catch (...) {
    written.remove();
    throw;
  }
}

std::string no_plan_message(const plan::Plan& plan, bool explain)
{
  std::map<std::string, int> counts;
  for (const auto& left : plan.left_out) {
    ++counts[left.reason];
  }
  std::string message;
  if (counts.contains("time")) {
    message = fmt::format("backplan: no safe plan: no safe exercise fits in {} minute{}.\n",
                          plan.request.minutes, plan.request.minutes == 1 ? "" : "s");
  } else {
    std::vector<std::string> parts;
    const std::vector<std::pair<std::string, std::string>> reasons = {
      {"condition", "your conditions"},
      {"phase", "the early phase of your conditions"},
      {"unruled", "missing rules for your conditions"},
      {"setting", "the setting"},
      {"level", "the level"},
      {"region", "the regions"},
      {"goal", "the goals"},
      {"progression", "the progressions rule"}};
    for (const auto& [reason, words] : reasons) {
      if (counts.contains(reason)) {
        parts.push_back(fmt::format("{} by {}", counts[reason], words));
      }
    }
    message = fmt::format("backplan: no safe plan: none of the {} exercises is safe for you and "
                          "matches the request (left out: {}).\n",
                          plan.left_out.size(), util::join(parts, ", "));
  }
  message += "Try fewer filters or a longer time, and ask a physiotherapist which exercises "
             "suit you.\n";
  if (!explain) {
    return message + "Run with --explain to see why each exercise was left out.\n";
  }
  for (const auto& left : plan.left_out) {
    message += fmt::format("  {}: {}: {}\n", left.id, left.reason, left.detail);
  }
  return message;
}

void run_plan(const Context& context, const PlanCommandOptions& options)
{
  const ProgrammeDay programme = programme_day(context, options.plan, options.today);
  if (!programme.rest.empty()) {
    if (options.today) {
      fmt::print("{}\n", programme.rest);
      return;
    }
    fmt::print(stderr, "backplan: note: {}\n", programme.rest);
  }
  Effective effective = resolve_plan_options(context, context.catalog(), options.plan,
                                             programme.file ? &programme.standing : nullptr);
  if (!programme.title.empty() && effective.request.title.empty()) {
    effective.request.title = programme.title;
  }
  const bool frequency_given = options.frequency != PlanCommandOptions{}.frequency;
  if (!options.figures.empty() && effective.format != "markdown") {
    usage_error(fmt::format("--figures is for Markdown output, not {}", effective.format),
                "backplan plan --help");
  }
  effective.request.for_name = options.for_name;
  effective.request.clinician = options.clinician;
  effective.request.frequency = programme.file && !frequency_given ? programme.frequency : options.frequency;
  for (auto [field, value] : {std::pair(&effective.request.title, &options.title),
                              std::pair(&effective.request.note, &options.note),
                              std::pair(&effective.request.review, &options.review)}) {
    if (!value->empty()) {
      *field = *value;
    }
  }
  const std::string& output = options.plan.output;
  const bool to_stdout = output.empty() || output == "-";
  if (effective.format == "pdf" && to_stdout && cli::stdout_is_terminal()) {
    // A PDF's bytes would garble the terminal; a pipe or a file takes them.
    die(ExitStatus::usage, "-f pdf writes binary; use -o FILE.pdf or redirect the output");
  }
  // Only --explain and JSON list the exercises passed over.
  effective.request.list_passed_over = options.explain || effective.format == "json";
  plan::Plan plan = make_checked_plan(context, effective.request, options.explain);
  progress_plan(context, programme, plan);
  render::TextOptions text;
  text.width = context.text_width(to_stdout);
  text.color = to_stdout && cli::use_color(context.color);
  text.explain = options.explain;
  text.paper = options.paper;
  text.safety_first = options.safety == "first";
  // A programme's plan is followed by plain `run`, which makes the same
  // session at the doses the log has earned.
  text.follow = programme.file ? "backplan run" : follow_command(context, effective.request);
  if (effective.format == "markdown") {
    write_markdown(plan, text, options, to_stdout);
  } else {
    for (const auto& format : render::plan_formats()) {
      if (effective.format == format.name) {
        write_output(format.render(plan, text), output);
      }
    }
  }
  keep_last_plan(last_plan_text(plan));
}

} // namespace

plan::Plan make_checked_plan(const Context& context, const plan::Request& request, bool explain)
{
  const auto& catalog = context.catalog();
  if (catalog.exercises.empty()) {
    throw Failure{ExitStatus::no_safe_plan,
                  "backplan: no safe plan: no exercises loaded; add a catalog with --catalog PATH, "
                  "or leave out --no-builtin.\n"};
  }
  if (catalog.red_flags.terms.empty()) {
    // Every plan carries the red flags; a catalog without them makes none.
    die(ExitStatus::invalid_catalog, "the catalog has no red flags: a catalog used without the built-in one "
                                     "needs a red-flags.yaml (see backplan-catalog(5))");
  }
  plan::Plan plan = plan::make_plan(catalog, request);
  if (!plan.referral.empty()) {
    throw Failure{ExitStatus::no_safe_plan, fmt::format("backplan: no plan: {}\n", plan.referral)};
  }
  if (!plan.unmet.empty()) {
    throw Failure{ExitStatus::no_safe_plan, fmt::format("backplan: no plan: {}\n", plan.unmet)};
  }
  if (plan.items.empty()) {
    throw Failure{ExitStatus::no_safe_plan, no_plan_message(plan, explain)};
  }
  for (const auto& gap : plan.gaps) {
    fmt::print(stderr, "backplan: warning: {}\n", gap);
  }
  return plan;
}

namespace {

void add_plan_command_options(CLI::App* command, Context& context, PlanCommandOptions& options);

} // namespace

Runner add_plan_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<PlanCommandOptions>();
  add_plan_command_options(command, context, *options);
  return [&context, options] { run_plan(context, *options); };
}

Runner add_today_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<PlanCommandOptions>();
  add_plan_command_options(command, context, *options);
  options->today = true;
  return [&context, options] { run_plan(context, *options); };
}

namespace {

void add_plan_command_options(CLI::App* command, Context& context, PlanCommandOptions& opts)
{
  PlanCommandOptions* options = &opts;
  add_plan_options(*command, options->plan, context);
  command
    ->add_option("-o,--output", options->plan.output,
                 "write to FILE (atomically) instead of stdout; without -f, the format comes from "
                 "its extension (.md, .html, .pdf, .json, .csv, .ms, .roff, .txt)")
    ->type_name("FILE")
    ->group("Output");
  command->add_flag("--explain", options->explain, "also list every exercise left out and why")
    ->group("Output");
  command
    ->add_option("--figures", options->figures,
                 "Markdown: write each exercise's figure as DIR/ID.svg and link it (with -o FILE.md "
                 "the default is FILE-figures beside it)")
    ->type_name("DIR")
    ->group("Output");
  command
    ->add_option("--safety", options->safety,
                 "text: print the safety section after the plan (default) or first, before it")
    ->check(CLI::IsMember({"after", "first"}))
    ->type_name("WHERE")
    ->group("Output");
  command->add_option("--paper", options->paper, "PDF: the page size, a4 (default) or letter")
    ->check(CLI::IsMember({"a4", "letter"}))
    ->type_name("SIZE")
    ->group("Output");
  const std::string handout_group = "Handout";
  command->add_option("--for", options->for_name, "the name of the person the handout is for")
    ->check(handout_text(true))
    ->type_name("NAME")
    ->group(handout_group);
  command
    ->add_option("--clinician", options->clinician,
                 "who gives the handout, e.g. a physiotherapist and clinic")
    ->check(handout_text(true))
    ->type_name("TEXT")
    ->group(handout_group);
  command
    ->add_option("--frequency", options->frequency, "how often to do the routine (default \"once a day\")")
    ->check(handout_text(false))
    ->type_name("TEXT")
    ->group(handout_group);
  command
    ->add_option("--title", options->title, "the handout's title instead of \"A 10-minute back-care plan\"")
    ->check(handout_text(true))
    ->type_name("TEXT")
    ->group(handout_group);
  command->add_option("--note", options->note, "advice for the person, printed under the title")
    ->check(handout_text(true, max_note_text))
    ->type_name("TEXT")
    ->group(handout_group);
  command->add_option("--review", options->review, "when to review the plan, YYYY-MM-DD (\"Review: on ...\")")
    ->check(iso_date())
    ->type_name("DATE")
    ->group(handout_group);
}

} // namespace

} // namespace backplan::cli
