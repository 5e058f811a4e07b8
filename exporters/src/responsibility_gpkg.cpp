#include "responsibility_gpkg.hpp"

#include <map>

#include "layer_fields.hpp"
#include "respgrid/exporters/layer_writer.hpp"

namespace respgrid::exporters::detail {

namespace {
Value day_or_null(const std::optional<grids::Date>& day) { return day ? Value{day->to_string()} : Value{}; }

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ";") + i;
    return out;
}
}  // namespace

std::size_t write_responsibility_layer(GDALDataset& ds, const std::string& path, const OGRSpatialReference* srs,
                                       const GeometryOut& out, std::span<const grids::ResponsibilityLayer> layers,
                                       std::span<const grids::ResponsibilityFeature> features,
                                       const grids::Directory& directory) {
    if (layers.empty()) return 0;
    std::map<std::string, const grids::ResponsibilityLayer*> layer_of;
    for (const auto& l : layers) layer_of[l.name] = &l;
    LayerWriter w(ds, path, "responsibility", wkbMultiPolygon, srs, responsibility_fields());
    for (const auto& f : features) {
        const grids::Owner* owner = directory.owner(f.owner_id);
        auto layer = layer_of.find(f.layer);
        const grids::ResponsibilityLayer* l = layer == layer_of.end() ? nullptr : layer->second;
        w.add(out.polygons(geo::Geometry::from_polygons(f.area)),
              {f.layer, l ? Value{std::string(grids::to_string(l->kind))} : Value{}, text_or_null(f.label), f.owner_id,
               owner ? text_or_null(owner->name) : Value{}, owner ? text_or_null(owner->contact) : Value{},
               owner ? text_or_null(owner->phone) : Value{}, text_or_null(joined(f.categories)),
               l && l->kind == grids::LayerKind::Line ? Value{l->buffer_m} : Value{}, day_or_null(f.valid_from),
               day_or_null(f.valid_to)});
    }
    return w.written();
}

}  // namespace respgrid::exporters::detail
