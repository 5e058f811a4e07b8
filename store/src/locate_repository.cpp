// What batch locate reads of a generation: outlines and territorial links, streamed.
#include "respgrid/store/project.hpp"
#include "repository_util.hpp"

namespace respgrid::store {

void Project::for_each_grid_outline(long long generation_id, const std::function<void(const GridOutline&)>& fn) {
    // The columns locate needs of the one reader of a generation's rows (grid_rows_repository.cpp).
    for_each_grid_row(generation_id, [&](const grids::GridRowView& row) {
        fn(GridOutline{row.code, row.name, row.village_code, row.township_code, row.polygons});
    });
}

void Project::for_each_grid_link(long long generation_id, const std::function<void(const GridLink&)>& fn) {
    Statement st(*db_,
                 "SELECT g.code, r.role, r.owner_id FROM grids g JOIN responsibilities r "
                 "ON r.grid_id = g.id AND r.scope = 'grid' WHERE g.generation_id = ? ORDER BY g.code");
    st.bind(generation_id);
    while (st.step()) {
        if (auto role = grids::parse_role(st.text(1))) fn(GridLink{st.text_view(0), *role, st.text_view(2)});
    }
}

}  // namespace respgrid::store
