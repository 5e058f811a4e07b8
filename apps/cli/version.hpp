#pragma once
// Who made a file and with what: the text of `respgrid --version` and the producer name every
// export records in its metadata.

#include <string>

namespace respgrid::cli {

// "respgrid 0.1.0 (git 0a65d117628c)": CMake's project version and the commit the binary was
// built from; just "respgrid 0.1.0" when built outside a git checkout.
std::string producer();

// producer(), then one line per library as this process runs with it (the shared libraries
// actually loaded, not the headers it was compiled against): GDAL, GEOS, PROJ, SpatiaLite/SQLite.
std::string version_text();

}  // namespace respgrid::cli
