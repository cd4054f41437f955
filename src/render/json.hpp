#pragma once

#include "backplan/plan/model.hpp"
#include "backplan/render/text.hpp"

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace backplan::render {

/// The versions of the JSON documents backplan writes, each the
/// `schema_version` of its schema under schema/: additions keep a version,
/// any other change bumps it.
inline constexpr int plan_json_version = 3;    ///< plan -f json
inline constexpr int catalog_json_version = 1; ///< list, show and conditions -f json
inline constexpr int cue_json_version = 1;     ///< run --cues -f json, each line

/// The plan as one JSON object with its keys in the documented order
/// (schema_version, generator, request, items, left_out, totals, uncovered,
/// safety, sources), indented by two spaces and ending in a newline.
std::string render_json(const plan::Plan& plan, const TextOptions& options);

/// Whether a plan's JSON lists the exercises left out, or leaves its
/// `left_out` empty (the plan kept for `run --last`, which does not read
/// them: in a catalog of thousands they are most of the document).
enum class LeftOutList { listed, omitted };

/// The plan's JSON text, as `render_json` prints it with
/// `LeftOutList::listed`.
std::string plan_json_text(const plan::Plan& plan, LeftOutList left_out);

/// The plan as a JSON value, as `render_json` prints it (with
/// `LeftOutList::listed`): its text read back, for the few callers that
/// take the document apart.
nlohmann::ordered_json plan_json(const plan::Plan& plan, LeftOutList left_out = LeftOutList::listed);

/// Contraindications as a JSON array of {condition, condition_name, action,
/// instruction, basis, when}, each condition named by `condition_name_of`
/// (the plan's name for it, or the catalog's).
nlohmann::ordered_json rules_json(const std::vector<catalog::Contraindication>& rules,
                                  const std::function<std::string(const std::string&)>& condition_name_of);

/// A string, or null when it is empty.
nlohmann::ordered_json string_or_null(const std::string& text);

/// Sources as a JSON array of {id, citation}, the one shape every document
/// gives a list of sources.
nlohmann::ordered_json sources_json(const std::vector<catalog::Citation>& sources);

/// `value` indented by two spaces, with a final newline; invalid UTF-8 (which
/// a loaded catalog never holds) is replaced rather than thrown on.
std::string json_text(const nlohmann::ordered_json& value);

/// Writes a JSON document as `json_text` lays it out (two spaces a level,
/// a member or element a line, `{}` and `[]` when empty) as it goes, with
/// no value built first: a plan is written straight from its fields, the
/// way every plan is kept for `run --last`.
class JsonWriter
{
public:
  explicit JsonWriter(std::string& out) : m_out(out) {}

  /// The text of the one document `write` writes, with a final newline.
  static std::string document(const std::function<void(JsonWriter&)>& write);

  /// The key of the next member of the object open; its value follows.
  JsonWriter& key(std::string_view name);
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();

  void value(std::string_view text);
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(const char* text) { value(std::string_view(text)); }
  void value(bool flag);
  void value(std::nullptr_t);
  template<std::integral T>
  requires(!std::same_as<T, bool>) void value(T number)
  {
    next();
    if constexpr (std::is_signed_v<T>) {
      append_number(static_cast<std::int64_t>(number));
    } else {
      append_number(static_cast<std::uint64_t>(number));
    }
  }
  void value(const std::vector<std::string>& texts);
  void value(const nlohmann::ordered_json& document);
  /// A string, or null when it is empty (as string_or_null).
  void value_or_null(const std::string& text);
  /// `key` and then `value`.
  template<class T>
  void member(std::string_view name, const T& value_of_key)
  {
    key(name);
    value(value_of_key);
  }

private:
  /// What goes before a value: nothing after a key, else the separator and
  /// indentation of an array's or object's next line.
  void next();
  void end(char close);
  void append_number(std::int64_t number);
  void append_number(std::uint64_t number);

  std::string& m_out;
  std::vector<std::size_t> m_counts; ///< of each container open, its values so far
  bool m_after_key = false;
};

} // namespace backplan::render
