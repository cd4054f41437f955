#include "catalog/loader.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

using namespace backplan;
namespace fs = std::filesystem;

TEST_SUITE("catalog::layers")
{
  TEST_CASE("a folder's files are listed in path order, folder by folder, with their relative paths")
  {
    // Names where ordering whole strings and ordering path elements differ:
    // '-', ' ' and '.' sort before '/', so "a-b.yaml" precedes "a/x.yaml" as
    // a string but follows it as a path.
    const std::string root = test::temp_dir() + "/catalog";
    const std::vector<std::string> names = {"a-b.yaml", "a/x.yaml", "a b.yaml", "a.yaml",        "a/b/c.yaml",
                                            "a/b.yml",  "ab.yaml",  "A.yaml",   "a/.yaml/z.yaml"};
    for (const auto& name : names) {
      fs::create_directories(fs::path(root + "/" + name).parent_path());
      std::ofstream(root + "/" + name) << "id: x\n";
    }
    std::vector<fs::path> expected;
    for (const auto& name : names) {
      expected.push_back(fs::path(root) / name);
    }
    std::sort(expected.begin(), expected.end());

    const catalog::Layer layer = catalog::list_layer(root);
    CHECK(layer.errors.empty());
    REQUIRE(layer.files.size() == expected.size());
    REQUIRE(layer.listed.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CAPTURE(i);
      CHECK(layer.files[i].name == expected[i].string());
      CHECK(layer.listed[i].relative == expected[i].lexically_relative(root).string());
      CHECK(layer.listed[i].stamps.has_value());
    }
  }

  TEST_CASE("a folder's walk takes YAML files, and links to them, but not a link to a folder or other names")
  {
    // As std::filesystem's walk did: a link to a folder is not followed, even
    // when its name ends in .yaml, and a broken link named .yaml is listed,
    // to be reported when it is read.
    const std::string root = test::temp_dir() + "/catalog";
    const std::string elsewhere = test::temp_dir() + "/elsewhere";
    fs::create_directories(root + "/sub");
    fs::create_directories(elsewhere);
    std::ofstream(elsewhere + "/far.yaml") << "id: far\n";
    std::ofstream(root + "/sub/one.yaml") << "id: one\n";
    std::ofstream(root + "/notes.txt") << "not a catalog file\n";
    std::ofstream(root + "/.hidden.yaml") << "id: hidden\n";
    fs::create_symlink(elsewhere, root + "/folder-link.yaml");
    fs::create_symlink(elsewhere, root + "/folder-link");
    fs::create_symlink(elsewhere + "/far.yaml", root + "/file-link.yaml");
    fs::create_symlink(root + "/missing.yaml", root + "/broken.yaml");

    const catalog::Layer layer = catalog::list_layer(root);
    CHECK(layer.errors.empty());
    std::vector<std::string> relative;
    for (const auto& listed : layer.listed) {
      relative.push_back(listed.relative);
    }
    CHECK(relative ==
          std::vector<std::string>{".hidden.yaml", "broken.yaml", "file-link.yaml", "sub/one.yaml"});
  }
}
