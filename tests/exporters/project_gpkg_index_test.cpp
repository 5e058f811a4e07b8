// The grids layer of write_project_gpkg (exporters/project_gpkg.hpp) gets its R-tree in bulk and
// its features in the tree's leaf order: here 40 x 40 squares (three levels of R-tree nodes)
// are exported and read back with GDAL and SQLite's own checks. The index must be registered as
// GDAL registers it, hold exactly one box per feature, each the feature's envelope rounded
// outwards to float, answer spatial filters as a brute-force envelope test does, and stay current
// when the layer is edited afterwards; the reordered features must keep their own attributes.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "exported_layers.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using grids::AdminLevel;

constexpr int kSide = 40;        // squares per row and column
constexpr double kSize = 100.0;  // metres
constexpr double X0 = 574000, Y0 = 3730000;

// Rows of an SQL query through GDAL (SQLite dialect of the GeoPackage driver), as text.
std::vector<std::vector<std::string>> query(GDALDataset& ds, const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!result) return rows;
    for (auto& f : *result) {
        std::vector<std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i) row.emplace_back(f->GetFieldAsString(i));
        rows.push_back(std::move(row));
    }
    ds.ReleaseResultSet(result);
    return rows;
}

// True when `stored` is the largest float not above `value` (min) or the smallest not below (max).
bool rounded_down(double stored, double value) {
    return stored <= value && static_cast<double>(std::nextafter(static_cast<float>(stored), INFINITY)) > value;
}
bool rounded_up(double stored, double value) {
    return stored >= value && static_cast<double>(std::nextafter(static_cast<float>(stored), -INFINITY)) < value;
}

class SquaresExport : public ::testing::Test, protected ExportedLayers {
protected:
    void SetUp() override {
        const double side = kSide * kSize;
        county.push_back({AdminLevel::County, "411626", "测试县", "", geo::Geometry::rectangle(X0, Y0, X0 + side, Y0 + side)});
        townships.push_back(
            {AdminLevel::Township, "411626001", "城关街道", "411626", geo::Geometry::rectangle(X0, Y0, X0 + side, Y0 + side)});
        villages.push_back({AdminLevel::Village, "411626001001", "东关社区", "411626001",
                            geo::Geometry::rectangle(X0, Y0, X0 + side, Y0 + side)});
        // Codes run row by row from the north-west; the export reorders them spatially.
        for (int row = 0; row < kSide; ++row) {
            for (int col = 0; col < kSide; ++col) {
                grids::GridCell c;
                const int n = row * kSide + col + 1;
                c.code = "411626001001" + std::string(n < 10 ? "000" : n < 100 ? "00" : n < 1000 ? "0" : "") + std::to_string(n);
                c.name = "东关社区第" + std::to_string(n) + "网格";
                c.village_code = "411626001001";
                c.township_code = "411626001";
                const double x = X0 + col * kSize, y = Y0 + (kSide - 1 - row) * kSize;
                // Every third square is cut in half: the cells must not all have the same shape.
                c.set_shape(geo::Geometry::rectangle(x, y, x + kSize, y + (n % 3 == 0 ? kSize / 2 : kSize)));
                c.area_m2 = c.shape().area();
                cells.push_back(std::move(c));
            }
        }
        std::vector<grids::AdminUnit> units;
        for (auto* list : {&county, &townships, &villages}) {
            for (const auto& u : *list) units.push_back({u.level, u.code, u.name, u.parent_code, u.geometry.clone()});
        }
        directory = std::make_unique<grids::Directory>(std::vector<grids::Owner>{}, units, std::vector<grids::GridAssignment>{});
    }

    exporters::ProjectLayers layers() const { return ExportedLayers::layers(3); }

    // Exports in the working CRS (exact coordinates) unless told otherwise; returns the path.
    std::string export_gpkg(int epsg = kGk38) {
        const std::string path = dir.file("squares.gpkg");
        EXPECT_EQ(exporters::write_project_gpkg(path, layers(), epsg).grids, cells.size());
        return path;
    }

    TempDir dir;
};

TEST_F(SquaresExport, GridsIndexIsRegisteredAsGdalRegistersIt) {
    auto ds = geo::open_vector(export_gpkg());
    EXPECT_EQ(query(*ds, "SELECT extension_name, definition, scope FROM gpkg_extensions "
                         "WHERE table_name = 'grids' AND column_name = 'geom'"),
              (std::vector<std::vector<std::string>>{
                  {"gpkg_rtree_index", "http://www.geopackage.org/spec120/#extension_rtree", "write-only"}}));
    EXPECT_EQ(query(*ds, "SELECT HasSpatialIndex('grids', 'geom')"), (std::vector<std::vector<std::string>>{{"1"}}));
    // SQLite's own consistency check of the R-tree's nodes, rowids and parents.
    EXPECT_EQ(query(*ds, "SELECT rtreecheck('rtree_grids_geom')"), (std::vector<std::vector<std::string>>{{"ok"}}));
    // More than one level: the packing of inner nodes is exercised too.
    auto depth = query(*ds, "SELECT count(*) FROM rtree_grids_geom_parent");
    ASSERT_EQ(depth.size(), 1u);
    EXPECT_GT(std::stoi(depth[0][0]), kSide * kSide / 51);
    // The six triggers that keep it current.
    EXPECT_EQ(query(*ds, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_grids_geom_%'"),
              (std::vector<std::vector<std::string>>{{"6"}}));
}

TEST_F(SquaresExport, EveryFeatureHasItsEnvelopeInTheIndex) {
    for (int epsg : {kGk38, 4490}) {
        SCOPED_TRACE(epsg);
        auto ds = geo::open_vector(export_gpkg(epsg));
        OGRLayer* grids = ds->GetLayerByName("grids");
        ASSERT_NE(grids, nullptr);
        std::map<GIntBig, OGREnvelope> envelope_of;
        for (auto& f : *grids) f->GetGeometryRef()->getEnvelope(&envelope_of[f->GetFID()]);
        ASSERT_EQ(envelope_of.size(), cells.size());

        auto boxes = query(*ds, "SELECT id, minx, maxx, miny, maxy FROM rtree_grids_geom");
        ASSERT_EQ(boxes.size(), cells.size());
        std::set<GIntBig> seen;
        for (const auto& b : boxes) {
            const GIntBig fid = std::stoll(b[0]);
            ASSERT_TRUE(envelope_of.count(fid)) << fid;
            EXPECT_TRUE(seen.insert(fid).second) << fid;
            const OGREnvelope& e = envelope_of[fid];
            EXPECT_TRUE(rounded_down(std::stod(b[1]), e.MinX)) << fid << " " << b[1] << " " << e.MinX;
            EXPECT_TRUE(rounded_up(std::stod(b[2]), e.MaxX)) << fid << " " << b[2] << " " << e.MaxX;
            EXPECT_TRUE(rounded_down(std::stod(b[3]), e.MinY)) << fid << " " << b[3] << " " << e.MinY;
            EXPECT_TRUE(rounded_up(std::stod(b[4]), e.MaxY)) << fid << " " << b[4] << " " << e.MaxY;
        }
    }
}

TEST_F(SquaresExport, SpatialFiltersAnswerAsABruteForceEnvelopeTest) {
    auto ds = geo::open_vector(export_gpkg(4490));
    OGRLayer* grids = ds->GetLayerByName("grids");
    std::map<std::string, OGREnvelope> all;
    for (auto& f : *grids) f->GetGeometryRef()->getEnvelope(&all[f->GetFieldAsString("code")]);
    ASSERT_EQ(all.size(), cells.size());
    OGREnvelope extent;
    ASSERT_EQ(grids->GetExtent(&extent), OGRERR_NONE);
    const double w = extent.MaxX - extent.MinX, h = extent.MaxY - extent.MinY;
    // Windows inside, across the edge and outside the grids.
    const std::vector<OGREnvelope> windows = [&] {
        std::vector<OGREnvelope> out;
        for (double fx : {0.0, 0.13, 0.5, 0.77, 0.95}) {
            for (double fy : {0.0, 0.21, 0.5, 0.9}) {
                OGREnvelope e;
                e.MinX = extent.MinX + fx * w - 0.02 * w;
                e.MaxX = e.MinX + 0.11 * w;
                e.MinY = extent.MinY + fy * h - 0.03 * h;
                e.MaxY = e.MinY + 0.07 * h;
                out.push_back(e);
            }
        }
        OGREnvelope outside;
        outside.MinX = extent.MaxX + w;
        outside.MaxX = extent.MaxX + 2 * w;
        outside.MinY = extent.MinY;
        outside.MaxY = extent.MaxY;
        out.push_back(outside);
        return out;
    }();
    std::size_t found_total = 0;
    for (const auto& win : windows) {
        std::set<std::string> expected, found;
        for (const auto& [code, e] : all) {
            if (e.MinX <= win.MaxX && e.MaxX >= win.MinX && e.MinY <= win.MaxY && e.MaxY >= win.MinY) expected.insert(code);
        }
        grids->SetSpatialFilterRect(win.MinX, win.MinY, win.MaxX, win.MaxY);
        for (auto& f : *grids) found.insert(f->GetFieldAsString("code"));
        EXPECT_EQ(found, expected) << win.MinX << " " << win.MinY;
        // The index itself, without GDAL's refinement by geometry.
        auto ids = query(*ds, "SELECT count(*) FROM rtree_grids_geom WHERE minx <= " + std::to_string(win.MaxX) +
                                  " AND maxx >= " + std::to_string(win.MinX) + " AND miny <= " + std::to_string(win.MaxY) +
                                  " AND maxy >= " + std::to_string(win.MinY));
        ASSERT_EQ(ids.size(), 1u);
        EXPECT_GE(std::stoul(ids[0][0]), expected.size());
        found_total += found.size();
    }
    grids->SetSpatialFilter(nullptr);
    EXPECT_GT(found_total, 100u);  // the windows do meet grids
}

TEST_F(SquaresExport, ReorderedFeaturesKeepTheirOwnAttributesAndShapes) {
    auto ds = geo::open_vector(export_gpkg());
    OGRLayer* grids = ds->GetLayerByName("grids");
    std::map<std::string, const grids::GridCell*> cell_of;
    for (const auto& c : cells) cell_of[c.code] = &c;
    std::set<GIntBig> fids;
    std::vector<std::string> codes_in_fid_order;
    for (auto& f : *grids) {
        const std::string code = f->GetFieldAsString("code");
        ASSERT_TRUE(cell_of.count(code)) << code;
        const grids::GridCell& c = *cell_of[code];
        EXPECT_EQ(std::string(f->GetFieldAsString("name")), c.name);
        EXPECT_EQ(std::string(f->GetFieldAsString("village_code")), c.village_code);
        EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_m2"), c.area_m2);
        EXPECT_EQ(f->GetFieldAsInteger64("generation"), 3);
        OGREnvelope e;
        f->GetGeometryRef()->getEnvelope(&e);
        const geo::Envelope expected = c.shape().envelope();
        EXPECT_DOUBLE_EQ(e.MinX, expected.min_x) << code;
        EXPECT_DOUBLE_EQ(e.MinY, expected.min_y) << code;
        EXPECT_DOUBLE_EQ(e.MaxX, expected.max_x) << code;
        EXPECT_DOUBLE_EQ(e.MaxY, expected.max_y) << code;
        EXPECT_TRUE(fids.insert(f->GetFID()).second);
        codes_in_fid_order.push_back(code);
    }
    ASSERT_EQ(fids.size(), cells.size());
    EXPECT_EQ(*fids.begin(), 1);
    EXPECT_EQ(*fids.rbegin(), static_cast<GIntBig>(cells.size()));
    // Fetching by fid gives the same feature as the scan.
    OGRFeatureUniquePtr f(grids->GetFeature(static_cast<GIntBig>(cells.size() / 2)));
    ASSERT_TRUE(f);
    EXPECT_EQ(std::string(f->GetFieldAsString("code")), codes_in_fid_order[cells.size() / 2 - 1]);
}

TEST_F(SquaresExport, IndexFollowsLaterEdits) {
    const std::string path = export_gpkg();
    {
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        ASSERT_TRUE(ds);
        OGRLayer* grids = ds->GetLayerByName("grids");
        OGRFeatureUniquePtr added(OGRFeature::CreateFeature(grids->GetLayerDefn()));
        added->SetField("code", "NEW");
        OGRGeometry* square = nullptr;
        ASSERT_EQ(OGRGeometryFactory::createFromWkt("MULTIPOLYGON(((600000 3800000,600100 3800000,600100 3800100,600000 3800100,600000 3800000)))",
                                                    nullptr, &square),
                  OGRERR_NONE);
        added->SetGeometryDirectly(square);
        ASSERT_EQ(grids->CreateFeature(added.get()), OGRERR_NONE);
        OGRFeatureUniquePtr first(grids->GetFeature(1));
        ASSERT_EQ(grids->DeleteFeature(1), OGRERR_NONE);
    }
    auto ds = geo::open_vector(path);
    EXPECT_EQ(query(*ds, "SELECT count(*) FROM rtree_grids_geom"),
              (std::vector<std::vector<std::string>>{{std::to_string(cells.size())}}));
    EXPECT_EQ(query(*ds, "SELECT count(*) FROM rtree_grids_geom WHERE id = 1"), (std::vector<std::vector<std::string>>{{"0"}}));
    OGRLayer* grids = ds->GetLayerByName("grids");
    grids->SetSpatialFilterRect(600010, 3800010, 600020, 3800020);
    std::vector<std::string> found;
    for (auto& f : *grids) found.emplace_back(f->GetFieldAsString("code"));
    EXPECT_EQ(found, std::vector<std::string>{"NEW"});
    EXPECT_EQ(query(*ds, "SELECT rtreecheck('rtree_grids_geom')"), (std::vector<std::vector<std::string>>{{"ok"}}));
}

TEST_F(SquaresExport, NoGridsGiveAnEmptyValidIndex) {
    cells.clear();
    auto ds = geo::open_vector(export_gpkg());
    EXPECT_EQ(ds->GetLayerByName("grids")->GetFeatureCount(), 0);
    EXPECT_EQ(query(*ds, "SELECT HasSpatialIndex('grids', 'geom')"), (std::vector<std::vector<std::string>>{{"1"}}));
    EXPECT_EQ(query(*ds, "SELECT rtreecheck('rtree_grids_geom')"), (std::vector<std::vector<std::string>>{{"ok"}}));
    EXPECT_EQ(query(*ds, "SELECT count(*) FROM rtree_grids_geom"), (std::vector<std::vector<std::string>>{{"0"}}));
}

}  // namespace
}  // namespace respgrid::test
