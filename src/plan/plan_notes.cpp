#include "plan/plan_notes.hpp"

#include "backplan/plan/planner.hpp"
#include "plan/chooser.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::plan {

using catalog::Catalog;

std::vector<catalog::Citation> citations(const Catalog& catalog, const std::vector<PlanItem>& items)
{
  // Every id the items cite: their own sources, their kind's advice's,
  // the bases of the rules shown beside them and their variants, and their
  // stop-if warning's.
  std::vector<std::string_view> cited;
  const auto cite_rules = [&](const std::vector<catalog::Contraindication>& rules) {
    for (const auto& rule : rules) {
      cited.push_back(rule.basis);
    }
  };
  for (const auto& item : items) {
    cited.insert(cited.end(), item.exercise.sources.begin(), item.exercise.sources.end());
    const auto* kind = catalog.kinds.find(item.exercise.kind);
    if (kind != nullptr && !kind->advice.empty()) {
      cited.insert(cited.end(), kind->sources.begin(), kind->sources.end());
    }
    cite_rules(item.modifications);
    cite_rules(item.cautions);
    for (const auto* variant : {&item.easier, &item.harder}) {
      if (*variant) {
        cite_rules((*variant)->modifications);
        cite_rules((*variant)->cautions);
      }
    }
    if (const auto& stop_if = item.exercise.details().stop_if) {
      cited.push_back(stop_if->basis);
    }
  }
  std::sort(cited.begin(), cited.end());
  // The catalog's sources the items cite, in the catalog's order.
  std::vector<catalog::Citation> out;
  for (const auto& source : catalog.sources.terms) {
    if (std::binary_search(cited.begin(), cited.end(), std::string_view(source.id))) {
      out.push_back({source.id, source.citation});
    }
  }
  return out;
}

/// One line for each declared condition that no item of the plan needed
/// changing for.
std::vector<UnchangedCondition> unchanged_conditions(const Catalog& catalog, const Request& request,
                                                     const std::vector<PlanItem>& items)
{
  std::vector<UnchangedCondition> out;
  for (const auto& condition : request.conditions) {
    const auto names = [&](const std::vector<catalog::Contraindication>& rules) {
      return std::any_of(rules.begin(), rules.end(),
                         [&](const auto& rule) { return rule.condition == condition; });
    };
    const bool changed = std::any_of(items.begin(), items.end(), [&](const PlanItem& item) {
      return names(item.modifications) || names(item.cautions);
    });
    if (!changed && !items.empty()) {
      const auto name = catalog.conditions.name_of(condition);
      out.push_back({condition, name,
                     fmt::format("{}: no exercise of this plan carries a change or caution for it; stop any "
                                 "that brings on your symptoms",
                                 name)});
    }
  }
  return out;
}

/// One warning for each declared condition some exercise was left out for
/// having no rule for a load the condition protects.
std::vector<std::string> gap_warnings(const Catalog& catalog, const std::vector<LeftOut>& left_out)
{
  std::vector<std::string> out;
  for (const auto& condition : catalog.conditions.terms) {
    std::vector<std::string> ids;
    for (const auto& left : left_out) {
      if (left.reason == "unruled" && contains(left.conditions, condition.id)) {
        ids.push_back(left.id);
      }
    }
    if (!ids.empty()) {
      out.push_back(fmt::format("left out {} for {}: {} on what the condition protects with no rule for "
                                "'{}'; add one to {} (an overlay file adds rules to a built-in exercise: see "
                                "backplan-catalog(5))",
                                util::join(ids, ", "), condition.name,
                                ids.size() == 1 ? "it puts strain" : "each puts strain", condition.id,
                                ids.size() == 1 ? "it" : "each"));
    }
  }
  return out;
}

/// Says, for each item that carries a caution, why it was chosen although
/// cautions count against an exercise; and for each item chosen beside an
/// exercise of its family, why.
void explain_choices(const Catalog& catalog, const Chooser& chooser, std::vector<PlanItem>& items)
{
  const auto& chosen = chooser.selection().chosen();
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const Candidate& candidate = *chosen[i];
    auto item = std::find_if(items.begin(), items.end(),
                             [&](const PlanItem& it) { return it.exercise.id == candidate.exercise->id; });
    if (item == items.end()) {
      continue;
    }
    if (!item->cautions.empty()) {
      std::vector<std::string> names;
      for (const auto& rule : item->cautions) {
        names.push_back(catalog.conditions.name_of(rule.condition));
      }
      item->cautioned_because = fmt::format("chosen with a caution for {}: {}", util::join(names, " and "),
                                            chooser.why_chosen(candidate));
    }
    // The later of two exercises of one family is the one that needed saying.
    const auto earlier = std::find_if(
      chosen.begin(), chosen.begin() + static_cast<std::ptrdiff_t>(i), [&](const Candidate* other) {
        return !candidate.exercise->family.empty() && other->exercise->family == candidate.exercise->family;
      });
    if (earlier != chosen.begin() + static_cast<std::ptrdiff_t>(i)) {
      item->family_because =
        fmt::format("chosen beside {}, a version of the same movement ({}): {}", (*earlier)->exercise->name,
                    candidate.exercise->family, chooser.why_chosen(candidate));
    }
  }
}

/// The advice of each kind of exercise in the plan that has some.
std::vector<KindAdvice> kind_advice(const Catalog& catalog, const std::vector<PlanItem>& items)
{
  std::vector<KindAdvice> out;
  for (const auto& kind : catalog.kinds.terms) {
    const bool used = std::any_of(items.begin(), items.end(),
                                  [&](const PlanItem& item) { return item.exercise.kind == kind.id; });
    if (used && !kind.advice.empty()) {
      out.push_back({kind.id, kind.name, util::fold_whitespace(kind.advice)});
    }
  }
  return out;
}

} // namespace backplan::plan
