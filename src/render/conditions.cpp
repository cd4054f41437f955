#include "render/conditions.hpp"

#include "render/csv.hpp"
#include "render/json.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::render {

namespace {

/// A condition's qualifier in a line: "approach (--ID=VALUE): posterior,
/// anterior, lateral, unknown (default unknown)"; empty without one.
std::string qualifier_line(const catalog::Term& term)
{
  if (!term.qualifier) {
    return {};
  }
  std::vector<std::string> values;
  for (const auto& value : term.qualifier->values) {
    values.push_back(value.from >= 0 ? fmt::format("{} (from {})", value.id, value.from) : value.id);
  }
  return fmt::format("{} (--{}=VALUE): {}; without one, {}", term.qualifier->name, term.id,
                     util::join(values, ", "), term.qualifier->default_value);
}

/// A condition's early phase in a line; empty without one.
std::string early_phase_line(const catalog::Term& term)
{
  if (!term.phase) {
    return {};
  }
  const auto& phase = *term.phase;
  std::vector<std::string> allowed;
  if (!phase.positions.empty()) {
    allowed.push_back("positions " + util::join(phase.positions, ", "));
  }
  if (!phase.exercises.empty()) {
    allowed.push_back("exercises " + util::join(phase.exercises, ", "));
  }
  return fmt::format("early phase, until {} clears you (--cleared): only {}", phase.lifted_by,
                     util::join(allowed, "; "));
}

} // namespace

std::string conditions_text(const std::vector<ConditionRow>& rows, std::size_t exercises, std::size_t width)
{
  std::string out;
  for (const auto& [term, counts] : rows) {
    // The name beside the id, or under it where the two do not fit.
    const std::string heading = fmt::format("{}  {}", term->id, term->name);
    out += width == 0 || util::display_width(heading) <= width
             ? heading + "\n"
             : fmt::format("{}\n    {}\n", term->id, term->name);
    if (!term->aliases.empty()) {
      for (const auto& line : util::wrap("aliases: " + util::join(term->aliases, ", "), width - 4)) {
        out += "    " + line + "\n";
      }
    }
    for (const auto& text : {term->description, qualifier_line(*term), early_phase_line(*term)}) {
      for (const auto& line : text.empty() ? std::vector<std::string>{} : util::wrap(text, width - 4)) {
        out += "    " + line + "\n";
      }
    }
    for (const auto& line :
         util::wrap(fmt::format("excludes {}, modifies {}, cautions {} of {} exercises", counts.avoided,
                                counts.modified, counts.cautioned, exercises),
                    width - 4)) {
      out += "    " + line + "\n";
    }
    out += "\n";
  }
  return out;
}

std::string conditions_json(const std::vector<ConditionRow>& rows)
{
  auto conditions = nlohmann::ordered_json::array();
  for (const auto& [term, counts] : rows) {
    nlohmann::ordered_json entry;
    entry["id"] = term->id;
    entry["name"] = term->name;
    entry["aliases"] = term->aliases;
    entry["description"] = term->description;
    entry["qualifier"] = nullptr;
    if (term->qualifier) {
      auto& qualifier = entry["qualifier"];
      qualifier["name"] = term->qualifier->name;
      qualifier["default"] = term->qualifier->default_value;
      qualifier["values"] = nlohmann::ordered_json::array();
      for (const auto& value : term->qualifier->values) {
        nlohmann::ordered_json v;
        v["id"] = value.id;
        v["description"] = value.description;
        v["from"] = value.from >= 0 ? nlohmann::ordered_json(value.from) : nlohmann::ordered_json(nullptr);
        v["refer"] =
          value.refer.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value.refer);
        qualifier["values"].push_back(std::move(v));
      }
    }
    entry["early_phase"] = nullptr;
    if (term->phase) {
      entry["early_phase"]["name"] = term->phase->name;
      entry["early_phase"]["lifted_by"] = term->phase->lifted_by;
      entry["early_phase"]["positions"] = term->phase->positions;
      entry["early_phase"]["exercises"] = term->phase->exercises;
    }
    entry["includes"] = term->includes;
    entry["excludes"] = counts.avoided;
    entry["modifies"] = counts.modified;
    entry["cautions"] = counts.cautioned;
    conditions.push_back(std::move(entry));
  }
  return json_text({{"schema_version", catalog_json_version}, {"conditions", std::move(conditions)}});
}

std::string conditions_csv(const std::vector<ConditionRow>& rows)
{
  std::string out = csv_row({"id", "name", "aliases", "description", "excludes", "modifies", "cautions"});
  for (const auto& [term, counts] : rows) {
    out += csv_row({term->id, term->name, util::join(term->aliases, ","), term->description,
                    std::to_string(counts.avoided), std::to_string(counts.modified),
                    std::to_string(counts.cautioned)});
  }
  return out;
}

} // namespace backplan::render
