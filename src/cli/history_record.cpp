#include "cli/history_record.hpp"
#include "cli/number_check.hpp"

#include "cli/die.hpp"
#include "render/json.hpp"
#include "util/exit_status.hpp"
#include "util/rng.hpp"

#include <charconv>
#include <ctime>
#include <fmt/format.h>
#include <iostream>

namespace backplan::cli {

namespace {

/// The local time now as YYYY-MM-DDTHH:MM:SS; with SOURCE_DATE_EPOCH set,
/// noon of util::today(), so that a reproducible run records a fixed time.
std::string now_local()
{
  if (std::getenv("SOURCE_DATE_EPOCH") != nullptr) {
    return util::today() + "T12:00:00";
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &local);
  return text;
}

} // namespace

void history_failure(const history::HistoryError& error)
{
  die(error.unreadable() ? ExitStatus::invalid_catalog : ExitStatus::runtime, error.what());
}

void add_rating_options(CLI::App& command, RatingOptions& options)
{
  const std::string group = "History";
  command.add_option("--pain-before", options.pain_before, "pain before the session, 0 (none) to 10")
    ->check(number_in(0, history::max_rating))
    ->type_name("N")
    ->group(group);
  command.add_option("--pain", options.pain, "pain during the session, 0 (none) to 10")
    ->check(number_in(0, history::max_rating))
    ->type_name("N")
    ->group(group);
  command.add_option("--effort", options.effort, "how hard it felt, 0 (rest) to 10 (maximal; Borg CR10)")
    ->check(number_in(0, history::max_rating))
    ->type_name("N")
    ->group(group);
  command.add_option("--note", options.note, "a note kept with the session in the history")
    ->type_name("TEXT")
    ->group(group);
}

history::Session session_of(const plan::Plan& plan, const std::string& kind)
{
  history::Session session;
  session.started = now_local();
  session.day = session.started.substr(0, 10);
  session.kind = kind;
  session.request = render::plan_json(plan)["request"].dump();
  session.seed = std::to_string(plan.request.seed);
  session.planned_seconds = plan.total;
  for (const auto& item : plan.items) {
    session.items.push_back(
      {item.exercise.id, item.exercise.name, item.dosage_words, history::Outcome::not_reached});
  }
  return session;
}

history::Store open_history()
{
  const auto path = history::default_path();
  if (!path) {
    die(ExitStatus::runtime, "cannot find the history: neither XDG_DATA_HOME nor HOME is set");
  }
  try {
    return history::Store(*path);
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
}

std::int64_t record_session(const history::Session& session)
{
  auto store = open_history();
  try {
    return store.add(session);
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
}

std::optional<int> parse_rating(const std::string& text)
{
  int value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0 || value > history::max_rating) {
    return std::nullopt;
  }
  return value;
}

std::optional<int> ask_rating(const std::string& question)
{
  std::string answer;
  while (true) {
    std::cout << question << std::flush;
    if (!std::getline(std::cin, answer) || answer.empty()) {
      if (!std::cin) {
        std::cout << '\n';
      }
      return std::nullopt;
    }
    if (const auto rating = parse_rating(answer)) {
      return rating;
    }
    std::cout << "  a whole number from 0 to 10, or Enter to skip\n";
  }
}

} // namespace backplan::cli
