#include "backplan/catalog/model.hpp"

#include "catalog/serialize.hpp"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>
#include <memory>
#include <mutex>

namespace backplan::catalog {

std::string Location::str() const { return fmt::format("{}:{}:{}", file.view(), line, column); }

const char* action_name(Action action)
{
  switch (action) {
  case Action::avoid:
    return "avoid";
  case Action::modify:
    return "modify";
  case Action::caution:
    return "caution";
  }
  return "caution";
}

/// An exercise's details, decoded or still encoded. Decoded ones are kept
/// apart: most exercises of a large catalog never have them.
struct Exercise::Details {
  std::once_flag decoded;
  std::atomic<bool> ready{false};         ///< set once `value` holds them
  std::unique_ptr<ExerciseDetails> value; ///< none: no details at all
  EncodedDetails encoded;                 ///< bytes until decoded
};

const ExerciseDetails& Exercise::details() const
{
  static const ExerciseDetails none;
  if (!m_details) {
    return none;
  }
  Details& details = *m_details;
  std::call_once(details.decoded, [&details] {
    if (!details.encoded.bytes.empty()) {
      details.value = std::make_unique<ExerciseDetails>(decode_details(details.encoded.bytes));
    }
    details.encoded = {};
    details.ready = true;
  });
  return details.value ? *details.value : none;
}

ExerciseDetails& Exercise::edit_details()
{
  if (!m_details || m_details.use_count() > 1) {
    auto own = std::make_shared<Details>();
    own->value = std::make_unique<ExerciseDetails>(details());
    m_details = std::move(own);
  }
  details(); // decodes what is deferred
  if (!m_details->value) {
    m_details->value = std::make_unique<ExerciseDetails>();
  }
  return *m_details->value;
}

void Exercise::defer_details(EncodedDetails encoded)
{
  m_details = std::make_shared<Details>();
  m_details->ready = encoded.bytes.empty();
  m_details->encoded = std::move(encoded);
}

bool Exercise::details_deferred() const { return m_details && !m_details->ready; }

const QualifierValue* Qualifier::find(std::string_view id) const
{
  for (const auto& value : values) {
    if (value.id == id) {
      return &value;
    }
  }
  return nullptr;
}

const Term* Vocabulary::find(const std::string& id) const
{
  const int index = index_of(id);
  return index < 0 ? nullptr : &terms[static_cast<std::size_t>(index)];
}

std::string Vocabulary::name_of(const std::string& id) const
{
  const auto* term = find(id);
  return term != nullptr ? term->name : id;
}

int Vocabulary::index_of(const std::string& id) const
{
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].id == id) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<std::string> Vocabulary::ids() const
{
  std::vector<std::string> out;
  out.reserve(terms.size());
  for (const auto& term : terms) {
    out.push_back(term.id);
  }
  return out;
}

std::string lowercase(std::string_view text)
{
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

const Term* Vocabulary::resolve(std::string_view name) const
{
  const std::string wanted = lowercase(name);
  for (const auto& term : terms) {
    if (lowercase(term.id) == wanted) {
      return &term;
    }
  }
  for (const auto& term : terms) {
    for (const auto& alias : term.aliases) {
      if (lowercase(alias) == wanted) {
        return &term;
      }
    }
  }
  return nullptr;
}

const Exercise* Catalog::find(const std::string& id) const
{
  const auto it = std::lower_bound(exercises.begin(), exercises.end(), id,
                                   [](const Exercise& e, const std::string& key) { return e.id < key; });
  return it != exercises.end() && it->id == id ? &*it : nullptr;
}

std::vector<std::string> Catalog::exercise_ids() const
{
  std::vector<std::string> out;
  out.reserve(exercises.size());
  for (const auto& exercise : exercises) {
    out.push_back(exercise.id);
  }
  return out;
}

std::vector<std::string> Catalog::loads_of(const Exercise& exercise) const
{
  std::vector<std::string> out;
  const Term* position = positions.find(exercise.position);
  for (const auto* list : {position != nullptr ? &position->loads : nullptr, &exercise.loads.get()}) {
    for (const auto& load : list != nullptr ? *list : std::vector<std::string>{}) {
      if (std::find(out.begin(), out.end(), load) == out.end()) {
        out.push_back(load);
      }
    }
  }
  return out;
}

} // namespace backplan::catalog
