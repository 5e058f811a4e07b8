#pragma once
// Who answers for one grid (`respgrid owners --json`) as JSON.

#include <nlohmann/json.hpp>

#include "respgrid/ops/owners.hpp"

namespace respgrid::views {

nlohmann::json owners_json(const ops::OwnersResult& r);

}  // namespace respgrid::views
