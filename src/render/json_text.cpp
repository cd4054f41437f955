// JSON documents as text, written straight from the value: nlohmann's own
// dump() with the same settings gives the same bytes (tests/test_render_json
// compares the two), but takes several times as long, and every plan keeps
// its JSON (last-plan.json) besides printing.

#include "render/json.hpp"
#include "util/utf8.hpp"

#include <cstdint>
#include <fmt/format.h>
#include <string>
#include <string_view>

namespace backplan::render {

namespace {

using Json = nlohmann::ordered_json;

/// `text` as a JSON string, quoted and escaped as nlohmann escapes it
/// without ensure_ascii; text that is not UTF-8 is left to nlohmann, which
/// replaces what is malformed.
void write_string(std::string& out, std::string_view text)
{
  const std::size_t start = out.size();
  out += '"';
  // Runs of bytes that need no escape are copied whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // Well-formed UTF-8 (no overlong form, no surrogate, nothing past
      // U+10FFFF) as nlohmann's serializer checks it, by the one decoder.
      const util::CodePoint code = *util::Utf8View::Iterator(text, i);
      const std::size_t length = code.valid ? code.length : 0;
      if (length == 0) {
        out.resize(start);
        out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
        return;
      }
      i += length;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(text.substr(run, i - run));
    run = ++i;
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      break;
    }
  }
  out.append(text.substr(run));
  out += '"';
}

/// `value` at nesting `depth`, indented by two spaces a level.
void write_value(std::string& out, const Json& value, std::size_t depth)
{
  const auto indent = [&](std::size_t level) { out.append(2 * level, ' '); };
  switch (value.type()) {
  case Json::value_t::object:
    if (value.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it != value.begin()) {
        out += ",\n";
      }
      indent(depth + 1);
      write_string(out, it.key());
      out += ": ";
      write_value(out, it.value(), depth + 1);
    }
    out += '\n';
    indent(depth);
    out += '}';
    return;
  case Json::value_t::array:
    if (value.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i > 0) {
        out += ",\n";
      }
      indent(depth + 1);
      write_value(out, value[i], depth + 1);
    }
    out += '\n';
    indent(depth);
    out += ']';
    return;
  case Json::value_t::string:
    write_string(out, value.get_ref<const std::string&>());
    return;
  case Json::value_t::boolean:
    out += value.get<bool>() ? "true" : "false";
    return;
  case Json::value_t::null:
    out += "null";
    return;
  case Json::value_t::number_integer:
    out += fmt::format_int(value.get<std::int64_t>()).c_str();
    return;
  case Json::value_t::number_unsigned:
    out += fmt::format_int(value.get<std::uint64_t>()).c_str();
    return;
  default: // a float or binary, which no document holds: as nlohmann writes it
    out += value.dump(2, ' ', false, Json::error_handler_t::replace);
    return;
  }
}

} // namespace

std::string json_text(const Json& value)
{
  std::string out;
  out.reserve(1 << 15);
  write_value(out, value, 0);
  out += '\n';
  return out;
}

} // namespace backplan::render
