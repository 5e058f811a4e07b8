#include "views/owners_json.hpp"

#include "views/answer_json.hpp"

namespace respgrid::views {

nlohmann::json owners_json(const ops::OwnersResult& r) {
    const auto& res = r.resolution;
    const auto& directory = r.view.directory();
    nlohmann::json j = {{"grid", r.grid},
                        {"village_code", r.village_code},
                        {"village_name", directory.unit_name(r.village_code)},
                        {"township_code", r.township_code},
                        {"township_name", directory.unit_name(r.township_code)},
                        {"generation", r.generation.id},
                        {"at", res.at.to_text(r.view.zone())},
                        {"point", {{"x", r.point.x}, {"y", r.point.y}}},
                        {"rules", r.view.resolver().rules().source},
                        {"rule", res.rule ? nlohmann::json(res.rule->category) : nlohmann::json(nullptr)},
                        {"deadline_hours", res.deadline_hours ? nlohmann::json(*res.deadline_hours) : nlohmann::json(nullptr)},
                        {"territory_listed", res.territory_listed},
                        {"owners", nlohmann::json::array()},
                        {"notes", res.notes}};
    add_category_json(j, res, r.view.resolver().catalogue());
    for (const auto& a : res.answers) j["owners"].push_back(answer_json(a));
    return j;
}

}  // namespace respgrid::views
