// The ledger over HTTP: GET /v1/issues (GeoJSON for the map), GET /v1/issues/{number},
// POST /v1/issues/{number}/events (a status change, with the token), GET /v1/summary
// (service/summary_cache.hpp).

#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/ledger_table.hpp"
#include "service/api.hpp"
#include "service/ledger_filters.hpp"
#include "service/routes.hpp"
#include "views/case_json.hpp"
#include "views/geojson.hpp"

namespace respgrid::service {

namespace {

constexpr long long kDefaultIssues = 5000;
constexpr long long kMostIssues = 50000;

void issues_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    ops::CaseFilter filter;
    if (auto s = param(req, "status")) filter.statuses = statuses_param(*s);
    filter.overdue_only = param(req, "overdue").value_or("0") == "1" || param(req, "overdue").value_or("") == "true";
    filter.category = param(req, "category").value_or("");
    filter.township = param(req, "township").value_or("");
    filter.grid = param(req, "grid").value_or("");
    filter.from = time_param(req, "from");
    filter.to = time_param(req, "to");
    const auto limit = integer_param(req, "limit", 1, kMostIssues).value_or(kDefaultIssues);
    const auto listing = ops::list_cases(state.project(), filter);
    const geo::Crs working = state.working_crs();
    nlohmann::json features = nlohmann::json::array();
    for (const auto& c : listing.cases) {
        if (static_cast<long long>(features.size()) == limit) break;
        const double over = ops::hours_overdue(c, listing.at);
        features.push_back({{"type", "Feature"},
                            {"id", c.number},
                            {"properties",
                             {{"number", c.number},
                              {"status", grids::to_string(c.status)},
                              {"status_zh", grids::label_zh(c.status)},
                              {"category", c.category_code},
                              {"category_name", c.category_name.empty() ? c.category_text : c.category_name},
                              {"grid_code", c.grid_code},
                              {"township_code", c.township_code},
                              {"township_name", c.township_name},
                              {"responsible", c.responsible_name},
                              {"deadline", c.deadline ? nlohmann::json(c.deadline->to_text(listing.zone)) : nlohmann::json(nullptr)},
                              {"overdue", over > 0.0},
                              {"description", c.description}}},
                            {"geometry", views::point_json(c.position, working)}});
    }
    send_json(res, 200,
              {{"type", "FeatureCollection"},
               {"at", listing.at.to_text(listing.zone)},
               {"count", listing.cases.size()},
               {"truncated", static_cast<long long>(listing.cases.size()) > limit},
               {"features", std::move(features)}});
}

void issue_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto detail = find_case(state.project(), req.matches[1]);
    send_json(res, 200, views::case_detail_json(detail));
}

std::vector<std::string> photo_list(const nlohmann::json& body) {
    std::vector<std::string> photos;
    auto it = body.find("photos");
    if (it == body.end() || it->is_null()) return photos;
    if (!it->is_array()) throw ApiError(400, "photos must be an array of texts");
    for (const auto& p : *it) {
        if (!p.is_string()) throw ApiError(400, "photos must be an array of texts");
        photos.push_back(p.get<std::string>());
    }
    return photos;
}

void event_post(Context& context, const httplib::Request& req, httplib::Response& res) {
    context.token.require(req);
    const auto body = json_body(req);
    if (!body.is_object()) throw ApiError(400, "the body must be a JSON object with status and actor");
    ops::StatusChange change;
    // A ledger number or a report's id; 404 before anything else is read.
    change.ref.number = find_case(context.state.project(), req.matches[1]).case_.number;
    const auto status = json_text(body, "status");
    if (!status) throw ApiError(400, "status is required (in_progress, fixed, checked, closed, reopened, rejected, or their Chinese names)");
    const auto to = grids::parse_case_status_text(*status);
    if (!to) throw ApiError(400, "status: '" + *status + "' is not a case status");
    change.to = *to;
    const auto actor = json_text(body, "actor");
    if (!actor) throw ApiError(400, "actor is required: who made the change");
    change.actor = *actor;
    change.note = json_text(body, "note").value_or("");
    change.photos = photo_list(body);
    if (auto at = json_text(body, "at")) change.at = time_text(*at, "at");
    const auto changed = ops::change_status(context.state.project(), change);
    context.state.ledger_written();
    const auto zone = context.state.reader().info().time_zone;
    send_json(res, 200, views::case_json(changed, grids::Instant::now(), zone));
}

}  // namespace

void add_ledger_routes(httplib::Server& server, Context& context) {
    LiveState& state = context.state;
    server.Get("/v1/issues", guarded([&state](const auto& req, auto& res) { issues_get(state, req, res); }));
    server.Get(R"(/v1/issues/([^/]+))", guarded([&state](const auto& req, auto& res) { issue_get(state, req, res); }));
    server.Post(R"(/v1/issues/([^/]+)/events)",
                guarded([&context](const auto& req, auto& res) { event_post(context, req, res); }));
    server.Get("/v1/summary", guarded([&context](const auto& req, auto& res) {
                   send_json(res, 200, context.summaries.get(context.state, param(req, "day")));
               }));
}

}  // namespace respgrid::service
