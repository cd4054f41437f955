// The full screen of `backplan run`, driven in tmux as a person would: keys
// in with send-keys, the screen out with capture-pane.
#include "support.hpp"

#include <cctype>
#include <chrono>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <functional>
#include <nlohmann/json.hpp>
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

/// A tmux server of its own, with one window of the given size running bash.
class Tmux
{
public:
  Tmux(int columns, int rows)
      : m_socket(fmt::format("backplan-test-{}-{}", ::getpid(), ++s_count)), m_dir(test::temp_dir())
  {
    REQUIRE(test::shell("command -v tmux >/dev/null").status == 0);
    REQUIRE(tmux(fmt::format(
                   "new-session -d -s run -x {} -y {} 'env -u NO_COLOR TERM=screen bash --norc --noprofile'",
                   columns, rows))
              .status == 0);
  }
  ~Tmux() { tmux("kill-server"); }
  Tmux(const Tmux&) = delete;
  Tmux& operator=(const Tmux&) = delete;

  /// Runs backplan with `args` in the window, noting `stty -g` before and
  /// after. The modes after are written before the exit status is shown, so
  /// that they are there once wait_for_exit() returns.
  void start(const std::string& args)
  {
    const std::string env =
      fmt::format("HOME={0} XDG_CONFIG_HOME={0}/config XDG_CACHE_HOME={0}/cache", m_dir);
    const std::string line =
      fmt::format("stty -g >{0}/before; {1} {2} {3}; status=$?; stty -g >{0}/after; echo EXIT=$status", m_dir,
                  env, quoted(BACKPLAN_EXE), args);
    keys(quoted(line) + " Enter");
  }

  void keys(const std::string& keys) { tmux("send-keys -t run " + keys); }

  std::string screen() { return tmux("capture-pane -p -t run").out; }

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

  /// The screen once the shell has printed the exit status: "EXIT=" and a
  /// digit at the start of a line. The echoed command line holds "EXIT=$?",
  /// which a narrow window may wrap to the start of a line too.
  std::string wait_for_exit()
  {
    return wait_for([](const std::string& text) {
      for (std::size_t at = text.find("\nEXIT="); at != std::string::npos;
           at = text.find("\nEXIT=", at + 1)) {
        const std::size_t digit = at + 6;
        if (digit < text.size() && std::isdigit(static_cast<unsigned char>(text[digit])) != 0) {
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
    tmux.start("run -m 10");
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
    CHECK(end.find("EXIT=0") != std::string::npos);
    CHECK(end.find(fmt::format("Stopped: 0 of {} exercises done, 1 skipped", exercises.size())) !=
          std::string::npos);
    CHECK(tmux.modes_restored());
  }

  TEST_CASE("Ctrl-C in a 40x12 window exits 130 with the terminal given back")
  {
    const auto exercises = names({"-m", "5", "--knee"});
    Tmux tmux(40, 12);
    tmux.start("run -m 5 --knee");
    const auto first = tmux.wait_for(fmt::format("1/{}  {}", exercises.size(), exercises[0]).substr(0, 40));
    CHECK(first.find(" left") != std::string::npos);
    tmux.keys("C-c");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=130") != std::string::npos);
    CHECK(end.find("Stopped: 0 of") != std::string::npos);
    CHECK(tmux.modes_restored());
  }

  TEST_CASE("at the end of a run, the summary")
  {
    Tmux tmux(60, 16);
    tmux.start("run -m 1 --speed 100");
    const auto end = tmux.wait_for_exit();
    CHECK(end.find("EXIT=0") != std::string::npos);
    CHECK(end.find("Finished: ") != std::string::npos);
    CHECK(tmux.modes_restored());
  }
}
