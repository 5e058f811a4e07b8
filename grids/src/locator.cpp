#include "respgrid/grids/locator.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "respgrid/geo/half_open.hpp"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace respgrid::grids {

std::string_view to_string(LocateStatus status) {
    switch (status) {
        case LocateStatus::Inside: return "inside";
        case LocateStatus::InGap: return "in_gap";
        case LocateStatus::Outside: return "outside";
    }
    return "?";
}

namespace {

using BPoint = bg::model::d2::point_xy<double>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, std::size_t>;
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

double segment_distance(geo::XY a, geo::XY b, geo::XY p) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

BBox box_of(const std::vector<geo::PolygonRings>& polygons) {
    geo::Envelope e;
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (const auto& p : ring) e.expand(p);
        }
    }
    return BBox(BPoint(e.min_x, e.min_y), BPoint(e.max_x, e.max_y));
}

}  // namespace

double distance_to_boundary(const std::vector<geo::PolygonRings>& polygons, geo::XY p) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (std::size_t i = 1; i < ring.size(); ++i) best = std::min(best, segment_distance(ring[i - 1], ring[i], p));
        }
    }
    return best;
}

struct GridLocator::Index {
    Tree tree;
    std::unique_ptr<geo::HalfOpenArea> county;
};

GridLocator::GridLocator(std::vector<LocatorCell> cells, std::vector<geo::PolygonRings> county)
    : cells_(std::move(cells)), county_(std::move(county)), index_(std::make_unique<Index>()) {
    std::sort(cells_.begin(), cells_.end(), [](const LocatorCell& a, const LocatorCell& b) { return a.code < b.code; });
    std::vector<Entry> entries;
    entries.reserve(cells_.size());
    for (std::size_t i = 0; i < cells_.size(); ++i) entries.emplace_back(box_of(cells_[i].polygons), i);
    index_->tree = Tree(entries.begin(), entries.end());  // bulk load (packing)
    index_->county = std::make_unique<geo::HalfOpenArea>(county_);
}

GridLocator::~GridLocator() = default;
GridLocator::GridLocator(GridLocator&&) noexcept = default;
GridLocator& GridLocator::operator=(GridLocator&&) noexcept = default;

LocateResult GridLocator::locate(geo::XY p) const {
    LocateResult result;
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return result;
    BPoint bp(p.x, p.y);
    // Boxes are closed, so a point on a cell's east or north edge still finds that cell.
    // (A function output iterator avoids the type-erased query iterators, which cost ~2x.)
    index_->tree.query(bgi::intersects(bp), boost::make_function_output_iterator([&](const Entry& e) {
        std::size_t i = e.second;
        if (geo::half_open_contains(cells_[i].polygons, p)) {
            ++result.claims;
            if (!result.cell || i < *result.cell) result.cell = i;
        }
    }));
    if (result.cell) {
        result.status = LocateStatus::Inside;
        return result;
    }
    result.status = index_->county->contains(p) ? LocateStatus::InGap
                                                                              : LocateStatus::Outside;
    // Nearest grid: look at the k nearest boxes; the answer is final once a box lies farther
    // than the best exact distance found, otherwise widen k.
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 16;; k *= 4) {
        bool settled = false;
        std::vector<Entry> near;
        index_->tree.query(bgi::nearest(bp, static_cast<unsigned>(std::min(k, cells_.size()))), std::back_inserter(near));
        for (const auto& [box, i] : near) {
            if (bg::distance(bp, box) > best) {
                settled = true;
                continue;
            }
            double d = distance_to_boundary(cells_[i].polygons, p);
            if (d < best || (d == best && result.nearest && i < *result.nearest)) {
                best = d;
                result.nearest = i;
            }
        }
        if (settled || k >= cells_.size()) break;
    }
    if (result.nearest) result.nearest_distance_m = best;
    return result;
}

Location GridLocator::where(geo::XY p) const {
    LocateResult r = locate(p);
    Location out;
    out.status = r.status;
    out.claims = r.claims;
    if (r.cell) out.grid_code = cells_[*r.cell].code;
    if (r.nearest) out.nearest_grid_code = cells_[*r.nearest].code;
    out.nearest_distance_m = r.nearest_distance_m;
    return out;
}

}  // namespace respgrid::grids
