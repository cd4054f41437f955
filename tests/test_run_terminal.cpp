// The full screen of `backplan run`, driven in tmux as a person would: keys
// in with send-keys, the screen out with capture-pane.
#include "support.hpp"

#include <cctype>
#include <chrono>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>
#include <unistd.h>

using namespace backplan;
using test::run_backplan;

namespace {

std::string quoted(const std::string& text)
{
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

/// Runs the program after its arguments as a shell runs a job, but says how
/// it ended, which a shell shows alike (as 128 + N): "EXIT=N" when it
/// exited, "SIGNAL=N" when a signal ended it. It notes `stty -g` before and
/// after the run, and the program's process id, in the folder given first.
/// As a shell waiting for a job, it ignores Ctrl-C and Ctrl-\ itself; on
/// Ctrl-Z it waits for the program to stop (once it has given the terminal
/// back) before it stops too, so that the shell takes the terminal only then.
constexpr const char* wrapper = R"(use POSIX qw(:sys_wait_h);
my $dir = shift @ARGV;
system("stty -g >$dir/before");
my $pid = fork();
if ($pid == 0) { exec { $ARGV[0] } @ARGV; exit 127; }
$SIG{INT} = $SIG{QUIT} = $SIG{TSTP} = 'IGNORE';
open(my $file, '>', "$dir/pid.new"); print $file $pid; close($file); rename("$dir/pid.new", "$dir/pid");
while (1) {
  waitpid($pid, WUNTRACED);
  last unless WIFSTOPPED(${^CHILD_ERROR_NATIVE});
  kill('STOP', $$);
}
my $status = $?;
system("stty -g >$dir/after");
print(($status & 127) ? "SIGNAL=" . ($status & 127) : "EXIT=" . ($status >> 8), "\n");
)";

/// A tmux server of its own, with one window of the given size running bash.
class Tmux
{
public:
  Tmux(int columns, int rows)
      : m_socket(fmt::format("backplan-test-{}-{}", ::getpid(), ++s_count)), m_dir(test::temp_dir())
  {
    REQUIRE(test::shell("command -v tmux >/dev/null && command -v perl >/dev/null").status == 0);
    std::ofstream(m_dir + "/wrap.pl") << wrapper;
    REQUIRE(tmux(fmt::format(
                   "new-session -d -s run -x {} -y {} 'env -u NO_COLOR TERM=screen bash --norc --noprofile'",
                   columns, rows))
              .status == 0);
  }
  ~Tmux() { tmux("kill-server"); }
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;

  /// Runs backplan with `args` in the window, through the wrapper above; no
  /// core file is written (SIGQUIT).
  void start(const std::string& args, const std::string& more_env = "")
  {
    const std::string env =
      fmt::format("HOME={0} XDG_CONFIG_HOME={0}/config XDG_CACHE_HOME={0}/cache {1}", m_dir, more_env);
    const std::string line = fmt::format("ulimit -c 0; env {1} perl {0}/wrap.pl {0} {2} {3}", m_dir, env,
                                         quoted(BACKPLAN_EXE), args);
    keys(quoted(line) + " Enter");
  }

  void keys(const std::string& keys) { tmux("send-keys -t run " + keys); }

  /// The HOME the runs of this window have.
  const std::string& home() const { return m_dir; }

  std::string screen() { return tmux("capture-pane -p -t run").out; }

  /// The screen with its colours and attributes as escape sequences.
  std::string screen_with_escapes() { return tmux("capture-pane -e -p -t run").out; }

  /// A tmux format of the window, such as "#{alternate_on}".
  std::string pane(const std::string& format)
  {
    const auto out = tmux("display-message -p -t run '" + format + "'").out;
    return out.substr(0, out.find('\n'));
  }

  /// Whether the window shows the alternate screen, with the cursor hidden.
  bool full_screen() { return pane("#{alternate_on}#{cursor_flag}") == "10"; }

  /// Whether the window shows the main screen and the cursor.
  bool main_screen() { return pane("#{alternate_on}#{cursor_flag}") == "01"; }

  /// Sends `signal` to the running backplan (not to the shell or the wrapper).
  void signal(const std::string& signal)
  {
    for (int i = 0; i < 400 && !std::filesystem::exists(m_dir + "/pid"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(test::shell(fmt::format("kill -{} $(cat '{}/pid')", signal, m_dir)).status == 0);
  }

  /// The screen once `ready` holds for it; fails after twenty seconds (a
  /// loaded machine running the sanitizer build may take several).
  std::string wait_for(const std::function<bool(const std::string&)>& ready)
  {
    std::string text;
    for (int i = 0; i < 400; ++i) {
      text = screen();
      if (ready(text)) {
        return text;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the screen never showed what was expected:\n" << text);
    return text;
  }

  std::string wait_for(const std::string& part)
  {
    return wait_for([&](const std::string& text) { return text.find(part) != std::string::npos; });
  }

  /// The screen once the wrapper has said how the run ended: "EXIT=" or
  /// "SIGNAL=" and a digit at the start of a line.
  std::string wait_for_exit()
  {
    return wait_for([](const std::string& text) {
      for (const char* mark : {"\nEXIT=", "\nSIGNAL="}) {
        const std::size_t at = text.find(mark);
        const std::size_t digit = at + std::string_view(mark).size();
        if (at != std::string::npos && digit < text.size() &&
            std::isdigit(static_cast<unsigned char>(text[digit])) != 0) {
          return true;
        }
      }
      return false;
    });
  }

  /// Whether the terminal modes after the run are those before it.
  bool modes_restored() const
  {
    const auto before = test::slurp(m_dir + "/before");
    return !before.empty() && before == test::slurp(m_dir + "/after");
  }

  /// The terminal modes now, as `stty -g` in the window's shell prints them,
  /// beside those before the run: whether they are the same.
  bool modes_now_as_before()
  {
    keys(quoted(fmt::format("stty -g >{0}/now.new && mv {0}/now.new {0}/now", m_dir)) + " Enter");
    for (int i = 0; i < 400 && !std::filesystem::exists(m_dir + "/now"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto before = test::slurp(m_dir + "/before");
    return !before.empty() && before == test::slurp(m_dir + "/now");
  }

private:
  test::RunResult tmux(const std::string& command)
  {
    return test::shell("tmux -L " + m_socket + " " + command);
  }

  static inline int s_count = 0;
  std::string m_socket;
  std::string m_dir;
};

/// The names of the first exercises of the plan `backplan plan ARGS` makes.
std::vector<std::string> names(const std::vector<std::string>& args)
{
  std::vector<std::string> full = {"plan", "-f", "json"};
  full.insert(full.end(), args.begin(), args.end());
  const auto result = run_backplan(full);
  REQUIRE(result.status == 0);
  std::vector<std::string> out;
  const auto plan = nlohmann::json::parse(result.out);
  for (const auto& item : plan["items"]) {
    out.push_back(item["name"].get<std::string>());
  }
  REQUIRE(out.size() >= 2);
  return out;
}

} // namespace

TEST_SUITE("run::terminal")
{
  TEST_CASE("the full screen: countdown, pause, next, quit with a summary, terminal given back")
  {
    const auto exercises = names({"-m", "10"});
    Tmux tmux(80, 24);
    tmux.start("run -m 10 --no-log");
    const auto first = tmux.wait_for(fmt::format("1/{}  {}", exercises.size(), exercises[0]));
    CHECK(first.find("█") != std::string::npos); // the large countdown
    CHECK(first.find(" left") != std::string::npos);
    CHECK(first.find("Next: " + exercises[1]) != std::string::npos);

    tmux.keys("Space");
    const auto paused = tmux.wait_for("PAUSED");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(tmux.screen() == paused);
    tmux.keys("Space");
    tmux.wait_for([](const std::string& text) { return text.find("PAUSED") == std::string::npos; });

    tmux.keys("n");
    tmux.wait_for(fmt::format("2/{}  {}", exercises.size(), exercises[1]));
    tmux.keys("q");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=5") != std::string::npos); // quit before the end
    CHECK(end.find(fmt::format("Stopped: 0 of {} exercises done, 1 skipped", exercises.size())) !=
          std::string::npos);
    CHECK(tmux.modes_restored());
  }

  TEST_CASE("NO_COLOR keeps the full screen, without colour, with the pose drawn; q ends it with status 5")
  {
    const auto exercises = names({"-m", "5"});
    Tmux tmux(80, 24);
    tmux.start("run -m 5 --no-log", "NO_COLOR=1");
    const auto first = tmux.wait_for(fmt::format("1/{}  {}", exercises.size(), exercises[0]));
    CHECK(tmux.full_screen());
    CHECK(first.find("GET INTO POSITION") != std::string::npos);
    CHECK(first.find("\u2800") != std::string::npos);                      // the figure's rows of braille
    CHECK(tmux.screen_with_escapes().find("\x1b[3") == std::string::npos); // no foreground colour
    CHECK(tmux.screen_with_escapes().find("\x1b[1;3") == std::string::npos);
    tmux.keys("q");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=5") != std::string::npos);
    CHECK(tmux.modes_restored());
  }

  TEST_CASE("Ctrl-C in a 40x12 window gives the terminal back, then the run dies of SIGINT")
  {
    const auto exercises = names({"-m", "5", "--knee"});
    Tmux tmux(40, 12);
    tmux.start("run -m 5 --knee");
    const auto first = tmux.wait_for(fmt::format("1/{}  {}", exercises.size(), exercises[0]).substr(0, 40));
    CHECK(first.find(" left") != std::string::npos);
    CHECK(tmux.full_screen());
    tmux.keys("C-c");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("SIGNAL=2") != std::string::npos);
    CHECK(end.find("Stopped: 0 of") != std::string::npos);
    CHECK(tmux.modes_restored());
    CHECK(tmux.main_screen());
  }

  TEST_CASE("Ctrl-backslash (SIGQUIT), SIGTERM and SIGHUP each give the terminal back, then the run dies of "
            "that signal")
  {
    struct Ending {
      std::string name;
      std::function<void(Tmux&)> send;
      int signal;
    };
    const std::vector<Ending> endings = {
      {"Ctrl-\\", [](Tmux& tmux) { tmux.keys("'C-\\'"); }, 3},
      {"SIGTERM", [](Tmux& tmux) { tmux.signal("TERM"); }, 15},
      {"SIGHUP", [](Tmux& tmux) { tmux.signal("HUP"); }, 1},
    };
    for (const auto& ending : endings) {
      CAPTURE(ending.name);
      Tmux tmux(60, 16);
      tmux.start("run -m 5 --no-log");
      tmux.wait_for(" left");
      CHECK(tmux.full_screen());
      ending.send(tmux);
      const auto end = tmux.wait_for_exit();
      CHECK(end.find(fmt::format("SIGNAL={}\n", ending.signal)) != std::string::npos);
      CHECK(end.find("Stopped: 0 of") != std::string::npos);
      CHECK(tmux.modes_restored());
      CHECK(tmux.main_screen());
    }
  }

  TEST_CASE("Ctrl-Z gives the terminal back to the shell, and fg brings the run back, paused")
  {
    Tmux tmux(60, 16);
    tmux.start("run -m 5 --no-log");
    tmux.wait_for(" left");
    tmux.keys("C-z");
    tmux.wait_for("Stopped  ");
    CHECK(tmux.main_screen());
    CHECK(tmux.modes_now_as_before());
    tmux.keys("fg Enter");
    tmux.wait_for("PAUSED");
    CHECK(tmux.full_screen());
    tmux.keys("q");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=5\n") != std::string::npos);
    CHECK(end.find("Stopped: 0 of") != std::string::npos);
    CHECK(tmux.modes_restored());
    CHECK(tmux.main_screen());
  }

  TEST_CASE("at the end of a run, the summary, then a question for pain and one for effort, each skippable; "
            "the session is recorded")
  {
    Tmux tmux(60, 16);
    tmux.start("run -m 1 --speed 100");
    tmux.wait_for("Pain during the session, 0 (none) to 10 (Enter to skip):");
    tmux.keys("11 Enter");
    tmux.wait_for("  a whole number from 0 to 10, or Enter to skip");
    tmux.keys("3 Enter");
    tmux.wait_for("How hard was it, 0 (rest) to 10 (maximal) (Enter to skip):");
    tmux.keys("Enter");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=0") != std::string::npos);
    CHECK(end.find("Finished: ") != std::string::npos);
    CHECK(tmux.modes_restored());
    const auto history = test::run_backplan({"history", "-f", "csv"}, {{"HOME", tmux.home()}});
    const auto rows = test::lines_of(history.out);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].find(",run,0,") != std::string::npos);
    CHECK(rows[1].ends_with(",,3,,,\r"));
  }
}
