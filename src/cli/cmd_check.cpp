#include "cli/commands.hpp"

#include "backplan/safety/notes.hpp"
#include "catalog/keys.hpp"
#include "util/exit_status.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <set>
#include <tuple>

namespace backplan::cli {

namespace {

/// "ok: N files, N exercises, ..." for what `check` looked at: the PATHs
/// alone when given (the catalog they are checked against is not counted),
/// else the whole catalog in use.
std::string summary(const catalog::LoadResult& result, const std::vector<catalog::Layer>& layers,
                    const std::vector<std::string>& paths)
{
  std::set<std::string, std::less<>> files;
  for (std::size_t i = layers.size() - paths.size(); i < layers.size(); ++i) {
    for (const auto& file : layers[i].files) {
      files.insert(file.name);
    }
  }
  const auto counted = [&](const catalog::Location& where) {
    return paths.empty() || files.contains(where.file.view());
  };
  const auto terms = [&](const catalog::Vocabulary& vocabulary) {
    return std::count_if(vocabulary.terms.begin(), vocabulary.terms.end(),
                         [&](const catalog::Term& term) { return counted(term.where); });
  };
  const auto& c = result.catalog;
  const auto exercises = std::count_if(c.exercises.begin(), c.exercises.end(),
                                       [&](const catalog::Exercise& e) { return counted(e.where); });
  return fmt::format("ok: {} files, {} exercises, {} conditions, {} regions, {} goals, {} positions\n",
                     paths.empty() ? result.file_count : files.size(), exercises, terms(c.conditions),
                     terms(c.regions), terms(c.goals), terms(c.positions));
}

/// Each exercise that puts strain on what a condition protects without a
/// rule for that condition, at its position (or its id, for its own loads).
std::vector<catalog::Diagnostic> protection_gap_diagnostics(const catalog::Catalog& catalog)
{
  std::vector<catalog::Diagnostic> out;
  for (const auto& gap : safety::protection_gaps(catalog)) {
    const auto* position = catalog.positions.find(gap.exercise->position);
    const bool from_position =
      position != nullptr &&
      std::find(position->loads.begin(), position->loads.end(), gap.load) != position->loads.end();
    if (gap.exercise->where.file.starts_with("<built-in>/")) {
      // A built-in file is not the author's to edit: the fault is reported
      // at the condition, and an overlay adds the rule.
      out.push_back(
        {catalog.conditions.find(gap.condition)->where,
         fmt::format("condition '{}' protects '{}', which built-in exercise '{}' puts strain on, but "
                     "it has no rule for '{}': add one in an overlay file ('overlay: {}', see "
                     "backplan-catalog(5))",
                     gap.condition, gap.load, gap.exercise->id, gap.condition, gap.exercise->id)});
      continue;
    }
    out.push_back(
      {from_position ? gap.exercise->position_where : gap.exercise->where,
       fmt::format("condition '{}' protects '{}', which {} puts strain on, but exercise '{}' has no "
                   "rule for '{}'",
                   gap.condition, gap.load,
                   from_position ? fmt::format("position '{}'", gap.exercise->position)
                                 : std::string("the exercise"),
                   gap.exercise->id, gap.condition)});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.where.file, a.where.line, a.where.column) <
           std::tie(b.where.file, b.where.line, b.where.column);
  });
  return out;
}

/// Each exercise of a user's catalog that puts strain on nothing (its
/// position lists no loads and it lists none of its own) and has no rule
/// for any condition: no condition's protection can ever reach it, and
/// nobody has said which conditions it suits. A warning, since a gentle
/// exercise may truly suit everyone.
std::vector<catalog::Diagnostic> unloaded_exercises(const catalog::Catalog& catalog)
{
  std::vector<catalog::Diagnostic> out;
  for (const auto& exercise : catalog.exercises) {
    if (!exercise.where.file.starts_with("<built-in>/") && catalog.loads_of(exercise).empty() &&
        exercise.contraindications.empty()) {
      out.push_back(
        {exercise.where,
         fmt::format("exercise '{}' has no rules and puts strain on nothing a condition protects "
                     "(position '{}' lists no loads and the exercise lists none): list what it loads "
                     "in 'loads' so that the conditions that protect it need a rule (see "
                     "backplan-catalog(5))",
                     exercise.id, exercise.position)});
    }
  }
  return out;
}

/// Each exercise of a user's catalog without a figure: a handout shows a
/// plain box naming its start position in place of a picture.
std::vector<catalog::Diagnostic> undrawn_exercises(const catalog::Catalog& catalog)
{
  std::vector<catalog::Diagnostic> out;
  for (const auto& exercise : catalog.exercises) {
    if (!exercise.where.file.starts_with("<built-in>/") && !exercise.details().figure) {
      out.push_back({exercise.where, fmt::format("exercise '{}' has no 'figure': handouts show a plain box "
                                                 "naming its start position instead of a picture (see "
                                                 "'figure' in backplan-catalog(5))",
                                                 exercise.id)});
    }
  }
  return out;
}

/// The paths to check: each one given, with the vocabulary files beside a
/// file given alone (in its folder, or the catalog folder above its
/// `exercises/`), so that its references are checked against them. Each
/// beside file comes before the files that use it, once.
std::vector<std::string> with_vocabularies(const std::vector<std::string>& paths)
{
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  const auto add = [&](const std::string& path) {
    if (std::find(out.begin(), out.end(), path) == out.end()) {
      out.push_back(path);
    }
  };
  for (const auto& path : paths) {
    std::error_code error;
    if (!fs::is_regular_file(path, error)) {
      add(path);
      continue;
    }
    // Its folder as written ("exercises/b.yaml" -> "exercises"), or "."
    // for a bare name; the catalog folder above by the folder's real name.
    const fs::path folder =
      fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
    std::vector<fs::path> folders{folder};
    fs::path real = fs::absolute(folder, error).lexically_normal();
    if (!real.has_filename()) {
      real = real.parent_path(); // "/x/exercises/" names "/x/exercises"
    }
    if (real.filename() == "exercises") {
      folders.push_back(folder / "..");
    }
    const auto given = [&](const fs::path& file) {
      return std::any_of(paths.begin(), paths.end(), [&](const std::string& other) {
        std::error_code ignored;
        return fs::equivalent(file, other, ignored);
      });
    };
    for (const auto& where : folders) {
      for (const auto& spec : catalog::vocabulary_specs) {
        const fs::path file = (where / (std::string(spec.name) + ".yaml")).lexically_normal();
        if (fs::is_regular_file(file, error) && !given(file)) {
          add(file.string());
        }
      }
    }
    add(path);
  }
  return out;
}

} // namespace

Runner add_check_command(CLI::App* command, Context& context)
{
  auto given = std::make_shared<std::vector<std::string>>();
  command->add_option("PATH", *given, "YAML files or directories to check")->type_name("PATH");
  return [&context, given] {
    const auto paths = std::make_shared<std::vector<std::string>>(with_vocabularies(*given));
    const auto layers = context.layers(*paths);
    const auto result = context.load(layers);
    std::string errors;
    for (const auto& diagnostic : result.errors) {
      errors += diagnostic.str() + "\n";
    }
    if (errors.empty()) {
      for (const auto& gap : protection_gap_diagnostics(result.catalog)) {
        errors += gap.str() + "\n";
      }
    }
    if (!errors.empty()) {
      throw Failure{ExitStatus::invalid_catalog, errors};
    }
    for (const auto& note : result.notes) {
      fmt::print(stderr, "backplan: note: {}\n", note);
    }
    auto warnings = unloaded_exercises(result.catalog);
    const auto undrawn = undrawn_exercises(result.catalog);
    warnings.insert(warnings.end(), undrawn.begin(), undrawn.end());
    std::stable_sort(warnings.begin(), warnings.end(), [](const auto& a, const auto& b) {
      return std::tie(a.where.file, a.where.line, a.where.column) <
             std::tie(b.where.file, b.where.line, b.where.column);
    });
    for (const auto& warning : warnings) {
      fmt::print(stderr, "{}:{}:{}: warning: {}\n", warning.where.file.view(), warning.where.line,
                 warning.where.column, warning.message);
    }
    write_output(summary(result, layers, *paths), "");
  };
}

} // namespace backplan::cli
