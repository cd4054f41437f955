#include "catalog/exercise_fields.hpp"

#include "catalog/keys.hpp"
#include "catalog/vocabularies.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace backplan::catalog {

namespace {

/// Whether every qualifier value `inner` holds for, `outer` holds for too
/// (an empty `when` holds for every value).
bool within(const std::vector<std::string>& inner, const std::vector<std::string>& outer)
{
  return outer.empty() ||
         (!inner.empty() && std::all_of(inner.begin(), inner.end(), [&](const std::string& v) {
           return std::find(outer.begin(), outer.end(), v) != outer.end();
         }));
}

/// The first rule read for a condition, as `conflicts` needs it.
struct FirstRule {
  Action action;
  Location where;
  std::vector<std::string> when;
};

/// Reports a rule that marks a condition `avoid` beside a `modify` or
/// `caution` for the same condition that holds only where the avoid holds
/// too (the avoided exercise is never shown, so the other rule would never
/// be read); remembers the first rule of each.
bool conflicts(FileReader& reader, const Contraindication& rule, const Location& where,
               std::map<std::string, FirstRule>& first_rule)
{
  const auto [it, first] = first_rule.emplace(rule.condition, FirstRule{rule.action, where, rule.when});
  const Action other = it->second.action;
  if (first || (rule.action != Action::avoid && other != Action::avoid) || rule.action == other) {
    return false;
  }
  const auto& avoided = rule.action == Action::avoid ? rule.when.get() : it->second.when;
  const auto& shown = rule.action == Action::avoid ? it->second.when : rule.when.get();
  if (!within(shown, avoided)) {
    return false;
  }
  reader.error(where, fmt::format("condition '{}' is both '{}' (at {}) and '{}' here: an avoided "
                                  "exercise is never shown, so keep one of them",
                                  rule.condition, action_name(other), it->second.where.str(),
                                  action_name(rule.action)));
  return true;
}

/// A rule's `when`: values of its condition's qualifier. (When no value is
/// given, every rule of the condition holds: the most careful reading.)
bool read_when(FileReader& reader, const Catalog& catalog, const Entry& entry, Contraindication& rule)
{
  std::vector<Location> places;
  rule.when = reader.strings(entry, true, &places);
  if (rule.when.size() != places.size() || rule.when.empty()) {
    return false;
  }
  const Term* condition = catalog.conditions.find(rule.condition);
  if (condition == nullptr) {
    return false; // reported with the condition
  }
  if (!condition->qualifier) {
    reader.error(entry.first,
                 fmt::format("'when' needs a condition with a qualifier; '{}' has none", rule.condition));
    return false;
  }
  const Qualifier& qualifier = *condition->qualifier;
  bool ok = true;
  std::vector<std::string> ids;
  for (const auto& value : qualifier.values) {
    ids.push_back(value.id);
  }
  for (std::size_t i = 0; i < rule.when.size(); ++i) {
    if (qualifier.find(rule.when[i]) == nullptr) {
      reader.error(places[i],
                   fmt::format("unknown {} '{}' of condition '{}'; valid values: {}", qualifier.name,
                               rule.when[i], rule.condition, util::join(ids, ", ")));
      ok = false;
    }
  }
  return ok;
}

} // namespace

std::optional<std::string> read_basis(FileReader& reader, const Catalog& catalog, const Entry& entry)
{
  const auto basis = reader.string(entry);
  if (basis && *basis != general_guidance && catalog.sources.find(*basis) == nullptr) {
    auto candidates = catalog.sources.ids();
    candidates.emplace_back(general_guidance);
    reader.error(entry.second, fmt::format("unknown basis '{}': name a source or '{}'{}", *basis,
                                           general_guidance, util::did_you_mean_suffix(*basis, candidates)));
    return std::nullopt;
  }
  return basis;
}

std::optional<Warning> read_warning(FileReader& reader, const Catalog& catalog, const Entry& entry)
{
  const auto& [key, value] = entry;
  if (!value.IsMap()) {
    reader.error(
      value.IsNull() ? key : value,
      fmt::format("'{}' must be a mapping with 'text' and 'basis', found {}", key.Scalar(), describe(value)));
    return std::nullopt;
  }
  const auto values = reader.keys(value, warning_keys, reader.at(value), fmt::format("'{}'", key.Scalar()));
  Warning warning;
  const auto text = values.find("text");
  const auto basis = values.find("basis");
  const auto words = text == values.end() ? std::nullopt : reader.string(text->second);
  const auto source = basis == values.end() ? std::nullopt : read_basis(reader, catalog, basis->second);
  if (!words || !source) {
    return std::nullopt;
  }
  return Warning{*words, *source};
}

void read_contraindications(FileReader& reader, const Catalog& catalog, const Entry& entry,
                            std::vector<Contraindication>& rules)
{
  const auto& [key, list] = entry;
  if (!list.IsSequence()) {
    reader.error(list.IsNull() ? key : list,
                 fmt::format("'contraindications' must be a list, found {}", describe(list)));
    return;
  }
  std::map<std::string, FirstRule> first_rule; // condition -> its first rule
  for (const auto& item : list) {
    if (!item.IsMap()) {
      reader.error(item, fmt::format("each contraindication must be a mapping, found {}", describe(item)));
      continue;
    }
    const auto values = reader.keys(item, contraindication_keys, reader.at(item), "a contraindication");
    Contraindication rule;
    bool ok = values.contains("condition") && values.contains("action") && values.contains("basis");
    if (const auto it = values.find("condition"); it != values.end()) {
      const auto id = reader.string(it->second);
      ok = ok && id &&
           check_reference(reader, catalog.conditions, "condition", *id, reader.at(it->second.second));
      rule.condition = id.value_or("");
    }
    bool action_known = false;
    if (const auto it = values.find("action"); it != values.end()) {
      const auto action = reader.string(it->second);
      const auto found = action ? std::find(actions.begin(), actions.end(), *action) : actions.end();
      if (action && found == actions.end()) {
        reader.error(it->second.second, fmt::format("'action' must be avoid, modify or caution, found '{}'{}",
                                                    *action, util::did_you_mean_suffix(*action, actions)));
      }
      action_known = found != actions.end();
      ok = ok && action_known;
      rule.action = found == actions.end() ? Action::caution : static_cast<Action>(found - actions.begin());
    }
    if (const auto it = values.find("instruction"); it != values.end()) {
      const auto text = reader.string(it->second);
      ok = ok && text.has_value();
      rule.instruction = text.value_or("");
    } else if (action_known) {
      // Every rule says something to the user: for `avoid`, the reason.
      reader.error(reader.at(item),
                   fmt::format("{} '{}' contraindication needs an 'instruction'",
                               rule.action == Action::avoid ? "an" : "a", action_name(rule.action)));
      ok = false;
    }
    if (const auto it = values.find("basis"); it != values.end()) {
      const auto basis = read_basis(reader, catalog, it->second);
      ok = ok && basis.has_value();
      rule.basis = basis.value_or("");
    }
    if (const auto it = values.find("when"); it != values.end()) {
      ok = read_when(reader, catalog, it->second, rule) && ok;
    }
    if (ok && !conflicts(reader, rule, reader.at(values.at("condition").second), first_rule)) {
      rules.push_back(std::move(rule));
    }
  }
}

std::optional<Variant> read_variant(FileReader& reader, const Catalog& catalog, const Entry& entry)
{
  const auto& [key, value] = entry;
  Variant variant;
  variant.where = reader.at(value.IsNull() ? key : value);
  if (value.IsScalar() && !value.Scalar().empty()) {
    variant.text = value.Scalar();
    return variant;
  }
  if (!value.IsMap()) {
    reader.error(variant.where,
                 fmt::format("'{}' must be a string or a mapping with 'text' or 'exercise', found {}",
                             key.Scalar(), value.IsScalar() ? "an empty value" : describe(value)));
    return std::nullopt;
  }
  const auto values = reader.keys(value, variant_keys, reader.at(value), fmt::format("'{}'", key.Scalar()));
  const auto exercise = values.find("exercise");
  const auto text = values.find("text");
  const auto rules = values.find("contraindications");
  if ((exercise == values.end()) == (text == values.end())) {
    reader.error(variant.where, fmt::format("'{}' needs exactly one of 'text' and 'exercise'", key.Scalar()));
    return std::nullopt;
  }
  if (exercise != values.end()) {
    if (rules != values.end()) {
      reader.error(rules->second.first,
                   fmt::format("'{}' names an exercise, which has its own contraindications; "
                               "'contraindications' goes with 'text'",
                               key.Scalar()));
      return std::nullopt;
    }
    const auto id = reader.id(exercise->second);
    if (!id) {
      return std::nullopt;
    }
    variant.exercise = *id;
    variant.where = reader.at(exercise->second.second);
    return variant;
  }
  const auto words = reader.string(text->second);
  if (!words) {
    return std::nullopt;
  }
  variant.text = *words;
  if (rules != values.end()) {
    std::vector<Contraindication> read;
    read_contraindications(reader, catalog, rules->second, read);
    variant.contraindications = std::move(read);
  }
  return variant;
}

void read_dosage(FileReader& reader, const Entry& entry, Dosage& dosage)
{
  const auto& [key, value] = entry;
  if (!value.IsMap()) {
    reader.error(value.IsNull() ? key : value,
                 fmt::format("'dosage' must be a mapping, found {}", describe(value)));
    return;
  }
  std::vector<KeySpec> specs;
  for (const auto& spec : dosage_ranges) {
    specs.push_back({spec.key, spec.required});
  }
  specs.push_back({"to_fatigue", false});
  const auto values = reader.keys(value, specs, reader.at(value), "'dosage'");
  if (const auto it = values.find("to_fatigue"); it != values.end()) {
    dosage.to_fatigue = reader.boolean(it->second).value_or(false);
  }
  for (const auto& spec : dosage_ranges) {
    const auto it = values.find(spec.key);
    if (it == values.end()) {
      continue;
    }
    const auto range = reader.range(it->second, spec);
    if (range && spec.field != nullptr) {
      dosage.*spec.field = *range;
    } else if (range) {
      dosage.*spec.optional_field = *range;
    }
  }
  if (!values.contains("hold") && !values.contains("rep_seconds")) {
    reader.error(value, "'dosage' needs 'hold' or 'rep_seconds' (or both)");
  }
  // More than one set always rests between them.
  if (dosage.sets.max > 1 && dosage.rest_between_sets.min == 0) {
    const auto it = values.find("rest_between_sets");
    reader.error(it != values.end() ? it->second.second : values.at("sets").second,
                 "'rest_between_sets' must be at least 1 s when 'sets' allows more than one");
  }
}

} // namespace backplan::catalog
