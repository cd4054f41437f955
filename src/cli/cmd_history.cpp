#include "cli/commands.hpp"
#include "cli/history_record.hpp"
#include "cli/programme_file.hpp"
#include "cli/terminal.hpp"

#include "history/report.hpp"
#include "history/report_html.hpp"
#include "render/csv.hpp"
#include "render/json.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

namespace backplan::cli {

namespace {

using Json = nlohmann::ordered_json;

/// The version of the history's JSON layout: additions keep it, changes bump it.
constexpr int history_json_version = 1;

/// The text report shows this many sessions unless --all.
constexpr std::size_t shown_sessions = 10;

struct HistoryOptions {
  std::string format = "text";
  std::string output; ///< -o FILE
  bool all = false;
  bool ascii = false;
};

std::string rating_text(const std::optional<int>& rating) { return rating ? std::to_string(*rating) : "-"; }

Json rating_json(const std::optional<int>& rating) { return rating ? Json(*rating) : Json(nullptr); }

/// One character for a pain of 0 to 10: a bar from the lowest to a full
/// block, or in ASCII the digit (# for 10); a dot for a day without a rating.
std::string pain_mark(const std::optional<int>& pain, bool ascii)
{
  if (!pain) {
    return ascii ? "." : "·";
  }
  if (ascii) {
    return *pain >= 10 ? "#" : std::string(1, static_cast<char>('0' + *pain));
  }
  static const char* const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  return bars[std::min(*pain * 8 / 11, 7)];
}

std::string percent(const history::WeekAdherence& adherence)
{
  return adherence.due == 0
           ? ""
           : fmt::format("  {}%", (adherence.done * 100 + adherence.due / 2) / adherence.due);
}

std::string history_text(const std::vector<history::Session>& sessions, const history::Report& report,
                         const std::string& path, const HistoryOptions& options, bool programme)
{
  if (sessions.empty()) {
    return fmt::format("No session recorded yet in {}.\nA finished 'backplan run' records one; so does "
                       "'backplan log'.\n",
                       path);
  }
  std::string out =
    fmt::format("{} session{} from {} to {}, in {}\n\n", sessions.size(), sessions.size() == 1 ? "" : "s",
                sessions.front().day, sessions.back().day, path);
  const std::size_t first =
    options.all || sessions.size() <= shown_sessions ? 0 : sessions.size() - shown_sessions;
  out +=
    first == 0 ? "Sessions\n" : fmt::format("The last {} sessions (--all for every one)\n", shown_sessions);
  out += fmt::format("  {:<10}  {:<4}  {:<9}  {:>5}  {:>4}  {:>6}  {:>7}\n", "day", "kind", "done", "time",
                     "pain", "effort", "morning");
  for (std::size_t i = first; i < sessions.size(); ++i) {
    const auto& s = sessions[i];
    out += fmt::format("  {:<10}  {:<4}  {:<9}  {:>5}  {:>4}  {:>6}  {:>7}\n", s.day, s.kind,
                       fmt::format("{} of {}", s.done(), s.items.size()),
                       util::format_clock(s.spent_seconds, false), rating_text(s.ratings.pain),
                       rating_text(s.ratings.effort), rating_text(s.ratings.morning_pain));
    if (!s.note.empty()) {
      out += "              note: " + s.note + "\n";
    }
  }
  out += programme ? "\nAdherence (the days of your programme are due)\n"
                   : "\nAdherence (without a programme, every day from the first session is due)\n";
  for (const auto& week : report.weeks) {
    out += fmt::format("  {:<22}{} of {} day{}{}\n", "week from " + week.from, week.done, week.due,
                       week.due == 1 ? "" : "s", percent(week));
  }
  out += fmt::format("  {:<22}{} of {} day{}{}\n", "last 4 weeks", report.last_four_weeks.done,
                     report.last_four_weeks.due, report.last_four_weeks.due == 1 ? "" : "s",
                     percent(report.last_four_weeks));
  out += fmt::format("Streak: {} day{} (longest {})\n", report.current_streak,
                     report.current_streak == 1 ? "" : "s", report.longest_streak);
  std::string trend;
  for (const auto& pain : report.pain_by_day) {
    trend += pain_mark(pain, options.ascii);
  }
  out += fmt::format("Pain, the last {} days to {} (0 to 10, {} no rating): {}\n", history::report_days,
                     report.today, options.ascii ? "." : "·", trend);
  return out;
}

/// The session as JSON; `requests` keeps each request text parsed once
/// (a programme's sessions share theirs).
Json session_json(const history::Session& s, std::map<std::string, Json>& requests)
{
  Json out;
  out["id"] = s.id;
  out["started"] = s.started;
  out["day"] = s.day;
  out["kind"] = s.kind;
  out["seed"] = s.seed;
  out["planned_seconds"] = s.planned_seconds;
  out["spent_seconds"] = s.spent_seconds;
  out["done"] = s.done();
  out["pain_before"] = rating_json(s.ratings.pain_before);
  out["pain"] = rating_json(s.ratings.pain);
  out["effort"] = rating_json(s.ratings.effort);
  out["morning_pain"] = rating_json(s.ratings.morning_pain);
  out["note"] = s.note.empty() ? Json(nullptr) : Json(s.note);
  auto request = requests.find(s.request);
  if (request == requests.end()) {
    // A request the database holds damaged is null, never a broken document.
    auto parsed = Json::parse(s.request, nullptr, false);
    request = requests.emplace(s.request, parsed.is_object() ? std::move(parsed) : Json(nullptr)).first;
  }
  out["request"] = request->second;
  out["items"] = Json::array();
  for (const auto& item : s.items) {
    out["items"].push_back({{"id", item.exercise},
                            {"name", item.name},
                            {"dose", item.dose},
                            {"outcome", history::outcome_name(item.outcome)}});
  }
  return out;
}

Json adherence_json(const history::WeekAdherence& adherence)
{
  return {{"from", adherence.from.empty() ? Json(nullptr) : Json(adherence.from)},
          {"done", adherence.done},
          {"due", adherence.due}};
}

std::string history_json(const std::vector<history::Session>& sessions, const history::Report& report,
                         const std::string& path)
{
  Json out;
  out["schema_version"] = history_json_version;
  out["database"] = path;
  out["today"] = report.today;
  out["sessions"] = Json::array();
  std::map<std::string, Json> requests;
  for (const auto& session : sessions) {
    out["sessions"].push_back(session_json(session, requests));
  }
  Json weeks = Json::array();
  for (const auto& week : report.weeks) {
    weeks.push_back(adherence_json(week));
  }
  out["adherence"] = {{"weeks", weeks}, {"last_four_weeks", adherence_json(report.last_four_weeks)}};
  out["streak"] = {{"current", report.current_streak}, {"longest", report.longest_streak}};
  Json pain = Json::array();
  for (const auto& day : report.pain_by_day) {
    pain.push_back(rating_json(day));
  }
  out["pain_by_day"] = pain;
  return render::json_text(out);
}

std::string history_csv(const std::vector<history::Session>& sessions)
{
  std::string out =
    render::csv_row({"id", "started", "day", "kind", "seed", "planned_seconds", "spent_seconds", "done",
                     "exercises", "pain_before", "pain", "effort", "morning_pain", "note"});
  const auto cell = [](const std::optional<int>& rating) { return rating ? std::to_string(*rating) : ""; };
  for (const auto& s : sessions) {
    out +=
      render::csv_row({std::to_string(s.id), s.started, s.day, s.kind, s.seed,
                       std::to_string(s.planned_seconds), std::to_string(s.spent_seconds),
                       std::to_string(s.done()), std::to_string(s.items.size()), cell(s.ratings.pain_before),
                       cell(s.ratings.pain), cell(s.ratings.effort), cell(s.ratings.morning_pain), s.note});
  }
  return out;
}

void run_history(const Context& context, const HistoryOptions& options)
{
  auto store = open_history();
  std::vector<history::Session> sessions;
  try {
    sessions = store.sessions();
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
  const auto programme = load_programme(context);
  std::function<bool(const std::string&)> due;
  if (programme) {
    due = [&](const std::string& day) { return programme::due(programme->programme, day); };
  }
  if (options.format == "html") {
    history::ReportContext about;
    if (programme) {
      about.programme = programme::frequency_words(programme->programme) + ", from " +
                        programme::day_words(programme->programme.start);
    }
    const auto report = history::make_report(sessions, util::today(), due, history::html_span);
    write_output(history::report_html(sessions, report, about), options.output);
    return;
  }
  const auto report = history::make_report(sessions, util::today(), due);
  const std::string path = store.path().string();
  const std::string out = options.format == "json" ? history_json(sessions, report, path)
                          : options.format == "csv"
                            ? history_csv(sessions)
                            : history_text(sessions, report, path, options, programme.has_value());
  write_output(out, options.output);
}

} // namespace

Runner add_history_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<HistoryOptions>();
  command
    ->add_option("-f,--format", options->format,
                 "text (the default), json, csv or html (a report for a clinician)")
    ->check(CLI::IsMember({"text", "json", "csv", "html"}))
    ->type_name("FORMAT");
  command->add_option("-o,--output", options->output, "write to FILE (atomically) instead of standard output")
    ->type_name("FILE");
  command->add_flag("--all", options->all, "text: every session, not the last 10");
  command->add_flag("--ascii", options->ascii, "text: the pain trend in ASCII characters");
  return [&context, options] {
    HistoryOptions chosen = *options;
    chosen.ascii = chosen.ascii || !cli::utf8_terminal();
    run_history(context, chosen);
  };
}

} // namespace backplan::cli
