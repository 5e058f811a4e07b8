#include "respgrid/geo/library_versions.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>

namespace respgrid::geo {

std::string library_versions() {
    return std::string(GDALVersionInfo("--version")) + "\nGEOS " + GEOSversion() + "\nPROJ " + proj_info().version;
}

}  // namespace respgrid::geo
