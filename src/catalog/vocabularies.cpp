#include "catalog/vocabularies.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::catalog {

namespace {

/// The fields of one vocabulary entry read into a Term, each problem
/// reported at its node; `ok` turns false at the first field that fails.
struct EntryReader {
  FileReader& reader;
  const Entries& values;
  std::vector<Diagnostic>& diagnostics;
  std::vector<TermReference>& references;
  bool ok = true;

  void id(Term& term)
  {
    if (const auto it = values.find("id"); it != values.end()) {
      const auto value = reader.id(it->second);
      ok = ok && value.has_value();
      term.id = value.value_or("");
      term.where = reader.at(it->second.second);
    } else {
      ok = false;
    }
  }

  void text(const char* key, std::string& field)
  {
    if (const auto it = values.find(key); it != values.end()) {
      const auto value = reader.string(it->second);
      ok = ok && value.has_value();
      field = value.value_or("");
    }
  }

  void number(const char* key, int highest, int& field)
  {
    if (const auto it = values.find(key); it != values.end()) {
      const auto value = reader.integer(it->second.second, key);
      if (value && (*value < 0 || *value > highest)) {
        reader.error(it->second.second,
                     fmt::format("'{}' must be from 0 to {}, found {}", key, highest, *value));
      }
      ok = ok && value && *value >= 0 && *value <= highest;
      field = value.value_or(0);
    }
  }

  /// A list; one that names terms of another vocabulary (`target`) is
  /// checked once every vocabulary has been read.
  void term_list(const char* key, std::vector<std::string>& field, Vocabulary Catalog::*target,
                 const char* noun)
  {
    term_list_of(values, key, field, target, noun);
  }

  /// A non-empty list at `key` of `entries`, when present; one that names
  /// terms of another vocabulary (`target`) is checked once every
  /// vocabulary has been read.
  void term_list_of(const Entries& entries, const char* key, std::vector<std::string>& field,
                    Vocabulary Catalog::*target, const char* noun)
  {
    if (const auto it = entries.find(key); it != entries.end()) {
      std::vector<Location> places;
      field = reader.strings(it->second, true, &places);
      ok = ok && field.size() == places.size() && !field.empty();
      for (std::size_t i = 0; target != nullptr && i < field.size() && i < places.size(); ++i) {
        references.push_back({target, noun, field[i], places[i], &diagnostics});
      }
    }
  }

  void flag(const char* key, bool& field)
  {
    if (const auto it = values.find(key); it != values.end()) {
      const auto value = reader.boolean(it->second);
      ok = ok && value.has_value();
      field = value.value_or(false);
    }
  }

  /// A mapping under `key`, or nothing after reporting why not.
  std::optional<Entries> mapping(const Entry& entry, const std::vector<KeySpec>& specs,
                                 const std::string& what)
  {
    const auto& [key, value] = entry;
    if (!value.IsMap()) {
      reader.error(value.IsNull() ? key : value,
                   fmt::format("'{}' must be a mapping, found {}", key.Scalar(), describe(value)));
      ok = false;
      return std::nullopt;
    }
    return reader.keys(value, specs, reader.at(value), what);
  }

  /// A list of mappings under `key`, each read by `read_one`.
  template<class Read>
  void mappings(const Entry& entry, const char* noun, Read read_one)
  {
    const auto& [key, list] = entry;
    if (!list.IsSequence() || list.size() == 0) {
      reader.error(list.IsNull() ? key : list,
                   fmt::format("'{}' must be a non-empty list, found {}", key.Scalar(), describe(list)));
      ok = false;
      return;
    }
    for (const auto& item : list) {
      if (!item.IsMap()) {
        reader.error(item, fmt::format("each {} must be a mapping, found {}", noun, describe(item)));
        ok = false;
        continue;
      }
      read_one(item);
    }
  }

  /// A string at `key` of `entries` into `field`, when present.
  bool text_of(const Entries& entries, const char* key, std::string& field)
  {
    if (const auto it = entries.find(key); it != entries.end()) {
      const auto value = reader.string(it->second);
      field = value.value_or("");
      return value.has_value();
    }
    return true;
  }

  /// A whole number from `lowest` to `highest` at `key` of `entries`, when present.
  bool number_of(const Entries& entries, const char* key, int lowest, int highest, int& field)
  {
    if (const auto it = entries.find(key); it != entries.end()) {
      const auto value = reader.integer(it->second.second, key);
      if (value && (*value < lowest || *value > highest)) {
        reader.error(it->second.second,
                     fmt::format("'{}' must be from {} to {}, found {}", key, lowest, highest, *value));
        return false;
      }
      field = value.value_or(0);
      return value.has_value();
    }
    return true;
  }

  QualifierValue qualifier_value(const YAML::Node& item)
  {
    const auto entries = reader.keys(item, qualifier_value_keys, reader.at(item), "a qualifier value");
    QualifierValue value;
    value.where = reader.at(item);
    if (const auto it = entries.find("id"); it != entries.end()) {
      const auto id = reader.id(it->second);
      ok = ok && id.has_value();
      value.id = id.value_or("");
      value.where = reader.at(it->second.second);
    } else {
      ok = false;
    }
    ok = text_of(entries, "description", value.description) && ok;
    ok = text_of(entries, "refer", value.refer) && ok;
    term_list_of(entries, "limit_positions", value.limit_positions, &Catalog::positions, "position");
    ok = number_of(entries, "from", 0, 1000, value.from) && ok;
    ok = number_of(entries, "limit_seconds", 1, 3600, value.limit_seconds) && ok;
    if (entries.contains("limit_positions") != entries.contains("limit_seconds")) {
      reader.error(value.where, "'limit_positions' and 'limit_seconds' go together");
      ok = false;
    }
    return value;
  }

  void qualifier(Term& term)
  {
    const auto it = values.find("qualifier");
    if (it == values.end()) {
      return;
    }
    const auto entries = mapping(it->second, qualifier_keys, "'qualifier'");
    if (!entries) {
      return;
    }
    Qualifier qualifier;
    ok = text_of(*entries, "name", qualifier.name) && ok;
    ok = text_of(*entries, "default", qualifier.default_value) && ok;
    if (const auto list = entries->find("values"); list != entries->end()) {
      mappings(list->second, "qualifier value", [&](const YAML::Node& item) {
        auto value = qualifier_value(item);
        if (qualifier.find(value.id) != nullptr) {
          reader.error(value.where, fmt::format("duplicate qualifier value '{}'", value.id));
          ok = false;
        }
        qualifier.values.push_back(std::move(value));
      });
    }
    if (const auto def = entries->find("default");
        def != entries->end() && !qualifier.default_value.empty() && !qualifier.values.empty() &&
        qualifier.find(qualifier.default_value) == nullptr) {
      reader.error(def->second.second,
                   fmt::format("'default' must be one of the values, found '{}'", qualifier.default_value));
      ok = false;
    }
    term.qualifier = std::move(qualifier);
  }

  void phase(Term& term)
  {
    const auto it = values.find("early_phase");
    if (it == values.end()) {
      return;
    }
    const auto entries = mapping(it->second, phase_keys, "'early_phase'");
    if (!entries) {
      return;
    }
    Phase phase;
    ok = text_of(*entries, "name", phase.name) && ok;
    ok = text_of(*entries, "lifted_by", phase.lifted_by) && ok;
    term_list_of(*entries, "positions", phase.positions, &Catalog::positions, "position");
    if (const auto list = entries->find("exercises"); list != entries->end()) {
      phase.exercises = reader.strings(list->second, true, &phase.exercise_where);
      ok = ok && phase.exercises.size() == phase.exercise_where.size() && !phase.exercises.empty();
    }
    if (phase.positions.empty() && phase.exercises.empty()) {
      reader.error(it->second.first, "'early_phase' needs 'positions', 'exercises' or both");
      ok = false;
    }
    term.phase = std::move(phase);
  }

  void condition_signs(Term& term)
  {
    const auto it = values.find("red_flags");
    if (it == values.end()) {
      return;
    }
    mappings(it->second, "red flag", [&](const YAML::Node& item) {
      const auto entries = reader.keys(item, condition_sign_keys, reader.at(item), "a red flag");
      ConditionSign sign;
      sign.where = reader.at(item);
      ok = entries.contains("tier") && entries.contains("sign") && entries.contains("source") && ok;
      ok = text_of(entries, "tier", sign.tier) && ok;
      ok = text_of(entries, "sign", sign.text) && ok;
      ok = text_of(entries, "source", sign.source) && ok;
      if (!sign.source.empty() && sign.source != general_guidance) {
        references.push_back(
          {&Catalog::sources, "source", sign.source, reader.at(entries.at("source").second), &diagnostics});
      }
      if (!sign.tier.empty()) {
        references.push_back({&Catalog::red_flags, "red-flag tier", sign.tier,
                              reader.at(entries.at("tier").second), &diagnostics});
      }
      term.red_flags.push_back(std::move(sign));
    });
  }

  void setting(const Term& term)
  {
    if (const auto it = values.find("setting");
        it != values.end() && !term.setting.empty() &&
        std::find(settings.begin(), settings.end(), term.setting) == settings.end()) {
      reader.error(it->second.second,
                   fmt::format("'setting' must be floor, seated or standing, found '{}'", term.setting));
      ok = false;
    }
  }

  void left_out_signs(Term& term)
  {
    if (const auto it = values.find("leaves_out_signs"); it != values.end()) {
      std::vector<Location> places;
      term.leaves_out_signs = reader.strings(it->second, false, &places);
      term.leaves_out_where = places;
    }
  }

  void aliases(Term& term)
  {
    if (const auto it = values.find("aliases"); it != values.end()) {
      std::vector<Location> places;
      term.aliases = reader.strings(it->second, false, &places);
      term.alias_where = places;
      for (std::size_t i = 0; i < term.aliases.size(); ++i) {
        if (!is_valid_id(term.aliases[i])) {
          reader.error(places[i], fmt::format("alias '{}' must be lowercase letters, digits and "
                                              "single hyphens",
                                              term.aliases[i]));
          ok = false;
        }
      }
    }
  }
};

/// One entry of a vocabulary file; the term when every field is good.
std::optional<Term> read_term(const YAML::Node& entry, const VocabularySpec& spec, FileReader& reader,
                              std::vector<Diagnostic>& diagnostics, std::vector<TermReference>& references)
{
  const auto values = reader.keys(entry, spec.keys, reader.at(entry), fmt::format("a {}", spec.noun));
  Term term;
  term.where = reader.at(entry);
  EntryReader read{reader, values, diagnostics, references};
  read.id(term);
  read.text("name", term.name);
  read.text("description", term.description);
  read.text("citation", term.citation);
  read.text("setting", term.setting);
  read.text("group", term.group);
  read.number("share", 100, term.share);
  read.number("min_hold", 600, term.min_hold);
  read.text("advice", term.advice);
  read.text("action", term.action);
  read.term_list("protects", term.protects, &Catalog::loads, "load");
  read.term_list("includes", term.includes, &Catalog::conditions, "condition");
  read.flag("on_request", term.on_request);
  read.flag("back", term.back);
  read.flag("opens", term.opens);
  read.flag("closes", term.closes);
  read.flag("relaxed", term.relaxed);
  read.qualifier(term);
  read.phase(term);
  read.condition_signs(term);
  read.term_list("loads", term.loads, &Catalog::loads, "load");
  read.term_list("signs", term.signs, nullptr, nullptr);
  read.term_list("phrases", term.phrases, nullptr, nullptr);
  read.term_list("sources", term.sources, &Catalog::sources, "source");
  read.setting(term);
  read.aliases(term);
  read.left_out_signs(term);
  // A kind's advice is printed in every plan that holds the kind: it names
  // where it comes from.
  if (std::string_view(spec.name) == "kinds" && values.contains("advice") && !values.contains("sources")) {
    reader.error(values.at("advice").second,
                 "a kind's 'advice' needs 'sources': the source ids it comes from");
    read.ok = false;
  }
  if (!read.ok || !values.contains("id")) {
    return std::nullopt;
  }
  return term;
}

/// The list of a vocabulary file's entries under its one top-level key, or
/// nothing after reporting why not.
std::optional<YAML::Node> entry_list(const YAML::Node& root, const VocabularySpec& spec, FileReader& reader)
{
  if (!root.IsMap()) {
    reader.error(root,
                 fmt::format("expected a mapping with the key '{}', found {}", spec.name, describe(root)));
    return std::nullopt;
  }
  const Location top{reader.file(), 1, 1};
  if (!readable_format(root, reader)) {
    return std::nullopt;
  }
  const auto top_keys =
    reader.keys(root, {{spec.name, true}, {format_key, false}}, top, "the vocabulary file");
  const auto entries = top_keys.find(spec.name);
  if (entries == top_keys.end()) {
    return std::nullopt;
  }
  const auto& [list_key, list] = entries->second;
  if (!list.IsSequence()) {
    reader.error(list.IsNull() ? list_key : list,
                 fmt::format("'{}' must be a list, found {}", spec.name, describe(list)));
    return std::nullopt;
  }
  return list;
}

} // namespace

void read_vocabulary(const YAML::Node& root, const VocabularySpec& spec, FileReader& reader, Catalog& catalog,
                     std::map<std::string, Location>& seen_in_layer, std::vector<Diagnostic>& diagnostics,
                     std::vector<TermReference>& references)
{
  const auto list = entry_list(root, spec, reader);
  if (!list) {
    return;
  }
  Vocabulary& vocabulary = catalog.*spec.member;
  for (const auto& entry : *list) {
    if (!entry.IsMap()) {
      reader.error(entry, fmt::format("each {} must be a mapping, found {}", spec.noun, describe(entry)));
      continue;
    }
    auto term = read_term(entry, spec, reader, diagnostics, references);
    if (!term) {
      continue;
    }
    const std::string key = std::string(spec.name) + "/" + term->id;
    if (const auto previous = seen_in_layer.find(key); previous != seen_in_layer.end()) {
      reader.error(term->where, fmt::format("duplicate {} id '{}' (also defined at {})", spec.noun, term->id,
                                            previous->second.str()));
      continue;
    }
    seen_in_layer[key] = term->where;
    if (const int index = vocabulary.index_of(term->id); index >= 0) {
      vocabulary.terms[static_cast<std::size_t>(index)] = std::move(*term);
    } else {
      vocabulary.terms.push_back(std::move(*term));
    }
  }
}

bool check_reference(FileReader& reader, const Vocabulary& vocabulary, const char* noun,
                     const std::string& id, const Location& where)
{
  if (vocabulary.find(id) != nullptr) {
    return true;
  }
  if (const Term* term = vocabulary.resolve(id)) {
    const bool alias = std::any_of(term->aliases.begin(), term->aliases.end(),
                                   [&](const std::string& a) { return lowercase(a) == lowercase(id); });
    reader.error(where, fmt::format("'{}' is {}; use the {} id '{}'", id,
                                    alias ? "an alias" : "not written as the id", noun, term->id));
    return false;
  }
  // A near miss of an alias suggests the id the alias stands for.
  std::vector<std::string> candidates = vocabulary.ids();
  std::map<std::string, std::string> id_of;
  for (const auto& term : vocabulary.terms) {
    for (const auto& alias : term.aliases) {
      candidates.push_back(alias);
      id_of.emplace(alias, term.id);
    }
  }
  auto best = util::did_you_mean(id, candidates);
  if (best && id_of.contains(*best)) {
    best = id_of[*best];
  }
  reader.error(where, fmt::format("unknown {} '{}'{}; valid {}s: {}", noun, id,
                                  best ? fmt::format(" (did you mean '{}'?)", *best) : "", noun,
                                  util::join(vocabulary.ids(), ", ")));
  return false;
}

void check_aliases(const Vocabulary& conditions,
                   const std::function<void(const Location&, std::string)>& report)
{
  std::map<std::string, std::pair<const Term*, Location>> seen;
  for (const auto& term : conditions.terms) {
    for (std::size_t i = 0; i < term.aliases.size(); ++i) {
      const std::string key = lowercase(term.aliases[i]);
      const Location where = i < term.alias_where.size() ? term.alias_where[i] : term.where;
      const auto owner = std::find_if(conditions.terms.begin(), conditions.terms.end(),
                                      [&](const Term& other) { return lowercase(other.id) == key; });
      if (owner != conditions.terms.end()) {
        report(where, fmt::format("alias '{}' of condition '{}' is the id of condition '{}'", term.aliases[i],
                                  term.id, owner->id));
        continue;
      }
      if (const auto previous = seen.find(key); previous != seen.end()) {
        if (previous->second.first != &term) {
          report(where, fmt::format("alias '{}' of condition '{}' is also an alias of condition "
                                    "'{}' (at {})",
                                    term.aliases[i], term.id, previous->second.first->id,
                                    previous->second.second.str()));
        }
        continue;
      }
      seen.emplace(key, std::pair{&term, where});
    }
  }
}

} // namespace backplan::catalog
