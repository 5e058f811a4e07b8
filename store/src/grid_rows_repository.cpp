// What the export and the audit read of a generation: every grid streamed through one prepared statement.
// Kept apart from grids_repository.cpp (the write path) on purpose: one file per direction.
#include "respgrid/store/project.hpp"
#include "repository_util.hpp"
#include "grid_polygons_reader.hpp"

namespace respgrid::store {

void Project::for_each_grid_row(long long generation_id, const grids::GridRowVisitor& fn) {
    detail::ScanCache scan(*db_);
    Statement st(*db_,
                 "SELECT id, code, coalesce(name, ''), village_code, township_code, area_m2, kind, "
                 "coalesce(label, ''), coalesce(weight, 0), geom FROM grids WHERE generation_id = ? ORDER BY code");
    st.bind(generation_id);
    detail::GridPolygonsReader shapes(*db_);
    while (st.step()) {
        const auto& polygons = shapes.read(st, 0, 9);
        grids::GridRowView row;
        row.code = st.text_view(1);
        row.name = st.text_view(2);
        row.village_code = st.text_view(3);
        row.township_code = st.text_view(4);
        row.area_m2 = st.real(5);
        row.dedicated = st.text_view(6) == "dedicated";
        row.label = st.text_view(7);
        row.weight = st.real(8);
        row.polygons = polygons;
        fn(row);
    }
}

grids::GridShapes Project::load_grid_shapes(long long generation_id) {
    grids::GridShapes out;
    out.reserve(grid_count(generation_id));
    detail::ScanCache scan(*db_);
    Statement st(*db_,
                 "SELECT code, village_code, township_code, area_m2, AsBinary(geom) FROM grids "
                 "WHERE generation_id = ? ORDER BY code");
    st.bind(generation_id);
    while (st.step()) out.add(st.text_view(0), st.text_view(1), st.text_view(2), st.real(3), st.blob_view(4));
    return out;
}

}  // namespace respgrid::store
