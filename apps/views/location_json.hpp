#pragma once
// A located point as JSON: `respgrid locate --json` and the service's /v1/locate answer the same.

#include <nlohmann/json.hpp>

#include <string>

#include "respgrid/ops/locate.hpp"

namespace respgrid::views {

// `x`, `y`, `crs_text`: the point as the caller gave it (the CRS as written, "cgcs2000" when not).
nlohmann::json location_json(const ops::PointLocation& r, double x, double y, const std::string& crs_text);

}  // namespace respgrid::views
