#include "cli/commands.hpp"
#include "cli/die.hpp"
#include "cli/handout_text.hpp"
#include "cli/history_record.hpp"
#include "cli/number_check.hpp"
#include "cli/plan_options.hpp"
#include "cli/programme_file.hpp"

#include "history/report.hpp"
#include "programme/calendar.hpp"
#include "util/exit_status.hpp"
#include "util/files.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <memory>

namespace backplan::cli {

namespace {

struct ProgrammeOptions {
  std::string output;         ///< -o FILE.ics
  std::string time = "08:00"; ///< --time HH:MM
  std::string zone;           ///< --zone: an IANA time zone; empty: floating time
};

struct InitOptions {
  PlanOptions plan;
  std::string start; ///< --start DATE; empty: today
  int weeks = 6;
  std::vector<std::string> days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  bool force = false;
};

/// The days of `names` (checked by the option's validator), ascending.
std::vector<int> weekdays_of(const std::vector<std::string>& names)
{
  std::vector<int> out;
  for (const auto& name : flatten(names)) {
    const auto day = programme::weekday_named(name);
    if (!day) {
      usage_error(
        fmt::format("--days: '{}' is not a day of the week: mon, tue, wed, thu, fri, sat or sun", name),
        "backplan programme init --help");
    }
    if (std::find(out.begin(), out.end(), *day) == out.end()) {
      out.push_back(*day);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> day_names(const std::vector<int>& days)
{
  std::vector<std::string> out;
  for (const int day : days) {
    out.emplace_back(programme::day_name(day));
  }
  return out;
}

void run_init(const Context& context, const InitOptions& options)
{
  const auto path = programme_path();
  if (!path) {
    die(ExitStatus::runtime, "cannot find the config folder: neither XDG_CONFIG_HOME nor HOME is set");
  }
  std::error_code error;
  if (std::filesystem::exists(*path, error) && !options.force) {
    die(ExitStatus::runtime,
        fmt::format("{} already holds a programme: edit it, delete it, or give --force to replace it",
                    path->string()));
  }
  programme::Programme programme;
  programme.start = options.start.empty() ? util::today() : options.start;
  programme.weeks = options.weeks;
  programme.days = weekdays_of(options.days);
  const Effective effective = resolve_plan_options(context, context.catalog(), options.plan);
  // The programme must make a plan today: a request with no safe plan
  // fails here, not on its first morning.
  const plan::Plan plan = make_checked_plan(context, effective.request, false);
  // Its exercises are kept in the file, so that every session holds the
  // same ones and each can progress; the file may be edited to change them.
  plan::Request request = effective.request;
  if (request.exercises.empty()) {
    for (const auto& item : plan.items) {
      request.exercises.push_back(item.exercise.id);
    }
    request.include.clear();
  }
  std::filesystem::create_directories(path->parent_path(), error);
  try {
    util::write_file_atomically(path->string(), programme_yaml(programme, request));
  } catch (const std::exception& e) {
    die(ExitStatus::runtime, e.what());
  }
  const auto due = programme::due_days(programme);
  fmt::print("Wrote {}: {} weeks from {} on {}, {} sessions of {} minutes ({} exercises).\n", path->string(),
             programme.weeks, programme::day_words(programme.start),
             util::join(day_names(programme.days), ", "), due.size(), effective.request.minutes,
             plan.items.size());
  fmt::print("Today's session: backplan today. The calendar: backplan programme -o programme.ics\n");
}

/// DTSTAMP: now in UTC, or SOURCE_DATE_EPOCH's time when it is set.
std::string utc_stamp()
{
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    now = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
  }
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

/// `zone` is a time zone of the system's database (/usr/share/zoneinfo).
bool known_zone(const std::string& zone)
{
  std::error_code error;
  return !zone.empty() && zone.find("..") == std::string::npos && zone.front() != '/' &&
         std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone, error);
}

/// `when` (seconds since the epoch, UTC) as local time in the offset
/// `offset`: YYYYMMDDTHHMMSS.
std::string local_stamp(std::time_t when, long offset)
{
  const std::time_t local = when + offset;
  std::tm utc{};
  gmtime_r(&local, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%S", &utc);
  return text;
}

/// The observances of `zone` over `first` to `last` (YYYY-MM-DD), from the
/// system's time zone database: the one in force a day before, then each
/// change of offset, found to the second.
std::vector<programme::Observance> observances_of(const std::string& zone, const std::string& first,
                                                  const std::string& last)
{
  const char* before = std::getenv("TZ");
  const std::string saved = before != nullptr ? before : "";
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
  const auto at_midnight = [](const std::string& day) {
    std::tm date{};
    date.tm_year = std::stoi(day.substr(0, 4)) - 1900;
    date.tm_mon = std::stoi(day.substr(5, 2)) - 1;
    date.tm_mday = std::stoi(day.substr(8, 2));
    return ::timegm(&date);
  };
  const auto local = [](std::time_t when) {
    std::tm out{};
    localtime_r(&when, &out);
    return out;
  };
  const std::time_t from = at_midnight(first) - 86400;
  const std::time_t to = at_midnight(last) + 2 * 86400;
  std::tm now = local(from);
  std::vector<programme::Observance> out = {{local_stamp(from, now.tm_gmtoff),
                                             static_cast<int>(now.tm_gmtoff), static_cast<int>(now.tm_gmtoff),
                                             now.tm_zone, now.tm_isdst > 0}};
  for (std::time_t hour = from + 3600; hour <= to; hour += 3600) {
    const std::tm next = local(hour);
    if (next.tm_gmtoff == now.tm_gmtoff) {
      continue;
    }
    // The change lies in the hour before: find its second.
    std::time_t low = hour - 3600;
    std::time_t high = hour;
    while (high - low > 1) {
      const std::time_t middle = low + (high - low) / 2;
      (local(middle).tm_gmtoff == now.tm_gmtoff ? low : high) = middle;
    }
    out.push_back({local_stamp(high, now.tm_gmtoff), static_cast<int>(now.tm_gmtoff),
                   static_cast<int>(next.tm_gmtoff), next.tm_zone, next.tm_isdst > 0});
    now = next;
  }
  if (before != nullptr) {
    ::setenv("TZ", saved.c_str(), 1);
  } else {
    ::unsetenv("TZ");
  }
  ::tzset();
  return out;
}

/// The plan of each session in lines, for the calendar's events.
std::string plan_lines(const plan::Plan& plan)
{
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    lines.push_back(fmt::format("{}. {} — {}", i + 1, item.exercise.name, item.dosage_words));
  }
  lines.emplace_back("Stop any exercise that causes pain. Follow it with: backplan today");
  return util::join(lines, "\n");
}

void run_programme(const Context& context, const ProgrammeOptions& options)
{
  const auto file = load_programme(context);
  if (!file) {
    die(ExitStatus::runtime, "no programme: start one with 'backplan programme init'");
  }
  const auto& programme = file->programme;
  PlanOptions none;
  const Profile standing = programme_profile(*file, context.profile());
  const Effective effective = resolve_plan_options(context, context.catalog(), none, &standing);
  const plan::Plan plan = make_checked_plan(context, effective.request, false);
  const auto due = programme::due_days(programme);
  if (!options.output.empty()) {
    programme::CalendarOptions calendar;
    calendar.time = options.time;
    calendar.minutes = (plan.total + 59) / 60;
    calendar.title = "Back-care routine";
    calendar.description = plan_lines(plan);
    calendar.stamp = utc_stamp();
    if (!options.zone.empty()) {
      if (!known_zone(options.zone)) {
        usage_error(fmt::format("--zone: unknown time zone '{}': a name of the time zone database, such as "
                                "Europe/London",
                                options.zone),
                    "backplan programme --help");
      }
      calendar.zone = options.zone;
      calendar.observances = observances_of(options.zone, programme.start, programme::last_day(programme));
    }
    write_output(programme::calendar(programme, calendar), options.output);
    return;
  }
  const std::string today = util::today();
  std::size_t done = 0;
  try {
    const auto sessions = open_history().sessions();
    for (const auto& day : due) {
      done +=
        day <= today && std::any_of(sessions.begin(), sessions.end(),
                                    [&](const history::Session& s) { return s.day == day && s.done() > 0; })
          ? 1
          : 0;
    }
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
  const auto next = programme::next_due(programme, today);
  const std::size_t past = static_cast<std::size_t>(
    std::count_if(due.begin(), due.end(), [&](const std::string& d) { return d <= today; }));
  std::string out = fmt::format("Programme in {}\n", file->path);
  out +=
    fmt::format("  {} weeks, {} to {}, on {}: {} sessions\n", programme.weeks,
                programme::day_words(programme.start), programme::day_words(programme::last_day(programme)),
                util::join(day_names(programme.days), ", "), due.size());
  out +=
    fmt::format("  each: {} ({} exercises, {})\n",
                util::join(plan.condition_names.empty() ? std::vector<std::string>{"no declared conditions"}
                                                        : plan.condition_names,
                           ", "),
                plan.items.size(), util::format_duration(plan.total));
  out += fmt::format("  done: {} of the {} due so far\n", done, past);
  out += next ? fmt::format("  next: {}{}\n", programme::day_words(*next), *next == today ? " (today)" : "")
              : std::string("  over: every session is past\n");
  write_output(out, "");
}

/// `backplan remind`: 0 when today's session is done or none is due, 1 when
/// one is due and not yet done; one line saying which.
void run_remind(const Context& context)
{
  const auto file = load_programme(context);
  const std::string today = util::today();
  const bool due = !file || programme::due(file->programme, today);
  bool done = false;
  try {
    for (const auto& session : open_history().sessions()) {
      done = done || (session.day == today && session.done() > 0);
    }
  } catch (const history::HistoryError& error) {
    history_failure(error);
  }
  if (done) {
    fmt::print("Today's session is done.\n");
    return;
  }
  if (!due) {
    const auto next = programme::next_due(file->programme, today);
    fmt::print("No session is due today{}.\n", next ? "; the next is on " + programme::day_words(*next)
                                                    : std::string("; the programme is over"));
    return;
  }
  fmt::print("Today's session is due: backplan {}\n", file ? "today" : "run");
  throw Failure{ExitStatus::runtime, ""};
}

} // namespace

Runner add_programme_command(CLI::App* command, Context& context)
{
  auto options = std::make_shared<ProgrammeOptions>();
  command
    ->add_option("-o,--output", options->output, "write the programme's calendar (iCalendar, .ics) to FILE")
    ->type_name("FILE");
  command
    ->add_option("--time", options->time, "the calendar's start of each session, HH:MM local (default 08:00)")
    ->check([](const std::string& value) {
      const bool ok = value.size() == 5 && value[2] == ':' &&
                      std::isdigit(static_cast<unsigned char>(value[0])) &&
                      std::isdigit(static_cast<unsigned char>(value[1])) &&
                      std::isdigit(static_cast<unsigned char>(value[3])) &&
                      std::isdigit(static_cast<unsigned char>(value[4])) &&
                      std::stoi(value.substr(0, 2)) < 24 && std::stoi(value.substr(3, 2)) < 60;
      return ok ? std::string() : fmt::format("must be a time as HH:MM, found '{}'", value);
    })
    ->type_name("HH:MM");
  command
    ->add_option("--zone", options->zone,
                 "the calendar's time zone, such as Europe/London, with its VTIMEZONE (default: floating "
                 "time, the same hour wherever the calendar is)")
    ->type_name("ZONE");
  auto init = std::make_shared<InitOptions>();
  CLI::App* init_command =
    command->add_subcommand("init", "start a programme: its weeks, days and plan settings");
  add_plan_options(*init_command, init->plan, context, {"text"});
  init_command->add_option("--start", init->start, "its first day, YYYY-MM-DD (default today)")
    ->check(iso_date())
    ->type_name("DATE");
  init_command->add_option("--weeks", init->weeks, "how many weeks, 1 to 52 (default 6)")
    ->check(number_in(1, programme::max_weeks))
    ->type_name("N");
  add_list_option(*init_command, "--days", init->days,
                  "the days of the week with a session, e.g. mon,wed,fri (default every day)");
  init_command->add_flag("--force", init->force, "replace a programme that exists");
  return [&context, options, init, init_command] {
    if (init_command->parsed()) {
      run_init(context, *init);
    } else {
      run_programme(context, *options);
    }
  };
}

Runner add_remind_command(CLI::App* /*command*/, Context& context)
{
  return [&context] { run_remind(context); };
}

} // namespace backplan::cli
