#pragma once
// The versions of the C libraries this process runs with, asked of the libraries themselves at run
// time: a technician reporting a problem needs the GDAL/GEOS/PROJ the machine really has, which
// after an upgrade of Debian's packages is not what the binary was compiled against.

#include <string>

namespace respgrid::geo {

// One line each, with the first words `gdalinfo --version` prints:
// "GDAL 3.6.2, released 2023/01/02\nGEOS 3.11.1-CAPI-1.17.1\nPROJ 9.1.1".
std::string library_versions();

}  // namespace respgrid::geo
