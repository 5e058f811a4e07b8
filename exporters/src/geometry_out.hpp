#pragma once
// Working-CRS geometry into an output CRS, as OGR wants it; polygons always as MultiPolygon so
// that a layer holds one geometry type.

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::exporters::detail {

class GeometryOut {
public:
    GeometryOut(const geo::Crs& working, int epsg) : transform_(working, geo::Crs::from_epsg(epsg)) {}
    [[nodiscard]] OGRGeometryUniquePtr polygons(const geo::Geometry& g) const {
        OGRGeometryUniquePtr ogr = geo::to_ogr(transform_.apply(g));
        return OGRGeometryUniquePtr(OGRGeometryFactory::forceToMultiPolygon(ogr.release()));
    }
    [[nodiscard]] OGRGeometryUniquePtr point(geo::XY p) const {
        return geo::to_ogr(transform_.apply(geo::Geometry::point(p)));
    }
    [[nodiscard]] geo::XY xy(geo::XY p) const { return transform_(p); }

private:
    geo::CoordinateTransform transform_;
};

}  // namespace respgrid::exporters::detail
