// `show ID -f yaml` keeps the figure, so that it loads back unchanged, and
// `show ID -f json` carries it as data.

#include "cli/show_yaml.hpp"
#include "render/show.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <map>
#include <nlohmann/json.hpp>

using namespace backplan;

namespace {

/// A pose's angles as the map its JSON becomes.
std::map<std::string, double> as_map(const figure::Angles& angles)
{
  std::map<std::string, double> out;
  for (const auto& [joint, degrees] : angles) {
    out.emplace(joint, degrees);
  }
  return out;
}

void check_same_pose(const figure::Pose& a, const figure::Pose& b)
{
  CHECK(a.rest == b.rest);
  CHECK(a.angles == b.angles);
}

void check_same_figure(const figure::Figure& a, const figure::Figure& b)
{
  CHECK(a.view == b.view);
  CHECK(a.props == b.props);
  CHECK(a.moves == b.moves);
  check_same_pose(a.start, b.start);
  check_same_pose(a.end, b.end);
}

} // namespace

TEST_SUITE("cli::show_figure")
{
  TEST_CASE("show -f yaml of every built-in exercise loads back with the same figure")
  {
    const auto& builtin = test::builtin_catalog();
    catalog::Layer mine;
    mine.name = "mine";
    for (const auto& exercise : builtin.exercises) {
      mine.files.push_back({exercise.id + ".yaml", cli::exercise_yaml(exercise)});
    }
    const auto result = catalog::load({catalog::builtin_layer(), mine});
    for (const auto& error : result.errors) {
      CAPTURE(error.str());
      CHECK(false);
    }
    REQUIRE(result.errors.empty());
    int modified = 0;
    for (const auto& original : builtin.exercises) {
      CAPTURE(original.id);
      const auto* loaded = result.catalog.find(original.id);
      REQUIRE(loaded != nullptr);
      CHECK(loaded->where.file == original.id + ".yaml");
      REQUIRE(loaded->details().figure.has_value() == original.details().figure.has_value());
      if (original.details().figure) {
        check_same_figure(*loaded->details().figure, *original.details().figure);
      }
      REQUIRE(loaded->contraindications.size() == original.contraindications.size());
      for (std::size_t i = 0; i < original.contraindications.size(); ++i) {
        const auto& rule = original.contraindications[i];
        REQUIRE(loaded->contraindications[i].figure.has_value() == rule.figure.has_value());
        if (rule.figure) {
          ++modified;
          check_same_figure(*loaded->contraindications[i].figure, *rule.figure);
        }
      }
      // And the whole exercise prints the same again.
      CHECK(cli::exercise_yaml(*loaded) == cli::exercise_yaml(original));
    }
    CHECK(modified > 0); // the catalog has modified figures, so they were compared
  }

  TEST_CASE("show -f json carries the figure and its modified poses")
  {
    // Every exercise rendered in this process as show renders it (the
    // command line's own output is compared in render::json).
    const auto& builtin = test::builtin_catalog();
    for (const auto& exercise : builtin.exercises) {
      CAPTURE(exercise.id);
      const auto figure = nlohmann::json::parse(render::exercise_json(builtin, exercise))["figure"];
      if (!exercise.details().figure) {
        CHECK(figure.is_null());
        continue;
      }
      CHECK(figure["view"] == figure::view_name(exercise.details().figure->view));
      CHECK(figure["props"] == exercise.details().figure->props);
      CHECK(figure["start"]["rest"] == exercise.details().figure->start.rest);
      CHECK(figure["start"]["angles"].get<std::map<std::string, double>>() ==
            as_map(exercise.details().figure->start.angles));
      CHECK(figure["end"]["angles"].get<std::map<std::string, double>>() ==
            as_map(exercise.details().figure->end.angles));
      for (const auto& rule : exercise.contraindications) {
        if (rule.figure) {
          REQUIRE(figure["modified"].contains(rule.condition));
          CHECK(figure["modified"][rule.condition]["end"]["angles"].get<std::map<std::string, double>>() ==
                as_map(rule.figure->end.angles));
        }
      }
    }
  }
}
