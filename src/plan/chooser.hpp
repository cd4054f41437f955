#pragma once

#include "backplan/catalog/model.hpp"
#include "backplan/plan/model.hpp"
#include "plan/candidates.hpp"
#include "plan/selection.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace backplan::plan {

/// Whether `a` and `b` are an exercise and its own progression.
inline bool progression_pair(const catalog::Exercise& a, const catalog::Exercise& b)
{
  return a.progression_of == b.id || b.progression_of == a.id;
}

/// Whether `a` and `b` are two exercises of one family.
inline bool same_family(const catalog::Exercise& a, const catalog::Exercise& b)
{
  return !a.family.empty() && a.family == b.family && a.id != b.id;
}

/// Chooses a plan's exercises and their doses from the candidates (safe and
/// through the filters, in priority order), and remembers why each candidate
/// it did not choose was refused.
class Chooser
{
public:
  /// A chooser for a plan of `budget` seconds that keeps within `limits`;
  /// every argument but `limits` must outlive it.
  Chooser(const catalog::Catalog& catalog, const Request& request, const std::vector<Candidate>& candidates,
          int budget, std::vector<PositionLimit> limits = {});

  /// Runs every phase (an opener, cover the needs, fill each kind's share,
  /// a stretch to end on, fill, top up to the target), every exercise at
  /// the dose of the plan's length (planner.hpp's dose_level) unless the
  /// last stage must raise them; `uncovered` receives the requested regions
  /// and goals left uncovered, with why.
  void run(std::vector<std::string>& uncovered);

  /// The exercises chosen and their doses.
  const Selection& selection() const { return m_selection; }

  /// Whether every candidate not chosen was turned away for a reason a
  /// longer plan shares (its family or progression, a position's cap), none
  /// for the time, one item's share or the changes of position.
  bool exhausted() const;

  /// Why `candidate`, not chosen, is left out.
  LeftOut reason(const Candidate& candidate) const;
  /// Why `candidate` was refused when it was offered (time, a cap, a move).
  LeftOut refused_reason(const Candidate& candidate) const;

  /// Why `candidate`, chosen, was taken when it was: what the phase that
  /// added it could not do with the candidates before it.
  const std::string& why_chosen(const Candidate& candidate) const { return m_why[index_of(candidate)]; }

private:
  /// Something the plan should cover: a region, a goal or a movement (of
  /// one of `regions`, when set).
  struct Need {
    const std::vector<std::string> catalog::Exercise::*field;
    std::string id;
    std::vector<std::string> regions;
  };

  /// The needs of the request: its regions and goals, or else every
  /// movement in a region of the back.
  std::vector<Need> needs() const;
  /// Whether `exercise` meets `need`.
  static bool meets(const catalog::Exercise& exercise, const Need& need);
  /// Adds `candidate` at the plan's dose when it may join and fits;
  /// remembers why not.
  bool offer(const Candidate& candidate);
  /// Whether a chosen exercise is `candidate`'s progression or the reverse,
  /// or (until the last stage) of its family.
  bool conflicts(const Candidate& candidate) const;
  /// A chosen exercise of the same kind that already does every movement of
  /// `exercise`, or nullptr.
  const catalog::Exercise* covering(const Candidate& candidate) const;
  /// The names of the declared conditions that modify `candidate`, each once.
  std::vector<std::string> modifying_conditions(const Candidate& candidate) const;
  /// Whether a chosen exercise covers `need`.
  bool covers(const Need& need) const;
  /// Covers each need with the first candidate, in priority order, that fits.
  void cover_needs(std::vector<std::string>& uncovered);
  /// Adds exercises of each kind with a share until they reach that share
  /// of the budget.
  void fill_shares();
  /// Adds further exercises while the plan fits:
  /// with `novel_only`, only those bringing a movement not yet in the plan;
  /// an exercise needing a modification only when `modified_too`.
  void fill(bool novel_only, bool modified_too);
  /// Opens the plan: the first candidate that `opens_plan`.
  void cover_opener();
  /// When the plan would not end calmly, adds a stretch in a posture it is
  /// already in.
  void close_calmly();
  /// Does without an item alone in a posture of its own and fills its time
  /// from the postures the plan is in, when then the plan ends calmly.
  template<typename OfferClosers>
  void drop_lone_end(OfferClosers offer_closers);
  /// The chosen exercises in plan order.
  std::vector<const catalog::Exercise*> ordered() const;
  /// Still short of the target: whatever else fits; then a second exercise
  /// of a family; then items past the cap on one item's share; then
  /// exercises swapped for ones that fill more (`swap_to_fill`,
  /// `rechoose_short`); then, when `exhausted`, doses raised evenly
  /// (Selection::raise).
  void top_up();
  /// Still short of the target, with exercises left out for the time: swaps
  /// a chosen exercise for one left out where that fills more of the time
  /// at the plan's doses and keeps the needs covered, the gentle opening and
  /// the calm end; the best swap each round, until none fills more.
  void swap_to_fill();
  /// A short plan (at most `short_plan_items` chosen) still short of the
  /// target after the swaps: the one or two exercises, beside those asked
  /// for, that fill most of the time at the plan's doses, keeping the
  /// regions and goals asked for, the gentle opening and the calm end
  /// (a plan this short cannot also keep every movement it had).
  void rechoose_short();
  /// What a swap must keep: each need covered, and whether the plan opens
  /// gently and ends calmly.
  std::vector<bool> kept_shape(const std::vector<Need>& needs) const;
  /// Whether the plan still has all that `before` (a kept_shape) had.
  bool keeps_shape(const std::vector<bool>& before, const std::vector<Need>& needs) const;
  /// Whether the request includes `candidate` by name (--include).
  bool asked_for(const Candidate& candidate) const
  {
    return std::find(m_request.include.begin(), m_request.include.end(), candidate.exercise->id) !=
           m_request.include.end();
  }
  /// Offers `candidate`, and takes it out again when it would end a plan
  /// that ended calmly alone in a posture of its own.
  bool offer_keeping_end(const Candidate& candidate);
  /// Offers each candidate not chosen until the total reaches `target`.
  void offer_remaining(int target);

  const catalog::Catalog& m_catalog;
  const Request& m_request;
  const std::vector<Candidate>& m_candidates;
  Selection m_selection;
  std::vector<std::string> m_why; ///< by candidate: why_chosen()
  std::string m_stage;            ///< what the phase running now adds exercises for
  /// The position of `candidate` in the candidates, which index the two below.
  std::size_t index_of(const Candidate& candidate) const
  {
    return static_cast<std::size_t>(&candidate - m_candidates.data());
  }
  /// The movements of each candidate as bits (one per movement any
  /// candidate does), `m_words` words a candidate, so that comparing
  /// candidates' movements costs no string comparison.
  std::vector<std::uint64_t> m_movements;
  std::size_t m_words = 0;
  /// Whether every movement in the bits `moves` is in the bits `others`.
  bool moves_within(const std::uint64_t* moves, const std::uint64_t* others) const;
  /// The movement bits of `candidate`.
  const std::uint64_t* movements_of(const Candidate& candidate) const
  {
    return m_movements.data() + index_of(candidate) * m_words;
  }
  std::vector<bool> m_tried;            ///< offered at least once, by candidate
  bool m_families_allowed = false;      ///< the last stage: a second exercise of a family may join
  const Candidate* m_dropped = nullptr; ///< taken out so that the plan ends calmly
  /// Whether the plan ended calmly when the selection's changes() was
  /// `m_calm_at` (offer_keeping_end asks for each candidate).
  bool m_calm = false;
  std::uint64_t m_calm_at = static_cast<std::uint64_t>(-1);
  /// Why a candidate offered was not added, in seconds.
  struct Refusal {
    Added why;
    int needed; ///< at the dose offered, or its least dose when over the item cap
    int limit;  ///< the seconds left, or the item cap
  };
  std::vector<std::optional<Refusal>> m_refused; ///< by candidate
};

/// Every exercise of the catalog not in the plan, by id: those that did not
/// become candidates (`filtered`, in the catalog's order) and the candidates
/// the chooser did not choose, with its reasons (of those, with `only`, just
/// the ones whose ids it holds): a run of exercises a core, for a catalog
/// with `per_thread` exercises or more a core.
std::vector<LeftOut> all_left_out(const catalog::Catalog& catalog, const std::vector<Candidate>& candidates,
                                  const Chooser& chooser, std::vector<LeftOut> filtered,
                                  const std::vector<std::string>* only = nullptr,
                                  std::size_t per_thread = parallel_exercises);

} // namespace backplan::plan
