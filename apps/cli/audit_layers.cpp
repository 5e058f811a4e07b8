#include "cli/audit_layers.hpp"

#include "cli/console.hpp"

namespace respgrid::cli {

std::string_view to_string(AuditLayer layer) {
    switch (layer) {
        case AuditLayer::Townships: return "townships";
        case AuditLayer::Villages: return "villages";
        case AuditLayer::Grids: return "grids";
    }
    return "?";
}

std::optional<AuditLayer> parse_audit_layer(std::string_view text) {
    for (auto layer : kAuditLayers) {
        if (text == to_string(layer)) return layer;
    }
    return std::nullopt;
}

namespace {

std::vector<grids::ParentUnit> parents_of(const std::vector<grids::AdminUnit>& units) {
    std::vector<grids::ParentUnit> out;
    out.reserve(units.size());
    for (const auto& u : units) out.push_back({u.code, &u.geometry});
    return out;
}

void add_units(LayerInputs& in, const std::vector<grids::AdminUnit>& units, bool top) {
    for (const auto& u : units) {
        in.items.push_back({u.code, &u.geometry, u.as_shipped.is_null() ? nullptr : &u.as_shipped,
                            top ? std::string_view() : std::string_view(u.parent_code),
                            top ? std::string_view() : std::string_view(u.parent_code), std::string_view()});
    }
}

}  // namespace

LayerInputs layer_inputs(const ProjectView& view, AuditLayer layer) {
    if (view.county.empty()) throw UsageError("the project has no county boundary; import it with --level county");
    LayerInputs in;
    const auto& county = view.county.front();
    in.county = {county.code, &county.geometry, county.as_shipped.is_null() ? nullptr : &county.as_shipped};
    switch (layer) {
        case AuditLayer::Townships:
            add_units(in, view.townships, true);
            break;
        case AuditLayer::Villages:
            add_units(in, view.villages, false);
            in.parents = parents_of(view.townships);
            break;
        case AuditLayer::Grids:
            in.items.reserve(view.cells.size());
            for (const auto& c : view.cells) in.items.push_back({c.code, c.geometry.is_null() ? nullptr : &c.geometry, nullptr, c.village_code,
                                    c.village_code, c.township_code, c.wkb});
            in.parents = parents_of(view.villages);
            break;
    }
    return in;
}

}  // namespace respgrid::cli
