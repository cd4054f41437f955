#pragma once

#include "backplan/catalog/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace backplan::catalog {

/// The newest catalog format this program reads: what a file may declare
/// with `format: N` at its top level, and what a file without the key is
/// read as. Raise it when the YAML language changes so that an older
/// program would misread a file; the program's version says the rest.
inline constexpr int format_version = 1;

/// The optional `format` key every catalog file's top level may have.
inline constexpr const char* format_key = "format";

/// A key of a mapping the loader knows, and whether it must be present.
struct KeySpec {
  const char* name;
  bool required;
};

/// A dosage key: whether it is required, the smallest allowed minimum and
/// largest allowed maximum, and the Dosage member it fills (`field` for a
/// range that is always there, `optional_field` for one that may be absent).
struct RangeSpec {
  const char* key;
  bool required;
  int lowest;
  int highest;
  Range Dosage::*field;
  std::optional<Range> Dosage::*optional_field;
};

/// A vocabulary file: its file name (without extension, also its top-level
/// key), the singular noun used in messages, the Catalog member it fills,
/// and the keys of each entry.
struct VocabularySpec {
  const char* name;
  const char* noun;
  Vocabulary Catalog::*member;
  std::vector<KeySpec> keys;
};

/// The keys of an exercise file's top-level mapping.
extern const std::vector<KeySpec> exercise_keys;

/// The keys of an exercise's `dosage` mapping, with their bounds.
extern const std::vector<RangeSpec> dosage_ranges;

/// The keys of one contraindication.
extern const std::vector<KeySpec> contraindication_keys;

/// The keys of a condition's `qualifier` mapping, and of each of its values.
extern const std::vector<KeySpec> qualifier_keys;
extern const std::vector<KeySpec> qualifier_value_keys;

/// The keys of a condition's `early_phase` mapping.
extern const std::vector<KeySpec> phase_keys;

/// The keys of one entry of a condition's `red_flags`.
extern const std::vector<KeySpec> condition_sign_keys;

/// The keys of an overlay file: the exercise it adds rules to, and the rules.
extern const std::vector<KeySpec> overlay_keys;

/// The keys of an exercise's `stop_if` warning.
extern const std::vector<KeySpec> warning_keys;

/// The keys of an `easier` or `harder` version written as a mapping.
extern const std::vector<KeySpec> variant_keys;

/// The keys of an exercise's `figure` mapping.
extern const std::vector<std::string> figure_keys;

/// The keys of one condition's entry under a figure's `modified`.
extern const std::vector<std::string> modified_figure_keys;

/// Every vocabulary file the loader knows, in the order they are described.
extern const std::vector<VocabularySpec> vocabulary_specs;

/// The settings a position may have: the format's own words, not a vocabulary.
extern const std::vector<std::string> settings;

/// The actions a contraindication may take, in the order of `Action`.
extern const std::vector<std::string> actions;

/// The vocabulary a catalog file defines, judged by its file name's stem
/// ("conditions.yaml" defines conditions); nullptr for an exercise file.
const VocabularySpec* vocabulary_for(const std::string& file_name);

/// Every key name of every catalog mapping (exercises, dosages, rules,
/// warnings, versions, figures and vocabulary files), each once, sorted.
std::vector<std::string> catalog_key_names();

} // namespace backplan::catalog
