#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <vector>

using namespace backplan;

TEST_SUITE("install")
{
  TEST_CASE("cmake --install puts the program, man pages, completions and docs in place")
  {
    const std::string root = test::temp_dir();
    const auto installed = test::shell("DESTDIR='" + root + "' '" BACKPLAN_CMAKE "' --install '" +
                                       BACKPLAN_BINARY_DIR "' --prefix /usr >/dev/null 2>&1");
    REQUIRE(installed.status == 0);

    const std::string program = root + "/usr/bin/backplan";
    CHECK(::access(program.c_str(), X_OK) == 0);
    const auto version = test::shell("'" + program + "' --version");
    CHECK(version.status == 0);
    CHECK(version.out == "backplan " BACKPLAN_VERSION "\n");

    const std::string source = BACKPLAN_SOURCE_DIR;
    const std::vector<std::pair<std::string, std::string>> copies = {
      {"/usr/share/man/man1/backplan.1", source + "/man/backplan.1"},
      {"/usr/share/man/man5/backplan-catalog.5", source + "/man/backplan-catalog.5"},
      {"/usr/share/doc/backplan/README.md", source + "/README.md"},
      {"/usr/share/doc/backplan/LICENSE", source + "/LICENSE"},
    };
    for (const auto& [path, original] : copies) {
      CAPTURE(path);
      REQUIRE(std::filesystem::is_regular_file(root + path));
      CHECK(test::slurp(root + path) == test::slurp(original));
    }

    // The completions are the static scripts, which the program prints too.
    const std::vector<std::pair<std::string, std::string>> completions = {
      {"/usr/share/bash-completion/completions/backplan", "bash"},
      {"/usr/share/zsh/vendor-completions/_backplan", "zsh"},
      {"/usr/share/fish/vendor_completions.d/backplan.fish", "fish"},
    };
    for (const auto& [path, shell] : completions) {
      CAPTURE(path);
      REQUIRE(std::filesystem::is_regular_file(root + path));
      CHECK(test::slurp(root + path) == test::run_backplan({"completion", shell}).out);
    }

    // The installed bash completion works with the installed program.
    const auto offered = test::shell("export PATH='" + root +
                                     "/usr/bin':\"$PATH\"\n"
                                     "source '" +
                                     root + completions[0].first +
                                     "'\n"
                                     "COMP_WORDS=(backplan plan -c sci)\nCOMP_CWORD=3\n_backplan\n"
                                     "printf '%s\\n' \"${COMPREPLY[@]}\"\n");
    CHECK(offered.out == "sciatica\n");
  }
}
