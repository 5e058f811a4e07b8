// Library versions are asked of the libraries themselves at run time: a technician reporting a
// problem needs the GDAL/PROJ the machine really has, which after an upgrade of Debian's packages
// is not what the binary was compiled against.
#include "cli/version.hpp"

#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
// sqlite3.h first: spatialite.h uses its types without including it.
#include <sqlite3.h>
#include <spatialite.h>

#include "respgrid_build_info.hpp"

namespace respgrid::cli {

std::string producer() {
    std::string text = std::string("respgrid ") + RESPGRID_VERSION;
    if (*RESPGRID_GIT_COMMIT) text += std::string(" (git ") + RESPGRID_GIT_COMMIT + ")";
    return text;
}

std::string version_text() {
    // The same first words as `gdalinfo --version` ("GDAL 3.6.2, released 2023/01/02").
    std::string text = producer() + "\n";
    text += std::string(GDALVersionInfo("--version")) + "\n";
    text += std::string("GEOS ") + GEOSversion() + "\n";
    text += std::string("PROJ ") + proj_info().version + "\n";
    text += std::string("SpatiaLite ") + spatialite_version() + ", SQLite " + sqlite3_libversion();
    return text;
}

}  // namespace respgrid::cli
