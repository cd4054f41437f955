#include "run/driver.hpp"

#include "run/cues.hpp"
#include "run/keys.hpp"
#include "run/screen.hpp"
#include "util/process.hpp"
#include "util/text.hpp"
#include "util/tty.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

namespace backplan::run {

namespace {

/// Writes all of `data` to `fd`; false when it cannot (a closed pipe).
bool write_all(int fd, std::string_view data)
{
  while (!data.empty()) {
    const auto written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

/// The full screen: the alternate screen with the cursor hidden and the
/// keyboard key by key while entered, all given back by `leave` and the
/// destructor.
class FullScreen
{
public:
  explicit FullScreen(util::KeyboardTerminal& keyboard) : m_keyboard(keyboard) { enter(); }
  ~FullScreen() { leave(); }
  FullScreen(const FullScreen&) = delete;
  FullScreen& operator=(const FullScreen&) = delete;

  void enter()
  {
    m_keyboard.enter();
    write_all(STDOUT_FILENO, std::string(util::ansi::alternate_screen_on) + util::ansi::cursor_hidden +
                               util::ansi::clear_screen);
    m_entered = true;
    m_last.clear();
  }

  void leave()
  {
    if (m_entered) {
      write_all(STDOUT_FILENO,
                std::string(util::ansi::reset) + util::ansi::cursor_shown + util::ansi::alternate_screen_off);
      m_keyboard.restore();
      m_entered = false;
    }
  }

  /// Draws `lines` unless they are what is on the screen already.
  void draw(const std::vector<std::string>& lines, bool force)
  {
    if (!force && lines == m_last) {
      return;
    }
    std::string frame = std::string(force ? util::ansi::clear_screen : "") + util::ansi::home;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      frame += lines[i] + util::ansi::clear_line_rest + (i + 1 < lines.size() ? "\r\n" : "");
    }
    write_all(STDOUT_FILENO, frame);
    m_last = lines;
  }

private:
  util::KeyboardTerminal& m_keyboard;
  bool m_entered = false;
  std::vector<std::string> m_last;
};

/// Milliseconds from now until `when` (rounded up), or -1 for no limit.
int timeout_ms(const Clock& clock, const std::optional<Clock::TimePoint>& when)
{
  if (!when) {
    return -1;
  }
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*when - clock.now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 60 * 60 * 1000));
}

/// The state of one run beside the session: what ends it and what to redraw.
struct Loop {
  const Schedule& schedule;
  const RunOptions& options;
  Session& session;
  util::KeyboardTerminal& keyboard;
  FullScreen* screen = nullptr;
  bool help = false;
  bool quit = false;
  bool closed = false; ///< standard output was closed: end quietly
  bool redraw = true;
  int status = 0;

  /// Announces the phases that began: cue lines, speech and the bell.
  void announce(const std::vector<std::size_t>& begun)
  {
    for (const std::size_t index : begun) {
      if (options.output == Output::cue_text || options.output == Output::cue_json) {
        const std::string line =
          options.output == Output::cue_text ? cue_line(schedule, index) : cue_json(schedule, index);
        if (!write_all(STDOUT_FILENO, line)) {
          quit = true; // a closed pipe ends the run quietly
          closed = true;
          return;
        }
      }
      if (!options.say.empty()) {
        util::spawn_detached(options.say, cue_words(schedule, index));
      }
    }
    if (options.bell && !begun.empty()) {
      write_all(::isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : STDERR_FILENO, "\a");
    }
  }

  void on_key(Key key)
  {
    switch (key) {
    case Key::pause:
      session.toggle_pause();
      break;
    case Key::next:
      session.next();
      break;
    case Key::previous:
      session.previous();
      break;
    case Key::restart:
      session.restart();
      break;
    case Key::quit:
      quit = true;
      break;
    case Key::help:
      help = !help;
      break;
    }
  }

  /// Takes the terminal over again (full screen or keys), or gives it back.
  void take_terminal(bool take)
  {
    if (screen != nullptr) {
      take ? screen->enter() : screen->leave();
    } else {
      take ? keyboard.enter() : keyboard.restore();
    }
  }

  void on_signal(int signal)
  {
    if (signal == SIGWINCH) {
      redraw = true;
    } else if (signal == SIGCONT) {
      // Continued after a stop we did not see (SIGSTOP): the shell may have
      // changed the terminal's modes meanwhile.
      take_terminal(true);
      redraw = true;
    } else if (signal == SIGTSTP) {
      if (!session.paused()) {
        session.toggle_pause();
      }
      take_terminal(false);
      util::SignalPipe::suspend_self();
      take_terminal(true);
      redraw = true;
    } else {
      status = 128 + signal;
      quit = true;
    }
  }

  void draw()
  {
    if (screen == nullptr) {
      return;
    }
    auto [rows, columns] = util::terminal_size(STDOUT_FILENO);
    if (rows == 0) {
      rows = 24;
      columns = 80;
    }
    ScreenView view;
    view.phase = session.current();
    view.phase_seconds_left = session.phase_seconds_left();
    view.seconds_left = session.seconds_left();
    view.paused = session.paused();
    view.help = help;
    screen->draw(screen_lines(schedule, view, columns, rows, options.color), redraw);
    redraw = false;
  }

  /// Waits for the next change of time, a key or a signal, and handles it.
  void wait(const Clock& clock, util::SignalPipe& signals)
  {
    std::vector<pollfd> fds = {{signals.fd(), POLLIN, 0}};
    if (keyboard.available()) {
      fds.push_back({keyboard.fd(), POLLIN, 0});
    }
    const int ready = ::poll(fds.data(), fds.size(), timeout_ms(clock, session.next_wakeup()));
    if (ready <= 0) {
      return;
    }
    for (const int signal : signals.take()) {
      on_signal(signal);
    }
    if (keyboard.available() && !quit) {
      for (const Key key : parse_keys(keyboard.read_keys())) {
        on_key(key);
      }
    }
  }
};

} // namespace

std::string summary_line(const Summary& summary, std::size_t exercises)
{
  const auto seconds = static_cast<int>(summary.active.count() / 1000);
  std::string line =
    fmt::format("{}: {} of {} exercise{} done, {} skipped", summary.finished ? "Finished" : "Stopped",
                summary.done, exercises, exercises == 1 ? "" : "s", summary.skipped);
  if (summary.not_reached > 0) {
    line += fmt::format(", {} not reached", summary.not_reached);
  }
  return line + fmt::format("; time spent {}.\n", util::format_clock(seconds, false));
}

int run_schedule(const Schedule& schedule, const RunOptions& options)
{
  util::SignalPipe signals({SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT});
  const bool on_terminal = ::isatty(STDOUT_FILENO) == 1;
  // Keys only when the run is shown on a terminal: a pipe's reader may want them.
  util::KeyboardTerminal keyboard(on_terminal);
  SteadyClock clock;
  Session session(schedule, clock, options.speed);
  Loop loop{schedule, options, session, keyboard};
  std::optional<FullScreen> screen;
  if (options.output == Output::screen) {
    screen.emplace(keyboard);
    loop.screen = &*screen;
  } else {
    keyboard.enter();
  }
  while (true) {
    loop.announce(session.update());
    if (loop.quit || session.finished()) {
      break;
    }
    loop.draw();
    loop.wait(clock, signals);
    util::reap_children();
    if (loop.quit) {
      break;
    }
  }
  if (screen) {
    screen->leave();
  }
  keyboard.restore();
  util::reap_children();
  if (!loop.closed) {
    const std::string summary = summary_line(session.summary(), schedule.items.size());
    write_all(options.output == Output::screen ? STDOUT_FILENO : STDERR_FILENO, summary);
  }
  return loop.status;
}

} // namespace backplan::run
