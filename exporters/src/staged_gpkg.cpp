#include "staged_gpkg.hpp"

#include <filesystem>

#include "producer.hpp"
#include "respgrid/exporters/qgis_gpkg.hpp"
#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

void write_staged_gpkg(const std::string& path, const geo::Crs& working_crs, int target_epsg, const GpkgBody& body,
                       const std::string& producer, const std::string& opens_on) {
    geo::StagedFile staged(path, ".gpkg");
    {
        auto ds = staged.create("GPKG");
        geo::SrsPtr srs = geo::srs_from_epsg(target_epsg);
        GeometryOut out(working_crs, target_epsg);
        geo::GdalMessageCapture capture;
        if (ds->StartTransaction() != OGRERR_NONE) throw OutputError(path, "exporters: cannot start a transaction");
        body(*ds, srs.get(), out);
        if (ds->CommitTransaction() != OGRERR_NONE) {
            throw OutputError(path, "exporters: cannot commit: " + capture.last_error());
        }
        if (!producer.empty()) record_producer(*ds, path, producer);
        add_qgis_styles_and_project(*ds, path, std::filesystem::path(path).filename().string(), opens_on);
        ds.reset();
        if (!capture.last_error().empty()) throw OutputError(path, "exporters: " + capture.last_error());
    }
    staged.commit();
}

}  // namespace respgrid::exporters::detail
