#include "catalog/loader.hpp"

#include "catalog/builtin.hpp"
#include "util/files.hpp"
#include "util/text.hpp"
#include "util/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <thread>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace backplan::catalog {

std::string Diagnostic::str() const
{
  if (where.line == 0) {
    return fmt::format("{}: error: {}", where.file, message);
  }
  return fmt::format("{}: error: {}", where.str(), message);
}

namespace {

namespace fs = std::filesystem;

/// Deepest nesting of flow or block collections accepted before parsing;
/// deeper documents would exhaust the parser's stack.
constexpr int max_nesting = 64;

/// A key of a mapping the loader knows, and whether it must be present.
struct KeySpec {
  const char* name;
  bool required;
};

/// The bounds of a dosage range: smallest allowed minimum, largest maximum.
struct RangeSpec {
  const char* key;
  bool required;
  int lowest;
  int highest;
  Range Dosage::*field;
  std::optional<Range> Dosage::*optional_field;
};

const std::vector<KeySpec> exercise_keys = {
  {"id", true},         {"name", true},      {"summary", true},
  {"position", true},   {"regions", true},   {"goals", true},
  {"movements", false}, {"kind", true},      {"level", true},
  {"per_side", true},   {"dosage", true},    {"steps", true},
  {"cues", false},      {"stop_if", false},  {"loads", false},
  {"easier", false},    {"harder", false},   {"contraindications", false},
  {"sources", true},
};

const std::vector<RangeSpec> dosage_ranges = {
  {"hold", false, 1, 600, nullptr, &Dosage::hold},
  {"rep_seconds", false, 1, 600, nullptr, &Dosage::rep_seconds},
  {"reps", true, 1, 100, &Dosage::reps, nullptr},
  {"sets", true, 1, 10, &Dosage::sets, nullptr},
  {"rest", true, 0, 300, &Dosage::rest, nullptr},
};

const std::vector<KeySpec> contraindication_keys = {
  {"condition", true}, {"action", true}, {"instruction", false}, {"basis", true}};

const std::vector<KeySpec> warning_keys = {{"text", true}, {"basis", true}};

const std::vector<KeySpec> variant_keys = {
  {"exercise", false}, {"text", false}, {"contraindications", false}};

/// A vocabulary file: its file name, the Catalog member it fills, the keys
/// of each entry, and the singular noun used in messages.
struct VocabularySpec {
  const char* name;
  const char* noun;
  Vocabulary Catalog::*member;
  std::vector<KeySpec> keys;
};

const std::vector<VocabularySpec> vocabulary_specs = {
  {"conditions", "condition", &Catalog::conditions,
   {{"id", true},
    {"name", true},
    {"aliases", false},
    {"description", true},
    {"advice", false},
    {"protects", false}}},
  {"regions", "region", &Catalog::regions, {{"id", true}, {"name", true}, {"description", false}}},
  {"goals", "goal", &Catalog::goals, {{"id", true}, {"name", true}, {"description", false}}},
  {"positions", "position", &Catalog::positions,
   {{"id", true}, {"name", true}, {"setting", true}, {"loads", false}, {"description", false}}},
  {"levels", "level", &Catalog::levels, {{"id", true}, {"name", true}, {"description", false}}},
  {"kinds", "kind", &Catalog::kinds, {{"id", true}, {"name", true}, {"description", false}}},
  {"movements", "movement", &Catalog::movements,
   {{"id", true}, {"name", true}, {"description", false}}},
  {"sources", "source", &Catalog::sources, {{"id", true}, {"citation", true}}},
  {"loads", "load", &Catalog::loads, {{"id", true}, {"name", true}, {"description", false}}},
  {"red-flags", "red-flag tier", &Catalog::red_flags,
   {{"id", true}, {"name", true}, {"action", true}, {"signs", true}, {"sources", true}}},
};

/// A reference from one vocabulary's term to another vocabulary's id,
/// checked once every vocabulary file of every layer has been read.
struct TermReference {
  Vocabulary Catalog::*vocabulary;
  const char* noun;
  std::string id;
  Location where;
  std::vector<Diagnostic>* out;
};

const std::vector<std::string> settings = {"floor", "seated", "standing"};
const std::vector<std::string> actions = {"avoid", "modify", "caution"};

const VocabularySpec* vocabulary_for(const std::string& file_name)
{
  const std::string stem = fs::path(file_name).stem().string();
  for (const auto& spec : vocabulary_specs) {
    if (stem == spec.name) {
      return &spec;
    }
  }
  return nullptr;
}

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

/// The 1-based line and byte column of `offset` in `text`: the same units as
/// yaml-cpp's marks, so that every diagnostic counts columns alike.
Location location_of(const std::string& file, std::string_view text, std::size_t offset)
{
  const auto before = text.substr(0, offset);
  const auto line_start = before.rfind('\n');
  const std::size_t column =
    line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {file, static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
          static_cast<int>(column) + 1};
}

/// The byte offset of a 1-based line and code-point column in valid UTF-8 text.
std::size_t offset_of(std::string_view text, int line, int column)
{
  std::size_t i = 0;
  for (int l = 1; l < line; ++l) {
    const auto end = text.find('\n', i);
    if (end == std::string_view::npos) {
      return text.size();
    }
    i = end + 1;
  }
  for (int c = 1; c < column && i < text.size(); ++c) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return i;
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

/// Where a YAML text first nests deeper than max_nesting, by a rough count
/// of flow brackets (open across lines, as flow collections may be) and of
/// block indentation; nothing when it stays shallower.
std::optional<std::size_t> too_deep(std::string_view text)
{
  int flow = 0;
  std::size_t line_start = 0;
  bool at_line_start = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '\n';
    if (at_line_start && c != ' ' && c != '-') {
      if (static_cast<int>((i - line_start) / 2) > max_nesting) {
        return line_start + 2 * (static_cast<std::size_t>(max_nesting) + 1);
      }
      at_line_start = false;
    }
    if (c == '\n') {
      line_start = i + 1;
      at_line_start = true;
    } else if (c == '[' || c == '{') {
      if (++flow > max_nesting) {
        return i;
      }
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    }
  }
  return std::nullopt;
}

/// Follows the flow collections ('[' and '{') a parser opens and closes, so
/// that an unclosed one can be reported where it opens.
class FlowTracker : public YAML::EventHandler
{
public:
  /// The innermost flow collection still open, of the kind `bracket`.
  std::optional<YAML::Mark> innermost(char bracket) const
  {
    for (auto it = m_open.rbegin(); it != m_open.rend(); ++it) {
      if (it->first == bracket) {
        return it->second;
      }
    }
    return std::nullopt;
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override
  {
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value style) override
  {
    m_open.emplace_back(style == YAML::EmitterStyle::Flow ? '[' : '-', mark);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value style) override
  {
    m_open.emplace_back(style == YAML::EmitterStyle::Flow ? '{' : ':', mark);
  }
  void OnMapEnd() override { close(); }

private:
  void close()
  {
    if (!m_open.empty()) {
      m_open.pop_back();
    }
  }

  std::vector<std::pair<char, YAML::Mark>> m_open;
};

/// Where the '[' or '{' opens whose end yaml-cpp did not find (`error` is its
/// message), by parsing `text` again up to the failure.
std::optional<YAML::Mark> unclosed_flow(const std::string& text, const std::string& error)
{
  const char bracket = error == YAML::ErrorMsg::END_OF_SEQ_FLOW  ? '['
                       : error == YAML::ErrorMsg::END_OF_MAP_FLOW ? '{'
                                                                  : '\0';
  if (bracket == '\0') {
    return std::nullopt;
  }
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  FlowTracker tracker;
  try {
    while (parser.HandleNextDocument(tracker)) {
    }
  } catch (const YAML::Exception&) {
    return tracker.innermost(bracket);
  }
  return std::nullopt;
}

/// Reads YAML nodes of one file into model values, recording every problem.
class FileReader
{
public:
  FileReader(std::string file, std::vector<Diagnostic>& out) : m_file(std::move(file)), m_out(out) {}

  Location at(const YAML::Node& node) const
  {
    const YAML::Mark mark = node.Mark();
    return {m_file, mark.line + 1, mark.column + 1};
  }

  Location at(const YAML::Mark& mark) const { return {m_file, mark.line + 1, mark.column + 1}; }

  void error(const Location& where, std::string message)
  {
    m_out.push_back({where, std::move(message)});
  }

  void error(const YAML::Node& node, std::string message) { error(at(node), std::move(message)); }

  const std::string& file() const { return m_file; }

  /// The values of a mapping's keys, checking for unknown, repeated and
  /// missing keys. `what` names the mapping in messages.
  std::map<std::string, std::pair<YAML::Node, YAML::Node>>
  keys(const YAML::Node& map, const std::vector<KeySpec>& specs, const Location& where,
       const std::string& what)
  {
    std::map<std::string, std::pair<YAML::Node, YAML::Node>> found;
    std::vector<std::string> known;
    for (const auto& spec : specs) {
      known.emplace_back(spec.name);
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        error(key,
              fmt::format("the keys of {} must be plain words, found {}", what, describe(key)));
        continue;
      }
      const std::string& name = key.Scalar();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        error(key, fmt::format("unknown key '{}' in {}{}", name, what, util::did_you_mean_suffix(name, known)));
        continue;
      }
      if (found.contains(name)) {
        error(key, fmt::format("duplicate key '{}' (first at line {})", name,
                               found[name].first.Mark().line + 1));
        continue;
      }
      found.emplace(name, std::pair<YAML::Node, YAML::Node>(key, it->second));
    }
    for (const auto& spec : specs) {
      if (spec.required && !found.contains(spec.name)) {
        error(where, fmt::format("missing required key '{}' in {}", spec.name, what));
      }
    }
    return found;
  }

  std::optional<std::string> string(const std::pair<YAML::Node, YAML::Node>& entry)
  {
    const auto& [key, value] = entry;
    if (!value.IsScalar() || value.Scalar().empty()) {
      error(value.IsScalar() || value.IsNull() ? key : value,
            fmt::format("'{}' must be a string, found {}", key.Scalar(),
                        value.IsScalar() ? "an empty value" : describe(value)));
      return std::nullopt;
    }
    return value.Scalar();
  }

  std::optional<std::string> id(const std::pair<YAML::Node, YAML::Node>& entry)
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

  /// A list of strings; `non_empty` demands at least one item.
  std::vector<std::string> strings(const std::pair<YAML::Node, YAML::Node>& entry, bool non_empty,
                                   std::vector<Location>* places = nullptr)
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

  std::optional<int> integer(const YAML::Node& node, const std::string& what)
  {
    if (!node.IsScalar()) {
      error(node, fmt::format("'{}' must be a whole number, found {}", what, describe(node)));
      return std::nullopt;
    }
    const std::string& text = node.Scalar();
    const bool negative = !text.empty() && text[0] == '-';
    const bool digits = text.size() > (negative ? 1U : 0U) &&
                        std::all_of(text.begin() + (negative ? 1 : 0), text.end(),
                                    [](char c) { return c >= '0' && c <= '9'; });
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

  std::optional<Range> range(const std::pair<YAML::Node, YAML::Node>& entry, const RangeSpec& spec)
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
                        !value.IsSequence()    ? describe(value)
                        : value.size() == 0    ? std::string("an empty list")
                        : value.size() == 1    ? std::string("a list of 1 item")
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
        error(node, fmt::format("'{}' must be at least {}, found {}", spec.key, spec.lowest,
                                node.Scalar()));
        ok = false;
      } else if (number > spec.highest) {
        error(node, fmt::format("'{}' must be at most {}, found {}", spec.key, spec.highest,
                                node.Scalar()));
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

  std::optional<bool> boolean(const std::pair<YAML::Node, YAML::Node>& entry)
  {
    const auto& [key, value] = entry;
    if (value.IsScalar() && (value.Scalar() == "true" || value.Scalar() == "false")) {
      return value.Scalar() == "true";
    }
    error(value.IsNull() ? key : value,
          fmt::format("'{}' must be true or false, found {}", key.Scalar(), describe(value)));
    return std::nullopt;
  }

private:
  std::string m_file;
  std::vector<Diagnostic>& m_out;
};

/// A parsed file waiting for its second pass.
struct ParsedFile {
  std::size_t layer = 0;
  std::size_t index = 0;  ///< order of the file among all files
  std::string name;
  YAML::Node root;
  const VocabularySpec* vocabulary = nullptr;
};

/// The offset of the first character of the first line that is not blank,
/// a comment, a directive or a document marker.
std::optional<std::size_t> first_content(std::string_view text)
{
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const auto line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t\r");
    const bool marker = line.starts_with("---") || line.starts_with("...");
    if (first != std::string_view::npos && line[first] != '#' && line[first] != '%' && !marker) {
      return start + first;
    }
    if (marker && line.size() > 3) {
      const auto rest = line.find_first_not_of(" \t\r", 3);
      if (rest != std::string_view::npos && line[rest] != '#' && (line[3] == ' ' || line[3] == '\t')) {
        return start + rest;
      }
    }
    start = end + 1;
  }
  return std::nullopt;
}

/// Where a second YAML document begins: its first content after a "---" or
/// "..." marker that follows content of the first; nothing for one document.
std::optional<std::size_t> second_document(std::string_view text)
{
  const auto first = first_content(text);
  if (!first) {
    return std::nullopt;
  }
  const std::size_t line_end = text.find('\n', *first);
  if (line_end == std::string_view::npos) {
    return std::nullopt;
  }
  const auto rest = text.substr(line_end + 1);
  for (std::size_t start = 0; start < rest.size();) {
    std::size_t end = rest.find('\n', start);
    if (end == std::string_view::npos) {
      end = rest.size();
    }
    const auto line = rest.substr(start, end - start);
    const bool marker = (line.starts_with("---") || line.starts_with("...")) &&
                        (line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\r');
    if (marker) {
      if (const auto next = first_content(rest.substr(start))) {
        return line_end + 1 + start + *next;
      }
      return std::nullopt;
    }
    start = end + 1;
  }
  return std::nullopt;
}

/// Checks the bytes of a file and parses it; problems go to `out`.
std::optional<YAML::Node> parse(const SourceFile& file, std::vector<Diagnostic>& out)
{
  FileReader reader(file.name, out);
  std::string_view text = file.text;
  if (text.empty()) {
    reader.error(Location{file.name, 1, 1}, "empty file");
    return std::nullopt;
  }
  if (const auto bad = util::find_invalid_utf8(text)) {
    reader.error(location_of(file.name, text, offset_of(text, bad->line, bad->column)),
                 fmt::format("invalid UTF-8 (byte 0x{:02x})", bad->byte));
    return std::nullopt;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    reader.error(location_of(file.name, text, nul), "NUL byte in text");
    return std::nullopt;
  }
  if (const auto deep = too_deep(text)) {
    reader.error(location_of(file.name, text, *deep),
                 fmt::format("nesting deeper than {} levels", max_nesting));
    return std::nullopt;
  }
  // One document only: yaml-cpp's LoadAll never ends on some malformed
  // texts (a stray ',' before any node makes it return empty documents
  // forever), so the first document is loaded alone and a second one is
  // found by its marker.
  if (const auto second = second_document(text)) {
    reader.error(location_of(file.name, text, *second), "more than one YAML document in the file");
    return std::nullopt;
  }
  std::optional<YAML::Node> root;
  try {
    root.emplace(YAML::Load(file.text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own depth limit, which calls itself "bad file".
    reader.error(reader.at(e.mark), fmt::format("nesting deeper than {} levels", max_nesting));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    if (const auto open = unclosed_flow(file.text, e.msg)) {
      const bool list = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
      reader.error(reader.at(*open), fmt::format("invalid YAML: '{}' has no matching '{}'",
                                                 list ? '[' : '{', list ? ']' : '}'));
    } else {
      reader.error(reader.at(e.mark), fmt::format("invalid YAML: {}", e.msg));
    }
    return std::nullopt;
  }
  if (root->IsNull()) {
    const auto content = first_content(text);
    if (!content) {
      reader.error(Location{file.name, 1, 1}, "no YAML document in the file");
      return std::nullopt;
    }
    const char c = text[*content];
    if (c == ',' || c == ']' || c == '}') {
      reader.error(location_of(file.name, text, *content), fmt::format("invalid YAML: unexpected '{}'", c));
      return std::nullopt;
    }
  }
  return root;
}

/// Reads a vocabulary file into `catalog`'s vocabulary, checking duplicates
/// within `seen` (ids of this layer).
void read_vocabulary(const ParsedFile& file, FileReader& reader, Catalog& catalog,
                     std::map<std::string, Location>& seen_in_layer,
                     std::vector<Diagnostic>& diagnostics, std::vector<TermReference>& references)
{
  const VocabularySpec& spec = *file.vocabulary;
  const Location top{file.name, 1, 1};
  if (!file.root.IsMap()) {
    reader.error(file.root, fmt::format("expected a mapping with the key '{}', found {}", spec.name,
                                        describe(file.root)));
    return;
  }
  const auto top_keys = reader.keys(file.root, {{spec.name, true}}, top, "the vocabulary file");
  const auto entries = top_keys.find(spec.name);
  if (entries == top_keys.end()) {
    return;
  }
  const auto& [list_key, list] = entries->second;
  if (!list.IsSequence()) {
    reader.error(list.IsNull() ? list_key : list,
                 fmt::format("'{}' must be a list, found {}", spec.name, describe(list)));
    return;
  }
  Vocabulary& vocabulary = catalog.*spec.member;
  for (const auto& entry : list) {
    if (!entry.IsMap()) {
      reader.error(entry, fmt::format("each {} must be a mapping, found {}", spec.noun, describe(entry)));
      continue;
    }
    const auto values = reader.keys(entry, spec.keys, reader.at(entry), fmt::format("a {}", spec.noun));
    Term term;
    term.where = reader.at(entry);
    bool ok = true;
    const auto text = [&](const char* key, std::string& field) {
      if (const auto it = values.find(key); it != values.end()) {
        const auto value = reader.string(it->second);
        ok = ok && value.has_value();
        field = value.value_or("");
      }
    };
    if (const auto it = values.find("id"); it != values.end()) {
      const auto value = reader.id(it->second);
      ok = ok && value.has_value();
      term.id = value.value_or("");
      term.where = reader.at(it->second.second);
    } else {
      ok = false;
    }
    text("name", term.name);
    text("description", term.description);
    text("citation", term.citation);
    text("setting", term.setting);
    text("advice", term.advice);
    text("action", term.action);
    // Lists; those that name terms of another vocabulary are checked once
    // every vocabulary has been read.
    const auto term_list = [&](const char* key, std::vector<std::string>& field,
                          Vocabulary Catalog::*target, const char* noun) {
      if (const auto it = values.find(key); it != values.end()) {
        std::vector<Location> places;
        field = reader.strings(it->second, true, &places);
        ok = ok && field.size() == places.size() && !field.empty();
        for (std::size_t i = 0; target != nullptr && i < field.size(); ++i) {
          references.push_back({target, noun, field[i], places[i], &diagnostics});
        }
      }
    };
    term_list("protects", term.protects, &Catalog::loads, "load");
    term_list("loads", term.loads, &Catalog::loads, "load");
    term_list("signs", term.signs, nullptr, nullptr);
    term_list("sources", term.sources, &Catalog::sources, "source");
    if (const auto it = values.find("setting"); it != values.end() && !term.setting.empty() &&
                                                std::find(settings.begin(), settings.end(),
                                                          term.setting) == settings.end()) {
      reader.error(it->second.second,
                   fmt::format("'setting' must be floor, seated or standing, found '{}'", term.setting));
      ok = false;
    }
    if (const auto it = values.find("aliases"); it != values.end()) {
      std::vector<Location> places;
      term.aliases = reader.strings(it->second, false, &places);
      for (std::size_t i = 0; i < term.aliases.size(); ++i) {
        if (!is_valid_id(term.aliases[i])) {
          reader.error(places[i], fmt::format("alias '{}' must be lowercase letters, digits and "
                                              "single hyphens",
                                              term.aliases[i]));
          ok = false;
        }
      }
    }
    if (!ok || !values.contains("id")) {
      continue;
    }
    const std::string key = std::string(spec.name) + "/" + term.id;
    if (const auto previous = seen_in_layer.find(key); previous != seen_in_layer.end()) {
      reader.error(term.where, fmt::format("duplicate {} id '{}' (also defined at {})", spec.noun,
                                           term.id, previous->second.str()));
      continue;
    }
    seen_in_layer[key] = term.where;
    if (const int index = vocabulary.index_of(term.id); index >= 0) {
      vocabulary.terms[static_cast<std::size_t>(index)] = std::move(term);
    } else {
      vocabulary.terms.push_back(std::move(term));
    }
  }
}

/// Checks that `id` is a term of `vocabulary`; reports at `where` if not.
bool check_reference(FileReader& reader, const Vocabulary& vocabulary, const char* noun,
                     const std::string& id, const Location& where)
{
  if (vocabulary.find(id) != nullptr) {
    return true;
  }
  for (const auto& term : vocabulary.terms) {
    if (std::find(term.aliases.begin(), term.aliases.end(), id) != term.aliases.end()) {
      reader.error(where, fmt::format("'{}' is an alias; use the {} id '{}'", id, noun, term.id));
      return false;
    }
  }
  // A near miss of an alias suggests the id the alias stands for.
  std::vector<std::string> candidates = vocabulary.ids();
  std::map<std::string, std::string> id_of;
  for (const auto& term : vocabulary.terms) {
    for (const auto& alias : term.aliases) {
      candidates.push_back(alias);
      id_of.emplace(alias, term.id);
    }
  }
  auto best = util::did_you_mean(id, candidates);
  if (best && id_of.contains(*best)) {
    best = id_of[*best];
  }
  reader.error(where, fmt::format("unknown {} '{}'{}", noun, id,
                                  best ? fmt::format(" (did you mean '{}'?)", *best) : ""));
  return false;
}

/// A `basis`: a source id or "general clinical guidance".
std::optional<std::string> read_basis(FileReader& reader, const Catalog& catalog,
                                      const std::pair<YAML::Node, YAML::Node>& entry)
{
  const auto basis = reader.string(entry);
  if (basis && *basis != general_guidance && catalog.sources.find(*basis) == nullptr) {
    auto candidates = catalog.sources.ids();
    candidates.emplace_back(general_guidance);
    reader.error(entry.second, fmt::format("unknown basis '{}': name a source or '{}'{}", *basis,
                                           general_guidance, util::did_you_mean_suffix(*basis, candidates)));
    return std::nullopt;
  }
  return basis;
}

/// `stop_if`: a mapping of the warning's `text` and its `basis`.
std::optional<Warning> read_warning(FileReader& reader, const Catalog& catalog,
                                    const std::pair<YAML::Node, YAML::Node>& entry)
{
  const auto& [key, value] = entry;
  if (!value.IsMap()) {
    reader.error(value.IsNull() ? key : value,
                 fmt::format("'{}' must be a mapping with 'text' and 'basis', found {}", key.Scalar(),
                             describe(value)));
    return std::nullopt;
  }
  const auto values = reader.keys(value, warning_keys, reader.at(value), fmt::format("'{}'", key.Scalar()));
  Warning warning;
  const auto text = values.find("text");
  const auto basis = values.find("basis");
  const auto words = text == values.end() ? std::nullopt : reader.string(text->second);
  const auto source = basis == values.end() ? std::nullopt : read_basis(reader, catalog, basis->second);
  if (!words || !source) {
    return std::nullopt;
  }
  return Warning{*words, *source};
}

void read_contraindications(FileReader& reader, const Catalog& catalog,
                            const std::pair<YAML::Node, YAML::Node>& entry,
                            std::vector<Contraindication>& rules)
{
  const auto& [key, list] = entry;
  if (!list.IsSequence()) {
    reader.error(list.IsNull() ? key : list,
                 fmt::format("'contraindications' must be a list, found {}", describe(list)));
    return;
  }
  for (const auto& item : list) {
    if (!item.IsMap()) {
      reader.error(item, fmt::format("each contraindication must be a mapping, found {}", describe(item)));
      continue;
    }
    const auto values = reader.keys(item, contraindication_keys, reader.at(item), "a contraindication");
    Contraindication rule;
    bool ok = values.contains("condition") && values.contains("action") && values.contains("basis");
    if (const auto it = values.find("condition"); it != values.end()) {
      const auto id = reader.string(it->second);
      ok = ok && id && check_reference(reader, catalog.conditions, "condition", *id,
                                       reader.at(it->second.second));
      rule.condition = id.value_or("");
    }
    bool action_known = false;
    if (const auto it = values.find("action"); it != values.end()) {
      const auto action = reader.string(it->second);
      const auto found = action ? std::find(actions.begin(), actions.end(), *action) : actions.end();
      if (action && found == actions.end()) {
        reader.error(it->second.second,
                     fmt::format("'action' must be avoid, modify or caution, found '{}'{}", *action,
                                 util::did_you_mean_suffix(*action, actions)));
      }
      action_known = found != actions.end();
      ok = ok && action_known;
      rule.action = found == actions.end() ? Action::caution
                                           : static_cast<Action>(found - actions.begin());
    }
    if (const auto it = values.find("instruction"); it != values.end()) {
      const auto text = reader.string(it->second);
      ok = ok && text.has_value();
      rule.instruction = text.value_or("");
    } else if (action_known && rule.action != Action::avoid) {
      reader.error(reader.at(item), fmt::format("a '{}' contraindication needs an 'instruction'",
                                                action_name(rule.action)));
      ok = false;
    }
    if (const auto it = values.find("basis"); it != values.end()) {
      const auto basis = read_basis(reader, catalog, it->second);
      ok = ok && basis.has_value();
      rule.basis = basis.value_or("");
    }
    if (ok) {
      rules.push_back(std::move(rule));
    }
  }
}

/// An easier or harder version: words (a string, or a mapping with `text`
/// and the version's own `contraindications`), or `exercise: ID`.
std::optional<Variant> read_variant(FileReader& reader, const Catalog& catalog,
                                    const std::pair<YAML::Node, YAML::Node>& entry)
{
  const auto& [key, value] = entry;
  Variant variant;
  variant.where = reader.at(value.IsNull() ? key : value);
  if (value.IsScalar() && !value.Scalar().empty()) {
    variant.text = value.Scalar();
    return variant;
  }
  if (!value.IsMap()) {
    reader.error(variant.where,
                 fmt::format("'{}' must be a string or a mapping with 'text' or 'exercise', found {}",
                             key.Scalar(), value.IsScalar() ? "an empty value" : describe(value)));
    return std::nullopt;
  }
  const auto values = reader.keys(value, variant_keys, reader.at(value), fmt::format("'{}'", key.Scalar()));
  const auto exercise = values.find("exercise");
  const auto text = values.find("text");
  const auto rules = values.find("contraindications");
  if ((exercise == values.end()) == (text == values.end())) {
    reader.error(variant.where, fmt::format("'{}' needs exactly one of 'text' and 'exercise'", key.Scalar()));
    return std::nullopt;
  }
  if (exercise != values.end()) {
    if (rules != values.end()) {
      reader.error(rules->second.first,
                   fmt::format("'{}' names an exercise, which has its own contraindications; "
                               "'contraindications' goes with 'text'",
                               key.Scalar()));
      return std::nullopt;
    }
    const auto id = reader.id(exercise->second);
    if (!id) {
      return std::nullopt;
    }
    variant.exercise = *id;
    variant.where = reader.at(exercise->second.second);
    return variant;
  }
  const auto words = reader.string(text->second);
  if (!words) {
    return std::nullopt;
  }
  variant.text = *words;
  if (rules != values.end()) {
    read_contraindications(reader, catalog, rules->second, variant.contraindications);
  }
  return variant;
}

void read_dosage(FileReader& reader, const std::pair<YAML::Node, YAML::Node>& entry, Dosage& dosage)
{
  const auto& [key, value] = entry;
  if (!value.IsMap()) {
    reader.error(value.IsNull() ? key : value,
                 fmt::format("'dosage' must be a mapping, found {}", describe(value)));
    return;
  }
  std::vector<KeySpec> specs;
  for (const auto& spec : dosage_ranges) {
    specs.push_back({spec.key, spec.required});
  }
  const auto values = reader.keys(value, specs, reader.at(value), "'dosage'");
  for (const auto& spec : dosage_ranges) {
    const auto it = values.find(spec.key);
    if (it == values.end()) {
      continue;
    }
    const auto range = reader.range(it->second, spec);
    if (range && spec.field != nullptr) {
      dosage.*spec.field = *range;
    } else if (range) {
      dosage.*spec.optional_field = *range;
    }
  }
  if (!values.contains("hold") && !values.contains("rep_seconds")) {
    reader.error(value, "'dosage' needs 'hold' or 'rep_seconds' (or both)");
  }
}

/// Reads one exercise; returns nothing when the file has problems.
std::optional<Exercise> read_exercise(const ParsedFile& file, FileReader& reader, const Catalog& catalog)
{
  if (!file.root.IsMap()) {
    reader.error(file.root, fmt::format("expected a mapping of exercise keys, found {}",
                                        describe(file.root)));
    return std::nullopt;
  }
  std::vector<Diagnostic> local;
  FileReader checked(reader.file(), local);
  const auto values = checked.keys(file.root, exercise_keys, checked.at(file.root), "an exercise");
  Exercise exercise;
  exercise.where = checked.at(file.root);

  const auto text = [&](const char* key, std::string& field) {
    if (const auto it = values.find(key); it != values.end()) {
      field = checked.string(it->second).value_or("");
    }
  };
  const auto reference = [&](const char* key, const Vocabulary& vocabulary, const char* noun,
                             std::string& field) {
    if (const auto it = values.find(key); it != values.end()) {
      if (const auto id = checked.string(it->second)) {
        check_reference(checked, vocabulary, noun, *id, checked.at(it->second.second));
        field = *id;
      }
    }
  };
  const auto references = [&](const char* key, const Vocabulary& vocabulary, const char* noun,
                              bool non_empty, std::vector<std::string>& field) {
    if (const auto it = values.find(key); it != values.end()) {
      std::vector<Location> places;
      field = checked.strings(it->second, non_empty, &places);
      for (std::size_t i = 0; i < field.size(); ++i) {
        check_reference(checked, vocabulary, noun, field[i], places[i]);
      }
    }
  };

  if (const auto it = values.find("id"); it != values.end()) {
    exercise.id = checked.id(it->second).value_or("");
    exercise.where = checked.at(it->second.second);
  }
  text("name", exercise.name);
  text("summary", exercise.summary);
  reference("position", catalog.positions, "position", exercise.position);
  if (const auto it = values.find("position"); it != values.end()) {
    exercise.position_where = checked.at(it->second.second);
  }
  references("loads", catalog.loads, "load", true, exercise.loads);
  if (const auto it = values.find("stop_if"); it != values.end()) {
    exercise.stop_if = read_warning(checked, catalog, it->second);
  }
  references("regions", catalog.regions, "region", true, exercise.regions);
  references("goals", catalog.goals, "goal", true, exercise.goals);
  references("movements", catalog.movements, "movement", false, exercise.movements);
  reference("kind", catalog.kinds, "kind", exercise.kind);
  reference("level", catalog.levels, "level", exercise.level);
  references("sources", catalog.sources, "source", true, exercise.sources);
  if (const auto it = values.find("per_side"); it != values.end()) {
    exercise.per_side = checked.boolean(it->second).value_or(false);
  }
  if (const auto it = values.find("dosage"); it != values.end()) {
    read_dosage(checked, it->second, exercise.dosage);
  }
  if (const auto it = values.find("steps"); it != values.end()) {
    if (it->second.second.IsSequence() && it->second.second.size() == 0) {
      checked.error(it->second.second, "'steps' must list at least one step");
    } else {
      exercise.steps = checked.strings(it->second, true);
    }
  }
  if (const auto it = values.find("cues"); it != values.end()) {
    exercise.cues = checked.strings(it->second, false);
  }
  if (const auto it = values.find("easier"); it != values.end()) {
    exercise.easier = read_variant(checked, catalog, it->second);
  }
  if (const auto it = values.find("harder"); it != values.end()) {
    exercise.harder = read_variant(checked, catalog, it->second);
  }
  if (const auto it = values.find("contraindications"); it != values.end()) {
    read_contraindications(checked, catalog, it->second, exercise.contraindications);
  }
  const bool ok = local.empty();
  for (auto& diagnostic : local) {
    reader.error(diagnostic.where, std::move(diagnostic.message));
  }
  if (!ok) {
    return std::nullopt;
  }
  return exercise;
}

bool is_yaml_file(const fs::path& path)
{
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

} // namespace

Layer builtin_layer()
{
  Layer layer;
  layer.name = "<built-in>";
  for (const auto& file : builtin_files()) {
    layer.files.push_back({fmt::format("<built-in>/{}", file.name), std::string(file.data)});
  }
  return layer;
}

Layer read_layer(const fs::path& path)
{
  Layer layer;
  layer.name = path.string();
  const auto fail = [&](const std::string& name, const std::string& why) {
    layer.errors.push_back({Location{name, 0, 0}, why});
  };
  std::error_code error;
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    fail(path.string(), error && error != std::errc::no_such_file_or_directory
                          ? fmt::format("cannot read: {}", error.message())
                          : "no such file or directory");
    return layer;
  }
  std::vector<fs::path> paths;
  if (fs::is_directory(status)) {
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
    const fs::recursive_directory_iterator end;
    for (; !error && it != end; it.increment(error)) {
      const auto& entry = *it;
      std::error_code type_error;
      // Any YAML-named entry but a directory is read, so that a FIFO, a device
      // or a link loop among the files is reported rather than passed over.
      if (is_yaml_file(entry.path()) && !entry.is_directory(type_error)) {
        paths.push_back(entry.path());
        if (paths.size() > max_files) {
          fail(path.string(), fmt::format("more than {} catalog files", max_files));
          return layer;
        }
      }
    }
    if (error) {
      fail(path.string(), fmt::format("cannot read the directory: {}", error.message()));
    }
    std::sort(paths.begin(), paths.end());
  } else {
    paths.push_back(path);
  }
  for (const auto& file : paths) {
    try {
      layer.files.push_back({file.string(), util::read_file(file, max_file_bytes)});
    } catch (const std::exception& e) {
      fail(file.string(), e.what());
    }
  }
  return layer;
}

LoadResult load(const std::vector<Layer>& layers)
{
  LoadResult result;
  Catalog& catalog = result.catalog;
  /// An exercise file waiting for pass 2, and what reading it gave.
  struct Pending {
    std::size_t layer = 0;
    std::size_t index = 0;
    const SourceFile* file = nullptr;
    std::optional<Exercise> exercise;
  };
  std::vector<ParsedFile> vocabularies;
  std::vector<Pending> exercise_files;
  std::vector<std::vector<Diagnostic>> per_file;
  std::vector<Diagnostic> path_errors;

  for (std::size_t l = 0; l < layers.size(); ++l) {
    path_errors.insert(path_errors.end(), layers[l].errors.begin(), layers[l].errors.end());
    for (const auto& file : layers[l].files) {
      per_file.emplace_back();
      ++result.file_count;
      const VocabularySpec* spec = vocabulary_for(file.name);
      if (spec == nullptr) {
        exercise_files.push_back({l, per_file.size() - 1, &file, std::nullopt});
      } else if (auto root = parse(file, per_file.back())) {
        vocabularies.push_back({l, per_file.size() - 1, file.name, *root, spec});
      }
    }
  }

  // Pass 1: vocabularies, layer by layer, so exercises can refer to any
  // term; then the references between vocabularies.
  std::vector<TermReference> references;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    std::map<std::string, Location> seen;
    for (const auto& file : vocabularies) {
      if (file.layer == l) {
        FileReader reader(file.name, per_file[file.index]);
        read_vocabulary(file, reader, catalog, seen, per_file[file.index], references);
      }
    }
  }
  for (const auto& reference : references) {
    FileReader reader(reference.where.file, *reference.out);
    check_reference(reader, catalog.*reference.vocabulary, reference.noun, reference.id,
                    reference.where);
  }

  // Pass 2: exercise files, parsed and read one at a time (so that no more
  // than one YAML tree per thread is alive) on every core; each file has its
  // own diagnostics and the vocabularies are only read.
  const auto read_files = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < exercise_files.size(); i += step) {
      Pending& pending = exercise_files[i];
      auto& diagnostics = per_file[pending.index];
      try {
        if (auto root = parse(*pending.file, diagnostics)) {
          FileReader reader(pending.file->name, diagnostics);
          const ParsedFile file{pending.layer, pending.index, pending.file->name, *root, nullptr};
          pending.exercise = read_exercise(file, reader, catalog);
        }
      } catch (const std::exception& e) {
        diagnostics.push_back({Location{pending.file->name, 1, 1}, fmt::format("cannot read: {}", e.what())});
      }
    }
  };
  const std::size_t threads = std::clamp<std::size_t>(
    std::min<std::size_t>(std::thread::hardware_concurrency(), exercise_files.size() / 256 + 1), 1, 8);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
      pool.emplace_back(read_files, t, threads);
    }
    read_files(0, threads);
  }

  // An id repeated within a layer is an error; a later layer's id replaces
  // the earlier one.
  std::map<std::string, std::pair<std::size_t, Exercise>> by_id;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    std::map<std::string, Location> seen;
    for (auto& pending : exercise_files) {
      if (pending.layer != l || !pending.exercise) {
        continue;
      }
      auto& exercise = pending.exercise;
      FileReader reader(pending.file->name, per_file[pending.index]);
      if (const auto previous = seen.find(exercise->id); previous != seen.end()) {
        reader.error(exercise->where, fmt::format("duplicate exercise id '{}' (also defined at {})",
                                                  exercise->id, previous->second.str()));
        continue;
      }
      seen[exercise->id] = exercise->where;
      if (const auto replaced = by_id.find(exercise->id); replaced != by_id.end()) {
        result.notes.push_back(fmt::format("exercise '{}' from {} replaces the one from {}",
                                           exercise->id, exercise->where.file,
                                           replaced->second.second.where.file));
      }
      const std::string id = exercise->id;
      by_id[id] = {pending.index, std::move(*exercise)};
    }
  }

  for (auto& [id, entry] : by_id) {
    auto& [index, exercise] = entry;
    FileReader reader(exercise.where.file, per_file[index]);
    bool ok = true;
    for (const auto* variant : {&exercise.easier, &exercise.harder}) {
      if (*variant && !(*variant)->exercise.empty() && !by_id.contains((*variant)->exercise)) {
        reader.error((*variant)->where,
                     fmt::format("unknown exercise '{}'{}", (*variant)->exercise,
                                 util::did_you_mean_suffix((*variant)->exercise, [&] {
                                   std::vector<std::string> ids;
                                   for (const auto& [other, unused] : by_id) {
                                     ids.push_back(other);
                                   }
                                   return ids;
                                 }())));
        ok = false;
      } else if (*variant && (*variant)->exercise == exercise.id) {
        reader.error((*variant)->where,
                     fmt::format("exercise '{}' cannot be its own easier or harder version", exercise.id));
        ok = false;
      }
    }
    if (ok) {
      catalog.exercises.push_back(std::move(exercise));
    }
  }

  result.errors = std::move(path_errors);
  for (auto& diagnostics : per_file) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const auto& a, const auto& b) {
      return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
    });
    result.errors.insert(result.errors.end(), diagnostics.begin(), diagnostics.end());
  }
  return result;
}

Profile load_profile(const SourceFile& file, const Catalog& catalog,
                     const std::vector<std::string>& formats, std::vector<Diagnostic>& errors)
{
  Profile profile;
  profile.file = file.name;
  std::vector<Diagnostic> local;
  FileReader reader(file.name, local);
  const auto root = parse(file, local);
  if (root && !root->IsMap()) {
    reader.error(*root, fmt::format("expected a mapping of profile keys, found {}", describe(*root)));
  } else if (root) {
    const std::vector<KeySpec> keys = {{"conditions", false}, {"minutes", false}, {"goals", false},
                                       {"regions", false},    {"level", false},   {"setting", false},
                                       {"format", false}};
    const auto values = reader.keys(*root, keys, reader.at(*root), "a profile");
    const auto ids = [&](const char* key, const Vocabulary& vocabulary, const char* noun,
                         std::optional<std::vector<std::string>>& field) {
      if (const auto it = values.find(key); it != values.end()) {
        std::vector<Location> places;
        auto items = reader.strings(it->second, false, &places);
        for (std::size_t i = 0; i < items.size(); ++i) {
          check_reference(reader, vocabulary, noun, items[i], places[i]);
        }
        field = std::move(items);
      }
    };
    if (const auto it = values.find("conditions"); it != values.end()) {
      std::vector<Location> places;
      const auto names = reader.strings(it->second, false, &places);
      std::vector<std::string> resolved;
      for (std::size_t i = 0; i < names.size(); ++i) {
        const Term* term = nullptr;
        for (const auto& candidate : catalog.conditions.terms) {
          if (candidate.id == names[i] || std::find(candidate.aliases.begin(), candidate.aliases.end(),
                                                    names[i]) != candidate.aliases.end()) {
            term = &candidate;
          }
        }
        if (term == nullptr) {
          check_reference(reader, catalog.conditions, "condition", names[i], places[i]);
        } else if (std::find(resolved.begin(), resolved.end(), term->id) == resolved.end()) {
          resolved.push_back(term->id);
        }
      }
      profile.conditions = std::move(resolved);
    }
    ids("goals", catalog.goals, "goal", profile.goals);
    ids("regions", catalog.regions, "region", profile.regions);
    if (const auto it = values.find("level"); it != values.end()) {
      if (const auto level = reader.string(it->second)) {
        check_reference(reader, catalog.levels, "level", *level, reader.at(it->second.second));
        profile.level = *level;
      }
    }
    if (const auto it = values.find("minutes"); it != values.end()) {
      const RangeSpec spec{"minutes", false, 1, 180, nullptr, nullptr};
      if (const auto minutes = reader.range(it->second, spec)) {
        if (minutes->min != minutes->max) {
          reader.error(it->second.second, "'minutes' must be one whole number");
        }
        profile.minutes = minutes->min;
      }
    }
    const auto choice = [&](const char* key, const std::vector<std::string>& allowed,
                            std::optional<std::string>& field) {
      if (const auto it = values.find(key); it != values.end()) {
        if (const auto value = reader.string(it->second)) {
          if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
            reader.error(it->second.second,
                         fmt::format("'{}' must be one of {}, found '{}'{}", key, util::join(allowed, ", "),
                                     *value, util::did_you_mean_suffix(*value, allowed)));
          }
          field = *value;
        }
      }
    };
    choice("setting", {"floor", "desk"}, profile.setting);
    choice("format", formats, profile.format);
  }
  std::stable_sort(local.begin(), local.end(), [](const auto& a, const auto& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  errors.insert(errors.end(), local.begin(), local.end());
  return profile;
}

} // namespace backplan::catalog
