#include "geometry_out.hpp"

#include <string>

#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::detail {

OGRGeometryUniquePtr GeometryOut::polygons(std::span<const std::uint8_t> wkb) const {
    OGRGeometry* read = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &read, wkb.size()) != OGRERR_NONE || !read) {
        throw GeometryError("import WKB", "exporters: OGR cannot read a grid's WKB");
    }
    OGRGeometryUniquePtr multi(OGRGeometryFactory::forceToMultiPolygon(read));
    for (auto* polygon : *multi->toMultiPolygon()) {
        for (auto* ring : *polygon) {
            for (int i = 0; i < ring->getNumPoints(); ++i) {
                double x = ring->getX(i), y = ring->getY(i);
                if (!transform_.transform(x, y)) {
                    throw GeometryError("transform", "exporters: cannot transform (" + std::to_string(ring->getX(i)) +
                                                         ", " + std::to_string(ring->getY(i)) + ") to " +
                                                         transform_.target().name());
                }
                ring->setPoint(i, x, y);
            }
        }
    }
    return multi;
}

}  // namespace respgrid::exporters::detail
