#include "respgrid/ops/tiles.hpp"

#include <cmath>
#include <mutex>
#include <utility>
#include <vector>

#include "respgrid/exporters/vector_tile.hpp"
#include "respgrid/geo/crs.hpp"
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

// One administrative unit as the tiles draw it: its outline in EPSG:3857.
struct UnitOutline {
    std::string code;
    std::string name;
    std::string parent_code;
    std::vector<geo::PolygonRings> polygons;
    geo::Envelope envelope;
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

bool meets(const geo::Envelope& a, const geo::Envelope& b) {
    return !a.empty() && !b.empty() && a.min_x <= b.max_x && b.min_x <= a.max_x && a.min_y <= b.max_y &&
           b.min_y <= a.max_y;
}

bool within(const geo::Envelope& inner, const geo::Envelope& outer) {
    return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
           inner.max_y <= outer.max_y;
}

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

// Polygons in tile units (`shape`, with its envelope there) clipped to the tile and its buffer,
// then snapped: what a feature of a polygon layer draws.
mvt::Polygons tile_polygons(const geo::Geometry& shape, const geo::Envelope& envelope, const TileFrame& frame) {
    const auto rings = within(envelope, frame.clip()) ? shape.polygons() : shape.clip_by_rect(frame.clip()).polygons();
    mvt::Polygons out;
    for (const auto& polygon : rings) {
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

std::optional<UnitOutline> unit_outline(const grids::AdminUnit& unit, const geo::CoordinateTransform& to_mercator) {
    if (unit.geometry.is_null() || unit.geometry.is_empty()) return std::nullopt;
    const auto mercator = to_mercator.apply(unit.geometry);
    return UnitOutline{unit.code, unit.name, unit.parent_code, mercator.polygons(), mercator.envelope()};
}

void add_units(mvt::Layer& layer, const std::vector<UnitOutline>& units, const TileFrame& frame, bool with_parent) {
    for (const auto& unit : units) {
        if (!meets(unit.envelope, frame.mercator())) continue;
        std::vector<geo::PolygonRings> rings = unit.polygons;
        for (auto& polygon : rings) {
            for (auto& ring : polygon) {
                for (auto& p : ring) frame.to_tile(p.x, p.y);
            }
        }
        auto polygons = tile_polygons(geo::Geometry::from_polygons(rings), frame.to_tile(unit.envelope), frame);
        if (polygons.empty()) continue;
        auto& f = layer.features.emplace_back();
        f.id = code_id(unit.code);
        f.geometry = std::move(polygons);
        f.properties = {{"code", unit.code}, {"name", unit.name}};
        if (with_parent) f.properties.emplace_back("township_code", unit.parent_code);
    }
}

}  // namespace

// One connection to the project with the transforms a tile needs: used by one call at a time.
struct TileSession {
    explicit TileSession(store::Project opened)
        : project(std::move(opened)),
          to_mercator(project.working_crs(), geo::Crs::from_epsg(kWebMercator)),
          to_working(geo::Crs::from_epsg(kWebMercator), project.working_crs()) {}
    store::Project project;
    geo::CoordinateTransform to_mercator;
    geo::CoordinateTransform to_working;
};

struct TileMaker::Impl {
    std::string path;
    std::optional<long long> generation;
    std::vector<UnitOutline> townships;
    std::vector<UnitOutline> villages;
    geo::Envelope extent;  // of every unit, EPSG:3857

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
        const auto box = working_box(frame, session.to_working);
        if (!box) return;
        for (const auto& grid : session.project.load_grids_in(*generation, *box)) {
            geo::Envelope envelope;
            const auto shape = grid.cell.shape().transformed([&](double& x, double& y) {
                if (!session.to_mercator.transform(x, y)) return false;
                frame.to_tile(x, y);
                envelope.expand(geo::XY{x, y});
                return true;
            });
            if (!meets(envelope, frame.clip())) continue;
            auto polygons = tile_polygons(shape, envelope, frame);
            if (polygons.empty()) continue;
            auto& f = layer.features.emplace_back();
            f.id = code_id(grid.cell.code);
            f.geometry = std::move(polygons);
            f.properties = {{"code", grid.cell.code},
                            {"name", grid.cell.name},
                            {"village_code", grid.cell.village_code},
                            {"township_code", grid.cell.township_code}};
        }
    }

    static void add_issues(mvt::Layer& layer, TileSession& session, const TileFrame& frame, grids::Instant at) {
        const auto& clip = frame.clip();
        for (const auto& c : store::Ledger(session.project).cases()) {
            if (!c.on_books()) continue;
            double x = c.position.x, y = c.position.y;
            if (!session.to_mercator.transform(x, y)) continue;
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

TileMaker::TileMaker(const std::string& project) : impl_(std::make_unique<Impl>()) {
    impl_->path = project;
    auto opened = store::Project::open(project);
    if (!opened.info().working_epsg) {
        throw UsageError("the project has no boundaries yet; import them with `respgrid import boundaries " + project +
                         " FILE --level county`");
    }
    auto session = std::make_unique<TileSession>(std::move(opened));
    if (const auto generation = session->project.current_generation()) impl_->generation = generation->id;
    for (const auto& [level, out] : {std::pair{grids::AdminLevel::Township, &impl_->townships},
                                     std::pair{grids::AdminLevel::Village, &impl_->villages}}) {
        for (const auto& unit : session->project.load_units(level)) {
            if (auto outline = unit_outline(unit, session->to_mercator)) {
                impl_->extent.expand(outline->envelope);
                out->push_back(std::move(*outline));
            }
        }
    }
    for (const auto& unit : session->project.load_units(grids::AdminLevel::County)) {
        if (!unit.geometry.is_null() && !unit.geometry.is_empty()) {
            impl_->extent.expand(session->to_mercator.apply(unit.geometry).envelope());
        }
    }
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
        add_units(layers[0], impl_->townships, frame, false);
        add_units(layers[1], impl_->villages, frame, true);
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
