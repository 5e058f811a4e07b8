// respgrid locate PROJECT --lon X --lat Y [--crs SRC] [--json]
// respgrid locate PROJECT --input FILE --output FILE [--crs SRC]
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <memory>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "cli/locate_batch.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct LocateOptions {
    std::string project;
    std::optional<double> lon;
    std::optional<double> lat;
    std::string crs;
    bool json = false;
    std::string input;
    std::string output;
};

// Everything a located point resolves to, in one place for text, JSON and CSV output.
struct Resolved {
    grids::Location location;
    const grids::GridCell* cell = nullptr;
    grids::ResolvedChain chain;
};

Resolved resolve(const ProjectView& view, const grids::GridLocator& locator, geo::XY p) {
    Resolved r;
    r.location = locator.where(p);
    r.cell = view.cell(r.location.grid_code);
    if (r.cell) r.chain = view.directory->chain(r.cell->code);
    return r;
}

nlohmann::json to_json(const ProjectView& view, const Resolved& r, const LocateOptions& opt, geo::XY working, int epsg) {
    nlohmann::json j;
    j["input"] = {{"x", *opt.lon}, {"y", *opt.lat}, {"crs", opt.crs.empty() ? "cgcs2000" : opt.crs}};
    j["working"] = {{"epsg", epsg}, {"x", working.x}, {"y", working.y}};
    j["status"] = std::string(grids::to_string(r.location.status));
    if (r.cell) {
        j["grid"] = {{"code", r.cell->code},
                     {"name", r.cell->name},
                     {"village_code", r.cell->village_code},
                     {"village_name", view.directory->unit_name(r.cell->village_code)},
                     {"township_code", r.cell->township_code},
                     {"township_name", view.directory->unit_name(r.cell->township_code)}};
        j["owners"] = nlohmann::json::array();
        for (const auto& link : r.chain.links) {
            j["owners"].push_back({{"role", std::string(grids::to_string(link.role))},
                                   {"role_zh", std::string(grids::label_zh(link.role))},
                                   {"owner_id", link.owner->id},
                                   {"name", link.owner->name},
                                   {"contact", link.owner->contact},
                                   {"title", link.owner->title},
                                   {"phone", link.owner->phone},
                                   {"rule", link.rule}});
        }
        j["missing_roles"] = nlohmann::json::array();
        for (auto role : r.chain.missing) j["missing_roles"].push_back(std::string(grids::to_string(role)));
        j["claims"] = r.location.claims;
    } else {
        j["nearest_grid"] = r.location.nearest_grid_code;
        j["distance_m"] = r.location.nearest_distance_m;
    }
    return j;
}

void print_text(std::ostream& out, const ProjectView& view, const Resolved& r) {
    out << "status    " << grids::to_string(r.location.status) << "\n";
    if (!r.cell) {
        out << "nearest   " << r.location.nearest_grid_code << " at " << format_number(r.location.nearest_distance_m, 1)
            << " m\n";
        return;
    }
    out << "grid      " << r.cell->code << "  " << r.cell->name << "\n";
    out << "village   " << r.cell->village_code << "  " << view.directory->unit_name(r.cell->village_code) << "\n";
    out << "township  " << r.cell->township_code << "  " << view.directory->unit_name(r.cell->township_code) << "\n";
    if (r.location.claims > 1) out << "note      " << r.location.claims << " overlapping grids claim this point\n";
    out << "owners\n";
    for (const auto& link : r.chain.links) {
        const auto& o = *link.owner;
        out << "  " << grids::label_zh(link.role) << "  " << o.name;
        if (!o.contact.empty() && o.contact != o.name) out << "  " << o.contact;
        if (!o.title.empty()) out << "  " << o.title;
        if (!o.phone.empty()) out << "  " << o.phone;
        out << "\n";
    }
    for (auto role : r.chain.missing) out << "  " << grids::label_zh(role) << "  (none)\n";
}

int locate_one(const LocateOptions& opt, Console& console) {
    auto project = store::Project::open(opt.project);
    geo::Crs source = opt.crs.empty() ? geo::Crs::cgcs2000() : crs_option(opt.crs, "--crs");
    geo::CoordinateTransform to_working(source, project.working_crs());
    geo::XY working = to_working(geo::XY{*opt.lon, *opt.lat});
    // Load only the grids around the point, widening the window until the answer cannot change:
    // a grid that holds the point has it in its bounding box; a nearest grid found at distance d
    // within a window of half-width r >= d has no closer rival outside it.
    ProjectView view;
    Resolved r;
    for (double half = 1.0;; half *= 10.0) {
        geo::Envelope box{working.x - half, working.y - half, working.x + half, working.y + half};
        view = load_view(project, true, box);
        auto locator = view.make_locator();
        r = resolve(view, locator, working);
        bool settled = r.cell || (!r.location.nearest_grid_code.empty() && r.location.nearest_distance_m <= half);
        if (settled || half > 1e7) break;
    }
    if (opt.json) {
        console.io.out << to_json(view, r, opt, working, project.working_crs().epsg).dump(2) << "\n";
    } else {
        print_text(console.io.out, view, r);
    }
    return r.cell ? kOk : kDefectsFound;
}

}  // namespace

void add_locate_command(CLI::App& app, Console& console, int& exit_code) {
    auto opt = std::make_shared<LocateOptions>();
    auto* cmd = app.add_subcommand("locate", "Find the grid and owners of a point, or of every row of a table");
    cmd->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
    auto* lon = cmd->add_option("--lon,-x", opt->lon, "Longitude (or easting)");
    auto* lat = cmd->add_option("--lat,-y", opt->lat, "Latitude (or northing)");
    cmd->add_option("--crs", opt->crs, "CRS of the point(s): EPSG:n, wgs84, cgcs2000 (default), gcj02, bd09");
    cmd->add_flag("--json", opt->json, "JSON output for a single point");
    auto* input = cmd->add_option("--input", opt->input, "Batch: CSV/XLSX with lon, lat (and optional crs) columns")
                      ->check(CLI::ExistingFile);
    auto* output = cmd->add_option("--output", opt->output, "Batch: CSV to write (input columns + grid and owners)");
    lon->needs(lat);
    lat->needs(lon);
    input->needs(output);
    output->needs(input);
    input->excludes(lon);
    cmd->callback([opt, &console, &exit_code] {
        if (!opt->input.empty()) {
            exit_code = locate_batch({opt->project, opt->input, opt->output, opt->crs}, console);
        } else if (opt->lon && opt->lat) {
            exit_code = locate_one(*opt, console);
        } else {
            throw UsageError("locate needs --lon and --lat, or --input and --output");
        }
    });
}

}  // namespace respgrid::cli
