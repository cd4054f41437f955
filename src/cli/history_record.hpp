#pragma once

#include "backplan/plan/model.hpp"
#include "history/store.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace backplan::cli {

/// The ratings and note a command takes for a session (`--pain-before`,
/// `--pain`, `--effort`, `--note`), each 0 to 10 where a number.
struct RatingOptions {
  std::optional<int> pain_before;
  std::optional<int> pain;
  std::optional<int> effort;
  std::string note;
};

/// Adds --pain-before, --pain, --effort and --note (the session's, not a
/// handout's) to `command`.
void add_rating_options(CLI::App& command, RatingOptions& options);

/// A session of `plan` done today, now, with nothing done yet: each item
/// not reached, no ratings.
history::Session session_of(const plan::Plan& plan, const std::string& kind);

/// Ends the command for `error`: exit status 3 for a history it cannot
/// read, else 1, with the error's message.
[[noreturn]] void history_failure(const history::HistoryError& error);

/// The history store at history::default_path(); a Failure (exit 3 for a
/// file it cannot read, else 1) when it cannot be opened.
history::Store open_history();

/// Records `session` in the history; a Failure (as open_history) when it
/// cannot be recorded, which keeps every session recorded before.
std::int64_t record_session(const history::Session& session);

/// "Pain during the session, 0 to 10 (Enter to skip): " asked on the
/// terminal until the answer is a rating or empty; nothing for empty or the
/// end of input.
std::optional<int> ask_rating(const std::string& question);

/// `text` as a rating, 0 to 10; nothing for anything else.
std::optional<int> parse_rating(const std::string& text);

} // namespace backplan::cli
