#include "history/store.hpp"

#include "util/files.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sqlite3.h>
#include <system_error>
#include <utility>

namespace backplan::history {

namespace {

/// The schema of each version, applied in turn from the file's
/// user_version up to schema_version.
const char* const migrations[] = {
  // 1: sessions and their items.
  R"(CREATE TABLE session (
       id INTEGER PRIMARY KEY,
       started TEXT NOT NULL,
       day TEXT NOT NULL,
       kind TEXT NOT NULL CHECK (kind IN ('run', 'log')),
       request TEXT NOT NULL,
       seed TEXT NOT NULL,
       planned_seconds INTEGER NOT NULL,
       spent_seconds INTEGER NOT NULL,
       pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
       pain INTEGER CHECK (pain BETWEEN 0 AND 10),
       effort INTEGER CHECK (effort BETWEEN 0 AND 10),
       morning_pain INTEGER CHECK (morning_pain BETWEEN 0 AND 10),
       note TEXT NOT NULL DEFAULT '');
     CREATE INDEX session_day ON session (day);
     CREATE TABLE item (
       session INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
       position INTEGER NOT NULL,
       exercise TEXT NOT NULL,
       name TEXT NOT NULL,
       dose TEXT NOT NULL,
       outcome TEXT NOT NULL CHECK (outcome IN ('done', 'partly', 'skipped', 'not-reached')),
       PRIMARY KEY (session, position));)",
};
static_assert(std::size(migrations) == schema_version);

/// A failure of `db` while doing `what`: unreadable when SQLite says the
/// file is not a database or is damaged.
HistoryError failure(sqlite3* db, const std::string& path, const std::string& what)
{
  const int code = db != nullptr ? sqlite3_extended_errcode(db) & 0xff : SQLITE_CANTOPEN;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  const bool unreadable = code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
  return HistoryError(
    fmt::format("{}: {}: {}{}", path, what, message, unreadable ? "; nothing in it was changed" : ""),
    unreadable);
}

/// One prepared statement, finalized when it goes.
class Statement
{
public:
  Statement(sqlite3* db, const std::string& path, const char* sql) : m_db(db), m_path(path)
  {
    if (sqlite3_prepare_v2(db, sql, -1, &m_statement, nullptr) != SQLITE_OK) {
      throw failure(db, path, "cannot read the history");
    }
  }
  ~Statement() { sqlite3_finalize(m_statement); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& text)
  {
    sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t value)
  {
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
  }
  Statement& bind(int index, const std::optional<int>& value)
  {
    value ? sqlite3_bind_int(m_statement, index, *value) : sqlite3_bind_null(m_statement, index);
    return *this;
  }

  /// Steps once: true while there is a row.
  bool step(const char* what)
  {
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) {
      return true;
    }
    if (code != SQLITE_DONE) {
      throw failure(m_db, m_path, what);
    }
    return false;
  }

  std::string text(int column) const
  {
    const auto* bytes = sqlite3_column_text(m_statement, column);
    return bytes != nullptr ? reinterpret_cast<const char*>(bytes) : "";
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_statement, column); }
  std::optional<int> rating(int column) const
  {
    if (sqlite3_column_type(m_statement, column) == SQLITE_NULL) {
      return std::nullopt;
    }
    return sqlite3_column_int(m_statement, column);
  }

private:
  sqlite3* m_db;
  const std::string& m_path;
  sqlite3_stmt* m_statement = nullptr;
};

void execute(sqlite3* db, const std::string& path, const char* sql, const char* what)
{
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw failure(db, path, what);
  }
}

/// Runs `work` in one write transaction (taken at once, so that two writers
/// wait for each other rather than fail halfway), rolled back if it throws.
template<class Work>
auto in_transaction(sqlite3* db, const std::string& path, const char* what, Work work)
{
  execute(db, path, "BEGIN IMMEDIATE", what);
  try {
    auto result = work();
    execute(db, path, "COMMIT", what);
    return result;
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

int user_version(sqlite3* db, const std::string& path)
{
  Statement version(db, path, "PRAGMA user_version");
  version.step("cannot read the history");
  return static_cast<int>(version.integer(0));
}

/// Brings the schema up to schema_version, or refuses a file that is newer
/// or is some other program's database.
void migrate(sqlite3* db, const std::string& path)
{
  const int version = user_version(db, path);
  if (version > schema_version) {
    throw HistoryError(fmt::format("{}: written by a newer backplan (history schema {}; this one reads up to "
                                   "{}); nothing in it was changed",
                                   path, version, schema_version),
                       true);
  }
  if (version == schema_version) {
    return;
  }
  in_transaction(db, path, "cannot set up the history", [&] {
    if (version == 0) {
      Statement tables(db, path, "SELECT count(*) FROM sqlite_schema");
      tables.step("cannot read the history");
      if (tables.integer(0) != 0) {
        throw HistoryError(
          fmt::format("{}: not a backplan history (it holds other tables); nothing in it was changed", path),
          true);
      }
    }
    for (int next = version; next < schema_version; ++next) {
      execute(db, path, migrations[next], "cannot set up the history");
    }
    execute(db, path, fmt::format("PRAGMA user_version = {}", schema_version).c_str(),
            "cannot set up the history");
    return 0;
  });
}

} // namespace

const char* outcome_name(Outcome outcome)
{
  switch (outcome) {
  case Outcome::done:
    return "done";
  case Outcome::partly:
    return "partly";
  case Outcome::skipped:
    return "skipped";
  case Outcome::not_reached:
    break;
  }
  return "not-reached";
}

std::optional<Outcome> outcome_named(const std::string& name)
{
  for (const auto outcome : {Outcome::done, Outcome::partly, Outcome::skipped, Outcome::not_reached}) {
    if (name == outcome_name(outcome)) {
      return outcome;
    }
  }
  return std::nullopt;
}

std::size_t Session::done() const
{
  std::size_t count = 0;
  for (const auto& item : items) {
    count += item.outcome == Outcome::done ? 1 : 0;
  }
  return count;
}

std::optional<std::filesystem::path> default_path()
{
  const auto folder = util::user_folder("XDG_DATA_HOME", ".local/share");
  if (!folder) {
    return std::nullopt;
  }
  return *folder / "history.db";
}

Store::Store(const std::filesystem::path& path) : m_path(path)
{
  const std::string name = path.string();
  std::error_code error;
  if (path.has_parent_path()) {
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw HistoryError(fmt::format("{}: cannot make its folder: {}", name, error.message()), false);
    }
  }
  if (sqlite3_open_v2(name.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const HistoryError opened = failure(m_db, name, "cannot open the history");
    sqlite3_close(m_db);
    m_db = nullptr;
    throw opened;
  }
  try {
    sqlite3_busy_timeout(m_db, 10000);
    // Reading the schema first finds a file that is not a database before
    // the journal mode is touched.
    migrate(m_db, name);
    Statement wal(m_db, name, "PRAGMA journal_mode = WAL");
    wal.step("cannot open the history");
    execute(m_db, name, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", "cannot open the history");
  } catch (...) {
    sqlite3_close(m_db);
    m_db = nullptr;
    throw;
  }
}

Store::~Store() { sqlite3_close(m_db); }

Store::Store(Store&& other) noexcept
    : m_path(std::move(other.m_path)), m_db(std::exchange(other.m_db, nullptr))
{}

Store& Store::operator=(Store&& other) noexcept
{
  std::swap(m_path, other.m_path);
  std::swap(m_db, other.m_db);
  return *this;
}

std::int64_t Store::add(const Session& session)
{
  const std::string name = m_path.string();
  const char* what = "cannot record the session";
  return in_transaction(m_db, name, what, [&] {
    Statement insert(
      m_db, name,
      "INSERT INTO session (started, day, kind, request, seed, planned_seconds, spent_seconds, "
      "pain_before, pain, effort, morning_pain, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, session.started).bind(2, session.day).bind(3, session.kind).bind(4, session.request);
    insert.bind(5, session.seed).bind(6, std::int64_t{session.planned_seconds});
    insert.bind(7, std::int64_t{session.spent_seconds}).bind(8, session.ratings.pain_before);
    insert.bind(9, session.ratings.pain).bind(10, session.ratings.effort);
    insert.bind(11, session.ratings.morning_pain).bind(12, session.note);
    insert.step(what);
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    for (std::size_t i = 0; i < session.items.size(); ++i) {
      const auto& item = session.items[i];
      Statement row(
        m_db, name,
        "INSERT INTO item (session, position, exercise, name, dose, outcome) VALUES (?, ?, ?, ?, ?, ?)");
      row.bind(1, id).bind(2, static_cast<std::int64_t>(i + 1)).bind(3, item.exercise).bind(4, item.name);
      row.bind(5, item.dose).bind(6, std::string(outcome_name(item.outcome)));
      row.step(what);
    }
    return id;
  });
}

std::vector<Session> Store::sessions() const
{
  const std::string name = m_path.string();
  const char* what = "cannot read the history";
  std::vector<Session> out;
  Statement rows(
    m_db, name,
    "SELECT id, started, day, kind, request, seed, planned_seconds, spent_seconds, pain_before, pain, "
    "effort, morning_pain, note FROM session ORDER BY started, id");
  while (rows.step(what)) {
    Session s;
    s.id = rows.integer(0);
    s.started = rows.text(1);
    s.day = rows.text(2);
    s.kind = rows.text(3);
    s.request = rows.text(4);
    s.seed = rows.text(5);
    s.planned_seconds = static_cast<int>(rows.integer(6));
    s.spent_seconds = static_cast<int>(rows.integer(7));
    s.ratings = {rows.rating(8), rows.rating(9), rows.rating(10), rows.rating(11)};
    s.note = rows.text(12);
    out.push_back(std::move(s));
  }
  Statement items(m_db, name,
                  "SELECT session, exercise, name, dose, outcome FROM item ORDER BY session, position");
  std::size_t at = 0;
  std::vector<std::size_t> by_order(out.size());
  std::vector<std::pair<std::int64_t, std::size_t>> index;
  for (std::size_t i = 0; i < out.size(); ++i) {
    index.emplace_back(out[i].id, i);
  }
  std::sort(index.begin(), index.end());
  while (items.step(what)) {
    const std::int64_t session = items.integer(0);
    while (at < index.size() && index[at].first < session) {
      ++at;
    }
    if (at < index.size() && index[at].first == session) {
      out[index[at].second].items.push_back(
        {items.text(1), items.text(2), items.text(3), outcome_named(items.text(4)).value_or(Outcome::done)});
    }
  }
  return out;
}

std::optional<Session> Store::remove_last()
{
  const std::string name = m_path.string();
  return in_transaction(m_db, name, "cannot remove the session", [&]() -> std::optional<Session> {
    auto all = sessions();
    if (all.empty()) {
      return std::nullopt;
    }
    const auto newest = std::max_element(all.begin(), all.end(),
                                         [](const Session& a, const Session& b) { return a.id < b.id; });
    Statement remove(m_db, name, "DELETE FROM session WHERE id = ?");
    remove.bind(1, newest->id).step("cannot remove the session");
    return *newest;
  });
}

std::optional<Session> Store::rate_morning(int pain, const std::string& today)
{
  const std::string name = m_path.string();
  return in_transaction(m_db, name, "cannot record the morning's pain", [&]() -> std::optional<Session> {
    auto all = sessions();
    std::optional<Session> last;
    for (auto& session : all) {
      if (session.day < today) {
        last = std::move(session);
      }
    }
    if (!last) {
      return std::nullopt;
    }
    Statement update(m_db, name, "UPDATE session SET morning_pain = ? WHERE id = ?");
    update.bind(1, std::optional<int>(pain)).bind(2, last->id).step("cannot record the morning's pain");
    last->ratings.morning_pain = pain;
    return last;
  });
}

std::string Store::integrity() const
{
  const std::string name = m_path.string();
  Statement check(m_db, name, "PRAGMA integrity_check");
  std::string out;
  while (check.step("cannot check the history")) {
    out += (out.empty() ? "" : "\n") + check.text(0);
  }
  return out;
}

void Store::limit_pages(int pages)
{
  execute(m_db, m_path.string(), fmt::format("PRAGMA max_page_count = {}", pages).c_str(),
          "cannot limit the history");
}

} // namespace backplan::history
