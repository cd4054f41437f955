#include "backplan/figure/model.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <stdexcept>

namespace backplan::figure {

namespace {

/// The joints' numbers in the order of their names, for finding a joint by
/// name and for keeping angles in that order.
const std::vector<std::uint8_t>& by_name()
{
  static const std::vector<std::uint8_t> order = [] {
    std::vector<std::uint8_t> out(joints().size());
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<std::uint8_t>(i);
    }
    std::sort(out.begin(), out.end(),
              [](std::uint8_t a, std::uint8_t b) { return joints()[a].name < joints()[b].name; });
    return out;
  }();
  return order;
}

/// The number of the joint named `name`, if there is one.
std::optional<std::uint8_t> number_of(std::string_view name)
{
  const auto& order = by_name();
  const auto it =
    std::lower_bound(order.begin(), order.end(), name,
                     [](std::uint8_t joint, std::string_view n) { return joints()[joint].name < n; });
  if (it == order.end() || joints()[*it].name != name) {
    return std::nullopt;
  }
  return *it;
}

/// Whether joint `a`'s name comes before joint `b`'s.
bool before(std::uint8_t a, std::uint8_t b) { return joints()[a].name < joints()[b].name; }

} // namespace

Angles::Angles(std::initializer_list<std::pair<std::string_view, double>> angles)
{
  for (const auto& [joint, degrees] : angles) {
    (*this)[joint] = degrees;
  }
}

double& Angles::operator[](std::string_view joint)
{
  const auto number = number_of(joint);
  if (!number) {
    throw std::invalid_argument(fmt::format("unknown joint '{}'", joint));
  }
  const auto it = std::lower_bound(m_angles.begin(), m_angles.end(), *number,
                                   [](const auto& angle, std::uint8_t n) { return before(angle.first, n); });
  if (it != m_angles.end() && it->first == *number) {
    return it->second;
  }
  return m_angles.insert(it, {*number, 0.0})->second;
}

const double* Angles::find(std::string_view joint) const
{
  const auto number = number_of(joint);
  if (!number) {
    return nullptr;
  }
  const auto it =
    std::find_if(m_angles.begin(), m_angles.end(), [&](const auto& angle) { return angle.first == *number; });
  return it == m_angles.end() ? nullptr : &it->second;
}

bool Angles::contains(std::string_view joint) const { return find(joint) != nullptr; }

double Angles::get(std::string_view joint) const
{
  const double* degrees = find(joint);
  return degrees != nullptr ? *degrees : 0.0;
}

std::pair<const std::string&, double> Angles::const_iterator::operator*() const
{
  return {joints()[m_it->first].name, m_it->second};
}

} // namespace backplan::figure
