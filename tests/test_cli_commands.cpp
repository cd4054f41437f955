#include "backplan/catalog/model.hpp"
#include "support.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace backplan;
using test::contains;

namespace {

/// The columns of a `list` line: runs of two or more spaces separate them.
std::vector<std::string> columns_of(const std::string& line)
{
  std::vector<std::string> columns;
  const std::regex gap(" {2,}");
  std::sregex_token_iterator it(line.begin(), line.end(), gap, -1);
  for (; it != std::sregex_token_iterator(); ++it) {
    columns.push_back(*it);
  }
  return columns;
}

/// The ids `backplan list ARGS...` prints, in its order; asserts success.
std::vector<std::string> listed_ids(const std::vector<std::string>& filters)
{
  std::vector<std::string> args = {"list"};
  args.insert(args.end(), filters.begin(), filters.end());
  const auto result = test::run_backplan(args);
  CHECK(result.status == 0);
  CHECK(result.err == "");
  std::vector<std::string> ids;
  for (const auto& line : test::lines_of(result.out)) {
    ids.push_back(columns_of(line).at(0));
  }
  return ids;
}

/// The ids of the built-in exercises that `keep` accepts, sorted.
template<typename Predicate>
std::vector<std::string> catalog_ids(Predicate keep)
{
  std::vector<std::string> ids;
  for (const auto& exercise : test::builtin_catalog().exercises) {
    if (keep(exercise)) {
      ids.push_back(exercise.id);
    }
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

bool has_rule(const catalog::Exercise& exercise, const std::string& condition, catalog::Action action)
{
  return std::any_of(exercise.contraindications.begin(), exercise.contraindications.end(),
                     [&](const auto& rule) { return rule.condition == condition && rule.action == action; });
}

std::string join(const std::vector<std::string>& items, const std::string& separator)
{
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : separator) + item;
  }
  return out;
}

/// Words of a text separated by single spaces, as wrapping leaves them.
std::string words(const std::string& text)
{
  std::istringstream in(text);
  std::vector<std::string> all;
  for (std::string word; in >> word;) {
    all.push_back(word);
  }
  return join(all, " ");
}

} // namespace

TEST_SUITE("cli::list")
{
  TEST_CASE("list prints every exercise once a line in five aligned columns sorted by id")
  {
    const auto result = test::run_backplan({"list"});
    REQUIRE(result.status == 0);
    CHECK(result.err == "");
    const auto lines = test::lines_of(result.out);
    const auto& catalog = test::builtin_catalog();
    CHECK(lines.size() == catalog.exercises.size());
    const std::regex duration(R"((\d+ min( \d+ s)?|\d+ s))");
    std::vector<std::string> ids;
    std::vector<std::size_t> starts;
    for (const auto& line : lines) {
      CAPTURE(line);
      const auto columns = columns_of(line);
      REQUIRE(columns.size() == 5);
      ids.push_back(columns[0]);
      const auto* exercise = catalog.find(columns[0]);
      REQUIRE(exercise != nullptr);
      CHECK(columns[1] == exercise->name);
      CHECK(columns[2] == exercise->position);
      CHECK(columns[3] == join(exercise->regions, ","));
      CHECK(std::regex_match(columns[4], duration));
      // Each column starts at the same place on every line.
      std::vector<std::size_t> line_starts;
      std::size_t from = 0;
      for (const auto& column : columns) {
        from = line.find(column, from);
        line_starts.push_back(from);
        from += column.size();
      }
      if (starts.empty()) {
        starts = line_starts;
      }
      CHECK(line_starts == starts);
    }
    CHECK(std::is_sorted(ids.begin(), ids.end()));
    CHECK(ids == catalog_ids([](const auto&) { return true; }));
  }

  TEST_CASE("list --region keeps only the exercises for that region")
  {
    const auto neck = catalog_ids([](const auto& e) { return contains(e.regions, "neck"); });
    REQUIRE(!neck.empty());
    CHECK(listed_ids({"--region", "neck"}) == neck);
    CHECK(listed_ids({"-r", "neck"}) == neck);
    SUBCASE("a comma list keeps the exercises for any of them")
    {
      const auto either = catalog_ids(
        [](const auto& e) { return contains(e.regions, "neck") || contains(e.regions, "chest"); });
      CHECK(either.size() > neck.size());
      CHECK(listed_ids({"--region", "neck,chest"}) == either);
    }
  }

  TEST_CASE("list --condition leaves out the exercises the condition avoids")
  {
    const auto all = listed_ids({});
    const auto sciatica = listed_ids({"--condition", "sciatica"});
    for (const std::string id : {"hamstring-stretch", "a-frame-to-squat"}) {
      CAPTURE(id);
      CHECK(contains(all, id));
      CHECK(!contains(sciatica, id));
    }
    CHECK(sciatica == catalog_ids([](const auto& e) {
            return !has_rule(e, "radiating-leg-pain", catalog::Action::avoid);
          }));
    CHECK(listed_ids({"-c", "radiating-leg-pain"}) == sciatica);
  }

  TEST_CASE("list --position keeps only exercises in that start position")
  {
    const auto seated = catalog_ids([](const auto& e) { return e.position == "seated"; });
    REQUIRE(!seated.empty());
    CHECK(listed_ids({"--position", "seated"}) == seated);
  }

  TEST_CASE("list --goal keeps only exercises for that goal")
  {
    const auto desk = catalog_ids([](const auto& e) { return contains(e.goals, "desk-break"); });
    REQUIRE(!desk.empty());
    CHECK(listed_ids({"--goal", "desk-break"}) == desk);
  }

  TEST_CASE("list with an unknown region is a usage error with a did-you-mean")
  {
    const auto result = test::run_backplan({"list", "--region", "nek"});
    CHECK(result.status == 2);
    CHECK(result.out == "");
    std::vector<std::string> regions;
    for (const auto& term : test::builtin_catalog().regions.terms) {
      regions.push_back(term.id);
    }
    CHECK(result.err == "backplan: error: unknown region 'nek' (did you mean 'neck'?)\n"
                        "valid regions: " +
                          join(regions, ", ") + "\n");
  }
}

TEST_SUITE("cli::show")
{
  TEST_CASE("show prints one exercise in full with its rules and sources")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* exercise = catalog.find("knee-to-chest");
    REQUIRE(exercise != nullptr);
    REQUIRE(exercise->contraindications.size() >= 2);
    const auto result = test::run_backplan({"show", "knee-to-chest"});
    REQUIRE(result.status == 0);
    CHECK(result.err == "");
    const std::string& out = result.out;
    CHECK(out.starts_with("Knee to chest (knee-to-chest)\n"));
    CHECK(out.find(exercise->details().summary) != std::string::npos);
    for (const auto& step : exercise->details().steps) {
      CAPTURE(step);
      CHECK(out.find(step) != std::string::npos);
    }
    for (const auto& cue : exercise->details().cues) {
      CAPTURE(cue);
      CHECK(out.find(cue) != std::string::npos);
    }
    const auto lines = test::lines_of(out);
    for (const auto& rule : exercise->contraindications) {
      CAPTURE(rule.condition);
      // One line with the action, the condition (and the values a rule
      // holds for) and the instruction; the next names the basis.
      const std::string when = rule.when.empty() ? "" : " (when " + join(rule.when.get(), ", ") + ")";
      const auto line = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
        return l.find(catalog::action_name(rule.action)) != std::string::npos &&
               l.find(" " + rule.condition + when + ":") != std::string::npos &&
               l.find(rule.instruction) != std::string::npos;
      });
      REQUIRE(line != lines.end());
      REQUIRE(line + 1 != lines.end());
      CHECK(*(line + 1) == "    basis: " + rule.basis.str());
    }
    for (const auto& id : exercise->sources) {
      const auto* source = catalog.sources.find(id);
      REQUIRE(source != nullptr);
      CHECK(out.find(source->citation) != std::string::npos);
    }
    CHECK(out.find("Double knee to chest (double-knee-to-chest)") != std::string::npos);
  }

  TEST_CASE("show with a misspelt id suggests the right one")
  {
    const auto result = test::run_backplan({"show", "knee-to-chets"});
    CHECK(result.status == 2);
    CHECK(result.out == "");
    CHECK(result.err == "backplan: error: unknown exercise 'knee-to-chets' (did you mean "
                        "'knee-to-chest'?)\nRun 'backplan list' to see every exercise.\n");
  }
}

TEST_SUITE("cli::conditions")
{
  TEST_CASE("conditions lists each condition with its aliases description and effects")
  {
    const auto& catalog = test::builtin_catalog();
    // Wide enough that no line wraps, so each block reads line by line.
    const auto result = test::run_backplan({"conditions", "--width", "1000"});
    REQUIRE(result.status == 0);
    CHECK(result.err == "");
    // One block per condition, in catalog order, each ending in a blank line.
    std::vector<std::vector<std::string>> blocks(1);
    for (const auto& line : test::lines_of(result.out)) {
      if (line.empty()) {
        blocks.emplace_back();
      } else {
        blocks.back().push_back(line);
      }
    }
    CHECK(blocks.back().empty());
    blocks.pop_back();
    REQUIRE(blocks.size() == catalog.conditions.terms.size());
    std::size_t total_excluded = 0;
    std::size_t total_modified = 0;
    std::size_t total_cautioned = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const auto& term = catalog.conditions.terms[i];
      const auto& block = blocks[i];
      CAPTURE(term.id);
      REQUIRE(block.size() >= 3);
      CHECK(block.front() == term.id + "  " + term.name);
      std::size_t next = 1;
      if (!term.aliases.empty()) {
        CHECK(block[1] == "    aliases: " + join(term.aliases, ", "));
        next = 2;
      }
      const std::vector<std::string> description(block.begin() + static_cast<std::ptrdiff_t>(next),
                                                 block.end() - 1);
      for (const auto& line : description) {
        CHECK(line.starts_with("    "));
      }
      // The description, then the qualifier and the early phase when the
      // condition has them.
      const std::string shown = words(join(description, " "));
      CHECK(shown.starts_with(words(term.description)));
      CHECK((shown.find("(--" + term.id + "=VALUE)") != std::string::npos) == term.qualifier.has_value());
      CHECK((shown.find("early phase, until") != std::string::npos) == term.phase.has_value());
      if (!term.qualifier && !term.phase) {
        CHECK(shown == words(term.description));
      }
      // Counted here from the rules of the condition and of those it
      // includes: an avoided exercise is excluded and counts for nothing else.
      std::vector<std::string> ids = {term.id};
      ids.insert(ids.end(), term.includes.begin(), term.includes.end());
      const auto any_rule = [&](const catalog::Exercise& exercise, catalog::Action action) {
        return std::any_of(ids.begin(), ids.end(),
                           [&](const auto& id) { return has_rule(exercise, id, action); });
      };
      std::size_t excluded = 0;
      std::size_t modified = 0;
      std::size_t cautioned = 0;
      for (const auto& exercise : catalog.exercises) {
        if (any_rule(exercise, catalog::Action::avoid)) {
          ++excluded;
          continue;
        }
        modified += any_rule(exercise, catalog::Action::modify) ? 1 : 0;
        cautioned += any_rule(exercise, catalog::Action::caution) ? 1 : 0;
      }
      CHECK(block.back() == fmt::format("    excludes {}, modifies {}, cautions {} of {} exercises", excluded,
                                        modified, cautioned, catalog.exercises.size()));
      total_excluded += excluded;
      total_modified += modified;
      total_cautioned += cautioned;
    }
    // The seeds' advice: sciatica leaves out two stretches, and each action is used.
    CHECK(total_excluded >= 2);
    CHECK(total_modified > 0);
    CHECK(total_cautioned > 0);
  }
}

TEST_SUITE("cli::app")
{
  TEST_CASE("--help on the program and on each command names each of its options")
  {
    const std::map<std::string, std::vector<std::string>> options = {
      {"",
       {"--help", "--version", "--catalog", "--no-builtin", "--color", "plan", "list", "show", "conditions",
        "check"}},
      {"list", {"--help", "--region", "--goal", "--position", "--condition"}},
      {"show", {"--help", "ID"}},
      {"conditions", {"--help"}},
      {"check", {"--help", "PATH"}},
      {"plan",
       {"--help", "--condition", "--minutes", "--goal", "--region", "--level", "--setting", "--seed",
        "--format", "--output", "--explain"}},
    };
    for (const auto& [command, names] : options) {
      CAPTURE(command);
      std::vector<std::string> args;
      if (!command.empty()) {
        args.push_back(command);
      }
      args.push_back("--help");
      const auto result = test::run_backplan(args);
      CHECK(result.status == 0);
      CHECK(result.err == "");
      CHECK(result.out.find("Usage: backplan" + (command.empty() ? "" : " " + command)) != std::string::npos);
      for (const auto& name : names) {
        CAPTURE(name);
        CHECK(result.out.find(name) != std::string::npos);
      }
    }
  }

  TEST_CASE("plan --help lists each condition of the catalog, and each is a flag")
  {
    const auto result = test::run_backplan({"plan", "--help", "--width", "1000"});
    CHECK(result.status == 0);
    const std::string listing = util::fold_whitespace(result.out.substr(result.out.find("Conditions, each")));
    for (const auto& term : test::builtin_catalog().conditions.terms) {
      CAPTURE(term.id);
      CHECK(listing.find(" " + term.id +
                         (term.aliases.empty() ? "" : " (" + util::join(term.aliases, ", ") + ")")) !=
            std::string::npos);
      // A condition whose most careful reading calls for a clinician first
      // (a recent spinal fracture) makes no plan, and says so with exit 4.
      const bool refers =
        term.qualifier && !term.qualifier->find(term.qualifier->default_value)->refer.empty();
      CHECK(test::run_backplan({"plan", "--" + term.id, "-f", "json"}).status == (refers ? 4 : 0));
    }
  }

  TEST_CASE("--version prints the name and version")
  {
    const auto result = test::run_backplan({"--version"});
    CHECK(result.status == 0);
    CHECK(result.out == "backplan " BACKPLAN_VERSION "\n");
    CHECK(result.err == "");
  }

  TEST_CASE("--version, --help and completion read no catalog, a command that uses one does")
  {
    // A broken catalog in the user's config folder, which every command
    // that loads a catalog reads.
    const std::string config = test::temp_dir();
    const std::string folder = config + "/backplan/catalog";
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/broken.yaml") << "id: [\n";
    const std::map<std::string, std::string> env = {{"XDG_CONFIG_HOME", config}};
    for (const auto& args : std::vector<std::vector<std::string>>{{"--version"},
                                                                  {"--help"},
                                                                  {"plan", "--version"},
                                                                  {"run", "--version"},
                                                                  {"profile", "--version"},
                                                                  {"completion", "bash"},
                                                                  {"completion", "zsh"},
                                                                  {"completion", "fish"},
                                                                  {"completion", "--help"},
                                                                  {"list", "--help"},
                                                                  {"show", "--help"},
                                                                  {"conditions", "--help"},
                                                                  {"check", "--help"}}) {
      CAPTURE(args);
      test::RunResult result;
      const auto opened = test::opened_during(folder, [&] { result = test::run_backplan(args, env); });
      CHECK(result.status == 0);
      CHECK(result.err == "");
      CHECK(opened.empty());
    }
    test::RunResult result;
    const auto opened = test::opened_during(folder, [&] { result = test::run_backplan({"list"}, env); });
    CHECK(result.status == 3);
    CHECK(result.err == folder +
                          "/broken.yaml:1:5: error: invalid YAML: '[' has no matching ']'\n"
                          "backplan: the errors above are in your catalog folder " +
                          folder + "; fix them, or run with --no-user-catalog to leave that folder out\n");
    CHECK(opened == std::set<std::string>{".", "broken.yaml"});
  }

  TEST_CASE("an unknown option is a usage error")
  {
    for (const auto& args : std::vector<std::vector<std::string>>{{"--bogus", "list"}, {"list", "--bogus"}}) {
      CAPTURE(args.front());
      const auto result = test::run_backplan(args);
      CHECK(result.status == 2);
      CHECK(result.out == "");
      CHECK(result.err.starts_with("backplan: error: "));
      CHECK(result.err.find("--bogus") != std::string::npos);
    }
  }

  TEST_CASE("no subcommand is a usage error")
  {
    const auto result = test::run_backplan({});
    CHECK(result.status == 2);
    CHECK(result.out == "");
    CHECK(result.err.starts_with("backplan: error: "));
  }
}
