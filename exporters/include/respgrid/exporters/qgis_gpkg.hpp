#pragma once
// What makes a GeoPackage open styled in QGIS with a double-click: a default style for every
// respgrid layer in the `layer_styles` table, and a QGIS project in the `qgis_projects` table
// (Browser: the GeoPackage's "Projects" entry) that shows them in a sensible order over the
// county's extent, with two atlas print layouts, the township wall sheet and the grid worker's
// sheet (src/qgis_layouts.hpp). Both tables are written exactly as QGIS 3.22 writes them itself
// (../shared/docs/QGIS_FORMATS.md): f_table_schema '' not NULL, exact table and geometry column
// names, integer useAsDefault, the project as lowercase hex text of a .qgz zip.
//
// The project names its layers `./FILE.gpkg|layername=...`, relative to the GeoPackage's own
// folder: the file still opens after it is copied to another folder or machine, but a renamed
// file no longer matches FILE and its project opens with the layers unavailable (the layers
// themselves, added by hand, still come styled).

#include <string>

#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

inline constexpr const char* kQgisProjectName = "respgrid";

struct QgisExtras {
    std::size_t styles = 0;          // rows written into layer_styles
    std::size_t project_layers = 0;  // layers listed in the project (0: no project written)
};

// Adds the styles and the project to `ds`, a GeoPackage open for update whose layers are
// written and committed. `file_name` is the name the file will have when finished (the project
// refers to it); `path` names the file in errors. The project opens on the extent of the layer
// `opens_on` (the county; a township package's townships). Throws OutputError.
QgisExtras add_qgis_styles_and_project(GDALDataset& ds, const std::string& path, const std::string& file_name,
                                       const std::string& opens_on = "county");

}  // namespace respgrid::exporters
