// GET /v1/tiles/{z}/{x}/{y}.pbf: vector tiles of the grids, units and open cases (ops::TileMaker),
// kept in the TileCache until the grids or the ledger change.
#include <charconv>

#include "respgrid/ops/tiles.hpp"
#include "service/api.hpp"
#include "service/routes.hpp"

namespace respgrid::service {

namespace {

// The tile maker of the current grids: made again when the index was reloaded (a new
// generation, new boundaries), which the locating revision tells.
class Tiles {
public:
    Tiles(LiveState& state, TileCache& cache) : state_(state), cache_(cache) {}

    void get(const httplib::Request& req, httplib::Response& res) {
        const int z = coordinate(req.matches[1].str(), "z");
        const int x = coordinate(req.matches[2].str(), "x");
        const int y = coordinate(req.matches[3].str(), "y");
        if (z > ops::TileMaker::kMaxZoom) throw ApiError(400, "z: at most " + std::to_string(ops::TileMaker::kMaxZoom));
        const long long side = 1LL << z;
        if (x >= side || y >= side) throw ApiError(400, "x and y run from 0 to " + std::to_string(side - 1) + " at zoom " + std::to_string(z));
        const auto locator = state_.require_locator();
        const auto maker = maker_for(locator->locating_revision());
        // The grids, the ledger, and the minute: a case turns overdue at its deadline with no
        // change to the ledger, and its marker must turn red within a minute.
        const TileTag tag{locator->locating_revision(), state_.ledger_revision(),
                          grids::Instant::now().unix_seconds() / 60};
        const auto tile = cache_.get(z, x, y, tag, [&] { return maker->tile(z, x, y); });
        res.set_header("Cache-Control", "no-cache");  // the ledger moves: ask again, cheap here
        if (tile->bytes.empty()) {
            res.status = 204;
            return;
        }
        res.status = 200;
        if (req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
            res.set_header("Content-Encoding", "gzip");
            res.set_content(tile->gzipped, "application/vnd.mapbox-vector-tile");
        } else {
            res.set_content(tile->bytes, "application/vnd.mapbox-vector-tile");
        }
    }

private:
    LiveState& state_;
    TileCache& cache_;
    std::mutex mutex_;
    std::shared_ptr<const ops::TileMaker> maker_;
    long long made_for_ = -1;

    static int coordinate(const std::string& text, const char* name) {
        int v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
            throw ApiError(400, std::string(name) + ": '" + text + "' is not a tile coordinate");
        }
        return v;
    }

    std::shared_ptr<const ops::TileMaker> maker_for(long long revision) {
        std::lock_guard lock(mutex_);
        if (!maker_ || made_for_ != revision) {
            maker_ = std::make_shared<const ops::TileMaker>(state_.project());
            made_for_ = revision;
        }
        return maker_;
    }
};

}  // namespace

void add_tile_routes(httplib::Server& server, Context& context) {
    auto tiles = std::make_shared<Tiles>(context.state, context.tiles);
    server.Get(R"(/v1/tiles/(\d+)/(\d+)/(\d+)\.pbf)",
               guarded([tiles](const auto& req, auto& res) { tiles->get(req, res); }));
}

}  // namespace respgrid::service
