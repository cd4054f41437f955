#include "catalog/open_quote.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <vector>

namespace backplan::catalog {

namespace {

/// Where a value opens a quote that its line does not close while the next
/// line starts another key or item at the same depth or less: the quote
/// runs on and swallows the keys that follow (`name: "Bridge` then
/// `summary: ...`). With `last_open`, the last quote a line leaves open,
/// whatever follows (for a file that ends inside one).
std::optional<std::size_t> unclosed_quote(std::string_view text, bool last_open)
{
  std::optional<std::size_t> open; // with `last_open`: the last quote its line leaves open
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
    if (!closed && last_open) {
      open = offsets[n] + quote_at;
    } else if (!closed && next < lines.size() && starts_key(lines[next]) &&
               indent_of(lines[next]) <= indent_of(line)) {
      return offsets[n] + quote_at;
    }
  }
  return open;
}

/// The message for a quote `unclosed_quote` found at `quote`.
Diagnostic open_quote_problem(const SourceFile& file, std::size_t quote)
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

} // namespace

std::optional<std::size_t> last_open_quote(std::string_view text) { return unclosed_quote(text, true); }

std::optional<Diagnostic> run_on_quote(const SourceFile& file, const YAML::Node* root)
{
  const auto quote = unclosed_quote(file.text, false);
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
  return open_quote_problem(file, *quote);
}

} // namespace backplan::catalog
