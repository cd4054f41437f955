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
    if (const auto it = values.find(key); it != values.end()) {
      std::vector<Location> places;
      field = reader.strings(it->second, true, &places);
      ok = ok && field.size() == places.size() && !field.empty();
      for (std::size_t i = 0; target != nullptr && i < field.size(); ++i) {
        references.push_back({target, noun, field[i], places[i], &diagnostics});
      }
    }
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
  read.term_list("loads", term.loads, &Catalog::loads, "load");
  read.term_list("signs", term.signs, nullptr, nullptr);
  read.term_list("sources", term.sources, &Catalog::sources, "source");
  read.setting(term);
  read.aliases(term);
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
  const auto top_keys = reader.keys(root, {{spec.name, true}}, top, "the vocabulary file");
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
