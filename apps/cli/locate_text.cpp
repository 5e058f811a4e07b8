#include "cli/locate_text.hpp"

#include "cli/answer_text.hpp"
#include "cli/console.hpp"
#include "views/location_json.hpp"

namespace respgrid::cli {

namespace {

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
        out << views::location_json(r, options.x, options.y, crs_text).dump(2) << "\n";
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
