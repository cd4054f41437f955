#include "backplan/render/render.hpp"
#include "backplan/safety/conditions.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace backplan;
using test::contains;
using test::run_backplan;

namespace {

using Words = std::vector<std::string>;

/// The first word of each non-empty line (shells put a description after a tab), sorted.
Words offered(const std::string& text)
{
  Words words;
  for (const auto& line : test::lines_of(text)) {
    if (!line.empty()) {
      words.push_back(line.substr(0, line.find('\t')));
    }
  }
  std::sort(words.begin(), words.end());
  return words;
}

Words sorted(Words words)
{
  std::sort(words.begin(), words.end());
  return words;
}

/// `text` single-quoted for bash and zsh.
std::string quoted(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

/// A line that puts the built backplan first on PATH.
std::string path_setup()
{
  return "export PATH=" + quoted(std::filesystem::path(BACKPLAN_EXE).parent_path().string()) + ":\"$PATH\"\n";
}

/// What `backplan completion SHELL` prints, in a file of its own named `name`.
std::string script_file(const std::string& shell, const std::string& name)
{
  const auto result = run_backplan({"completion", shell});
  REQUIRE(result.status == 0);
  const std::string dir = test::temp_dir();
  std::ofstream(dir + "/" + name) << result.out;
  return dir + "/" + name;
}

/// Whether `program` can be run, with a message saying how to install it.
bool have(const std::string& program)
{
  const bool found = test::shell("command -v " + program).status == 0;
  CHECK_MESSAGE(found, program << " is not installed: apt-get install " << program);
  return found;
}

/// What bash offers after `PROGRAM WORDS...`, the last word being the one
/// at the cursor: the bash script is sourced and its function called with
/// COMP_WORDS and COMP_CWORD set, as bash does on TAB (the command word as
/// typed, a ~ in it unexpanded). `setup` runs first.
Words bash_offers(const Words& words, const std::string& setup = "", const std::string& program = "backplan")
{
  static const std::string script = script_file("bash", "backplan");
  std::string command =
    path_setup() + setup + "\nsource " + quoted(script) + "\nCOMP_WORDS=(" + quoted(program);
  for (const auto& word : words) {
    command += " " + quoted(word);
  }
  command +=
    ")\nCOMP_CWORD=" + std::to_string(words.size()) + "\n_backplan\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
  const auto result = test::shell(command);
  REQUIRE(result.status == 0);
  return offered(result.out);
}

/// What fish offers for the command line `line` (`complete -C`).
Words fish_offers(const std::string& line)
{
  static const std::string script = script_file("fish", "backplan.fish");
  REQUIRE(line.find('\'') == std::string::npos);
  const auto result =
    test::shell(path_setup() + "fish -c " + quoted("source '" + script + "'; complete -C '" + line + "'"));
  REQUIRE(result.status == 0);
  return offered(result.out);
}

/// The candidates a shell printed for each of `count` lines typed in one
/// run, each line's closed by a line "--", each sorted; the word before any
/// tab of each.
std::vector<Words> batches(const std::string& printed, std::size_t count)
{
  std::vector<Words> out(1);
  for (const auto& line : test::lines_of(printed)) {
    if (line == "--") {
      std::sort(out.back().begin(), out.back().end());
      out.emplace_back();
    } else if (!line.empty()) {
      out.back().push_back(line.substr(0, line.find('\t')));
    }
  }
  out.pop_back();
  REQUIRE(out.size() == count);
  return out;
}

/// What fish offers for each of `lines`, in one fish; `setup` runs first.
std::vector<Words> fish_offers(const std::vector<std::string>& lines, const std::string& setup)
{
  static const std::string script = script_file("fish", "backplan.fish");
  std::string command =
    path_setup() + setup + "\nfish -c " +
    quoted("source '" + script + "'; for line in $argv; complete -C $line; echo -- --; end");
  for (const auto& line : lines) {
    command += " " + quoted(line);
  }
  const auto result = test::shell(command);
  REQUIRE(result.status == 0);
  return batches(result.out, lines.size());
}

/// Runs one interactive zsh in a pseudo-terminal with the script on its
/// fpath (as installed), and for each line after the first argument types
/// it and TAB, prints every candidate that completion adds, one a line, then
/// a line "--" and clears the line for the next. (The compadd hook is the
/// technique of zsh-capture-completion.)
const char* const zsh_capture = R"ZSH(
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1= ; fpath=(${(q)1} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'bindkey "^I" complete-word
null-line () { echo -E - $'"'"'\0'"'"' }
zstyle ":completion:*" list-grouped false
zstyle ":completion:*" insert-tab false
compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits
  builtin compadd -A __hits "$@"
  setopt localoptions norcexpandparam extendedglob
  typeset -A apre hpre
  zparseopts -E P:=apre p:=hpre
  local h
  for h in $__hits; do echo -E - "<$IPREFIX$apre[2]$hpre[2]$h>"; done
}'
local typed line
integer nulls
for typed in "${@[2,-1]}"; do
  # zsh empties these after each completion.
  zpty -w z 'compprefuncs=( null-line ); comppostfuncs=( null-line )'
  zpty -w -n z "$typed"$'\t'
  nulls=0
  while zpty -r z line; do
    [[ $line == *$'\0'* ]] && (( nulls++ ))
    (( nulls == 2 )) && break
    (( nulls == 1 )) && [[ $line == *'<'*'>'* ]] && print -r -- ${${line#*<}%>*}
  done
  print -r -- --
  zpty -w -n z $'\C-e\C-u'
done
zpty -d z
)ZSH";

/// What zsh offers for each of `lines`, in one zsh; `setup` runs first.
std::vector<Words> zsh_offers(const std::vector<std::string>& lines, const std::string& setup = "")
{
  static const std::string fpath = std::filesystem::path(script_file("zsh", "_backplan")).parent_path();
  const std::string capture = test::temp_dir() + "/capture.zsh";
  std::ofstream(capture) << zsh_capture;
  std::string command = path_setup() + setup + "\ntimeout 120 zsh " + quoted(capture) + " " + quoted(fpath);
  for (const auto& line : lines) {
    command += " " + quoted(line);
  }
  const auto result = test::shell(command);
  REQUIRE(result.status == 0);
  return batches(result.out, lines.size());
}

/// The options (each name: "-c", "--condition") and the commands that
/// `backplan [COMMAND] --help` lists: CLI11's own account of the command line.
struct Help {
  Words options;
  Words commands;
};

Help help_of(const Words& command)
{
  Words args = command;
  args.push_back("--help");
  const auto result = run_backplan(args);
  REQUIRE(result.status == 0);
  Help help;
  std::string section;
  for (const auto& line : test::lines_of(result.out)) {
    if (!line.empty() && line.back() == ':' && line.front() != ' ') {
      section = line;
    } else if (section != "Subcommands:" && line.starts_with("  -")) {
      std::string names = line.substr(2, line.find(' ', 2) - 2);
      for (std::size_t at = 0; at != std::string::npos;) {
        const auto comma = names.find(',', at);
        help.options.push_back(names.substr(at, comma == std::string::npos ? comma : comma - at));
        at = comma == std::string::npos ? comma : comma + 1;
      }
    } else if (section == "Subcommands:" && line.size() > 2 && line[2] != ' ') {
      help.commands.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return help;
}

Words builtin_ids_starting(const std::string& prefix)
{
  Words ids;
  for (const auto& id : test::builtin_catalog().exercise_ids()) {
    if (id.starts_with(prefix)) {
      ids.push_back(id);
    }
  }
  return sorted(ids);
}

/// The words of `words` that start with `prefix`, sorted.
Words starting(const Words& words, const std::string& prefix)
{
  Words out;
  for (const auto& word : words) {
    if (word.starts_with(prefix)) {
      out.push_back(word);
    }
  }
  return sorted(out);
}

/// What the next item of a comma list typed as `head` ("-c knee," gives
/// "knee,") may be: `head` and each of `names` but those of `taken`, sorted;
/// of condition names, none that names a condition taken (knees is knee).
Words next_items(const std::string& head, const Words& names, const Words& taken)
{
  const auto& conditions = test::builtin_catalog().conditions;
  const auto same_condition = [&](const std::string& a, const std::string& b) {
    const auto* first = conditions.resolve(a);
    return first != nullptr && first == conditions.resolve(b);
  };
  Words out;
  for (const auto& name : names) {
    const bool is_taken = std::any_of(taken.begin(), taken.end(), [&](const std::string& item) {
      return item == name || same_condition(item, name);
    });
    if (!is_taken) {
      out.push_back(head + name);
    }
  }
  return sorted(out);
}

/// Makes a HOME with bin/backplan, a link to the built backplan, and returns
/// the setup lines for the shell helpers that make it HOME and take the
/// built backplan's folder, which path_setup put first, off PATH again: only
/// a script that runs the backplan typed as ~/bin/backplan finds words.
std::string tilde_home_setup()
{
  const std::string home = test::temp_dir();
  std::filesystem::create_directories(home + "/bin");
  std::filesystem::create_symlink(std::filesystem::absolute(BACKPLAN_EXE), home + "/bin/backplan");
  return "export HOME=" + quoted(home) + "\nexport PATH=\"${PATH#*:}\"\n";
}

/// Every condition id and alias as a flag (--knee, --sciatica), sorted.
Words condition_flags()
{
  Words flags;
  for (const auto& name : safety::condition_names(test::builtin_catalog())) {
    flags.push_back("--" + name);
  }
  return sorted(flags);
}

/// What `backplan __complete WORDS...` offers.
Words asked(const Words& words, const std::map<std::string, std::string>& env = {})
{
  Words args = {"__complete"};
  args.insert(args.end(), words.begin(), words.end());
  const auto result = run_backplan(args, env);
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
  return offered(result.out);
}

/// The lines the ~ and comma-list tests type, in every shell that batches
/// its questions (zsh, fish): a backplan named with a ~, comma lists that
/// hold items already, and condition flags already on the line.
std::vector<std::string> tilde_and_list_lines()
{
  return {"~/bin/backplan plan --kn",        "~/bin/backplan show ",
          "~/bin/backplan plan -c ",         "~/bin/backplan plan -c knee,",
          "~/bin/backplan plan -c knee,kn",  "~/bin/backplan plan --condition=knee,sciatica,",
          "~/bin/backplan list -r neck,",    "~/bin/backplan plan -c knee -c ",
          "~/bin/backplan plan --knee --kn", "~/bin/backplan plan --hip-replacement=posterior --hip"};
}

/// What a shell must offer for each of tilde_and_list_lines().
void check_tilde_and_list_offers(const std::vector<Words>& offers)
{
  const auto& catalog = test::builtin_catalog();
  const Words names = safety::condition_names(catalog);
  REQUIRE(offers.size() == 10);
  CHECK(offers[0] == Words{"--knee", "--knee-pain", "--knees"});
  CHECK(offers[1] == sorted(catalog.exercise_ids()));
  CHECK(offers[2] == sorted(names));
  CHECK(offers[3] == next_items("knee,", names, {"knee"}));
  CHECK(offers[4] == Words{}); // knees and knee-pain are knee
  CHECK(offers[5] == next_items("--condition=knee,sciatica,", names, {"knee", "sciatica"}));
  CHECK(offers[6] == next_items("neck,", catalog.regions.ids(), {"neck"}));
  CHECK(offers[7] == sorted(names));
  CHECK(offers[8] == Words{"--knee-pain", "--knees"});
  Words hip = starting(condition_flags(), "--hip");
  REQUIRE(contains(hip, "--hip-replacement"));
  hip.erase(std::find(hip.begin(), hip.end(), "--hip-replacement"));
  CHECK(offers[9] == hip);
}

} // namespace

TEST_SUITE("cli::completion")
{
  TEST_CASE("completion prints the static script of completions/ for bash, zsh and fish")
  {
    const std::map<std::string, std::string> files = {
      {"bash", "backplan.bash"}, {"zsh", "_backplan"}, {"fish", "backplan.fish"}};
    for (const auto& [shell, file] : files) {
      CAPTURE(shell);
      const auto result = run_backplan({"completion", shell});
      CHECK(result.status == 0);
      CHECK(result.err.empty());
      CHECK(result.out == test::slurp(std::string(BACKPLAN_SOURCE_DIR) + "/completions/" + file));
      CHECK(result.out.find("__complete") != std::string::npos);
    }
    CHECK(run_backplan({"completion", "zsh"}).out.starts_with("#compdef backplan\n"));

    const auto tcsh = run_backplan({"completion", "tcsh"});
    CHECK(tcsh.status == 2);
    CHECK(tcsh.out.empty());
    CHECK(
      tcsh.err ==
      "backplan: error: SHELL: tcsh not in {bash,zsh,fish}\nRun 'backplan completion --help' for usage.\n");
  }

  TEST_CASE("completion -o writes the script to a file")
  {
    const std::string path = test::temp_dir() + "/backplan.fish";
    const auto result = run_backplan({"completion", "fish", "-o", path});
    CHECK(result.status == 0);
    CHECK(result.out.empty());
    CHECK(test::slurp(path) == run_backplan({"completion", "fish"}).out);
  }

  TEST_CASE("the bash script passes shellcheck" * doctest::test_suite("external"))
  {
    if (!have("shellcheck")) {
      return;
    }
    const auto result =
      test::shell("shellcheck -s bash " +
                  quoted(std::string(BACKPLAN_SOURCE_DIR) + "/completions/backplan.bash") + " 2>&1");
    CHECK(result.out == "");
    CHECK(result.status == 0);
  }

  TEST_CASE("__complete offers every command and every option of every command, from the live command tree")
  {
    const Help global = help_of({});
    REQUIRE(global.commands.size() >= 6);
    CHECK(asked({""}) == sorted(global.commands));
    CHECK_FALSE(contains(asked({""}), "__complete"));
    REQUIRE(contains(global.options, "--catalog"));
    CHECK(asked({"-"}) == sorted(global.options));
    for (const auto& command : global.commands) {
      CAPTURE(command);
      const Help help = help_of({command});
      REQUIRE(contains(help.options, "--help"));
      Words expected = help.options;
      expected.insert(expected.end(), global.options.begin(), global.options.end());
      if (command == "plan" || command == "profile" || command == "run" || command == "log" ||
          command == "today") {
        const Words flags = condition_flags();
        expected.insert(expected.end(), flags.begin(), flags.end());
      }
      Words unique = sorted(expected);
      unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
      Words offers = asked({command, "-"});
      offers.erase(std::unique(offers.begin(), offers.end()), offers.end());
      CHECK(offers == unique);
    }
  }

  TEST_CASE("after a condition flag, whose value comes only after '=', the next word is completed afresh")
  {
    CHECK(asked({"plan", "--knee", "-"}) == asked({"plan", "--explain", "-"}));
    CHECK(asked({"plan", "--hip-replacement", "-"}) == asked({"plan", "--explain", "-"}));
    CHECK_FALSE(asked({"plan", "--knee", "-"}).empty());
  }

  TEST_CASE("__complete offers the words of the catalog in use")
  {
    // Each subcase runs the test body again: every run of backplan is in one.
    SUBCASE("the built-in catalog's words")
    {
      const auto& catalog = test::builtin_catalog();
      CHECK(asked({"plan", "-c", ""}) == sorted(safety::condition_names(catalog)));
      const auto described = run_backplan({"__complete", "plan", "-c", ""}).out;
      CHECK(described.find("knee\tKnee problems\n") != std::string::npos);
      CHECK(described.find("sciatica\tPain radiating into the leg (radiating-leg-pain)\n") !=
            std::string::npos);
      CHECK(asked({"show", ""}) == sorted(catalog.exercise_ids()));
      CHECK(asked({"plan", "--goal", ""}) == sorted(catalog.goals.ids()));
      CHECK(asked({"list", "-r", ""}) == sorted(catalog.regions.ids()));
      CHECK(asked({"plan", "--level", ""}) == sorted(catalog.levels.ids()));
      CHECK(asked({"list", "--position", ""}) == sorted(catalog.positions.ids()));
      CHECK(asked({"plan", "-o", ""}) == Words{":files"});
      CHECK(asked({"plan", "--condition=kn"}) ==
            Words{"--condition=knee", "--condition=knee-pain", "--condition=knees"});
    }
    SUBCASE("with --no-builtin and --catalog")
    {
      const Words own = asked({"--no-builtin", "--catalog", test::data_path("completion"), "plan", "-c", ""});
      CHECK(contains(own, "osteoporosis"));
      CHECK_FALSE(contains(own, "sciatica"));
    }
    SUBCASE("quietly, from a catalog with errors")
    {
      CHECK(
        contains(asked({"--catalog", test::data_path("completion-broken"), "plan", "-c", ""}), "sciatica"));
    }
    SUBCASE("nothing after an unknown command") { CHECK(asked({"colours", ""}).empty()); }
  }

  TEST_CASE("bash completes commands, options and their values" * doctest::test_suite("external"))
  {
    CHECK(bash_offers({"pl"}) == Words{"plan"});
    CHECK(bash_offers({"co"}) == Words{"completion", "conditions"});
    CHECK(bash_offers({"plan", "--cond"}) == Words{"--condition"});
    CHECK(bash_offers({"plan", "--kn"}) == Words{"--knee", "--knee-pain", "--knees"});
    CHECK(bash_offers({"plan", "--sci"}) == Words{"--sciatica"});
    CHECK(bash_offers({"--c"}) == Words{"--catalog", "--color"});

    const Words conditions = bash_offers({"plan", "-c", ""});
    CHECK(conditions == sorted(safety::condition_names(test::builtin_catalog())));
    CHECK(contains(conditions, "sciatica"));
    CHECK(contains(conditions, "radiating-leg-pain"));
    CHECK(bash_offers({"plan", "-c", "knee,sc"}) == Words{"knee,sciatica"});
    CHECK(bash_offers({"plan", "--condition", "=", "sci"}) == Words{"sciatica"});
    CHECK(bash_offers({"list", "--condition", "=", "knee,sc"}) == Words{"knee,sciatica"});

    CHECK(bash_offers({"show", "knee"}) == builtin_ids_starting("knee"));
    CHECK(bash_offers({"show", "knee"}).size() >= 2);
    CHECK(contains(bash_offers({"show", "knee"}), "knee-to-chest"));
    CHECK(bash_offers({"show", "knee-to-chest", "--f"}) == Words{"--format"});

    CHECK(bash_offers({"plan", "-f", ""}) == sorted(render::plan_format_names()));
    CHECK(bash_offers({"plan", "--setting", ""}) == Words{"desk", "floor"});
    CHECK(bash_offers({"plan", "--level", ""}) == sorted(test::builtin_catalog().levels.ids()));
    CHECK(bash_offers({"plan", "-m", ""}).empty());
    CHECK(bash_offers({"--color", ""}) == Words{"always", "auto", "never"});
    CHECK(bash_offers({"completion", ""}) == Words{"bash", "fish", "zsh"});
    CHECK(bash_offers({"check", test::data_path("completion-b")}) ==
          Words{test::data_path("completion-broken")});
  }

  TEST_CASE("bash asks for words with the command line's catalog options" * doctest::test_suite("external"))
  {
    const std::string own_catalog = test::data_path("completion");
    SUBCASE("--no-builtin --catalog")
    {
      const Words own = bash_offers({"--no-builtin", "--catalog", own_catalog, "plan", "-c", ""});
      CHECK(contains(own, "osteoporosis"));
      CHECK(contains(own, "brittle-bones"));
      CHECK_FALSE(contains(own, "sciatica"));
      CHECK(bash_offers({"--no-builtin", "--catalog", own_catalog, "plan", "--osteo"}) ==
            Words{"--osteoporosis"});
    }
    SUBCASE("--catalog=PATH, and global options after the command")
    {
      CHECK(contains(bash_offers({"--catalog", "=", own_catalog, "plan", "-c", "osteo"}), "osteoporosis"));
      CHECK(contains(bash_offers({"plan", "--no-builtin", "--catalog", own_catalog, "-c", "osteo"}),
                     "osteoporosis"));
      CHECK(bash_offers({"--no-builtin", "plan", "-c", ""}).empty());
    }
    SUBCASE("the user's config-folder catalog")
    {
      const std::string home = test::temp_dir();
      std::filesystem::create_directories(home + "/backplan");
      std::filesystem::create_directory_symlink(own_catalog, home + "/backplan/catalog");
      const Words offers = bash_offers({"plan", "-c", ""}, "export XDG_CONFIG_HOME=" + quoted(home));
      CHECK(contains(offers, "osteoporosis"));
      CHECK(contains(offers, "sciatica"));
    }
  }

  TEST_CASE("bash runs the backplan typed with a ~, expanded, for its words" *
            doctest::test_suite("external"))
  {
    const std::string setup = tilde_home_setup();
    const auto& catalog = test::builtin_catalog();
    CHECK(bash_offers({"plan", "--kn"}, setup, "~/bin/backplan") ==
          Words{"--knee", "--knee-pain", "--knees"});
    CHECK(bash_offers({"show", ""}, setup, "~/bin/backplan") == sorted(catalog.exercise_ids()));
    CHECK(bash_offers({"plan", "-c", ""}, setup, "~/bin/backplan") ==
          sorted(safety::condition_names(catalog)));
    CHECK(bash_offers({"plan", "-c", "knee,"}, setup, "~/bin/backplan") ==
          next_items("knee,", safety::condition_names(catalog), {"knee"}));
  }

  TEST_CASE("bash leaves out the items a comma list holds and the condition flags the line holds" *
            doctest::test_suite("external"))
  {
    const auto& catalog = test::builtin_catalog();
    const Words names = safety::condition_names(catalog);
    CHECK(bash_offers({"plan", "-c", "knee,"}) == next_items("knee,", names, {"knee"}));
    CHECK(bash_offers({"plan", "-c", "knee,kn"}) == Words{}); // knees and knee-pain are knee
    CHECK(bash_offers({"plan", "-c", "Knee,kn"}) == Words{}); // in any case
    CHECK(bash_offers({"plan", "-c", "Knee,sc"}) == Words{"Knee,sciatica"});
    CHECK(bash_offers({"plan", "--condition", "=", "knee,sciatica,"}) ==
          next_items("knee,sciatica,", names, {"knee", "sciatica"}));
    // The program itself leaves out a condition the list holds, with its value.
    CHECK_FALSE(contains(asked({"plan", "-c", "total-hip-replacement=posterior,total"}),
                         "total-hip-replacement=posterior,total-hip-replacement"));
    CHECK(bash_offers({"plan", "-c", "total-hip-replacement=posterior,total"}).empty());
    CHECK(bash_offers({"list", "-r", "neck,"}) == next_items("neck,", catalog.regions.ids(), {"neck"}));
    CHECK(bash_offers({"plan", "-g", "mobility,"}) ==
          next_items("mobility,", catalog.goals.ids(), {"mobility"}));
    // Another -c starts a list of its own; -c and --condition may come again.
    CHECK(bash_offers({"plan", "-c", "knee", "-c", ""}) == sorted(names));
    CHECK(bash_offers({"plan", "-c", "knee", "--cond"}) == Words{"--condition"});

    CHECK(bash_offers({"plan", "--knee", "--kn"}) == Words{"--knee-pain", "--knees"});
    Words hip = starting(condition_flags(), "--hip");
    REQUIRE(contains(hip, "--hip-replacement"));
    hip.erase(std::find(hip.begin(), hip.end(), "--hip-replacement"));
    CHECK(bash_offers({"plan", "--hip-replacement", "=", "posterior", "--hip"}) == hip);
    CHECK(bash_offers({"plan", "--hip-replacement", "--hip"}) == hip);
  }

  TEST_CASE("zsh loads the script and completes with it" * doctest::test_suite("external"))
  {
    if (!have("zsh")) {
      return;
    }
    const std::string script = script_file("zsh", "_backplan");
    const auto loaded = test::shell(
      "zsh -f -c " +
      quoted("autoload -U compinit; compinit -u -D; source " + quoted(script) + " && whence -w _backplan") +
      " 2>&1");
    CHECK(loaded.status == 0);
    CHECK(loaded.out == "_backplan: function\n");

    const std::string own = "backplan --no-builtin --catalog " + test::data_path("completion");
    const auto offers = zsh_offers({"backplan pl", "backplan plan --cond", "backplan plan --kn",
                                    "backplan plan -c ", "backplan plan -c knee,sc", "backplan show knee",
                                    "backplan plan -f ", own + " plan -c ", own + " plan --osteo"});
    CHECK(offers[0] == Words{"plan"});
    CHECK(offers[1] == Words{"--condition"});
    CHECK(offers[2] == Words{"--knee", "--knee-pain", "--knees"});
    CHECK(offers[3] == sorted(safety::condition_names(test::builtin_catalog())));
    CHECK(offers[4] == Words{"knee,sciatica"});
    CHECK(offers[5] == builtin_ids_starting("knee"));
    CHECK(offers[6] == sorted(render::plan_format_names()));
    CHECK(contains(offers[7], "osteoporosis"));
    CHECK(offers[8] == Words{"--osteoporosis"});
  }

  TEST_CASE("fish loads the script and completes with it" * doctest::test_suite("external"))
  {
    if (!have("fish")) {
      return;
    }
    const std::string script = script_file("fish", "backplan.fish");
    const auto loaded = test::shell("fish -c " + quoted("source '" + script + "'") + " 2>&1");
    CHECK(loaded.status == 0);
    CHECK(loaded.out.empty());

    CHECK(fish_offers("backplan pl") == Words{"plan"});
    CHECK(fish_offers("backplan plan --cond") == Words{"--condition"});
    CHECK(fish_offers("backplan plan --kn") == Words{"--knee", "--knee-pain", "--knees"});
    CHECK(fish_offers("backplan plan -c ") == sorted(safety::condition_names(test::builtin_catalog())));
    CHECK(fish_offers("backplan plan -c knee,sc") == Words{"knee,sciatica"});
    CHECK(fish_offers("backplan show knee") == builtin_ids_starting("knee"));
    CHECK(fish_offers("backplan plan -f ") == sorted(render::plan_format_names()));
    const std::string own = "backplan --no-builtin --catalog " + test::data_path("completion");
    CHECK(contains(fish_offers(own + " plan -c "), "osteoporosis"));
    CHECK(fish_offers(own + " plan --osteo") == Words{"--osteoporosis"});
  }

  TEST_CASE("zsh runs the backplan typed with a ~ and leaves out what a comma list or the line holds" *
            doctest::test_suite("external"))
  {
    if (!have("zsh")) {
      return;
    }
    check_tilde_and_list_offers(zsh_offers(tilde_and_list_lines(), tilde_home_setup()));
  }

  TEST_CASE("fish runs the backplan typed with a ~ and leaves out what a comma list or the line holds" *
            doctest::test_suite("external"))
  {
    if (!have("fish")) {
      return;
    }
    check_tilde_and_list_offers(fish_offers(tilde_and_list_lines(), tilde_home_setup()));
  }
}
