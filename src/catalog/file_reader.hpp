#pragma once

#include "backplan/catalog/diagnostic.hpp"
#include "catalog/keys.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

/// A mapping's key node and its value node.
using Entry = std::pair<YAML::Node, YAML::Node>;

/// A mapping's known keys by name, each with its key and value nodes.
using Entries = std::map<std::string, Entry>;

/// How a node reads in a message: "an empty value", "a list", "a mapping"
/// or the scalar in quotes.
std::string describe(const YAML::Node& node);

/// Whether `id` is lowercase letters, digits and single inner hyphens.
bool is_valid_id(const std::string& id);

class FileReader;

/// Whether this program reads the catalog file whose parsed document is
/// `root`: its top level may say `format: N` (a whole number from 1 up to
/// format_version; none is format_version). A newer or invalid format is
/// reported at its value and false returned: nothing else of the file
/// should be read then, since a newer format's keys would only add noise.
bool readable_format(const YAML::Node& root, FileReader& reader);

/// Reads YAML nodes of one file into model values, recording every problem
/// at its node in the diagnostics it was given; a read that fails returns
/// nothing (or an empty list) after reporting why.
class FileReader
{
public:
  /// A reader of `file` (the name shown in diagnostics) reporting to `out`.
  FileReader(std::string file, std::vector<Diagnostic>& out)
      : m_file(std::move(file)), m_name(m_file), m_out(out)
  {}

  /// The 1-based position of a node (which must be valid) or a yaml-cpp mark.
  Location at(const YAML::Node& node) const;
  Location at(const YAML::Mark& mark) const { return {m_name, mark.line + 1, mark.column + 1}; }

  /// Records a problem at a position or at a node.
  void error(const Location& where, std::string message) { m_out.push_back({where, std::move(message)}); }
  void error(const YAML::Node& node, std::string message) { error(at(node), std::move(message)); }

  /// The file's name as shown in diagnostics.
  const std::string& file() const { return m_file; }

  /// The values of a mapping's keys, checking for unknown, repeated and
  /// missing keys (the last reported at `where`). `what` names the mapping
  /// in messages.
  Entries keys(const YAML::Node& map, const std::vector<KeySpec>& specs, const Location& where,
               const std::string& what);

  /// A non-empty string; one line when the key is `name`.
  std::optional<std::string> string(const Entry& entry);

  /// A string that is a valid id.
  std::optional<std::string> id(const Entry& entry);

  /// A list of strings; `non_empty` demands at least one item. The position
  /// of each item read goes to `places` when given.
  std::vector<std::string> strings(const Entry& entry, bool non_empty,
                                   std::vector<Location>* places = nullptr);

  /// A whole number; `what` names it in messages. Huge numbers saturate,
  /// so that they are reported as out of range by the caller.
  std::optional<int> integer(const YAML::Node& node, const std::string& what);

  /// A whole number or a [min, max] pair within the bounds of `spec`, its
  /// minimum not above its maximum.
  std::optional<Range> range(const Entry& entry, const RangeSpec& spec);

  /// true or false.
  std::optional<bool> boolean(const Entry& entry);

private:
  std::string m_file;
  FileName m_name; ///< shared by every Location this reader makes
  std::vector<Diagnostic>& m_out;
};

} // namespace backplan::catalog
