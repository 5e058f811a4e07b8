#include "respgrid/grids/coverage.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <map>

#include "respgrid/geo/error.hpp"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace respgrid::grids {

std::string_view to_string(DefectKind kind) {
    switch (kind) {
        case DefectKind::Gap: return "gap";
        case DefectKind::Overlap: return "overlap";
        case DefectKind::Spill: return "spill";
    }
    return "?";
}

std::size_t CoverageReport::count(DefectKind kind) const {
    return static_cast<std::size_t>(
        std::count_if(defects.begin(), defects.end(), [kind](const CoverageDefect& d) { return d.kind == kind; }));
}

double CoverageReport::area(DefectKind kind) const {
    double total = 0.0;
    for (const auto& d : defects) {
        if (d.kind == kind) total += d.area_m2;
    }
    return total;
}

namespace {

using BPoint = bg::model::d2::point_xy<double>;
using BBox = bg::model::box<BPoint>;

geo::XY point_in(const geo::Geometry& g) {
    geo::Envelope e = g.point_on_surface().envelope();  // a point's envelope is the point
    return {e.min_x, e.min_y};
}

// Union of the items of one group: the fast coverage union when they tile cleanly, otherwise
// the general (slower) union.
geo::Geometry union_group(const std::vector<const CoverageItem*>& members) {
    std::vector<geo::Geometry> copies;
    copies.reserve(members.size());
    for (const auto* m : members) copies.push_back(m->geometry->clone());
    try {
        return geo::Geometry::coverage_union(std::move(copies));
    } catch (const GeometryError&) {
        std::vector<geo::Geometry> again;
        for (const auto* m : members) again.push_back(m->geometry->clone());
        return geo::Geometry::union_all(std::move(again));
    }
}

void add_pieces(CoverageReport& out, DefectKind kind, const geo::Geometry& pieces, const CoverageOptions& options,
                std::vector<std::string> codes = {}) {
    geo::Geometry polygons = pieces.polygonal();
    for (std::size_t i = 0; i < polygons.num_geometries(); ++i) {
        geo::Geometry piece = polygons.part(i);
        double a = piece.area();
        double perimeter = piece.length();
        double mean_width = perimeter > 0 ? 2.0 * a / perimeter : 0.0;
        if (a < options.min_defect_area_m2 || mean_width < options.noise_width_m) {
            ++out.noise_count;
            out.noise_area_m2 += a;
            continue;
        }
        out.defects.push_back({kind, a, point_in(piece), codes, std::move(piece)});
    }
}

void find_overlaps(CoverageReport& out, std::span<const CoverageItem> items, const CoverageOptions& options,
                   const Progress& progress) {
    std::vector<std::pair<BBox, std::size_t>> boxes;
    boxes.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        geo::Envelope e = items[i].geometry->envelope();
        if (e.empty()) continue;
        boxes.emplace_back(BBox(BPoint(e.min_x, e.min_y), BPoint(e.max_x, e.max_y)), i);
    }
    bgi::rtree<std::pair<BBox, std::size_t>, bgi::rstar<16>> tree(boxes.begin(), boxes.end());
    for (std::size_t n = 0; n < boxes.size(); ++n) {
        const auto& [box, i] = boxes[n];
        std::vector<std::pair<BBox, std::size_t>> hits;
        tree.query(bgi::intersects(box), std::back_inserter(hits));
        std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        for (const auto& [other_box, j] : hits) {
            if (j <= i) continue;
            const auto& a = *items[i].geometry;
            const auto& b = *items[j].geometry;
            if (!a.interiors_intersect(b)) continue;
            add_pieces(out, DefectKind::Overlap, a.intersection(b), options,
                       {std::string(items[i].code), std::string(items[j].code)});
        }
        if (n % 1024 == 0) report(progress, static_cast<double>(n) / static_cast<double>(boxes.size()), "overlaps");
    }
}

}  // namespace

CoverageReport audit_coverage(const geo::Geometry& county, std::span<const CoverageItem> items,
                              const CoverageOptions& options, const Progress& progress) {
    CoverageReport out;
    out.polygon_count = items.size();
    out.county_area_m2 = county.area();

    std::map<std::string_view, std::vector<const CoverageItem*>> groups;
    for (const auto& item : items) {
        out.polygons_area_m2 += item.geometry->area();
        groups[item.group].push_back(&item);
    }

    std::vector<geo::Geometry> group_unions;
    std::size_t done = 0;
    for (const auto& [group, members] : groups) {
        group_unions.push_back(union_group(members));
        report(progress, 0.6 * static_cast<double>(++done) / static_cast<double>(groups.size()), "union");
    }
    geo::Geometry all = geo::Geometry::union_all(std::move(group_unions));
    out.union_area_m2 = all.area();

    // Overlapping area is exactly what the sum of areas counts twice; search pairs only then.
    if (out.polygons_area_m2 - out.union_area_m2 >= options.min_defect_area_m2) {
        find_overlaps(out, items, options, sub_progress(progress, 0.6, 0.9));
    }
    add_pieces(out, DefectKind::Gap, county.difference(all), options);
    add_pieces(out, DefectKind::Spill, all.difference(county), options);
    report(progress, 1.0, "coverage checked");
    return out;
}

}  // namespace respgrid::grids
