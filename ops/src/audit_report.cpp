#include "audit_report.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace respgrid::ops::detail {

namespace {

nlohmann::json layer_summary(const grids::CoverageReport& r) {
    nlohmann::json j;
    j["passed"] = r.passed();
    j["polygons"] = r.polygon_count;
    j["county_area_m2"] = r.county_area_m2;
    j["polygons_area_m2"] = r.polygons_area_m2;
    j["union_area_m2"] = r.union_area_m2;
    for (auto kind : grids::kDefectKinds) {
        std::string name(grids::to_string(kind));
        j[name + "_count"] = r.count(kind);
        if (kind != grids::DefectKind::Invalid) j[name + "_area_m2"] = r.area(kind);
    }
    j["narrow_gap_count"] = r.narrow_gaps();
    j["noise_count"] = r.noise_count;
    j["noise_area_m2"] = r.noise_area_m2;
    j["measured_on_repair_count"] = r.repaired_count;
    j["clockwise_shells"] = r.clockwise_shells;
    j["polygons_with_repeated_points"] = r.repeated_points;
    return j;
}

nlohmann::json ownership_summary(const grids::OwnershipAudit& o) {
    nlohmann::json j;
    j["passed"] = o.passed();
    j["grids"] = o.grid_count;
    j["unowned_grids"] = o.unowned.size();
    nlohmann::json missing = nlohmann::json::object();
    for (auto role : grids::kTerritorialRoles) {
        missing[std::string(grids::to_string(role))] = o.missing_count(role);
    }
    j["grids_missing_role"] = missing;
    j["dead_owner_links"] = o.dead_links.size();
    j["categories_without_department"] = o.categories_without_department;
    nlohmann::json zones = nlohmann::json::array();
    for (const auto& z : o.orphan_zones) {
        zones.push_back({{"category", z.category_code},
                         {"name", z.category_name},
                         {"reason", z.reason},
                         {"grids", z.grid_codes.size()},
                         {"area_m2", z.area_m2}});
    }
    j["orphan_zones"] = zones;
    return j;
}

nlohmann::json coverage_defects(const std::vector<LayerFindings>& layers, const geo::CoordinateTransform& to_lonlat) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& l : layers) {
        for (const auto& d : l.report.defects) {
            geo::XY ll = to_lonlat(d.inside_point);
            nlohmann::json item = {{"layer", std::string(to_string(l.layer))},
                                   {"kind", std::string(grids::to_string(d.kind))},
                                   {"units", d.codes},
                                   {"detail", d.detail},
                                   {"x", d.inside_point.x},
                                   {"y", d.inside_point.y},
                                   {"lon", ll.x},
                                   {"lat", ll.y}};
            if (d.kind != grids::DefectKind::Invalid) item["area_m2"] = d.area_m2;
            if (d.kind == grids::DefectKind::Gap) {
                item["width_m"] = d.width_m;
                item["narrow"] = d.narrow;
                item["open_to_outline"] = d.open_to_outline;
            }
            if (d.kind == grids::DefectKind::Nesting) item["share"] = d.share;
            list.push_back(std::move(item));
        }
    }
    return list;
}

void add_ownership_defects(nlohmann::json& list, const grids::OwnershipAudit& owners, const grids::GridShapes& grids) {
    // Grids are listed per village and kind: a county without a roster has a million of them.
    // A village where every grid has the problem is named with its count, not its grid codes.
    // The lists and the grids are in code order (store::Project::load_grid_shapes): each code
    // is found at the position after the one before, by bisection otherwise.
    auto position_in = [&grids](std::size_t& next, const std::string& code) -> std::optional<std::size_t> {
        auto i = grids.find(code, next);
        if (i) next = *i + 1;
        return i;
    };
    std::vector<std::size_t> grids_in_village(grids.village_codes().size(), 0);
    for (const auto& g : grids.grids()) ++grids_in_village[g.village];
    // The role lists leave the unowned grids out (OwnershipAudit::missing): they are listed once.
    auto per_village = [&](const std::string& kind, const std::vector<std::string>& codes) {
        // Village code -> its grid count and the grids' codes (pointers into `codes`); "" and no
        // grids for a code not among `grids`.
        struct Village {
            std::size_t grids = 0;
            std::vector<const std::string*> members;
        };
        std::map<std::string_view, Village> by_village;
        std::size_t next = 0;
        for (const auto& code : codes) {
            auto i = position_in(next, code);
            Village& v = by_village[i ? std::string_view(grids.village_of(*i)) : std::string_view()];
            if (i) v.grids = grids_in_village[grids[*i].village];
            v.members.push_back(&code);
        }
        for (auto& [village, v] : by_village) {
            const auto& members = v.members;
            bool whole = members.size() == v.grids;
            nlohmann::json item = {{"layer", "grids"},
                                   {"kind", kind},
                                   {"village", village},
                                   {"grids", members.size()},
                                   {"whole_village", whole}};
            nlohmann::json units = nlohmann::json::array();
            if (!whole) {
                for (const std::string* code : members) units.push_back(*code);
            }
            item["units"] = std::move(units);
            list.push_back(std::move(item));
        }
    };
    per_village("unowned", owners.unowned);
    for (const auto& [role, codes] : owners.missing) {
        per_village("missing_" + std::string(grids::to_string(role)), codes);
    }
    for (const auto& link : owners.dead_links) {
        list.push_back({{"layer", "grids"},
                        {"kind", "dead_owner_link"},
                        {"units", {link.grid_code}},
                        {"detail", std::string(grids::to_string(link.role)) + " " + link.owner_id +
                                       (link.owner_exists ? " is inactive" : " is not in the roster")}});
    }
    for (const auto& z : owners.orphan_zones) {
        // The zone is the unowned grids, listed above; here its size and its villages.
        std::set<std::string> villages;
        std::size_t next = 0;
        for (const auto& code : z.grid_codes) {
            if (auto i = position_in(next, code)) villages.insert(grids.village_of(*i));
        }
        list.push_back({{"layer", "grids"},
                        {"kind", "orphan_zone"},
                        {"category", z.category_code},
                        {"grids", z.grid_codes.size()},
                        {"villages", villages},
                        {"area_m2", z.area_m2},
                        {"detail", z.reason}});
    }
}

}  // namespace

nlohmann::json audit_parameters_json(const AuditOptions& options) {
    return {{"layer", options.layer ? std::string(to_string(*options.layer)) : std::string(kAllLayers)},
            {"gap_width_m", options.coverage.gap_width_m},
            {"min_area_m2", options.coverage.min_defect_area_m2},
            {"noise_width_m", options.coverage.noise_width_m},
            {"nest_share", options.coverage.nest_share}};
}

nlohmann::json audit_summary_json(const AuditFindings& findings, std::optional<long long> generation) {
    nlohmann::json summary;
    summary["passed"] = findings.passed;
    summary["generation"] = generation ? nlohmann::json(*generation) : nlohmann::json(nullptr);
    summary["measured_repair"] = std::string(grids::kMeasuredRepair);
    nlohmann::json layers = nlohmann::json::object();
    for (const auto& l : findings.layers) layers[std::string(to_string(l.layer))] = layer_summary(l.report);
    summary["layers"] = layers;
    if (findings.ownership) summary["ownership"] = ownership_summary(*findings.ownership);
    return summary;
}

nlohmann::json audit_defects_json(const AuditFindings& findings, const grids::GridShapes& grids,
                                  const geo::CoordinateTransform& to_lonlat) {
    nlohmann::json list = coverage_defects(findings.layers, to_lonlat);
    if (findings.ownership) add_ownership_defects(list, *findings.ownership, grids);
    return list;
}

}  // namespace respgrid::ops::detail
