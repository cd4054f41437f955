#pragma once

#include "cli/context.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>

namespace backplan::cli {

/// backplan's command line, read by CLI11 alone: the global options (which
/// count wherever they stand), the commands and their options, bound to a
/// Context. What CLI11 leaves over, the condition flags (--knee) and any
/// mistake, is read after the parse against the catalog the parsed options
/// select.
class Parser
{
public:
  /// The command tree bound to `context`, which must outlive it. A
  /// command's options are added when the parser meets its word, or all at
  /// once when `every_command` (completion reads them all).
  Parser(Context& context, bool every_command);

  /// Parses the program's arguments into the context and the chosen
  /// command's options. Returns the exit status when --help or --version
  /// printed its text, nothing when the command is to run; throws a usage
  /// Failure for anything else.
  std::optional<int> parse(int argc, char** argv);

  /// Runs the chosen command's work.
  void run() const;

  /// The CLI11 tree, for completion to parse a command line being typed.
  CLI::App& app() { return m_app; }

private:
  /// The command the command line chose (its innermost subcommand, as
  /// `programme init`), or nullptr.
  const CLI::App* command() const;
  /// "backplan COMMAND --help" for the chosen command, else "backplan --help".
  std::string help() const;
  /// A usage error when no command was chosen and a left-over word stands
  /// where its name should.
  void reject_unknown_command() const;
  /// The usage error for `word`, which stands where a command's name should.
  [[noreturn]] void unknown_command(const std::string& word) const;
  /// Hands the chosen command its condition flags from what CLI11 left
  /// over; a usage error for anything else left over.
  void resolve_leftovers() const;
  /// The usage error for the left-over option `word`.
  [[noreturn]] void reject_option(const std::string& word, bool before_command) const;
  /// The options a mistyped one may have meant: the chosen command's, its
  /// condition flags, and the global ones.
  std::vector<std::string> option_names() const;

  /// "--setting desk" for `desk` given as an option (--desk): the option of
  /// this command whose value the word is, if any.
  std::optional<std::string> value_as_option(const std::string& word) const;

  Context& m_context;
  CLI::App m_app;
  std::string m_color = "auto";
  std::map<const CLI::App*, Runner> m_runners;
  std::size_t m_leftovers_before_command = 0; ///< what was left over when the command word came
};

} // namespace backplan::cli
