// The history database: what it keeps, and that nothing recorded is lost to
// two writers, a killed writer, a full disk, or a file it must not touch.
#include "history/store.hpp"
#include "support.hpp"

#include <chrono>
#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sqlite3.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace backplan;

namespace {

/// A session of `items` exercises on `day`, the first one skipped.
history::Session sample_session(const std::string& day, int items = 3)
{
  history::Session session;
  session.started = day + "T07:30:00";
  session.day = day;
  session.kind = "run";
  session.request = R"({"conditions":["knee"],"minutes":10})";
  session.seed = "3";
  session.planned_seconds = 600;
  session.spent_seconds = 540;
  session.ratings.pain = 2;
  session.ratings.effort = 5;
  session.note = "stiff at first";
  for (int i = 0; i < items; ++i) {
    session.items.push_back({"exercise-" + std::to_string(i), "Exercise " + std::to_string(i), "hold 30 s",
                             i == 0 ? history::Outcome::skipped : history::Outcome::done});
  }
  return session;
}

std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/// Runs `sql` on the SQLite database `path` directly.
void sqlite_exec(const std::string& path, const std::string& sql)
{
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

/// The message of the HistoryError that opening (and reading) `path` throws.
std::pair<std::string, bool> open_error(const std::string& path)
{
  try {
    history::Store store(path);
    store.sessions();
  } catch (const history::HistoryError& error) {
    return {error.what(), error.unreadable()};
  }
  return {"", false};
}

/// Each session holds exactly its own three items: none was half written.
void check_whole(const std::vector<history::Session>& sessions)
{
  for (const auto& session : sessions) {
    CAPTURE(session.id);
    CHECK(session.items.size() == 3);
  }
}

} // namespace

TEST_SUITE("history::store")
{
  TEST_CASE("a session and its items come back as they were recorded, in WAL mode, at schema 1")
  {
    const std::string path = test::temp_dir() + "/deep/folder/history.db";
    history::Store store(path);
    const auto id = store.add(sample_session("2026-12-01"));
    CHECK(id == 1);
    const auto sessions = store.sessions();
    REQUIRE(sessions.size() == 1);
    const auto& s = sessions[0];
    CHECK(s.started == "2026-12-01T07:30:00");
    CHECK(s.request == R"({"conditions":["knee"],"minutes":10})");
    CHECK(s.seed == "3");
    CHECK(s.spent_seconds == 540);
    CHECK(s.ratings.pain == 2);
    CHECK(s.ratings.effort == 5);
    CHECK_FALSE(s.ratings.pain_before.has_value());
    CHECK_FALSE(s.ratings.morning_pain.has_value());
    CHECK(s.note == "stiff at first");
    REQUIRE(s.items.size() == 3);
    CHECK(s.items[0].outcome == history::Outcome::skipped);
    CHECK(s.items[2].name == "Exercise 2");
    CHECK(s.done() == 2);
    CHECK(store.integrity() == "ok");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "wal");
    sqlite3_finalize(statement);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(sqlite3_column_int(statement, 0) == history::schema_version);
    sqlite3_finalize(statement);
    sqlite3_close(db);
  }

  TEST_CASE("undo removes the newest session with its items; the morning's pain goes to the last day before")
  {
    history::Store store(test::temp_dir() + "/history.db");
    CHECK_FALSE(store.remove_last().has_value());
    CHECK_FALSE(store.rate_morning(1, "2026-12-02").has_value());
    store.add(sample_session("2026-12-01"));
    store.add(sample_session("2026-12-02"));
    store.add(sample_session("2026-12-03"));
    const auto rated = store.rate_morning(4, "2026-12-03");
    REQUIRE(rated.has_value());
    CHECK(rated->day == "2026-12-02");
    const auto removed = store.remove_last();
    REQUIRE(removed.has_value());
    CHECK(removed->day == "2026-12-03");
    const auto left = store.sessions();
    REQUIRE(left.size() == 2);
    CHECK(left[1].ratings.morning_pain == 4);
    CHECK_FALSE(left[0].ratings.morning_pain.has_value());
    CHECK(store.integrity() == "ok");
  }

  TEST_CASE("two processes writing at once lose nothing")
  {
    const std::string path = test::temp_dir() + "/history.db";
    history::Store(path).add(sample_session("2026-11-30"));
    constexpr int each = 40;
    std::vector<pid_t> writers;
    for (int w = 0; w < 2; ++w) {
      const pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        try {
          history::Store store(path);
          for (int i = 0; i < each; ++i) {
            store.add(sample_session("2026-12-01"));
          }
          ::_exit(0);
        } catch (...) {
          ::_exit(1);
        }
      }
      writers.push_back(pid);
    }
    for (const pid_t pid : writers) {
      int status = 0;
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    history::Store store(path);
    const auto sessions = store.sessions();
    CHECK(sessions.size() == 1 + 2 * each);
    check_whole(sessions);
    CHECK(store.integrity() == "ok");
  }

  TEST_CASE("a writer killed with SIGKILL leaves every session it finished, whole, and nothing half written")
  {
    const std::string path = test::temp_dir() + "/history.db";
    history::Store(path).add(sample_session("2026-11-30"));
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      history::Store store(path);
      while (true) {
        store.add(sample_session("2026-12-01"));
      }
    }
    // Kill it once it has written a few, in the middle of whatever it is doing.
    for (int i = 0; i < 400; ++i) {
      if (history::Store(path).sessions().size() > 20) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFSIGNALED(status));
    history::Store store(path);
    const auto sessions = store.sessions();
    CHECK(sessions.size() > 20);
    CHECK(sessions.front().day == "2026-11-30");
    check_whole(sessions);
    CHECK(store.integrity() == "ok");
    store.add(sample_session("2026-12-02")); // and it takes the next one
    CHECK(store.sessions().size() == sessions.size() + 1);
  }

  TEST_CASE("a full disk fails the session being recorded and keeps every one before it")
  {
    const std::string path = test::temp_dir() + "/history.db";
    history::Store store(path);
    store.add(sample_session("2026-11-30"));
    store.limit_pages(static_cast<int>(std::filesystem::file_size(path) / 4096) + 3);
    std::string message;
    int recorded = 1;
    for (int i = 0; i < 2000 && message.empty(); ++i) {
      try {
        store.add(sample_session("2026-12-01", 3));
        ++recorded;
      } catch (const history::HistoryError& error) {
        CHECK_FALSE(error.unreadable());
        message = error.what();
      }
    }
    CHECK(message == path + ": cannot record the session: database or disk is full");
    const auto sessions = history::Store(path).sessions();
    CHECK(sessions.size() == static_cast<std::size_t>(recorded));
    check_whole(sessions);
  }

  TEST_CASE(
    "a file that is not a history, is damaged, is another program's or is newer is refused, unchanged")
  {
    const std::string folder = test::temp_dir();
    const std::string garbage = folder + "/garbage.db";
    std::ofstream(garbage) << std::string(8192, 'x');
    const auto before = file_bytes(garbage);
    const auto [not_a_db, unreadable] = open_error(garbage);
    CHECK(unreadable);
    CHECK(not_a_db ==
          garbage + ": cannot read the history: file is not a database; nothing in it was changed");
    CHECK(file_bytes(garbage) == before);
    CHECK_FALSE(std::filesystem::exists(garbage + "-wal"));

    const std::string newer = folder + "/newer.db";
    history::Store(newer).add(sample_session("2026-12-01"));
    sqlite_exec(newer, "PRAGMA user_version = 7");
    const auto [newer_message, newer_unreadable] = open_error(newer);
    CHECK(newer_unreadable);
    CHECK(newer_message == newer +
                             ": written by a newer backplan (history schema 7; this one reads up to 1); "
                             "nothing in it was changed");

    const std::string foreign = folder + "/foreign.db";
    sqlite_exec(foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')");
    const auto [foreign_message, foreign_unreadable] = open_error(foreign);
    CHECK(foreign_unreadable);
    CHECK(foreign_message ==
          foreign + ": not a backplan history (it holds other tables); nothing in it was changed");

    // A history whose pages were overwritten in the middle.
    const std::string damaged = folder + "/damaged.db";
    {
      history::Store store(damaged);
      for (int i = 0; i < 200; ++i) {
        store.add(sample_session("2026-12-01"));
      }
    }
    sqlite_exec(damaged, "PRAGMA wal_checkpoint(TRUNCATE)");
    {
      std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
      file.seekp(4096 * 3);
      const std::string noise(4096 * 4, '\x5a');
      file.write(noise.data(), static_cast<std::streamsize>(noise.size()));
    }
    const auto damaged_before = file_bytes(damaged);
    const auto [damaged_message, damaged_unreadable] = open_error(damaged);
    CHECK(damaged_unreadable);
    CHECK(damaged_message.starts_with(damaged + ": "));
    CHECK(damaged_message.ends_with("; nothing in it was changed"));
    CHECK(file_bytes(damaged) == damaged_before);
  }
}
