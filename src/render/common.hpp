#pragma once

#include "backplan/plan/model.hpp"

#include <array>
#include <string>
#include <vector>

namespace backplan::render {

/// The plan's title line: "A 10-minute back-care plan".
std::string plan_title(const plan::Plan& plan);

/// An easier or harder version in one line: its words; for another exercise
/// of the plan, "Cat-cow (exercise 4 in this plan)"; for one that is not in
/// the plan, its name and what it is ("Cat-cow — On your hands and ...").
std::string variant_words(const plan::PlanVariant& variant);

/// "Knee problems — modify" for a rule shown beside its exercise.
std::string rule_label(const plan::Plan& plan, const catalog::Contraindication& rule);

/// The display name of a condition id as honoured by the plan.
std::string condition_name(const plan::Plan& plan, const std::string& id);

/// The basis of a rule in words: "source: <citation id>" or general guidance.
std::string basis_words(const catalog::Contraindication& rule);

/// The label of an exercise's `stop_if` line, which every user sees.
inline constexpr const char* everyone_label = "For everyone";

/// The heading --explain puts over the items chosen against a preference
/// (with a caution, or beside a version of the same movement).
inline constexpr const char* chosen_anyway_heading = "Chosen, and why";

/// The rules shown beside an item or a version of it: modifications, then cautions.
std::vector<catalog::Contraindication> shown_rules(
  const std::vector<catalog::Contraindication>& modifications,
  const std::vector<catalog::Contraindication>& cautions);

/// Whether an item carries a note for one of the user's conditions (a
/// modification or a caution), which every schedule marks.
bool has_condition_note(const plan::PlanItem& item);

/// The days of the week's tick grid, as a handout heads its columns.
inline constexpr std::array<const char*, 7> week_days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

/// How many sessions a day `frequency` asks for: "twice a day" 2, "3 times
/// a day" 3 (at most 6), anything else 1 (once a day, or less often).
int sessions_a_day(std::string_view frequency);

/// The heading of the short box near the top of a handout that says when to
/// stop and get help (the most urgent tier of warning signs, in handouts).
inline constexpr const char* stop_heading = "Stop and get help";

/// What the full safety section says in place of the most urgent tier's
/// signs, which a handout prints under stop_heading before the exercises.
inline constexpr const char* stop_reference =
  "the signs under \u201cStop and get help\u201d, before the exercises";

/// Where the terminal's plan sends its reader for the warning signs, which
/// it prints after the exercises.
inline constexpr const char* stop_pointer =
  "stop any exercise that causes pain. The warning signs that need a doctor, and what to do about each, are "
  "under Safety after the plan.";

/// The language every handout is written in (British English), as HTML's
/// `lang` and the Markdown front matter's `lang` give it.
inline constexpr const char* document_language = "en-GB";

/// A citation's words and its web address ("NHS — \"Back pain\"
/// (https://…)"), which handouts print as a link on the words (HTML, PDF).
struct Citation {
  std::string words;
  std::string address; ///< empty when it has none
};
Citation split_citation(std::string_view citation);

/// A web address as a reader types it: no scheme, no "www.", no last slash.
std::string short_address(std::string address);

/// The line under the warning signs that names what they come from, by
/// their citations' words: "Basis: NHS — \"Back pain\"; … (addresses under
/// “Sources”)." (that last only where one has an address); empty when
/// there are none.
std::string basis_line(const std::vector<std::string>& citations);

/// The sources a handout lists last: the exercises' (`sources`), then the
/// warning signs' (`citations`) not already among them, each split into its
/// words and address.
std::vector<Citation> handout_sources(const std::vector<std::string>& sources,
                                      const std::vector<std::string>& citations);

/// The line above a programme's log sheet.
inline constexpr const char* log_sheet_words =
  "Tick each session as you finish it, and write down your pain during it, from 0 (none) to 10 (the worst "
  "you can imagine). Bring this sheet to your physiotherapist.";

/// The line above a tick grid with `sessions` boxes a day.
std::string tick_grid_words(int sessions);

/// The date a handout is made, as its footer says it ("5 December 2026"),
/// and in ISO 8601 ("2026-12-05T00:00:00") for a PDF's document information:
/// today, or the day of SOURCE_DATE_EPOCH when it is set (reproducible builds).
struct HandoutDate {
  std::string words;
  std::string iso;
};
HandoutDate handout_date();

/// The mark beside such an item in a schedule.
inline constexpr const char* note_mark = "*";

/// What the mark means, said once under or above the schedule.
inline constexpr const char* note_mark_legend = "a note for your condition goes with this exercise";

/// The citations of every red-flag tier, each once, in order.
std::vector<std::string> red_flag_citations(const safety::SafetyNotes& safety);

/// The figure to draw for a plan item: the first modification's own figure
/// when one of the user's conditions has one, else the exercise's; nullptr
/// when the exercise has no figure.
const figure::Figure* item_figure(const plan::PlanItem& item);

/// "Drawn as changed for knee problems" when item_figure is a modification's
/// figure, else empty.
std::string figure_note(const plan::PlanItem& item);

/// The line under an exercise's figure: which side is drawn for an exercise
/// done on each side, else empty.
std::string figure_caption(const catalog::Exercise& exercise);

/// `drawn` (the exercise's figure or a modification's) as a standalone SVG
/// document titled with the exercise's name, as `show ID -f svg` prints it
/// and Markdown handouts link it.
/// What exercise_svg draws: both poses, or only the start or the end one;
/// and, for an author posing a figure, a grid and the contacts.
struct SvgView {
  std::string pose = "both"; ///< "both", "start" or "end"
  bool grid = false;
};
std::string exercise_svg(const figure::Figure& drawn, const catalog::Exercise& exercise,
                         const SvgView& view = {});

} // namespace backplan::render
