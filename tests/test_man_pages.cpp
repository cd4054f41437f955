#include "backplan/figure/model.hpp"
#include "catalog/keys.hpp"
#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

using namespace backplan;

namespace {

const std::string man_dir = std::string(BACKPLAN_SOURCE_DIR) + "/man";

/// The page's source with roff escapes for hyphens and fonts undone, so that
/// options can be searched as a user types them.
std::string page_text(const std::string& page)
{
  std::string text = test::slurp(man_dir + "/" + page);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') {
      out += '-';
      ++i;
    } else if (text[i] == '\\' && i + 2 < text.size() && text[i + 1] == 'f') {
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// The options (short and long names) and commands a --help output lists.
std::pair<std::set<std::string>, std::set<std::string>> help_items(const std::vector<std::string>& args)
{
  auto command = args;
  command.push_back("--help");
  const auto r = test::run_backplan(command);
  REQUIRE(r.status == 0);
  std::set<std::string> options;
  std::set<std::string> commands;
  bool in_commands = false;
  std::size_t start = 0;
  while (start < r.out.size()) {
    const auto end = r.out.find('\n', start);
    const std::string line = r.out.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line[0] != ' ') {
      // A heading: the commands are under "Subcommands:" (the examples
      // after them are not commands).
      in_commands = line == "Subcommands:";
      continue;
    }
    if (line.size() > 2 && line.starts_with("  ") && line[2] != ' ') {
      const std::string first = line.substr(2, line.find(' ', 2) - 2);
      if (in_commands) {
        commands.insert(first);
      } else if (first.starts_with("-")) {
        std::size_t from = 0;
        while (from <= first.size()) {
          const auto comma = first.find(',', from);
          options.insert(first.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
          if (comma == std::string::npos)
            break;
          from = comma + 1;
        }
      }
    }
  }
  return {options, commands};
}

} // namespace

TEST_SUITE("man")
{
  TEST_CASE("both pages are clean under mandoc -T lint and groff -man -ww" * doctest::test_suite("external"))
  {
    for (const char* page : {"backplan.1", "backplan-catalog.5"}) {
      CAPTURE(std::string(page));
      const std::string path = man_dir + "/" + page;
      if (test::shell("command -v mandoc >/dev/null").status == 0) {
        const auto lint = test::shell("mandoc -T lint -W style " + path + " 2>&1");
        CHECK(lint.out == "");
      } else {
        FAIL("mandoc is not installed (apt-get install mandoc)");
      }
      const auto groff = test::shell("groff -man -ww -z " + path + " 2>&1");
      CHECK(groff.status == 0);
      CHECK(groff.out == "");
    }
  }

  TEST_CASE("JSON FIELDS gives the plan's keys in its schema's order, and backplan.1 names every key of "
            "every schema")
  {
    std::string text = page_text("backplan.1");
    for (const std::string escape : {"\\%", "\\&"}) {
      for (auto at = text.find(escape); at != std::string::npos; at = text.find(escape, at)) {
        text.erase(at, escape.size());
      }
    }
    const auto start = text.find(".SS JSON FIELDS\n");
    REQUIRE(start != std::string::npos);
    const std::string section = text.substr(start, text.find("\n.SH ", start) - start);
    // The plan's keys: each a .TP entry of the section.
    std::vector<std::string> entries;
    const std::regex entry("\n\\.TP\n\\.B ([a-z_]+)\n");
    for (std::sregex_iterator it(section.begin(), section.end(), entry), end; it != end; ++it) {
      entries.push_back((*it)[1]);
    }
    const auto schema_of = [](const std::string& name) {
      return nlohmann::ordered_json::parse(test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/schema/" + name));
    };
    std::vector<std::string> plan_keys;
    const auto plan_schema = schema_of("plan.schema.json");
    for (const auto& [key, value] : plan_schema["properties"].items()) {
      plan_keys.push_back(key);
    }
    CHECK(entries == plan_keys);
    // Every key any schema names is somewhere in the page, as a word.
    std::set<std::string> keys;
    const std::function<void(const nlohmann::ordered_json&)> collect =
      [&](const nlohmann::ordered_json& node) {
        if (node.is_object()) {
          if (const auto properties = node.find("properties");
              properties != node.end() && properties->is_object()) {
            for (const auto& [key, value] : properties->items()) {
              keys.insert(key);
            }
          }
          for (const auto& [key, value] : node.items()) {
            collect(value);
          }
        } else if (node.is_array()) {
          for (const auto& value : node) {
            collect(value);
          }
        }
      };
    std::size_t schemas = 0;
    for (const auto& file :
         std::filesystem::directory_iterator(std::string(BACKPLAN_SOURCE_DIR) + "/schema")) {
      if (file.path().string().ends_with(".schema.json")) {
        collect(schema_of(file.path().filename().string()));
        ++schemas;
      }
    }
    CHECK(schemas == 7);
    CHECK(keys.size() > 100);
    for (const auto& key : keys) {
      CAPTURE(key);
      CHECK(std::regex_search(text, std::regex("(^|[^a-z_])" + key + "([^a-z_]|$)")));
    }
  }

  TEST_CASE("every command and every option the program defines is in backplan.1")
  {
    const std::string page = page_text("backplan.1");
    const auto [global_options, commands] = help_items({});
    REQUIRE(commands.size() >= 7);
    for (const auto& option : global_options) {
      CAPTURE(option);
      CHECK(page.find(option) != std::string::npos);
    }
    for (const auto& command : commands) {
      CAPTURE(command);
      CHECK(page.find(".SS backplan " + command) != std::string::npos);
      for (const auto& option : help_items({command}).first) {
        CAPTURE(option);
        // Short options stand as "-c" followed by a comma or a space.
        const bool found = option.starts_with("--")
                             ? std::regex_search(page, std::regex(option + "([^a-z-]|$)"))
                             : page.find(option + " ") != std::string::npos ||
                                 page.find(option + ",") != std::string::npos ||
                                 page.find(option + "\"") != std::string::npos;
        CHECK(found);
      }
    }
  }

  TEST_CASE("every joint of the figure model is in backplan-catalog.5 with its range")
  {
    const std::string page = page_text("backplan-catalog.5");
    for (const auto& joint : figure::joints()) {
      const auto side = joint.name.find('_');
      const std::string bare = joint.name.starts_with("left_") || joint.name.starts_with("right_")
                                 ? joint.name.substr(side + 1)
                                 : joint.name;
      CAPTURE(joint.name);
      const auto number = [](double n) {
        return (n < 0 ? "-" : "") + std::to_string(static_cast<int>(std::abs(n)));
      };
      CHECK(std::regex_search(page, std::regex("^\\.BR .*\\b" + bare + " \" \\(" + number(joint.min) +
                                                 " to " + number(joint.max) + "\\)",
                                               std::regex::multiline)));
    }
  }

  TEST_CASE("every key the loader knows is in backplan-catalog.5")
  {
    const std::string page = page_text("backplan-catalog.5");
    const auto keys = catalog::catalog_key_names();
    for (const auto& spec : catalog::exercise_keys) {
      REQUIRE(std::binary_search(keys.begin(), keys.end(), std::string(spec.name)));
    }
    for (const auto& key : keys) {
      CAPTURE(key);
      // A key is set in bold on a .B, .BR or .BI line.
      CHECK(std::regex_search(page, std::regex("^\\.B[IR]? .*\\b" + key + "\\b", std::regex::multiline)));
    }
  }
}
