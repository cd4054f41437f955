#pragma once

#include <array>

#include "backplan/figure/model.hpp"
#include "backplan/plan/model.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace backplan::render {

/// What a note says something about. Every handout format prints every note
/// of a document, whatever its kind; the kind only chooses how it looks.
enum class NoteKind {
  shortfall,       ///< the catalog could not fill the time
  unchanged,       ///< a declared condition no exercise needed changing for
  uncovered,       ///< a requested region or goal no safe exercise covers
  kind_advice,     ///< a kind of exercise's advice: when to start strengthening
  general,         ///< a safety note for everyone: stop on pain, ...
  advice,          ///< a declared condition's advice
  red_flags_intro, ///< the sentence before the red-flag tiers
  red_flag_tier,   ///< a tier of red flags and what to do
  red_flag_sign,   ///< one sign of a tier
  everyone,        ///< an exercise's "stop if" line, which every user sees
  modification,    ///< a change of an exercise (or a version of it) for a condition
  caution,         ///< a caution on an exercise (or a version of it) for a condition
};

/// The name of a note kind, as tests and messages say it.
const char* note_kind_name(NoteKind kind);

/// Something a handout tells the user: its kind, a label ("Knee problems —
/// modify", "Not covered"; empty for a plain note) and the words.
struct Note {
  NoteKind kind;
  std::string label;
  std::string text;
};

/// A line under the title: "How often: once a day".
struct Fact {
  std::string label;
  std::string value;
  /// It reproduces the plan (the seed): a patient needs it not, so handouts
  /// print it only in their closing line.
  bool reproduces = false;
};

/// A tier of red flags: its id, its note (name and what to do) and its signs.
struct RedFlagTier {
  std::string id;
  Note action;
  std::vector<Note> signs;
};

/// The safety section every plan carries.
struct SafetySection {
  std::vector<Note> general;
  std::vector<Note> advice; ///< labelled with the condition's name
  Note red_flags_intro;
  std::vector<RedFlagTier> tiers;
  std::vector<std::string> citations; ///< the tiers' basis, each once
};

/// An easier or harder version of an exercise.
struct Version {
  std::string label;           ///< "Easier" or "Harder"
  std::string text;            ///< its words, or the other exercise's name
  std::string words;           ///< the whole line (variant_words)
  std::size_t item_number = 0; ///< the other exercise's number in the plan; 0: not in it
  std::vector<Note> notes;     ///< its modifications, then its cautions
};

/// One exercise of the plan, as every handout shows it and its schedule row.
struct ExerciseBlock {
  std::size_t number = 0; ///< from 1
  std::string id;
  std::string name;
  std::string start;  ///< "02:30"
  std::string time;   ///< "1 min 30 s"
  int transition = 0; ///< seconds to get ready before it (plan::PlanItem::transition)
  /// "get into position: 20 s" before the first exercise, "change position:
  /// 10 s" where the position changes; empty where only the lead-in comes
  /// before it (schedule_end_line says how long that is).
  std::string ready;
  std::string kind;     ///< its kind's name
  std::string position; ///< its start position's name
  std::string summary;
  std::string dosage;
  bool marked = false; ///< it carries a note for one of the user's conditions
  const figure::Figure* drawn = nullptr;
  std::vector<std::string> figure_notes; ///< drawn with a change; one side shown
  std::vector<std::string> steps;
  std::vector<std::string> cues;
  std::vector<Note> notes; ///< the "stop if" line, then modifications, then cautions
  std::vector<Version> versions;
  const plan::PlanItem* item = nullptr; ///< what it was made from (for a drawing)
};

/// An exercise left out, with --explain.
struct LeftOutLine {
  std::string id;
  std::string name;
  std::string reason;
  std::string detail;
};

/// What --explain adds: items chosen against a preference (with a caution,
/// or beside a version of the same movement), and those left out.
struct Explanation {
  std::vector<std::pair<std::string, std::string>> chosen; ///< ("Name (id)", why)
  std::vector<LeftOutLine> left_out;
};

/// One week of a programme's log sheet: its number, its Monday ("2 Nov")
/// and the days of it with a session.
struct LogWeek {
  int number = 0;
  std::string from;
  std::array<bool, 7> due{};
};

/// The weeks of `programme` as its log sheet shows them, Monday to Sunday.
std::vector<LogWeek> log_weeks(const plan::ProgrammeSheet& programme);

/// A finished plan as a handout, built once; every format writes it.
struct Document {
  std::string title;
  std::string client;       ///< who it is for (--for); empty when not given
  std::string clinician;    ///< who gives it (--from); empty when not given
  int sessions_per_day = 1; ///< from how often: "twice a day" gives 2
  std::vector<LogWeek> log; ///< a programme's weeks, for its log sheet; empty: the week's tick grid
  std::vector<Fact> facts;  ///< who, from whom, how often, then what the plan honours
  std::vector<Note> notes;  ///< shortfall, conditions that changed nothing, gaps
  SafetySection safety;
  std::vector<ExerciseBlock> exercises;
  bool any_marked = false; ///< some exercise carries a note for a condition
  std::string end;         ///< when the plan ends: "09:45"
  std::string budget;      ///< the time planned: "10:00"
  int position_changes = 0;
  int lead_in = 0;      ///< seconds to get ready before each exercise and side
  bool explain = false; ///< --explain: `explanation` is printed
  Explanation explanation;
  std::vector<std::string> sources;
  std::uint64_t seed = 0;
};

/// The plan as a handout document; `explain` adds what was left out.
Document make_document(const plan::Plan& plan, bool explain);

/// Every note of the document, in the order a handout prints them.
std::vector<const Note*> all_notes(const Document& document);

/// A note of the plan (Document::notes) as one line where the place it is
/// written already says it is a note (HTML's note box, CSV's notes cell): a
/// gap with its label ("Not covered: Hamstrings ..."), the others as words.
std::string plan_note_line(const Note& note);

/// The line under a printed schedule: "Ends at 14:59 of the 15:00 planned.
/// The start times allow for changing position between exercises (3
/// changes)."
std::string schedule_end_line(const Document& document);

/// The one scale (points per world unit) at which every figure of
/// `document` is drawn, so that a body is the same size in every picture:
/// `preferred`, or less where a figure would not fit `max_width` points
/// (with `stack`, even with its panels one above the other).
double figure_scale(const Document& document, double preferred, double max_width, bool stack);

/// "Made by backplan; the same request with seed N makes the same plan."
std::string closing_line(const Document& document);

} // namespace backplan::render
