#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/show_yaml.hpp"

#include "cli/terminal.hpp"
#include "render/common.hpp"
#include "render/show.hpp"
#include "util/exit_status.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

/// The exercise in full, for a person.
std::string describe(const catalog::Catalog& catalog, const catalog::Exercise& e, std::size_t width)
{
  return render::exercise_text(catalog, e, width);
}

/// Every field of the exercise as one JSON object.
std::string describe_json(const catalog::Catalog& catalog, const catalog::Exercise& e, std::size_t /*width*/)
{
  return render::exercise_json(catalog, e);
}

/// What `--pose` and `--grid` ask of the SVG.
render::SvgView svg_view;

/// The exercise's start and end poses as a standalone SVG document.
std::string describe_svg(const catalog::Catalog& /*catalog*/, const catalog::Exercise& e,
                         std::size_t /*width*/)
{
  if (!e.details().figure) {
    die(ExitStatus::runtime,
        fmt::format("exercise '{}' has no figure; give it a 'figure' key (see backplan-catalog(5))", e.id));
  }
  return render::exercise_svg(*e.details().figure, e, svg_view);
}

/// The exercise in catalog syntax, which loads back unchanged.
std::string describe_yaml(const catalog::Catalog& /*catalog*/, const catalog::Exercise& e,
                          std::size_t /*width*/)
{
  return exercise_yaml(e);
}

/// The output formats of `show`, "text" first.
const std::vector<
  std::pair<std::string, std::string (*)(const catalog::Catalog&, const catalog::Exercise&, std::size_t)>>
  show_formats = {
    {"text", describe},
    {"json", describe_json},
    {"svg", describe_svg},
    {"yaml", describe_yaml},
};

std::vector<std::string> show_format_names()
{
  std::vector<std::string> names;
  for (const auto& format : show_formats) {
    names.push_back(format.first);
  }
  return names;
}

} // namespace

Runner add_show_command(CLI::App* command, Context& context)
{
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  command->add_option("ID", *id, "the exercise's id (see 'backplan list')")->required();
  add_format_option(*command, *format, show_format_names());
  auto* pose = command
                 ->add_option("--pose", svg_view.pose,
                              "with -f svg: draw both poses (the default), or only the start or the end one")
                 ->check(CLI::IsMember({"both", "start", "end"}));
  auto* grid = command->add_flag("--grid", svg_view.grid,
                                 "with -f svg: draw a grid every 10 cm and a ring at each contact, to pose a "
                                 "figure");
  return [&context, id, format, pose, grid] {
    if (*format != "svg" && (pose->count() > 0 || grid->count() > 0)) {
      die(ExitStatus::usage,
          fmt::format("{} draws the figure: use it with -f svg", pose->count() > 0 ? "--pose" : "--grid"));
    }
    const auto& catalog = context.catalog();
    const auto* exercise = catalog.find(*id);
    if (exercise == nullptr) {
      die(ExitStatus::usage,
          fmt::format("unknown exercise '{}'{}", *id, util::did_you_mean_suffix(*id, catalog.exercise_ids())),
          "Run 'backplan list' to see every exercise.\n");
    }
    for (const auto& [name, print] : show_formats) {
      if (name == *format) {
        // A pipe gets whole lines unless --width asks otherwise.
        const bool terminal = cli::stdout_is_terminal();
        write_output(print(catalog, *exercise, context.width > 0 || terminal ? context.text_width(true) : 0),
                     "");
      }
    }
  };
}

} // namespace backplan::cli
