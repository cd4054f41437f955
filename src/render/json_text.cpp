// JSON documents as text, written as they go (JsonWriter) or straight from
// a value: nlohmann's own dump() with the same settings gives the same bytes
// (tests/test_render_json compares the two), but takes several times as
// long, and every plan keeps its JSON (last-plan.json) besides printing.

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

} // namespace

JsonWriter& JsonWriter::key(std::string_view name)
{
  next();
  write_string(m_out, name);
  m_out += ": ";
  m_after_key = true;
  return *this;
}

void JsonWriter::next()
{
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (m_counts.empty()) {
    return;
  }
  m_out += m_counts.back()++ == 0 ? "\n" : ",\n";
  m_out.append(2 * m_counts.size(), ' ');
}

void JsonWriter::begin_object()
{
  next();
  m_out += '{';
  m_counts.push_back(0);
}

void JsonWriter::begin_array()
{
  next();
  m_out += '[';
  m_counts.push_back(0);
}

void JsonWriter::end_object() { end('}'); }

void JsonWriter::end_array() { end(']'); }

void JsonWriter::end(char close)
{
  const bool empty = m_counts.back() == 0;
  m_counts.pop_back();
  if (!empty) {
    m_out += '\n';
    m_out.append(2 * m_counts.size(), ' ');
  }
  m_out += close;
}

void JsonWriter::value(std::string_view text)
{
  next();
  write_string(m_out, text);
}

void JsonWriter::value(bool flag)
{
  next();
  m_out += flag ? "true" : "false";
}

void JsonWriter::value(std::nullptr_t)
{
  next();
  m_out += "null";
}

void JsonWriter::append_number(std::int64_t number) { m_out += fmt::format_int(number).c_str(); }

void JsonWriter::append_number(std::uint64_t number) { m_out += fmt::format_int(number).c_str(); }

void JsonWriter::value(const std::vector<std::string>& texts)
{
  begin_array();
  for (const auto& text : texts) {
    value(text);
  }
  end_array();
}

void JsonWriter::value_or_null(const std::string& text)
{
  if (text.empty()) {
    value(nullptr);
  } else {
    value(text);
  }
}

void JsonWriter::value(const Json& document)
{
  switch (document.type()) {
  case Json::value_t::object:
    begin_object();
    for (auto it = document.begin(); it != document.end(); ++it) {
      key(it.key()).value(it.value());
    }
    end_object();
    return;
  case Json::value_t::array:
    begin_array();
    for (const auto& element : document) {
      value(element);
    }
    end_array();
    return;
  case Json::value_t::string:
    value(std::string_view(document.get_ref<const std::string&>()));
    return;
  case Json::value_t::boolean:
    value(document.get<bool>());
    return;
  case Json::value_t::null:
    value(nullptr);
    return;
  case Json::value_t::number_integer:
    value(document.get<std::int64_t>());
    return;
  case Json::value_t::number_unsigned:
    value(document.get<std::uint64_t>());
    return;
  default: // a float or binary, which no document holds: as nlohmann writes it
    next();
    m_out += document.dump(2, ' ', false, Json::error_handler_t::replace);
    return;
  }
}

std::string JsonWriter::document(const std::function<void(JsonWriter&)>& write)
{
  std::string out;
  out.reserve(1 << 15);
  JsonWriter writer(out);
  write(writer);
  out += '\n';
  return out;
}

std::string json_text(const Json& value)
{
  return JsonWriter::document([&](JsonWriter& out) { out.value(value); });
}

} // namespace backplan::render
