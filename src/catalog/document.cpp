#include "catalog/document.hpp"

#include "util/utf8.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>
#include <string_view>
#include <vector>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

namespace backplan::catalog {

std::string Diagnostic::str() const
{
  if (where.line == 0) {
    return fmt::format("{}: error: {}", where.file.view(), message);
  }
  return fmt::format("{}: error: {}", where.str(), message);
}

namespace {

/// The 1-based line and byte column of `offset` in `text`: the same units as
/// yaml-cpp's marks, so that every diagnostic counts columns alike.
Location location_of(const std::string& file, std::string_view text, std::size_t offset)
{
  const auto before = text.substr(0, offset);
  const auto line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? offset : offset - line_start - 1;
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
  int c = 1;
  for (const util::CodePoint code : util::Utf8View(text.substr(i))) {
    if (c++ >= column) {
      return i + code.offset;
    }
  }
  return text.size();
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
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
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
  const char bracket = error == YAML::ErrorMsg::END_OF_SEQ_FLOW   ? '['
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

/// The offset of the first tab in the indentation of a line up to line
/// `last` (1-based): YAML forbids them, and yaml-cpp's own message for one
/// does not say so.
std::optional<std::size_t> indentation_tab(std::string_view text, int last)
{
  int line = 1;
  bool indentation = true;
  for (std::size_t i = 0; i < text.size() && line <= last; ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      indentation = true;
    } else if (c == '\t' && indentation) {
      return i;
    } else if (c != ' ') {
      indentation = false;
    }
  }
  return std::nullopt;
}

/// Where a value opens a quote that its line does not close while the next
/// line starts another key or item at the same depth or less: the quote
/// runs on and swallows the keys that follow (`name: "Bridge` then
/// `summary: ...`).
std::optional<std::size_t> unclosed_quote(std::string_view text)
{
  std::vector<std::string_view> lines;
  std::vector<std::size_t> offsets;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    offsets.push_back(start);
    start = end + 1;
  }
  const auto indent_of = [](std::string_view line) {
    return std::min(line.find_first_not_of(' '), line.size());
  };
  const auto blank = [&](std::string_view line) {
    return indent_of(line) == line.size() || line[indent_of(line)] == '#';
  };
  const auto starts_key = [&](std::string_view line) {
    line.remove_prefix(indent_of(line));
    const auto colon = line.find(':');
    return line.starts_with("- ") ||
           (colon != std::string_view::npos && colon > 0 && line.find_first_of("\"' #") > colon &&
            (colon + 1 == line.size() || line[colon + 1] == ' '));
  };
  std::size_t block = std::string_view::npos; // the indentation of a block scalar's key
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = lines[n];
    if (blank(line)) {
      continue;
    }
    if (block != std::string_view::npos && indent_of(line) > block) {
      continue; // the text of a block scalar
    }
    block = std::string_view::npos;
    // The value: after "- " of a list item, else after the first ": "
    // outside any quote.
    std::size_t value = line.size();
    if (line.substr(indent_of(line)).starts_with("- ")) {
      value = indent_of(line) + 2;
    } else if (const std::size_t colon = line.find(": ");
               colon != std::string_view::npos && line.find_first_of("\"'") > colon) {
      value = colon + 2;
    }
    std::size_t quote_at = std::min(line.find_first_not_of(' ', value), line.size());
    // A tag or an anchor may stand before a block scalar's '|' or '>'.
    while (quote_at < line.size() && (line[quote_at] == '!' || line[quote_at] == '&')) {
      quote_at =
        std::min(line.find_first_not_of(' ', std::min(line.find(' ', quote_at), line.size())), line.size());
    }
    const std::string_view rest = line.substr(quote_at);
    if (rest.starts_with('|') || rest.starts_with('>')) {
      block = indent_of(line);
      continue;
    }
    if (!rest.starts_with('"') && !rest.starts_with('\'')) {
      continue;
    }
    const char quote = rest.front();
    bool closed = false;
    for (std::size_t i = 1; i < rest.size() && !closed; ++i) {
      if (quote == '"' && rest[i] == '\\') {
        ++i;
      } else if (quote == '\'' && rest[i] == '\'' && i + 1 < rest.size() && rest[i + 1] == '\'') {
        ++i;
      } else {
        closed = rest[i] == quote;
      }
    }
    std::size_t next = n + 1;
    while (next < lines.size() && blank(lines[next])) {
      ++next;
    }
    if (!closed && next < lines.size() && starts_key(lines[next]) &&
        indent_of(lines[next]) <= indent_of(line)) {
      return offsets[n] + quote_at;
    }
  }
  return std::nullopt;
}

/// The position of a yaml-cpp mark (0-based) in `file`.
Location at(const std::string& file, const YAML::Mark& mark)
{
  return {file, mark.line + 1, mark.column + 1};
}

/// The first fault of a file's bytes that keeps it from being parsed
/// safely or meaningfully, if any.
std::optional<Diagnostic> unparsable(const SourceFile& file)
{
  const std::string_view text = file.text;
  if (text.empty()) {
    return Diagnostic{Location{file.name, 1, 1}, "empty file"};
  }
  if (const auto bad = util::find_invalid_utf8(text)) {
    return Diagnostic{location_of(file.name, text, offset_of(text, bad->line, bad->column)),
                      fmt::format("invalid UTF-8 (byte 0x{:02x})", bad->byte)};
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return Diagnostic{location_of(file.name, text, nul), "NUL byte in text"};
  }
  if (const auto deep = too_deep(text)) {
    return Diagnostic{location_of(file.name, text, *deep),
                      fmt::format("nesting deeper than {} levels", max_nesting)};
  }
  // One document only: yaml-cpp's LoadAll never ends on some malformed
  // texts (a stray ',' before any node makes it return empty documents
  // forever), so the first document is loaded alone and a second one is
  // found by its marker.
  if (const auto second = second_document(text)) {
    return Diagnostic{location_of(file.name, text, *second), "more than one YAML document in the file"};
  }
  return std::nullopt;
}

/// What yaml-cpp's failure `e` to parse `file` means, said where the user
/// can mend it: a tab in the indentation, an unclosed '[' or '{', or else
/// yaml-cpp's own words at its mark.
Diagnostic parse_failure(const SourceFile& file, const YAML::Exception& e)
{
  if (const auto tab = indentation_tab(file.text, e.mark.line + 1)) {
    return {location_of(file.name, file.text, *tab), "tabs are not allowed for indentation; use spaces"};
  }
  if (const auto open = unclosed_flow(file.text, e.msg)) {
    const bool list = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    return {at(file.name, *open),
            fmt::format("invalid YAML: '{}' has no matching '{}'", list ? '[' : '{', list ? ']' : '}')};
  }
  if (e.msg == YAML::ErrorMsg::MAP_VALUE) {
    return {at(file.name, e.mark), "invalid YAML: a ': ' inside a text starts a new key; quote the text "
                                   "(\"...\") or write it as a block ('>-' and the text on the lines below), "
                                   "or, if this is a key, indent it as its neighbours"};
  }
  return {at(file.name, e.mark), fmt::format("invalid YAML: {}", e.msg)};
}

/// The message for a quote `unclosed_quote` found at `quote`.
Diagnostic unclosed_quote_problem(const SourceFile& file, std::size_t quote)
{
  const std::string_view text = file.text;
  return Diagnostic{location_of(file.name, text, quote),
                    fmt::format("invalid YAML: the {} opened here is not closed on its line, so it runs on "
                                "into the keys below; close it with {}",
                                text[quote] == '"' ? "double quote" : "single quote", text[quote])};
}

/// Whether `node` holds a scalar that starts on `line` (0-based) with
/// `start`: the quoted text that ran on, as yaml-cpp read it.
bool has_scalar(const YAML::Node& node, int line, std::string_view start)
{
  if (node.IsScalar()) {
    return node.Mark().line == line && std::string_view(node.Scalar()).starts_with(start);
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (node.IsMap() ? has_scalar(it->second, line, start) : has_scalar(*it, line, start)) {
      return true;
    }
  }
  return false;
}

/// A quote left open that yaml-cpp read on into the keys below, in a file
/// it parsed to `root` (or failed on, when `root` is null).
std::optional<Diagnostic> run_on_quote(const SourceFile& file, const YAML::Node* root)
{
  const auto quote = unclosed_quote(file.text);
  if (!quote) {
    return std::nullopt;
  }
  if (root != nullptr) {
    const std::string_view text = file.text;
    const int line =
      static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(*quote), '\n'));
    const std::string_view after = text.substr(*quote + 1, 8);
    if (!has_scalar(*root, line, after.substr(0, std::min(after.find_first_of("\"'\\\r\n"), after.size())))) {
      return std::nullopt;
    }
  }
  return unclosed_quote_problem(file, *quote);
}

/// For a file that parsed to an empty document: the problem when it holds
/// no document at all or begins with a stray ',', ']' or '}'.
std::optional<Diagnostic> empty_document(const SourceFile& file)
{
  const auto content = first_content(file.text);
  if (!content) {
    return Diagnostic{Location{file.name, 1, 1}, "no YAML document in the file"};
  }
  const char c = file.text[*content];
  if (c == ',' || c == ']' || c == '}') {
    return Diagnostic{location_of(file.name, file.text, *content),
                      fmt::format("invalid YAML: unexpected '{}'", c)};
  }
  return std::nullopt;
}

} // namespace

std::optional<YAML::Node> parse_document(const SourceFile& file, std::vector<Diagnostic>& out)
{
  std::optional<Diagnostic> problem = unparsable(file);
  std::optional<YAML::Node> root;
  if (!problem) {
    try {
      root.emplace(YAML::Load(file.text));
    } catch (const YAML::DeepRecursion& e) {
      // yaml-cpp's own depth limit, which calls itself "bad file".
      problem = Diagnostic{at(file.name, e.mark), fmt::format("nesting deeper than {} levels", max_nesting)};
    } catch (const YAML::Exception& e) {
      problem = run_on_quote(file, nullptr);
      if (!problem) {
        problem = parse_failure(file, e);
      }
    }
  }
  if (root && root->IsNull()) {
    problem = empty_document(file);
  } else if (root && !problem) {
    problem = run_on_quote(file, &*root);
  }
  if (problem) {
    out.push_back(std::move(*problem));
    return std::nullopt;
  }
  return root;
}

} // namespace backplan::catalog
