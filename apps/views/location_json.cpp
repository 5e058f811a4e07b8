#include "views/location_json.hpp"

#include "views/answer_json.hpp"

namespace respgrid::views {

nlohmann::json location_json(const ops::PointLocation& r, double x, double y, const std::string& crs_text) {
    nlohmann::json j;
    j["input"] = {{"x", x}, {"y", y}, {"crs", crs_text}};
    j["working"] = {{"epsg", r.working_epsg}, {"x", r.working.x}, {"y", r.working.y}};
    j["status"] = r.status();
    const auto& generation = r.responsibility->generation();
    j["generation"] = generation ? nlohmann::json(generation->id) : nlohmann::json(nullptr);
    if (r.grid) {
        j["grid"] = {{"code", r.grid->code},
                     {"name", r.grid->name},
                     {"village_code", r.grid->village_code},
                     {"village_name", r.grid->village_name},
                     {"township_code", r.grid->township_code},
                     {"township_name", r.grid->township_name}};
        j["claims"] = r.detail.claims;
    }
    if (!r.assigned_nearest && r.grid) {
        j["border_distance_m"] = r.detail.border_distance_m;
        j["noise_gap_m"] = r.detail.noise_gap_m;
        j["runner_up_grid"] = r.runner_up_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.runner_up_code);
    }
    if (!r.nearest_code.empty()) {
        j["nearest_grid"] = r.nearest_code;
        j["distance_m"] = r.detail.nearest_distance_m;
    }
    if (r.owners) {
        const auto& res = *r.owners;
        j["at"] = res.at.to_text(r.responsibility->zone());  // the time the owners were resolved at
        j["rule"] = res.rule ? nlohmann::json(res.rule->category) : nlohmann::json(nullptr);
        add_category_json(j, res, r.responsibility->resolver().catalogue());
        j["deadline_hours"] = res.deadline_hours ? nlohmann::json(*res.deadline_hours) : nlohmann::json(nullptr);
        j["owners"] = nlohmann::json::array();
        for (const auto& a : res.answers) j["owners"].push_back(answer_json(a));
        j["notes"] = res.notes;
    }
    return j;
}

}  // namespace respgrid::views
