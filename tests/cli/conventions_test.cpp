// What a GIS user expects of a command-line tool beside gdalinfo and ogr2ogr: `--version` with the
// libraries it runs with, `-q` anywhere on the line, usage lines that name the program, and the
// version recorded in every format `export` writes.
#include <gtest/gtest.h>
#include <gdal.h>
#include <geos_c.h>
#include <proj.h>
// sqlite3.h first: spatialite.h uses its types without including it.
#include <sqlite3.h>
#include <spatialite.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <nlohmann/json.hpp>

#include "respgrid/geo/gdal.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST(CliVersion, NamesTheProjectVersionAndTheLibrariesItRunsWith) {
    auto r = run_respgrid_binary({"--version"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 5u) << r.out;
    // CMake's project VERSION, and the commit when the build had one.
    EXPECT_TRUE(std::regex_match(lines[0], std::regex("respgrid " + std::string(RESPGRID_PROJECT_VERSION) +
                                                      "( \\(git [0-9a-f]{7,}(-dirty)?\\))?")))
        << lines[0];
    // The libraries as loaded, in the words of their own version functions (gdalinfo --version's for GDAL).
    EXPECT_EQ(lines[1], GDALVersionInfo("--version"));
    EXPECT_EQ(lines[2], std::string("GEOS ") + GEOSversion());
    EXPECT_EQ(lines[3], std::string("PROJ ") + proj_info().version);
    EXPECT_EQ(lines[4], std::string("SpatiaLite ") + spatialite_version() + ", SQLite " + sqlite3_libversion());
}

TEST(CliUsage, UsageLinesNameTheProgramAsItWasCalled) {
    auto r = run_respgrid_binary({"--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: respgrid [OPTIONS] SUBCOMMAND"), std::string::npos) << r.out;
    r = run_respgrid_binary({"import", "boundaries", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: respgrid import boundaries [OPTIONS] PROJECT FILE"), std::string::npos) << r.out;
    // argv[0]'s base name, whatever it is.
    TempDir dir;
    const std::string renamed = dir.file("rg-tool");
    fs::create_symlink(respgrid_binary(), renamed);
    r = run_program(renamed, {"init", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: rg-tool init [OPTIONS] PROJECT"), std::string::npos) << r.out;
}

class SampleCounty : public ::testing::Test {
protected:
    void SetUp() override {
        project = dir.file("hy.rgproj");
        auto r = run_respgrid_binary({"-q", "init", project, "--county-code", "411626", "--name", "淮阳县"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    std::vector<std::string> import_county(const std::string& target) const {
        return {"import", "boundaries", target, sample_file("huaiyang_county.geojson"),
                "--level", "county", "--crs", "gcj02"};
    }
    TempDir dir;
    std::string project;
};

TEST_F(SampleCounty, QuietIsAcceptedAfterTheSubcommandAndBetweenNestedSubcommands) {
    // A valid outline (the sample's self-intersects, and warnings show even with -q).
    const std::string county = dir.file("county.geojson");
    write_text(county, R"({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"code": "411626", "name": "淮阳县"}, "geometry": {"type": "Polygon",
        "coordinates": [[[114.80, 33.70], [114.82, 33.70], [114.82, 33.72], [114.80, 33.72], [114.80, 33.70]]]}}]})");
    auto import = [&](const std::string& target) {
        return std::vector<std::string>{"import", "boundaries", target, county, "--level", "county", "--crs", "cgcs2000"};
    };
    // Without -q the import reports (so the silence below is -q's doing).
    const std::string other = dir.file("other.rgproj");
    ASSERT_EQ(run_respgrid_binary({"-q", "init", other, "--county-code", "411626", "--name", "淮阳县"}).exit_code, 0);
    auto loud = run_respgrid_binary(import(other));
    ASSERT_EQ(loud.exit_code, 0) << loud.err;
    EXPECT_FALSE(loud.err.empty());

    auto args = import(project);
    args.push_back("-q");
    auto r = run_respgrid_binary(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");

    args = import(project);
    args.insert(args.begin() + 1, "--quiet");  // import --quiet boundaries ...
    r = run_respgrid_binary(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
}

TEST_F(SampleCounty, EveryExportFormatRecordsTheVersionThatWroteIt) {
    ASSERT_EQ(run_respgrid_binary(import_county(project)).exit_code, 0);
    const std::string producer = lines_of(run_respgrid_binary({"--version"}).out).at(0);
    const std::string note = "Exported by " + producer;
    auto exported = [&](const std::string& format, const std::string& name) {
        const std::string out = dir.file(name);
        auto r = run_respgrid_binary({"-q", "export", project, "--format", format, "--output", out});
        EXPECT_EQ(r.exit_code, 0) << format << ": " << r.err;
        return out;
    };

    // GeoPackage: a dataset item (ogrinfo's "Metadata:") and each layer's description, which
    // QGIS shows as the layer's Abstract.
    {
        auto gpkg = geo::open_vector(exported("gpkg", "hy.gpkg"));
        const char* item = gpkg->GetMetadataItem("PRODUCER");
        EXPECT_EQ(item ? std::string(item) : "", producer);
        OGRLayer* county = gpkg->GetLayerByName("county");
        ASSERT_NE(county, nullptr);
        const char* description = county->GetMetadataItem("DESCRIPTION");
        EXPECT_EQ(description ? std::string(description) : "", note);
    }
    // KML: the document's author and description (Google Earth's Places panel).
    {
        const std::string kml = read_text(exported("kml", "hy.kml"));
        EXPECT_NE(kml.find("<atom:name>" + producer + "</atom:name>"), std::string::npos) << kml.substr(0, 600);
        EXPECT_NE(kml.find("<description>" + note + "</description>"), std::string::npos) << kml.substr(0, 600);
    }
    // GeoJSON: the collection's "description" member; and beside it, as beside a shapefile, the
    // layer metadata file (NAME.qmd) QGIS reads when it opens NAME.geojson.
    {
        const fs::path folder = exported("geojson", "hy_geojson");
        auto county = nlohmann::json::parse(read_text((folder / "county.geojson").string()));
        EXPECT_EQ(county.value("description", ""), note);
        EXPECT_NE(read_text((folder / "county.qmd").string()).find("<abstract>" + note + "</abstract>"), std::string::npos);
    }
    {
        const fs::path folder = exported("shp", "hy_shp");
        ASSERT_TRUE(fs::exists(folder / "county.shp"));
        EXPECT_NE(read_text((folder / "county.qmd").string()).find("<abstract>" + note + "</abstract>"), std::string::npos);
    }
    // Vector tiles: the tile set's metadata.json.
    {
        const fs::path folder = exported("mvt", "hy_tiles");
        auto metadata = nlohmann::json::parse(read_text((folder / "metadata.json").string()));
        EXPECT_EQ(metadata.value("description", ""), note);
    }
}

}  // namespace
}  // namespace respgrid::test
