#include "township_package.hpp"

#include <algorithm>

#include "respgrid/geo/geometry.hpp"
#include "respgrid/ops/errors.hpp"

namespace respgrid::ops::detail {

TownshipCodes checked_townships(const std::vector<std::string>& asked, const ProjectView& view) {
    for (const auto& code : asked) require_township(view, code);
    return {asked.begin(), asked.end()};
}

void keep_townships(const TownshipCodes& townships, ProjectView& view,
                    std::vector<exporters::LocatedIssue>& issues, std::vector<grids::LedgerCase>& cases,
                    std::vector<grids::ResponsibilityFeature>& responsibility) {
    const auto kept = [&townships](const std::string& code) { return townships.count(code) > 0; };
    std::erase_if(view.townships, [&](const grids::AdminUnit& u) { return !kept(u.code); });
    std::erase_if(view.villages, [&](const grids::AdminUnit& u) { return !kept(u.parent_code); });
    std::erase_if(issues, [&](const exporters::LocatedIssue& i) {
        const grids::GridCell* cell = i.location.grid_code.empty() ? nullptr : view.cell(i.location.grid_code);
        return !cell || !kept(cell->township_code);
    });
    std::erase_if(cases, [&](const grids::LedgerCase& c) { return !kept(c.township_code); });
    // A responsibility feature (a road's buffer, a school) is kept when it meets a kept township.
    std::vector<geo::PreparedGeometry> areas;
    for (const auto& t : view.townships) areas.emplace_back(t.geometry);
    std::erase_if(responsibility, [&](const grids::ResponsibilityFeature& f) {
        const geo::Geometry shape = geo::Geometry::from_polygons(f.area);
        return std::none_of(areas.begin(), areas.end(), [&](const geo::PreparedGeometry& a) { return a.intersects(shape); });
    });
}

grids::GridRowSource grid_rows_in(grids::GridRowSource all, TownshipCodes townships) {
    return [all = std::move(all), townships = std::move(townships)](const grids::GridRowVisitor& visit) {
        all([&](const grids::GridRowView& row) {
            if (townships.contains(row.township_code)) visit(row);
        });
    };
}

}  // namespace respgrid::ops::detail
