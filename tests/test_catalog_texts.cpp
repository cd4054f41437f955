// The built-in catalog's texts agree with each other, condition by
// condition: an easier or harder version shown beside a modification or
// caution never asks for what that note rules out, and every note speaks to
// the patient, not about the program.

#include "backplan/safety/conditions.hpp"
#include "catalog/exercises.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace backplan;

namespace {

/// A note that asks for one thing, and words of a version that ask for its
/// opposite. Written from the notes' wording, not read from the catalog.
struct Opposites {
  std::vector<std::string> note;    ///< any of these in the modification or caution
  std::vector<std::string> version; ///< contradicted by any of these in a version shown beside it
};

// clang-format off
const std::vector<Opposites> opposites = {
  {{"not locked", "locked straight", "elbows soft", "soft elbows", "elbows slightly bent", "elbows and knees slightly soft"},
   {"elbows are straight", "elbows straight", "straighten your elbows", "straighten your arms", "lock your"}},
  {{"knees soft", "soft knees", "never locked"}, {"knees straight", "straighten your knees", "lock your knees"}},
  {{"keep your head up", "head in line", "head stays in line"},
   {"head sink", "head drop", "let your head hang", "drop your head"}},
  {{"knees apart", "pillow between"}, {"knees together", "knees touching"}},
  {{"right angle"}, {"to your chest", "towards your chest", "as far as you can"}},
  {{"short of the end", "small range", "partway", "only a little", "gentle stretch"},
   {"as far as you can", "end of your range", "as large as possible", "as far as it will go", "deeper"}},
  {{"not sit back", "above your heels", "above the heels"}, {"onto your heels", "on your heels"}},
  {{"leave out the band"}, {"band"}},
  {{"hips stay", "hips on the floor", "hips down"}, {"lift your hips off"}},
};

/// Words a note must not use: it speaks to the patient, not about the
/// program or the catalog.
const std::vector<std::string> about_the_program = {
  "caution rather than", "this program", "backplan", "the catalog", "the planner", "is cautioned",
  "rather than a ban", "this exercise is left", "we ",
};
// clang-format on

std::string lower(const std::string& text) { return catalog::lowercase(text); }

/// The words of a version as a plan shows them: its text, or the other
/// exercise's summary and steps.
std::string version_words(const catalog::Catalog& catalog, const catalog::Variant& variant)
{
  if (variant.exercise.empty()) {
    return variant.text;
  }
  const auto* other = catalog.find(variant.exercise);
  std::string words = other->details().summary;
  for (const auto& step : other->details().steps) {
    words += " " + step;
  }
  return words;
}

} // namespace

TEST_SUITE("catalog::texts")
{
  TEST_CASE("no version shown beside a note for a condition asks for what the note rules out")
  {
    const auto& catalog = test::builtin_catalog();
    int pairs = 0;
    for (const auto& exercise : catalog.exercises) {
      for (const auto& condition : catalog.conditions.ids()) {
        const auto verdict = safety::evaluate(exercise, {condition});
        if (verdict.excluded()) {
          continue;
        }
        std::vector<catalog::Contraindication> notes = verdict.modifications;
        notes.insert(notes.end(), verdict.cautions.begin(), verdict.cautions.end());
        for (const auto* variant : {&exercise.easier, &exercise.harder}) {
          if (!*variant) {
            continue;
          }
          const auto* other = (*variant)->exercise.empty() ? nullptr : catalog.find((*variant)->exercise);
          const auto& rules =
            other != nullptr ? other->contraindications : (*variant)->contraindications.get();
          if (safety::evaluate(rules, {condition}).excluded()) {
            continue; // not shown to this user
          }
          const std::string words = version_words(catalog, **variant);
          for (const auto& note : notes) {
            for (const auto& pair : opposites) {
              const bool asks =
                std::any_of(pair.note.begin(), pair.note.end(), [&](const std::string& phrase) {
                  return lower(note.instruction.str()).find(phrase) != std::string::npos;
                });
              if (!asks) {
                continue;
              }
              ++pairs;
              CAPTURE(exercise.id);
              CAPTURE(condition);
              CAPTURE(note.instruction);
              CAPTURE(words);
              CHECK_FALSE(catalog::uses_phrase(words, pair.version).has_value());
            }
          }
        }
      }
    }
    // The check looked at real pairs: it could fail.
    CHECK(pairs > 10);
  }

  TEST_CASE("every note speaks to the patient")
  {
    const auto& catalog = test::builtin_catalog();
    for (const auto& exercise : catalog.exercises) {
      std::vector<const catalog::Contraindication*> rules;
      for (const auto& rule : exercise.contraindications) {
        rules.push_back(&rule);
      }
      for (const auto* variant : {&exercise.easier, &exercise.harder}) {
        if (*variant) {
          for (const auto& rule : (*variant)->contraindications) {
            rules.push_back(&rule);
          }
        }
      }
      for (const auto* rule : rules) {
        CAPTURE(exercise.id);
        CAPTURE(rule->instruction);
        for (const auto& words : about_the_program) {
          CHECK(lower(rule->instruction.str()).find(words) == std::string::npos);
        }
      }
    }
  }

  TEST_CASE("no exercise text asks the user to hold their breath")
  {
    const auto& catalog = test::builtin_catalog();
    const auto* held = catalog.loads.find("held-breath");
    REQUIRE(held != nullptr);
    REQUIRE_FALSE(held->phrases.empty());
    for (const auto& exercise : catalog.exercises) {
      CAPTURE(exercise.id);
      std::vector<std::string> texts = {exercise.details().summary};
      texts.insert(texts.end(), exercise.details().steps.begin(), exercise.details().steps.end());
      texts.insert(texts.end(), exercise.details().cues.begin(), exercise.details().cues.end());
      for (const auto& text : texts) {
        CAPTURE(text);
        CHECK_FALSE(catalog::uses_phrase(text, held->phrases).has_value());
      }
    }
  }
}
