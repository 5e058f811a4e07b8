#pragma once
// Working-CRS geometry into an output CRS, as OGR wants it; polygons always as MultiPolygon so
// that a layer holds one geometry type.

#include <cstdint>
#include <span>

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
    // The same from working-CRS WKB, without a GEOS object: OGR reads it and the coordinates are
    // transformed in place (the export of a million grids loads them as WKB).
    [[nodiscard]] OGRGeometryUniquePtr polygons(std::span<const std::uint8_t> wkb) const;
    [[nodiscard]] OGRGeometryUniquePtr point(geo::XY p) const {
        return geo::to_ogr(transform_.apply(geo::Geometry::point(p)));
    }
    [[nodiscard]] geo::XY xy(geo::XY p) const { return transform_(p); }

private:
    geo::CoordinateTransform transform_;
};

}  // namespace respgrid::exporters::detail
