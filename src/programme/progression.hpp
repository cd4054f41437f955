#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"
#include "history/model.hpp"
#include "programme/programme.hpp"

#include <optional>
#include <string>
#include <vector>

namespace backplan::programme {

/// One session of the history as one exercise of it went.
struct ExerciseSession {
  std::string day;
  bool complete = false; ///< the exercise was done in full
  history::Ratings ratings;
};

/// What a week of the log does to an exercise's dose.
enum class Move { up, hold, down, flare };

/// One week's decision, with its reason in words.
struct WeekMove {
  int week = 0; ///< from 1
  Move move = Move::hold;
  int step = 0; ///< the step after it
  std::string reason;
  /// Earned a step up at the top of its range: on to the harder version.
  bool mastered = false;
};

/// The pain-monitoring rule over one week's sessions of one exercise
/// (Thomee 1997; Silbernagel 2007): down after pain above 5 during a
/// session, effort above 8, or a next morning worse than before the session
/// (or, without that rating, than during it); up after at least two
/// complete sessions with pain 3 or less and effort 6 or less, none with
/// pain 4 to 5 or effort 7 to 8; held otherwise (at pain 4 to 5 or effort
/// 7 to 8, or too few sessions rated). `reason` says why in words.
Move week_move(const std::vector<ExerciseSession>& week, std::string& reason);

/// The step of an exercise's dose after the programme's complete weeks up
/// to `today`, starting from `start_step`, from 0 (the gentlest) to `top`:
/// one step at most a week; two weeks down in a row are a flare-up, which
/// goes back to step 0 and says so; a step up earned at the top is marked
/// `mastered`. Each week's decision is in `weeks`.
int progress(const Programme& programme, const std::vector<ExerciseSession>& log, const std::string& today,
             int start_step, int top, std::vector<WeekMove>& weeks);

/// The doses an exercise goes up by, from `least` to `most`, one value a
/// physiotherapist writes at a time: the repetitions first, then the hold,
/// then the sets.
std::vector<plan::Dose> dose_ladder(const plan::Dose& least, const plan::Dose& most,
                                    const catalog::Dosage& dosage);

/// The plan of `base`'s request (a plan of `programme`) with each of its
/// exercises at the dose its log since the programme's start earns by
/// `today`, set as a clinician's dose (the planner fits the other
/// exercises around them); where the steps up do not fit the time
/// together, they are held back a step at a time, from the one furthest up
/// (the later on a tie), until they do. An
/// exercise mastered at the top of its range (and not stepped down since)
/// gives way to its harder version: the catalog's exercise that progresses
/// it, else the exercise its `harder` names, when that one is safe for the
/// request and fits; otherwise it stays, and says to ask about it. Each item
/// says why its dose is what it is in `dose_because` (shown with
/// --explain).
plan::Plan progressed_plan(const catalog::Catalog& catalog, const Programme& programme,
                           const std::vector<history::Session>& sessions, const std::string& today,
                           const plan::Plan& base);

} // namespace backplan::programme
