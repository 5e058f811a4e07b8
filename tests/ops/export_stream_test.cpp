// The export streams the grids from the store (store::Project::for_each_grid_row) instead of
// holding them as GridCells: its grids layer must be the one written from the held cells, row for
// row, owners included, on awkward shapes (a hole, a multipolygon, a dedicated grid in another
// village) and through --crs.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "export_map_fixture.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/serving.hpp"
#include "respgrid/ops/export.hpp"
#include "respgrid/ops/project_view.hpp"

namespace respgrid::ops {
namespace {

using test::fixture_owner;
using test::noon_of;
using test::TempDir;

grids::GridCell cell(const std::string& code, const std::string& village, const std::string& wkt) {
    grids::GridCell c;
    c.code = code;
    c.name = "网格" + code.substr(code.size() - 3);
    c.village_code = village;
    c.township_code = "411626001";
    c.set_shape(geo::Geometry::from_wkt(wkt));
    c.area_m2 = c.shape().area();
    return c;
}

// Two villages side by side; grids with a hole, in two parts, and a dedicated one with a weight;
// owners assigned to the first village only.
void make_project(const std::string& path) {
    auto p = store::Project::create(path, "411626", "淮阳县", 4547);
    auto box = [](double x0, double x1) { return geo::Geometry::rectangle(x0, 3730000, x1, 3731000); };
    std::vector<grids::AdminUnit> units;
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", box(500000, 502000), {}});
    units.push_back({grids::AdminLevel::Township, "411626001", "城关镇", "411626", box(500000, 502000), {}});
    units.push_back({grids::AdminLevel::Village, "411626001001", "东村", "411626001", box(500000, 501000), {}});
    units.push_back({grids::AdminLevel::Village, "411626001002", "西村", "411626001", box(501000, 502000), {}});
    p.upsert_units(units, "fixture");
    std::vector<grids::GridCell> cells{
        cell("411626001001001", "411626001001",
             "POLYGON ((500000 3730000, 500500 3730000, 500500 3731000, 500000 3731000, 500000 3730000), "
             "(500100 3730100, 500100 3730200, 500200 3730200, 500200 3730100, 500100 3730100))"),
        cell("411626001001002", "411626001001",
             "MULTIPOLYGON (((500100 3730100, 500200 3730100, 500200 3730200, 500100 3730200, 500100 3730100)), "
             "((500500 3730000, 501000 3730000, 501000 3731000, 500500 3731000, 500500 3730000)))"),
        cell("411626001002001", "411626001002",
             "POLYGON ((501000 3730000, 502000 3730000, 502000 3731000, 501000 3731000, 501000 3730000))")};
    cells[2].dedicated = true;
    cells[2].label = "县第一中学(学校)";
    cells[2].weight = 1200;
    const auto generation = p.add_generation("square", "{}", cells);
    std::vector<grids::Owner> owners{fixture_owner("T1", grids::OwnerKind::Township, "城关镇", "411626001"),
                                     fixture_owner("V1", grids::OwnerKind::Village, "东村", "411626001001"),
                                     fixture_owner("GW", grids::OwnerKind::GridWorker, "网格员", "411626001001")};
    p.upsert_owners(owners);
    const auto refs = p.load_grid_refs(generation.id);
    p.replace_assignments(generation.id,
                          grids::ServingRoster(p.load_owners()).chains_on(refs, *grids::Date::from_iso("2026-08-15")));
}

// Every row of the grids layer in fid order: the fid, each field as text ("<null>" for null)
// and the geometry as ISO WKB in hex.
std::vector<std::string> grid_rows(const std::string& path) {
    auto ds = geo::open_vector(path);
    OGRLayer& layer = geo::layer_of(*ds, path, "grids");
    std::vector<std::string> rows;
    for (auto& f : layer) {
        std::string row = std::to_string(f->GetFID());
        for (int i = 0; i < f->GetFieldCount(); ++i) {
            row += "|" + std::string(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>");
        }
        const OGRGeometry* g = f->GetGeometryRef();
        std::vector<unsigned char> wkb(g ? static_cast<std::size_t>(g->WkbSize()) : 0);
        if (g) g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        static const char* hex = "0123456789abcdef";
        row += "|";
        for (unsigned char b : wkb) row += {hex[b >> 4], hex[b & 15]};
        rows.push_back(row);
    }
    return rows;
}

void expect_streamed_equals_held(int epsg) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_project(project);
    ExportOptions options;
    options.project = project;
    options.output = dir.file("streamed.gpkg");
    options.at = noon_of("2026-08-20");
    options.crs = geo::Crs::from_epsg(epsg);
    ProjectExport(options).write();

    // The same grids written from the cells held in a view, as before the export streamed them.
    auto p = store::Project::open(project);
    ViewRequest request;
    request.serving_on = options.at.date_in(p.info().time_zone);
    const ProjectView view = load_view(p, request);
    ASSERT_EQ(view.cells.size(), 3u);
    exporters::ProjectLayers layers = view.layers(p.working_crs());
    ASSERT_FALSE(layers.grid_rows);
    exporters::write_project_gpkg(dir.file("held.gpkg"), layers, epsg);

    const auto streamed = grid_rows(dir.file("streamed.gpkg"));
    ASSERT_EQ(streamed.size(), 3u);
    EXPECT_EQ(streamed, grid_rows(dir.file("held.gpkg")));
    // The owners are in the rows: the first village's grids have a grid worker, the other's none.
    std::size_t with_worker = 0;
    for (const auto& row : streamed) with_worker += row.find("网格员") != std::string::npos;
    EXPECT_EQ(with_worker, 2u);
}

TEST(ExportStream, StreamedGridsAreTheOnesWrittenFromHeldCellsOwnersIncluded) { expect_streamed_equals_held(4490); }

TEST(ExportStream, StreamedGridsInTheWorkingCrsAreNotTransformed) { expect_streamed_equals_held(4547); }

}  // namespace
}  // namespace respgrid::ops
