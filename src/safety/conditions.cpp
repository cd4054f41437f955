#include "backplan/safety/conditions.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::safety {

std::vector<std::string> condition_names(const catalog::Catalog& catalog)
{
  std::vector<std::string> names;
  for (const auto& term : catalog.conditions.terms) {
    names.push_back(term.id);
    names.insert(names.end(), term.aliases.begin(), term.aliases.end());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Typed resolve_typed(const catalog::Catalog& catalog, std::string_view typed)
{
  Typed out;
  const auto equals = typed.find('=');
  out.term = catalog.conditions.resolve(typed.substr(0, equals));
  if (out.term == nullptr || equals == std::string_view::npos) {
    return out;
  }
  const std::string value = catalog::lowercase(typed.substr(equals + 1));
  const catalog::Term& term = *out.term;
  if (!term.qualifier) {
    out.error = fmt::format("condition '{}' takes no value, found '{}'", term.id, value);
    return out;
  }
  const catalog::Qualifier& qualifier = *term.qualifier;
  std::vector<std::string> ids;
  for (const auto& candidate : qualifier.values) {
    ids.push_back(candidate.id);
  }
  if (qualifier.find(value) != nullptr) {
    out.value = value;
    return out;
  }
  const bool number = !value.empty() && value.size() < 5 &&
                      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (number) {
    const int n = std::stoi(value);
    const catalog::QualifierValue* best = nullptr;
    for (const auto& candidate : qualifier.values) {
      if (candidate.from >= 0 && candidate.from <= n && (best == nullptr || candidate.from > best->from)) {
        best = &candidate;
      }
    }
    if (best != nullptr) {
      out.value = best->id;
      return out;
    }
  }
  out.error = fmt::format("unknown {} '{}' for condition '{}'{}; valid values: {}", qualifier.name, value,
                          term.id, util::did_you_mean_suffix(value, ids), util::join(ids, ", "));
  return out;
}

const catalog::QualifierValue* qualifier_value(const catalog::Term& condition, const Qualifiers& qualifiers)
{
  if (!condition.qualifier) {
    return nullptr;
  }
  const auto given = qualifiers.find(condition.id);
  return condition.qualifier->find(given != qualifiers.end() ? given->second
                                                             : condition.qualifier->default_value);
}

bool applies(const catalog::Contraindication& rule, const std::vector<std::string>& conditions,
             const Qualifiers& qualifiers)
{
  if (std::find(conditions.begin(), conditions.end(), rule.condition) == conditions.end()) {
    return false;
  }
  if (rule.when.empty()) {
    return true;
  }
  // A condition declared without a value (or with its default, which the
  // command line and profile drop) meets every rule for it: the most
  // careful reading.
  const auto given = qualifiers.find(rule.condition);
  return given == qualifiers.end() ||
         std::find(rule.when.begin(), rule.when.end(), given->second) != rule.when.end();
}

Qualifiers settled(const catalog::Catalog& catalog, const Qualifiers& qualifiers)
{
  Qualifiers out;
  for (const auto& [id, value] : qualifiers) {
    const catalog::Term* term = catalog.conditions.find(id);
    if (term == nullptr || !term->qualifier) {
      continue;
    }
    const Typed typed = resolve_typed(catalog, fmt::format("{}={}", id, value));
    if (typed.error.empty() && !typed.value.empty() && typed.value != term->qualifier->default_value) {
      out.emplace(id, typed.value);
    }
  }
  return out;
}

std::vector<std::string> with_included(const catalog::Catalog& catalog, std::vector<std::string> ids)
{
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const catalog::Term* term = catalog.conditions.find(ids[i]);
    for (const auto& included : term != nullptr ? term->includes : std::vector<std::string>{}) {
      if (std::find(ids.begin(), ids.end(), included) == ids.end()) {
        ids.push_back(included);
      }
    }
  }
  return ids;
}

Verdict evaluate(const catalog::Exercise& exercise, const std::vector<std::string>& conditions,
                 const Qualifiers& qualifiers)
{
  return evaluate(exercise.contraindications, conditions, qualifiers);
}

Verdict evaluate(const std::vector<catalog::Contraindication>& rules,
                 const std::vector<std::string>& conditions, const Qualifiers& qualifiers)
{
  Verdict verdict;
  for (const auto& rule : rules) {
    if (!applies(rule, conditions, qualifiers)) {
      continue;
    }
    switch (rule.action) {
    case catalog::Action::avoid:
      if (std::find(verdict.avoided_for.begin(), verdict.avoided_for.end(), rule.condition) ==
          verdict.avoided_for.end()) {
        verdict.avoided_for.push_back(rule.condition);
      }
      break;
    case catalog::Action::modify:
      verdict.modifications.push_back(rule);
      break;
    case catalog::Action::caution:
      verdict.cautions.push_back(rule);
      break;
    }
  }
  return verdict;
}

ConditionCounts count_effects(const catalog::Catalog& catalog, const std::string& condition)
{
  ConditionCounts counts;
  const auto conditions = with_included(catalog, {condition});
  for (const auto& exercise : catalog.exercises) {
    const Verdict verdict = evaluate(exercise, conditions);
    if (verdict.excluded()) {
      ++counts.avoided;
    } else {
      counts.modified += verdict.modifications.empty() ? 0 : 1;
      counts.cautioned += verdict.cautions.empty() ? 0 : 1;
    }
  }
  return counts;
}

} // namespace backplan::safety
