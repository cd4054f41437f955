#include "cli/run/speech.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace backplan::run {

Speech::Speech(std::string_view command)
    : m_command(util::command_words(command)), m_enabled(!command.empty())
{}

void Speech::say(const std::string& words, TimePoint stale)
{
  if (!m_enabled || m_start_error != 0) {
    return;
  }
  m_queue.push_back({words, stale});
  collect();
}

void Speech::collect()
{
  const auto failed = m_programs.reap();
  m_failures.insert(m_failures.end(), failed.begin(), failed.end());
  next();
}

void Speech::next()
{
  if (m_programs.running() || m_start_error != 0) {
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  while (!m_queue.empty() && m_queue.front().stale < now) {
    m_queue.pop_front();
    ++m_dropped;
  }
  if (m_queue.empty()) {
    return;
  }
  std::vector<std::string> argv = m_command;
  argv.push_back(std::move(m_queue.front().words));
  m_queue.pop_front();
  m_start_error = m_command.empty() ? ENOENT : m_programs.start(argv);
  m_started += m_start_error == 0 ? 1 : 0;
  if (m_start_error != 0) {
    m_queue.clear();
  }
}

std::string Speech::report(std::chrono::milliseconds limit)
{
  // The cues still due (the closing one) are spoken within the limit too.
  const auto until = std::chrono::steady_clock::now() + limit;
  do {
    const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    const auto failed = m_programs.wait(std::max(left, std::chrono::milliseconds(0)));
    m_failures.insert(m_failures.end(), failed.begin(), failed.end());
    next();
  } while (m_programs.running() && std::chrono::steady_clock::now() < until);
  m_queue.clear();
  std::string text = util::prefixed_lines("backplan: --say: ", m_programs.take_error_output());
  const std::string program = m_command.empty() ? "" : m_command.front();
  if (m_start_error != 0) {
    text +=
      fmt::format("backplan: warning: --say: cannot run '{}': {}\n", program, std::strerror(m_start_error));
  }
  if (!m_failures.empty()) {
    text += fmt::format("backplan: warning: --say: '{}' failed for {} of {} cues (the first: {})\n", program,
                        m_failures.size(), m_started, util::describe(m_failures.front()));
  }
  return text;
}

} // namespace backplan::run
