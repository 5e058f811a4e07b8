#include "respgrid/exporters/display_offsets.hpp"

#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"

namespace respgrid::exporters {

namespace {

// WGS-84 lon/lat to a display offset, as OGRGeometry::transform() takes a transformation. The
// layers keep their EPSG:4326 label: the copies a web map reads are declared WGS-84 lon/lat by
// their formats anyway (GeoJSON, KML), which is what the base maps' own tiles claim too.
class DisplayOffsetTransform final : public OGRCoordinateTransformation {
public:
    explicit DisplayOffsetTransform(geo::CrsKind kind) : kind_(kind) {}
    OGRSpatialReference* GetSourceCS() override { return nullptr; }
    OGRSpatialReference* GetTargetCS() override { return nullptr; }
    int Transform(int count, double* x, double* y, double* /*z*/, double* /*t*/, int* success) override {
        for (int i = 0; i < count; ++i) {
            const geo::XY p{x[i], y[i]};
            const geo::XY q = kind_ == geo::CrsKind::Bd09 ? geo::wgs84_to_bd09(p) : geo::wgs84_to_gcj02(p);
            x[i] = q.x;
            y[i] = q.y;
            if (success) success[i] = TRUE;
        }
        return TRUE;
    }
    OGRCoordinateTransformation* Clone() const override { return new DisplayOffsetTransform(kind_); }
    OGRCoordinateTransformation* GetInverse() const override { return nullptr; }  // never asked: display only

private:
    geo::CrsKind kind_;
};

}  // namespace

bool is_display_offset(const geo::Crs& crs) { return crs.kind == geo::CrsKind::Gcj02 || crs.kind == geo::CrsKind::Bd09; }

void shift_to_display_offsets(const std::string& gpkg, const geo::Crs& display) {
    if (!is_display_offset(display)) throw OutputError(gpkg, "exporters: not a display offset: " + display.name());
    geo::ensure_gdal();
    geo::GdalMessageCapture capture;
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError(gpkg, "exporters: cannot open the GeoPackage for update: " + capture.last_error());
    DisplayOffsetTransform shift(display.kind);
    // The copies made from the file read it from start to end: its R-trees, which SQLite would
    // update for every shifted feature (more than half of the time), are dropped first.
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer* layer = ds->GetLayer(i);
        if (layer->GetGeomType() == wkbNone) continue;
        geo::SqlResult(*ds, std::string("SELECT DisableSpatialIndex('") + layer->GetName() + "', '" +
                                layer->GetGeometryColumn() + "')");
    }
    if (ds->StartTransaction() != OGRERR_NONE) throw OutputError(gpkg, "exporters: cannot start a transaction");
    for (int i = 0; i < ds->GetLayerCount(); ++i) {
        OGRLayer* layer = ds->GetLayer(i);
        if (layer->GetGeomType() == wkbNone) continue;
        layer->ResetReading();
        for (auto& f : *layer) {
            OGRGeometry* g = f->GetGeometryRef();
            if (!g) continue;
            if (g->transform(&shift) != OGRERR_NONE || layer->SetFeature(f.get()) != OGRERR_NONE) {
                throw OutputError(gpkg, std::string("exporters: cannot shift feature ") + std::to_string(f->GetFID()) +
                                            " of " + layer->GetName() + " to " + display.name() + ": " +
                                            capture.last_error());
            }
        }
    }
    if (ds->CommitTransaction() != OGRERR_NONE) throw OutputError(gpkg, "exporters: cannot commit: " + capture.last_error());
    ds.reset();
    if (!capture.last_error().empty()) throw OutputError(gpkg, "exporters: " + capture.last_error());
}

}  // namespace respgrid::exporters
