#include "catalog/exercises.hpp"

#include "catalog/document.hpp"
#include "catalog/exercise_fields.hpp"
#include "catalog/figure_reader.hpp"
#include "catalog/keys.hpp"
#include "catalog/vocabularies.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace backplan::catalog {

namespace {

/// Words that, earlier in the same clause, turn a phrase into what not to do.
constexpr std::array<std::string_view, 5> negations = {"never", "not", "no", "without", "don't"};

/// Whether the clause that `before` ends (from its last . ; : ! ? or ,)
/// holds a negation as a whole word ("do not", "never", "don't", ...).
bool negated(std::string_view before)
{
  const auto stop = before.find_last_of(".;:!?,");
  std::string_view clause = stop == std::string_view::npos ? before : before.substr(stop + 1);
  while (!clause.empty()) {
    const auto start = clause.find_first_not_of(" \t\n");
    if (start == std::string_view::npos) {
      break;
    }
    clause.remove_prefix(start);
    const auto end = clause.find_first_of(" \t\n");
    const std::string_view word = clause.substr(0, end);
    if (std::find(negations.begin(), negations.end(), word) != negations.end() || word.ends_with("n't")) {
      return true;
    }
    clause.remove_prefix(end == std::string_view::npos ? clause.size() : end);
  }
  return false;
}

/// Reads an exercise's figure and gives each modified pose to the 'modify'
/// contraindication of its condition.
void read_exercise_figure(FileReader& reader, const Entry& entry, Exercise& exercise)
{
  std::vector<Diagnostic> problems;
  auto block = read_figure(reader.file(), entry.first, entry.second, problems);
  for (auto& problem : problems) {
    reader.error(problem.where, std::move(problem.message));
  }
  if (!block) {
    return;
  }
  exercise.edit_details().figure = std::move(block->figure);
  for (auto& modified : block->modified) {
    const auto rule = std::find_if(exercise.contraindications.begin(), exercise.contraindications.end(),
                                   [&](const Contraindication& r) {
                                     return r.condition == modified.condition && r.action == Action::modify;
                                   });
    if (rule == exercise.contraindications.end()) {
      reader.error(modified.where, fmt::format("'modified' names '{}', but the exercise has no 'modify' "
                                               "contraindication for it",
                                               modified.condition));
      continue;
    }
    rule->figure = std::move(modified.figure);
  }
}

/// Reads the keys of one exercise's mapping into an Exercise, each problem
/// reported at its node, in the order of the format's description.
class ExerciseReader
{
public:
  ExerciseReader(FileReader& reader, const Catalog& catalog, const Entries& values)
      : m_reader(reader), m_catalog(catalog), m_values(values)
  {}

  Exercise read(const YAML::Node& root)
  {
    Exercise exercise;
    exercise.where = m_reader.at(root);
    read_identity(exercise);
    read_terms(exercise);
    read_doing(exercise);
    read_related(exercise);
    check_phrases(exercise);
    return exercise;
  }

private:
  /// A load whose `phrases` one of the exercise's texts uses (not after a
  /// negation: "never hold your breath" is fine) must be among the
  /// exercise's own loads, so that every condition protecting it needs a
  /// rule: "breathe in and hold" puts strain on a held breath.
  void check_phrases(const Exercise& exercise)
  {
    const auto& details = exercise.details();
    std::vector<const std::string*> texts = {&details.summary};
    for (const auto* list : {&details.steps, &details.cues}) {
      for (const auto& text : *list) {
        texts.push_back(&text);
      }
    }
    for (const auto* variant : {&exercise.easier, &exercise.harder}) {
      if (*variant) {
        texts.push_back(&(*variant)->text);
      }
    }
    for (const auto& load : m_catalog.loads.terms) {
      if (load.phrases.empty() ||
          std::find(exercise.loads.begin(), exercise.loads.end(), load.id) != exercise.loads.end()) {
        continue;
      }
      for (const auto* text : texts) {
        if (const auto phrase = uses_phrase(*text, load.phrases)) {
          m_reader.error(exercise.where,
                         fmt::format("exercise '{}' says \"{}\", which puts strain on '{}': keep the text "
                                     "from asking it, or list '{}' in 'loads' so that the conditions that "
                                     "protect it need a rule",
                                     exercise.id, *phrase, load.id, load.id));
          return;
        }
      }
    }
  }

  /// The entry of `key`, or nullptr when the exercise does not have it.
  const Entry* find(const char* key) const
  {
    const auto it = m_values.find(key);
    return it == m_values.end() ? nullptr : &it->second;
  }

  void text(const char* key, std::string& field)
  {
    if (const Entry* entry = find(key)) {
      field = m_reader.string(*entry).value_or("");
    }
  }

  void reference(const char* key, const Vocabulary& vocabulary, const char* noun, std::string& field)
  {
    if (const Entry* entry = find(key)) {
      if (const auto id = m_reader.string(*entry)) {
        check_reference(m_reader, vocabulary, noun, *id, m_reader.at(entry->second));
        field = *id;
      }
    }
  }

  void references(const char* key, const Vocabulary& vocabulary, const char* noun, bool non_empty,
                  std::vector<std::string>& field)
  {
    if (const Entry* entry = find(key)) {
      std::vector<Location> places;
      field = m_reader.strings(*entry, non_empty, &places);
      for (std::size_t i = 0; i < field.size(); ++i) {
        check_reference(m_reader, vocabulary, noun, field[i], places[i]);
      }
    }
  }

  /// id, name, summary, position, loads and the warning for everyone.
  void read_identity(Exercise& exercise)
  {
    if (const Entry* entry = find("id")) {
      exercise.id = m_reader.id(*entry).value_or("");
      exercise.where = m_reader.at(entry->second);
    }
    text("name", exercise.name);
    text("summary", exercise.edit_details().summary);
    reference("position", m_catalog.positions, "position", exercise.position);
    if (const Entry* entry = find("position")) {
      exercise.position_where = m_reader.at(entry->second);
    }
    std::vector<std::string> loads;
    references("loads", m_catalog.loads, "load", true, loads);
    exercise.loads = std::move(loads);
    if (const Entry* entry = find("stop_if")) {
      exercise.edit_details().stop_if = read_warning(m_reader, m_catalog, *entry);
    }
  }

  /// The vocabulary terms it is tagged with, and its sources.
  void read_terms(Exercise& exercise)
  {
    references("regions", m_catalog.regions, "region", true, exercise.regions);
    references("goals", m_catalog.goals, "goal", true, exercise.goals);
    references("movements", m_catalog.movements, "movement", false, exercise.movements);
    reference("kind", m_catalog.kinds, "kind", exercise.kind);
    reference("level", m_catalog.levels, "level", exercise.level);
    references("sources", m_catalog.sources, "source", true, exercise.sources);
  }

  /// How it is done: sides, dosage, steps and cues.
  void read_doing(Exercise& exercise)
  {
    if (const Entry* entry = find("per_side")) {
      exercise.per_side = m_reader.boolean(*entry).value_or(false);
    }
    if (const Entry* entry = find("dosage")) {
      read_dosage(m_reader, *entry, exercise.dosage);
    }
    if (const Entry* entry = find("steps")) {
      if (entry->second.IsSequence() && entry->second.size() == 0) {
        m_reader.error(entry->second, "'steps' must list at least one step");
      } else {
        exercise.edit_details().steps = m_reader.strings(*entry, true);
      }
    }
    if (const Entry* entry = find("cues")) {
      exercise.edit_details().cues = m_reader.strings(*entry, false);
    }
  }

  /// Its versions, progression, contraindications and figure.
  void read_related(Exercise& exercise)
  {
    if (const Entry* entry = find("easier")) {
      exercise.easier = read_variant(m_reader, m_catalog, *entry);
    }
    if (const Entry* entry = find("harder")) {
      exercise.harder = read_variant(m_reader, m_catalog, *entry);
    }
    if (const Entry* entry = find("progression_of")) {
      exercise.progression_of = m_reader.id(*entry).value_or("");
      exercise.progression_where = m_reader.at(entry->second);
    }
    if (const Entry* entry = find("family")) {
      exercise.family = m_reader.id(*entry).value_or("");
    }
    if (const Entry* entry = find("end_range")) {
      exercise.end_range = m_reader.boolean(*entry).value_or(false);
    }
    if (const Entry* entry = find("contraindications")) {
      read_contraindications(m_reader, m_catalog, *entry, exercise.contraindications);
    }
    if (const Entry* entry = find("figure")) {
      read_exercise_figure(m_reader, *entry, exercise);
    }
  }

  FileReader& m_reader;
  const Catalog& m_catalog;
  const Entries& m_values;
};

/// Reads a parsed exercise file; its references go to `draft` even when it
/// has faults. Whether the exercise is good is for the caller to judge from
/// the diagnostics.
std::optional<Exercise> read_exercise(const YAML::Node& root, FileReader& reader, const Catalog& catalog,
                                      ExerciseReferences& draft)
{
  if (!root.IsMap()) {
    reader.error(root, fmt::format("expected a mapping of exercise keys, found {}", describe(root)));
    return std::nullopt;
  }
  const auto values = reader.keys(root, exercise_keys, reader.at(root), "an exercise");
  Exercise exercise = ExerciseReader(reader, catalog, values).read(root);
  draft = references_of(exercise);
  return exercise;
}

/// Reads a parsed overlay file: the id of the exercise it adds to and its
/// rules.
Overlay read_overlay(const YAML::Node& root, FileReader& reader, const Catalog& catalog)
{
  const auto values = reader.keys(root, overlay_keys, reader.at(root), "an overlay");
  Overlay overlay;
  if (const auto it = values.find("overlay"); it != values.end()) {
    overlay.id = reader.id(it->second).value_or("");
    overlay.where = reader.at(it->second.second);
  }
  if (const auto it = values.find("contraindications"); it != values.end()) {
    read_contraindications(reader, catalog, it->second, overlay.contraindications);
  }
  return overlay;
}

} // namespace

std::optional<std::string> uses_phrase(std::string_view text, const std::vector<std::string>& phrases)
{
  const std::string lower = lowercase(text);
  for (const auto& phrase : phrases) {
    const std::string wanted = lowercase(phrase);
    for (auto at = lower.find(wanted); at != std::string::npos; at = lower.find(wanted, at + 1)) {
      if (!negated(std::string_view(lower).substr(0, at))) {
        return phrase;
      }
    }
  }
  return std::nullopt;
}

ExerciseReferences references_of(const Exercise& exercise)
{
  ExerciseReferences references{exercise.id, {}};
  for (const auto* variant : {&exercise.easier, &exercise.harder}) {
    if (*variant && !(*variant)->exercise.empty()) {
      references.named.push_back({(*variant)->exercise, (*variant)->where,
                                  "exercise '{}' cannot be its own easier or harder version"});
    }
  }
  if (!exercise.progression_of.empty()) {
    references.named.push_back({exercise.progression_of, exercise.progression_where,
                                "exercise '{}' cannot be a progression of itself"});
  }
  return references;
}

ExerciseFile read_exercise_file(const SourceFile& file, const Catalog& vocabularies)
{
  ExerciseFile result;
  try {
    if (const auto root = parse_document(file, result.diagnostics)) {
      FileReader reader(file.name, result.diagnostics);
      if (!readable_format(*root, reader)) {
        return result;
      }
      if (root->IsMap() && root->operator[]("overlay")) {
        auto overlay = read_overlay(*root, reader, vocabularies);
        if (result.diagnostics.empty()) {
          result.overlay = std::move(overlay);
        }
        return result;
      }
      auto exercise = read_exercise(*root, reader, vocabularies, result.references);
      if (exercise && result.diagnostics.empty()) {
        result.exercise = std::move(exercise);
      }
    }
  } catch (const std::exception& e) {
    result.diagnostics.push_back({Location{file.name, 1, 1}, fmt::format("cannot read: {}", e.what())});
  }
  return result;
}

} // namespace backplan::catalog
