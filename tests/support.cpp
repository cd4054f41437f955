#include "support.hpp"

#include "backplan/plan/planner.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace backplan::test {

namespace {

/// Reads both pipes to their end while writing `input`, without deadlock.
void pump(int out_fd, int err_fd, int in_fd, const std::string& input, RunResult& result)
{
  std::size_t written = 0;
  if (input.empty() && in_fd >= 0) {
    ::close(in_fd);
    in_fd = -1;
  }
  while (out_fd >= 0 || err_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_fd >= 0)
      fds.push_back({out_fd, POLLIN, 0});
    if (err_fd >= 0)
      fds.push_back({err_fd, POLLIN, 0});
    if (in_fd >= 0)
      fds.push_back({in_fd, POLLOUT, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      continue;
    }
    for (const auto& p : fds) {
      if (p.revents == 0)
        continue;
      if (p.fd == in_fd) {
        const ssize_t n = ::write(in_fd, input.data() + written, input.size() - written);
        written += n > 0 ? static_cast<std::size_t>(n) : 0;
        if (n < 0 || written == input.size()) {
          ::close(in_fd);
          in_fd = -1;
        }
        continue;
      }
      char buffer[65536];
      const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
      if (n <= 0) {
        ::close(p.fd);
        (p.fd == out_fd ? out_fd : err_fd) = -1;
      } else {
        (p.fd == out_fd ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  if (in_fd >= 0)
    ::close(in_fd);
}

} // namespace

RunResult run_backplan(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                       const std::string& input, int timeout_seconds)
{
  int out_pipe[2], err_pipe[2], in_pipe[2];
  REQUIRE(::pipe(out_pipe) == 0);
  REQUIRE(::pipe(err_pipe) == 0);
  REQUIRE(::pipe(in_pipe) == 0);
  const std::string home = temp_dir();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1], in_pipe[0], in_pipe[1]}) {
      ::close(fd);
    }
    ::setenv("HOME", home.c_str(), 1);
    ::setenv("XDG_CONFIG_HOME", (home + "/.config").c_str(), 1);
    ::unsetenv("NO_COLOR");
    ::unsetenv("XDG_STATE_HOME");
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("TERM", "xterm", 1);
    for (const auto& [key, value] : env) {
      ::setenv(key.c_str(), value.c_str(), 1);
    }
    std::vector<char*> argv;
    std::string exe = BACKPLAN_EXE;
    argv.push_back(exe.data());
    std::vector<std::string> copies = args;
    for (auto& arg : copies)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::alarm(static_cast<unsigned>(timeout_seconds));
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ::close(in_pipe[0]);
  RunResult result;
  pump(out_pipe[0], err_pipe[0], in_pipe[1], input, result);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  result.max_rss_kb = usage.ru_maxrss;
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::string data_path(const std::string& name) { return std::string(BACKPLAN_TEST_DATA) + "/" + name; }

std::vector<std::string> load_with_layer(const std::vector<catalog::SourceFile>& files)
{
  catalog::Layer extra;
  extra.name = "extra";
  extra.files = files;
  std::vector<std::string> out;
  for (const auto& diagnostic : catalog::load({catalog::builtin_layer(), extra}).errors) {
    out.push_back(diagnostic.str());
  }
  return out;
}

const catalog::Catalog& builtin_catalog()
{
  static const catalog::Catalog catalog = [] {
    auto result = catalog::load({catalog::builtin_layer()});
    REQUIRE(result.errors.empty());
    return std::move(result.catalog);
  }();
  return catalog;
}

std::vector<std::vector<std::string>> subsets(const std::vector<std::string>& ids, std::size_t most)
{
  std::vector<std::vector<std::string>> result = {{}};
  // Grow each subset of size k by one later id to get those of size k + 1.
  for (std::size_t begin = 0, size = 0; size < most && size < ids.size(); ++size) {
    const std::size_t end = result.size();
    for (std::size_t s = begin; s < end; ++s) {
      const auto last =
        result[s].empty()
          ? std::size_t{0}
          : static_cast<std::size_t>(std::find(ids.begin(), ids.end(), result[s].back()) - ids.begin()) + 1;
      for (std::size_t i = last; i < ids.size(); ++i) {
        auto grown = result[s];
        grown.push_back(ids[i]);
        result.push_back(std::move(grown));
      }
    }
    begin = end;
  }
  if (ids.size() > most) {
    result.push_back(ids);
  }
  return result;
}

namespace {

std::filesystem::path& temp_root()
{
  static std::filesystem::path root;
  return root;
}

void remove_temp_root()
{
  std::error_code ignored;
  std::filesystem::remove_all(temp_root(), ignored);
}

} // namespace

void for_each_plan(const std::vector<std::vector<std::string>>& conditions, const std::vector<int>& minutes,
                   const std::function<void(const plan::Request&, const plan::Plan&)>& check)
{
  for (const auto& declared : conditions) {
    for (const int length : minutes) {
      for (const char* setting : {"floor", "desk"}) {
        for (std::uint64_t seed = 0; seed < 10; ++seed) {
          plan::Request request;
          request.conditions = declared;
          request.minutes = length;
          request.setting = setting;
          request.seed = seed;
          const auto plan = plan::make_plan(builtin_catalog(), request);
          if (!plan.items.empty()) {
            CAPTURE(util::join(declared, ","));
            CAPTURE(length);
            CAPTURE(std::string(setting));
            CAPTURE(seed);
            check(request, plan);
          }
        }
      }
    }
  }
}

std::string temp_dir()
{
  if (temp_root().empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "backplan-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    temp_root() = pattern;
    std::atexit(remove_temp_root);
  }
  static int counter = 0;
  const auto dir = temp_root() / std::to_string(counter++);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::size_t count(const std::string& text, const std::string& part)
{
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

std::string stand_in(const std::string& dir, const std::string& name, const std::string& body)
{
  const std::string bin = dir + "/bin";
  std::filesystem::create_directories(bin);
  std::ofstream(bin + "/" + name) << "#!/bin/sh\n" << body;
  std::filesystem::permissions(bin + "/" + name, std::filesystem::perms::owner_all);
  return bin;
}

RunResult shell(const std::string& command)
{
  RunResult result;
  const std::string script = temp_dir() + "/command.sh";
  std::ofstream(script) << command << "\n";
  FILE* pipe = ::popen(("bash " + script).c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    result.out.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

bool contains(const std::vector<std::string>& items, const std::string& item)
{
  return std::find(items.begin(), items.end(), item) != items.end();
}

/// The names of the entries of `directory` opened while `action` ran ("."
/// for the directory itself). The kernel queues each open as it happens, so
/// the answer is complete once `action` has returned: nothing is timed.
std::set<std::string> opened_during(const std::string& directory, const std::function<void()>& action)
{
  const int watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  REQUIRE(watch >= 0);
  REQUIRE(inotify_add_watch(watch, directory.c_str(), IN_OPEN) >= 0);
  action();
  std::set<std::string> names;
  alignas(inotify_event) char buffer[4096];
  for (ssize_t size = 0; (size = ::read(watch, buffer, sizeof buffer)) > 0;) {
    for (ssize_t at = 0; at < size;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      names.insert(event->len > 0 ? std::string(event->name) : ".");
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
  ::close(watch);
  return names;
}

std::string upper(std::string text)
{
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

std::vector<std::vector<std::string>> handout_requests()
{
  std::vector<std::vector<std::string>> requests = {{}};
  for (const auto& condition : builtin_catalog().conditions.terms) {
    requests.push_back({condition.id});
  }
  requests.push_back({"radiating-leg-pain", "degenerative-back"});
  requests.push_back({"osteoporosis", "degenerative-back"});
  requests.push_back({"knee", "hip"});
  requests.push_back({"knee", "prolapse"});
  return requests;
}

std::vector<std::string> shown_ids(const plan::Plan& plan)
{
  std::vector<std::string> ids;
  for (const auto& item : plan.items) {
    ids.push_back(item.exercise.id);
    for (const auto* variant : {&item.easier, &item.harder}) {
      if (*variant && !(*variant)->exercise_id.empty()) {
        ids.push_back((*variant)->exercise_id);
      }
    }
  }
  return ids;
}

} // namespace backplan::test
