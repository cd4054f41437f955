#include "catalog/keys.hpp"

#include <filesystem>
#include <set>

namespace backplan::catalog {

const std::vector<KeySpec> exercise_keys = {
  {"id", true},         {"name", true},       {"summary", true},
  {"position", true},   {"regions", true},    {"goals", true},
  {"movements", false}, {"kind", true},       {"level", true},
  {"per_side", true},   {"dosage", true},     {"steps", true},
  {"cues", false},      {"stop_if", false},   {"loads", false},
  {"easier", false},    {"harder", false},    {"progression_of", false},
  {"family", false},    {"end_range", false}, {"contraindications", false},
  {"sources", true},    {"figure", false},    {format_key, false},
};

const std::vector<RangeSpec> dosage_ranges = {
  {"hold", false, 1, 600, nullptr, &Dosage::hold},
  {"rep_seconds", false, 1, 600, nullptr, &Dosage::rep_seconds},
  {"reps", true, 1, 100, &Dosage::reps, nullptr},
  {"sets", true, 1, 10, &Dosage::sets, nullptr},
  {"rest_between_reps", false, 0, 300, &Dosage::rest_between_reps, nullptr},
  {"rest_between_sets", false, 0, 600, &Dosage::rest_between_sets, nullptr},
};

const std::vector<KeySpec> contraindication_keys = {
  {"condition", true}, {"action", true}, {"instruction", false}, {"basis", true}, {"when", false}};

const std::vector<KeySpec> qualifier_keys = {{"name", true}, {"default", true}, {"values", true}};

const std::vector<KeySpec> qualifier_value_keys = {
  {"id", true},     {"description", true},      {"from", false},
  {"refer", false}, {"limit_positions", false}, {"limit_seconds", false}};

const std::vector<KeySpec> phase_keys = {
  {"name", true}, {"lifted_by", true}, {"positions", false}, {"exercises", false}};

const std::vector<KeySpec> condition_sign_keys = {{"tier", true}, {"sign", true}, {"source", true}};

const std::vector<KeySpec> overlay_keys = {
  {"overlay", true}, {"contraindications", true}, {format_key, false}};

const std::vector<KeySpec> warning_keys = {{"text", true}, {"basis", true}};

const std::vector<KeySpec> variant_keys = {
  {"exercise", false}, {"text", false}, {"contraindications", false}};

const std::vector<std::string> figure_keys = {"view", "props", "moves", "start", "end", "modified"};

const std::vector<std::string> modified_figure_keys = {"props", "start", "end"};

const std::vector<VocabularySpec> vocabulary_specs = {
  {"conditions",
   "condition",
   &Catalog::conditions,
   {{"id", true},
    {"name", true},
    {"aliases", false},
    {"description", true},
    {"advice", false},
    {"protects", false},
    {"includes", false},
    {"qualifier", false},
    {"early_phase", false},
    {"red_flags", false},
    {"leaves_out_signs", false}}},
  {"regions",
   "region",
   &Catalog::regions,
   {{"id", true}, {"name", true}, {"description", false}, {"back", false}}},
  {"goals", "goal", &Catalog::goals, {{"id", true}, {"name", true}, {"description", false}}},
  {"positions",
   "position",
   &Catalog::positions,
   {{"id", true},
    {"name", true},
    {"setting", true},
    {"loads", false},
    {"group", false},
    {"relaxed", false},
    {"description", false}}},
  {"levels",
   "level",
   &Catalog::levels,
   {{"id", true}, {"name", true}, {"description", false}, {"on_request", false}}},
  {"kinds",
   "kind",
   &Catalog::kinds,
   {{"id", true},
    {"name", true},
    {"share", false},
    {"min_hold", false},
    {"description", false},
    {"opens", false},
    {"closes", false},
    {"advice", false},
    {"sources", false}}},
  {"movements", "movement", &Catalog::movements, {{"id", true}, {"name", true}, {"description", false}}},
  {"sources", "source", &Catalog::sources, {{"id", true}, {"citation", true}}},
  {"loads",
   "load",
   &Catalog::loads,
   {{"id", true}, {"name", true}, {"description", false}, {"phrases", false}}},
  {"red-flags",
   "red-flag tier",
   &Catalog::red_flags,
   {{"id", true}, {"name", true}, {"action", true}, {"signs", true}, {"sources", true}}},
};

const std::vector<std::string> settings = {"floor", "seated", "standing"};
const std::vector<std::string> actions = {"avoid", "modify", "caution"};

const VocabularySpec* vocabulary_for(const std::string& file_name)
{
  // The stem of the file's name, as std::filesystem::path::stem() has it,
  // without building a path for each of a large catalog's files.
  std::string_view stem = file_name;
  stem.remove_prefix(stem.find_last_of('/') == std::string_view::npos ? 0 : stem.find_last_of('/') + 1);
  if (const auto dot = stem.find_last_of('.'); dot != std::string_view::npos && dot > 0) {
    stem = stem.substr(0, dot);
  }
  for (const auto& spec : vocabulary_specs) {
    if (stem == spec.name) {
      return &spec;
    }
  }
  return nullptr;
}

std::vector<std::string> catalog_key_names()
{
  std::set<std::string> names(figure_keys.begin(), figure_keys.end());
  names.insert(modified_figure_keys.begin(), modified_figure_keys.end());
  for (const auto* specs :
       {&exercise_keys, &contraindication_keys, &warning_keys, &variant_keys, &qualifier_keys, &overlay_keys,
        &qualifier_value_keys, &phase_keys, &condition_sign_keys}) {
    for (const auto& spec : *specs) {
      names.insert(spec.name);
    }
  }
  for (const auto& spec : dosage_ranges) {
    names.insert(spec.key);
  }
  for (const auto& vocabulary : vocabulary_specs) {
    names.insert(vocabulary.name);
    for (const auto& spec : vocabulary.keys) {
      names.insert(spec.name);
    }
  }
  return {names.begin(), names.end()};
}

} // namespace backplan::catalog
