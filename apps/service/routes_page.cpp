// GET / and /assets/...: the web map (apps/web, in the binary); GET /v1/health (what a monitor
// and the map's first view need).
#include "respgrid/web/assets.hpp"
#include "service/api.hpp"
#include "service/routes.hpp"

namespace respgrid::service {

namespace {

// A file of the page; revalidated by its ETag (a new build serves new files at once).
void asset_get(const httplib::Request& req, httplib::Response& res) {
    const web::WebAsset* asset = web::find_web_asset(req.path);
    if (!asset) throw ApiError(404, "no such file: " + req.path);
    res.set_header("ETag", std::string(asset->etag));
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == asset->etag) {
        res.status = 304;
        return;
    }
    res.set_content(asset->bytes.data(), asset->bytes.size(), std::string(asset->content_type).c_str());
}

}  // namespace

void add_page_routes(httplib::Server& server, Context& context) {
    server.Get("/", guarded(asset_get));
    server.Get("/index.html", guarded(asset_get));
    server.Get(R"(/assets/[^/]+)", guarded(asset_get));
    LiveState& state = context.state;
    server.Get("/v1/health", guarded([&state](const auto&, auto& res) {
                   const auto locator = state.locator();
                   nlohmann::json j = {{"generation", locator ? nlohmann::json(locator->generation_id()) : nlohmann::json(nullptr)},
                                       {"grids", locator ? locator->grid_count() : 0},
                                       {"ledger_revision", state.ledger_revision()},
                                       {"draining", state.draining()}};
                   if (locator) {
                       const auto& e = locator->county_lonlat();
                       j["bbox"] = {e.min_x, e.min_y, e.max_x, e.max_y};
                       j["name"] = locator->county_name();
                       j["owners_of"] = locator->day().to_string();
                   }
                   send_json(res, 200, j);
               }));
}

}  // namespace respgrid::service
