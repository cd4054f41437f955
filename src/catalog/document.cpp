#include "catalog/document.hpp"

#include "catalog/open_quote.hpp"
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

Location location_of(const std::string& file, std::string_view text, std::size_t offset)
{
  const auto before = text.substr(0, offset);
  const auto line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? offset : offset - line_start - 1;
  return {file, static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1,
          static_cast<int>(column) + 1};
}

namespace {

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
  if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
    // Said at the quote that opened the text, where one is found.
    const auto quote = last_open_quote(file.text);
    return {quote ? location_of(file.name, file.text, *quote) : at(file.name, e.mark),
            "invalid YAML: the file ends inside a quoted text opened here; close its quote"};
  }
  if (e.msg == YAML::ErrorMsg::MAP_VALUE) {
    return {at(file.name, e.mark), "invalid YAML: a ': ' inside a text starts a new key; quote the text "
                                   "(\"...\") or write it as a block ('>-' and the text on the lines below), "
                                   "or, if this is a key, indent it as its neighbours"};
  }
  return {at(file.name, e.mark), fmt::format("invalid YAML: {}", e.msg)};
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
