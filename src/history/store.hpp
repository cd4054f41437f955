#pragma once

#include "history/model.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace backplan::history {

/// A history database that cannot be used. `unreadable`: it is not a
/// backplan history, is damaged, or is of a newer schema (nothing in it
/// was changed); otherwise writing failed (a full disk, a busy database),
/// and the sessions recorded before are intact.
class HistoryError : public std::runtime_error
{
public:
  HistoryError(const std::string& message, bool unreadable)
      : std::runtime_error(message), m_unreadable(unreadable)
  {}
  bool unreadable() const { return m_unreadable; }

private:
  bool m_unreadable;
};

/// The newest schema this program reads and writes (`PRAGMA user_version`).
inline constexpr int schema_version = 1;

/// Where the history is kept: $XDG_DATA_HOME/backplan/history.db, else
/// ~/.local/share/backplan/history.db; nothing without either variable.
std::optional<std::filesystem::path> default_path();

/// The sessions of one history database, in SQLite: WAL mode, each change
/// in one transaction, the schema made and migrated by PRAGMA user_version.
/// A file that is not a history, is damaged or is newer is never changed.
class Store
{
public:
  /// Opens the database at `path`, making it (and its folder) when it does
  /// not exist. Throws HistoryError.
  explicit Store(const std::filesystem::path& path);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  /// Records `session` and its items in one transaction; returns its id.
  std::int64_t add(const Session& session);

  /// Every session, oldest first, with its items.
  std::vector<Session> sessions() const;

  /// Removes the newest session, and returns it; nothing when there is none.
  std::optional<Session> remove_last();

  /// Gives the newest session of a day before `today` its next-morning
  /// pain, and returns it; nothing when there is none.
  std::optional<Session> rate_morning(int pain, const std::string& today);

  /// SQLite's integrity check: "ok", or what is wrong.
  std::string integrity() const;

  /// Caps the database's size in pages (SQLite's max_page_count), as a full
  /// disk would: for tests.
  void limit_pages(int pages);

  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
  sqlite3* m_db = nullptr;
};

} // namespace backplan::history
