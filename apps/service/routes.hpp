#pragma once
// The service's routes, one family per file; each translates HTTP to an ops/ use case and back.

#include <httplib.h>

#include "service/access_token.hpp"
#include "service/live_state.hpp"
#include "service/summary_cache.hpp"
#include "service/tile_cache.hpp"

namespace respgrid::service {

struct Context {
    LiveState& state;
    const AccessToken& token;
    TileCache& tiles;
    SummaryCache& summaries;
};

void add_locate_routes(httplib::Server& server, Context& context);    // /v1/locate, /v1/point
void add_grid_routes(httplib::Server& server, Context& context);      // /v1/grids, /v1/owners
void add_ledger_routes(httplib::Server& server, Context& context);    // /v1/issues, /v1/summary
void add_open311_routes(httplib::Server& server, Context& context);   // /open311/v2
void add_tile_routes(httplib::Server& server, Context& context);      // /v1/tiles
void add_page_routes(httplib::Server& server, Context& context);      // /, /assets, /v1/health

}  // namespace respgrid::service
