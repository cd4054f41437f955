#include "render/common.hpp"

#include "backplan/figure/drawing.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>

namespace backplan::render {

std::string plan_title(const plan::Plan& plan)
{
  return plan.request.title.empty() ? fmt::format("A {}-minute back-care plan", plan.request.minutes)
                                    : plan.request.title;
}

std::string variant_words(const plan::PlanVariant& variant)
{
  if (variant.exercise_id.empty()) {
    return variant.text;
  }
  if (variant.item_number > 0) {
    return fmt::format("{} (exercise {} in this plan)", variant.text, variant.item_number);
  }
  return variant.description.empty() ? variant.text
                                     : fmt::format("{} — {}", variant.text, variant.description);
}

std::string condition_name(const plan::Plan& plan, const std::string& id)
{
  const auto& ids = plan.request.conditions;
  for (std::size_t i = 0; i < ids.size() && i < plan.condition_names.size(); ++i) {
    if (ids[i] == id) {
      return plan.condition_names[i];
    }
  }
  return id;
}

std::string rule_label(const plan::Plan& plan, const catalog::Contraindication& rule)
{
  return fmt::format("{} — {}", condition_name(plan, rule.condition), catalog::action_name(rule.action));
}

std::string basis_words(const catalog::Contraindication& rule)
{
  return rule.basis == catalog::general_guidance ? rule.basis.str()
                                                 : fmt::format("source: {}", rule.basis.view());
}

std::vector<catalog::Contraindication> shown_rules(
  const std::vector<catalog::Contraindication>& modifications,
  const std::vector<catalog::Contraindication>& cautions)
{
  std::vector<catalog::Contraindication> out = modifications;
  out.insert(out.end(), cautions.begin(), cautions.end());
  return out;
}

bool has_condition_note(const plan::PlanItem& item)
{
  return !item.modifications.empty() || !item.cautions.empty();
}

std::vector<std::string> red_flag_citations(const safety::SafetyNotes& safety)
{
  std::vector<std::string> out;
  for (const auto& tier : safety.red_flags) {
    for (const auto& source : tier.sources) {
      if (std::find(out.begin(), out.end(), source.text) == out.end()) {
        out.push_back(source.text);
      }
    }
  }
  return out;
}

const figure::Figure* item_figure(const plan::PlanItem& item)
{
  for (const auto& rule : item.modifications) {
    if (rule.figure) {
      return &*rule.figure;
    }
  }
  const auto& figure = item.exercise.details().figure;
  return figure ? &*figure : nullptr;
}

std::string figure_note(const plan::PlanItem& item)
{
  for (const auto& rule : item.modifications) {
    if (rule.figure) {
      return "Drawn with the change for your condition";
    }
  }
  return "";
}

std::string figure_caption(const catalog::Exercise& exercise)
{
  return exercise.per_side ? "One side shown; repeat on the other side" : "";
}

std::string exercise_svg(const figure::Figure& drawn, const catalog::Exercise& exercise, const SvgView& view)
{
  // One scale for every figure, so that a body is the same size in each
  // file: about 160 pixels for a standing one.
  figure::DrawOptions options;
  options.scale = 0.9;
  options.label_size = 14;
  options.grid = view.grid;
  options.caption = figure_caption(exercise);
  figure::Figure shown = drawn;
  if (view.pose == "start") {
    shown.end = shown.start;
    options.hold_label = "Start";
  } else if (view.pose == "end") {
    shown.start = shown.end;
    options.hold_label = "End";
  }
  return figure::to_svg(figure::draw(shown, options), exercise.name);
}

int sessions_a_day(std::string_view frequency)
{
  std::string words(frequency);
  std::transform(words.begin(), words.end(), words.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool daily = words.find("a day") != std::string::npos || words.find("per day") != std::string::npos ||
                     words.find("daily") != std::string::npos;
  if (!daily) {
    return 1;
  }
  if (words.find("twice") != std::string::npos) {
    return 2;
  }
  constexpr std::array<std::string_view, 5> counted = {"two", "three", "four", "five", "six"};
  for (std::size_t n = 0; n < counted.size(); ++n) {
    if (words.find(fmt::format("{} times", counted[n])) != std::string::npos ||
        words.find(fmt::format("{} times", n + 2)) != std::string::npos) {
      return static_cast<int>(n) + 2;
    }
  }
  return 1;
}

Citation split_citation(std::string_view citation)
{
  auto start = citation.find("https://");
  start = start == std::string_view::npos ? citation.find("http://") : start;
  if (start == std::string_view::npos) {
    return {std::string(citation), ""};
  }
  const auto end = std::min(citation.find_first_of(" )", start), citation.size());
  std::string_view before = citation.substr(0, start);
  std::string_view after = citation.substr(end);
  while (!before.empty() && (before.back() == ' ' || before.back() == '(' || before.back() == ',')) {
    before.remove_suffix(1);
  }
  if (after.starts_with(")")) {
    after.remove_prefix(1);
  }
  return {std::string(before) + std::string(after), std::string(citation.substr(start, end - start))};
}

std::string short_address(std::string address)
{
  for (const char* prefix : {"https://", "http://", "www."}) {
    if (address.starts_with(prefix)) {
      address.erase(0, std::string_view(prefix).size());
    }
  }
  if (address.ends_with("/")) {
    address.pop_back();
  }
  return address;
}

std::string basis_line(const std::vector<std::string>& citations)
{
  if (citations.empty()) {
    return "";
  }
  std::vector<std::string> words;
  bool addresses = false;
  for (const auto& citation : citations) {
    const auto [text, address] = split_citation(citation);
    words.push_back(text);
    addresses = addresses || !address.empty();
  }
  return fmt::format("Basis: {}{}.", util::join(words, "; "),
                     addresses ? " (addresses under \u201cSources\u201d)" : "");
}

std::vector<Citation> handout_sources(const std::vector<std::string>& sources,
                                      const std::vector<std::string>& citations)
{
  std::vector<std::string> all = sources;
  for (const auto& citation : citations) {
    if (std::find(all.begin(), all.end(), citation) == all.end()) {
      all.push_back(citation);
    }
  }
  std::vector<Citation> out;
  for (const auto& source : all) {
    out.push_back(split_citation(source));
  }
  return out;
}

std::string tick_grid_words(int sessions)
{
  return sessions == 1 ? "Tick a box on each day you do the exercise."
                       : fmt::format("Tick a box each time you do the exercise: {} boxes a day.", sessions);
}

HandoutDate handout_date()
{
  std::time_t now = std::time(nullptr);
  std::tm day{};
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  char* end = nullptr;
  const long long given = epoch != nullptr ? std::strtoll(epoch, &end, 10) : -1;
  if (epoch != nullptr && *epoch != '\0' && *end == '\0' && given >= 0) {
    now = static_cast<std::time_t>(given);
    gmtime_r(&now, &day);
  } else {
    localtime_r(&now, &day);
  }
  constexpr std::array<const char*, 12> months = {"January",   "February", "March",    "April",
                                                  "May",       "June",     "July",     "August",
                                                  "September", "October",  "November", "December"};
  return {
    fmt::format("{} {} {}", day.tm_mday, months[static_cast<std::size_t>(day.tm_mon)], day.tm_year + 1900),
    fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday,
                day.tm_hour, day.tm_min, day.tm_sec)};
}

} // namespace backplan::render
