#pragma once

// Which exercises may be in a plan, and why each other one may not: the
// safety verdicts, the request's filters and the order the chooser takes the
// candidates in.

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"
#include "plan/selection.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace backplan::plan {

/// How many exercises a thread of its own is worth when each is assessed
/// as a candidate and each one left out is given its reason: a catalog of
/// fewer is worked through on the calling thread alone.
inline constexpr std::size_t parallel_exercises = 4096;

/// The display names of the terms `ids` of `vocabulary`.
std::vector<std::string> names_of(const catalog::Vocabulary& vocabulary, const std::vector<std::string>& ids);

/// The dose a plan of the request's minutes gives `exercise` within the
/// cap on one item and `position_cap` (0: none), with the values a
/// clinician set for it.
Dose request_dose(const catalog::Catalog& catalog, const Request& request, const catalog::Exercise& exercise,
                  int position_cap);

/// Whether `exercise` passes the request's filters and loads nothing a
/// declared condition protects without a rule for it (its safety verdict
/// aside): what candidates_for asks of each exercise, and what a version
/// naming another exercise must meet too.
bool passes_request(const catalog::Catalog& catalog, const Request& request,
                    const catalog::Exercise& exercise);

/// The safe exercises that pass the request's filters, in priority order (a
/// seeded shuffle; then exercises needing no modification or caution, gentler
/// levels unless --level names one, and an exercise whose own progression is
/// a candidate last); every other exercise goes to `left_out` with its
/// reason. Each exercise is assessed on its own: a run of them a core, for a
/// catalog with `per_thread` exercises or more a core.
std::vector<Candidate> candidates_for(const catalog::Catalog& catalog, const Request& request,
                                      std::vector<LeftOut>& left_out,
                                      std::size_t per_thread = parallel_exercises);

} // namespace backplan::plan
