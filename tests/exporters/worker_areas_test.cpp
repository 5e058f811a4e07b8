// The grid workers' areas of the GeoPackage export (exporters/src/worker_areas.hpp) on tilings
// that are awkward for a union: a worker's grids around another worker's (a hole), two grids
// apart (two parts), a large grid beside two small ones whose shared corner lies on the large
// one's edge (a T-junction, which GEOS's coverage union refuses and the general union takes), and
// a grid nobody patrols. Each area is compared with the plain union of the same grids read back
// from the grids layer (GEOS through OGR), feature by feature.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include <ogr_api.h>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "exported_layers.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

constexpr double X0 = 574000, Y0 = 3730000, K = 1000;  // 1 km grid steps

double area_of(const OGRGeometry* g) { return OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g))); }

class AwkwardTiling : public ::testing::Test, protected ExportedLayers {
protected:
    void SetUp() override {
        const auto box = [](double x0, double y0, double x1, double y1) {
            return geo::Geometry::rectangle(X0 + x0 * K, Y0 + y0 * K, X0 + x1 * K, Y0 + y1 * K);
        };
        county.push_back({grids::AdminLevel::County, "411626", "测试县", "", box(0, 0, 6, 3)});
        townships.push_back({grids::AdminLevel::Township, "411626001", "城关街道", "411626", box(0, 0, 6, 3)});
        villages.push_back({grids::AdminLevel::Village, "411626001001", "东关社区", "411626001", box(0, 0, 6, 3)});
        std::vector<grids::GridAssignment> assignments;
        int n = 0;
        auto add = [&](double x0, double y0, double x1, double y1, const std::string& worker) {
            grids::GridCell c;
            c.code = "411626001001" + std::string(n < 9 ? "00" : "0") + std::to_string(n + 1);
            ++n;
            c.name = c.code;
            c.village_code = "411626001001";
            c.township_code = "411626001";
            c.set_shape(box(x0, y0, x1, y1));
            c.area_m2 = c.shape().area();
            if (!worker.empty()) assignments.push_back({c.code, {{grids::Role::GridWorker, worker, "test"}}, {}});
            cells.push_back(std::move(c));
        };
        // W1: the eight cells around the centre one, which is W2's.
        for (int x = 0; x < 3; ++x) {
            for (int y = 0; y < 3; ++y) add(x, y, x + 1, y + 1, x == 1 && y == 1 ? "W2" : "W1");
        }
        add(3, 0, 4, 1, "W3");  // W3: two cells with a cell between them that nobody patrols
        add(3, 1, 4, 2, "");
        add(3, 2, 4, 3, "W3");
        add(4, 0, 5, 2, "W4");  // W4: a 1 x 2 km cell whose edge x = 5 has no vertex at (5, 1) ...
        add(5, 0, 6, 1, "W4");  // ... where these two meet
        add(5, 1, 6, 2, "W4");
        std::vector<grids::Owner> owners;
        for (const char* id : {"W1", "W2", "W3", "W4"}) {
            grids::Owner o;
            o.id = id;
            o.kind = grids::OwnerKind::GridWorker;
            o.name = std::string("网格员") + id;
            o.unit_code = "411626001001";
            o.phone = "1380000000" + std::string(1, id[1]);
            owners.push_back(o);
        }
        std::vector<grids::AdminUnit> units;
        for (auto* list : {&county, &townships, &villages}) {
            for (const auto& u : *list) units.push_back({u.level, u.code, u.name, u.parent_code, u.geometry.clone()});
        }
        directory = std::make_unique<grids::Directory>(owners, units, assignments);
    }

    exporters::ProjectLayers layers() const { return ExportedLayers::layers(0); }

    TempDir dir;
};

TEST_F(AwkwardTiling, EachWorkersAreaIsThePlainUnionOfTheWorkersGrids) {
    const std::string path = dir.file("project.gpkg");
    const auto counts = exporters::write_project_gpkg(path, layers());
    EXPECT_EQ(counts.worker_areas, 4u);
    auto ds = geo::open_vector(path);
    // The plain path: every worker's grids as written, united by OGR one after the other.
    std::map<std::string, OGRGeometryUniquePtr> plain;
    std::map<std::string, int> grids_of;
    for (auto& g : *ds->GetLayerByName("grids")) {
        if (!g->IsFieldSetAndNotNull(g->GetFieldIndex("grid_worker"))) continue;
        const std::string worker = g->GetFieldAsString("grid_worker");
        ++grids_of[worker];
        auto& u = plain[worker];
        u.reset(u ? u->Union(g->GetGeometryRef()) : g->GetGeometryRef()->clone());
    }
    std::map<std::string, const OGRMultiPolygon*> area;
    std::map<std::string, OGRFeatureUniquePtr> features;
    OGRLayer* layer = ds->GetLayerByName("worker_areas");
    ASSERT_NE(layer, nullptr);
    std::vector<std::string> order;
    for (auto& f : *layer) {
        const std::string worker = f->GetFieldAsString("grid_worker");
        order.push_back(f->GetFieldAsString("worker_id"));
        EXPECT_EQ(f->GetFieldAsInteger64("grid_count"), grids_of[worker]) << worker;
        EXPECT_EQ(std::string(f->GetFieldAsString("grid_worker_phone")), "1380000000" + order.back().substr(1));
        EXPECT_EQ(std::string(f->GetFieldAsString("village_name")), "东关社区");
        const OGRGeometry* shape = f->GetGeometryRef();
        ASSERT_NE(shape, nullptr) << worker;
        ASSERT_EQ(wkbFlatten(shape->getGeometryType()), wkbMultiPolygon) << worker;
        EXPECT_TRUE(shape->IsValid()) << worker;
        ASSERT_TRUE(plain[worker]) << worker;
        // The same region as the plain union: what lies in one and not the other is nothing.
        OGRGeometryUniquePtr apart(shape->SymDifference(plain[worker].get()));
        ASSERT_TRUE(apart) << worker;
        EXPECT_LT(area_of(apart.get()), 1e-9 * area_of(plain[worker].get())) << worker << ": " << shape->exportToWkt();
        features[worker] = OGRFeatureUniquePtr(f.release());
        area[worker] = features[worker]->GetGeometryRef()->toMultiPolygon();
    }
    // In the order of their first grids' codes within the village.
    EXPECT_EQ(order, (std::vector<std::string>{"W1", "W2", "W3", "W4"}));
    ASSERT_EQ(area.size(), 4u);
    // W1 is a ring: one polygon with W2's cell as its hole.
    ASSERT_EQ(area["网格员W1"]->getNumGeometries(), 1);
    EXPECT_EQ(area["网格员W1"]->getGeometryRef(0)->getNumInteriorRings(), 1);
    EXPECT_NEAR(features["网格员W1"]->GetFieldAsDouble("area_m2"), 8e6, 1e-3);
    EXPECT_EQ(area["网格员W2"]->getNumGeometries(), 1);
    // W3: two parts, the cell between them left to nobody.
    EXPECT_EQ(area["网格员W3"]->getNumGeometries(), 2);
    EXPECT_NEAR(features["网格员W3"]->GetFieldAsDouble("area_m2"), 2e6, 1e-3);
    // W4: the T-junction united into one piece.
    EXPECT_EQ(area["网格员W4"]->getNumGeometries(), 1);
    EXPECT_NEAR(features["网格员W4"]->GetFieldAsDouble("area_m2"), 4e6, 1e-3);
}

TEST_F(AwkwardTiling, WithoutGridWorkersTheLayerIsWrittenEmpty) {
    directory = std::make_unique<grids::Directory>(std::vector<grids::Owner>{}, std::span<const grids::AdminUnit>{},
                                                   std::vector<grids::GridAssignment>{});
    const std::string path = dir.file("project.gpkg");
    const auto counts = exporters::write_project_gpkg(path, layers());
    EXPECT_EQ(counts.worker_areas, 0u);
    EXPECT_EQ(counts.grids, cells.size());
    auto ds = geo::open_vector(path);
    ASSERT_NE(ds->GetLayerByName("worker_areas"), nullptr);
    EXPECT_EQ(ds->GetLayerByName("worker_areas")->GetFeatureCount(), 0);
}

}  // namespace
}  // namespace respgrid::test
