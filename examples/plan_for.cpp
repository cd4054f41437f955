// plan_for: a 15-minute plan from the built-in catalog for the conditions
// named on the command line (ids or aliases, in any case), printed as text.
// It uses libbackplan's public headers alone:
//
//   plan_for sciatica knees
#include <backplan/catalog/load.hpp>
#include <backplan/plan/planner.hpp>
#include <backplan/plan/request.hpp>
#include <backplan/render/text.hpp>

#include <iostream>

int main(int argc, char** argv)
{
  const backplan::catalog::LoadResult loaded = backplan::catalog::load_builtin();

  backplan::plan::Request request;
  request.minutes = 15;
  for (int i = 1; i < argc; ++i) {
    request.conditions.emplace_back(argv[i]);
  }

  try {
    // make_plan resolves the names and leaves out every exercise a declared
    // condition marks avoid; it refuses a name the catalog does not know.
    const backplan::plan::Plan plan = backplan::plan::make_plan(loaded.catalog, request);
    std::cout << backplan::render::render_text(plan, {.width = 80});
  } catch (const backplan::plan::UnknownName& e) {
    std::cerr << "plan_for: " << e.what() << '\n';
    return 2;
  }
  return 0;
}
