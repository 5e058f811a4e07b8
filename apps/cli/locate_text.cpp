#include "cli/locate_text.hpp"

#include <nlohmann/json.hpp>

#include "cli/answer_text.hpp"
#include "cli/console.hpp"

namespace respgrid::cli {

namespace {

nlohmann::json location_json(const ops::PointLocation& r, const ops::PointLocateOptions& options,
                             const std::string& crs_text) {
    nlohmann::json j;
    j["input"] = {{"x", options.x}, {"y", options.y}, {"crs", crs_text}};
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
        j["at"] = r.responsibility->at_text();
        j["rule"] = res.rule ? nlohmann::json(res.rule->category) : nlohmann::json(nullptr);
        add_category_json(j, res, r.responsibility->resolver().catalogue());
        j["deadline_hours"] = res.deadline_hours ? nlohmann::json(*res.deadline_hours) : nlohmann::json(nullptr);
        j["owners"] = nlohmann::json::array();
        for (const auto& a : res.answers) j["owners"].push_back(answer_json(a));
        j["notes"] = res.notes;
    }
    return j;
}

void print_grid(std::ostream& out, const ops::PointLocation& r) {
    const auto& g = *r.grid;
    out << "grid      " << g.code << "  " << g.name << "\n";
    out << "village   " << g.village_code << "  " << g.village_name << "\n";
    out << "township  " << g.township_code << "  " << g.township_name << "\n";
    if (!r.assigned_nearest) {
        out << "border    " << geo::number_text(r.detail.border_distance_m, 2) << " m";
        if (!r.runner_up_code.empty()) out << "  (runner-up across it: " << r.runner_up_code << ")";
        out << "\n";
    }
    if (r.detail.claims > 1) out << "note      " << r.detail.claims << " overlapping grids claim this point\n";
    if (r.detail.noise_gap_m > 0.0) {
        out << "note      in no grid, " << geo::number_text(1000.0 * r.detail.noise_gap_m, 1)
            << " mm outside this one (under --noise-width: datum noise between neighbours' borders); given to it by "
               "the border rule\n";
    }
}

void print_text(std::ostream& out, const ops::PointLocation& r) {
    out << "status    " << r.status() << "\n";
    if (!r.nearest_code.empty()) {
        out << "nearest   " << r.nearest_code << " at " << geo::number_text(r.detail.nearest_distance_m, 1) << " m\n";
    }
    if (!r.grid) return;
    print_grid(out, r);
    if (!r.owners) return;
    const auto& res = *r.owners;
    print_category(out, res, r.responsibility->resolver().catalogue());
    out << "owners    (at " << r.responsibility->at_text() << ")\n";
    for (const auto& a : res.answers) print_answer(out, a);
    for (const auto& n : res.notes) out << "  note: " << n << "\n";
}

}  // namespace

void print_location(std::ostream& out, const ops::PointLocation& r, const ops::PointLocateOptions& options,
                    const std::string& crs_text, bool json) {
    if (json) {
        out << location_json(r, options, crs_text).dump(2) << "\n";
    } else {
        print_text(out, r);
    }
}

InputError rejected_point_error(const importers::PointProblem& problem) {
    const char* field = problem.field == importers::PointField::Y   ? "--lat"
                        : problem.field == importers::PointField::X ? "--lon"
                                                                    : "--crs";
    return InputError(SourceLocation{{}, {}, {}, field}, "cli: " + problem.reason);
}

}  // namespace respgrid::cli
