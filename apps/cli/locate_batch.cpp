#include "cli/locate_batch.hpp"

#include <algorithm>
#include <map>

#include "cli/commands.hpp"
#include "cli/project_view.hpp"
#include "respgrid/exporters/csv.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

int locate_batch(const LocateBatchOptions& opt, Console& console) {
    auto project = store::Project::open(opt.project);
    importers::PointTableOptions o;
    o.path = opt.input;
    if (!opt.crs.empty()) o.default_crs = crs_option(opt.crs, "--crs");
    o.target_crs = project.working_crs();
    // The county's extent: swapped and far-away coordinates are caught, not located.
    if (auto county = project.load_units(grids::AdminLevel::County); !county.empty()) {
        o.expected_area = county.front().geometry.envelope();
    }
    auto table = importers::read_point_table(o);
    auto view = load_view(project, true);
    auto locator = view.make_locator();

    // Input columns named like the ones locate adds (a file that was located before) are
    // replaced by the fresh values, not duplicated.
    const std::vector<std::string> added = {"status", "grid_code", "grid_name", "village_code", "village_name",
                                            "township_code", "township_name", "grid_worker", "grid_worker_phone",
                                            "village_owner", "township_owner", "leader", "leader_phone", "nearest_grid",
                                            "distance_m"};
    std::vector<std::size_t> kept;
    std::vector<std::string> header;
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
        if (std::find(added.begin(), added.end(), table.fields[i]) != added.end()) continue;
        kept.push_back(i);
        header.push_back(table.fields[i]);
    }
    header.insert(header.end(), added.begin(), added.end());
    std::vector<std::vector<std::string>> rows;
    rows.reserve(table.rows.size());
    std::map<grids::LocateStatus, std::size_t> by_status;
    auto progress = console.progress("locating");
    for (std::size_t k = 0; k < table.rows.size(); ++k) {
        const auto& row = table.rows[k];
        grids::Location location = locator.where(row.position);
        const grids::GridCell* c = view.cell(location.grid_code);
        grids::ResolvedChain chain;
        if (c) chain = view.directory->chain(c->code);
        ++by_status[location.status];
        std::vector<std::string> out;
        out.reserve(header.size());
        for (auto i : kept) out.push_back(row.values[i]);
        out.push_back(std::string(grids::to_string(location.status)));
        out.push_back(c ? c->code : "");
        out.push_back(c ? c->name : "");
        out.push_back(c ? c->village_code : "");
        out.push_back(c ? view.directory->unit_name(c->village_code) : "");
        out.push_back(c ? c->township_code : "");
        out.push_back(c ? view.directory->unit_name(c->township_code) : "");
        out.push_back(chain.person(grids::Role::GridWorker));
        out.push_back(chain.phone(grids::Role::GridWorker));
        out.push_back(chain.person(grids::Role::Village));
        out.push_back(chain.person(grids::Role::Township));
        out.push_back(chain.person(grids::Role::Leader));
        out.push_back(chain.phone(grids::Role::Leader));
        out.push_back(c ? "" : location.nearest_grid_code);
        out.push_back(c ? "" : format_number(location.nearest_distance_m, 1));
        rows.push_back(std::move(out));
        if (k % 1024 == 0) report(progress, static_cast<double>(k) / static_cast<double>(table.rows.size()), "locating");
    }
    report(progress, 1.0, "located");
    exporters::write_csv(opt.output, header, rows);
    write_rejects_beside(console, opt.output, opt.output, table.rejects);
    console.io.out << "located " << table.rows.size() << " point(s) from " << opt.input << " into " << opt.output << ": "
                   << by_status[grids::LocateStatus::Inside] << " inside a grid, "
                   << by_status[grids::LocateStatus::InGap] << " in a coverage gap, "
                   << by_status[grids::LocateStatus::Outside] << " outside the county, " << table.rejects.size()
                   << " rejected\n";
    return kOk;
}

}  // namespace respgrid::cli
