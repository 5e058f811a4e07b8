// Vector tiles of a project (ops/tiles.hpp) on the one-village ledger project (ledger_project.hpp:
// a 1 km square at x 500000..501000, y 3730000..3731000 of EPSG:4547, two grids), read back
// through GDAL's own MVT driver: layers, attributes, where the shapes land, and the refusals.
//
// The square lies whole in tile 14/13380/6561 (and 12/3345/1640): its corners are at
// (12690421.95, 3988125.05) and (12691622.78, 3989331.36) in EPSG:3857.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <thread>

#include "ledger_project.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/ops/tiles.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

using grids::CaseStatus;
using test::ReportRow;

constexpr double kHalfWorld = 20037508.342789244;

struct TileFeature {
    std::map<std::string, std::string> fields;  // as text
    geo::Envelope envelope;                     // EPSG:3857
    std::string geometry_type;
};

// The tile as GDAL's MVT driver reads it: layer name -> features.
std::map<std::string, std::vector<TileFeature>> read_tile(const std::string& bytes, int z, int x, int y) {
    geo::ensure_gdal();
    // The driver reads z/x/y from the path, which places the tile on the map.
    const std::string path = "/vsimem/tiles_test_" + std::to_string(reinterpret_cast<std::uintptr_t>(&bytes)) + "/" +
                             std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) + ".pbf";
    VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), reinterpret_cast<GByte*>(const_cast<char*>(bytes.data())),
                                       bytes.size(), FALSE);
    EXPECT_NE(f, nullptr);
    VSIFCloseL(f);
    const char* drivers[] = {"MVT", nullptr};
    const char* options[] = {"CLIP=NO", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::FromHandle(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, drivers, options, nullptr)));
    std::map<std::string, std::vector<TileFeature>> out;
    EXPECT_TRUE(ds) << "GDAL could not open the tile";
    if (ds) {
        for (auto* layer : ds->GetLayers()) {
            auto& features = out[layer->GetName()];
            for (const auto& feature : *layer) {
                TileFeature t;
                for (int i = 0; i < feature->GetFieldCount(); ++i) {
                    if (feature->IsFieldSetAndNotNull(i)) t.fields[feature->GetFieldDefnRef(i)->GetNameRef()] = feature->GetFieldAsString(i);
                }
                if (const auto* g = feature->GetGeometryRef()) {
                    OGREnvelope e;
                    g->getEnvelope(&e);
                    t.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
                    t.geometry_type = OGRGeometryTypeToName(wkbFlatten(g->getGeometryType()));
                }
                features.push_back(std::move(t));
            }
        }
    }
    VSIUnlink(path.c_str());
    return out;
}

const TileFeature* find(const std::vector<TileFeature>& features, const std::string& field, const std::string& value) {
    for (const auto& f : features) {
        if (auto it = f.fields.find(field); it != f.fields.end() && it->second == value) return &f;
    }
    return nullptr;
}

// The tile of zoom `z` holding a point of the project's working CRS.
std::pair<int, int> tile_of(geo::XY working, int z) {
    const auto mercator = geo::CoordinateTransform(geo::Crs::from_epsg(4547), geo::Crs::from_epsg(3857))(working);
    const double size = 2 * kHalfWorld / std::ldexp(1.0, z);
    return {static_cast<int>(std::floor((mercator.x + kHalfWorld) / size)),
            static_cast<int>(std::floor((kHalfWorld - mercator.y) / size))};
}

grids::Instant at(const char* text) { return grids::parse_time(text).value->instant(grids::kChinaTime); }

class TilesTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::make_ledger_project(project_);
        // R1 (west grid, 24 h from Friday 17:00: due Saturday 17:00), R2 (east grid), R3 closed.
        const std::string file = dir_.file("reports.csv");
        test::write_text(file, test::ledger_csv({{"R1", "2026-09-04 16:10", 500250, 3730500, "C24", "巡查", "2026-09-04 17:00"},
                                                 {"R2", "2026-09-04 16:20", 500750, 3730500, "W4", "12345", "2026-09-04 17:00"},
                                                 {"R3", "2026-09-04 16:30", 500300, 3730200, "C24", "巡查", "2026-09-04 17:00"}}));
        LedgerImportOptions o;
        o.project = project_;
        o.input = file;
        o.at = *grids::parse_time("2026-09-04 17:00").value;
        NoRejects rejects;
        ASSERT_EQ(import_ledger(o, rejects).opened, 3u);
        const char* times[] = {"2026-09-04 18:00", "2026-09-04 19:00", "2026-09-04 20:00"};
        const CaseStatus moves[] = {CaseStatus::Fixed, CaseStatus::Checked, CaseStatus::Closed};
        for (int i = 0; i < 3; ++i) {
            change_status(project_, {{"", "R3"}, moves[i], *grids::parse_time(times[i]).value, "tester", "", {}});
        }
    }

    class NoRejects : public RejectSink {
    public:
        void add(const std::vector<Reject>& rejects) override { EXPECT_TRUE(rejects.empty()); }
    };

    test::TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
};

TEST_F(TilesTest, TheSquaresTilesAreWhereTheHeaderSays) {
    EXPECT_EQ(tile_of({500500, 3730500}, 14), (std::pair{13380, 6561}));
    EXPECT_EQ(tile_of({500500, 3730500}, 12), (std::pair{3345, 1640}));
}

TEST_F(TilesTest, ATileHasTheFourLayersWithTheirAttributes) {
    const TileMaker tiles(project_);
    const auto layers = read_tile(tiles.tile(14, 13380, 6561, at("2026-09-10 08:00")), 14, 13380, 6561);
    ASSERT_EQ(layers.size(), 4u);
    for (const char* name : {"townships", "villages", "grids", "issues"}) EXPECT_TRUE(layers.contains(name)) << name;

    const auto* township = find(layers.at("townships"), "code", "411626001");
    ASSERT_NE(township, nullptr);
    EXPECT_EQ(township->fields.at("name"), "城关镇");
    EXPECT_EQ(township->geometry_type, "Polygon");
    const auto* village = find(layers.at("villages"), "code", "411626001001");
    ASSERT_NE(village, nullptr);
    EXPECT_EQ(village->fields.at("name"), "东村");
    EXPECT_EQ(village->fields.at("township_code"), "411626001");

    ASSERT_EQ(layers.at("grids").size(), 2u);
    const auto* west = find(layers.at("grids"), "code", test::kWestGrid);
    ASSERT_NE(west, nullptr);
    EXPECT_EQ(west->fields.at("name"), "东村第1网格");
    EXPECT_EQ(west->fields.at("village_code"), "411626001001");
    EXPECT_EQ(west->fields.at("township_code"), "411626001");
}

TEST_F(TilesTest, AGridsShapeLandsWhereTheGridIsWithinAPixel) {
    const TileMaker tiles(project_);
    for (const auto& [z, x, y] : {std::tuple{14, 13380, 6561}, std::tuple{12, 3345, 1640}}) {
        const auto layers = read_tile(tiles.tile(z, x, y), z, x, y);
        ASSERT_TRUE(layers.contains("grids"));
        const auto* west = find(layers.at("grids"), "code", test::kWestGrid);
        ASSERT_NE(west, nullptr);
        // Back to the working CRS: the west half, x 500000..500500, y 3730000..3731000.
        const geo::CoordinateTransform back(geo::Crs::from_epsg(3857), geo::Crs::from_epsg(4547));
        const auto low = back({west->envelope.min_x, west->envelope.min_y});
        const auto high = back({west->envelope.max_x, west->envelope.max_y});
        const double pixel = 2 * kHalfWorld / std::ldexp(1.0, z) / 256;  // Mercator metres, more than ground metres here
        EXPECT_NEAR(low.x, 500000, pixel) << z;
        EXPECT_NEAR(low.y, 3730000, pixel) << z;
        EXPECT_NEAR(high.x, 500500, pixel) << z;
        EXPECT_NEAR(high.y, 3731000, pixel) << z;
    }
}

TEST_F(TilesTest, GridsAreLeftOutBelowZoom12) {
    const TileMaker tiles(project_);
    const auto [x, y] = tile_of({500500, 3730500}, 11);
    const auto layers = read_tile(tiles.tile(11, x, y), 11, x, y);
    EXPECT_FALSE(layers.contains("grids"));
    EXPECT_TRUE(layers.contains("townships"));
    EXPECT_TRUE(layers.contains("villages"));
    EXPECT_TRUE(layers.contains("issues"));
}

TEST_F(TilesTest, OpenCasesAreIssuesWithTheirOverdueFlagAndAClosedOneIsNot) {
    const TileMaker tiles(project_);
    const auto saturday_noon = read_tile(tiles.tile(14, 13380, 6561, at("2026-09-05 12:00")), 14, 13380, 6561);
    const auto& issues = saturday_noon.at("issues");
    ASSERT_EQ(issues.size(), 2u);  // R1 and R2; R3 is closed
    const auto r1 = show_case(project_, {"", "R1"}).case_;
    const auto r3 = show_case(project_, {"", "R3"}).case_;
    EXPECT_EQ(find(issues, "number", r3.number), nullptr);
    const auto* issue = find(issues, "number", r1.number);
    ASSERT_NE(issue, nullptr);
    EXPECT_EQ(issue->geometry_type, "Point");
    EXPECT_EQ(issue->fields.at("status"), "dispatched");
    EXPECT_EQ(issue->fields.at("category"), "C24");
    EXPECT_EQ(issue->fields.at("category_name"), "暴露垃圾");
    EXPECT_EQ(issue->fields.at("overdue"), "0");
    EXPECT_EQ(issue->fields.at("township_code"), "411626001");
    EXPECT_EQ(issue->fields.at("grid_code"), test::kWestGrid);
    const auto back = geo::CoordinateTransform(geo::Crs::from_epsg(3857), geo::Crs::from_epsg(4547))(
        {issue->envelope.min_x, issue->envelope.min_y});
    EXPECT_NEAR(back.x, 500250, 1.0);
    EXPECT_NEAR(back.y, 3730500, 1.0);

    // A week later R1 is past its deadline.
    const auto later = read_tile(tiles.tile(14, 13380, 6561, at("2026-09-12 12:00")), 14, 13380, 6561);
    EXPECT_EQ(find(later.at("issues"), "number", r1.number)->fields.at("overdue"), "1");

    // The ledger is read again after a change made elsewhere: R1 rejected leaves the tile.
    change_status(project_, {{"", "R1"}, CaseStatus::Rejected, *grids::parse_time("2026-09-05 09:00").value, "tester", "", {}});
    const auto after = read_tile(tiles.tile(14, 13380, 6561, at("2026-09-12 12:00")), 14, 13380, 6561);
    EXPECT_EQ(after.at("issues").size(), 1u);
    EXPECT_EQ(find(after.at("issues"), "number", r1.number), nullptr);
}

TEST_F(TilesTest, GridsReadFromTheStoreAtEachTileAreTheSame) {
    const TileMaker memory(project_);
    const TileMaker store(project_, {GridSource::Store});
    for (const auto& [z, x, y] : {std::tuple{14, 13380, 6561}, std::tuple{12, 3345, 1640}}) {
        const auto a = read_tile(memory.tile(z, x, y), z, x, y).at("grids");
        const auto b = read_tile(store.tile(z, x, y), z, x, y).at("grids");
        ASSERT_EQ(a.size(), b.size());
        for (const auto& f : a) {
            const auto* same = find(b, "code", f.fields.at("code"));
            ASSERT_NE(same, nullptr);
            EXPECT_EQ(same->fields, f.fields);
            EXPECT_EQ(same->envelope.min_x, f.envelope.min_x);
            EXPECT_EQ(same->envelope.max_y, f.envelope.max_y);
        }
    }
}

TEST_F(TilesTest, ATileWithNothingInItIsEmpty) {
    const TileMaker tiles(project_);
    EXPECT_EQ(tiles.tile(14, 0, 0), "");
    EXPECT_FALSE(tiles.tile(0, 0, 0).empty());  // the world: the county is in it
}

TEST_F(TilesTest, OutOfRangeTilesAreRefused) {
    const TileMaker tiles(project_);
    EXPECT_THROW((void)tiles.tile(23, 0, 0), UsageError);
    EXPECT_THROW((void)tiles.tile(-1, 0, 0), UsageError);
    EXPECT_THROW((void)tiles.tile(0, 1, 0), UsageError);
    EXPECT_THROW((void)tiles.tile(3, 0, 8), UsageError);
    EXPECT_THROW((void)tiles.tile(3, -1, 0), UsageError);
    EXPECT_NO_THROW((void)tiles.tile(22, (1 << 22) - 1, (1 << 22) - 1));
}

TEST_F(TilesTest, TheGenerationShownAndWhenItIsStale) {
    const TileMaker tiles(project_);
    ASSERT_TRUE(tiles.generation());
    EXPECT_FALSE(tiles.stale());
    {
        auto project = store::Project::open(project_);
        const auto cells = project.load_cells(*tiles.generation());
        project.add_generation("square", "{}", cells);
    }
    EXPECT_TRUE(tiles.stale());
    EXPECT_FALSE(TileMaker(project_).stale());
}

TEST_F(TilesTest, TwoThreadsMakeTheSameBytes) {
    const TileMaker tiles(project_);
    const auto when = at("2026-09-10 08:00");
    std::vector<std::tuple<int, int, int>> addresses{{14, 13380, 6561}, {12, 3345, 1640}};
    for (const int z : {16, 10}) {
        const auto [x, y] = tile_of(test::kWestPoint, z);
        addresses.emplace_back(z, x, y);
    }
    std::vector<std::string> expected;
    for (const auto& [z, x, y] : addresses) expected.push_back(tiles.tile(z, x, y, when));
    std::vector<std::vector<std::string>> made(2);
    std::vector<std::thread> threads;
    for (auto& out : made) {
        threads.emplace_back([&] {
            for (int round = 0; round < 10; ++round) {
                for (const auto& [z, x, y] : addresses) out.push_back(tiles.tile(z, x, y, when));
            }
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& out : made) {
        ASSERT_EQ(out.size(), 10 * addresses.size());
        for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], expected[i % addresses.size()]) << i;
    }
    EXPECT_FALSE(expected[0].empty());
}

}  // namespace
}  // namespace respgrid::ops
