#include "respgrid/exporters/defects_gpkg.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layer_fields.hpp"
#include "staged_gpkg.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/exporters/layer_writer.hpp"

namespace respgrid::exporters {


std::string defect_layer_name(grids::DefectKind kind) {
    switch (kind) {
        case grids::DefectKind::Invalid: return "invalid";
        case grids::DefectKind::Gap: return "gaps";
        case grids::DefectKind::Overlap: return "overlaps";
        case grids::DefectKind::Spill: return "spill";
        case grids::DefectKind::Nesting: return "nesting";
    }
    return "other";
}

namespace {

std::string joined(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
    return out;
}

}  // namespace

DefectCounts write_defects_gpkg(const std::string& path, const geo::Crs& working_crs,
                                std::span<const AuditedLayer> layers, const grids::OwnershipAudit* ownership,
                                std::span<const grids::GridCell> grids, int target_epsg) {
    DefectCounts counts;
    detail::write_staged_gpkg(path, working_crs, target_epsg, [&](GDALDataset& ds, const OGRSpatialReference* srs,
                                                                 const detail::GeometryOut& out) {

        std::map<grids::DefectKind, std::unique_ptr<LayerWriter>> writers;
        for (auto kind : grids::kDefectKinds) {
            // Invalid polygons are shown where GEOS found the fault: a polygon that is not valid
            // would not draw reliably, and the point is what the technician needs.
            OGRwkbGeometryType type = kind == grids::DefectKind::Invalid ? wkbPoint : wkbMultiPolygon;
            writers[kind] = std::make_unique<LayerWriter>(ds, path, defect_layer_name(kind), type, srs,
                                                          detail::coverage_defect_fields());
        }
        for (const auto& layer : layers) {
            if (!layer.report) continue;
            for (const auto& d : layer.report->defects) {
                geo::XY at = out.xy(d.inside_point);
                OGRGeometryUniquePtr shape = d.kind == grids::DefectKind::Invalid || d.geometry.is_null()
                                                 ? out.point(d.inside_point)
                                                 : out.polygons(d.geometry.polygonal());
                writers[d.kind]->add(std::move(shape),
                                     {layer.name, std::string(grids::to_string(d.kind)), joined(d.codes),
                                      d.area_m2, d.kind == grids::DefectKind::Gap ? Value{d.width_m} : Value{},
                                      static_cast<long long>(d.narrow), static_cast<long long>(d.open_to_outline),
                                      d.kind == grids::DefectKind::Nesting ? Value{d.share} : Value{}, d.detail, at.x,
                                      at.y});
                ++counts.coverage;
            }
        }

        // One feature per village and problem, the village's affected grids dissolved: a
        // county without a roster yet has a million grids without owners, and the technician
        // acts per village anyway.
        LayerWriter owners(ds, path, kOwnershipLayer, wkbMultiPolygon, srs, detail::ownership_defect_fields());
        if (ownership) {
            // What is wrong with each grid, in words ("" for nothing), by its position in `grids`:
            // the lists name grids by code, found through a hash (a map of a city's million codes
            // cost more than the unions of its zones).
            std::unordered_map<std::string_view, std::size_t> position_of;
            position_of.reserve(grids.size());
            for (std::size_t i = 0; i < grids.size(); ++i) position_of.emplace(grids[i].code, i);
            std::vector<std::string> problems(grids.size());
            auto problem_of = [&](const std::string& code) -> std::string* {
                auto it = position_of.find(code);
                return it == position_of.end() ? nullptr : &problems[it->second];
            };
            auto add = [&problem_of](const std::string& code, const std::string& what) {
                if (std::string* p = problem_of(code)) *p += (p->empty() ? "" : "; ") + what;
            };
            std::string unowned_text = "no territorial owner";
            if (!ownership->orphan_zones.empty()) {
                // Every orphan zone is the set of grids without any owner: say so with them.
                unowned_text += " (" + std::to_string(ownership->orphan_zones.size()) + " categories orphaned)";
            }
            for (const auto& code : ownership->unowned) add(code, unowned_text);
            for (const auto& [role, codes] : ownership->missing) {
                for (const auto& code : codes) {
                    if (const std::string* p = problem_of(code); p && p->empty()) {
                        add(code, "no " + std::string(grids::to_string(role)));
                    }
                }
            }
            for (const auto& link : ownership->dead_links) {
                add(link.grid_code, std::string(grids::to_string(link.role)) + " " + link.owner_id +
                                        (link.owner_exists ? " is inactive" : " is not in the roster"));
            }
            std::map<std::pair<std::string, std::string>, std::vector<const grids::GridCell*>> zones;
            for (std::size_t i = 0; i < grids.size(); ++i) {
                if (problems[i].empty() || grids[i].wkb.empty()) continue;
                zones[{grids[i].village_code, problems[i]}].push_back(&grids[i]);
            }
            for (const auto& [key, cells] : zones) {
                std::vector<geo::Geometry> shapes;  // parsed from the cells' WKB
                std::vector<const geo::Geometry*> parts;
                std::string codes;
                double area = 0.0;
                shapes.reserve(cells.size());
                for (const auto* c : cells) {
                    shapes.push_back(c->shape());
                    parts.push_back(&shapes.back());
                    codes += (codes.empty() ? "" : ",") + c->code;
                    area += c->area_m2;
                }
                geo::Geometry zone = geo::Geometry::union_of_tiles(parts);
                owners.add(out.polygons(zone.polygonal()),
                           {key.first, key.second, static_cast<long long>(cells.size()), area, codes});
                counts.ownership += cells.size();
            }
        }
    });
    return counts;
}

}  // namespace respgrid::exporters
