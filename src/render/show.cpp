#include "render/show.hpp"

#include "backplan/figure/model.hpp"
#include "plan/timing.hpp"
#include "render/json.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::render {

namespace {

std::string range_words(const catalog::Range& range, const char* unit)
{
  return range.min == range.max ? fmt::format("{}{}", range.min, unit)
                                : fmt::format("{}–{}{}", range.min, range.max, unit);
}

std::string version_words(const catalog::Catalog& catalog, const catalog::Variant& variant)
{
  if (variant.exercise.empty()) {
    return variant.text;
  }
  const auto* other = catalog.find(variant.exercise);
  return fmt::format("{} ({})", other != nullptr ? other->name : variant.exercise, variant.exercise);
}

/// The name of the exercise with this id, or the id.
std::string name_exercise(const catalog::Catalog& catalog, const std::string& id)
{
  const auto* exercise = catalog.find(id);
  return exercise != nullptr ? exercise->name : id;
}

/// `line` broken so that no piece is wider than `width`: after the last '/'
/// that fits (a web address, a file's path), else the last '-' (a long
/// id), else where the width runs out.
std::vector<std::string> break_long(std::string line, std::size_t width)
{
  std::vector<std::string> out;
  while (util::display_width(line) > width) {
    std::size_t fits = 0;     // bytes of the longest start that fits
    std::size_t at_slash = 0; // bytes up to and with the last '/' in it
    std::size_t at_dash = 0;  // the same for '-'
    for (std::size_t i = 1; i <= line.size(); ++i) {
      if (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) {
        continue; // inside a character
      }
      if (util::display_width(line.substr(0, i)) > width) {
        break;
      }
      fits = i;
      if (line[i - 1] == '/') {
        at_slash = i;
      } else if (line[i - 1] == '-') {
        at_dash = i;
      }
    }
    const std::size_t cut = at_slash > 0 ? at_slash : at_dash > 0 ? at_dash : std::max<std::size_t>(fits, 1);
    out.push_back(line.substr(0, cut));
    line.erase(0, cut);
  }
  out.push_back(std::move(line));
  return out;
}

/// `text` wrapped to `width`, its first line after `prefix` and the others
/// indented as far; on one line when `width` is 0. Where the prefix leaves
/// less than 24 columns, the text goes under it, indented by 4; a word
/// wider than the room is broken (break_long).
std::string hanging(const std::string& prefix, const std::string& text, std::size_t width)
{
  if (width == 0) {
    return prefix + text + "\n";
  }
  std::size_t indent = util::display_width(prefix);
  std::string out;
  std::string first = prefix;
  if (indent + 24 > width && indent > 4) {
    std::string label = prefix;
    while (!label.empty() && label.back() == ' ') {
      label.pop_back();
    }
    out += label + "\n";
    indent = 4;
    first = std::string(indent, ' ');
  }
  const std::size_t room = width > indent + 10 ? width - indent : 10;
  std::vector<std::string> lines;
  for (const auto& line : util::wrap(text, room)) {
    for (auto& piece : break_long(line, room)) {
      lines.push_back(std::move(piece));
    }
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i == 0 ? first : std::string(indent, ' ')) + lines[i] + "\n";
  }
  return lines.empty() ? prefix + "\n" : out;
}

/// The dosage's ranges in a line: "hold 20–30 s, reps 3, sets 1, ...".
std::string dosage_ranges(const catalog::Dosage& d)
{
  std::vector<std::string> dosage;
  if (d.rep_seconds) {
    dosage.push_back("moving " + range_words(*d.rep_seconds, " s"));
  }
  if (d.hold) {
    dosage.push_back("hold " + range_words(*d.hold, " s"));
  }
  dosage.push_back("reps " + range_words(d.reps, ""));
  dosage.push_back("sets " + range_words(d.sets, ""));
  dosage.push_back("rest between reps " + range_words(d.rest_between_reps, " s"));
  if (d.sets.max > 1) {
    dosage.push_back("rest between sets " + range_words(d.rest_between_sets, " s"));
  }
  if (d.to_fatigue) {
    dosage.push_back("or until the muscles tire");
  }
  return util::join(dosage, ", ");
}

/// Each rule in a line after `indent` ("- avoid knee: ..."; `avoided` when
/// it has no instruction) and its basis under it.
std::string contraindications_text(const std::string& indent,
                                   const std::vector<catalog::Contraindication>& list, const char* avoided,
                                   std::size_t width)
{
  std::string out;
  for (const auto& rule : list) {
    out +=
      hanging(indent + "- ",
              fmt::format("{} {}{}: {}", catalog::action_name(rule.action), rule.condition,
                          rule.when.empty() ? "" : fmt::format(" (when {})", util::join(rule.when, ", ")),
                          rule.instruction.empty() ? std::string_view(avoided) : rule.instruction.view()),
              width);
    out += hanging(indent + "  basis: ", rule.basis.str(), width);
  }
  return out;
}

} // namespace

std::string exercise_text(const catalog::Catalog& catalog, const catalog::Exercise& e, std::size_t width)
{
  std::string out;
  // Labels in a column of 18, or, where that leaves too little room, each
  // value under its label and a version's rules indented by 4.
  const std::size_t label_width = width == 0 || width >= 18 + 24 ? 18 : 4;
  const auto field = [&](const char* label, const std::string& value) {
    out += hanging(fmt::format("{:<18}", label), value, width);
  };
  const auto name = [&](const catalog::Vocabulary& vocabulary, const std::string& id) {
    const auto* term = vocabulary.find(id);
    return term != nullptr ? fmt::format("{} ({})", term->name, id) : id;
  };
  out +=
    hanging("", fmt::format("{} ({})", e.name, e.id), width) + hanging("", e.details().summary, width) + "\n";
  field("Position:", name(catalog.positions, e.position));
  field("Kind:", name(catalog.kinds, e.kind));
  field("Level:", name(catalog.levels, e.level));
  field("Regions:", util::join(e.regions, ", "));
  field("Goals:", util::join(e.goals, ", "));
  field("Movements:", e.movements.empty() ? "-" : util::join(e.movements, ", "));
  field("Each side:", e.per_side ? "yes" : "no");
  const auto loads = catalog.loads_of(e);
  field("Loads:", loads.empty() ? "-" : util::join(loads, ", "));
  if (!e.progression_of.empty()) {
    field("Progresses:", fmt::format("{} ({}): only with --level {} or harder",
                                     name_exercise(catalog, e.progression_of), e.progression_of, e.level));
  }
  if (!e.family.empty()) {
    field("Family:", fmt::format("{}: a plan holds one exercise of it", e.family));
  }
  if (e.end_range) {
    field("End range:", "moves into and holds the end of the range: never a plan's first exercise");
  }
  field("Dosage:", dosage_ranges(e.dosage));
  field("Typical time:", util::format_duration(
                           plan::duration(plan::middle_dose(e.dosage), e.per_side, plan::default_lead_in)));
  out += "\nSteps:\n";
  for (std::size_t i = 0; i < e.details().steps.size(); ++i) {
    out += hanging(fmt::format("  {}. ", i + 1), e.details().steps[i], width);
  }
  if (!e.details().cues.empty()) {
    out += "\nCues:\n";
    for (const auto& cue : e.details().cues) {
      out += hanging("  - ", cue, width);
    }
  }
  const auto rules = [&](const std::string& indent, const std::vector<catalog::Contraindication>& list,
                         const char* avoided) {
    out += contraindications_text(indent, list, avoided, width);
  };
  if (e.details().stop_if) {
    out += "\n";
    field("For everyone:", e.details().stop_if->text);
    field("  basis:", e.details().stop_if->basis);
  }
  if (e.easier || e.harder) {
    out += "\n";
    for (const auto& [label, variant] : {std::pair{"Easier:", &e.easier}, {"Harder:", &e.harder}}) {
      if (*variant) {
        field(label, version_words(catalog, **variant));
        rules(std::string(label_width, ' '), (*variant)->contraindications, "never shown");
      }
    }
  }
  out += "\nContraindications:\n";
  if (e.contraindications.empty()) {
    out += "  none\n";
  }
  rules("  ", e.contraindications, "left out of the plan");
  out += "\nSources:\n";
  for (const auto& id : e.sources) {
    const auto* source = catalog.sources.find(id);
    out += hanging("  - ", fmt::format("{}: {}", id, source != nullptr ? source->citation : ""), width);
  }
  out += "\n" + hanging("Defined at ", std::string(e.where.file.view()), width);
  return out;
}

namespace {

using Json = nlohmann::ordered_json;

/// A dose part's range, or null when the exercise does not use it (no
/// range, or a rest of 0 to 0): never 0 for "none".
Json range_json(const std::optional<catalog::Range>& range)
{
  if (!range || range->max == 0) {
    return nullptr;
  }
  return Json{{"min", range->min}, {"max", range->max}};
}

/// The display name of `id` in `vocabulary`, or the id itself.
std::string term_name(const catalog::Vocabulary& vocabulary, const std::string& id)
{
  const auto* term = vocabulary.find(id);
  return term != nullptr ? term->name : id;
}

/// The exercise's rules as JSON, each condition by its catalog name.
Json catalog_rules_json(const catalog::Catalog& catalog, const std::vector<catalog::Contraindication>& list)
{
  return rules_json(list, [&](const std::string& id) { return term_name(catalog.conditions, id); });
}

/// An easier or harder version, in one shape whether it is told in words or
/// is another exercise: {text, exercise_id, description, contraindications},
/// where another exercise gives its name, summary and rules.
Json version_json(const catalog::Catalog& catalog, const util::Box<catalog::Variant>& variant)
{
  if (!variant) {
    return nullptr;
  }
  const auto* other = variant->exercise.empty() ? nullptr : catalog.find(variant->exercise);
  if (other == nullptr) {
    return Json{{"text", variant->text},
                {"exercise_id", string_or_null(variant->exercise)},
                {"description", nullptr},
                {"contraindications", catalog_rules_json(catalog, variant->contraindications)}};
  }
  return Json{{"text", other->name},
              {"exercise_id", other->id},
              {"description", other->details().summary},
              {"contraindications", catalog_rules_json(catalog, other->contraindications)}};
}

Json pose_json(const figure::Pose& pose)
{
  Json angles = Json::object();
  for (const auto& [joint, angle] : pose.angles) {
    angles[joint] = angle;
  }
  return Json{{"rest", pose.rest}, {"contacts", pose.contacts}, {"angles", std::move(angles)}};
}

/// The figure's view, props, the point its arrow follows, its start and end
/// poses, and the modified figures by condition; null when it has none.
Json figure_json(const catalog::Exercise& e)
{
  if (!e.details().figure) {
    return nullptr;
  }
  const auto drawn = [](const figure::Figure& figure) {
    return Json{{"props", figure.props}, {"start", pose_json(figure.start)}, {"end", pose_json(figure.end)}};
  };
  Json out;
  out["view"] = figure::view_name(e.details().figure->view);
  out["moves"] = e.details().figure->moves.empty() ? Json(nullptr) : Json(e.details().figure->moves);
  out.update(drawn(*e.details().figure));
  out["modified"] = Json::object();
  for (const auto& rule : e.contraindications) {
    if (rule.figure) {
      out["modified"][rule.condition] = drawn(*rule.figure);
    }
  }
  return out;
}

} // namespace

std::string exercise_json(const catalog::Catalog& catalog, const catalog::Exercise& e)
{
  Json out;
  out["schema_version"] = catalog_json_version;
  out["id"] = e.id;
  out["name"] = e.name;
  out["summary"] = e.details().summary;
  out["position"] = e.position;
  out["position_name"] = term_name(catalog.positions, e.position);
  out["regions"] = e.regions;
  out["goals"] = e.goals;
  out["movements"] = e.movements;
  out["kind"] = e.kind;
  out["kind_name"] = term_name(catalog.kinds, e.kind);
  out["level"] = e.level;
  out["per_side"] = e.per_side;
  Json dosage;
  dosage["hold_seconds"] = range_json(e.dosage.hold);
  dosage["rep_seconds"] = range_json(e.dosage.rep_seconds);
  dosage["reps"] = range_json(e.dosage.reps);
  dosage["sets"] = range_json(e.dosage.sets);
  dosage["rest_between_reps_seconds"] = range_json(e.dosage.rest_between_reps);
  dosage["rest_between_sets_seconds"] = range_json(e.dosage.rest_between_sets);
  dosage["to_fatigue"] = e.dosage.to_fatigue;
  out["dosage"] = std::move(dosage);
  out["typical_seconds"] = plan::duration(plan::middle_dose(e.dosage), e.per_side, plan::default_lead_in);
  out["steps"] = e.details().steps;
  out["cues"] = e.details().cues;
  out["stop_if"] = e.details().stop_if
                     ? Json{{"text", e.details().stop_if->text}, {"basis", e.details().stop_if->basis}}
                     : Json(nullptr);
  out["loads"] = e.loads.get();
  out["easier"] = version_json(catalog, e.easier);
  out["harder"] = version_json(catalog, e.harder);
  out["progression_of"] = e.progression_of.empty() ? Json(nullptr) : Json(e.progression_of);
  out["family"] = e.family.empty() ? Json(nullptr) : Json(e.family);
  out["end_range"] = e.end_range;
  out["contraindications"] = catalog_rules_json(catalog, e.contraindications);
  std::vector<catalog::Citation> sources;
  for (const auto& id : e.sources) {
    const auto* source = catalog.sources.find(id);
    sources.push_back({id, source != nullptr ? source->citation : id});
  }
  out["sources"] = sources_json(sources);
  out["figure"] = figure_json(e);
  out["file"] = e.where.file.view();
  return json_text(out);
}

} // namespace backplan::render
