#include "catalog/figure_reader.hpp"

#include "catalog/keys.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace backplan::catalog {

namespace {

/// "a, b or c".
std::string alternatives(const std::vector<std::string>& names)
{
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  }
  return out;
}

/// Collects the problems of one figure, each at a node of the file.
class FigureReader
{
public:
  FigureReader(const std::string& file, std::vector<Diagnostic>& out) : m_file(file), m_out(out) {}

  void error(const YAML::Node& node, std::string message)
  {
    const YAML::Mark mark = node.Mark();
    m_out.push_back({{m_file, mark.line + 1, mark.column + 1}, std::move(message)});
    m_ok = false;
  }

  bool ok() const { return m_ok; }

  /// A scalar from `names`, or nothing (reported) for another value.
  std::optional<std::string> one_of(const YAML::Node& key, const YAML::Node& value,
                                    const std::vector<std::string>& names)
  {
    if (!value.IsScalar() || value.Scalar().empty()) {
      error(value.IsScalar() || value.IsNull() ? key : value,
            fmt::format("'{}' must be {}, found {}", key.Scalar(), alternatives(names), what(value)));
      return std::nullopt;
    }
    if (std::find(names.begin(), names.end(), value.Scalar()) == names.end()) {
      error(value, fmt::format("'{}' must be {}, found '{}'{}", key.Scalar(), alternatives(names),
                               value.Scalar(), util::did_you_mean_suffix(value.Scalar(), names)));
      return std::nullopt;
    }
    return value.Scalar();
  }

  /// A list of names from `names` under `key` ('props', 'contacts'); an
  /// unknown one is an error at it, worded by `unknown` from the item.
  template<typename Unknown>
  std::vector<std::string> names_list(const YAML::Node& key, const YAML::Node& value,
                                      const std::vector<std::string>& names, const Unknown& unknown)
  {
    std::vector<std::string> out;
    if (!value.IsSequence()) {
      error(value.IsNull() ? key : value,
            fmt::format("'{}' must be a list, found {}", key.Scalar(), what(value)));
      return out;
    }
    for (const auto& item : value) {
      if (!item.IsScalar() || std::find(names.begin(), names.end(), item.Scalar()) == names.end()) {
        error(item, unknown(item, item.IsScalar() ? util::did_you_mean_suffix(item.Scalar(), names) : ""));
        continue;
      }
      out.push_back(item.Scalar());
    }
    return out;
  }

  std::vector<std::string> props(const YAML::Node& key, const YAML::Node& value)
  {
    const auto& names = figure::prop_names();
    return names_list(key, value, names, [&](const YAML::Node& item, const std::string& suggestion) {
      return fmt::format("unknown prop {}: use {}{}", what(item), alternatives(names), suggestion);
    });
  }

  std::optional<figure::Pose> pose(const YAML::Node& key, const YAML::Node& value,
                                   const std::vector<std::string>& props)
  {
    if (!value.IsMap()) {
      error(value.IsNull() ? key : value,
            fmt::format("'{}' must be a mapping of joint angles, found {}", key.Scalar(), what(value)));
      return std::nullopt;
    }
    const bool was_ok = m_ok;
    m_ok = true;
    figure::Pose pose;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const YAML::Node name = it->first;
      const YAML::Node angle = it->second;
      if (name.IsScalar() && name.Scalar() == "contacts") {
        pose.contacts = contacts(name, angle);
        continue;
      }
      if (name.IsScalar() && name.Scalar() == "rest") {
        if (const auto rest = one_of(name, angle, figure::rest_names())) {
          pose.rest = *rest;
          if (*rest != "floor" && std::find(props.begin(), props.end(), *rest) == props.end()) {
            error(angle, fmt::format("the pose rests on the {0}, but 'props' has no '{0}'", *rest));
          }
        }
        continue;
      }
      if (const auto degrees = joint_angle(name, angle, pose)) {
        pose.angles[name.Scalar()] = *degrees;
      }
    }
    if (m_ok) {
      const auto support = figure::check_support(pose);
      if (support.below > 0) {
        error(value, fmt::format("the '{}' pose puts the {} {:.0f} cm below the floor", key.Scalar(),
                                 support.point, std::ceil(support.below)));
      }
      for (const auto& miss : figure::check_contacts(pose)) {
        error(value["contacts"][miss.index],
              fmt::format("the '{}' pose says the {} touches the floor, but it is {:.0f} cm "
                          "above it",
                          key.Scalar(), miss.point, std::floor(miss.above)));
      }
    }
    const bool ok = m_ok;
    m_ok = was_ok && ok;
    return ok ? std::optional<figure::Pose>(pose) : std::nullopt;
  }

  /// The body points a pose says touch the floor.
  std::vector<std::string> contacts(const YAML::Node& key, const YAML::Node& value)
  {
    return names_list(key, value, figure::point_names(),
                      [&](const YAML::Node& item, const std::string& suggestion) {
                        return fmt::format("unknown body point {} in 'contacts'{}", what(item), suggestion);
                      });
  }

private:
  static std::string what(const YAML::Node& node)
  {
    if (node.IsScalar()) {
      return node.Scalar().empty() ? "an empty value" : fmt::format("'{}'", node.Scalar());
    }
    return node.IsSequence() ? "a list" : node.IsMap() ? "a mapping" : "an empty value";
  }

  static std::optional<double> number(const std::string& text)
  {
    std::size_t i = text.size() > 1 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    const std::size_t digits_from = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      ++i;
    }
    if (i == digits_from) {
      return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
        ++i;
      }
    }
    if (i != text.size() || text.size() > 12) {
      return std::nullopt;
    }
    return std::stod(text);
  }

  std::optional<double> joint_angle(const YAML::Node& name, const YAML::Node& angle, const figure::Pose& pose)
  {
    if (!name.IsScalar()) {
      error(name, fmt::format("the keys of a pose must be joint names, found {}", what(name)));
      return std::nullopt;
    }
    const figure::Joint* joint = figure::find_joint(name.Scalar());
    if (joint == nullptr) {
      std::vector<std::string> names{"rest", "contacts"};
      for (const auto& j : figure::joints()) {
        names.push_back(j.name);
      }
      error(name, fmt::format("unknown joint '{}'{}", name.Scalar(),
                              util::did_you_mean_suffix(name.Scalar(), names)));
      return std::nullopt;
    }
    if (pose.angles.contains(name.Scalar())) {
      error(name, fmt::format("duplicate joint '{}'", name.Scalar()));
      return std::nullopt;
    }
    const auto degrees = angle.IsScalar() ? number(angle.Scalar()) : std::nullopt;
    if (!degrees) {
      error(angle.IsNull() ? name : angle,
            fmt::format("'{}' must be an angle in degrees, found {}", name.Scalar(), what(angle)));
      return std::nullopt;
    }
    if (*degrees < joint->min || *degrees > joint->max) {
      error(angle, fmt::format("'{}' must be between {} and {} degrees, found {}", name.Scalar(), joint->min,
                               joint->max, angle.Scalar()));
      return std::nullopt;
    }
    return degrees;
  }

  const std::string& m_file;
  std::vector<Diagnostic>& m_out;
  bool m_ok = true;
};

/// The keys of a mapping, each once and each one of `known`; problems are
/// reported at the key.
std::map<std::string, std::pair<YAML::Node, YAML::Node>> keys_of(FigureReader& reader, const YAML::Node& map,
                                                                 const std::vector<std::string>& known,
                                                                 const std::string& what)
{
  std::map<std::string, std::pair<YAML::Node, YAML::Node>> found;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node name = it->first;
    if (!name.IsScalar() || std::find(known.begin(), known.end(), name.Scalar()) == known.end()) {
      reader.error(name, fmt::format("unknown key {} in {}{}",
                                     name.IsScalar() ? fmt::format("'{}'", name.Scalar()) : "", what,
                                     name.IsScalar() ? util::did_you_mean_suffix(name.Scalar(), known) : ""));
      continue;
    }
    if (found.contains(name.Scalar())) {
      reader.error(name, fmt::format("duplicate key '{}' (first at line {})", name.Scalar(),
                                     found[name.Scalar()].first.Mark().line + 1));
      continue;
    }
    found.emplace(name.Scalar(), std::pair<YAML::Node, YAML::Node>(name, it->second));
  }
  return found;
}

/// Reads props, start and end from `found` into `figure` (keeping what it
/// has for a key that is not there).
void read_poses(FigureReader& reader, const std::map<std::string, std::pair<YAML::Node, YAML::Node>>& found,
                figure::Figure& figure)
{
  if (const auto it = found.find("props"); it != found.end()) {
    figure.props = reader.props(it->second.first, it->second.second);
  }
  for (const auto& [name, pose] : {std::pair{"start", &figure.start}, std::pair{"end", &figure.end}}) {
    if (const auto it = found.find(name); it != found.end()) {
      *pose = reader.pose(it->second.first, it->second.second, figure.props).value_or(figure::Pose{});
    }
  }
}

std::vector<ModifiedFigure> read_modified(FigureReader& reader, const std::string& file,
                                          const YAML::Node& key, const YAML::Node& value,
                                          const figure::Figure& base)
{
  std::vector<ModifiedFigure> out;
  if (!value.IsMap()) {
    reader.error(value.IsNull() ? key : value,
                 "'modified' must be a mapping from condition ids to props, start and end");
    return out;
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    const YAML::Node condition = it->first;
    const YAML::Node poses = it->second;
    if (!condition.IsScalar() || !poses.IsMap()) {
      reader.error(condition.IsScalar() ? poses : condition,
                   "each entry of 'modified' must be a condition id with a mapping of props, start and end");
      continue;
    }
    ModifiedFigure modified{condition.Scalar(), base, {}};
    const YAML::Mark mark = condition.Mark();
    modified.where = {file, mark.line + 1, mark.column + 1};
    read_poses(reader, keys_of(reader, poses, modified_figure_keys, "a modified figure"), modified.figure);
    out.push_back(std::move(modified));
  }
  return out;
}

} // namespace

std::optional<FigureBlock> read_figure(const std::string& file, const YAML::Node& key,
                                       const YAML::Node& value, std::vector<Diagnostic>& out)
{
  FigureReader reader(file, out);
  if (!value.IsMap()) {
    reader.error(value.IsNull() ? key : value,
                 "'figure' must be a mapping with 'view', 'props', 'start' and 'end'");
    return std::nullopt;
  }
  const auto found = keys_of(reader, value, figure_keys, "'figure'");
  for (const char* required : {"view", "start", "end"}) {
    if (!found.contains(required)) {
      reader.error(value, fmt::format("missing required key '{}' in 'figure'", required));
    }
  }
  FigureBlock block;
  if (const auto it = found.find("view"); it != found.end()) {
    const auto view = reader.one_of(it->second.first, it->second.second, figure::view_names());
    const auto& names = figure::view_names();
    block.figure.view =
      static_cast<figure::View>(view ? std::find(names.begin(), names.end(), *view) - names.begin() : 0);
  }
  if (const auto it = found.find("moves"); it != found.end()) {
    block.figure.moves =
      reader.one_of(it->second.first, it->second.second, figure::point_names()).value_or("");
  }
  read_poses(reader, found, block.figure);
  if (const auto it = found.find("modified"); it != found.end()) {
    block.modified = read_modified(reader, file, it->second.first, it->second.second, block.figure);
  }
  if (!reader.ok()) {
    return std::nullopt;
  }
  return block;
}

} // namespace backplan::catalog
