#pragma once

#include "backplan/plan/model.hpp"
#include "cli/context.hpp"
#include "cli/profile.hpp"
#include "programme/programme.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace backplan::cli {

/// A programme as its file holds it: when its sessions are due, and the
/// plan settings of each (profile keys).
struct ProgrammeFile {
  std::string path;
  programme::Programme programme;
  Profile plan;
};

/// Where the programme is kept: $XDG_CONFIG_HOME/backplan/programme.yaml
/// (~/.config/backplan/ by default); nothing when neither is known.
std::optional<std::filesystem::path> programme_path();

/// The programme file at programme_path, read and checked against the
/// context's catalog (start, weeks, days, and the profile's plan keys);
/// nothing when there is none. A Failure with exit status 3 and every
/// problem at its place when it is not valid.
std::optional<ProgrammeFile> load_programme(const Context& context);

/// The programme file's text for `programme` and the plan settings of
/// `request`: readable and editable YAML, with a comment saying what it is.
std::string programme_yaml(const programme::Programme& programme, const plan::Request& request);

/// `file`'s plan settings as the profile for a plan of the programme: its
/// own keys, else the user's profile's; the conditions of both together,
/// so that a standing condition is never dropped.
Profile programme_profile(const ProgrammeFile& file, const Profile& user);

} // namespace backplan::cli
