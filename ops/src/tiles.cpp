#include "respgrid/ops/tiles.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <span>
#include <utility>
#include <vector>

#include "respgrid/exporters/vector_tile.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"
#include "respgrid/grids/case_clock.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

namespace {

namespace mvt = exporters::vector_tile;

constexpr int kWebMercator = 3857;
// Half the width of the Web Mercator world, metres: pi times the WGS 84 semi-major axis.
constexpr double kHalfWorld = 20037508.342789244;
// A ring under one pixel of a 256-pixel tile is left out: (4096 / 256)^2 square units, doubled
// as vector_tile::doubled_area measures.
constexpr std::int64_t kMinDoubledArea = 2 * (TileMaker::kExtent / 256) * (TileMaker::kExtent / 256);

bool meets(const geo::Envelope& a, const geo::Envelope& b) {
    return !a.empty() && !b.empty() && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y &&
           b.min_y <= a.max_y;
}

bool within(const geo::Envelope& inner, const geo::Envelope& outer) {
    return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
           inner.max_y <= outer.max_y;
}

// A township, village or grid as the tiles draw it: its outline in EPSG:3857 and the codes its
// layer shows.
struct Outline {
    std::string code;
    std::string name;
    std::string village_code;   // grids
    std::string township_code;  // villages and grids
    std::vector<geo::PolygonRings> polygons;
    geo::Envelope envelope;
};

// Outlines bucketed by the square (1 km, larger when the extent would need more than a million)
// their centre falls in, for the few that meet a tile: a tile of zoom 12 and its buffer meets
// about 120 buckets, one of zoom 16 one to four.
class OutlineIndex {
public:
    explicit OutlineIndex(std::vector<Outline> outlines) {
        for (const auto& o : outlines) extent_.expand(o.envelope);
        if (outlines.empty()) return;
        constexpr double kMaxBuckets = 1e6;
        bucket_ = std::max(1000.0, std::sqrt((extent_.max_x - extent_.min_x) * (extent_.max_y - extent_.min_y) / kMaxBuckets));
        columns_ = bucket(extent_.max_x, extent_.min_x) + 1;
        const std::size_t rows = bucket(extent_.max_y, extent_.min_y) + 1;
        std::vector<std::size_t> keys(outlines.size());
        starts_.assign(columns_ * rows + 1, 0);
        for (std::size_t i = 0; i < outlines.size(); ++i) {
            const auto& e = outlines[i].envelope;
            const auto c = e.centre();
            keys[i] = bucket(c.y, extent_.min_y) * columns_ + bucket(c.x, extent_.min_x);
            ++starts_[keys[i] + 1];
            reach_x_ = std::max(reach_x_, std::max(c.x - e.min_x, e.max_x - c.x));
            reach_y_ = std::max(reach_y_, std::max(c.y - e.min_y, e.max_y - c.y));
        }
        for (std::size_t b = 1; b < starts_.size(); ++b) starts_[b] += starts_[b - 1];
        std::vector<std::size_t> next(starts_.begin(), starts_.end() - 1);
        std::vector<std::size_t> order(outlines.size());
        for (std::size_t i = 0; i < outlines.size(); ++i) order[next[keys[i]]++] = i;
        outlines_.reserve(outlines.size());
        for (const auto i : order) outlines_.push_back(std::move(outlines[i]));
    }

    // Calls `fn` for every outline whose envelope meets `box`, bucket by bucket.
    template <typename Fn>
    void for_each_meeting(const geo::Envelope& box, Fn&& fn) const {
        if (outlines_.empty() || !meets(box, extent_)) return;
        const std::size_t rows = (starts_.size() - 1) / columns_;
        const std::size_t c0 = clamped(box.min_x - reach_x_, extent_.min_x, columns_);
        const std::size_t c1 = clamped(box.max_x + reach_x_, extent_.min_x, columns_);
        const std::size_t r0 = clamped(box.min_y - reach_y_, extent_.min_y, rows);
        const std::size_t r1 = clamped(box.max_y + reach_y_, extent_.min_y, rows);
        for (std::size_t r = r0; r <= r1; ++r) {
            for (std::size_t i = starts_[r * columns_ + c0]; i < starts_[r * columns_ + c1 + 1]; ++i) {
                if (meets(outlines_[i].envelope, box)) fn(outlines_[i]);
            }
        }
    }
    [[nodiscard]] const geo::Envelope& extent() const { return extent_; }
    [[nodiscard]] std::size_t size() const { return outlines_.size(); }

private:
    [[nodiscard]] std::size_t bucket(double v, double origin) const { return static_cast<std::size_t>((v - origin) / bucket_); }
    [[nodiscard]] std::size_t clamped(double v, double origin, std::size_t count) const {
        if (v <= origin) return 0;
        return std::min(bucket(v, origin), count - 1);
    }

    std::vector<Outline> outlines_;  // by bucket, row by row
    std::vector<std::size_t> starts_;  // outlines of bucket b: [starts_[b], starts_[b + 1])
    double bucket_ = 1000.0;  // metres
    std::size_t columns_ = 1;
    geo::Envelope extent_;
    double reach_x_ = 0, reach_y_ = 0;  // the farthest an envelope reaches from its centre
};

// Where a tile lies in Web Mercator, and the mapping to its integer coordinates.
class TileFrame {
public:
    TileFrame(int z, int x, int y) {
        size_ = 2 * kHalfWorld / std::ldexp(1.0, z);
        min_x_ = -kHalfWorld + x * size_;
        max_y_ = kHalfWorld - y * size_;
        scale_ = TileMaker::kExtent / size_;
        const double buffer = TileMaker::kBuffer / scale_;
        mercator_ = {min_x_ - buffer, max_y_ - size_ - buffer, min_x_ + size_ + buffer, max_y_ + buffer};
        clip_ = {-TileMaker::kBuffer, -TileMaker::kBuffer, TileMaker::kExtent + TileMaker::kBuffer,
                 TileMaker::kExtent + TileMaker::kBuffer};
    }
    // Mercator metres to tile units (x right, y down), not rounded.
    void to_tile(double& x, double& y) const {
        x = (x - min_x_) * scale_;
        y = (max_y_ - y) * scale_;
    }
    // A Mercator envelope in tile units.
    [[nodiscard]] geo::Envelope to_tile(const geo::Envelope& e) const {
        return {(e.min_x - min_x_) * scale_, (max_y_ - e.max_y) * scale_, (e.max_x - min_x_) * scale_,
                (max_y_ - e.min_y) * scale_};
    }
    // The tile and its buffer, in EPSG:3857 and in tile units.
    [[nodiscard]] const geo::Envelope& mercator() const { return mercator_; }
    [[nodiscard]] const geo::Envelope& clip() const { return clip_; }

private:
    double size_ = 0, min_x_ = 0, max_y_ = 0, scale_ = 0;
    geo::Envelope mercator_, clip_;
};

// A ring in tile units rounded to the integer grid, or nothing when under a pixel.
std::optional<mvt::Path> snapped_ring(const geo::Ring& ring) {
    mvt::Path out;
    out.reserve(ring.size());
    for (const auto& p : ring) {
        const mvt::Point q{static_cast<std::int32_t>(std::lround(p.x)), static_cast<std::int32_t>(std::lround(p.y))};
        if (out.empty() || !(out.back() == q)) out.push_back(q);
    }
    if (std::llabs(mvt::doubled_area(out)) < kMinDoubledArea) return std::nullopt;
    return out;
}

// Polygons in tile units (with their envelope there) clipped to the tile and its buffer, then
// snapped: what a feature of a polygon layer draws. GEOS clips only what crosses the buffer's edge.
mvt::Polygons tile_polygons(std::vector<geo::PolygonRings> rings, const geo::Envelope& envelope, const TileFrame& frame) {
    if (!within(envelope, frame.clip())) rings = geo::Geometry::from_polygons(rings).clip_by_rect(frame.clip()).polygons();
    mvt::Polygons out;
    for (const auto& polygon : rings) {
        if (polygon.empty()) continue;
        auto exterior = snapped_ring(polygon.front());
        if (!exterior) continue;
        auto& p = out.emplace_back(mvt::Polygon{std::move(*exterior), {}});
        for (std::size_t i = 1; i < polygon.size(); ++i) {
            if (auto hole = snapped_ring(polygon[i])) p.holes.push_back(std::move(*hole));
        }
    }
    return out;
}

// The code as a feature id when it is all digits (and fits), else none.
std::optional<std::uint64_t> code_id(const std::string& code) {
    if (code.empty() || code.size() > 19) return std::nullopt;
    std::uint64_t id = 0;
    for (const char c : code) {
        if (c < '0' || c > '9') return std::nullopt;
        id = id * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return id;
}

// The polygons' rings with every vertex passed through `to`, and their envelope after it.
template <typename To>
std::pair<std::vector<geo::PolygonRings>, geo::Envelope> moved(std::span<const geo::PolygonRings> polygons, To&& to) {
    std::pair<std::vector<geo::PolygonRings>, geo::Envelope> out{{polygons.begin(), polygons.end()}, {}};
    for (auto& polygon : out.first) {
        for (auto& ring : polygon) {
            for (auto& p : ring) {
                to(p.x, p.y);
                out.second.expand(p);
            }
        }
    }
    return out;
}

// The outline in EPSG:3857 of a shape in the working CRS; CrsError naming the vertex PROJ
// cannot transform.
Outline mercator_outline(std::span<const geo::PolygonRings> working, const geo::CoordinateTransform& to_mercator) {
    auto [polygons, envelope] = moved(working, [&](double& x, double& y) {
        if (!to_mercator.transform(x, y)) {
            throw CrsError(to_mercator.source().name(), to_mercator.target().name(),
                           "tiles: cannot transform (" + std::to_string(x) + ", " + std::to_string(y) + ")");
        }
    });
    return {{}, {}, {}, {}, std::move(polygons), envelope};
}

enum class OutlineLayer { Townships, Villages, Grids };

// The feature of an outline in a tile, if any of it is left there.
void add_outline(mvt::Layer& layer, OutlineLayer kind, const Outline& outline, const TileFrame& frame) {
    auto [rings, envelope] = moved(outline.polygons, [&](double& x, double& y) { frame.to_tile(x, y); });
    auto polygons = tile_polygons(std::move(rings), envelope, frame);
    if (polygons.empty()) return;
    auto& f = layer.features.emplace_back();
    f.id = code_id(outline.code);
    f.geometry = std::move(polygons);
    f.properties = {{"code", outline.code}, {"name", outline.name}};
    if (kind == OutlineLayer::Grids) f.properties.emplace_back("village_code", outline.village_code);
    if (kind != OutlineLayer::Townships) f.properties.emplace_back("township_code", outline.township_code);
}

}  // namespace

// One connection to the project with the transforms a tile needs: used by one call at a time.
struct TileSession {
    explicit TileSession(store::Project opened)
        : project(std::move(opened)),
          to_mercator(project.working_crs(), geo::Crs::from_epsg(kWebMercator)),
          to_working(geo::Crs::from_epsg(kWebMercator), project.working_crs()) {}

    // A case on the books with its point in EPSG:3857.
    struct OpenCase {
        grids::LedgerCase case_;
        geo::XY mercator;
    };
    // The cases on the books, read again only when another connection committed to the project
    // since the last read (SQLite's data_version: this connection never writes). Reading the
    // ledger costs about 18 ms for 1,400 cases, checking the version a few microseconds.
    const std::vector<OpenCase>& open_cases() {
        const auto version = project.connection().query_integer("PRAGMA data_version");
        if (cases_version && version == cases_version) return cases;
        cases.clear();
        for (auto& c : store::Ledger(project).cases()) {
            if (!c.on_books()) continue;
            geo::XY p = c.position;
            if (!to_mercator.transform(p.x, p.y)) continue;
            cases.push_back({std::move(c), p});
        }
        cases_version = version;
        return cases;
    }

    store::Project project;
    geo::CoordinateTransform to_mercator;
    geo::CoordinateTransform to_working;
    std::vector<OpenCase> cases;
    std::optional<long long> cases_version;
};

struct TileMaker::Impl {
    Impl(std::string project, TileMakerOptions o) : path(std::move(project)), options(o) {}

    std::string path;
    TileMakerOptions options;
    std::optional<long long> generation;
    std::optional<OutlineIndex> townships, villages;
    std::optional<OutlineIndex> grids;  // GridSource::Memory only
    geo::Envelope extent;               // of every unit, EPSG:3857

    // Idle sessions; a call takes one (or opens a new one) and gives it back when done.
    mutable std::mutex mutex;
    mutable std::vector<std::unique_ptr<TileSession>> idle;

    class Lease {
    public:
        explicit Lease(const Impl& impl) : impl_(impl) {
            {
                const std::lock_guard lock(impl.mutex);
                if (!impl.idle.empty()) {
                    session_ = std::move(impl.idle.back());
                    impl.idle.pop_back();
                }
            }
            if (!session_) session_ = std::make_unique<TileSession>(store::Project::open(impl.path));
        }
        ~Lease() {
            const std::lock_guard lock(impl_.mutex);
            impl_.idle.push_back(std::move(session_));
        }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        TileSession* operator->() const { return session_.get(); }
        TileSession& operator*() const { return *session_; }

    private:
        const Impl& impl_;
        std::unique_ptr<TileSession> session_;
    };

    void load(TileSession& session) {
        auto& project = session.project;
        if (const auto current = project.current_generation()) generation = current->id;
        std::vector<Outline> units[2];
        for (const auto level : {grids::AdminLevel::County, grids::AdminLevel::Township, grids::AdminLevel::Village}) {
            for (const auto& unit : project.load_units(level)) {
                if (unit.geometry.is_null() || unit.geometry.is_empty()) continue;
                auto outline = mercator_outline(unit.geometry.polygons(), session.to_mercator);
                extent.expand(outline.envelope);
                if (level == grids::AdminLevel::County) continue;
                outline.code = unit.code;
                outline.name = unit.name;
                outline.township_code = unit.parent_code;
                units[level == grids::AdminLevel::Township ? 0 : 1].push_back(std::move(outline));
            }
        }
        townships.emplace(std::move(units[0]));
        villages.emplace(std::move(units[1]));
        if (generation && options.grids == GridSource::Memory) {
            std::vector<Outline> cells;
            cells.reserve(project.grid_count(*generation));
            project.for_each_grid_outline(*generation, [&](const store::GridOutline& g) {
                auto outline = mercator_outline(g.polygons, session.to_mercator);
                outline.code = g.code;
                outline.name = g.name;
                outline.village_code = g.village_code;
                outline.township_code = g.township_code;
                cells.push_back(std::move(outline));
            });
            grids.emplace(std::move(cells));
        }
    }

    // The tile's envelope (and buffer) in the working CRS, through points along its edges; nullopt
    // when part of it lies outside what the working CRS can hold.
    static std::optional<geo::Envelope> working_box(const TileFrame& frame, const geo::CoordinateTransform& to_working) {
        constexpr int kSteps = 8;
        const auto& m = frame.mercator();
        geo::Envelope box;
        for (int i = 0; i <= kSteps; ++i) {
            const double t = static_cast<double>(i) / kSteps;
            const double x = m.min_x + t * (m.max_x - m.min_x), y = m.min_y + t * (m.max_y - m.min_y);
            for (geo::XY p : {geo::XY{x, m.min_y}, geo::XY{x, m.max_y}, geo::XY{m.min_x, y}, geo::XY{m.max_x, y}}) {
                if (!to_working.transform(p.x, p.y)) return std::nullopt;
                box.expand(p);
            }
        }
        return box;
    }

    void add_grids(mvt::Layer& layer, TileSession& session, const TileFrame& frame) const {
        if (grids) {
            grids->for_each_meeting(frame.mercator(),
                                    [&](const Outline& o) { add_outline(layer, OutlineLayer::Grids, o, frame); });
            return;
        }
        const auto box = working_box(frame, session.to_working);
        if (!box) return;
        for (const auto& grid : session.project.load_grids_in(*generation, *box)) {
            auto outline = mercator_outline(grid.cell.shape().polygons(), session.to_mercator);
            if (!meets(outline.envelope, frame.mercator())) continue;
            outline.code = grid.cell.code;
            outline.name = grid.cell.name;
            outline.village_code = grid.cell.village_code;
            outline.township_code = grid.cell.township_code;
            add_outline(layer, OutlineLayer::Grids, outline, frame);
        }
    }

    static void add_issues(mvt::Layer& layer, TileSession& session, const TileFrame& frame, grids::Instant at) {
        const auto& clip = frame.clip();
        for (const auto& [c, mercator] : session.open_cases()) {
            double x = mercator.x, y = mercator.y;
            frame.to_tile(x, y);
            if (x < clip.min_x || x > clip.max_x || y < clip.min_y || y > clip.max_y) continue;
            auto& f = layer.features.emplace_back();
            f.id = static_cast<std::uint64_t>(c.id);
            f.geometry = mvt::Points{{static_cast<std::int32_t>(std::lround(x)), static_cast<std::int32_t>(std::lround(y))}};
            f.properties = {{"number", c.number},
                            {"status", std::string(grids::to_string(c.status))},
                            {"category", c.category_code},
                            {"category_name", c.category_name},
                            {"overdue", std::int64_t{grids::case_clock(c, at).overdue ? 1 : 0}},
                            {"township_code", c.township_code},
                            {"grid_code", c.grid_code}};
        }
    }
};

TileMaker::TileMaker(const std::string& project, TileMakerOptions options)
    : impl_(std::make_unique<Impl>(project, options)) {
    auto opened = store::Project::open(project);
    if (!opened.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " + project +
                         " FILE --level county`");
    }
    auto session = std::make_unique<TileSession>(std::move(opened));
    impl_->load(*session);
    impl_->idle.push_back(std::move(session));
}

TileMaker::~TileMaker() = default;

std::string TileMaker::tile(int z, int x, int y) const { return tile(z, x, y, grids::Instant::now()); }

std::string TileMaker::tile(int z, int x, int y, grids::Instant at) const {
    const std::string where = "tile " + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y);
    if (z < 0 || z > kMaxZoom) {
        throw UsageError(where + ": zoom " + std::to_string(z) + " is out of range (0.." + std::to_string(kMaxZoom) + ")");
    }
    const long long last = (1LL << z) - 1;
    if (x < 0 || x > last || y < 0 || y > last) {
        throw UsageError(where + ": x and y must be in 0.." + std::to_string(last) + " at zoom " + std::to_string(z));
    }
    const TileFrame frame(z, x, y);
    std::vector<mvt::Layer> layers(4);
    layers[0].name = "townships";
    layers[1].name = "villages";
    layers[2].name = "grids";
    layers[3].name = "issues";
    const Impl::Lease session(*impl_);
    if (meets(impl_->extent, frame.mercator())) {
        impl_->townships->for_each_meeting(
            frame.mercator(), [&](const Outline& o) { add_outline(layers[0], OutlineLayer::Townships, o, frame); });
        impl_->villages->for_each_meeting(
            frame.mercator(), [&](const Outline& o) { add_outline(layers[1], OutlineLayer::Villages, o, frame); });
        if (z >= kGridsMinZoom && impl_->generation) impl_->add_grids(layers[2], *session, frame);
    }
    Impl::add_issues(layers[3], *session, frame, at);
    return mvt::encode(layers);
}

std::optional<long long> TileMaker::generation() const { return impl_->generation; }

bool TileMaker::stale() const {
    const Impl::Lease session(*impl_);
    const auto current = session->project.current_generation();
    return (current ? std::optional<long long>(current->id) : std::nullopt) != impl_->generation;
}

}  // namespace respgrid::ops
