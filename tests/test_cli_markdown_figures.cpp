// Markdown handouts link each exercise's figure as an SVG file: beside
// `-o FILE.md` in FILE-figures/, or in --figures DIR; and never leave half
// of a handout behind.

#include "backplan/plan/planner.hpp"
#include "render/common.hpp"
#include "render/markdown.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <regex>

using namespace backplan;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> knee_plan = {"plan", "--knee", "--prolapse", "-m", "15"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more)
{
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

/// Every image link of a Markdown text: alt text and destination.
std::vector<std::pair<std::string, std::string>> image_links(const std::string& markdown)
{
  std::vector<std::pair<std::string, std::string>> links;
  const std::regex image(R"(!\[([^\]]*)\]\(([^)]*)\))");
  for (auto it = std::sregex_iterator(markdown.begin(), markdown.end(), image); it != std::sregex_iterator();
       ++it) {
    links.emplace_back((*it)[1].str(), (*it)[2].str());
  }
  return links;
}

/// The ids of the plan's exercises that have a figure, in plan order.
std::vector<std::string> drawn_ids(const std::vector<std::string>& args)
{
  const auto json = test::run_backplan(with(args, {"-f", "json"}));
  REQUIRE(json.status == 0);
  std::vector<std::string> ids;
  const auto plan = nlohmann::json::parse(json.out);
  for (const auto& item : plan["items"]) {
    const auto* exercise = test::builtin_catalog().find(item["id"].get<std::string>());
    REQUIRE(exercise != nullptr);
    if (exercise->details().figure) {
      ids.push_back(exercise->id);
    }
  }
  return ids;
}

/// Whether `path` holds a standalone SVG document.
bool is_svg(const std::string& path)
{
  const std::string text = test::slurp(path);
  return text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ") && text.ends_with("</svg>\n");
}

} // namespace

TEST_SUITE("cli::markdown_figures")
{
  TEST_CASE("-o plan.md writes plan-figures/ID.svg beside it and links each relatively")
  {
    const auto dir = test::temp_dir();
    const auto run = test::run_backplan(with(knee_plan, {"-o", dir + "/plan.md"}));
    REQUIRE(run.status == 0);
    CHECK(run.err.empty());
    const std::string markdown = test::slurp(dir + "/plan.md");
    const auto links = image_links(markdown);
    const auto ids = drawn_ids(knee_plan);
    REQUIRE(!ids.empty());
    REQUIRE(links.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CAPTURE(ids[i]);
      CHECK(links[i].first == test::builtin_catalog().find(ids[i])->name);
      CHECK(links[i].second == "plan-figures/" + ids[i] + ".svg");
      CHECK(is_svg(dir + "/" + links[i].second));
    }
    // Nothing else in the folder.
    CHECK(static_cast<std::size_t>(std::distance(fs::directory_iterator(dir + "/plan-figures"),
                                                 fs::directory_iterator())) == ids.size());
  }

  TEST_CASE("to stdout, figures only with --figures DIR, linked as DIR is given")
  {
    const auto plain = test::run_backplan(with(knee_plan, {"-f", "markdown"}));
    REQUIRE(plain.status == 0);
    CHECK(image_links(plain.out).empty());

    const auto dir = test::temp_dir();
    const auto run =
      test::shell("cd " + dir + " && " + BACKPLAN_EXE +
                  " --no-user-catalog plan --knee --prolapse -m 15 -f markdown --figures pics");
    REQUIRE(run.status == 0);
    const auto links = image_links(run.out);
    const auto ids = drawn_ids(knee_plan);
    REQUIRE(links.size() == ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
      CHECK(links[i].second == "pics/" + ids[i] + ".svg");
      CHECK(is_svg(dir + "/" + links[i].second));
    }
  }

  TEST_CASE("--figures DIR with -o links DIR relative to the handout's folder")
  {
    const auto dir = test::temp_dir();
    fs::create_directory(dir + "/out");
    const auto run =
      test::run_backplan(with(knee_plan, {"-o", dir + "/out/plan.md", "--figures", dir + "/art"}));
    REQUIRE(run.status == 0);
    const auto links = image_links(test::slurp(dir + "/out/plan.md"));
    REQUIRE(!links.empty());
    for (const auto& [alt, target] : links) {
      CHECK(target.starts_with("../art/"));
      CHECK(is_svg(dir + "/out/" + target));
    }
    CHECK_FALSE(fs::exists(dir + "/out/plan-figures"));
  }

  TEST_CASE("a figure folder that cannot be written: exit 1, a message, and no handout")
  {
    const auto dir = test::temp_dir();
    test::shell("echo in-the-way > " + dir + "/plan-figures");
    const auto run = test::run_backplan(with(knee_plan, {"-o", dir + "/plan.md"}));
    CHECK(run.status == 1);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "backplan: error: cannot create " + dir + "/plan-figures: a file of that name is in the way\n");
    CHECK_FALSE(fs::exists(dir + "/plan.md"));

    const auto under_file =
      test::run_backplan(with(knee_plan, {"-f", "markdown", "--figures", dir + "/plan-figures/sub"}));
    CHECK(under_file.status == 1);
    CHECK(under_file.out.empty());
    CHECK(under_file.err ==
          "backplan: error: cannot create " + dir + "/plan-figures: a file of that name is in the way\n");
  }

  TEST_CASE("--figures works with any -o: a handout named without a folder, figures in folders to make")
  {
    const auto dir = test::temp_dir();
    // Run from `dir`, as a person types it there.
    const auto run = test::shell(
      fmt::format("cd '{}' && '{}' plan --knee -o plan.md --figures other/figs 2>&1", dir, BACKPLAN_EXE));
    CHECK(run.out.empty());
    REQUIRE(run.status == 0);
    const auto links = image_links(test::slurp(dir + "/plan.md"));
    REQUIRE(!links.empty());
    for (const auto& [alt, target] : links) {
      CHECK(target.starts_with("other/figs/"));
      CHECK(is_svg(dir + "/" + target));
    }
  }

  TEST_CASE("a handout that cannot be written takes its figures back")
  {
    const auto dir = test::temp_dir();
    fs::create_directory(dir + "/plan.md"); // a folder where the file should go
    const auto run = test::run_backplan(with(knee_plan, {"-o", dir + "/plan.md"}));
    CHECK(run.status == 1);
    CHECK(run.err == "backplan: error: cannot write " + dir + "/plan.md: it is a directory\n");
    CHECK_FALSE(fs::exists(dir + "/plan-figures"));
  }

  TEST_CASE("--figures is for Markdown only")
  {
    const auto run = test::run_backplan(with(knee_plan, {"-f", "json", "--figures", "pics"}));
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(run.err ==
          "backplan: error: --figures is for Markdown output, not json\nRun 'backplan plan --help' for "
          "usage.\n");
  }

  TEST_CASE("an exercise changed for the user's condition is drawn changed")
  {
    // The planner prefers exercises that need no change, so each exercise
    // with a modified figure is planned alone for that condition.
    int checked = 0;
    for (const auto& exercise : test::builtin_catalog().exercises) {
      for (const auto& rule : exercise.contraindications) {
        if (!rule.figure) {
          continue;
        }
        CAPTURE(exercise.id);
        CAPTURE(rule.condition);
        catalog::Catalog alone = test::builtin_catalog();
        std::erase_if(alone.exercises, [&](const auto& e) { return e.id != exercise.id; });
        plan::Request request;
        request.conditions = {rule.condition};
        request.minutes = 20;
        const auto plan = plan::make_plan(alone, request);
        REQUIRE(plan.items.size() == 1);
        const auto files = render::markdown_figures(plan);
        REQUIRE(files.size() == 1);
        CHECK(files[0].first == exercise.id + ".svg");
        CHECK(files[0].second == render::exercise_svg(*rule.figure, exercise));
        CHECK(files[0].second != render::exercise_svg(*exercise.details().figure, exercise));
        render::TextOptions options;
        options.figures = "f";
        CHECK(render::render_markdown(plan, options)
                .find("![" + render::markdown_escape(exercise.name) + "](f/" + exercise.id +
                      ".svg)\n\n*Drawn with the change for your condition.*\n\n") != std::string::npos);
        ++checked;
      }
    }
    CHECK(checked > 0); // the built-in catalog has modified figures
  }
}
