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
                                const grids::GridShapes& grids,
                                std::span<const grids::GroupUnion> village_unions, int target_epsg) {
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
            // What is wrong with each grid, in words, by its position in `grids`: an index into
            // `texts` (0: nothing), a few distinct texts for a million grids. The lists are in
            // code order like the grids: each code is looked for after the one before.
            std::vector<std::string> texts{""};
            std::unordered_map<std::string, std::uint32_t> text_index{{"", 0}};
            std::vector<std::uint32_t> problems(grids.size(), 0);
            auto intern = [&](std::string text) {
                auto [it, fresh] = text_index.try_emplace(std::move(text), static_cast<std::uint32_t>(texts.size()));
                if (fresh) texts.push_back(it->first);
                return it->second;
            };
            auto add = [&](std::size_t& next, const std::string& code, const std::string& what, bool only_first) {
                auto i = grids.find(code, next);
                if (!i) return;
                next = *i + 1;
                std::uint32_t& p = problems[*i];
                if (only_first && p != 0) return;
                p = intern(p == 0 ? what : texts[p] + "; " + what);
            };
            std::string unowned_text = "no territorial owner";
            if (!ownership->orphan_zones.empty()) {
                // Every orphan zone is the set of grids without any owner: say so with them.
                unowned_text += " (" + std::to_string(ownership->orphan_zones.size()) + " categories orphaned)";
            }
            std::size_t next = 0;
            for (const auto& code : ownership->unowned) add(next, code, unowned_text, false);
            for (const auto& [role, codes] : ownership->missing) {
                next = 0;
                const std::string what = "no " + std::string(grids::to_string(role));
                for (const auto& code : codes) add(next, code, what, true);
            }
            next = 0;
            for (const auto& link : ownership->dead_links) {
                add(next, link.grid_code, std::string(grids::to_string(link.role)) + " " + link.owner_id +
                                              (link.owner_exists ? " is inactive" : " is not in the roster"),
                    false);
            }
            // Village and problem -> the grids' positions, in code order.
            std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> zones;
            for (std::size_t i = 0; i < grids.size(); ++i) {
                if (problems[i] == 0 || grids[i].wkb_size == 0) continue;
                zones[{grids.village_of(i), texts[problems[i]]}].push_back(i);
            }
            std::unordered_map<std::string_view, const grids::GroupUnion*> union_of_village;
            for (const auto& u : village_unions) union_of_village.emplace(u.key, &u);
            for (const auto& [key, cells] : zones) {
                std::string codes;
                double area = 0.0;
                for (std::size_t i : cells) {
                    codes += (codes.empty() ? "" : ",") + grids[i].code;
                    area += grids[i].area_m2;
                }
                // A zone of every grid of its village (a county without a roster: every zone) is
                // the village's union the coverage audit made of the same shapes in the same
                // order; only a part of a village is unioned here.
                auto whole = union_of_village.find(key.first);
                geo::Geometry zone;
                if (whole == union_of_village.end() || whole->second->members != cells.size()) {
                    std::vector<geo::Geometry> shapes;  // parsed from the cells' WKB
                    std::vector<const geo::Geometry*> parts;
                    shapes.reserve(cells.size());
                    for (std::size_t i : cells) {
                        shapes.push_back(grids.shape(i));
                        parts.push_back(&shapes.back());
                    }
                    zone = geo::Geometry::union_of_tiles(parts);
                }
                const geo::Geometry& shape = zone.is_null() ? whole->second->shape : zone;
                owners.add(out.polygons(shape.polygonal()),
                           {std::string(key.first), std::string(key.second), static_cast<long long>(cells.size()), area, codes});
                counts.ownership += cells.size();
            }
        }
    });
    return counts;
}

}  // namespace respgrid::exporters
