#include "plan/candidates.hpp"

#include "backplan/plan/planner.hpp"
#include "backplan/plan/request.hpp"
#include "backplan/safety/conditions.hpp"
#include "plan/timing.hpp"
#include "util/rng.hpp"
#include "util/text.hpp"
#include "util/threads.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>
#include <tuple>
#include <unordered_set>

namespace backplan::plan {

using catalog::Catalog;
using catalog::Exercise;

namespace {

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
  return std::any_of(a.begin(), a.end(), [&](const std::string& x) { return contains(b, x); });
}

/// Whether `exercise`'s level is kept for a request that names it.
bool on_request(const Catalog& catalog, const Exercise& exercise)
{
  const auto* level = catalog.levels.find(exercise.level);
  return level != nullptr && level->on_request;
}

/// Whether the request names `exercise` (to include, or among exactly its
/// exercises): a clinician's choice, which a level kept for a request or a
/// progression does not hold back.
bool named(const Request& request, const Exercise& exercise)
{
  return contains(request.include, exercise.id) || contains(request.exercises, exercise.id);
}

/// The dose set for `exercise` by the request, if any.
const DoseChange* dose_change(const Request& request, const Exercise& exercise)
{
  const auto found = std::find_if(request.doses.begin(), request.doses.end(),
                                  [&](const DoseChange& change) { return change.id == exercise.id; });
  return found == request.doses.end() ? nullptr : &*found;
}

/// Why a safe exercise does not pass the request's filters, or nothing.
std::optional<LeftOut> filter(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  const auto out = [&](const char* reason, std::string detail) {
    return LeftOut{exercise.id, exercise.name, reason, std::move(detail), {}};
  };
  if (std::find(request.exclude.begin(), request.exclude.end(), exercise.id) != request.exclude.end()) {
    return out("excluded", "left out on request");
  }
  if (request.setting == "desk" && setting_of(catalog, exercise) == "floor") {
    return out("setting", fmt::format("done on the floor ({}), not at a desk",
                                      catalog.positions.name_of(exercise.position)));
  }
  if (!request.level.empty() &&
      catalog.levels.index_of(exercise.level) > catalog.levels.index_of(request.level)) {
    return out("level", fmt::format("level {} is above the requested {}", exercise.level, request.level));
  }
  if (const auto* condition =
        safety::phase_excluding(catalog, request.conditions, request.cleared, exercise)) {
    const catalog::Phase& phase = *condition->phase;
    return out("phase", fmt::format("not part of the early-phase plan ({}): only once {} has cleared you "
                                    "(--cleared)",
                                    util::lowercase_first(phase.name), phase.lifted_by));
  }
  if (!exercise.progression_of.empty() && !named(request, exercise) &&
      (request.level.empty() ||
       catalog.levels.index_of(request.level) < catalog.levels.index_of(exercise.level))) {
    const Exercise* base = catalog.find(exercise.progression_of);
    return out("progression",
               fmt::format("progresses {} and needs it mastered first: only with --level {} or harder",
                           base != nullptr ? base->name : exercise.progression_of, exercise.level));
  }
  if (request.level.empty() && on_request(catalog, exercise) && !named(request, exercise)) {
    return out("level", fmt::format("level {} comes only with --level {}", exercise.level, exercise.level));
  }
  if (!request.regions.empty() && !intersects(exercise.regions, request.regions)) {
    return out("region",
               fmt::format("works on {}, not a requested region", util::join(exercise.regions, ", ")));
  }
  if (!request.goals.empty() && !intersects(exercise.goals, request.goals)) {
    return out("goal", fmt::format("serves {}, not a requested goal", util::join(exercise.goals, ", ")));
  }
  return std::nullopt;
}

/// An exercise that loads what a declared condition protects and has no
/// rule for that condition (a user catalog's gap): left out, since nobody
/// has said it is safe.
std::optional<LeftOut> unprotected(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  for (const auto& gap :
       safety::protection_gaps(catalog, exercise, request.conditions, &request.qualifiers)) {
    const auto* load = catalog.loads.find(gap.load);
    return LeftOut{exercise.id,
                   exercise.name,
                   "unruled",
                   fmt::format("puts strain on {} ({} protects it) and has no rule for {}",
                               util::lowercase_first(load != nullptr ? load->name : gap.load),
                               catalog.conditions.name_of(gap.condition), gap.condition),
                   {gap.condition}};
  }
  return std::nullopt;
}

/// Why the avoid rules of `exercise` exclude it for `conditions`.
std::string avoided_detail(const Catalog& catalog, const Exercise& exercise,
                           const std::vector<std::string>& conditions, const safety::Qualifiers& qualifiers)
{
  std::vector<std::string> instructions;
  for (const auto& rule : exercise.contraindications) {
    if (rule.action == catalog::Action::avoid && safety::applies(rule, conditions, qualifiers) &&
        !rule.instruction.empty()) {
      instructions.push_back(util::fold_whitespace(rule.instruction));
    }
  }
  std::string detail =
    fmt::format("avoided with {}", util::join(names_of(catalog.conditions, conditions), " and "));
  return instructions.empty() ? detail : detail + ": " + util::join(instructions, " ");
}

} // namespace

bool passes_request(const Catalog& catalog, const Request& request, const Exercise& exercise)
{
  return !filter(catalog, request, exercise) && !unprotected(catalog, request, exercise);
}

std::vector<std::string> names_of(const catalog::Vocabulary& vocabulary, const std::vector<std::string>& ids)
{
  std::vector<std::string> out;
  for (const auto& id : ids) {
    out.push_back(vocabulary.name_of(id));
  }
  return out;
}

Dose request_dose(const Catalog& catalog, const Request& request, const Exercise& exercise, int position_cap)
{
  const Dose dose = level_dose(catalog, exercise, request.minutes, request.lead_in, position_cap);
  const DoseChange* change = dose_change(request, exercise);
  return change != nullptr ? changed(dose, *change) : dose;
}

namespace {

/// `exercise` as a candidate, in `candidates`, or why it is not one, in
/// `left_out`.
void assess(const Catalog& catalog, const Request& request, const Exercise& exercise,
            std::vector<Candidate>& candidates, std::vector<LeftOut>& left_out)
{
  safety::Verdict verdict = safety::evaluate(exercise, request.conditions, request.qualifiers);
  if (verdict.excluded()) {
    left_out.push_back({exercise.id, exercise.name, "condition",
                        avoided_detail(catalog, exercise, verdict.avoided_for, request.qualifiers),
                        verdict.avoided_for});
  } else if (auto gap = unprotected(catalog, request, exercise)) {
    left_out.push_back(std::move(*gap));
  } else if (auto reason = filter(catalog, request, exercise)) {
    left_out.push_back(std::move(*reason));
  } else {
    const bool modified = !verdict.modifications.empty();
    const bool cautioned = !verdict.cautions.empty();
    // Without --level, gentler levels first; with it, the seed mixes the
    // levels asked for, so that a harder level asked for is reached.
    const int level = request.level.empty() ? catalog.levels.index_of(exercise.level) : 0;
    Candidate candidate{&exercise,
                        std::move(verdict),
                        level,
                        modified,
                        least_dose(catalog, exercise),
                        max_dose(exercise.dosage),
                        cautioned,
                        does_kind_work(catalog, exercise)};
    if (dose_change(request, exercise) != nullptr) {
      // A dose set by a clinician: the one the plan gives, never tuned.
      candidate.least = candidate.most = request_dose(catalog, request, exercise, 0);
      candidate.prescribed = true;
    }
    candidates.push_back(std::move(candidate));
  }
}

} // namespace

std::vector<Candidate> candidates_for(const Catalog& catalog, const Request& request,
                                      std::vector<LeftOut>& left_out, std::size_t per_thread)
{
  // Each exercise is assessed on its own: a large catalog's, one run of
  // them a core, each run's findings joined in the catalog's order.
  const auto& exercises = catalog.exercises;
  const std::size_t threads = util::threads_for(exercises.size(), per_thread);
  std::vector<std::vector<Candidate>> found(threads);
  std::vector<std::vector<LeftOut>> refused(threads);
  util::on_threads(threads, exercises.size(), [&](std::size_t t, std::size_t begin, std::size_t end) {
    found[t].reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) {
      assess(catalog, request, exercises[i], found[t], refused[t]);
    }
  });
  std::vector<Candidate> candidates;
  util::append_runs(candidates, found);
  util::append_runs(left_out, refused);
  // An exercise whose harder progression is also a candidate comes later.
  std::unordered_set<std::string_view> progressed;
  for (const auto& candidate : candidates) {
    if (!candidate.exercise->progression_of.empty()) {
      progressed.insert(candidate.exercise->progression_of);
    }
  }
  util::Rng rng(request.seed);
  rng.shuffle(candidates);
  // Demoted last, then those needing a change or a caution, a change last
  // among them, then by level: one key a candidate, compared as a tuple.
  using Key = std::tuple<bool, bool, bool, int>;
  std::vector<Key> keys;
  keys.reserve(candidates.size());
  for (const auto& candidate : candidates) {
    keys.emplace_back(progressed.contains(candidate.exercise->id), candidate.modified || candidate.cautioned,
                      candidate.modified, candidate.level);
  }
  std::vector<std::size_t> order(candidates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<Candidate> sorted;
  sorted.reserve(candidates.size());
  for (const auto i : order) {
    sorted.push_back(std::move(candidates[i]));
  }
  return sorted;
}

} // namespace backplan::plan
