// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2): the category catalogue as
// services, and requests as ledger cases. A posted request goes through ops::ReportDesk, the
// same intake as a file's row: located, dispatched, merged (并案) or recognised as a repeat.
#include <sstream>

#include "respgrid/geo/number_text.hpp"

#include "respgrid/ops/ledger.hpp"
#include "service/api.hpp"
#include "service/ledger_filters.hpp"
#include "service/routes.hpp"
#include "views/geojson.hpp"

namespace respgrid::service {

namespace {

constexpr std::size_t kMostRequests = 1000;
constexpr int kDefaultDays = 90;

nlohmann::json service_json(const grids::IssueCategory& c) {
    std::string keywords;
    for (const auto& a : c.aliases) keywords += (keywords.empty() ? "" : ",") + a;
    return {{"service_code", c.code},
            {"service_name", c.name},
            {"description", c.name + (c.deadline_hours ? "; 处置时限 " + geo::number_text(*c.deadline_hours, 0) + " 小时" : std::string())},
            {"metadata", false},
            {"type", "realtime"},
            {"keywords", keywords},
            {"group", c.group}};
}

// The catalogue; at a point (lat/long) only the categories somebody answers for there.
void services_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto locator = state.require_locator();
    const auto& catalogue = locator->view().resolver().catalogue();
    const auto lat = param(req, "lat");
    const auto lon = param(req, "long");
    if (lat.has_value() != lon.has_value()) throw ApiError(400, "lat and long go together");
    std::optional<ops::PointLocation> at;
    if (lat) {
        ops::PointQuery q{number_text(*lon, "long"), number_text(*lat, "lat"), param(req, "crs").value_or("4326"), ""};
        at = locator->locate(q);
        if (at->rejected) throw ApiError(400, at->rejected->reason);
    }
    nlohmann::json services = nlohmann::json::array();
    for (const auto* c : catalogue.list()) {
        if (at) {
            if (!at->grid) continue;  // nobody answers outside the grids
            const auto r = locator->view().resolve(at->working, at->grid->code, c->code, grids::Instant::now());
            bool answered = false;
            for (const auto& a : r.answers) answered = answered || a.owner != nullptr;
            if (!answered) continue;
        }
        services.push_back(service_json(*c));
    }
    send_json(res, 200, services);
}

// A request's fields, from a form (the standard) or a JSON object (what web apps send).
class Fields {
public:
    explicit Fields(const httplib::Request& req) : req_(req) {
        const auto type = req.get_header_value("Content-Type");
        if (type.find("application/json") != std::string::npos) {
            body_ = json_body(req);
            if (!body_.is_object()) throw ApiError(400, "the body must be a JSON object");
        }
    }
    [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
        if (!body_.is_null()) {
            if (auto v = json_text(body_, name)) return v->empty() ? std::nullopt : v;
        }
        return param(req_, name);
    }

private:
    const httplib::Request& req_;
    nlohmann::json body_;
};

void request_post(Context& context, const httplib::Request& req, httplib::Response& res) {
    const Fields f(req);  // a malformed body is a 400 before the token is looked at
    context.token.require(req, f.get("api_key"));
    ops::ReportIntake in;
    in.channel = "open311";
    const auto code = f.get("service_code");
    if (!code) throw ApiError(400, "service_code is required (GET /open311/v2/services.json lists them)");
    in.category = *code;
    const auto lat = f.get("lat");
    const auto lon = f.get("long");
    if (!lat || !lon) throw ApiError(400, "lat and long are required: respgrid locates a request by its coordinates");
    in.y = number_text(*lat, "lat");
    in.x = number_text(*lon, "long");
    // Open311 coordinates are WGS 84; a Chinese phone app may say gcj02 or bd09 (an extension).
    in.crs = geo::parse_crs(f.get("crs").value_or("4326"));
    in.id = f.get("attribute[report_id]").value_or(f.get("report_id").value_or(""));
    in.source = f.get("source").value_or("public");
    in.reported_at = f.get("requested_datetime").value_or("");
    in.location = f.get("address_string").value_or("");
    in.description = f.get("description").value_or("");
    std::string reporter = f.get("first_name").value_or("");
    if (auto last = f.get("last_name")) reporter = *last + reporter;  // 姓 then 名
    for (const char* contact : {"phone", "email"}) {
        if (auto v = f.get(contact)) reporter += (reporter.empty() ? "" : " ") + *v;
    }
    in.reporter = reporter;
    in.photos = f.get("media_url").value_or("");
    const auto r = context.state.desk().take(in);
    if (r.rejected) throw ApiError(r.in_no_grid ? 422 : 400, r.rejected->reason);
    context.state.ledger_written();
    nlohmann::json answer = {{"service_request_id", r.receipt.case_number},
                             {"service_notice", std::string(ops::label_zh(r.receipt.outcome))},
                             {"account_id", nullptr},
                             {"agency_responsible", r.receipt.responsible},
                             {"outcome", std::string(ops::to_string(r.receipt.outcome))}};
    const auto zone = context.state.reader().info().time_zone;
    if (r.receipt.deadline) answer["expected_datetime"] = r.receipt.deadline->to_text(zone);
    send_json(res, r.receipt.outcome == ops::ReceiptOutcome::Opened ? 201 : 200, nlohmann::json::array({answer}));
}

nlohmann::json time_or_null(const std::optional<grids::Instant>& t, grids::UtcOffset zone) {
    return t ? nlohmann::json(t->to_text(zone)) : nlohmann::json(nullptr);
}

nlohmann::json request_json(const grids::LedgerCase& c, grids::UtcOffset zone, const geo::Crs& working) {
    grids::Instant updated = c.logged_at;
    for (const auto& t : {c.dispatched_at, c.fixed_at, c.checked_at, c.closed_at}) {
        if (t && updated < *t) updated = *t;
    }
    const geo::XY p = views::to_lonlat(c.position, working);
    return {{"service_request_id", c.number},
            {"status", c.on_books() ? "open" : "closed"},
            {"status_notes", std::string(grids::label_zh(c.status))},
            {"service_name", c.category_name.empty() ? c.category_text : c.category_name},
            {"service_code", c.category_code},
            {"description", c.description},
            {"agency_responsible", c.responsible_name},
            {"service_notice", ""},
            {"requested_datetime", c.found_at.to_text(zone)},
            {"updated_datetime", updated.to_text(zone)},
            {"expected_datetime", time_or_null(c.deadline, zone)},
            {"address", c.location_text},
            {"address_id", ""},
            {"zipcode", ""},
            {"lat", p.y},
            {"long", p.x},
            {"media_url", c.photos.empty() ? std::string() : c.photos.front().ref}};
}

void requests_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto zone = state.reader().info().time_zone;
    const geo::Crs working = state.working_crs();
    nlohmann::json out = nlohmann::json::array();
    if (auto ids = param(req, "service_request_id")) {
        std::stringstream parts(*ids);
        std::size_t asked = 0;
        for (std::string id; std::getline(parts, id, ',');) {
            if (id.empty()) continue;
            if (++asked > kMostRequests) throw ApiError(400, "service_request_id: at most 1000 ids");
            try {
                out.push_back(request_json(find_case(state.project(), id).case_, zone, working));
            } catch (const ApiError&) {
                // The standard lists what exists and leaves the rest out.
            }
        }
        send_json(res, 200, out);
        return;
    }
    ops::CaseFilter filter;
    filter.category = param(req, "service_code").value_or("");
    filter.from = time_param(req, "start_date");
    filter.to = time_param(req, "end_date");
    if (!filter.from && !filter.to) {
        const auto since = grids::Instant::from_unix_seconds(grids::Instant::now().unix_seconds() - 86400LL * kDefaultDays);
        filter.from = grids::TimeText{since.date_in(zone)};  // from the start of that day
    }
    if (auto status = param(req, "status")) {
        if (*status == "closed") {
            filter.statuses = {grids::CaseStatus::Closed, grids::CaseStatus::Rejected};
        } else if (*status != "open") {
            throw ApiError(400, "status: open or closed");
        }
    }
    const auto listing = ops::list_cases(state.project(), filter);
    // The most recent first, at most the standard's 1,000.
    for (auto it = listing.cases.rbegin(); it != listing.cases.rend() && out.size() < kMostRequests; ++it) {
        if (param(req, "status").value_or("") == "open" && !it->on_books()) continue;
        out.push_back(request_json(*it, zone, working));
    }
    send_json(res, 200, out);
}

void request_get(LiveState& state, const httplib::Request& req, httplib::Response& res) {
    const auto zone = state.reader().info().time_zone;
    const auto detail = find_case(state.project(), req.matches[1]);
    send_json(res, 200, nlohmann::json::array({request_json(detail.case_, zone, state.working_crs())}));
}

}  // namespace

void add_open311_routes(httplib::Server& server, Context& context) {
    LiveState& state = context.state;
    constexpr auto style = ErrorStyle::Open311;
    server.Get("/open311/v2/services.json",
               guarded([&state](const auto& req, auto& res) { services_get(state, req, res); }, style));
    server.Post("/open311/v2/requests.json",
                guarded([&context](const auto& req, auto& res) { request_post(context, req, res); }, style));
    server.Get("/open311/v2/requests.json",
               guarded([&state](const auto& req, auto& res) { requests_get(state, req, res); }, style));
    server.Get(R"(/open311/v2/requests/([^/]+)\.json)",
               guarded([&state](const auto& req, auto& res) { request_get(state, req, res); }, style));
    auto xml = guarded([](const auto&, auto&) { throw ApiError(406, "only JSON is served: ask for .json"); }, style);
    server.Get(R"(/open311/v2/.*\.xml)", xml);
    server.Post(R"(/open311/v2/.*\.xml)", xml);
}

}  // namespace respgrid::service
