// What a GIS user hands `locate` and `import`: a single point gets the checks every batch row gets
// (out of range, swapped, far away: exit 4 with the batch's reason); --crs and a crs column take
// any explicit PROJ definition and refuse one without horizontal coordinates up front; inputs GDAL
// reads that are not local paths (/vsizip/...) are accepted where a file is expected.
#include <gtest/gtest.h>

#include <cpl_vsi.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "respgrid/geo/crs.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "office_county.hpp"

namespace respgrid::test {
namespace {

class LocateInputs : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(office_county().failure.empty()) << office_county().failure; }
    static const std::string& project() { return office_county().project; }

    static CommandResult locate_point(const std::string& x, const std::string& y, const std::string& crs) {
        return run_respgrid({"locate", project(), "--lon", x, "--lat", y, "--crs", crs, "--json"});
    }
    static std::string grid_of(const CommandResult& r) {
        EXPECT_EQ(r.exit_code, 0) << r.err;
        if (r.exit_code != 0) return {};
        return nlohmann::json::parse(r.out)["grid"]["code"];
    }
    static std::string text_of(double v) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.4f", v);
        return buf;
    }
};

TEST_F(LocateInputs, ASinglePointGetsTheChecksOfABatchRowAndTheSameReason) {
    TempDir dir;
    struct Case {
        std::string id, lon, lat, field, reason;
    };
    const std::vector<Case> cases = {{"R1", "181", "33.705", "--lon", "out of range"},
                                     {"R2", "33.705", "114.805", "--lon", "look swapped"},
                                     {"R3", "116.5", "33.705", "--lon", "km from the county"}};
    std::string csv = "id,lon,lat\n";
    for (const auto& c : cases) csv += c.id + "," + c.lon + "," + c.lat + "\n";
    write_text(dir.file("points.csv"), csv);
    auto batch = run_respgrid({"locate", project(), "--input", dir.file("points.csv"), "--output", dir.file("out.csv"),
                               "--crs", "cgcs2000"});
    ASSERT_EQ(batch.exit_code, 8) << batch.err;
    auto rejects = importers::read_table(dir.file("out.rejects.csv"));
    ASSERT_EQ(rejects.rows.size(), cases.size());
    const std::size_t reason = rejects.require({"reason"});
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto& c = cases[i];
        const std::string batch_reason = rejects.rows[i].values[reason];
        EXPECT_NE(batch_reason.find(c.reason), std::string::npos) << c.id << ": " << batch_reason;
        auto one = locate_point(c.lon, c.lat, "cgcs2000");
        EXPECT_EQ(one.exit_code, 4) << c.id << ": " << one.out << one.err;
        EXPECT_NE(one.err.find(batch_reason), std::string::npos) << c.id << ": the batch says\n  " << batch_reason
                                                                 << "\nthe single point says\n  " << one.err;
        EXPECT_NE(one.err.find("field='" + c.field + "'"), std::string::npos) << one.err;
        EXPECT_TRUE(one.out.empty()) << one.out;
    }
    // A good point is still located.
    EXPECT_FALSE(grid_of(locate_point("114.805", "33.705", "cgcs2000")).empty());
}

TEST_F(LocateInputs, CrsTakesAnyExplicitProjDefinitionAndRefusesOneWithoutHorizontalCoordinatesUpFront) {
    const geo::XY lon_lat{114.8053, 33.7057};
    const std::string expected = grid_of(locate_point(text_of(lon_lat.x), text_of(lon_lat.y), "cgcs2000"));
    ASSERT_FALSE(expected.empty());
    const geo::XY mercator = geo::CoordinateTransform(geo::Crs::cgcs2000(), geo::Crs::from_epsg(3857))(lon_lat);
    const geo::XY gk = geo::CoordinateTransform(geo::Crs::cgcs2000(), geo::Crs::from_epsg(4547))(lon_lat);
    const std::string tmerc = "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    EXPECT_EQ(grid_of(locate_point(text_of(mercator.x), text_of(mercator.y), "ESRI:102100")), expected);
    EXPECT_EQ(grid_of(locate_point(text_of(gk.x), text_of(gk.y), tmerc)), expected);
    EXPECT_EQ(grid_of(locate_point(text_of(lon_lat.x), text_of(lon_lat.y), "urn:ogc:def:crs:EPSG::4490")), expected);

    // A crs column with such definitions: metres in ESRI:102100 are not taken for degrees.
    TempDir dir;
    write_text(dir.file("mixed.csv"), "id,lon,lat,crs\nM1," + text_of(mercator.x) + "," + text_of(mercator.y) +
                                          ",ESRI:102100\nM2," + text_of(gk.x) + "," + text_of(gk.y) + ",\"" + tmerc +
                                          "\"\n");
    auto batch = run_respgrid({"locate", project(), "--input", dir.file("mixed.csv"), "--output", dir.file("mixed_out.csv")});
    ASSERT_EQ(batch.exit_code, 0) << batch.err;
    auto out = importers::read_table(dir.file("mixed_out.csv"));
    const std::size_t grid = out.require({"grid_code"});
    ASSERT_EQ(out.rows.size(), 2u);
    for (const auto& row : out.rows) EXPECT_EQ(row.values[grid], expected);

    // A height CRS is refused before anything is read or written (exit 2), by every command.
    for (const std::string crs : {"EPSG:5773", "EPSG:4978"}) {
        auto one = locate_point("114.805", "33.705", crs);
        EXPECT_EQ(one.exit_code, 2) << crs << ": " << one.err;
        EXPECT_NE(one.err.find("horizontal"), std::string::npos) << one.err;
        auto many = run_respgrid({"locate", project(), "--input", dir.file("mixed.csv"), "--output",
                                  dir.file("refused.csv"), "--crs", crs});
        EXPECT_EQ(many.exit_code, 2) << crs << ": " << many.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("refused.csv")));
        const std::string copy = copy_of_office_county(dir);
        auto import = run_respgrid({"import", "issues", copy, dir.file("mixed.csv"), "--crs", crs});
        EXPECT_EQ(import.exit_code, 2) << crs << ": " << import.err;
        std::filesystem::remove(copy);
    }
}

// Writes `files` (name -> content) into a new zip archive at `zip`, through GDAL's /vsizip/.
void write_zip(const std::string& zip, const std::map<std::string, std::string>& files) {
    for (const auto& [name, content] : files) {
        VSILFILE* f = VSIFOpenL(("/vsizip/" + zip + "/" + name).c_str(), "wb");
        ASSERT_NE(f, nullptr) << zip << "/" << name;
        EXPECT_EQ(VSIFWriteL(content.data(), 1, content.size(), f), content.size());
        EXPECT_EQ(VSIFCloseL(f), 0);
    }
}

TEST_F(LocateInputs, AGdalSourceThatIsNotALocalPathIsAcceptedWhereAFileIsExpected) {
    TempDir dir;
    const std::string zip = dir.file("hotline.zip");
    write_zip(zip, {{"points.csv", "id,lon,lat,category\nZ1,114.805,33.705,乱停乱放\nZ2,114.815,33.715,井盖缺失\n"}});
    ASSERT_TRUE(std::filesystem::is_regular_file(zip));
    write_zip(dir.file("issues.zip"),
              {{"issues.csv", "id,reported_at,lon,lat,crs,category\nI1,2026-09-01,114.805,33.705,cgcs2000,违章搭建\n"}});
    const std::string inside = "/vsizip/" + zip + "/points.csv";

    auto located = run_respgrid({"locate", project(), "--input", inside, "--output", dir.file("out.csv"), "--crs", "cgcs2000"});
    ASSERT_EQ(located.exit_code, 0) << located.err;
    auto out = importers::read_table(dir.file("out.csv"));
    ASSERT_EQ(out.rows.size(), 2u);
    const std::size_t status = out.require({"status"}), code = out.require({"category_code"});
    EXPECT_EQ(out.rows[0].values[status], "inside");
    EXPECT_EQ(out.rows[0].values[code], "09009");
    EXPECT_EQ(out.rows[1].values[status], "inside");

    const std::string copy = copy_of_office_county(dir);
    auto imported = run_respgrid({"import", "issues", copy, "/vsizip/" + dir.file("issues.zip") + "/issues.csv"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    auto issues = store::Project::open(copy).load_issues();
    ASSERT_EQ(issues.size(), 1u);
    EXPECT_EQ(issues[0].category_code, "06001");

    // A local path that does not exist is still a usage error naming it; a GDAL source GDAL
    // cannot open is an input error.
    auto missing = run_respgrid({"import", "issues", copy, dir.file("nowhere.csv")});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("nowhere.csv"), std::string::npos) << missing.err;
    auto unopenable = run_respgrid({"import", "issues", copy, "/vsizip/" + zip + "/absent.csv"});
    EXPECT_EQ(unopenable.exit_code, 4) << unopenable.err;
}

}  // namespace
}  // namespace respgrid::test
