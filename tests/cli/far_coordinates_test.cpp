// One far-away vertex (a longitude of 1e7 or 5000) in a boundary, line or dedicated-area file: the
// import densifies lon/lat edges to 0.001° and used to allocate without bound (std::bad_alloc at
// 2.4 GB under a cap; 650 MB for a 74 KB file at lon 5000). Each import runs here in a child
// process limited to 1 GB of address space (prlimit): the feature is rejected with the coordinate
// named, and the good features of the file are imported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

constexpr const char* kMemoryLimit = "--as=1000000000";  // 1 GB: a normal import needs far less

nlohmann::json coordinates(const std::vector<std::pair<double, double>>& points) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [x, y] : points) out.push_back(nlohmann::json::array({x, y}));
    return out;
}

nlohmann::json polygon_feature(nlohmann::json properties, const std::vector<std::pair<double, double>>& ring) {
    return {{"type", "Feature"},
            {"properties", std::move(properties)},
            {"geometry", {{"type", "Polygon"}, {"coordinates", nlohmann::json::array({coordinates(ring)})}}}};
}

// Two township-sized polygons in lon/lat, the second with one vertex at longitude `far`.
std::string polygons_file(const TempDir& dir, double far) {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    fc["features"].push_back(polygon_feature({{"code", "411626001"}, {"name", "城关镇"}},
                                             {{114.90, 33.70}, {114.95, 33.70}, {114.95, 33.75}, {114.90, 33.75}, {114.90, 33.70}}));
    fc["features"].push_back(polygon_feature(
        {{"code", "411626002"}, {"name", "远乡"}},
        {{114.95, 33.70}, {115.00, 33.70}, {far, 33.72}, {115.00, 33.75}, {114.95, 33.75}, {114.95, 33.70}}));
    const std::string path = dir.file("far_polygons.geojson");
    write_text(path, fc.dump());
    return path;
}

std::string lines_file(const TempDir& dir, double far) {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const auto& points : {std::vector<std::pair<double, double>>{{114.91, 33.71}, {far, 33.72}, {114.94, 33.74}},
                               std::vector<std::pair<double, double>>{{114.91, 33.71}, {114.94, 33.74}}}) {
        fc["features"].push_back({{"type", "Feature"},
                                  {"properties", {{"kind", "minor_road"}}},
                                  {"geometry", {{"type", "LineString"}, {"coordinates", coordinates(points)}}}});
    }
    const std::string path = dir.file("far_lines.geojson");
    write_text(path, fc.dump());
    return path;
}

CommandResult run_limited(std::vector<std::string> args) {
    args.insert(args.begin(), {kMemoryLimit, respgrid_binary()});
    return run_program("/usr/bin/prlimit", args);
}

class FarVertex : public ::testing::TestWithParam<double> {
protected:
    void SetUp() override {
        project_ = dir_.file("far.rgproj");
        auto r = run_respgrid({"-q", "init", project_, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    TempDir dir_;
    std::string project_;
};

TEST_P(FarVertex, BoundaryImportRejectsTheFeatureAndKeepsTheOthers) {
    auto r = run_limited({"import", "boundaries", project_, polygons_file(dir_, GetParam()), "--level", "township", "--crs", "wgs84"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 new, 0 updated, 1 rejected"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("feature=1"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("outside -180..180"), std::string::npos) << r.err;
}

TEST_P(FarVertex, LineImportRejectsTheFeatureAndKeepsTheOthers) {
    auto r = run_limited({"import", "lines", project_, lines_file(dir_, GetParam()), "--kind-field", "kind", "--crs", "wgs84"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("imported 1 line(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("feature=0"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("outside -180..180"), std::string::npos) << r.err;
}

TEST_P(FarVertex, DedicatedImportRejectsTheFeatureAndKeepsTheOthers) {
    auto r = run_limited({"import", "dedicated", project_, polygons_file(dir_, GetParam()), "--type-field", "", "--crs", "wgs84"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("imported 1 dedicated area(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("outside -180..180"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Longitudes, FarVertex, ::testing::Values(1e7, 5000.0),
                         [](const auto& p) { return p.param > 1e6 ? std::string("Lon1e7") : std::string("Lon5000"); });

TEST(FarExtent, AFeatureSpanningMoreThanACountyIsRejectedBeforeDensifying) {
    // Valid longitudes, but 170° apart: 170,000 points per edge at 0.001° for one typo.
    TempDir dir;
    const std::string project = dir.file("wide.rgproj");
    ASSERT_EQ(run_respgrid({"-q", "init", project, "--county-code", "411626", "--name", "淮阳县", "--crs", "EPSG:4547"}).exit_code, 0);
    auto r = run_limited({"import", "boundaries", project, polygons_file(dir, -55.0), "--level", "township", "--crs", "wgs84"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 rejected"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("° of longitude"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace respgrid::test
