#include "cli/run/cues.hpp"

#include "render/json.hpp"
#include "util/text.hpp"

#include <nlohmann/json.hpp>

namespace backplan::run {

namespace {

int cue_start(const Schedule& schedule, std::size_t index)
{
  return index < schedule.phases.size() ? schedule.phases[index].start : schedule.total;
}

} // namespace

std::string cue_line(const Schedule& schedule, std::size_t index)
{
  return util::format_clock(cue_start(schedule, index)) + "  " + cue_words(schedule, index) + "\n";
}

std::string cue_json(const Schedule& schedule, std::size_t index)
{
  nlohmann::ordered_json out;
  out["schema_version"] = render::cue_json_version;
  const int start = cue_start(schedule, index);
  out["time"] = start;
  out["clock"] = util::format_clock(start);
  if (index < schedule.phases.size()) {
    const auto& [phase, item_index, begin] = schedule.phases[index];
    const auto& item = schedule.items[item_index];
    out["phase"] = phase_id(phase.kind);
    out["exercise"] = item.exercise.id;
    out["index"] = item_index + 1;
    out["side"] = phase.side == 0 ? nlohmann::ordered_json(nullptr)
                                  : nlohmann::ordered_json(phase.side == 1 ? "right" : "left");
    out["rep"] = phase.rep;
    out["reps"] = item.dose.reps;
    out["set"] = phase.set;
    out["sets"] = item.dose.sets;
    out["seconds"] = phase.seconds;
    // The rules in the shape every document gives them.
    const auto name_of = [&](const std::string& id) {
      const auto found = schedule.condition_names.find(id);
      return found != schedule.condition_names.end() ? found->second : id;
    };
    out["modifications"] = render::rules_json(item.modifications, name_of);
    out["cautions"] = render::rules_json(item.cautions, name_of);
  } else {
    out["phase"] = "done";
    out["exercise"] = nullptr;
    out["index"] = nullptr;
    out["side"] = nullptr;
    out["rep"] = nullptr;
    out["reps"] = nullptr;
    out["set"] = nullptr;
    out["sets"] = nullptr;
    out["seconds"] = nullptr;
    out["modifications"] = nullptr;
    out["cautions"] = nullptr;
  }
  out["words"] = cue_words(schedule, index);
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

} // namespace backplan::run
