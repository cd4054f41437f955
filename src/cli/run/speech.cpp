#include "cli/run/speech.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace backplan::run {

Speech::Speech(std::string_view command)
    : m_command(util::command_words(command)), m_enabled(!command.empty())
{}

void Speech::say(const std::string& words)
{
  if (!m_enabled || m_start_error != 0) {
    return;
  }
  std::vector<std::string> argv = m_command;
  argv.push_back(words);
  m_start_error = m_command.empty() ? ENOENT : m_programs.start(argv);
  m_started += m_start_error == 0 ? 1 : 0;
}

void Speech::collect()
{
  const auto failed = m_programs.reap();
  m_failures.insert(m_failures.end(), failed.begin(), failed.end());
}

std::string Speech::report(std::chrono::milliseconds limit)
{
  const auto failed = m_programs.wait(limit);
  m_failures.insert(m_failures.end(), failed.begin(), failed.end());
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
