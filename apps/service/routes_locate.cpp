// GET /v1/locate, GET /v1/point/{crs}/{x},{y}, POST /v1/locate: the JSON of `respgrid locate --json`.
#include "respgrid/grids/local_time.hpp"
#include "respgrid/ops/locate.hpp"
#include "service/api.hpp"
#include "service/routes.hpp"
#include "views/location_json.hpp"

namespace respgrid::service {

namespace {

constexpr std::size_t kBatchLimit = 10000;

// The CRS as the answer names it: as given, "cgcs2000" when not.
std::string crs_label(const std::string& crs) { return crs.empty() ? "cgcs2000" : crs; }

// One point from memory; with `at`, from the store as `respgrid locate --at` (the grids and
// owners of that time), which the index of today cannot answer.
nlohmann::json locate_json(LiveState& state, const ops::PointQuery& query, const std::optional<std::string>& at) {
    ops::PointLocation r;
    if (at) {
        auto time = grids::parse_time(*at);
        if (!time.value) throw ApiError(400, "at: '" + *at + "' is not a date or time: " + time.error);
        ops::PointLocateOptions options;
        options.project = state.project();
        options.at = *time.value;
        options.x = query.x;
        options.y = query.y;
        if (!query.crs.empty()) options.crs = geo::parse_crs(query.crs);
        options.category = query.category;
        r = ops::locate_point(options);
    } else {
        r = state.require_locator()->locate(query);
    }
    if (r.rejected) {
        const char* field = r.rejected->field == importers::PointField::Y   ? "lat"
                            : r.rejected->field == importers::PointField::X ? "lon"
                                                                            : "crs";
        throw ApiError(400, std::string(field) + ": " + r.rejected->reason);
    }
    return views::location_json(r, query.x, query.y, crs_label(query.crs));
}

void locate_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    ops::PointQuery q;
    q.x = number_param(req, "lon");
    q.y = number_param(req, "lat");
    q.crs = param(req, "crs").value_or("");
    q.category = param(req, "category").value_or("");
    send_json(res, 200, locate_json(state, q, param(req, "at")));
}

// /v1/point/{crs}/{x},{y}: MapIt's form (x first, in the CRS named by the path).
void point_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    ops::PointQuery q;
    q.crs = req.matches[1];
    q.x = number_text(req.matches[2].str(), "x");
    q.y = number_text(req.matches[3].str(), "y");
    q.category = param(req, "category").value_or("");
    send_json(res, 200, locate_json(state, q, param(req, "at")));
}

double member_number(const nlohmann::json& item, const char* name) {
    auto it = item.find(name);
    if (it == item.end() || it->is_null()) throw ApiError(400, std::string(name) + " is required");
    if (it->is_number()) {
        const double v = it->get<double>();
        if (!std::isfinite(v)) throw ApiError(400, std::string(name) + " is not a finite number");
        return v;
    }
    if (it->is_string()) return number_text(it->get<std::string>(), name);
    throw ApiError(400, std::string(name) + " must be a number");
}

// A batch: every point answered in order; a refused point answers with its error in its place.
void locate_post(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto body = json_body(req);
    if (!body.is_array()) throw ApiError(400, "the body must be a JSON array of points ({\"lon\":..., \"lat\":...})");
    if (body.size() > kBatchLimit) {
        throw ApiError(413, "at most " + std::to_string(kBatchLimit) + " points per request (" + std::to_string(body.size()) +
                                " sent); split the batch, or use `respgrid locate --input` for files");
    }
    const auto locator = state.require_locator();  // one index for the whole batch
    nlohmann::json results = nlohmann::json::array();
    for (std::size_t i = 0; i < body.size(); ++i) {
        const auto& item = body[i];
        nlohmann::json answer;
        try {
            if (!item.is_object()) throw ApiError(400, "point " + std::to_string(i) + " is not an object");
            ops::PointQuery q;
            q.x = member_number(item, "lon");
            q.y = member_number(item, "lat");
            q.crs = json_text(item, "crs").value_or("");
            q.category = json_text(item, "category").value_or("");
            auto r = locator->locate(q);
            if (r.rejected) throw ApiError(400, r.rejected->reason);
            answer = views::location_json(r, q.x, q.y, crs_label(q.crs));
        } catch (const ApiError& e) {
            answer = {{"error", {{"status", e.status()}, {"message", e.what()}}}};
        }
        if (item.is_object() && item.contains("id")) answer["id"] = item["id"];
        results.push_back(std::move(answer));
    }
    send_json(res, 200, {{"count", results.size()}, {"results", std::move(results)}});
}

}  // namespace

void add_locate_routes(httplib::Server& server, Context& context) {
    LiveState& state = context.state;
    server.Get("/v1/locate", guarded([&state](const auto& req, auto& res) { locate_get(state, req, res); }));
    server.Get(R"(/v1/point/([^/]+)/([^/,]+),([^/,]+))",
               guarded([&state](const auto& req, auto& res) { point_get(state, req, res); }));
    server.Post("/v1/locate", guarded([&state](const auto& req, auto& res) { locate_post(state, req, res); }));
}

}  // namespace respgrid::service
