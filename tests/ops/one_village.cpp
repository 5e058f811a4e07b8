#include "one_village.hpp"

#include "respgrid/ops/import_boundaries.hpp"
#include "respgrid/ops/init.hpp"

namespace respgrid::ops::test_one_village {

std::string make_project(const test::TempDir& dir) {
    const std::string project = dir.file("p.rgproj");
    init_project({project, "411626", "淮阳县", geo::Crs::from_epsg(4547), grids::kChinaTime});
    const std::pair<grids::AdminLevel, std::string> units[] = {{grids::AdminLevel::County, "411626"},
                                                                {grids::AdminLevel::Township, "411626001"},
                                                                {grids::AdminLevel::Village, "411626001001"}};
    for (const auto& [level, code] : units) {
        const std::string file = dir.file(code + ".geojson");
        test::write_text(file, test::square_geojson(code, "单元" + code));
        RecordingListener listener;
        BoundariesImportOptions o;
        o.project = project;
        o.file = file;
        o.level = level;
        o.source_crs = geo::Crs::from_epsg(4547);
        import_boundaries(o, listener);
    }
    return project;
}

std::string write_roster(const test::TempDir& dir, const std::string& worker_from, const std::string& worker_to,
                         bool worker_active) {
    const std::string file = dir.file("roster.csv");
    test::write_text(file, std::string("owner_id,kind,name,unit_code,contact,title,phone,packages,active,valid_from,valid_to\n"
                           "T1,township,街道,411626001,甲,主任,13800000001,,1,,\n"
                           "V1,village,社区,411626001001,乙,书记,13800000002,,1,,\n"
                           "L1,leader,丙,,,县长,13800000003,411626001,1,,\n"
                           "G1,grid_worker,丁,411626001001,,网格员,13800000004,,") + (worker_active ? "1," : "0,") +
                               worker_from + "," + worker_to + "\n");
    return file;
}

}  // namespace respgrid::ops::test_one_village
