#pragma once

// The binary form of the catalog model (cereal), for the built-in catalog
// compiled at build time and for the cache of parsed exercise files.

#include "backplan/catalog/model.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace backplan::catalog {

/// The version of the binary form and of the rules a cached exercise passed,
/// written in every cache file's header: bump it whenever the model, its
/// serialization, the checksum or the loader's checks change, so that no
/// cache written before is trusted (tests/test_cache_store.cpp pins it to the
/// bytes of a sample exercise). Not the catalog files' `format`
/// (keys.hpp's format_version), which changes only with the YAML language.
inline constexpr std::uint32_t binary_format_version = 7;

/// An exercise in binary form, in two parts, without the file name of its
/// locations (the cache stores that apart): its core, what filtering and
/// choosing read, and its details (ExerciseDetails), which only a shown
/// exercise needs.
struct EncodedExercise {
  std::string core;
  std::string details;
};

EncodedExercise encode_exercise(const Exercise& exercise);

/// The exercise whose core encode_exercise encoded, its locations in `file`,
/// which they share (the loader makes each file's name once), and its
/// details deferred: decoded from `details` when first read; its rules'
/// texts are copied, into one block the exercise's texts share, so `core`
/// need not outlive the call. Throws std::runtime_error when `core` is not
/// one whole exercise.
Exercise decode_exercise(std::string_view core, const FileName& file, EncodedDetails details);

/// As decode_exercise, for `core` bytes that `details.owner` keeps alive
/// (none: bytes that live as long as the program): its rules' texts are
/// views of those bytes, not copies.
Exercise decode_exercise_in_place(std::string_view core, const FileName& file, EncodedDetails details);

/// The details encode_exercise encoded. Throws std::runtime_error when
/// `bytes` are not one whole set of details.
ExerciseDetails decode_details(std::string_view bytes);

/// A loaded catalog, whole, with the number of files it was read from.
struct CompiledCatalog {
  Catalog catalog;
  std::size_t file_count = 0;
};

/// A whole catalog in binary form.
std::string encode_catalog(const CompiledCatalog& compiled);

/// The catalog encoded by encode_catalog, its exercises' details deferred:
/// views of `bytes`, which `owner` keeps alive (none: bytes that live as
/// long as the program, such as the compiled built-in catalog). Throws
/// std::runtime_error when `bytes` are not one whole catalog; details that
/// are not throw when first read.
CompiledCatalog decode_catalog(std::string_view bytes, const std::shared_ptr<const void>& owner = nullptr);

/// A fingerprint of the vocabularies of `catalog` (exercises aside), of the
/// program's version and of binary_format_version: what a cached exercise's
/// validity depends on besides its own file.
std::uint64_t vocabulary_fingerprint(const Catalog& catalog);

} // namespace backplan::catalog
