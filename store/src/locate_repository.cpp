// What batch locate reads of a generation: outlines and territorial links, streamed.
#include "respgrid/store/project.hpp"
#include "repository_util.hpp"
#include "grid_polygons_reader.hpp"

namespace respgrid::store {

void Project::for_each_grid_outline(long long generation_id, const std::function<void(const GridOutline&)>& fn) {
    detail::ScanCache scan(*db_);
    Statement st(*db_,
                 "SELECT id, code, coalesce(name, ''), village_code, township_code, geom FROM grids "
                 "WHERE generation_id = ? ORDER BY code");
    st.bind(generation_id);
    detail::GridPolygonsReader shapes(*db_);
    while (st.step()) {
        const auto& polygons = shapes.read(st, 0, 5);
        fn(GridOutline{st.text_view(1), st.text_view(2), st.text_view(3), st.text_view(4), polygons});
    }
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
