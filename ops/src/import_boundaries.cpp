#include "respgrid/ops/import_boundaries.hpp"

#include <set>

#include "import_steps.hpp"
#include "respgrid/importers/boundaries.hpp"

namespace respgrid::ops {

namespace {

// Units whose parent is not in the project (and not the project's county) are rejected, each with
// the file, layer and feature it came from.
std::vector<grids::AdminUnit> keep_units_with_parents(store::Project& project, importers::BoundaryImport& read,
                                                     const BoundariesImportOptions& opt) {
    const auto level = opt.level;
    std::set<std::string> parents;
    auto parent_level = level == grids::AdminLevel::Village ? grids::AdminLevel::Township : grids::AdminLevel::County;
    if (level == grids::AdminLevel::County || parent_level == grids::AdminLevel::County) {
        parents.insert(project.info().county_code);
    } else {
        for (const auto& t : project.load_units(parent_level)) parents.insert(t.code);
    }
    std::vector<grids::AdminUnit> kept;
    for (std::size_t i = 0; i < read.units.size(); ++i) {
        auto& u = read.units[i];
        SourceLocation where = read.origins[i];
        if (level == grids::AdminLevel::County) {
            if (u.code == project.info().county_code) {
                kept.push_back(std::move(u));
                continue;
            }
            where.field = opt.code_field;
            read.rejects.push_back(
                {std::move(where), "county code " + u.code + " is not the project's county " + project.info().county_code});
        } else if (parents.count(u.parent_code)) {
            kept.push_back(std::move(u));
        } else {
            where.field = opt.parent_field.empty() ? opt.code_field : opt.parent_field;
            read.rejects.push_back({std::move(where),
                                    "parent " + std::string(grids::to_string(parent_level)) + " " + u.parent_code +
                                        " of " + u.code + " " + u.name + " is not in the project" +
                                        (parent_level == grids::AdminLevel::Township ? " (import the townships first)"
                                                                                     : "")});
        }
    }
    return kept;
}

}  // namespace

BoundariesImportResult import_boundaries(const BoundariesImportOptions& opt, ImportListener& listener,
                                         const Progress& progress) {
    auto project = detail::open_to_import(opt.project);
    if (!project.info().working_epsg) {
        int epsg = importers::suggest_working_epsg(opt.file, opt.layer, opt.source_crs);
        project.fix_working_crs(epsg);
        listener.working_crs_fixed(epsg);
    }
    importers::BoundaryImportOptions o;
    o.path = opt.file;
    o.layer = opt.layer;
    o.level = opt.level;
    o.code_field = opt.code_field;
    o.name_field = opt.name_field;
    o.parent_field = opt.parent_field;
    o.source_crs = opt.source_crs;
    o.target_crs = project.working_crs();
    auto read = importers::read_boundaries(o, progress);
    for (const auto& r : read.repairs) listener.warning(r.reason);
    auto units = keep_units_with_parents(project, read, opt);
    detail::settle_rejects(listener, opt.file, read.rejects, units.size(), read.features_read);

    BoundariesImportResult result{{opt.file, read.encoding, units.size(), read.rejects.size(), {}},
                                  read.repairs.size(), read.source_crs, 0.0};
    result.file.stored = project.upsert_units(units, opt.file);
    for (const auto& u : units) result.total_area_m2 += u.geometry.area();
    return result;
}

}  // namespace respgrid::ops
