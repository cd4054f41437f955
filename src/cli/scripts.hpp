#pragma once

#include "catalog/builtin.hpp"

#include <span>

namespace backplan::cli {

/// A script file: its name below completions/ and its bytes.
using catalog::EmbeddedFile;

/// The completion scripts of completions/ (backplan.bash, _backplan,
/// backplan.fish), byte for byte as installed, embedded at build time.
std::span<const EmbeddedFile> completion_scripts();

} // namespace backplan::cli
