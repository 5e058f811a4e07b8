#include "respgrid/ops/init.hpp"

#include "respgrid/grids/codes.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

InitResult init_project(const InitOptions& options) {
    if (!grids::is_valid_code(grids::AdminLevel::County, options.county_code)) {
        throw UsageError("--county-code must be 6 digits (GB/T 2260), got '" + options.county_code + "'");
    }
    InitResult result;
    if (options.working_crs) {
        const geo::Crs& crs = *options.working_crs;
        if (crs.kind != geo::CrsKind::Epsg || crs.is_geographic()) {
            throw UsageError("--crs must be a projected (metric) EPSG CRS such as EPSG:4547, got " + crs.name());
        }
        result.epsg = crs.epsg;
    }
    auto project = store::Project::create(options.project, options.county_code, options.name, result.epsg, options.zone);
    result.schema_version = project.info().schema_version;
    return result;
}

}  // namespace respgrid::ops
