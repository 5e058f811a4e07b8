// read_boundaries and suggest_working_epsg (importers/boundaries.hpp) on files written by real
// GDAL drivers: Shapefile (GBK and UTF-8 .cpg, numeric code fields), GeoPackage in a projected
// CRS, KML, GeoJSON; source CRS overrides (GCJ-02), rejects, repairs and densification.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include <cpl_conv.h>
#include <ogr_api.h>

#include "ogr_fixtures.hpp"
#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/importers/boundaries.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using importers::BoundaryImportOptions;
using importers::read_boundaries;

constexpr int kGk38 = 4547;  // CGCS2000 / 3-degree Gauss-Kruger CM 114E

std::string rect_wkt(double x0, double y0, double x1, double y1) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "POLYGON ((%.17g %.17g, %.17g %.17g, %.17g %.17g, %.17g %.17g, %.17g %.17g))", x0, y0,
                  x1, y0, x1, y1, x0, y1, x0, y0);
    return buf;
}

// The area of a lon/lat (CGCS2000) geometry in `epsg`, computed independently of respgrid's
// pipeline: OGR segmentizes at 1e-4 degree and PROJ transforms every vertex.
double area_via_ogr(const std::string& lonlat_wkt, int epsg) {
    OGRGeometry* raw = nullptr;
    EXPECT_EQ(OGRGeometryFactory::createFromWkt(lonlat_wkt.c_str(), nullptr, &raw), OGRERR_NONE) << lonlat_wkt;
    OGRGeometryUniquePtr g(raw);
    g->segmentize(1e-4);
    geo::SrsPtr src = geo::srs_from_epsg(4490);
    geo::SrsPtr dst = geo::srs_from_epsg(epsg);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(src.get(), dst.get()));
    EXPECT_EQ(g->transform(ct.get()), OGRERR_NONE);
    return OGR_G_Area(OGRGeometry::ToHandle(g.get()));
}

std::size_t vertex_count(const geo::Geometry& g) {
    std::size_t n = 0;
    for (const auto& polygon : g.polygons()) {
        for (const auto& ring : polygon) n += ring.size();
    }
    return n;
}

double distance_to_segment(geo::XY p, geo::XY a, geo::XY b) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// Distance from p to the nearest edge of any ring of g (0 only on an edge).
double distance_to_edges(const geo::Geometry& g, geo::XY p) {
    double best = std::numeric_limits<double>::infinity();
    for (const auto& polygon : g.polygons()) {
        for (const auto& ring : polygon) {
            for (std::size_t k = 0; k + 1 < ring.size(); ++k) best = std::min(best, distance_to_segment(p, ring[k], ring[k + 1]));
        }
    }
    return best;
}

// The vertex of g nearest to p.
geo::XY nearest_vertex(const geo::Geometry& g, geo::XY p) {
    geo::XY best{};
    double d = std::numeric_limits<double>::infinity();
    for (const auto& polygon : g.polygons()) {
        for (const auto& ring : polygon) {
            for (const auto& v : ring) {
                if (double e = std::hypot(v.x - p.x, v.y - p.y); e < d) {
                    d = e;
                    best = v;
                }
            }
        }
    }
    return best;
}

std::map<std::string, const grids::AdminUnit*> by_code(const importers::BoundaryImport& r) {
    std::map<std::string, const grids::AdminUnit*> out;
    for (const auto& u : r.units) out[u.code] = &u;
    return out;
}

// GeoJSON helpers (lon/lat unless a source CRS overrides the file's WGS 84).
nlohmann::json ring(std::vector<std::pair<double, double>> points) {
    nlohmann::json coords = nlohmann::json::array();
    for (const auto& [x, y] : points) coords.push_back(nlohmann::json::array({x, y}));
    return coords;
}
nlohmann::json rect_ring(double x0, double y0, double x1, double y1) {
    return ring({{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}});
}
nlohmann::json polygon_geometry(nlohmann::json rings) { return {{"type", "Polygon"}, {"coordinates", std::move(rings)}}; }
nlohmann::json rect_geometry(double x0, double y0, double x1, double y1) {
    return polygon_geometry(nlohmann::json::array({rect_ring(x0, y0, x1, y1)}));
}
nlohmann::json feature(const std::string& code, const std::string& name, nlohmann::json geometry) {
    return {{"type", "Feature"}, {"properties", {{"code", code}, {"name", name}}}, {"geometry", std::move(geometry)}};
}
std::string collection(std::vector<nlohmann::json> features) {
    nlohmann::json fc = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (auto& f : features) fc["features"].push_back(std::move(f));
    return fc.dump();
}

BoundaryImportOptions options_for(const std::string& path, grids::AdminLevel level) {
    BoundaryImportOptions o;
    o.path = path;
    o.level = level;
    o.target_crs = geo::Crs::from_epsg(kGk38);
    return o;
}

// --- real drivers -------------------------------------------------------------------------------

TEST(ReadBoundaries, GbkShapefileWithCpgGivesChineseNamesAndNumericCodesAsDigitText) {
    TempDir dir;
    const std::string shp = dir.file("villages.shp");
    const std::string a = rect_wkt(114.80, 33.70, 114.81, 33.71);
    const std::string b = rect_wkt(114.81, 33.70, 114.82, 33.715);
    write_layer(shp, "ESRI Shapefile", "villages", 4490, wkbPolygon,
                {{"code", OFTInteger64, 12}, {"pcode", OFTReal, 13, 1}, {"name", OFTString, 40}},
                {{{"411626001001", "411626001", "东关社区"}, a}, {{"411626101201", "411626101", "王庄村"}, b}},
                {"ENCODING=CP936"});

    // The fixture really is what a Chinese desktop GIS writes: GBK bytes and a CP936 .cpg, and
    // the parent code comes back from the DBF as a Real "411626001.0".
    EXPECT_EQ(read_text(dir.file("villages.cpg")), "CP936");
    std::string dbf = read_text(dir.file("villages.dbf"));
    char* gbk = CPLRecode("东关社区", CPL_ENC_UTF8, "CP936");
    EXPECT_NE(dbf.find(gbk), std::string::npos);
    CPLFree(gbk);
    EXPECT_EQ(dbf.find("东关社区"), std::string::npos) << "the DBF must hold GBK, not UTF-8";
    {
        auto ds = geo::open_vector(shp);
        OGRLayer& layer = geo::layer_of(*ds, shp, "");
        ASSERT_EQ(layer.GetLayerDefn()->GetFieldDefn(0)->GetType(), OFTInteger64);
        ASSERT_EQ(layer.GetLayerDefn()->GetFieldDefn(1)->GetType(), OFTReal);
        OGRFeatureUniquePtr f(layer.GetNextFeature());
        ASSERT_STREQ(f->GetFieldAsString(1), "411626001.0");
    }

    auto o = options_for(shp, grids::AdminLevel::Village);
    o.parent_field = "pcode";
    auto r = read_boundaries(o);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.features_read, 2u);
    EXPECT_EQ(r.source_crs, geo::Crs::cgcs2000()) << r.source_crs.name();
    auto units = by_code(r);
    ASSERT_EQ(units.size(), 2u);
    ASSERT_TRUE(units.count("411626001001"));
    ASSERT_TRUE(units.count("411626101201"));
    EXPECT_EQ(units["411626001001"]->name, "东关社区");
    EXPECT_EQ(units["411626101201"]->name, "王庄村");
    EXPECT_EQ(units["411626001001"]->parent_code, "411626001");
    EXPECT_EQ(units["411626101201"]->parent_code, "411626101");
    EXPECT_EQ(units["411626001001"]->level, grids::AdminLevel::Village);
    for (const auto& [code, wkt] : {std::pair{"411626001001", a}, std::pair{"411626101201", b}}) {
        double expected = area_via_ogr(wkt, kGk38);
        EXPECT_NEAR(units[code]->geometry.area(), expected, expected * 1e-7) << code;
    }
    // 0.01 x 0.01 degree near 33.7 N is about 927 m x 1110 m.
    EXPECT_NEAR(units["411626001001"]->geometry.area(), 1.03e6, 0.02e6);
}

// A GBK Shapefile as older Chinese software leaves it: no .cpg, and a language driver id in the
// .dbf header (byte 29) that is 0 (none) or 87 ("current ANSI code page", which GDAL reads as
// ISO-8859-1). GDAL then hands out the GBK bytes raw, or recoded from Latin-1 into mojibake.
void write_gbk_shapefile_without_cpg(const TempDir& dir, unsigned char ldid) {
    const std::string shp = dir.file("villages.shp");
    write_layer(shp, "ESRI Shapefile", "villages", 4490, wkbPolygon, {{"code", OFTString, 12}, {"名称", OFTString, 40}},
                {{{"411626001001", "小叶庄"}, rect_wkt(114.80, 33.70, 114.81, 33.71)},
                 {{"411626101201", "王庄村"}, rect_wkt(114.81, 33.70, 114.82, 33.715)}},
                {"ENCODING=CP936"});
    std::filesystem::remove(dir.file("villages.cpg"));
    std::string dbf = read_text(dir.file("villages.dbf"));
    dbf[29] = static_cast<char>(ldid);
    write_text(dir.file("villages.dbf"), dbf);
    ASSERT_NE(dbf.find(gbk("王庄村")), std::string::npos) << "the DBF must hold GBK";
    ASSERT_NE(dbf.find(gbk("名称")), std::string::npos) << "and a GBK field name";
}

// Issue 12 §2: a Shapefile whose DBF is GBK with no .cpg must give the right Chinese names.
TEST(ReadBoundaries, GbkShapefileWithoutCpgOrLdidGivesChineseNames) {
    for (unsigned char ldid : {0x00, 0x57}) {
        TempDir dir;
        write_gbk_shapefile_without_cpg(dir, ldid);
        auto o = options_for(dir.file("villages.shp"), grids::AdminLevel::Village);
        o.name_field = "名称";
        auto r = read_boundaries(o);
        EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
        EXPECT_EQ(r.encoding, geo::TextEncoding::Gb18030) << int(ldid);
        auto units = by_code(r);
        ASSERT_EQ(units.size(), 2u);
        EXPECT_EQ(units["411626001001"]->name, "小叶庄") << "LDID " << int(ldid);
        EXPECT_EQ(units["411626101201"]->name, "王庄村") << "LDID " << int(ldid);
    }
}

// A DBF whose bytes are neither UTF-8 nor GB18030 is refused naming the feature.
TEST(ReadBoundaries, ShapefileTextThatIsNeitherUtf8NorGbkIsRefused) {
    TempDir dir;
    write_gbk_shapefile_without_cpg(dir, 0);
    std::string dbf = read_text(dir.file("villages.dbf"));
    std::size_t at = dbf.find(gbk("王庄村"));
    dbf[at] = '\x80';  // starts no GB18030 character
    write_text(dir.file("villages.dbf"), dbf);
    auto o = options_for(dir.file("villages.shp"), grids::AdminLevel::Village);
    o.name_field = "名称";
    try {
        (void)read_boundaries(o);
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 1) << e.what();
        EXPECT_EQ(e.where().record_label, "feature");
    }
}

TEST(ReadBoundaries, Utf8ShapefileWithRealCodeFieldGivesCodesWithoutDecimals) {
    TempDir dir;
    const std::string shp = dir.file("townships.shp");
    const std::string a = rect_wkt(114.80, 33.70, 114.81, 33.72);
    const std::string b = rect_wkt(114.81, 33.70, 114.82, 33.72);
    write_layer(shp, "ESRI Shapefile", "townships", 4490, wkbPolygon, {{"code", OFTReal, 13, 1}, {"name", OFTString, 40}},
                {{{"411626001", "城关街道"}, a}, {{"411626101", "白楼镇"}, b}}, {"ENCODING=UTF-8"});
    EXPECT_EQ(read_text(dir.file("townships.cpg")), "UTF-8");
    EXPECT_NE(read_text(dir.file("townships.dbf")).find("城关街道"), std::string::npos);

    auto r = read_boundaries(options_for(shp, grids::AdminLevel::Township));
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.source_crs, geo::Crs::cgcs2000()) << r.source_crs.name();
    auto units = by_code(r);
    ASSERT_EQ(units.size(), 2u) << (r.units.empty() ? "" : r.units.front().code);
    ASSERT_TRUE(units.count("411626001")) << r.units.front().code;
    EXPECT_EQ(units["411626001"]->name, "城关街道");
    EXPECT_EQ(units["411626001"]->parent_code, "411626");
    EXPECT_EQ(units["411626101"]->name, "白楼镇");
    double expected = area_via_ogr(b, kGk38);
    EXPECT_NEAR(units["411626101"]->geometry.area(), expected, expected * 1e-7);
}

TEST(ReadBoundaries, GeoPackageInAProjectedCrsUsesTheLayerCrsWithoutOverride) {
    TempDir dir;
    const std::string gpkg = dir.file("townships.gpkg");
    // 1000 m x 1000 m and 1000 m x 2000 m rectangles in EPSG:4547.
    write_layer(gpkg, "GPKG", "乡镇", kGk38, wkbPolygon, {{"code"}, {"name"}},
                {{{"411626001", "城关街道"}, rect_wkt(574000, 3730000, 575000, 3731000)},
                 {{"411626101", "白楼镇"}, rect_wkt(575000, 3730000, 576000, 3732000)}});
    auto o = options_for(gpkg, grids::AdminLevel::Township);
    ASSERT_FALSE(o.source_crs);
    auto r = read_boundaries(o);
    EXPECT_EQ(r.source_crs, geo::Crs::from_epsg(kGk38)) << r.source_crs.name();
    auto units = by_code(r);
    ASSERT_EQ(units.size(), 2u);
    EXPECT_EQ(units["411626001"]->name, "城关街道");
    EXPECT_DOUBLE_EQ(units["411626001"]->geometry.area(), 1.0e6);
    EXPECT_DOUBLE_EQ(units["411626101"]->geometry.area(), 2.0e6);
    auto env = units["411626101"]->geometry.envelope();
    EXPECT_DOUBLE_EQ(env.min_x, 575000);
    EXPECT_DOUBLE_EQ(env.max_y, 3732000);

    // The same rectangle taken to lon/lat by a GeoPackage in EPSG:4490 and read back into 4547:
    // the working-CRS area is the rectangle's, up to the bend of its edges (~1e-6 relative).
    const std::string lonlat = dir.file("lonlat.gpkg");
    {
        OGRGeometry* raw = nullptr;
        std::string wkt = rect_wkt(574000, 3730000, 575000, 3731000);
        ASSERT_EQ(OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &raw), OGRERR_NONE);
        OGRGeometryUniquePtr g(raw);
        g->segmentize(10.0);  // straight in 4547, so the lon/lat polygon follows it
        auto src = geo::srs_from_epsg(kGk38);
        auto dst = geo::srs_from_epsg(4490);
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(src.get(), dst.get()));
        ASSERT_EQ(g->transform(ct.get()), OGRERR_NONE);
        char* out = nullptr;
        g->exportToWkt(&out, wkbVariantIso);
        write_layer(lonlat, "GPKG", "t", 4490, wkbPolygon, {{"code"}, {"name"}}, {{{"411626001", "城关街道"}, out}});
        CPLFree(out);
    }
    auto back = read_boundaries(options_for(lonlat, grids::AdminLevel::Township));
    EXPECT_EQ(back.source_crs, geo::Crs::cgcs2000());
    ASSERT_EQ(back.units.size(), 1u);
    EXPECT_NEAR(back.units[0].geometry.area(), 1.0e6, 1.0);
}

TEST(ReadBoundaries, KmlPlacemarksInWgs84WithCodesInExtendedData) {
    TempDir dir;
    const std::string kml = dir.file("townships.kml");
    auto placemark = [](const std::string& name, const std::string& code, double x0, double y0, double x1, double y1) {
        char coords[256];
        std::snprintf(coords, sizeof coords, "%.6f,%.6f,0 %.6f,%.6f,0 %.6f,%.6f,0 %.6f,%.6f,0 %.6f,%.6f,0", x0, y0, x1, y0,
                      x1, y1, x0, y1, x0, y0);
        return "<Placemark><name>" + name + "</name><ExtendedData><Data name=\"code\"><value>" + code +
               "</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>" + coords +
               "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n";
    };
    write_text(kml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n"
                    "<Document><name>乡镇</name>\n" +
                        placemark("城关街道", "411626001", 114.80, 33.70, 114.81, 33.72) +
                        placemark("白楼镇", "411626101", 114.81, 33.70, 114.82, 33.72) + "</Document></kml>\n");
    auto r = read_boundaries(options_for(kml, grids::AdminLevel::Township));
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.source_crs, geo::Crs::wgs84()) << r.source_crs.name();
    auto units = by_code(r);
    ASSERT_EQ(units.size(), 2u);
    EXPECT_EQ(units["411626001"]->name, "城关街道");
    EXPECT_EQ(units["411626101"]->name, "白楼镇");
    EXPECT_EQ(units["411626101"]->parent_code, "411626");
    double expected = area_via_ogr(rect_wkt(114.80, 33.70, 114.81, 33.72), kGk38);
    EXPECT_NEAR(units["411626001"]->geometry.area(), expected, expected * 1e-7);
}

TEST(ReadBoundaries, GeoJsonMultiPolygonKeepsItsHoleAndBothParts) {
    TempDir dir;
    const std::string path = dir.file("villages.geojson");
    nlohmann::json multi = {
        {"type", "MultiPolygon"},
        {"coordinates", nlohmann::json::array({nlohmann::json::array({rect_ring(114.80, 33.70, 114.81, 33.71),
                                                                      rect_ring(114.803, 33.703, 114.806, 33.706)}),
                                               nlohmann::json::array({rect_ring(114.82, 33.70, 114.83, 33.71)})})}};
    write_text(path, collection({feature("411626001001", "东关社区", multi)}));
    auto r = read_boundaries(options_for(path, grids::AdminLevel::Village));
    ASSERT_EQ(r.units.size(), 1u);
    const auto& g = r.units[0].geometry;
    ASSERT_EQ(g.num_geometries(), 2u);
    auto polygons = g.polygons();
    ASSERT_EQ(polygons.size(), 2u);
    EXPECT_EQ(polygons[0].size() + polygons[1].size(), 3u) << "one part has a hole";
    double expected = area_via_ogr(
        "MULTIPOLYGON (((114.80 33.70, 114.81 33.70, 114.81 33.71, 114.80 33.71, 114.80 33.70),"
        "(114.803 33.703, 114.806 33.703, 114.806 33.706, 114.803 33.706, 114.803 33.703)),"
        "((114.82 33.70, 114.83 33.70, 114.83 33.71, 114.82 33.71, 114.82 33.70)))",
        kGk38);
    EXPECT_NEAR(g.area(), expected, expected * 1e-7);
    EXPECT_EQ(r.source_crs, geo::Crs::wgs84()) << r.source_crs.name();
}

// --- source CRS -----------------------------------------------------------------------------------

TEST(ReadBoundaries, Gcj02SourceMovesEveryVertexByTheInverseOffset) {
    TempDir dir;
    const std::string path = dir.file("villages.geojson");
    write_text(path, collection({feature("411626001001", "东关社区", rect_geometry(114.80, 33.70, 114.81, 33.71))}));
    auto as_wgs = read_boundaries(options_for(path, grids::AdminLevel::Village));
    auto o = options_for(path, grids::AdminLevel::Village);
    o.source_crs = geo::Crs::gcj02();
    auto as_gcj = read_boundaries(o);
    EXPECT_EQ(as_gcj.source_crs, geo::Crs::gcj02());
    ASSERT_EQ(as_wgs.units.size(), 1u);
    ASSERT_EQ(as_gcj.units.size(), 1u);

    geo::CoordinateTransform to_gk(geo::Crs::cgcs2000(), geo::Crs::from_epsg(kGk38));
    const geo::XY corner{114.80, 33.70};
    geo::XY expected_wgs = to_gk(corner);
    geo::XY expected_gcj = to_gk(geo::gcj02_to_wgs84(corner));
    geo::XY got_wgs = nearest_vertex(as_wgs.units[0].geometry, expected_wgs);
    geo::XY got_gcj = nearest_vertex(as_gcj.units[0].geometry, expected_gcj);
    EXPECT_NEAR(got_wgs.x, expected_wgs.x, 1e-3);
    EXPECT_NEAR(got_wgs.y, expected_wgs.y, 1e-3);
    EXPECT_NEAR(got_gcj.x, expected_gcj.x, 1e-6);
    EXPECT_NEAR(got_gcj.y, expected_gcj.y, 1e-6);
    double shift = std::hypot(got_gcj.x - got_wgs.x, got_gcj.y - got_wgs.y);
    EXPECT_GT(shift, 100.0);
    EXPECT_LT(shift, 1000.0);
    // The GCJ-02 offset varies slowly across the county: areas differ by a fraction of a percent.
    EXPECT_NEAR(as_gcj.units[0].geometry.area(), as_wgs.units[0].geometry.area(), 5e-3 * as_wgs.units[0].geometry.area());
}

TEST(ReadBoundaries, LayerWithoutCrsAndNoOverrideIsAnInputErrorAskingForCrs) {
    TempDir dir;
    const std::string shp = dir.file("nocrs.shp");
    write_layer(shp, "ESRI Shapefile", "nocrs", 0, wkbPolygon, {{"code"}, {"name"}},
                {{{"411626001", "城关街道"}, rect_wkt(114.80, 33.70, 114.81, 33.72)}}, {"ENCODING=UTF-8"});
    ASSERT_FALSE(std::filesystem::exists(dir.file("nocrs.prj")));
    try {
        (void)read_boundaries(options_for(shp, grids::AdminLevel::Township));
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("--crs"), std::string::npos) << e.what();
        EXPECT_EQ(e.where().file, shp);
    }
    auto o = options_for(shp, grids::AdminLevel::Township);
    o.source_crs = geo::Crs::cgcs2000();
    auto r = read_boundaries(o);
    EXPECT_EQ(r.source_crs, geo::Crs::cgcs2000());
    EXPECT_EQ(r.units.size(), 1u);
    EXPECT_THROW((void)importers::suggest_working_epsg(shp, "", std::nullopt), InputError);
    EXPECT_EQ(importers::suggest_working_epsg(shp, "", geo::Crs::cgcs2000()), 4547);
}

TEST(SuggestWorkingEpsg, PicksTheGaussKrugerZoneOfTheExtentCentre) {
    TempDir dir;
    const std::string west = dir.file("west.geojson");
    const std::string east = dir.file("east.geojson");
    write_text(west, collection({feature("411626", "县", rect_geometry(114.6, 33.5, 115.2, 33.9))}));
    write_text(east, collection({feature("341322", "县", rect_geometry(116.8, 33.5, 117.2, 33.9))}));
    EXPECT_EQ(importers::suggest_working_epsg(west, "", std::nullopt), 4547);
    EXPECT_EQ(importers::suggest_working_epsg(east, "", std::nullopt), 4548);
    EXPECT_EQ(importers::suggest_working_epsg(east, "", geo::Crs::gcj02()), 4548);
    // A projected layer: its centre is taken to lon/lat first.
    const std::string gpkg = dir.file("projected.gpkg");
    write_layer(gpkg, "GPKG", "t", kGk38, wkbPolygon, {{"code"}, {"name"}},
                {{{"411626001", "城关街道"}, rect_wkt(574000, 3730000, 575000, 3731000)}});
    EXPECT_EQ(importers::suggest_working_epsg(gpkg, "", std::nullopt), 4547);
}

// --- rejects and repairs ----------------------------------------------------------------------------

TEST(ReadBoundaries, BadFeaturesAreRejectedWithTheirFeatureIdAndFieldAndTheRestImport) {
    TempDir dir;
    const std::string path = dir.file("villages.geojson");
    write_text(path, collection({
                         feature("411626001001", "东关社区", rect_geometry(114.80, 33.70, 114.81, 33.71)),  // 0 good
                         feature("41162600100", "短码村", rect_geometry(114.80, 33.70, 114.81, 33.71)),     // 1
                         feature("411626001002", "  ", rect_geometry(114.80, 33.70, 114.81, 33.71)),        // 2
                         feature("411626001001", "重复村", rect_geometry(114.81, 33.70, 114.82, 33.71)),    // 3
                         feature("411626001003", "空村", nullptr),                                        // 4
                         feature("411626001004", "空多边形", {{"type", "Polygon"}, {"coordinates", nlohmann::json::array()}}),  // 5
                         feature("411626001005", "点村", {{"type", "Point"}, {"coordinates", {114.80, 33.70}}}),  // 6
                         feature("411626001006", "线村",
                                 {{"type", "LineString"}, {"coordinates", ring({{114.80, 33.70}, {114.81, 33.71}})}}),  // 7
                         feature("", "无码村", rect_geometry(114.80, 33.70, 114.81, 33.71)),                // 8
                         feature("4116260010A7", "字母村", rect_geometry(114.80, 33.70, 114.81, 33.71)),    // 9
                         feature("411626001007", "好村", rect_geometry(114.82, 33.70, 114.83, 33.71)),      // 10 good
                     }));
    auto r = read_boundaries(options_for(path, grids::AdminLevel::Village));
    EXPECT_EQ(r.features_read, 11u);
    ASSERT_EQ(r.units.size(), 2u);
    EXPECT_EQ(r.units[0].code, "411626001001");
    EXPECT_EQ(r.units[0].name, "东关社区") << "the first feature of a repeated code is kept";
    EXPECT_EQ(r.units[1].code, "411626001007");
    EXPECT_TRUE(r.repairs.empty());

    std::map<long long, const Reject*> rejects;
    for (const auto& rej : r.rejects) {
        ASSERT_TRUE(rej.where.record.has_value()) << rej.reason;
        EXPECT_EQ(rej.where.file, path);
        EXPECT_FALSE(rej.where.layer.empty());
        rejects[*rej.where.record] = &rej;
    }
    ASSERT_EQ(rejects.size(), 9u);
    for (long long fid = 1; fid <= 9; ++fid) ASSERT_TRUE(rejects.count(fid)) << "feature " << fid;
    EXPECT_EQ(rejects[1]->where.field, "code");
    EXPECT_NE(rejects[1]->reason.find("12"), std::string::npos) << rejects[1]->reason;
    EXPECT_EQ(rejects[2]->where.field, "name");
    EXPECT_EQ(rejects[3]->where.field, "code");
    EXPECT_NE(rejects[3]->reason.find("feature 0"), std::string::npos) << rejects[3]->reason;
    EXPECT_EQ(rejects[8]->where.field, "code");
    EXPECT_EQ(rejects[9]->where.field, "code");
    for (long long fid : {4, 5}) EXPECT_NE(rejects[fid]->reason.find("empty"), std::string::npos) << rejects[fid]->reason;
    for (long long fid : {6, 7}) {
        EXPECT_NE(rejects[fid]->reason.find("not a polygon"), std::string::npos) << rejects[fid]->reason;
    }
}

TEST(ReadBoundaries, SelfIntersectingPolygonIsRepairedAndKeepsBothLobes) {
    TempDir dir;
    const std::string path = dir.file("bowtie.geojson");
    // A bow tie in EPSG:4547 metres (the file's WGS 84 overridden): two 10 000 m2 triangles.
    const double x0 = 574000, y0 = 3730000;
    write_text(path, collection({feature("411626001005", "蝴蝶村",
                                         polygon_geometry(nlohmann::json::array({ring({{x0, y0},
                                                                                       {x0 + 200, y0 + 200},
                                                                                       {x0 + 200, y0},
                                                                                       {x0, y0 + 200},
                                                                                       {x0, y0}})})))}));
    auto o = options_for(path, grids::AdminLevel::Village);
    o.source_crs = geo::Crs::from_epsg(kGk38);
    auto r = read_boundaries(o);
    EXPECT_TRUE(r.rejects.empty());
    ASSERT_EQ(r.units.size(), 1u);
    const auto& g = r.units[0].geometry;
    EXPECT_TRUE(g.is_valid());
    EXPECT_EQ(g.num_geometries(), 2u);
    EXPECT_NEAR(g.area(), 20000.0, 1e-6);
    ASSERT_EQ(r.repairs.size(), 1u);
    EXPECT_EQ(r.repairs[0].where.record, 0);
    EXPECT_EQ(r.repairs[0].where.file, path);
    EXPECT_NE(r.repairs[0].reason.find("411626001005"), std::string::npos) << r.repairs[0].reason;
}

TEST(ReadBoundaries, MissingCodeFieldIsAnInputErrorListingTheFieldsPresent) {
    TempDir dir;
    const std::string path = dir.file("villages.geojson");
    write_text(path, collection({feature("411626001001", "东关社区", rect_geometry(114.80, 33.70, 114.81, 33.71))}));
    auto o = options_for(path, grids::AdminLevel::Village);
    o.code_field = "xzqdm";
    try {
        (void)read_boundaries(o);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "xzqdm");
        EXPECT_EQ(e.where().file, path);
        EXPECT_NE(std::string(e.what()).find("code, name"), std::string::npos) << e.what();
    }
    o.code_field = "code";
    o.layer = "no_such_layer";
    EXPECT_THROW((void)read_boundaries(o), InputError);
}

// --- densification ------------------------------------------------------------------------------------

TEST(ReadBoundaries, LongGeographicEdgesAreDensifiedSoANeighboursVertexStaysOnTheSharedEdge) {
    TempDir dir;
    const std::string path = dir.file("villages.geojson");
    // A's south edge is 0.05 degree long; B's north-east corner lies exactly on its midpoint.
    const double mid = (114.80 + 114.85) / 2;
    write_text(path, collection({feature("411626001001", "甲村", rect_geometry(114.80, 33.70, 114.85, 33.72)),
                                 feature("411626001002", "乙村", rect_geometry(114.80, 33.68, mid, 33.70))}));
    auto o = options_for(path, grids::AdminLevel::Village);
    o.source_crs = geo::Crs::gcj02();
    auto r = read_boundaries(o);
    auto units = by_code(r);
    ASSERT_EQ(units.size(), 2u);
    const auto& a = units["411626001001"]->geometry;
    const auto& b = units["411626001002"]->geometry;
    EXPECT_GT(vertex_count(a), 5u) << "intermediate vertices are inserted";

    geo::CoordinateTransform to_gk(geo::Crs::gcj02(), geo::Crs::from_epsg(kGk38));
    geo::XY corner = nearest_vertex(b, to_gk(geo::XY{mid, 33.70}));
    EXPECT_NEAR(corner.x, to_gk(geo::XY{mid, 33.70}).x, 1e-6);
    EXPECT_LT(distance_to_edges(a, corner), 1e-4);
    // Without densification the straight chord would miss the vertex by far more than that.
    double chord = distance_to_segment(corner, to_gk(geo::XY{114.80, 33.70}), to_gk(geo::XY{114.85, 33.70}));
    EXPECT_GT(chord, 1e-2) << "the test needs an edge whose bend is measurable";
}

}  // namespace
}  // namespace respgrid::test
