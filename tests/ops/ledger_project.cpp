#include "ledger_project.hpp"

#include <cstdio>

#include "respgrid/grids/issues.hpp"
#include "respgrid/store/ledger.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::test {

void make_ledger_project(const std::string& path) {
    make_serving_project(path);
    auto project = store::Project::open(path);
    grids::Owner d1;
    d1.id = "D1";
    d1.kind = grids::OwnerKind::Department;
    d1.name = "县城管局";
    d1.contact = "张科长";
    d1.phone = "13900000001";
    project.upsert_owners(std::vector<grids::Owner>{d1});
    std::vector<grids::IssueCategory> categories(3);
    categories[0].code = "C24";
    categories[0].name = "暴露垃圾";
    categories[0].deadline_hours = 24.0;
    categories[1].code = "W4";
    categories[1].name = "占道经营";
    categories[1].department_id = "D1";
    categories[1].deadline_hours = 4.0;
    categories[1].deadline_kind = grids::DeadlineKind::WorkingHours;
    categories[2].code = "SD";
    categories[2].name = "店外经营";
    categories[2].department_id = "D1";
    categories[2].deadline_kind = grids::DeadlineKind::SameDay;
    project.upsert_categories(categories);
    store::Ledger ledger(project);
    auto settings = ledger.settings();
    settings.prefix = "HY";
    project.in_one_transaction([&] { ledger.store_settings(settings); });
}

std::string ledger_csv(const std::vector<ReportRow>& rows) {
    std::string csv = "id,source,reported_at,dispatched_at,lon,lat,crs,category,location,description\n";
    for (const auto& r : rows) {
        char xy[64];
        std::snprintf(xy, sizeof xy, "%.3f,%.3f", r.x, r.y);
        csv += r.id + "," + r.source + "," + r.reported_at + "," + r.dispatched_at + "," + xy + ",EPSG:4547," + r.category +
               ",东村路口,描述 " + r.id + "\n";
    }
    return csv;
}

}  // namespace respgrid::test
