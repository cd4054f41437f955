#include "cli/profile.hpp"

#include "cli/plan_options.hpp"

#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "catalog/document.hpp"
#include "catalog/file_reader.hpp"
#include "catalog/vocabularies.hpp"
#include "cli/handout_text.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>

namespace backplan::cli {

namespace {

using catalog::Entry;
using catalog::Location;

const std::vector<catalog::KeySpec> profile_keys = {
  {"conditions", false}, {"minutes", false}, {"goals", false},     {"regions", false}, {"level", false},
  {"setting", false},    {"format", false},  {"seed", false},      {"cleared", false}, {"lead_in", false},
  {"include", false},    {"exclude", false}, {"exercises", false}, {"doses", false},   {"title", false},
  {"note", false},       {"review", false}};

/// Reads the keys of a profile's mapping into a Profile, each problem
/// reported at its node.
class ProfileReader
{
public:
  ProfileReader(catalog::FileReader& reader, const catalog::Catalog& catalog, const catalog::Entries& values)
      : m_reader(reader), m_catalog(catalog), m_values(values)
  {}

  /// The entry of `key`, or nullptr when the profile does not have it.
  const Entry* find(const char* key) const
  {
    const auto it = m_values.find(key);
    return it == m_values.end() ? nullptr : &it->second;
  }

  /// A list as YAML writes it, or as the command line does: one string of
  /// items separated by commas ("knee, sciatica"), each item at its own
  /// place in a string on one line (after the quote of a quoted one).
  std::vector<std::string> list(const Entry& entry, std::vector<Location>& places)
  {
    const YAML::Node& value = entry.second;
    if (!value.IsScalar() || value.Scalar().empty()) {
      return m_reader.strings(entry, false, &places);
    }
    const std::string& text = value.Scalar();
    auto items = util::split_list(text);
    if (items.empty()) {
      m_reader.error(value,
                     fmt::format("'{}' must name at least one item, found '{}'", entry.first.Scalar(), text));
    }
    const Location start = m_reader.at(value);
    const bool one_line = text.find('\n') == std::string::npos;
    const int quote = value.Tag() == "!" ? 1 : 0; // a quoted scalar starts at its quote
    std::size_t from = 0;
    places.clear();
    for (const auto& item : items) {
      const std::size_t at = text.find(item, from);
      from = at + item.size();
      places.push_back(
        one_line ? Location(start.file, start.line, start.column + quote + static_cast<int>(at)) : start);
    }
    return items;
  }

  /// Condition names resolved to ids, each once; an unknown name is reported.
  void conditions(Profile& profile)
  {
    const Entry* entry = find("conditions");
    if (entry == nullptr) {
      return;
    }
    std::vector<Location> places;
    const auto names = list(*entry, places);
    std::vector<std::string> resolved;
    std::map<std::string, std::string> values; // condition id -> the value given
    for (std::size_t i = 0; i < names.size(); ++i) {
      const safety::Typed typed = safety::resolve_typed(m_catalog, names[i]);
      if (!typed.error.empty()) {
        m_reader.error(places[i], typed.error);
        continue;
      }
      if (typed.term == nullptr) {
        catalog::check_reference(m_reader, m_catalog.conditions, "condition",
                                 names[i].substr(0, names[i].find('=')), places[i]);
        continue;
      }
      // Kept with its value, the default too, so that a second value for
      // the same condition on the command line is an error, not a choice.
      if (!typed.value.empty()) {
        const auto [it, added] = values.emplace(typed.term->id, typed.value);
        if (!added && it->second != typed.value) {
          m_reader.error(places[i],
                         fmt::format("condition '{}' is given twice, as {} '{}' and '{}'", typed.term->id,
                                     typed.term->qualifier->name, it->second, typed.value));
          continue;
        }
      }
      const std::string id = typed.value.empty() ? typed.term->id : typed.term->id + "=" + typed.value;
      if (std::find(resolved.begin(), resolved.end(), id) == resolved.end()) {
        resolved.push_back(id);
      }
    }
    profile.conditions = std::move(resolved);
  }

  /// A list of ids of `vocabulary`.
  void ids(const char* key, const catalog::Vocabulary& vocabulary, const char* noun,
           std::optional<std::vector<std::string>>& field)
  {
    if (const Entry* entry = find(key)) {
      std::vector<Location> places;
      auto items = list(*entry, places);
      for (std::size_t i = 0; i < items.size(); ++i) {
        catalog::check_reference(m_reader, vocabulary, noun, items[i], places[i]);
      }
      field = std::move(items);
    }
  }

  /// A list of exercise ids of the catalog.
  void exercise_ids(const char* key, std::optional<std::vector<std::string>>& field)
  {
    if (const Entry* entry = find(key)) {
      std::vector<Location> places;
      auto items = list(*entry, places);
      const auto known = m_catalog.exercise_ids();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (m_catalog.find(items[i]) == nullptr) {
          m_reader.error(places[i], fmt::format("unknown exercise '{}'{}", items[i],
                                                util::did_you_mean_suffix(items[i], known)));
        }
      }
      field = std::move(items);
    }
  }

  /// Doses as `--dose` takes them: "ID=KEY N, ...".
  void doses(Profile& profile)
  {
    if (const Entry* entry = find("doses")) {
      std::vector<Location> places;
      const auto items = m_reader.strings(*entry, false, &places);
      std::vector<plan::DoseChange> changes;
      for (std::size_t i = 0; i < items.size(); ++i) {
        try {
          changes.push_back(plan::parse_dose_change(items[i]));
        } catch (const plan::UnknownName& error) {
          m_reader.error(places[i], fmt::format("dose '{}': {}", items[i], error.what()));
          continue;
        }
        if (const auto problem = plan::dose_change_problem(m_catalog, changes.back()); !problem.empty()) {
          m_reader.error(places[i], fmt::format("dose '{}': {}", items[i], problem));
        }
      }
      profile.doses = std::move(changes);
    }
  }

  /// A string that `problem` finds nothing wrong with ("must be ...").
  void text(const char* key, std::optional<std::string>& field,
            const std::function<std::string(std::string_view)>& problem)
  {
    if (const Entry* entry = find(key)) {
      if (const auto value = m_reader.string(*entry)) {
        if (const std::string why = problem(*value); !why.empty()) {
          m_reader.error(entry->second, fmt::format("'{}' {}", key, why));
        }
        field = *value;
      }
    }
  }

  void level(Profile& profile)
  {
    if (const Entry* entry = find("level")) {
      if (const auto level = m_reader.string(*entry)) {
        catalog::check_reference(m_reader, m_catalog.levels, "level", *level, m_reader.at(entry->second));
        profile.level = *level;
      }
    }
  }

  /// A whole number of `key` within [low, high].
  std::optional<int> number(const char* key, int low, int high)
  {
    if (const Entry* entry = find(key)) {
      const catalog::RangeSpec spec{key, false, low, high, nullptr, nullptr};
      if (const auto value = m_reader.range(*entry, spec)) {
        if (value->min != value->max) {
          m_reader.error(entry->second, fmt::format("'{}' must be one whole number", key));
        }
        return value->min;
      }
    }
    return std::nullopt;
  }

  /// A time in minutes, written as the command line's -m takes it.
  void minutes(Profile& profile)
  {
    if (const Entry* entry = find("minutes")) {
      if (const auto value = m_reader.string(*entry)) {
        if (const std::string problem = util::minutes_problem(*value, least_minutes, most_minutes);
            !problem.empty()) {
          m_reader.error(entry->second, fmt::format("'minutes' {}", problem));
          return;
        }
        profile.minutes = util::parse_minutes(*value);
      }
    }
  }

  void cleared(Profile& profile)
  {
    if (const Entry* entry = find("cleared")) {
      profile.cleared = m_reader.boolean(*entry);
    }
  }

  void seed(Profile& profile)
  {
    if (const Entry* entry = find("seed")) {
      if (const auto seed = m_reader.string(*entry)) {
        if (!util::parse_seed(*seed)) {
          m_reader.error(
            entry->second,
            fmt::format("'seed' must be a whole number of 0 or more, or 'daily', found '{}'", *seed));
        }
        profile.seed = *seed;
      }
    }
  }

  /// One of `allowed`, with a did-you-mean when it is not.
  void choice(const char* key, const std::vector<std::string>& allowed, std::optional<std::string>& field)
  {
    if (const Entry* entry = find(key)) {
      if (const auto value = m_reader.string(*entry)) {
        if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
          m_reader.error(entry->second,
                         fmt::format("'{}' must be one of {}, found '{}'{}", key, util::join(allowed, ", "),
                                     *value, util::did_you_mean_suffix(*value, allowed)));
        }
        field = *value;
      }
    }
  }

private:
  catalog::FileReader& m_reader;
  const catalog::Catalog& m_catalog;
  const catalog::Entries& m_values;
};

} // namespace

Profile read_profile_keys(catalog::FileReader& reader, const catalog::Catalog& catalog,
                          const std::vector<std::string>& formats, const catalog::Entries& values)
{
  Profile profile;
  ProfileReader read(reader, catalog, values);
  read.conditions(profile);
  read.cleared(profile);
  read.ids("goals", catalog.goals, "goal", profile.goals);
  read.ids("regions", catalog.regions, "region", profile.regions);
  read.level(profile);
  read.minutes(profile);
  profile.lead_in = read.number("lead_in", 0, plan::max_lead_in);
  read.seed(profile);
  read.choice("setting", plan_settings, profile.setting);
  read.choice("format", formats, profile.format);
  read.exercise_ids("include", profile.include);
  read.exercise_ids("exclude", profile.exclude);
  read.exercise_ids("exercises", profile.exercises);
  read.doses(profile);
  read.text("title", profile.title, [](std::string_view v) { return handout_text_problem(v, true); });
  read.text("note", profile.note,
            [](std::string_view v) { return handout_text_problem(v, true, max_note_text); });
  read.text("review", profile.review, iso_date_problem);
  return profile;
}

const std::vector<catalog::KeySpec>& profile_key_specs() { return profile_keys; }

void sort_by_position(std::vector<catalog::Diagnostic>& diagnostics)
{
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
}

Profile load_profile(const catalog::SourceFile& file, const catalog::Catalog& catalog,
                     const std::vector<std::string>& formats, std::vector<catalog::Diagnostic>& errors)
{
  Profile profile;
  std::vector<catalog::Diagnostic> local;
  catalog::FileReader reader(file.name, local);
  const auto root = catalog::parse_document(file, local);
  if (root && !root->IsMap()) {
    reader.error(*root,
                 fmt::format("expected a mapping of profile keys, found {}", catalog::describe(*root)));
  } else if (root) {
    const auto values = reader.keys(*root, profile_keys, reader.at(*root), "a profile");
    profile = read_profile_keys(reader, catalog, formats, values);
  }
  profile.file = file.name;
  sort_by_position(local);
  errors.insert(errors.end(), local.begin(), local.end());
  return profile;
}

} // namespace backplan::cli
