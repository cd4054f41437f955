#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"
#include "cli/plan_options.hpp"

#include <string>

namespace backplan::cli {

/// The saved plan of `path` ("-": standard input), as edited, made safe to
/// run from `catalog` (run::retime_saved_plan); exit status 3 with the
/// problem when it is not one or cannot be run.
plan::Plan read_saved_plan(const catalog::Catalog& catalog, const std::string& path);

/// The plan `backplan plan` printed last (last_plan.hpp), read as
/// read_saved_plan reads one; exit status 3 when there is none.
plan::Plan read_last_plan(const catalog::Catalog& catalog);

/// A usage error for any option of `options` that shapes a plan (the format
/// aside): a saved plan named by `source` ("--plan", "--last") is used as
/// it is.
void reject_plan_options(const PlanOptions& options, const std::string& source);

} // namespace backplan::cli
