// The store's bulk path for grid generations: SpatiaLite geometry BLOBs written directly and the
// R*Tree packed in one go must be what SpatiaLite and SQLite would have made themselves.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

grids::GridCell cell(const std::string& code, geo::Geometry g) {
    grids::GridCell c;
    c.code = code;
    c.name = "网格" + code.substr(12);
    c.village_code = code.substr(0, 12);
    c.township_code = code.substr(0, 9);
    c.area_m2 = g.area();
    c.set_shape(g);
    return c;
}

TEST(StoreBulkLoad, GenerationsKeepAValidSpatialIndexThatAnswersLikeBruteForce) {
    TempDir dir;
    auto p = store::Project::create(dir.file("bulk.rgproj"), "411626", "淮阳县", 4547);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0, 20000);
    std::vector<geo::Envelope> boxes;  // per stored row id - 1
    for (int generation = 0; generation < 3; ++generation) {
        std::vector<grids::GridCell> cells;
        for (int k = 0; k < 3000; ++k) {
            double x = 500000 + u(rng), y = 3700000 + u(rng);
            char code[32];
            std::snprintf(code, sizeof code, "411626001%03d%03d", k / 900 + 1, k % 900 + 1);
            // Some cells are two-part multipolygons, as clipped squares can be.
            geo::Geometry g = k % 7 == 0 ? geo::Geometry::from_wkt("MULTIPOLYGON (((" + std::to_string(x) + " " + std::to_string(y) + ", " +
                                                                   std::to_string(x + 30) + " " + std::to_string(y) + ", " +
                                                                   std::to_string(x + 30) + " " + std::to_string(y + 30) + ", " +
                                                                   std::to_string(x) + " " + std::to_string(y) + ")), ((" +
                                                                   std::to_string(x + 50) + " " + std::to_string(y) + ", " +
                                                                   std::to_string(x + 90) + " " + std::to_string(y) + ", " +
                                                                   std::to_string(x + 90) + " " + std::to_string(y + 40) + ", " +
                                                                   std::to_string(x + 50) + " " + std::to_string(y) + ")))")
                                         : geo::Geometry::rectangle(x, y, x + 100, y + 100);
            boxes.push_back(g.envelope());
            cells.push_back(cell(code, std::move(g)));
        }
        p.add_generation("square", "{}", cells);
    }
    auto& db = p.connection();
    EXPECT_EQ(db.query_text("SELECT rtreecheck('idx_grids_geom')"), std::optional<std::string>("ok"));
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM idx_grids_geom"), 9000);
    // SpatiaLite reads the BLOBs as the geometries written.
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM grids WHERE ST_IsValid(geom) AND GeometryType(geom) = 'MULTIPOLYGON' "
                               "AND Srid(geom) = 4547 AND abs(ST_Area(geom) - area_m2) < 1e-6"),
              9000);
    // The index finds every row whose box meets a window. It stores boxes as floats rounded
    // outwards (as SQLite's R*Tree does), so it may also return a box that misses the window by
    // less than a float's precision at these coordinates (0.25 m near y = 3.7e6): never more.
    for (int q = 0; q < 50; ++q) {
        double x = 500000 + u(rng), y = 3700000 + u(rng);
        geo::Envelope w{x, y, x + 700, y + 500};
        store::Statement st(db, "SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'grids' AND search_frame = BuildMbr(?, ?, ?, ?, 4547)");
        st.bind(w.min_x).bind(w.min_y).bind(w.max_x).bind(w.max_y);
        std::set<long long> found;
        while (st.step()) found.insert(st.integer(0));
        auto meets = [&](const geo::Envelope& b, double slack) {
            return b.min_x <= w.max_x + slack && w.min_x - slack <= b.max_x && b.min_y <= w.max_y + slack &&
                   w.min_y - slack <= b.max_y;
        };
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            long long id = static_cast<long long>(i + 1);
            if (meets(boxes[i], 0.0)) {
                EXPECT_TRUE(found.count(id)) << "window " << q << " misses row " << id;
            }
            if (found.count(id)) {
                EXPECT_TRUE(meets(boxes[i], 0.5)) << "window " << q << " returns far row " << id;
            }
        }
    }
    // The triggers are back: a later ordinary insert goes into the index too.
    db.exec("INSERT INTO grids (generation_id, code, village_code, township_code, area_m2, geom) VALUES "
            "(1, '411626001999999', '411626001999', '411626001', 100, CastToMultiPolygon(GeomFromText("
            "'POLYGON((0 0, 10 0, 10 10, 0 0))', 4547)))");
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM idx_grids_geom"), 9001);
    EXPECT_EQ(db.query_text("SELECT rtreecheck('idx_grids_geom')"), std::optional<std::string>("ok"));
}

TEST(StoreBulkLoad, AGenerationWriterLeftUnfinishedLeavesTheProjectAsItWas) {
    TempDir dir;
    auto p = store::Project::create(dir.file("unfinished.rgproj"), "411626", "淮阳县", 4547);
    auto cells_at = [](double x0, int n, int first = 1) {
        std::vector<grids::GridCell> cells;
        for (int k = 0; k < n; ++k) {
            char code[32];
            std::snprintf(code, sizeof code, "411626001001%03d", first + k);
            const double x = x0 + 100.0 * k;
            cells.push_back(cell(code, geo::Geometry::rectangle(x, 3700000, x + 100, 3700100)));
        }
        return cells;
    };
    p.add_generation("square", "{}", cells_at(500000, 50));
    auto& db = p.connection();
    auto state = [&db] {
        return std::vector<std::optional<long long>>{
            db.query_integer("SELECT count(*) FROM grid_generations"), db.query_integer("SELECT count(*) FROM grids"),
            db.query_integer("SELECT count(*) FROM idx_grids_geom"),
            db.query_integer("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'grids'")};
    };
    const auto before = state();
    {
        // Grids go in batch by batch, as a grid run stores them; then the run fails (the writer
        // is destroyed unfinished, as by an exception).
        store::GenerationWriter writer = p.begin_generation("square", "{}");
        writer.add(cells_at(600000, 30));
        writer.add(cells_at(700000, 30, 31));
    }
    EXPECT_EQ(state(), before);
    EXPECT_EQ(db.query_text("SELECT rtreecheck('idx_grids_geom')"), std::optional<std::string>("ok"));
    // A finished writer stores its batches as one generation, counted.
    store::GenerationWriter writer = p.begin_generation("square", "{}");
    writer.add(cells_at(600000, 30));
    writer.add(cells_at(700000, 30, 31));
    const auto g = writer.finish();
    EXPECT_EQ(g.cell_count, 60u);
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM grids WHERE generation_id = " + std::to_string(g.id)), 60);
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM idx_grids_geom"), 110);
    EXPECT_EQ(db.query_text("SELECT rtreecheck('idx_grids_geom')"), std::optional<std::string>("ok"));
    // A finished writer takes no more grids and does not finish twice: a store error, nothing added.
    EXPECT_THROW(writer.add(cells_at(800000, 1, 61)), store::StoreError);
    EXPECT_THROW(writer.finish(), store::StoreError);
    EXPECT_EQ(db.query_integer("SELECT count(*) FROM grids WHERE generation_id = " + std::to_string(g.id)), 60);
}

}  // namespace
}  // namespace respgrid::test
