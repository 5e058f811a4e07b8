// respgrid locate PROJECT --lon X --lat Y [--crs SRC] [--category C] [--at TIME] [--json]
//                        [--border-tolerance M] [--noise-width M] [--assign-nearest M]
// respgrid locate PROJECT --input FILE --output FILE [--crs SRC] [--at TIME] [--assign-nearest M]
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <memory>

#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/locate_batch.hpp"
#include "cli/point_options.hpp"
#include "cli/project_view.hpp"
#include "cli/responsibility_view.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/importers/point_checker.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct LocateOptions {
    std::string project;
    std::optional<double> lon;
    std::optional<double> lat;
    std::string crs;
    std::string category;
    std::string at;
    bool json = false;
    double border_tolerance_m = 5.0;
    double noise_width_m = grids::kNoiseWidthM;
    std::optional<double> assign_nearest_m;
    std::string input;
    std::string output;
    bool overwrite = false;
};

// Everything a located point resolves to, in one place for text and JSON output.
struct Located {
    grids::LocateDetail detail;
    std::string grid_code;       // the grid the point belongs to (or is assigned to), "" if none
    std::string runner_up_code;  // the neighbour across the nearest border, within the tolerance
    std::string nearest_code;
    bool assigned_nearest = false;  // outside every grid, given to the nearest within --assign-nearest
    const grids::GridCell* cell = nullptr;
    std::optional<grids::Resolution> owners;
    std::string at_text;  // the owners' time as the project's zone reads it
};

std::string status_text(const Located& r) {
    return r.assigned_nearest ? "assigned_nearest" : std::string(grids::to_string(r.detail.status));
}

nlohmann::json to_json(const ProjectView& view, const Located& r, const LocateOptions& opt, geo::XY working, int epsg,
                       const grids::CategoryCatalogue& catalogue) {
    nlohmann::json j;
    j["input"] = {{"x", *opt.lon}, {"y", *opt.lat}, {"crs", opt.crs.empty() ? "cgcs2000" : opt.crs}};
    j["working"] = {{"epsg", epsg}, {"x", working.x}, {"y", working.y}};
    j["status"] = status_text(r);
    j["generation"] = view.generation ? nlohmann::json(view.generation->id) : nlohmann::json(nullptr);
    if (r.cell) {
        j["grid"] = {{"code", r.cell->code},
                     {"name", r.cell->name},
                     {"village_code", r.cell->village_code},
                     {"village_name", view.directory->unit_name(r.cell->village_code)},
                     {"township_code", r.cell->township_code},
                     {"township_name", view.directory->unit_name(r.cell->township_code)}};
        j["claims"] = r.detail.claims;
    }
    if (!r.assigned_nearest && r.cell) {
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
        j["at"] = r.at_text;
        j["rule"] = res.rule ? nlohmann::json(res.rule->category) : nlohmann::json(nullptr);
        add_category_json(j, res, catalogue);
        j["deadline_hours"] = res.deadline_hours ? nlohmann::json(*res.deadline_hours) : nlohmann::json(nullptr);
        j["owners"] = nlohmann::json::array();
        for (const auto& a : res.answers) j["owners"].push_back(answer_json(a));
        j["notes"] = res.notes;
    }
    return j;
}

void print_text(std::ostream& out, const ProjectView& view, const Located& r, const grids::CategoryCatalogue& catalogue) {
    out << "status    " << status_text(r) << "\n";
    if (!r.nearest_code.empty()) {
        out << "nearest   " << r.nearest_code << " at " << format_number(r.detail.nearest_distance_m, 1) << " m\n";
    }
    if (!r.cell) return;
    out << "grid      " << r.cell->code << "  " << r.cell->name << "\n";
    out << "village   " << r.cell->village_code << "  " << view.directory->unit_name(r.cell->village_code) << "\n";
    out << "township  " << r.cell->township_code << "  " << view.directory->unit_name(r.cell->township_code) << "\n";
    if (!r.assigned_nearest) {
        out << "border    " << format_number(r.detail.border_distance_m, 2) << " m";
        if (!r.runner_up_code.empty()) out << "  (runner-up across it: " << r.runner_up_code << ")";
        out << "\n";
    }
    if (r.detail.claims > 1) out << "note      " << r.detail.claims << " overlapping grids claim this point\n";
    if (r.detail.noise_gap_m > 0.0) {
        out << "note      in no grid, " << format_number(1000.0 * r.detail.noise_gap_m, 1)
            << " mm outside this one (under --noise-width: datum noise between neighbours' borders); given to it by "
               "the border rule\n";
    }
    if (!r.owners) return;
    const auto& res = *r.owners;
    print_category(out, res, catalogue);
    out << "owners    (at " << r.at_text << ")\n";
    for (const auto& a : res.answers) {
        print_answer(out, a);
    }
    for (const auto& n : res.notes) out << "  note: " << n << "\n";
}

// The shortest text that reads back as `v`, for messages.
std::string number_text(double v) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// The point in the working CRS, checked as batch rows are (importers::PointChecker): out of range,
// swapped, far from the county or not transformable is an input error (exit 4) with the reason a
// batch row would get.
geo::XY checked_point(store::Project& project, const LocateOptions& opt) {
    importers::PointChecker checker(point_options(project, {}, opt.crs, geo::Crs::cgcs2000()));
    importers::PointProblem problem;
    geo::XY working;
    const geo::Crs* crs = checker.crs_of({}, problem);
    if (!crs || !checker.check(*opt.lon, *opt.lat, *crs, number_text(*opt.lon), number_text(*opt.lat), working, problem)) {
        const char* field = problem.field == importers::PointField::Y ? "--lat" : problem.field == importers::PointField::X ? "--lon" : "--crs";
        throw InputError(SourceLocation{{}, {}, {}, field}, "cli: " + problem.reason);
    }
    return working;
}

int locate_one(const LocateOptions& opt, Console& console) {
    auto project = store::Project::open(opt.project);
    const geo::XY working = checked_point(project, opt);
    // The owners, the catalogue and the generation valid at --at (now by default).
    auto responsibility = ResponsibilityView::load(project, opt.at.empty() ? std::nullopt : std::optional(opt.at));
    if (!responsibility.generation()) {
        throw UsageError(project.current_generation() ? "no grid generation is as old as " + responsibility.at_text()
                                                      : "the project has no grids yet; run `respgrid grid` first");
    }
    // Load only the grids around the point, widening the window until the answer cannot change:
    // a grid that holds the point has it in its bounding box; a nearest grid found at distance d
    // within a window of half-width r >= d has no closer rival outside it; a border within the
    // tolerance, and the neighbour across it, lie within the tolerance of the point.
    ProjectView view;
    Located r;
    for (double half = std::max(1.0, 2.0 * opt.border_tolerance_m);; half *= 10.0) {
        geo::Envelope box{working.x - half, working.y - half, working.x + half, working.y + half};
        view = load_view(project, true, box, store::Project::GridShapes::Geometry, responsibility.generation());
        grids::GridLocatorOptions locator_options;
        locator_options.noise_width_m = opt.noise_width_m;
        auto locator = view.make_locator(locator_options);
        r = Located{};
        r.detail = locator.locate_detailed(working, opt.border_tolerance_m);
        if (r.detail.cell) r.grid_code = locator.code(*r.detail.cell);
        if (r.detail.runner_up) r.runner_up_code = locator.code(*r.detail.runner_up);
        if (r.detail.nearest) r.nearest_code = locator.code(*r.detail.nearest);
        bool settled = r.detail.cell ? r.detail.border_distance_m < half
                                     : (r.detail.nearest && r.detail.nearest_distance_m <= half);
        if (settled || half > 1e7) break;
    }
    if (!r.detail.cell && !r.nearest_code.empty() && opt.assign_nearest_m &&
        r.detail.nearest_distance_m <= *opt.assign_nearest_m) {
        r.assigned_nearest = true;
        r.grid_code = r.nearest_code;
    }
    r.cell = r.grid_code.empty() ? nullptr : view.cell(r.grid_code);
    if (r.cell) {
        r.owners = responsibility.resolve(working, r.cell->code, opt.category);
        r.at_text = responsibility.at_text();
    }
    if (opt.json) {
        console.io.out << to_json(view, r, opt, working, project.working_crs().epsg, responsibility.resolver().catalogue())
                              .dump(2)
                       << "\n";
    } else {
        print_text(console.io.out, view, r, responsibility.resolver().catalogue());
    }
    return r.cell ? kOk : kDefectsFound;
}

}  // namespace

void add_locate_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<LocateOptions>();
    auto* cmd = app.add_subcommand("locate", "Find the grid and owners of a point, or of every row of a table");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    auto* lon = cmd->add_option("--lon,-x", opt->lon, "Longitude (or easting)")->check(number_in(-1e9, 1e9));
    auto* lat = cmd->add_option("--lat,-y", opt->lat, "Latitude (or northing)")->check(number_in(-1e9, 1e9));
    cmd->add_option("--crs", opt->crs, std::string("CRS of the point(s), cgcs2000 by default: ") + kCrsForms);
    cmd->add_option("--category", opt->category,
                    "Issue category (its code, name or an alias): who answers for it there, by the rules; the "
                    "territory when none matches (属地兜底)");
    cmd->add_option("--at", opt->at,
                    "Time of the issue: its grids and owners (2026-09-01, 2026-09-01 08:30, 2026/9/1 8:30, "
                    "2026年9月1日 8时30分; without an offset in the project's time zone; default: now)");
    cmd->add_flag("--json", opt->json, "JSON output for a single point");
    cmd->add_option("--border-tolerance", opt->border_tolerance_m,
                    "Name the neighbouring grid when the point is this close to a border (metres)")
        ->capture_default_str()
        ->check(number_in(0.0, 1000.0));
    cmd->add_option("--noise-width", opt->noise_width_m,
                    "A point in no grid but this close to one (metres; datum noise, as audit --noise-width) is "
                    "given to a grid by the border rule; 0: never")
        ->capture_default_str()
        ->check(number_in(0.0, 1.0));
    cmd->add_option("--assign-nearest", opt->assign_nearest_m,
                    "Give a point outside every grid to the nearest grid within this distance (metres; GPS noise "
                    "at the county edge)")
        ->check(number_in(0.0, 10000.0));
    auto* input = cmd->add_option("--input", opt->input, "Batch: CSV/XLSX with lon, lat (and optional crs, category) "
                                                         "columns (a file, or a GDAL source: /vsizip/..., PG:...)")
                      ->check(gdal_source());
    auto* output = cmd->add_option("--output", opt->output,
                                   "Batch: the located table (input columns + grid and owners): CSV, .xlsx for an "
                                   "Excel workbook, or - for CSV on standard output");
    add_overwrite_flag(*cmd, opt->overwrite);
    lon->needs(lat);
    lat->needs(lon);
    input->needs(output);
    output->needs(input);
    input->excludes(lon);
    cmd->callback([opt, &console, &exit_code] {
        if (!opt->input.empty()) {
            LocateBatchOptions b{opt->project, opt->input, opt->output, opt->overwrite, opt->crs};
            b.at = opt->at;
            b.assign_nearest_m = opt->assign_nearest_m;
            b.border_tolerance_m = opt->border_tolerance_m;
            b.noise_width_m = opt->noise_width_m;
            exit_code = locate_batch(b, console);
        } else if (opt->lon && opt->lat) {
            exit_code = locate_one(*opt, console);
        } else {
            throw UsageError("locate needs --lon and --lat, or --input and --output");
        }
    });
}

}  // namespace respgrid::cli
