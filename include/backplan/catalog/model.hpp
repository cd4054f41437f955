#pragma once

#include "backplan/figure/model.hpp"
#include "backplan/util/box.hpp"
#include "backplan/util/counted.hpp"
#include "backplan/util/shared_text.hpp"

#include <atomic>
#include <cstddef>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::catalog {

/// The name of a catalog file, shared by every Location in it: a position
/// keeps its file's name alive, with no table of names kept for the whole
/// process, and copying it copies no text. Empty by default. One pointer:
/// a catalog holds several positions an exercise.
class FileName
{
public:
  FileName() = default;
  explicit FileName(std::string_view name)
  {
    if (!name.empty()) {
      // The count, the length and the name in one allocation.
      auto* rep = new (::operator new(sizeof(Rep) + name.size())) Rep{{1}, name.size()};
      std::memcpy(reinterpret_cast<char*>(rep + 1), name.data(), name.size());
      m_rep = util::Counted<Rep>(rep);
    }
  }

  /// The name; empty for a position never set.
  std::string_view view() const
  {
    return m_rep ? std::string_view(reinterpret_cast<const char*>(m_rep.get() + 1), m_rep->size)
                 : std::string_view();
  }
  operator std::string_view() const { return view(); } // NOLINT: reads as the name it is
  bool empty() const { return !m_rep; }
  bool starts_with(std::string_view prefix) const { return view().starts_with(prefix); }
  friend bool operator==(const FileName& a, std::string_view b) { return a.view() == b; }
  friend auto operator<=>(const FileName& a, const FileName& b) { return a.view() <=> b.view(); }
  friend bool operator==(const FileName& a, const FileName& b) { return a.view() == b.view(); }

private:
  /// Followed by the name's `size` bytes.
  struct Rep {
    std::atomic<std::size_t> refs;
    std::size_t size;
    static void destroy(Rep* rep)
    {
      rep->~Rep();
      ::operator delete(rep);
    }
  };
  util::Counted<Rep> m_rep;
};

/// A position in a catalog file, 1-based, for diagnostics.
struct Location {
  Location() = default;
  /// A position in the file named `file_name`, which this location shares.
  Location(FileName file_name, int line_number, int column_number)
      : file(std::move(file_name)), line(line_number), column(column_number)
  {}
  /// A position in a file of this name (a name of its own: for a single
  /// position, such as a file's read error).
  Location(std::string_view file_name, int line_number, int column_number)
      : Location(FileName(file_name), line_number, column_number)
  {}

  FileName file;
  int line = 0;
  int column = 0;

  /// "FILE:LINE:COLUMN".
  std::string str() const;
};

/// An inclusive range of whole numbers from the catalog, min <= max.
struct Range {
  int min = 0;
  int max = 0;
};

/// How much of an exercise to do, as ranges the planner may tune within.
/// A repetition lasts rep_seconds (moving) plus hold (held); at least one is set.
struct Dosage {
  std::optional<Range> hold;
  std::optional<Range> rep_seconds;
  Range reps{1, 1};
  Range sets{1, 1};
  Range rest_between_reps{0, 0}; ///< seconds between repetitions of a set
  Range rest_between_sets{0, 0}; ///< seconds between sets; at least 1 when sets may exceed 1
  /// The source says to repeat until the working muscles tire: the
  /// repetitions load the muscle whatever the hold.
  bool to_fatigue = false;
};

/// What a condition does to an exercise.
enum class Action { avoid, modify, caution };

/// The name of an action as written in the catalog ("avoid", ...).
const char* action_name(Action action);

/// A condition's effect on one exercise, with what the user reads and why.
struct Contraindication {
  std::string condition;
  Action action = Action::caution;
  /// What the user reads, and its basis: a source id, or "general clinical
  /// guidance". Shared texts: a catalog decoded from the cache or the
  /// compiled built-in one holds views of those bytes, not copies.
  util::SharedText instruction;
  util::SharedText basis;
  util::Box<figure::Figure> figure; ///< modify only: how the modified exercise looks
  /// The values of the condition's qualifier the rule holds for (empty:
  /// every value); with no value given, every rule holds.
  util::BoxedVector<std::string> when;
};

/// A warning shown to every user, whatever their conditions, and its basis.
struct Warning {
  std::string text;
  std::string basis; ///< a source id, or "general clinical guidance"
};

/// An easier or harder version: words, or the id of another exercise.
/// A version in words carries its own contraindications, which act on it
/// exactly as an exercise's act on the exercise.
struct Variant {
  std::string text;
  std::string exercise;
  util::BoxedVector<Contraindication> contraindications; ///< words only (rare: boxed)
  Location where;
};

/// What only an exercise that is shown needs: its texts and its figure.
/// Filtering and choosing never read them,
/// so a catalog from the cache or the compiled built-in one decodes them
/// only for the exercises a command shows (Exercise::details).
struct ExerciseDetails {
  std::string summary;
  std::vector<std::string> steps;
  std::vector<std::string> cues;
  /// A warning for everyone, declared conditions or not ("Stop if ...").
  std::optional<Warning> stop_if;
  util::Box<figure::Figure> figure; ///< its start and end poses, when drawn
};

/// Details still in binary form: their bytes, and what keeps the bytes
/// alive (none: bytes that live as long as the program).
struct EncodedDetails {
  std::string_view bytes;
  std::shared_ptr<const void> owner;
};

/// One exercise of the catalog, as plain data, but for its details.
struct Exercise {
  std::string id;
  std::string name;
  std::string position;
  std::vector<std::string> regions;
  std::vector<std::string> goals;
  std::vector<std::string> movements;
  std::string kind;
  std::string level;
  bool per_side = false;
  Dosage dosage;
  /// What the exercise loads beyond what its position loads (ids of
  /// `loads`; most load nothing more: boxed).
  util::BoxedVector<std::string> loads;
  util::Box<Variant> easier;
  util::Box<Variant> harder;
  /// The exercise this one progresses (empty: none): it needs that one
  /// mastered first, so a plan holds it only at an explicitly requested level.
  std::string progression_of;
  Location progression_where; ///< the position of the progression_of value
  /// The movement it is a variant of (empty: none): a plan holds one
  /// exercise of a family unless the time cannot be filled otherwise.
  std::string family;
  /// It moves into and holds the end of the range: never a plan's first item.
  bool end_range = false;
  std::vector<Contraindication> contraindications;
  std::vector<std::string> sources;
  Location where;          ///< the position of its id
  Location position_where; ///< the position of its `position` value

  /// Its details, decoded when first read if they were loaded in binary
  /// form (once, safely from several threads). Copies of an exercise share
  /// them until one is edited. Throws std::runtime_error when deferred
  /// bytes turn out not to be details.
  const ExerciseDetails& details() const;
  /// Its details to change: decoded, and this exercise's own.
  ExerciseDetails& edit_details();
  /// Takes `encoded` as its details, to be decoded when first read.
  void defer_details(EncodedDetails encoded);
  /// Whether its details are still in binary form.
  bool details_deferred() const;

private:
  struct Details;
  std::shared_ptr<Details> m_details;
};

/// One value a condition's qualifier may take, and what it changes.
struct QualifierValue {
  std::string id;
  std::string description;
  int from = -1;                            ///< a number typed from this on selects the value (-1: none)
  std::string refer;                        ///< set: no plan is made, and this referral is printed instead
  std::vector<std::string> limit_positions; ///< positions whose time together in a plan is capped
  int limit_seconds = 0;                    ///< the cap, in seconds
  Location where;
};

/// A condition's qualifier: its name and values, and the value taken when
/// none is given, which is the most conservative reading.
struct Qualifier {
  std::string name; ///< "approach", "weeks", ...
  std::vector<QualifierValue> values;
  std::string default_value;

  /// The value with this id, or nullptr.
  const QualifierValue* find(std::string_view id) const;
};

/// A restricted early phase of a condition: until the person says they are
/// cleared, plans draw only from the listed positions and exercises.
struct Phase {
  std::string name;                   ///< "Early phase after spinal surgery"
  std::string lifted_by;              ///< who lifts it: "your surgeon or physiotherapist"
  std::vector<std::string> positions; ///< the positions allowed (empty: any)
  std::vector<std::string> exercises; ///< the exercises allowed (empty: any)
  std::vector<Location> exercise_where;
};

/// A warning sign a condition adds to a red-flag tier, shown only when the
/// condition is declared.
struct ConditionSign {
  std::string tier; ///< a red-flag tier id
  std::string text;
  std::string source; ///< the source id it comes from, or "general clinical guidance"
  Location where;
};

/// A source as documents cite it: its id in the catalog and its citation.
struct Citation {
  std::string id;
  std::string text;
  bool operator==(const Citation&) const = default;
};

/// One entry of a vocabulary (a condition, region, goal, position, ...).
/// Fields a vocabulary does not use stay empty.
struct Term {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> aliases;     ///< conditions only
  std::vector<Location> alias_where;    ///< the position of each alias, when read from a file
  std::string setting;                  ///< positions only: floor, seated or standing
  std::string citation;                 ///< sources only
  std::string group;                    ///< positions only: positions sharing a group are one posture
  int share = 0;                        ///< kinds only: percent of a plan's time the kind aims for
  int min_hold = 0;                     ///< kinds only: shortest hold, where an exercise's range allows
  bool on_request = false;              ///< levels only: in a plan only when `--level` names it
  bool back = false;                    ///< regions only: part of the back, whose movements a plan covers
  bool opens = false;                   ///< kinds only: a plan may open with it (gentle mobility)
  bool closes = false;                  ///< kinds only: a plan may end with it (a stretch)
  bool relaxed = false;                 ///< positions only: a plan may end in it (lying on the back)
  std::string advice;                   ///< conditions and kinds: a line for the whole plan
  std::vector<std::string> protects;    ///< conditions only: loads it cannot take
  std::vector<std::string> includes;    ///< conditions only: conditions whose rules it takes on too
  util::Box<Qualifier> qualifier;       ///< conditions only: a value that changes its rules
  util::Box<Phase> phase;               ///< conditions only: a restricted early phase
  std::vector<ConditionSign> red_flags; ///< conditions only: signs it adds to red-flag tiers
  /// Conditions only: signs of the red-flag tiers that cannot concern someone
  /// with the condition (pregnancy: the signs for men), left out of the plan.
  std::vector<std::string> leaves_out_signs;
  std::vector<Location> leaves_out_where; ///< the position of each, when read from a file
  std::vector<std::string> loads;         ///< positions only: what the position loads
  std::vector<std::string> phrases;       ///< loads only: words in an exercise's text that put strain on it
  std::string action;                     ///< red-flag tiers only: what to do
  std::vector<std::string> signs;         ///< red-flag tiers only: the warning signs
  std::vector<std::string> sources;       ///< red-flag tiers and kinds: source ids (of `advice`, for a kind)
  Location where;
};

/// The terms of one vocabulary, in file order.
struct Vocabulary {
  std::vector<Term> terms;

  /// The term with this id, or nullptr.
  const Term* find(const std::string& id) const;
  /// The display name of the term with this id, or the id itself.
  std::string name_of(const std::string& id) const;
  /// The index of the term with this id in file order, or -1.
  int index_of(const std::string& id) const;
  /// Every id, in file order.
  std::vector<std::string> ids() const;
  /// The term whose id or alias is `name`, compared case-insensitively, or
  /// nullptr. The one way a name the user or a catalog wrote becomes a term.
  const Term* resolve(std::string_view name) const;
};

/// `text` with ASCII letters in lower case, for comparing ids and aliases.
std::string lowercase(std::string_view text);

/// The basis text that marks advice given without a specific source.
inline constexpr const char* general_guidance = "general clinical guidance";

/// A loaded, validated catalog: the vocabularies and the exercises.
struct Catalog {
  Vocabulary conditions;
  Vocabulary regions;
  Vocabulary goals;
  Vocabulary positions;
  Vocabulary levels;
  Vocabulary kinds;
  Vocabulary movements;
  Vocabulary sources;
  Vocabulary loads;                ///< what positions and exercises put strain on
  Vocabulary red_flags;            ///< tiers of warning signs, most urgent first
  std::vector<Exercise> exercises; ///< sorted by id

  /// The exercise with this id, or nullptr.
  const Exercise* find(const std::string& id) const;
  /// Every exercise id, sorted.
  std::vector<std::string> exercise_ids() const;
  /// What `exercise` loads: its position's loads, then its own, each once.
  std::vector<std::string> loads_of(const Exercise& exercise) const;
};

} // namespace backplan::catalog
