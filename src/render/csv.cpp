#include "render/csv.hpp"

#include "render/common.hpp"
#include "render/document.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace backplan::render {

namespace {

/// Rules as "Condition name: instruction", joined with " | ".
std::string rules_text(const plan::Plan& plan, const std::vector<catalog::Contraindication>& rules)
{
  std::vector<std::string> parts;
  for (const auto& rule : rules) {
    parts.push_back(fmt::format("{}: {}", condition_name(plan, rule.condition), rule.instruction));
  }
  return util::join(parts, " | ");
}

/// The safety notes and red flags as one paragraph.
std::string safety_text(const safety::SafetyNotes& safety)
{
  std::vector<std::string> parts = safety.general;
  for (const auto& advice : safety.advice) {
    parts.push_back(fmt::format("{}: {}", advice.name, advice.text));
  }
  parts.push_back(safety.red_flags_intro);
  for (const auto& tier : safety.red_flags) {
    parts.push_back(fmt::format("{}: {} {}.", tier.name, tier.action, util::join(tier.signs, "; ")));
  }
  return util::join(parts, " ");
}

/// The plan's title, advice and review date as the clinician gave them,
/// then its notes (a shortfall, conditions that changed nothing, gaps), as
/// one cell.
std::string notes_text(const plan::Plan& plan)
{
  std::vector<std::string> parts;
  for (const auto& [label, value] :
       {std::pair("Title", plan.request.title), std::pair("Advice", plan.request.note),
        std::pair("Review", plan.request.review)}) {
    if (!value.empty()) {
      parts.push_back(fmt::format("{}: {}{}", label, value, value.ends_with('.') ? "" : "."));
    }
  }
  for (const auto& note : make_document(plan, false).notes) {
    parts.push_back(plan_note_line(note));
  }
  return util::join(parts, " ");
}

} // namespace

std::string csv_field(std::string_view raw)
{
  // A spreadsheet reads a cell that starts with one of these as a formula:
  // an apostrophe before it keeps it text (OWASP's CSV injection advice).
  const bool formula =
    !raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos;
  const std::string guarded = formula ? "'" + std::string(raw) : std::string();
  const std::string_view text = formula ? std::string_view(guarded) : raw;
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) {
    return std::string(text);
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields)
{
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

std::string render_csv(const plan::Plan& plan, const TextOptions& /*options*/)
{
  std::string out = csv_row({"index", "start", "start_seconds", "duration_seconds", "transition_seconds",
                             "id", "name", "position", "position_name", "kind", "dosage", "per_side",
                             "stop_if", "modifications", "cautions", "safety", "notes"});
  for (std::size_t i = 0; i < plan.items.size(); ++i) {
    const auto& item = plan.items[i];
    out += csv_row({std::to_string(i + 1), util::format_clock(item.start), std::to_string(item.start),
                    std::to_string(item.duration), std::to_string(item.transition), item.exercise.id,
                    item.exercise.name, item.exercise.position, item.position_name, item.exercise.kind,
                    item.dosage_words, item.exercise.per_side ? "true" : "false",
                    item.exercise.details().stop_if ? item.exercise.details().stop_if->text : "",
                    rules_text(plan, item.modifications), rules_text(plan, item.cautions),
                    i == 0 ? safety_text(plan.safety) : "", i == 0 ? notes_text(plan) : ""});
  }
  return out;
}

} // namespace backplan::render
