// GET /v1/grids/{code}, GET /v1/grids?bbox=, GET /v1/owners/{id}: grids and owners of the index.
#include <sstream>

#include "service/api.hpp"
#include "service/routes.hpp"
#include "views/answer_json.hpp"
#include "views/geojson.hpp"

namespace respgrid::service {

namespace {

constexpr long long kDefaultGridLimit = 1000;
constexpr long long kMostGrids = 5000;

nlohmann::json grid_properties(const grids::GridCell& cell, const std::string& village_name,
                               const std::string& township_name, long long generation) {
    return {{"code", cell.code},
            {"name", cell.name},
            {"village_code", cell.village_code},
            {"village_name", village_name},
            {"township_code", cell.township_code},
            {"township_name", township_name},
            {"area_m2", std::round(cell.area_m2 * 10.0) / 10.0},
            {"dedicated", cell.dedicated},
            {"generation", generation}};
}

void grid_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto locator = state.require_locator();
    auto& reader = state.reader();
    const std::string code = req.matches[1];
    auto grid = locator->grid(reader, code, param(req, "category").value_or(""));
    if (!grid) {
        throw ApiError(404, "grid " + code + " is not in generation " + std::to_string(locator->generation_id()));
    }
    auto properties = grid_properties(grid->cell, grid->village_name, grid->township_name, locator->generation_id());
    const auto& res_ = grid->resolution;
    properties["at"] = res_.at.to_text(locator->view().zone());
    views::add_category_json(properties, res_, locator->view().resolver().catalogue());
    properties["owners"] = nlohmann::json::array();
    for (const auto& a : res_.answers) properties["owners"].push_back(views::answer_json(a));
    properties["notes"] = res_.notes;
    const geo::Crs working = state.working_crs();
    send_json(res, 200,
              {{"type", "Feature"},
               {"id", grid->cell.code},
               {"properties", std::move(properties)},
               {"geometry", views::multipolygon_json(grid->cell.shape().polygons(), working)}});
}

geo::Envelope bbox_param(const httplib::Request& req) {
    const auto text = param(req, "bbox");
    if (!text) throw ApiError(400, "bbox is required: minlon,minlat,maxlon,maxlat");
    std::vector<double> v;
    std::stringstream parts(*text);
    for (std::string part; std::getline(parts, part, ',');) v.push_back(number_text(part, "bbox"));
    if (v.size() != 4) throw ApiError(400, "bbox: four numbers are needed (minlon,minlat,maxlon,maxlat), " + std::to_string(v.size()) + " given");
    if (v[0] > v[2] || v[1] > v[3]) throw ApiError(400, "bbox: the minimum is above the maximum");
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) throw ApiError(400, "bbox: outside longitude/latitude range");
    return {v[0], v[1], v[2], v[3]};
}

void grids_in_box(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto locator = state.require_locator();
    const auto box = bbox_param(req);
    const long long limit = integer_param(req, "limit", 1, kMostGrids).value_or(kDefaultGridLimit);
    auto& reader = state.reader();
    const geo::Crs working = state.working_crs();
    const geo::Envelope in_working = views::from_lonlat(box, working);
    nlohmann::json features = nlohmann::json::array();
    bool truncated = false;
    if (!in_working.empty()) {
        const auto& directory = locator->view().directory();
        for (auto& g : reader.load_grids_in(locator->generation_id(), in_working)) {
            if (static_cast<long long>(features.size()) == limit) {
                truncated = true;
                break;
            }
            const auto& cell = g.cell;
            features.push_back({{"type", "Feature"},
                                {"id", cell.code},
                                {"properties", grid_properties(cell, directory.unit_name(cell.village_code),
                                                               directory.unit_name(cell.township_code),
                                                               locator->generation_id())},
                                {"geometry", views::multipolygon_json(cell.shape().polygons(), working)}});
        }
    }
    send_json(res, 200, {{"type", "FeatureCollection"}, {"features", std::move(features)}, {"truncated", truncated}});
}

void owner_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto locator = state.require_locator();
    const std::string id = req.matches[1];
    const grids::Owner* o = locator->view().directory().owner(id);
    if (!o) throw ApiError(404, "owner " + id + " is not in the roster");
    const auto& directory = locator->view().directory();
    auto day = [](const std::optional<grids::Date>& d) { return d ? nlohmann::json(d->to_string()) : nlohmann::json(nullptr); };
    send_json(res, 200,
              {{"id", o->id},
               {"kind", grids::to_string(o->kind)},
               {"name", o->name},
               {"unit_code", o->unit_code},
               {"unit_name", o->unit_code.empty() ? std::string() : directory.unit_name(o->unit_code)},
               {"contact", o->contact},
               {"title", o->title},
               {"phone", o->phone},
               {"packages", o->packages},
               {"active", o->active},
               {"valid_from", day(o->valid_from)},
               {"valid_to", day(o->valid_to)},
               {"serving_on", locator->day().to_string()},
               {"grids", locator->grids_of(id)}});
}

}  // namespace

void add_grid_routes(httplib::Server& server, Context& context) {
    LiveState& state = context.state;
    server.Get(R"(/v1/grids/([^/]+))", guarded([&state](const auto& req, auto& res) { grid_get(state, req, res); }));
    server.Get("/v1/grids", guarded([&state](const auto& req, auto& res) { grids_in_box(state, req, res); }));
    server.Get(R"(/v1/owners/([^/]+))", guarded([&state](const auto& req, auto& res) { owner_get(state, req, res); }));
}

}  // namespace respgrid::service
