// GET /v1/health (what a monitor and the web map's first view need).
#include "service/api.hpp"
#include "service/routes.hpp"

namespace respgrid::service {

void add_page_routes(httplib::Server& server, Context& context) {
    LiveState& state = context.state;
    server.Get("/v1/health", guarded([&state](const auto&, auto& res) {
                   const auto locator = state.locator();
                   nlohmann::json j = {{"generation", locator ? nlohmann::json(locator->generation_id()) : nlohmann::json(nullptr)},
                                       {"grids", locator ? locator->grid_count() : 0},
                                       {"ledger_revision", state.ledger_revision()},
                                       {"draining", false}};
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
