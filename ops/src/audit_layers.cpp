#include "respgrid/ops/audit_layers.hpp"
#include "respgrid/geo/enum_names.hpp"

#include "respgrid/ops/errors.hpp"

namespace respgrid::ops {

namespace {
constexpr geo::EnumNames<AuditLayer, 3> kAuditLayerNames{
    {{{AuditLayer::Townships, "townships"}, {AuditLayer::Villages, "villages"}, {AuditLayer::Grids, "grids"}}}};
}  // namespace

std::string_view to_string(AuditLayer layer) { return kAuditLayerNames.name(layer); }
std::optional<AuditLayer> parse_audit_layer(std::string_view text) { return kAuditLayerNames.parse(text); }

AdminLayers load_admin_layers(store::Project& project) {
    if (!project.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " +
                         project.info().path + " FILE --level county`");
    }
    AdminLayers units{project.load_units(grids::AdminLevel::County), project.load_units(grids::AdminLevel::Township),
                      project.load_units(grids::AdminLevel::Village)};
    if (units.county.empty()) throw UsageError("the project has no county boundary; import it with --level county");
    return units;
}

grids::ParentUnit AdminLayers::county_parent() const {
    const auto& outline = county.front();
    return {outline.code, &outline.geometry, outline.as_shipped.is_null() ? nullptr : &outline.as_shipped};
}

const std::vector<grids::AdminUnit>& AdminLayers::units_of(AuditLayer layer) const {
    if (layer == AuditLayer::Grids) throw UsageError("the grids are not administrative units");
    return layer == AuditLayer::Townships ? townships : villages;
}

std::vector<grids::ParentUnit> AdminLayers::parents_of(AuditLayer layer) const {
    std::vector<grids::ParentUnit> out;
    if (layer == AuditLayer::Townships) return out;
    const auto& above = layer == AuditLayer::Villages ? townships : villages;
    out.reserve(above.size());
    for (const auto& u : above) out.push_back({u.code, &u.geometry});
    return out;
}

std::size_t LayerItems::size() const { return grids_ ? grids_->size() : units_.size(); }

grids::CoverageItem LayerItems::operator[](std::size_t i) const {
    if (!grids_) return units_[i];
    const std::string& village = grids_->village_of(i);
    return {(*grids_)[i].code, grids_->wkb(i), {}, village, village, grids_->township_of(i)};
}

LayerInputs layer_inputs(const AdminLayers& units, const grids::GridShapes& grids, AuditLayer layer) {
    LayerInputs in;
    in.county = units.county_parent();
    in.parents = units.parents_of(layer);
    if (layer == AuditLayer::Grids) {
        in.items = LayerItems(grids);
        return in;
    }
    // Spans into the WKB buffers stay valid as `in.wkb` grows: a moved vector keeps its buffer.
    for (const auto& u : units.units_of(layer)) {
        in.wkb.push_back(u.geometry.to_wkb());
        std::span<const std::uint8_t> shape = in.wkb.back(), drawn;
        if (!u.as_shipped.is_null()) {
            in.wkb.push_back(u.as_shipped.to_wkb());
            drawn = in.wkb.back();
        }
        // Townships' parent is the county: they name none.
        const std::string_view parent = layer == AuditLayer::Townships ? std::string_view() : std::string_view(u.parent_code);
        in.items.add_unit({u.code, shape, drawn, parent, parent, std::string_view()});
    }
    return in;
}

}  // namespace respgrid::ops
