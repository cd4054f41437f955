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
  if (conditions.terms.empty()) {
    return "The catalog in use has no conditions.";
  }
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

void add_condition_flags(CLI::App& command, PlanOptions& options, Context& context)
{
  context.condition_flags[command.get_name()] = &options.condition_flags;
  // Written only when shown: the catalog is loaded for the help alone, once
  // the options that select it are parsed. CLI11 shows the callback's text,
  // a new line, then the fixed footer.
  command.footer([&context] { return conditions_footer(context.loaded().catalog.conditions); });
  command.footer("Run 'backplan conditions' to see what each one changes.");
}

const catalog::Term* flagged_condition(const catalog::Catalog& catalog, std::string_view word)
{
  if (!word.starts_with("--")) {
    return nullptr;
  }
  word.remove_prefix(2);
  return catalog.conditions.resolve(word.substr(0, word.find('=')));
}

std::string condition_flag_description(const catalog::Term& condition)
{
  return condition.qualifier ? fmt::format("same as --condition {}[={}] ({})", condition.id,
                                           upper(condition.qualifier->name), condition.name)
                             : fmt::format("same as --condition {} ({})", condition.id, condition.name);
}

std::vector<std::string_view> condition_flag_names(const catalog::Term& condition)
{
  std::vector<std::string_view> names = {condition.id};
  names.insert(names.end(), condition.aliases.begin(), condition.aliases.end());
  return names;
}

} // namespace backplan::cli
