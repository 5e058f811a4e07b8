#include "respgrid/exporters/change_list_gpkg.hpp"

#include "layer_fields.hpp"
#include "staged_gpkg.hpp"
#include "respgrid/exporters/layer_writer.hpp"

namespace respgrid::exporters {


std::size_t write_change_list_gpkg(const std::string& path, const geo::Crs& working_crs,
                                   std::span<const grids::RepairChange> changes, int target_epsg) {
    std::size_t written = 0;
    detail::write_staged_gpkg(path, working_crs, target_epsg, [&](GDALDataset& ds, const OGRSpatialReference* srs,
                                                                 const detail::GeometryOut& out) {
        const std::vector<FieldSpec>& fields = detail::change_fields();
        // Pieces and whole-unit changes differ in geometry type: two layers keep each typed.
        LayerWriter pieces(ds, path, "changes", wkbMultiPolygon, srs, fields);
        LayerWriter points(ds, path, "unit_changes", wkbPoint, srs, fields);
        long long seq = 0;
        for (const auto& c : changes) {
            std::vector<Value> values{++seq, c.rule, c.from.empty() ? Value{} : Value{c.from},
                                      c.to.empty() ? Value{} : Value{c.to}, c.area_m2, c.reason};
            if (c.piece.is_null()) {
                points.add(out.point(c.point), values);
            } else {
                pieces.add(out.polygons(c.piece.polygonal()), values);
            }
            ++written;
        }
    });
    return written;
}

}  // namespace respgrid::exporters
