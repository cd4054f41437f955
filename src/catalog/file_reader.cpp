#include "catalog/file_reader.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace backplan::catalog {

std::string describe(const YAML::Node& node)
{
  switch (node.Type()) {
  case YAML::NodeType::Null:
  case YAML::NodeType::Undefined:
    return "an empty value";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Scalar:
    return fmt::format("'{}'", node.Scalar());
  }
  return "an empty value";
}

bool is_valid_id(const std::string& id)
{
  if (id.empty() || id.front() == '-' || id.back() == '-') {
    return false;
  }
  char previous = 0;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) {
      return false;
    }
    previous = c;
  }
  return true;
}

Location FileReader::at(const YAML::Node& node) const
{
  const YAML::Mark mark = node.Mark();
  return {m_file, mark.line + 1, mark.column + 1};
}

Entries FileReader::keys(const YAML::Node& map, const std::vector<KeySpec>& specs, const Location& where,
                         const std::string& what)
{
  Entries found;
  std::vector<std::string> known;
  for (const auto& spec : specs) {
    known.emplace_back(spec.name);
  }
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first;
    if (!key.IsScalar()) {
      error(key, fmt::format("the keys of {} must be plain words, found {}", what, describe(key)));
      continue;
    }
    const std::string& name = key.Scalar();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      error(key, fmt::format("unknown key '{}' in {}{}", name, what, util::did_you_mean_suffix(name, known)));
      continue;
    }
    if (found.contains(name)) {
      error(key,
            fmt::format("duplicate key '{}' (first at line {})", name, found[name].first.Mark().line + 1));
      continue;
    }
    found.emplace(name, Entry(key, it->second));
  }
  for (const auto& spec : specs) {
    if (spec.required && !found.contains(spec.name)) {
      error(where, fmt::format("missing required key '{}' in {}", spec.name, what));
    }
  }
  return found;
}

bool readable_format(const YAML::Node& root, FileReader& reader)
{
  if (!root.IsMap()) {
    return true;
  }
  bool readable = true;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar() || it->first.Scalar() != format_key) {
      continue;
    }
    const YAML::Node value = it->second;
    const std::string text = value.IsScalar() ? value.Scalar() : std::string();
    long long number = 0; // 0 for anything but digits; saturates far beyond any format
    if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      for (const char c : text) {
        number = std::min(1'000'000'000LL, number * 10 + (c - '0'));
      }
    }
    if (number < 1) {
      reader.error(value.IsNull() ? it->first : value,
                   fmt::format("'format' must be a whole number from 1, found {}", describe(value)));
      readable = false;
    } else if (number > format_version) {
      reader.error(value, fmt::format("this file needs catalog format {}; backplan {} reads up to format {}",
                                      number, BACKPLAN_VERSION, format_version));
      readable = false;
    }
  }
  return readable;
}

std::optional<std::string> FileReader::string(const Entry& entry)
{
  const auto& [key, value] = entry;
  if (!value.IsScalar() || value.Scalar().empty()) {
    error(value.IsScalar() || value.IsNull() ? key : value,
          fmt::format("'{}' must be a string, found {}", key.Scalar(),
                      value.IsScalar() ? "an empty value" : describe(value)));
    return std::nullopt;
  }
  // A name stands on one line in lists, headings and the spoken cues.
  if (key.Scalar() == "name" && value.Scalar().find_first_of("\r\n") != std::string::npos) {
    error(value, "'name' must be one line, found a line break (a block scalar or a quoted string with a "
                 "newline)");
    return std::nullopt;
  }
  return value.Scalar();
}

std::optional<std::string> FileReader::id(const Entry& entry)
{
  auto value = string(entry);
  if (value && !is_valid_id(*value)) {
    error(entry.second, fmt::format("'{}' must be lowercase letters, digits and single "
                                    "hyphens, found '{}'",
                                    entry.first.Scalar(), *value));
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> FileReader::strings(const Entry& entry, bool non_empty,
                                             std::vector<Location>* places)
{
  const auto& [key, value] = entry;
  std::vector<std::string> out;
  if (!value.IsSequence()) {
    error(value.IsNull() ? key : value,
          fmt::format("'{}' must be a list, found {}", key.Scalar(), describe(value)));
    return out;
  }
  if (non_empty && value.size() == 0) {
    error(value, fmt::format("'{}' must list at least one item", key.Scalar()));
    return out;
  }
  for (const auto& item : value) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      error(item.IsNull() ? value : item,
            fmt::format("each item of '{}' must be a string, found {}", key.Scalar(),
                        item.IsScalar() ? "an empty value" : describe(item)));
      continue;
    }
    out.push_back(item.Scalar());
    if (places != nullptr) {
      places->push_back(at(item));
    }
  }
  return out;
}

std::optional<int> FileReader::integer(const YAML::Node& node, const std::string& what)
{
  if (!node.IsScalar()) {
    error(node, fmt::format("'{}' must be a whole number, found {}", what, describe(node)));
    return std::nullopt;
  }
  const std::string& text = node.Scalar();
  const bool negative = !text.empty() && text[0] == '-';
  const bool digits =
    text.size() > (negative ? 1U : 0U) &&
    std::all_of(text.begin() + (negative ? 1 : 0), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    error(node, fmt::format("'{}' must be a whole number, found '{}'", what, text));
    return std::nullopt;
  }
  // Saturates far beyond any bound, so that a huge number is reported as
  // out of range rather than as not a number.
  constexpr long long saturated = 1'000'000'000;
  long long value = 0;
  for (auto it = text.begin() + (negative ? 1 : 0); it != text.end(); ++it) {
    value = std::min(saturated, value * 10 + (*it - '0'));
  }
  return static_cast<int>(negative ? -value : value);
}

std::optional<Range> FileReader::range(const Entry& entry, const RangeSpec& spec)
{
  const auto& [key, value] = entry;
  std::optional<int> low;
  std::optional<int> high;
  // yaml-cpp's Node::operator= writes through to the node it refers to,
  // so the bounds' nodes are bound once, never reassigned.
  const bool pair = value.IsSequence() && value.size() == 2;
  const YAML::Node low_node = pair ? value[0] : value;
  const YAML::Node high_node = pair ? value[1] : value;
  if (value.IsScalar()) {
    low = high = integer(value, spec.key);
  } else if (pair) {
    low = integer(low_node, spec.key);
    high = integer(high_node, spec.key);
  } else {
    error(value.IsNull() ? key : value,
          fmt::format("'{}' must be a whole number or a [min, max] range, found {}", spec.key,
                      !value.IsSequence() ? describe(value)
                      : value.size() == 0 ? std::string("an empty list")
                      : value.size() == 1 ? std::string("a list of 1 item")
                                          : fmt::format("a list of {} items", value.size())));
    return std::nullopt;
  }
  if (!low || !high) {
    return std::nullopt;
  }
  bool ok = true;
  for (const auto& [number, node] : {std::pair{*low, low_node}, std::pair{*high, high_node}}) {
    // The number as written: a saturated one would misquote it.
    if (number < spec.lowest) {
      error(node, fmt::format("'{}' must be at least {}, found {}", spec.key, spec.lowest, node.Scalar()));
      ok = false;
    } else if (number > spec.highest) {
      error(node, fmt::format("'{}' must be at most {}, found {}", spec.key, spec.highest, node.Scalar()));
      ok = false;
    }
    if (value.IsScalar()) {
      break;
    }
  }
  if (ok && *low > *high) {
    error(value, fmt::format("'{}' range minimum {} exceeds its maximum {}", spec.key, *low, *high));
    return std::nullopt;
  }
  return ok ? std::optional<Range>(Range{*low, *high}) : std::nullopt;
}

std::optional<bool> FileReader::boolean(const Entry& entry)
{
  const auto& [key, value] = entry;
  if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) {
    return value.Scalar() == "true";
  }
  error(value.IsNull() ? key : value,
        fmt::format("'{}' must be true or false, found {}", key.Scalar(), describe(value)));
  return std::nullopt;
}

} // namespace backplan::catalog
