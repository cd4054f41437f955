#pragma once

#include "backplan/catalog/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::catalog {

/// An exercise that one exercise file names, where, and what to say if it
/// names itself.
struct NamedExercise {
  std::string id;
  Location where;
  const char* self_message = nullptr;
};

/// What an exercise file names that is checked against the other exercise
/// files once all are read: its id, and the exercises named as its easier
/// and harder versions and as the one it progresses. Read even from a file
/// with faults, so that a wrong reference is reported in the same run as the
/// file's other faults.
struct ExerciseReferences {
  std::string id;
  std::vector<NamedExercise> named;
};

/// The first of `phrases` that `text` uses, compared case-insensitively and
/// not after a negation in the same clause ("never hold your breath" does
/// not use "hold your breath"; "Chin level, not poking. Hold your breath"
/// does), or nothing.
std::optional<std::string> uses_phrase(std::string_view text, const std::vector<std::string>& phrases);

/// What `exercise` names of other exercises.
ExerciseReferences references_of(const Exercise& exercise);

/// Rules a user catalog adds to an exercise of an earlier layer (the built-in
/// catalog's, say) without copying it: a file whose mapping has `overlay`.
struct Overlay {
  std::string id; ///< the exercise it adds to
  Location where; ///< the position of the id
  std::vector<Contraindication> contraindications;
};

/// All that one exercise file gives on its own.
struct ExerciseFile {
  std::optional<Exercise> exercise;    ///< set only when `diagnostics` is empty
  std::optional<Overlay> overlay;      ///< set instead for a good overlay file
  ExerciseReferences references;       ///< what could be read, even with faults
  std::vector<Diagnostic> diagnostics; ///< this file's problems, in the order found
};

/// Parses one exercise file and reads it against the vocabularies of
/// `vocabularies` (its exercises are not looked at). The result depends on
/// the two arguments alone and nothing else is read or changed, so it may be
/// kept per file and reused while the file and the vocabularies are the same.
/// Never throws for bad input: every problem is one of the diagnostics.
ExerciseFile read_exercise_file(const SourceFile& file, const Catalog& vocabularies);

} // namespace backplan::catalog
