#include "catalog/serialize.hpp"

#include "util/archive.hpp"
#include "util/checksum.hpp"

#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <cstring>
#include <fmt/format.h>
#include <memory>

namespace backplan::util {

/// A boxed vector as cereal writes a std::vector.
template<class Archive, class T>
void save(Archive& archive, const BoxedVector<T>& items)
{
  archive(items.get());
}

template<class Archive, class T>
void load(Archive& archive, BoxedVector<T>& items)
{
  std::vector<T> read;
  archive(read);
  items = std::move(read);
}

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

/// What choosing an exercise needs: all of it but its details.
template<class Archive>
void serialize(Archive& archive, Exercise& e)
{
  archive(e.id, e.name, e.position, e.regions, e.goals, e.movements, e.kind, e.level, e.per_side, e.dosage,
          e.loads, e.easier, e.harder);
  archive(e.progression_of, e.progression_where, e.family, e.end_range, e.contraindications, e.sources,
          e.where, e.position_where);
}

template<class Archive>
void serialize(Archive& archive, ExerciseDetails& d)
{
  archive(d.summary, d.steps, d.cues, d.stop_if, d.figure);
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

/// The whole value of the bytes `archive` reads.
template<class T>
T decode_whole(util::BoundedInputArchive&& archive)
{
  T value;
  archive(value);
  if (archive.remaining() != 0) {
    throw cereal::Exception("bytes after the end");
  }
  return value;
}

/// `value` in binary form.
template<class T>
std::string encode(const T& value)
{
  std::string out;
  util::StringOutputArchive archive(out);
  archive(value);
  return out;
}

} // namespace

EncodedExercise encode_exercise(const Exercise& exercise)
{
  Exercise core = exercise;
  for (Location* location : file_locations(core)) {
    location->file = {};
  }
  return {encode(core), encode(exercise.details())};
}

namespace {

/// The exercise `archive` reads, as decode_exercise returns it.
Exercise decode_exercise_from(util::BoundedInputArchive&& archive, const FileName& file,
                              EncodedDetails details)
{
  auto exercise = decode_whole<Exercise>(std::move(archive));
  for (Location* location : file_locations(exercise)) {
    if (location->line > 0) { // a location that was never set stays empty
      location->file = file;
    }
  }
  exercise.defer_details(std::move(details));
  return exercise;
}

/// Calls `f` with every shared text of `exercise`: its rules' and its
/// versions' rules' instructions and bases.
template<class F>
void for_each_text(Exercise& exercise, const F& f)
{
  const auto rules = [&](std::vector<Contraindication>& list) {
    for (auto& rule : list) {
      f(rule.instruction);
      f(rule.basis);
    }
  };
  rules(exercise.contraindications);
  for (auto* version : {&exercise.easier, &exercise.harder}) {
    if (*version && !(*version)->contraindications.empty()) {
      rules((*version)->contraindications.edit());
    }
  }
}

} // namespace

Exercise decode_exercise(std::string_view core, const FileName& file, EncodedDetails details)
{
  // The texts are decoded as views of `core`, which need not outlive this
  // call, then copied together into one block the exercise's texts share:
  // one allocation an exercise rather than one a text.
  auto exercise = decode_exercise_from(util::BoundedInputArchive(core, nullptr), file, std::move(details));
  std::size_t size = 0;
  for_each_text(exercise, [&](const util::SharedText& text) { size += text.size(); });
  const std::shared_ptr<char[]> block(size > 0 ? new char[size] : nullptr);
  const util::SharedText::Keeper keeper(block);
  std::size_t at = 0;
  for_each_text(exercise, [&](util::SharedText& text) {
    const std::size_t length = text.size();
    if (length > 0) {
      std::memcpy(block.get() + at, text.data(), length);
    }
    text = length > 0 ? util::SharedText::view_of({block.get() + at, length}, keeper) : util::SharedText();
    at += length;
  });
  return exercise;
}

Exercise decode_exercise_in_place(std::string_view core, const FileName& file, EncodedDetails details)
{
  // The exercise's texts hold the owner through the archive's keeper, one
  // of their own: exercises decoded on several threads do not all count
  // references on the one owner.
  std::shared_ptr<const void> owner = details.owner;
  return decode_exercise_from(util::BoundedInputArchive(core, std::move(owner)), file, std::move(details));
}

ExerciseDetails decode_details(std::string_view bytes)
{
  return decode_whole<ExerciseDetails>(util::BoundedInputArchive(bytes));
}

std::string encode_catalog(const CompiledCatalog& compiled)
{
  std::string out;
  util::StringOutputArchive archive(out);
  vocabularies(archive, compiled.catalog);
  const auto& exercises = compiled.catalog.exercises;
  archive(static_cast<std::uint64_t>(compiled.file_count), cereal::make_size_tag(exercises.size()));
  // Every exercise's core, then every exercise's details with the name of
  // its file: loading decodes the first part only.
  std::vector<std::string> details;
  details.reserve(exercises.size());
  for (const auto& exercise : exercises) {
    auto encoded = encode_exercise(exercise);
    util::save_text(archive, encoded.core);
    details.push_back(std::move(encoded.details));
  }
  for (std::size_t i = 0; i < exercises.size(); ++i) {
    util::save_text(archive, exercises[i].where.file.view());
    util::save_text(archive, details[i]);
  }
  return out;
}

CompiledCatalog decode_catalog(std::string_view bytes, const std::shared_ptr<const void>& owner)
{
  CompiledCatalog compiled;
  util::BoundedInputArchive archive(bytes);
  vocabularies(archive, compiled.catalog);
  std::uint64_t file_count = 0;
  cereal::size_type count = 0;
  archive(file_count, cereal::make_size_tag(count));
  std::vector<std::string_view> cores(static_cast<std::size_t>(count));
  for (auto& core : cores) {
    core = util::load_text(archive);
  }
  auto& exercises = compiled.catalog.exercises;
  exercises.reserve(cores.size());
  for (const auto core : cores) {
    const FileName file(util::load_text(archive));
    exercises.push_back(decode_exercise_in_place(core, file, {util::load_text(archive), owner}));
  }
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
