#include "backplan/plan/request.hpp"

#include "backplan/plan/planner.hpp"
#include "backplan/safety/conditions.hpp"

#include <fmt/format.h>

namespace backplan::plan {

namespace {

/// The id of `name` in `vocabulary`; UnknownName("unknown WHAT 'NAME'") when
/// it names no term.
const std::string& id_of(const catalog::Vocabulary& vocabulary, const std::string& name, const char* what)
{
  const catalog::Term* term = vocabulary.resolve(name);
  if (term == nullptr) {
    throw UnknownName(fmt::format("unknown {} '{}'", what, name));
  }
  return term->id;
}

/// `names` resolved to ids in `vocabulary`, each once, in the order given.
std::vector<std::string> ids_of(const catalog::Vocabulary& vocabulary, const std::vector<std::string>& names,
                                const char* what)
{
  std::vector<std::string> out;
  for (const auto& name : names) {
    const std::string& id = id_of(vocabulary, name, what);
    if (!contains(out, id)) {
      out.push_back(id);
    }
  }
  return out;
}

/// Qualifier values keyed by condition id; two values for one condition
/// (under two of its names) are refused.
safety::Qualifiers qualifiers_by_id(const catalog::Catalog& catalog, const safety::Qualifiers& given)
{
  safety::Qualifiers out;
  for (const auto& [name, value] : given) {
    const std::string& id = id_of(catalog.conditions, name, "condition");
    const auto [at, added] = out.emplace(id, value);
    if (!added && at->second != value) {
      throw UnknownName(fmt::format("two values for condition '{}': '{}' and '{}'", id, at->second, value));
    }
  }
  return out;
}

} // namespace

Request resolved(const catalog::Catalog& catalog, const Request& request)
{
  Request out = request;
  out.conditions =
    safety::with_included(catalog, ids_of(catalog.conditions, request.conditions, "condition"));
  out.qualifiers = safety::settled(catalog, qualifiers_by_id(catalog, request.qualifiers));
  out.goals = ids_of(catalog.goals, request.goals, "goal");
  out.regions = ids_of(catalog.regions, request.regions, "region");
  if (!request.level.empty()) {
    out.level = id_of(catalog.levels, request.level, "level");
  }
  for (auto* ids : {&out.include, &out.exclude}) {
    std::vector<std::string> once;
    for (const auto& id : *ids) {
      if (catalog.find(id) == nullptr) {
        throw UnknownName(fmt::format("unknown exercise '{}'", id));
      }
      if (!contains(once, id)) {
        once.push_back(id);
      }
    }
    *ids = std::move(once);
  }
  for (const auto& id : out.include) {
    if (contains(out.exclude, id)) {
      throw UnknownName(fmt::format("exercise '{}' is both included and excluded", id));
    }
  }
  if (request.setting != "floor" && request.setting != "desk") {
    throw UnknownName(fmt::format("unknown setting '{}': \"floor\" or \"desk\"", request.setting));
  }
  return out;
}

} // namespace backplan::plan
