#include "cli/run/driver.hpp"

#include "cli/run/cues.hpp"
#include "cli/run/keys.hpp"
#include "cli/run/screen.hpp"
#include "cli/run/speech.hpp"
#include "cli/terminal.hpp"
#include "cli/tty.hpp"
#include "render/json.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <csignal>
#include <fmt/format.h>
#include <poll.h>
#include <unistd.h>

namespace backplan::run {

namespace {

/// How long a normal end waits for the last cue's speech to end, so that
/// what the program says on standard error is shown.
constexpr std::chrono::milliseconds speech_grace{5000};

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
  cli::KeyboardTerminal& keyboard;
  cli::HeldTerminal& terminal;
  Speech& speech;
  bool help = false;
  bool quit = false;
  bool closed = false; ///< standard output was closed: end quietly
  bool redraw = true;
  int ended_by = 0; ///< the terminating signal that ended the run, or 0

  /// Announces the phases that began: cue lines, speech and the bell.
  void announce(const std::vector<std::size_t>& begun)
  {
    for (const std::size_t index : begun) {
      if (options.output == Output::cue_text || options.output == Output::cue_json) {
        const std::string line =
          options.output == Output::cue_text ? cue_line(schedule, index) : cue_json(schedule, index);
        if (!cli::write_all(STDOUT_FILENO, line)) {
          quit = true; // a closed pipe ends the run quietly
          closed = true;
          return;
        }
      }
      // A cue may start late while the one before it is spoken, until its
      // phase ends (at least 2 s of plan time); the closing words are said
      // however late, within the grace the end of the run gives them.
      const bool closing = index >= schedule.phases.size();
      const int seconds = closing ? 0 : schedule.phases[index].phase.seconds;
      const auto due =
        std::chrono::milliseconds(static_cast<long long>(std::max(seconds, 2) * 1000 / options.speed));
      speech.say(spoken_words(schedule, index, options.say_steps),
                 closing ? Speech::TimePoint::max() : std::chrono::steady_clock::now() + due);
    }
    const bool ring = std::any_of(begun.begin(), begun.end(),
                                  [&](std::size_t index) { return rings(schedule, index, options.bell); });
    if (ring) {
      cli::write_all(cli::stdout_is_terminal() ? STDOUT_FILENO : STDERR_FILENO, "\a");
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

  void on_signal(int signal)
  {
    if (signal == SIGWINCH) {
      redraw = true;
    } else if (signal == SIGCONT) {
      // Continued after a stop we did not see (SIGSTOP): the shell may have
      // changed the terminal's modes meanwhile.
      terminal.enter();
      redraw = true;
    } else if (signal == SIGTSTP) {
      if (!session.paused()) {
        session.toggle_pause();
      }
      terminal.leave();
      cli::SignalPipe::suspend_self();
      terminal.enter();
      redraw = true;
    } else if (cli::is_terminating(signal)) {
      ended_by = signal;
      quit = true;
    }
  }

  void draw()
  {
    if (!terminal.full()) {
      return;
    }
    auto [rows, columns] = cli::terminal_size(STDOUT_FILENO);
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
    terminal.draw(screen_lines(schedule, view, columns, rows, options.color), redraw);
    redraw = false;
  }

  /// Waits for the next change of time, a key or a signal, and handles it.
  void wait(const Clock& clock, cli::SignalPipe& signals)
  {
    std::vector<pollfd> fds = {{signals.fd(), POLLIN, 0}};
    if (keyboard.available()) {
      fds.push_back({keyboard.fd(), POLLIN, 0});
    }
    int timeout = timeout_ms(clock, session.next_wakeup());
    if (speech.waiting()) {
      // The cue being spoken may end at any moment: look again soon.
      timeout = timeout < 0 ? 100 : std::min(timeout, 100);
    }
    const int ready = ::poll(fds.data(), fds.size(), timeout);
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

bool rings(const Schedule& schedule, std::size_t index, Bell bell)
{
  if (bell == Bell::never) {
    return false;
  }
  if (index >= schedule.phases.size()) {
    return true;
  }
  const auto& phase = schedule.phases[index].phase;
  if (bell == Bell::phases) {
    return phase.seconds > 0;
  }
  // The first movement or hold after getting ready or switching sides (a
  // phase every item and second side begins with).
  const auto in_dose = [](plan::PhaseKind kind) {
    return kind == plan::PhaseKind::move || kind == plan::PhaseKind::hold ||
           kind == plan::PhaseKind::rest_between_reps || kind == plan::PhaseKind::rest_between_sets;
  };
  const bool work = phase.kind == plan::PhaseKind::move || phase.kind == plan::PhaseKind::hold;
  return work && (index == 0 || !in_dose(schedule.phases[index - 1].phase.kind));
}

std::string summary_cue(const Summary& summary, bool json)
{
  const auto seconds = static_cast<long long>(summary.active.count() / 1000);
  if (json) {
    return fmt::format(
      R"({{"schema_version":{},"phase":"summary","done":{},"skipped":{},"not_reached":{},"seconds":{},"finished":{}}})"
      "\n",
      render::cue_json_version, summary.done, summary.skipped, summary.not_reached, seconds,
      summary.finished);
  }
  return fmt::format("summary done={} skipped={} not_reached={} seconds={} finished={}\n", summary.done,
                     summary.skipped, summary.not_reached, seconds, summary.finished ? "yes" : "no");
}

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

namespace {

/// How the loop of a run ended.
struct Ending {
  Summary summary;
  bool closed = false; ///< standard output was closed
  int signal = 0;      ///< the terminating signal that ended it, or 0
};

/// The run's loop, holding the terminal and the signals: both are given back
/// when it returns, however the run ended.
Ending run_loop(const Schedule& schedule, const RunOptions& options, Speech& speech)
{
  std::vector<int> caught = cli::terminating_signals();
  caught.insert(caught.end(), {SIGWINCH, SIGTSTP, SIGCONT});
  cli::SignalPipe signals(caught);
  // Keys only when the run is shown on a terminal: a pipe's reader may want them.
  cli::KeyboardTerminal keyboard(cli::stdout_is_terminal());
  SteadyClock clock;
  Session session(schedule, clock, options.speed);
  cli::HeldTerminal terminal(keyboard, options.output == Output::screen);
  Loop loop{schedule, options, session, keyboard, terminal, speech};
  while (true) {
    loop.announce(session.update());
    if (loop.quit || session.finished()) {
      break;
    }
    loop.draw();
    loop.wait(clock, signals);
    speech.collect();
    if (loop.quit) {
      break;
    }
  }
  terminal.leave();
  return {session.summary(), loop.closed, loop.ended_by};
}

} // namespace

std::optional<Summary> run_schedule(const Schedule& schedule, const RunOptions& options)
{
  Speech speech(options.say);
  const Ending ending = run_loop(schedule, options, speech);
  // The terminal is given back: what went wrong with the speech, the
  // summary, and then death by the signal that ended the run.
  const auto grace = ending.signal != 0 ? std::chrono::milliseconds(0) : speech_grace;
  cli::write_all(STDERR_FILENO, speech.report(grace));
  if (!ending.closed) {
    if (options.output != Output::screen) {
      cli::write_all(STDOUT_FILENO, summary_cue(ending.summary, options.output == Output::cue_json));
    }
    const std::string summary = summary_line(ending.summary, schedule.items.size());
    cli::write_all(options.output == Output::screen ? STDOUT_FILENO : STDERR_FILENO, summary);
  }
  if (options.on_end) {
    options.on_end(ending.summary, ending.signal != 0);
  }
  if (ending.signal != 0) {
    cli::die_of_signal(ending.signal);
  }
  return ending.closed ? std::nullopt : std::optional<Summary>(ending.summary);
}

} // namespace backplan::run
