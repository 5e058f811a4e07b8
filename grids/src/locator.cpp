#include "respgrid/grids/locator.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <numbers>
#include <numeric>
#include <span>
#include <tuple>

#include "edge_tree.hpp"
#include "respgrid/geo/half_open.hpp"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<LocateStatus, 3> kLocateStatusNames{
    {{{LocateStatus::Inside, "inside"}, {LocateStatus::InGap, "in_gap"}, {LocateStatus::Outside, "outside"}}}};
}  // namespace

std::string_view to_string(LocateStatus status) { return kLocateStatusNames.name(status); }

Assignment assign_located(const LocateDetail& hit, std::optional<double> assign_nearest_m) {
    if (hit.cell) return {hit.cell, false};
    if (hit.nearest && assign_nearest_m && hit.nearest_distance_m <= *assign_nearest_m) return {hit.nearest, true};
    return {};
}

std::string_view located_status(const LocateDetail& hit, const Assignment& assignment) {
    return assignment.to_nearest ? std::string_view("assigned_nearest") : to_string(hit.status);
}

namespace {

using BPoint = bg::model::d2::point_xy<double>;
using BBox = bg::model::box<BPoint>;
using Entry = std::pair<BBox, std::size_t>;
using Tree = bgi::rtree<Entry, bgi::rstar<16>>;

constexpr std::uint32_t kEmpty = UINT32_MAX;
constexpr std::uint32_t kListFlag = 0x80000000u;  // bucket value = kListFlag | list index

using detail::segment_distance;

geo::Envelope envelope_of(const std::vector<geo::PolygonRings>& polygons) {
    geo::Envelope e;
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            for (const auto& p : ring) e.expand(p);
        }
    }
    return e;
}

// An axis-aligned rectangle: one ring of five points (closed) whose corners are its box's.
std::optional<geo::Envelope> as_rectangle(std::span<const geo::XY> ring) {
    if (ring.size() != 5 || !(ring.front() == ring.back())) return std::nullopt;
    geo::Envelope e;
    for (const auto& p : ring) e.expand(p);
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& p = ring[i];
        bool corner = (p.x == e.min_x || p.x == e.max_x) && (p.y == e.min_y || p.y == e.max_y);
        if (!corner || (ring[i].x != ring[i + 1].x && ring[i].y != ring[i + 1].y)) return std::nullopt;
    }
    if (!(e.min_x < e.max_x && e.min_y < e.max_y)) return std::nullopt;
    return e;
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

// The bucket grid. Bucket boundaries are the exact doubles origin + i * size; a coordinate is
// placed by floor() and then checked against those values, so a point exactly on a boundary goes
// to the bucket on its east/north side, as the half-open rule gives it to the cell there.
struct GridLocator::Index {
    double ox = 0.0, oy = 0.0, size = 1.0;
    long long nx = 0, ny = 0;
    std::vector<std::uint32_t> buckets;     // per bucket: kEmpty, a cell index, or kListFlag | list
    std::vector<std::uint32_t> list_start;  // candidate lists (CSR): list k = [start[k], start[k+1])
    std::vector<std::uint32_t> list_cells;
    std::vector<geo::Envelope> boxes;       // per cell
    double noise_width = 0.0;               // GridLocatorOptions::noise_width_m
    std::unique_ptr<geo::HalfOpenArea> county;
    mutable std::once_flag tree_built;      // the R-tree for nearest grids, built on first need
    mutable Tree tree;
    mutable std::once_flag outline_built;   // the edges that can be nearest, built on first need
    mutable detail::EdgeTree outline;

    [[nodiscard]] double bx(long long i) const { return ox + static_cast<double>(i) * size; }
    [[nodiscard]] double by(long long j) const { return oy + static_cast<double>(j) * size; }
    // The bucket column of x (row of y), unclamped: may be < 0 or >= nx (ny).
    [[nodiscard]] long long column(double x) const { return step_of(x, ox, nx); }
    [[nodiscard]] long long row(double y) const { return step_of(y, oy, ny); }
    [[nodiscard]] long long step_of(double v, double origin, long long n) const {
        double f = std::clamp(std::floor((v - origin) / size), -2.0, static_cast<double>(n) + 1.0);
        auto i = static_cast<long long>(f);
        auto boundary = [&](long long k) { return origin + static_cast<double>(k) * size; };  // as bx()/by()
        if (v < boundary(i)) --i;
        if (v >= boundary(i + 1)) ++i;
        return i;
    }
    // A bucket one rectangle covers whole (closed), with no other cell meeting it.
    [[nodiscard]] bool covered(long long i, long long j) const {
        if (i < 0 || j < 0 || i >= nx || j >= ny) return false;
        const std::uint32_t v = buckets[static_cast<std::size_t>(j * nx + i)];
        return v != kEmpty && !(v & kListFlag);
    }
    // A cell whose box, and a bucket around it, lies in covered buckets: its closure is inside
    // the coverage, so no point in no grid has it as nearest grid (nor ties with it).
    [[nodiscard]] bool enclosed(std::size_t cell) const {
        const auto& b = boxes[cell];
        if (b.min_x > b.max_x) return false;
        const long long i0 = column(b.min_x) - 1, i1 = column(b.max_x) + 1;
        const long long j0 = row(b.min_y) - 1, j1 = row(b.max_y) + 1;
        for (long long j = j0; j <= j1; ++j) {
            for (long long i = i0; i <= i1; ++i) {
                if (!covered(i, j)) return false;
            }
        }
        return true;
    }
    [[nodiscard]] const Tree& nearest_tree() const {
        std::call_once(tree_built, [this] {
            std::vector<Entry> entries;
            entries.reserve(boxes.size());
            for (std::size_t i = 0; i < boxes.size(); ++i) {
                const auto& e = boxes[i];
                if (e.min_x <= e.max_x) entries.emplace_back(BBox(BPoint(e.min_x, e.min_y), BPoint(e.max_x, e.max_y)), i);
            }
            tree = Tree(entries.begin(), entries.end());  // bulk load (packing)
        });
        return tree;
    }
};

namespace {

// Bucket size and origin: the squares' own when square cells of one width are the majority.
// `extent` is the cells' boxes together.
void choose_buckets(const std::vector<std::optional<geo::Envelope>>& rectangles, const geo::Envelope& extent,
                    std::size_t cell_count, const GridLocatorOptions& options, double& size, geo::XY& origin) {
    std::map<double, std::size_t> widths;
    std::optional<geo::XY> corner;
    std::size_t squares = 0;
    for (const auto& r : rectangles) {
        if (r && r->max_x - r->min_x == r->max_y - r->min_y) {
            ++widths[r->max_x - r->min_x];
            ++squares;
            if (!corner) corner = geo::XY{r->min_x, r->min_y};
        }
    }
    double area = (extent.max_x - extent.min_x) * (extent.max_y - extent.min_y);
    size = std::sqrt(std::max(area, 1.0) / static_cast<double>(std::max<std::size_t>(cell_count, 1)));
    origin = {extent.min_x, extent.min_y};
    if (squares * 2 >= cell_count && !widths.empty()) {
        auto common = std::max_element(widths.begin(), widths.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
        size = common->first;
        origin = *corner;
    }
    if (options.bucket_size && *options.bucket_size > 0) size = *options.bucket_size;
    if (options.origin) origin = *options.origin;
    // Bound the bucket count (a stray cell far away must not allocate a huge array): at most
    // 4 buckets per cell, and the origin moved next to the extent by whole buckets.
    if (!(size > 0) || !std::isfinite(size)) size = 1.0;
    auto count = [&] {
        double nx = std::ceil((extent.max_x - extent.min_x) / size) + 2, ny = std::ceil((extent.max_y - extent.min_y) / size) + 2;
        return nx * ny;
    };
    while (count() > 4.0 * static_cast<double>(cell_count) + 1024.0) size *= 2.0;
    if (extent.min_x <= extent.max_x) {
        origin.x += std::floor((extent.min_x - origin.x) / size) * size;
        origin.y += std::floor((extent.min_y - origin.y) / size) * size;
    }
}

}  // namespace

void GridLocator::Builder::reserve(std::size_t cells, std::size_t points) {
    codes_.reserve(cells);
    cell_end_.reserve(cells);
    poly_end_.reserve(cells);
    ring_end_.reserve(cells);
    points_.reserve(points);
}

void GridLocator::Builder::add(std::string_view code, std::span<const geo::PolygonRings> polygons) {
    codes_.emplace_back(code);
    for (const auto& rings : polygons) {
        for (const auto& ring : rings) {
            points_.insert(points_.end(), ring.begin(), ring.end());
            ring_end_.push_back(static_cast<std::uint32_t>(points_.size()));
        }
        poly_end_.push_back(static_cast<std::uint32_t>(ring_end_.size()));
    }
    cell_end_.push_back(static_cast<std::uint32_t>(poly_end_.size()));
}

GridLocator GridLocator::Builder::build(std::vector<geo::PolygonRings> county, GridLocatorOptions options) && {
    return GridLocator(std::move(*this), std::move(county), options);
}

namespace {

GridLocator::Builder builder_of(const std::vector<LocatorCell>& cells) {
    GridLocator::Builder b;
    for (const auto& c : cells) b.add(c.code, c.polygons);
    return b;
}

}  // namespace

GridLocator::GridLocator(const std::vector<LocatorCell>& cells, std::vector<geo::PolygonRings> county,
                         GridLocatorOptions options)
    : GridLocator(builder_of(cells), std::move(county), options) {}

GridLocator::GridLocator(Builder&& in, std::vector<geo::PolygonRings> county, GridLocatorOptions options)
    : county_(std::move(county)), index_(std::make_unique<Index>()) {
    // Cells in code order (the store gives them so; anything else is sorted here, stably).
    const std::size_t n = in.codes_.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!std::is_sorted(in.codes_.begin(), in.codes_.end())) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return in.codes_[a] < in.codes_[b]; });
    }
    if (std::is_sorted(order.begin(), order.end())) {
        codes_ = std::move(in.codes_);
        points_ = std::move(in.points_);
        ring_end_ = std::move(in.ring_end_);
        poly_end_ = std::move(in.poly_end_);
        cell_end_ = std::move(in.cell_end_);
    } else {
        codes_.reserve(n);
        points_.reserve(in.points_.size());
        for (std::size_t c : order) {
            codes_.push_back(std::move(in.codes_[c]));
            for (std::uint32_t g = c == 0 ? 0 : in.cell_end_[c - 1]; g < in.cell_end_[c]; ++g) {
                for (std::uint32_t r = g == 0 ? 0 : in.poly_end_[g - 1]; r < in.poly_end_[g]; ++r) {
                    std::uint32_t p0 = r == 0 ? 0 : in.ring_end_[r - 1];
                    points_.insert(points_.end(), in.points_.begin() + p0, in.points_.begin() + in.ring_end_[r]);
                    ring_end_.push_back(static_cast<std::uint32_t>(points_.size()));
                }
                poly_end_.push_back(static_cast<std::uint32_t>(ring_end_.size()));
            }
            cell_end_.push_back(static_cast<std::uint32_t>(poly_end_.size()));
        }
    }
    Index& ix = *index_;
    ix.noise_width = std::isfinite(options.noise_width_m) ? std::max(0.0, options.noise_width_m) : 0.0;
    ix.county = std::make_unique<geo::HalfOpenArea>(county_);
    ix.boxes.resize(n);
    std::vector<std::optional<geo::Envelope>> rectangles(n);
    for (std::size_t c = 0; c < n; ++c) {
        for_each_edge(c, [&](geo::XY a, geo::XY) { ix.boxes[c].expand(a); });
        const std::uint32_t g0 = c == 0 ? 0 : cell_end_[c - 1];
        const std::uint32_t r0 = g0 == 0 ? 0 : poly_end_[g0 - 1];
        if (cell_end_[c] == g0 + 1 && poly_end_[g0] == r0 + 1) {  // one polygon of one ring
            std::uint32_t p0 = r0 == 0 ? 0 : ring_end_[r0 - 1];
            rectangles[c] = as_rectangle(std::span<const geo::XY>(points_.data() + p0, ring_end_[r0] - p0));
        }
    }
    if (n == 0) return;

    geo::Envelope extent;
    for (const auto& b : ix.boxes) {
        if (b.min_x <= b.max_x) extent.expand(b);
    }
    geo::XY origin;
    choose_buckets(rectangles, extent, n, options, ix.size, origin);
    ix.ox = origin.x;
    ix.oy = origin.y;
    ix.nx = ix.ny = 1;
    if (extent.min_x <= extent.max_x) {
        ix.nx = static_cast<long long>(std::ceil((extent.max_x - ix.ox) / ix.size)) + 1;
        ix.ny = static_cast<long long>(std::ceil((extent.max_y - ix.oy) / ix.size)) + 1;
    }
    const auto buckets = static_cast<std::size_t>(ix.nx * ix.ny);

    // A cell claims only points of [min_x, max_x) x [min_y, max_y) (a point on its bounding box's
    // east or north side is never inside under the half-open rule), so it is listed in the
    // buckets that half-open box meets.
    auto bucket_range = [&ix](const geo::Envelope& b, long long& i0, long long& i1, long long& j0, long long& j1) {
        i0 = std::max(0LL, ix.column(b.min_x));
        j0 = std::max(0LL, ix.row(b.min_y));
        i1 = ix.column(b.max_x);
        j1 = ix.row(b.max_y);
        if (ix.bx(i1) == b.max_x && i1 > i0) --i1;
        if (ix.by(j1) == b.max_y && j1 > j0) --j1;
        i1 = std::min(i1, ix.nx - 1);
        j1 = std::min(j1, ix.ny - 1);
    };
    // Calls fn(bucket, cell) for every bucket each cell meets.
    auto for_each_membership = [&](const auto& fn) {
        for (std::size_t c = 0; c < n; ++c) {
            const auto& b = ix.boxes[c];
            if (b.min_x > b.max_x) continue;
            long long i0, i1, j0, j1;
            bucket_range(b, i0, i1, j0, j1);
            for (long long j = j0; j <= j1; ++j) {
                for (long long i = i0; i <= i1; ++i) fn(static_cast<std::size_t>(j * ix.nx + i), c);
            }
        }
    };
    // Bucket k's members are members[first[k], first[k + 1]), in cell order. One array of
    // bucket size serves as counts, fill cursors and starts (a city has ten million buckets).
    std::vector<std::uint32_t> first(buckets + 1, 0);
    for_each_membership([&](std::size_t k, std::size_t) { ++first[k + 1]; });
    for (std::size_t k = 0; k < buckets; ++k) first[k + 1] += first[k];
    std::vector<std::uint32_t> members(first.back());
    for_each_membership([&](std::size_t k, std::size_t c) { members[first[k]++] = static_cast<std::uint32_t>(c); });
    // Each cursor now stands at its bucket's end, the next bucket's start: shift them back.
    for (std::size_t k = buckets; k > 0; --k) first[k] = first[k - 1];
    first[0] = 0;
    // A bucket met by one cell only, a rectangle covering it, is answered directly: every point of
    // the bucket's half-open square lies in that rectangle's half-open square, and no other cell
    // can claim it.
    ix.buckets.assign(buckets, kEmpty);
    ix.list_start.push_back(0);
    for (long long j = 0; j < ix.ny; ++j) {
        for (long long i = 0; i < ix.nx; ++i) {
            const auto k = static_cast<std::size_t>(j * ix.nx + i);
            const std::uint32_t n = first[k + 1] - first[k];
            if (n == 0) continue;
            if (n == 1) {
                const std::uint32_t c = members[first[k]];
                const auto& r = rectangles[c];
                if (r && r->min_x <= ix.bx(i) && ix.bx(i + 1) <= r->max_x && r->min_y <= ix.by(j) && ix.by(j + 1) <= r->max_y) {
                    ix.buckets[k] = c;
                    continue;
                }
            }
            ix.buckets[k] = kListFlag | static_cast<std::uint32_t>(ix.list_start.size() - 1);
            ix.list_cells.insert(ix.list_cells.end(), members.begin() + first[k], members.begin() + first[k + 1]);
            ix.list_start.push_back(static_cast<std::uint32_t>(ix.list_cells.size()));
        }
    }
}

GridLocator::~GridLocator() = default;
GridLocator::GridLocator(GridLocator&&) noexcept = default;
GridLocator& GridLocator::operator=(GridLocator&&) noexcept = default;

std::size_t GridLocator::index_bytes() const {
    const Index& ix = *index_;
    return ix.buckets.capacity() * 4 + ix.list_start.capacity() * 4 + ix.list_cells.capacity() * 4 +
           ix.boxes.capacity() * sizeof(geo::Envelope);
}

double GridLocator::bucket_size() const { return index_->size; }

template <class Fn>
void GridLocator::for_each_edge(std::size_t cell, Fn&& fn) const {
    const std::uint32_t g0 = cell == 0 ? 0 : cell_end_[cell - 1];
    const std::uint32_t r0 = g0 == 0 ? 0 : poly_end_[g0 - 1];
    const std::uint32_t r1 = poly_end_.empty() || cell_end_[cell] == 0 ? 0 : poly_end_[cell_end_[cell] - 1];
    for (std::uint32_t r = r0; r < r1; ++r) {
        const std::uint32_t p0 = r == 0 ? 0 : ring_end_[r - 1];
        for (std::uint32_t i = p0 + 1; i < ring_end_[r]; ++i) fn(points_[i - 1], points_[i]);
    }
}

bool GridLocator::contains(std::size_t cell, geo::XY p) const {
    bool inside = false;
    for_each_edge(cell, [&](geo::XY a, geo::XY b) {
        if (geo::half_open_crosses(a, b, p)) inside = !inside;
    });
    return inside;
}

double GridLocator::boundary_distance(std::size_t cell, geo::XY p, geo::XY* closest, geo::XY* edge_a,
                                      geo::XY* edge_b) const {
    // The first edge in ring order at the least distance. hypot (exact, slow) only for edges
    // whose squared distance comes near the best so far: one farther by more than rounding
    // cannot win.
    double best = std::numeric_limits<double>::infinity();
    double best2 = best;
    for_each_edge(cell, [&](geo::XY a, geo::XY b) {
        const geo::XY q = detail::closest_on(a, b, p);
        const double d2 = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
        if (d2 > best2 * (1.0 + 1e-9)) return;
        const double d = std::hypot(q.x - p.x, q.y - p.y);
        if (d < best) {
            best2 = d2;
            best = d;
            if (closest) *closest = q;
            if (edge_a) *edge_a = a;
            if (edge_b) *edge_b = b;
        }
    });
    return best;
}

LocatorCell GridLocator::cell(std::size_t i) const {
    LocatorCell out{codes_[i], {}};
    for (std::uint32_t g = i == 0 ? 0 : cell_end_[i - 1]; g < cell_end_[i]; ++g) {
        geo::PolygonRings rings;
        for (std::uint32_t r = g == 0 ? 0 : poly_end_[g - 1]; r < poly_end_[g]; ++r) {
            const std::uint32_t p0 = r == 0 ? 0 : ring_end_[r - 1];
            rings.emplace_back(points_.begin() + p0, points_.begin() + ring_end_[r]);
        }
        out.polygons.push_back(std::move(rings));
    }
    return out;
}

std::size_t GridLocator::cell_bytes() const {
    std::size_t bytes = points_.capacity() * sizeof(geo::XY) + ring_end_.capacity() * 4 + poly_end_.capacity() * 4 + cell_end_.capacity() * 4 +
                        codes_.capacity() * sizeof(std::string);
    for (const auto& c : codes_) {
        if (c.capacity() > 15) bytes += c.capacity() + 1;
    }
    return bytes;
}

LocateResult GridLocator::claim(geo::XY p) const {
    LocateResult result;
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return result;
    const Index& ix = *index_;
    if (!codes_.empty()) {
        const long long i = ix.column(p.x), j = ix.row(p.y);
        if (i >= 0 && j >= 0 && i < ix.nx && j < ix.ny) {
            const std::uint32_t v = ix.buckets[static_cast<std::size_t>(j * ix.nx + i)];
            if (v != kEmpty && !(v & kListFlag)) {
                result.status = LocateStatus::Inside;
                result.cell = v;
                result.claims = 1;
                return result;
            }
            if (v != kEmpty) {
                const std::uint32_t list = v & ~kListFlag;
                for (std::uint32_t m = ix.list_start[list]; m < ix.list_start[list + 1]; ++m) {
                    const std::size_t c = ix.list_cells[m];
                    const auto& b = ix.boxes[c];
                    if (p.x < b.min_x || p.x >= b.max_x || p.y < b.min_y || p.y >= b.max_y) continue;
                    if (contains(c, p)) {
                        ++result.claims;
                        if (!result.cell || c < *result.cell) result.cell = c;
                    }
                }
            }
        }
    }
    if (result.cell) result.status = LocateStatus::Inside;
    return result;
}

namespace {

// Does the grid whose nearest boundary point to p (outside it) is q, on edge a-b, lie on the side
// the border rule favours? As if the sliver between p and the grid were closed onto that edge:
// the edge's east side (north side when horizontal). Decided on the edge by an exact orientation
// test when q lies inside the edge (the grid is then on the side away from p); at a vertex, by
// the direction from p to it: east, or due north.
bool border_rule_favours(geo::XY p, geo::XY q, geo::XY a, geo::XY b) {
    if (!(q == a) && !(q == b)) {
        const int side = geo::orientation(a, b, p);  // the grid lies on the other side
        if (side == 0) return false;                   // p on the edge: the exact rule said no
        if (a.y != b.y) return side == (b.y > a.y ? 1 : -1);
        return -side == (b.x > a.x ? 1 : -1);
    }
    const double dx = q.x - p.x, dy = q.y - p.y;
    return dx > 0.0 || (dx == 0.0 && dy > 0.0);
}

}  // namespace

std::optional<std::size_t> GridLocator::noise_owner(geo::XY p, double& distance) const {
    const Index& ix = *index_;
    const double w = ix.noise_width;
    if (!(w > 0.0) || codes_.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    // Every bucket within w of p (one more on the low side: a cell whose box ends exactly on a
    // bucket line is listed in the bucket below it).
    const long long i0 = std::max(0LL, ix.column(p.x - w) - 1), i1 = std::min(ix.nx - 1, ix.column(p.x + w));
    const long long j0 = std::max(0LL, ix.row(p.y - w) - 1), j1 = std::min(ix.ny - 1, ix.row(p.y + w));
    // Several grids can be favoured where slivers meet (a small hole where four grids nearly
    // share a vertex): the first counter-clockwise from due east wins, as the grid to the
    // north-east does at a shared vertex; then the nearest, then the lowest code.
    std::optional<std::size_t> best;
    double best_angle = 0.0;
    distance = std::numeric_limits<double>::infinity();
    auto consider = [&](std::size_t c) {
        const auto& b = ix.boxes[c];
        if (p.x < b.min_x - w || p.x > b.max_x + w || p.y < b.min_y - w || p.y > b.max_y + w) return;
        geo::XY q{}, a{}, e{};
        const double d = boundary_distance(c, p, &q, &a, &e);
        if (!(d <= w) || !border_rule_favours(p, q, a, e)) return;
        double angle = std::atan2(q.y - p.y, q.x - p.x);
        if (angle < 0.0) angle += 2.0 * std::numbers::pi;
        if (best && std::tie(angle, d, c) >= std::tie(best_angle, distance, *best)) return;
        best = c;
        best_angle = angle;
        distance = d;
    };
    for (long long j = j0; j <= j1; ++j) {
        for (long long i = i0; i <= i1; ++i) {
            const std::uint32_t v = ix.buckets[static_cast<std::size_t>(j * ix.nx + i)];
            if (v == kEmpty) continue;
            if (!(v & kListFlag)) {
                consider(v);
                continue;
            }
            const std::uint32_t list = v & ~kListFlag;
            for (std::uint32_t m = ix.list_start[list]; m < ix.list_start[list + 1]; ++m) consider(ix.list_cells[m]);
        }
    }
    return best;
}

// The nearest grid to a point in no grid, from the outline's edges. Only a cell whose closure
// meets the coverage's boundary can be nearest (the closest point of the coverage lies on that
// boundary), and the boundary lies on edges of cells that are not enclosed (Index::enclosed).
// So: the distance D to the nearest such edge is the nearest grid's distance; the grids at that
// distance hold the closest points found (within a slack for rounding), and are looked up in
// the buckets there. Among them the choice is the plain search's: by exact boundary distance,
// the lowest index on a tie, ignoring boxes farther than the best distance. False (ask the
// plain way) for a point on the outline or where too many edges meet.
bool GridLocator::nearest_on_outline(geo::XY p, LocateResult& result) const {
    const Index& ix = *index_;
    std::call_once(ix.outline_built, [&] {
        // The edges of cells not enclosed, less those inside the coverage: within one covered
        // bucket whose neighbours are covered too, or shared with a cell on their other side.
        std::vector<detail::SidedEdge> edges;
        auto inside_covered = [&ix](geo::XY a, geo::XY b) {
            const long long i = ix.column((a.x + b.x) / 2), j = ix.row((a.y + b.y) / 2);
            for (geo::XY e : {a, b}) {
                if (e.x < ix.bx(i) || e.x > ix.bx(i + 1) || e.y < ix.by(j) || e.y > ix.by(j + 1)) return false;
            }
            for (long long v = j - 1; v <= j + 1; ++v) {
                for (long long u = i - 1; u <= i + 1; ++u) {
                    if (!ix.covered(u, v)) return false;
                }
            }
            return true;
        };
        for (std::size_t c = 0; c < codes_.size(); ++c) {
            if (ix.enclosed(c)) continue;
            const std::uint32_t g0 = c == 0 ? 0 : cell_end_[c - 1];
            for (std::uint32_t g = g0; g < cell_end_[c]; ++g) {
                const std::uint32_t r0 = g == 0 ? 0 : poly_end_[g - 1];
                for (std::uint32_t r = r0; r < poly_end_[g]; ++r) {
                    const std::uint32_t p0 = r == 0 ? 0 : ring_end_[r - 1];
                    // The interior lies left of a counter-clockwise shell and right of a
                    // counter-clockwise hole.
                    // (Shoelace from the ring's first point: small numbers, no cancellation.)
                    double area2 = 0.0;
                    const geo::XY o = points_[p0];
                    for (std::uint32_t k = p0 + 1; k < ring_end_[r]; ++k) {
                        area2 += (points_[k - 1].x - o.x) * (points_[k].y - o.y) - (points_[k].x - o.x) * (points_[k - 1].y - o.y);
                    }
                    const bool left = (area2 > 0.0) == (r == r0);
                    for (std::uint32_t k = p0 + 1; k < ring_end_[r]; ++k) {
                        if (inside_covered(points_[k - 1], points_[k])) continue;
                        edges.push_back({0, k, static_cast<std::uint32_t>(c), left ? 1u : 0u});
                    }
                }
            }
        }
        ix.outline = detail::EdgeTree(detail::unshared_edges(std::move(edges), points_));
    });
    constexpr double kSlack = 1e-6, kRelativeSlack = 1e-9;  // metres; far above rounding
    const auto near = ix.outline.nearest(p, kSlack, kRelativeSlack);
    if (near.overflow || near.count == 0 || !(near.distance > 0.0)) return false;
    const double reach = near.distance + kSlack + kRelativeSlack * near.distance;
    // The cells listed in the buckets around each closest point (one more on the low side: a
    // cell whose box ends on a bucket line is listed in the bucket below it), within reach.
    const BPoint bp(p.x, p.y);
    struct Candidate {
        double box_distance;
        std::uint32_t cell;
    };
    std::array<Candidate, 64> found{};
    std::size_t count = 0;
    auto consider = [&](std::uint32_t c) {
        for (std::size_t k = 0; k < count; ++k) {
            if (found[k].cell == c) return true;
        }
        const auto& b = ix.boxes[c];
        const double d = bg::distance(bp, BBox(BPoint(b.min_x, b.min_y), BPoint(b.max_x, b.max_y)));
        if (d > reach) return true;
        if (count == found.size()) return false;
        found[count++] = {d, c};
        return true;
    };
    for (std::size_t n = 0; n < near.count; ++n) {
        const geo::XY q = near.closest[n];
        const long long i0 = std::max(0LL, ix.column(q.x - kSlack) - 1), i1 = std::min(ix.nx - 1, ix.column(q.x + kSlack));
        const long long j0 = std::max(0LL, ix.row(q.y - kSlack) - 1), j1 = std::min(ix.ny - 1, ix.row(q.y + kSlack));
        for (long long j = j0; j <= j1; ++j) {
            for (long long i = i0; i <= i1; ++i) {
                const std::uint32_t v = ix.buckets[static_cast<std::size_t>(j * ix.nx + i)];
                if (v == kEmpty) continue;
                if (!(v & kListFlag)) {
                    if (!consider(v)) return false;
                    continue;
                }
                const std::uint32_t list = v & ~kListFlag;
                for (std::uint32_t m = ix.list_start[list]; m < ix.list_start[list + 1]; ++m) {
                    if (!consider(ix.list_cells[m])) return false;
                }
            }
        }
    }
    // As the plain search: boxes in order of distance, until one lies beyond the best found.
    std::sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(count),
              [](const Candidate& a, const Candidate& b) { return std::tie(a.box_distance, a.cell) < std::tie(b.box_distance, b.cell); });
    double best = std::numeric_limits<double>::infinity();
    std::optional<std::size_t> nearest;
    for (std::size_t k = 0; k < count; ++k) {
        if (found[k].box_distance > best) break;
        const std::size_t c = found[k].cell;
        const double d = boundary_distance(c, p);
        if (d < best || (d == best && nearest && c < *nearest)) {
            best = d;
            nearest = c;
        }
    }
    if (!nearest) return false;
    result.nearest = nearest;
    result.nearest_distance_m = best;
    return true;
}

LocateResult GridLocator::locate(geo::XY p) const {
    LocateResult result = claim(p);
    if (result.cell || !std::isfinite(p.x) || !std::isfinite(p.y)) return result;
    double gap = 0.0;
    if (auto owner = noise_owner(p, gap)) {
        result.status = LocateStatus::Inside;
        result.cell = owner;
        result.noise_gap_m = gap;
        return result;
    }
    const Index& ix = *index_;
    result.status = ix.county->contains(p) ? LocateStatus::InGap : LocateStatus::Outside;
    if (codes_.empty() || nearest_on_outline(p, result)) return result;
    // Nearest grid, the plain way (when the outline cannot say): look at the k nearest boxes; the answer is final once a box lies farther
    // than the best exact distance found, otherwise widen k.
    const Tree& tree = ix.nearest_tree();
    BPoint bp(p.x, p.y);
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 16;; k *= 4) {
        bool settled = false;
        std::vector<Entry> near;
        tree.query(bgi::nearest(bp, static_cast<unsigned>(std::min(k, codes_.size()))), std::back_inserter(near));
        for (const auto& [box, c] : near) {
            if (bg::distance(bp, box) > best) {
                settled = true;
                continue;
            }
            double d = boundary_distance(c, p);
            if (d < best || (d == best && result.nearest && c < *result.nearest)) {
                best = d;
                result.nearest = c;
            }
        }
        if (settled || k >= codes_.size()) break;
    }
    if (result.nearest) result.nearest_distance_m = best;
    return result;
}

LocateDetail GridLocator::locate_detailed(geo::XY p, double border_tolerance_m) const {
    LocateDetail out;
    static_cast<LocateResult&>(out) = locate(p);
    if (!out.cell) return out;
    const std::size_t own = *out.cell;
    // The nearest edge of the own cell, and the point on it closest to p.
    geo::XY a{}, b{}, c{};
    const double best = boundary_distance(own, p, &c, &a, &b);
    out.border_distance_m = best;
    if (!(best <= border_tolerance_m)) return out;
    // Step across the edge, perpendicular to it, to the side the own cell does not claim.
    double len = std::hypot(b.x - a.x, b.y - a.y);
    if (!(len > 0)) return out;
    // A micrometre, or more where coordinates are so large that a micrometre is below rounding;
    // then across a noise sliver, whose far side is up to the noise width away.
    const double step = std::max(1e-6, 1e-12 * (std::fabs(c.x) + std::fabs(c.y)));
    for (double reach : {step, index_->noise_width + step}) {
        const geo::XY n{-(b.y - a.y) / len * reach, (b.x - a.x) / len * reach};
        for (geo::XY q : {geo::XY{c.x + n.x, c.y + n.y}, geo::XY{c.x - n.x, c.y - n.y}}) {
            if (contains(own, q)) continue;
            LocateResult across = claim(q);
            if (across.cell && *across.cell != own) {
                out.runner_up = across.cell;
                return out;
            }
        }
        if (!(index_->noise_width > 0.0)) break;
    }
    return out;
}

std::size_t GridLocator::prefetch_bucket(geo::XY p) const {
    const Index& ix = *index_;
    if (codes_.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return kNoBucket;
    const long long i = ix.column(p.x), j = ix.row(p.y);
    if (i < 0 || j < 0 || i >= ix.nx || j >= ix.ny) return kNoBucket;
    const auto k = static_cast<std::size_t>(j * ix.nx + i);
    __builtin_prefetch(&ix.buckets[k]);
    return k;
}

std::size_t GridLocator::prefetch(std::size_t k, int stage) const {
    const Index& ix = *index_;
    if (k >= ix.buckets.size()) return kNoCell;
    std::uint32_t c = ix.buckets[k];
    if (c == kEmpty) return kNoCell;
    if (c & kListFlag) {
        // The list's first cell (often the one found), two stages behind a bucket's own cell.
        const std::uint32_t* start = &ix.list_start[c & ~kListFlag];
        if (stage == 1) {
            __builtin_prefetch(start);
            return kNoCell;
        }
        const std::uint32_t* first = &ix.list_cells[*start];
        if (stage == 2) {
            __builtin_prefetch(first);
            return kNoCell;
        }
        c = *first;
        stage -= 2;
    }
    if (stage == 1) {
        __builtin_prefetch(&cell_end_[c == 0 ? 0 : c - 1]);
        __builtin_prefetch(&codes_[c]);
        return c;
    }
    const std::uint32_t g0 = c == 0 ? 0 : cell_end_[c - 1];
    if (stage == 2) {
        if (g0 > 0) __builtin_prefetch(&poly_end_[g0 - 1]);
        return c;
    }
    const std::uint32_t r0 = g0 == 0 ? 0 : poly_end_[g0 - 1];
    if (stage == 3) {
        if (r0 > 0) __builtin_prefetch(&ring_end_[r0 - 1]);
        return c;
    }
    const std::uint32_t p0 = r0 == 0 ? 0 : ring_end_[r0 - 1];
    __builtin_prefetch(&points_[p0]);
    __builtin_prefetch(reinterpret_cast<const char*>(&points_[p0]) + 64);
    return c;
}

Location GridLocator::where(geo::XY p) const {
    LocateResult r = locate(p);
    Location out;
    out.status = r.status;
    out.claims = r.claims;
    out.noise_gap_m = r.noise_gap_m;
    if (r.cell) out.grid_code = codes_[*r.cell];
    if (r.nearest) out.nearest_grid_code = codes_[*r.nearest];
    out.nearest_distance_m = r.nearest_distance_m;
    return out;
}

}  // namespace respgrid::grids
