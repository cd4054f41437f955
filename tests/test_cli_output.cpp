#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace backplan;
using test::run_backplan;

namespace {

std::vector<std::string> listing(const std::string& dir)
{
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

} // namespace

TEST_SUITE("cli::output")
{
  TEST_CASE("-o writes the same bytes as stdout, atomically")
  {
    const std::string dir = test::temp_dir();
    const std::string target = dir + "/plan.txt";
    const auto to_stdout = run_backplan({"plan", "-m", "10", "--width", "80"});
    const auto to_file = run_backplan({"plan", "-m", "10", "-o", target});
    CHECK(to_file.status == 0);
    CHECK(to_file.out.empty());
    CHECK(test::slurp(target) == to_stdout.out);
    CHECK(listing(dir) == std::vector<std::string>{"plan.txt"});
    const auto dash = run_backplan({"plan", "-m", "10", "--width", "80", "-o", "-"});
    CHECK(dash.out == to_stdout.out);
  }

  TEST_CASE("-o onto a named pipe or a device writes into it and leaves it what it was")
  {
    // A rename over /dev/null would make it a regular file for every program.
    const std::string dir = test::temp_dir();
    const auto to_stdout = run_backplan({"plan", "-m", "10", "--width", "80"});
    const auto piped = test::shell("cd " + dir + " && mkfifo pipe && { timeout 10 cat pipe > got & } && " +
                                   std::string(BACKPLAN_EXE) + " plan -m 10 -o pipe && wait && test -p pipe");
    CHECK(piped.status == 0);
    CHECK(test::slurp(dir + "/got") == to_stdout.out);
    CHECK(listing(dir) == std::vector<std::string>{"got", "pipe"});
  }

  TEST_CASE("a failed -o leaves the previous file untouched and no temporary file")
  {
    const std::string dir = test::temp_dir();
    const std::string target = dir + "/plan.txt";
    std::ofstream(target) << "previous\n";
    SUBCASE("no safe plan")
    {
      const auto r = run_backplan({"plan", "--setting", "desk", "-r", "hamstrings", "-o", target});
      CHECK(r.status == 4);
    }
    SUBCASE("usage error")
    {
      const auto r = run_backplan({"plan", "-c", "nope", "-o", target});
      CHECK(r.status == 2);
    }
    SUBCASE("folder not writable")
    {
      if (::geteuid() == 0) {
        // root writes anywhere; a read-only bind is not available here, so
        // use a path below a regular file instead, which fails for everyone.
        const auto r = run_backplan({"plan", "-o", target + "/inside.txt"});
        CHECK(r.status == 1);
        CHECK(r.err.starts_with("backplan: error: cannot write " + target + "/inside.txt: "));
      } else {
        ::chmod(dir.c_str(), 0555);
        const auto r = run_backplan({"plan", "-o", dir + "/new.txt"});
        ::chmod(dir.c_str(), 0755);
        CHECK(r.status == 1);
        CHECK(r.err == "backplan: error: cannot write " + dir + "/new.txt: Permission denied\n");
      }
    }
    CHECK(test::slurp(target) == "previous\n");
    CHECK(listing(dir) == std::vector<std::string>{"plan.txt"});
  }

  TEST_CASE("-o into a missing folder or onto a folder exits 1 naming the file and the reason")
  {
    const std::string dir = test::temp_dir();
    const auto missing = run_backplan({"plan", "-o", dir + "/no/such/plan.txt"});
    CHECK(missing.status == 1);
    CHECK(missing.out.empty());
    CHECK(missing.err ==
          "backplan: error: cannot write " + dir + "/no/such/plan.txt: No such file or directory\n");
    const auto folder = run_backplan({"plan", "-o", dir});
    CHECK(folder.status == 1);
    CHECK(folder.err == "backplan: error: cannot write " + dir + ": it is a directory\n");
    CHECK(listing(dir).empty());
  }

  TEST_CASE("a full disk on -o or stdout exits 1 with a message")
  {
    const auto full = test::shell(std::string(BACKPLAN_EXE) + " plan 2>&1 >/dev/full");
    CHECK(full.status == 1);
    CHECK(full.out == "backplan: error: cannot write to standard output: No space left on device\n");
  }

  TEST_CASE("a closed pipe ends the program quietly")
  {
    const std::string exe = BACKPLAN_EXE;
    const auto r =
      test::shell("set -o pipefail; " + exe + " plan -m 60 --explain 2>&1 | head -c 1; echo \" status=$?\"");
    CHECK(r.out == "A status=0\n");
    // The reader is gone before the first write: the write fails with EPIPE.
    for (const char* command : {" plan -m 60", " list", " show bridge", " conditions"}) {
      const auto gone =
        test::shell("exec 3>&1; { sleep 0.2; " + exe + command + "; echo \"status=$?\" >&3; } 2>&3 | true");
      CAPTURE(std::string(command));
      CHECK(gone.out == "status=0\n");
    }
  }

  TEST_CASE("colour only on request or on a terminal, never with NO_COLOR or to a pipe")
  {
    const auto plain = run_backplan({"plan"});
    CHECK(plain.out.find('\033') == std::string::npos);
    const auto always = run_backplan({"--color", "always", "plan"});
    CHECK(always.out.find("\033[1m") != std::string::npos);
    const auto never = run_backplan({"--color", "never", "plan"});
    CHECK(never.out == plain.out);
    // `script` gives the program a terminal; auto colours there unless
    // NO_COLOR is set or TERM is dumb.
    if (test::shell("command -v script >/dev/null").status == 0) {
      const std::string exe = BACKPLAN_EXE;
      const auto tty = test::shell("TERM=xterm script -qec '" + exe + " plan -m 5' /dev/null");
      CHECK(tty.out.find("\033[1m") != std::string::npos);
      const auto no_color =
        test::shell("TERM=xterm NO_COLOR=1 script -qec '" + exe + " plan -m 5' /dev/null");
      CHECK(no_color.out.find("\033[") == std::string::npos);
      const auto dumb = test::shell("TERM=dumb script -qec '" + exe + " plan -m 5' /dev/null");
      CHECK(dumb.out.find("\033[") == std::string::npos);
    }
  }

  TEST_CASE("-f pdf refuses a terminal with exit 2 and nothing left behind, a pipe or a file gets the PDF")
  {
    // `script` gives the program a terminal for stdout and stderr (which
    // turns each newline into CR LF). TMPDIR is where groff's input would go.
    REQUIRE(test::shell("command -v script >/dev/null").status == 0);
    const std::string dir = test::temp_dir();
    std::filesystem::create_directories(dir + "/work");
    std::filesystem::create_directories(dir + "/tmp");
    const std::string exe = BACKPLAN_EXE;
    const std::string in_terminal = "cd '" + dir + "/work' && HOME='" + dir + "' XDG_CONFIG_HOME='" + dir +
                                    "/config' XDG_CACHE_HOME='" + dir + "/cache' TMPDIR='" + dir +
                                    "/tmp' script -qec ";
    for (const char* command : {" plan -f pdf", " plan -f pdf -o -", " plan --knee -m 15 -f pdf"}) {
      CAPTURE(std::string(command));
      const auto refused = test::shell(in_terminal + "'" + exe + command + "' /dev/null; echo \"status=$?\"");
      CHECK(refused.out ==
            "backplan: error: -f pdf writes binary; use -o FILE.pdf or redirect the output\r\nstatus=2\n");
      CHECK(listing(dir + "/work").empty());
      CHECK(listing(dir + "/tmp").empty());
    }
    // With the terminal still there, a pipe and a redirection take the PDF.
    const auto piped = test::shell(in_terminal + "'" + exe + " plan -f pdf | head -c 5; " + exe +
                                   " plan -f pdf >plan.pdf' /dev/null; echo \" status=$?\"");
    CHECK(piped.out == "%PDF- status=0\n");
    CHECK(listing(dir + "/work") == std::vector<std::string>{"plan.pdf"});
    CHECK(test::slurp(dir + "/work/plan.pdf").starts_with("%PDF-"));
    CHECK(listing(dir + "/tmp").empty());
  }

  TEST_CASE("text wraps to --width")
  {
    for (const char* width : {"40", "72", "120"}) {
      const auto r = run_backplan({"plan", "-m", "15", "--width", width});
      std::size_t start = 0;
      while (start < r.out.size()) {
        const auto end = r.out.find('\n', start);
        const std::string line = r.out.substr(start, end - start);
        CAPTURE(line);
        // Display columns: count code points, not bytes.
        std::size_t columns = 0;
        for (const char c : line) {
          columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
        }
        CHECK(columns <= static_cast<std::size_t>(std::stoi(width)));
        start = end + 1;
      }
    }
  }
}

TEST_SUITE("cli::output")
{
  TEST_CASE("-f takes any case and md, txt, ms; -o never writes a file its extension misnames")
  {
    CHECK(run_backplan({"plan", "-f", "MD"}).out == run_backplan({"plan", "-f", "markdown"}).out);
    CHECK(run_backplan({"plan", "-f", "JSON"}).out == run_backplan({"plan", "-f", "json"}).out);
    CHECK(run_backplan({"plan", "-f", "txt"}).out == run_backplan({"plan"}).out);
    const std::string folder = test::temp_dir();
    for (const char* name : {"plan.docx", "plan.ics"}) {
      CAPTURE(name);
      const std::string path = folder + "/" + name;
      const auto refused = run_backplan({"plan", "-o", path});
      CHECK(refused.status == 2);
      CHECK(
        refused.err.starts_with(fmt::format("backplan: error: -o {}: backplan does not write {} files; use "
                                            ".md, .html, .pdf, .json, .csv, .ms, .roff or .txt, or give -f "
                                            "FORMAT\n",
                                            path, std::filesystem::path(name).extension().string())));
      CHECK_FALSE(std::filesystem::exists(path));
    }
    const auto mismatch = run_backplan({"plan", "-f", "html", "-o", folder + "/plan.pdf"});
    CHECK(mismatch.status == 2);
    CHECK(mismatch.err.starts_with(
      "backplan: error: -f html does not match -o " + folder +
      "/plan.pdf, whose extension names pdf: change the extension, or leave out -f\n"));
    CHECK_FALSE(std::filesystem::exists(folder + "/plan.pdf"));
    // An extension backplan does not know, with -f, is the user's choice.
    CHECK(run_backplan({"plan", "-f", "text", "-o", folder + "/plan.log"}).status == 0);
    CHECK(std::filesystem::exists(folder + "/plan.log"));
  }
}
