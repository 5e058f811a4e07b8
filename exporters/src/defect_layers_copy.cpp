#include "defect_layers_copy.hpp"

#include <cpl_vsi.h>

#include <memory>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

std::size_t copy_defect_layers(GDALDataset& target, const std::string& path, const OGRSpatialReference* srs,
                               std::span<const std::uint8_t> defects_gpkg) {
    // GDAL reads the bytes in place; the name is unlinked before the bytes go.
    geo::RemovedOnExit file("/vsimem/respgrid_defects_" +
                            std::to_string(reinterpret_cast<std::uintptr_t>(defects_gpkg.data())) + ".gpkg");
    VSIFCloseL(VSIFileFromMemBuffer(file.path().c_str(), const_cast<std::uint8_t*>(defects_gpkg.data()),
                                    static_cast<vsi_l_offset>(defects_gpkg.size()), FALSE));
    auto source = geo::open_vector(file.path());
    std::size_t copied = 0;
    for (OGRLayer* from : source->GetLayers()) {
        if (from->GetGeomType() == wkbNone || from->GetFeatureCount() == 0) continue;  // layer_styles, empty kinds
        std::unique_ptr<OGRCoordinateTransformation> transform;
        if (from->GetSpatialRef() && srs && !from->GetSpatialRef()->IsSame(srs)) {
            transform.reset(OGRCreateCoordinateTransformation(from->GetSpatialRef(), srs));
            if (!transform) throw OutputError(path, std::string("cannot reproject the defect layer ") + from->GetName());
        }
        geo::GdalMessageCapture capture;
        const char* options[] = {"GEOMETRY_NAME=geom", "FID=fid", nullptr};
        OGRLayer* to = target.CreateLayer(from->GetName(), const_cast<OGRSpatialReference*>(srs), from->GetGeomType(),
                                          const_cast<char**>(options));
        if (!to) throw OutputError(path, std::string("cannot create the defect layer ") + from->GetName());
        OGRFeatureDefn* defn = from->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            OGRFieldDefn field(defn->GetFieldDefn(i));  // keeps the alternative (Chinese) name
            if (to->CreateField(&field) != OGRERR_NONE) {
                throw OutputError(path, std::string("cannot copy the field ") + field.GetNameRef() + " of " + from->GetName());
            }
        }
        for (auto& f : *from) {
            OGRFeatureUniquePtr out(OGRFeature::CreateFeature(to->GetLayerDefn()));
            out->SetFrom(f.get(), TRUE);
            out->SetFID(OGRNullFID);
            if (transform && out->GetGeometryRef()) out->GetGeometryRef()->transform(transform.get());
            if (to->CreateFeature(out.get()) != OGRERR_NONE) {
                throw OutputError(path, std::string("cannot copy a feature of the defect layer ") + from->GetName() + ": " +
                                            capture.last_error());
            }
            ++copied;
        }
    }
    return copied;
}

}  // namespace respgrid::exporters::detail
