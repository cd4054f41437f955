#include "cli/plan_options.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::cli {

namespace {

/// `text` with ASCII letters in upper case, for a value's placeholder (WEEKS).
std::string upper(std::string text)
{
  for (char& c : text) {
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return text;
}

/// The help's footer on the conditions, each id and alias also a flag.
std::string conditions_footer(const catalog::Vocabulary& conditions)
{
  std::vector<std::string> entries;
  for (const auto& term : conditions.terms) {
    entries.push_back(term.aliases.empty() ? term.id
                                           : fmt::format("{} ({})", term.id, util::join(term.aliases, ", ")));
  }
  std::string footer = "Conditions, each id and alias also a flag (--knee, --sciatica):";
  for (const auto& line : util::wrap(util::join(entries, ", "), 76)) {
    footer += "\n  " + line;
  }
  return footer;
}

} // namespace

/// A flag for every condition id and alias (--knee, --sciatica) that the
/// command line uses (Context::builds_flag: a catalog may hold hundreds,
/// and each costs start-up time); hidden from the option list, which the
/// help's footer, written only when shown, replaces with the conditions.
void add_condition_flags(CLI::App& command, PlanOptions& options, const Context& context,
                         const catalog::Vocabulary& conditions)
{
  for (const auto& term : conditions.terms) {
    for (const std::string_view name : condition_flag_names(term)) {
      if (!context.builds_flag(name)) {
        continue;
      }
      try {
        // --knee, or --hip-replacement=anterior: a value is checked with the
        // condition's qualifier (resolve_conditions), so that a wrong one
        // gets the same message as with -c.
        command
          .add_option_function<std::vector<std::string>>(
            fmt::format("--{}", name),
            [&options, id = term.id](const std::vector<std::string>& values) {
              // Every value of every use: two different ones are an error
              // for resolve_conditions to report.
              bool valued = false;
              for (const auto& value : values) {
                if (!value.empty()) {
                  options.condition_flags.push_back(id + "=" + value);
                  valued = true;
                }
              }
              if (!valued) {
                options.condition_flags.push_back(id);
              }
            },
            term.qualifier ? fmt::format("same as --condition {}[={}] ({})", term.id,
                                         upper(term.qualifier->name), term.name)
                           : fmt::format("same as --condition {} ({})", term.id, term.name))
          ->expected(0, 1)
          ->allow_extra_args(false)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->group("");
      } catch (const CLI::OptionAlreadyAdded&) {
        // A user catalog's condition named like an option keeps only -c ID.
      }
    }
  }
  if (!conditions.terms.empty()) {
    // CLI11 shows the callback's text, a new line, then the fixed footer.
    command.footer([&conditions] { return conditions_footer(conditions); });
    command.footer("Run 'backplan conditions' to see what each one changes.");
  }
}

std::vector<std::string_view> condition_flag_names(const catalog::Term& condition)
{
  std::vector<std::string_view> names = {condition.id};
  names.insert(names.end(), condition.aliases.begin(), condition.aliases.end());
  return names;
}

} // namespace backplan::cli
