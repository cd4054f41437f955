#include "catalog/serialize.hpp"

#include "util/archive.hpp"
#include "util/checksum.hpp"

#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <fmt/format.h>

namespace backplan::util {

/// A box as cereal writes a std::optional: whether it is empty, then its value.
template<class Archive, class T>
void save(Archive& archive, const Box<T>& box)
{
  archive(!box.has_value());
  if (box) {
    archive(*box);
  }
}

template<class Archive, class T>
void load(Archive& archive, Box<T>& box)
{
  bool empty = true;
  archive(empty);
  if (empty) {
    box.reset();
    return;
  }
  T value;
  archive(value);
  box = std::move(value);
}

} // namespace backplan::util

namespace backplan::figure {

/// Angles as cereal writes a std::map<std::string, double>: their number,
/// then each joint's name and degrees.
void save(util::StringOutputArchive& archive, const Angles& angles)
{
  archive(cereal::make_size_tag(static_cast<cereal::size_type>(angles.size())));
  for (const auto& [joint, degrees] : angles) {
    util::save_text(archive, joint);
    archive(degrees);
  }
}

void load(util::BoundedInputArchive& archive, Angles& angles)
{
  cereal::size_type count = 0;
  archive(cereal::make_size_tag(count));
  angles = {};
  angles.reserve(static_cast<std::size_t>(count)); // bounded by the bytes left
  for (cereal::size_type i = 0; i < count; ++i) {
    const std::string_view joint = util::load_text(archive);
    double degrees = 0;
    archive(degrees);
    try {
      angles[joint] = degrees;
    } catch (const std::invalid_argument&) {
      throw cereal::Exception("unknown joint");
    }
  }
}

template<class Archive>
void serialize(Archive& archive, Pose& pose)
{
  archive(pose.angles, pose.rest, pose.contacts);
}

template<class Archive>
void save(Archive& archive, const Figure& figure)
{
  archive(static_cast<std::uint8_t>(figure.view), figure.props, figure.start, figure.end, figure.moves);
}

template<class Archive>
void load(Archive& archive, Figure& figure)
{
  std::uint8_t view = 0;
  archive(view, figure.props, figure.start, figure.end, figure.moves);
  if (view > static_cast<std::uint8_t>(View::top)) {
    throw cereal::Exception("unknown view");
  }
  figure.view = static_cast<View>(view);
}

} // namespace backplan::figure

namespace backplan::catalog {

void save(util::StringOutputArchive& archive, const Location& location)
{
  util::save_text(archive, location.file.view());
  archive(location.line, location.column);
}

void load(util::BoundedInputArchive& archive, Location& location)
{
  const std::string_view file = util::load_text(archive);
  int line = 0;
  int column = 0;
  archive(line, column);
  location = Location(file, line, column);
}

template<class Archive>
void serialize(Archive& archive, Range& range)
{
  archive(range.min, range.max);
}

template<class Archive>
void serialize(Archive& archive, Dosage& dosage)
{
  archive(dosage.hold, dosage.rep_seconds, dosage.reps, dosage.sets, dosage.rest_between_reps,
          dosage.rest_between_sets, dosage.to_fatigue);
}

template<class Archive>
void save(Archive& archive, const Contraindication& rule)
{
  archive(rule.condition, static_cast<std::uint8_t>(rule.action), rule.instruction, rule.basis, rule.figure,
          rule.when);
}

template<class Archive>
void load(Archive& archive, Contraindication& rule)
{
  std::uint8_t action = 0;
  archive(rule.condition, action, rule.instruction, rule.basis, rule.figure, rule.when);
  if (action > static_cast<std::uint8_t>(Action::caution)) {
    throw cereal::Exception("unknown action");
  }
  rule.action = static_cast<Action>(action);
}

template<class Archive>
void serialize(Archive& archive, Warning& warning)
{
  archive(warning.text, warning.basis);
}

template<class Archive>
void serialize(Archive& archive, Variant& variant)
{
  archive(variant.text, variant.exercise, variant.contraindications, variant.where);
}

template<class Archive>
void serialize(Archive& archive, Exercise& e)
{
  archive(e.id, e.name, e.summary, e.position, e.regions, e.goals, e.movements, e.kind, e.level, e.per_side,
          e.dosage, e.steps, e.cues, e.stop_if, e.loads, e.easier, e.harder);
  archive(e.progression_of, e.progression_where, e.family, e.end_range, e.contraindications, e.sources,
          e.figure, e.where, e.position_where);
}

template<class Archive>
void serialize(Archive& archive, QualifierValue& v)
{
  archive(v.id, v.description, v.from, v.refer, v.limit_positions, v.limit_seconds, v.where);
}

template<class Archive>
void serialize(Archive& archive, Qualifier& q)
{
  archive(q.name, q.values, q.default_value);
}

template<class Archive>
void serialize(Archive& archive, Phase& p)
{
  archive(p.name, p.lifted_by, p.positions, p.exercises, p.exercise_where);
}

template<class Archive>
void serialize(Archive& archive, ConditionSign& s)
{
  archive(s.tier, s.text, s.source, s.where);
}

template<class Archive>
void serialize(Archive& archive, Term& t)
{
  archive(t.id, t.name, t.description, t.aliases, t.alias_where, t.setting, t.citation, t.group, t.share,
          t.min_hold, t.advice, t.protects, t.loads, t.action, t.signs, t.sources, t.where);
  archive(t.includes, t.qualifier, t.phase, t.red_flags, t.on_request, t.phrases, t.back, t.opens, t.closes,
          t.relaxed, t.leaves_out_signs, t.leaves_out_where);
}

template<class Archive>
void serialize(Archive& archive, Vocabulary& vocabulary)
{
  archive(vocabulary.terms);
}

namespace {

/// Every vocabulary of a catalog, in one fixed order.
template<class Archive, class C>
void vocabularies(Archive& archive, C& c)
{
  archive(c.conditions, c.regions, c.goals, c.positions, c.levels, c.kinds, c.movements, c.sources, c.loads,
          c.red_flags);
}

/// The locations of an exercise that name its file.
std::vector<Location*> file_locations(Exercise& exercise)
{
  std::vector<Location*> out = {&exercise.where, &exercise.position_where, &exercise.progression_where};
  for (auto* variant : {&exercise.easier, &exercise.harder}) {
    if (*variant) {
      out.push_back(&(*variant)->where);
    }
  }
  return out;
}

template<class T>
T decode_whole(std::string_view bytes)
{
  T value;
  util::BoundedInputArchive archive(bytes);
  archive(value);
  if (archive.remaining() != 0) {
    throw cereal::Exception("bytes after the end");
  }
  return value;
}

} // namespace

std::string encode_exercise(const Exercise& exercise)
{
  Exercise copy = exercise;
  for (Location* location : file_locations(copy)) {
    location->file = {};
  }
  std::string out;
  util::StringOutputArchive archive(out);
  archive(copy);
  return out;
}

Exercise decode_exercise(std::string_view bytes, const FileName& file)
{
  auto exercise = decode_whole<Exercise>(bytes);
  for (Location* location : file_locations(exercise)) {
    if (location->line > 0) { // a location that was never set stays empty
      location->file = file;
    }
  }
  return exercise;
}

std::string encode_catalog(const CompiledCatalog& compiled)
{
  std::string out;
  util::StringOutputArchive archive(out);
  vocabularies(archive, compiled.catalog);
  archive(compiled.catalog.exercises, static_cast<std::uint64_t>(compiled.file_count));
  return out;
}

CompiledCatalog decode_catalog(std::string_view bytes)
{
  CompiledCatalog compiled;
  util::BoundedInputArchive archive(bytes);
  vocabularies(archive, compiled.catalog);
  std::uint64_t file_count = 0;
  archive(compiled.catalog.exercises, file_count);
  if (archive.remaining() != 0) {
    throw cereal::Exception("bytes after the end");
  }
  compiled.file_count = static_cast<std::size_t>(file_count);
  return compiled;
}

std::uint64_t vocabulary_fingerprint(const Catalog& catalog)
{
  std::string out = fmt::format("backplan {} format {}\n", BACKPLAN_VERSION, binary_format_version);
  util::StringOutputArchive archive(out);
  vocabularies(archive, catalog);
  return util::checksum(out);
}

} // namespace backplan::catalog
