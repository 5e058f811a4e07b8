#include "views/case_json.hpp"

#include "respgrid/ops/ledger_table.hpp"

namespace respgrid::views {

namespace {

nlohmann::json optional_time_json(const std::optional<grids::Instant>& t, grids::UtcOffset zone) {
    return t ? nlohmann::json(t->to_text(zone)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json case_json(const grids::LedgerCase& c, grids::Instant at, grids::UtcOffset zone) {
    nlohmann::json owners = nlohmann::json::array();
    for (const auto& o : c.owners) {
        owners.push_back({{"role", grids::to_string(o.role)}, {"role_zh", grids::label_zh(o.role)}, {"id", o.owner_id},
                          {"name", o.name}, {"person", o.person}, {"phone", o.phone}, {"unit_code", o.unit_code},
                          {"rule", o.rule}});
    }
    nlohmann::json photos = nlohmann::json::array();
    for (const auto& p : c.photos) photos.push_back({{"stage", grids::to_string(p.stage)}, {"ref", p.ref}});
    const double over = ops::hours_overdue(c, at);
    return {{"number", c.number},
            {"status", grids::to_string(c.status)},
            {"status_zh", grids::label_zh(c.status)},
            {"source", grids::to_string(c.source)},
            {"found_at", c.found_at.to_text(zone)},
            {"logged_at", c.logged_at.to_text(zone)},
            {"location", c.location_text},
            {"point", {{"lon", c.lon}, {"lat", c.lat}, {"crs", c.crs}}},
            {"grid_code", c.grid_code},
            {"village", {{"code", c.village_code}, {"name", c.village_name}}},
            {"township", {{"code", c.township_code}, {"name", c.township_name}}},
            {"category", {{"code", c.category_code}, {"name", c.category_name}, {"text", c.category_text}}},
            {"description", c.description},
            {"responsible", {{"id", c.responsible_id}, {"name", c.responsible_name}}},
            {"owners", owners},
            {"photos", photos},
            {"dispatched_at", optional_time_json(c.dispatched_at, zone)},
            {"deadline", optional_time_json(c.deadline, zone)},
            {"fixed_at", optional_time_json(c.fixed_at, zone)},
            {"checked_at", optional_time_json(c.checked_at, zone)},
            {"closed_at", optional_time_json(c.closed_at, zone)},
            {"overdue", over > 0.0},
            {"hours_overdue", over},
            {"escalation_level", c.escalation_level},
            {"escalated_to", c.escalated_to ? nlohmann::json(grids::to_string(*c.escalated_to)) : nlohmann::json(nullptr)},
            {"reports", c.report_count}};
}

nlohmann::json cases_json(const ops::CaseListing& listing) {
    nlohmann::json cases = nlohmann::json::array();
    for (const auto& c : listing.cases) cases.push_back(case_json(c, listing.at, listing.zone));
    return {{"at", listing.at.to_text(listing.zone)}, {"count", listing.cases.size()}, {"cases", cases}};
}

nlohmann::json case_detail_json(const ops::CaseDetail& d) {
    nlohmann::json j = case_json(d.case_, grids::Instant::now(), d.zone);
    nlohmann::json reports = nlohmann::json::array();
    for (const auto& r : d.reports) {
        reports.push_back({{"id", r.source_id},
                           {"source", grids::to_string(r.source)},
                           {"reported_at", r.reported_at.to_text(d.zone)},
                           {"reporter", r.reporter},
                           {"location", r.location_text},
                           {"description", r.description},
                           {"point", {{"lon", r.lon}, {"lat", r.lat}, {"crs", r.crs}}},
                           {"photos", r.photos},
                           {"file", r.source_file},
                           {"line", r.source_line}});
    }
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : d.events) {
        nlohmann::json photos = nlohmann::json::array();
        for (const auto& p : e.photos) photos.push_back({{"stage", grids::to_string(p.stage)}, {"ref", p.ref}});
        events.push_back({{"at", e.at.to_text(d.zone)},
                          {"kind", grids::to_string(e.kind)},
                          {"from", e.from ? nlohmann::json(grids::to_string(*e.from)) : nlohmann::json(nullptr)},
                          {"to", e.to ? nlohmann::json(grids::to_string(*e.to)) : nlohmann::json(nullptr)},
                          {"by", e.actor},
                          {"note", e.note},
                          {"photos", photos}});
    }
    j["report_list"] = reports;
    j["timeline"] = events;
    return j;
}

}  // namespace respgrid::views
