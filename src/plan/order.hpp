#pragma once

#include "backplan/catalog/model.hpp"

#include <cstddef>
#include <memory>
#include <vector>

namespace backplan::plan {

/// plan_order for the many tries of one plan: the order depends only on
/// what ordering reads of each item (its setting, posture, position, kind
/// and level), so items alike in that get the same order, worked out once.
/// A large catalog offers thousands of candidates, most of them alike to
/// one another in these terms. Copies share what is worked out.
class OrderMemo
{
public:
  explicit OrderMemo(const catalog::Catalog& catalog);

  /// plan_order(catalog, items).
  std::vector<std::size_t> operator()(const std::vector<const catalog::Exercise*>& items) const;

private:
  struct Tables;
  const catalog::Catalog& m_catalog;
  std::shared_ptr<Tables> m_tables;
};

} // namespace backplan::plan
