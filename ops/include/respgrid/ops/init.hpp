#pragma once
// Creating a project file.

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::ops {

struct InitOptions {
    std::string project;      // the file to create; refused when it exists
    std::string county_code;  // 6 digits, GB/T 2260
    std::string name;         // the county's name, e.g. 淮阳县
    std::optional<geo::Crs> working_crs;  // a projected EPSG CRS; unset = chosen at the first boundary import
    grids::UtcOffset zone = grids::kChinaTime;
};

struct InitResult {
    std::optional<int> epsg;  // the working CRS, when chosen now
    int schema_version = 0;
};

// UsageError for a malformed county code or a working CRS that is not a metric EPSG CRS;
// store::StoreError when the file cannot be created.
InitResult init_project(const InitOptions& options);

}  // namespace respgrid::ops
