// CRS names, the Gauss-Krüger zone choice and transformations (docs/DOMAIN.md §3.1).

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "respgrid/geo/china_offsets.hpp"
#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"
#include "test_support.hpp"

namespace respgrid::geo {
namespace {

constexpr double kMillimetre = 1e-3;

// --- parse_crs ----------------------------------------------------------------------------

TEST(ParseCrs, AcceptsEpsgWithPrefix) { EXPECT_EQ(parse_crs("EPSG:4547"), Crs::from_epsg(4547)); }

TEST(ParseCrs, AcceptsBareEpsgNumber) { EXPECT_EQ(parse_crs("4547"), Crs::from_epsg(4547)); }

TEST(ParseCrs, EpsgPrefixIsCaseInsensitive) { EXPECT_EQ(parse_crs("epsg:4490"), Crs::from_epsg(4490)); }

TEST(ParseCrs, AcceptsCommonNames) {
    EXPECT_EQ(parse_crs("wgs84"), Crs::from_epsg(4326));
    EXPECT_EQ(parse_crs("WGS84"), Crs::from_epsg(4326));
    EXPECT_EQ(parse_crs("cgcs2000"), Crs::from_epsg(4490));
    EXPECT_EQ(parse_crs("CGCS2000"), Crs::from_epsg(4490));
}

TEST(ParseCrs, AcceptsChinaOffsetNames) {
    EXPECT_EQ(parse_crs("gcj02").kind, CrsKind::Gcj02);
    EXPECT_EQ(parse_crs("GCJ-02").kind, CrsKind::Gcj02);
    EXPECT_EQ(parse_crs("bd09").kind, CrsKind::Bd09);
    EXPECT_EQ(parse_crs("BD-09").kind, CrsKind::Bd09);
}

TEST(ParseCrs, IgnoresSurroundingWhitespace) { EXPECT_EQ(parse_crs("  EPSG:4547 \t"), Crs::from_epsg(4547)); }

TEST(ParseCrs, RejectsUnknownNameWithCrsErrorNamingIt) {
    try {
        (void)parse_crs("foo");
        FAIL() << "parse_crs(\"foo\") did not throw";
    } catch (const CrsError& e) {
        EXPECT_EQ(e.source_crs(), "foo");
    }
}

TEST(ParseCrs, RejectsEpsgCodeUnknownToProj) {
    try {
        (void)parse_crs("EPSG:999999");
        FAIL() << "parse_crs(\"EPSG:999999\") did not throw";
    } catch (const CrsError& e) {
        EXPECT_EQ(e.source_crs(), "EPSG:999999");
    }
}

TEST(ParseCrs, RejectsEmptyText) { EXPECT_THROW((void)parse_crs(""), CrsError); }

TEST(ParseCrs, RejectsMalformedNumbers) {
    EXPECT_THROW((void)parse_crs("EPSG:"), CrsError);
    EXPECT_THROW((void)parse_crs("EPSG:45x7"), CrsError);
    EXPECT_THROW((void)parse_crs("-4547"), CrsError);
    EXPECT_THROW((void)parse_crs("0"), CrsError);
}

TEST(ParseCrs, EpsgCodeThatIsNotACrsIsRejected) {
    // EPSG:7030 is the WGS 84 ellipsoid, an EPSG object but not a CRS.
    EXPECT_THROW((void)parse_crs("EPSG:7030"), CrsError);
}

// EPSG:4547 as WKT1 with every AUTHORITY removed: PROJ cannot tell it is EPSG:4547 by an id.
constexpr const char* kGaussKruger114Wkt =
    R"(PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",)"
    R"(DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],)"
    R"(UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],)"
    R"(PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],)"
    R"(PARAMETER["false_northing",0],UNIT["metre",1]])";

// Where (114.8 E, 33.7 N) in CGCS2000 lands in `crs`.
XY county_seat_in(const Crs& crs) { return CoordinateTransform(Crs::cgcs2000(), crs)(XY{114.8, 33.7}); }

TEST(ParseCrs, AcceptsWhatProjAcceptsBesidesTheNames) {
    const XY gk = county_seat_in(Crs::from_epsg(4547));
    // An OGC URN and a compound CRS with a height are their EPSG horizontal CRS.
    EXPECT_EQ(parse_crs("urn:ogc:def:crs:EPSG::4547"), Crs::from_epsg(4547));
    EXPECT_EQ(parse_crs("EPSG:4547+5773"), Crs::from_epsg(4547));
    // Another authority, a PROJ string, WKT without ids: kept as PROJ knows them.
    const Crs esri = parse_crs("ESRI:102100");
    EXPECT_EQ(esri.kind, CrsKind::Wkt);
    EXPECT_EQ(esri.name(), "ESRI:102100");
    EXPECT_FALSE(esri.is_geographic());
    const XY mercator = county_seat_in(Crs::from_epsg(3857));
    EXPECT_NEAR(county_seat_in(esri).x, mercator.x, kMillimetre);
    EXPECT_NEAR(county_seat_in(esri).y, mercator.y, kMillimetre);
    const std::string tmerc = "+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs";
    for (const std::string& text : {tmerc, std::string(kGaussKruger114Wkt)}) {
        const Crs crs = parse_crs(text);
        EXPECT_EQ(crs.kind, CrsKind::Wkt) << text;
        EXPECT_FALSE(crs.is_geographic()) << text;
        EXPECT_NEAR(county_seat_in(crs).x, gk.x, kMillimetre) << text;
        EXPECT_NEAR(county_seat_in(crs).y, gk.y, kMillimetre) << text;
    }
    EXPECT_EQ(parse_crs(tmerc).name(), tmerc);
    EXPECT_NE(parse_crs(kGaussKruger114Wkt).name().find("CGCS2000 / 3-degree Gauss-Kruger CM 114E"), std::string::npos);
    // Lon/lat as a PROJ string, with a datum shift of its own (a bound CRS): geographic.
    EXPECT_TRUE(parse_crs("+proj=longlat +datum=WGS84 +no_defs").is_geographic());
    EXPECT_TRUE(parse_crs("+proj=longlat +ellps=krass +towgs84=15.8,-154.4,-82.3 +no_defs").is_geographic());
}

TEST(ParseCrs, RefusesACrsWithoutHorizontalCoordinatesAndBareNames) {
    for (const char* text : {"EPSG:5773", "5773", "urn:ogc:def:crs:EPSG::5773", "EPSG:4978"}) {
        try {
            (void)parse_crs(text);
            FAIL() << text << " was accepted";
        } catch (const CrsError& e) {
            EXPECT_EQ(e.source_crs(), text);
            EXPECT_NE(std::string(e.what()).find("horizontal"), std::string::npos) << e.what();
        }
    }
    // Two heights: PROJ refuses to build such a compound CRS, and its reason is quoted.
    try {
        (void)parse_crs("EPSG:5773+5773");
        FAIL() << "a compound CRS without a horizontal part was accepted";
    } catch (const CrsError& e) {
        EXPECT_NE(std::string(e.what()).find("compound"), std::string::npos) << e.what();
    }
    // PROJ finds "GCS_Mars_1979" for "mars" by name; a name is too easily a typo to take.
    EXPECT_THROW((void)parse_crs("mars"), CrsError);
    EXPECT_THROW((void)parse_crs("China Geodetic Coordinate System 2000"), CrsError);
    EXPECT_THROW((void)parse_crs("ESRI:999999999"), CrsError);
    EXPECT_THROW((void)parse_crs("+proj=nonsense"), CrsError);
}

TEST(Crs, NameParsesBackToTheSameCrs) {
    for (const Crs& c : {Crs::from_epsg(4547), Crs::wgs84(), Crs::cgcs2000(), Crs::gcj02(), Crs::bd09(),
                         parse_crs("ESRI:102100"), parse_crs("+proj=merc +datum=WGS84 +units=m")}) {
        EXPECT_EQ(parse_crs(c.name()), c) << c.name();
    }
}

TEST(Crs, GeographicOrProjected) {
    EXPECT_TRUE(Crs::wgs84().is_geographic());
    EXPECT_TRUE(Crs::cgcs2000().is_geographic());
    EXPECT_TRUE(Crs::gcj02().is_geographic());
    EXPECT_TRUE(Crs::bd09().is_geographic());
    EXPECT_FALSE(Crs::from_epsg(4547).is_geographic());
}

// --- gauss_kruger_3deg_epsg -----------------------------------------------------------------

TEST(GaussKruger3Deg, PicksZoneWithNearestCentralMeridian) {
    // 114.9 E: nearest CM is 114 (zone 38) -> EPSG:4547 (DOMAIN.md §3.1: 4534 + n - 25).
    EXPECT_EQ(gauss_kruger_3deg_epsg(114.9), 4547);
    EXPECT_EQ(gauss_kruger_3deg_epsg(114.0), 4547);
    EXPECT_EQ(gauss_kruger_3deg_epsg(117.0), 4548);
    EXPECT_EQ(gauss_kruger_3deg_epsg(75.0), 4534);
    EXPECT_EQ(gauss_kruger_3deg_epsg(135.0), 4554);
}

TEST(GaussKruger3Deg, ZoneEdgesAreHalfWayBetweenCentralMeridians) {
    // Zone 38 spans 112.5-115.5 E; a longitude exactly half-way goes east (the next zone).
    EXPECT_EQ(gauss_kruger_3deg_epsg(112.4999), 4546);
    EXPECT_EQ(gauss_kruger_3deg_epsg(112.5), 4547);
    EXPECT_EQ(gauss_kruger_3deg_epsg(115.4999), 4547);
    EXPECT_EQ(gauss_kruger_3deg_epsg(115.5), 4548);
}

TEST(GaussKruger3Deg, RangeIsZones25To45) {
    EXPECT_EQ(gauss_kruger_3deg_epsg(73.5), 4534);
    EXPECT_EQ(gauss_kruger_3deg_epsg(136.4999), 4554);
    EXPECT_THROW((void)gauss_kruger_3deg_epsg(73.4), CrsError);
    EXPECT_THROW((void)gauss_kruger_3deg_epsg(136.6), CrsError);
    EXPECT_THROW((void)gauss_kruger_3deg_epsg(-114.9), CrsError);
}

// The chosen EPSG code really is the zone whose central meridian is 3n: PROJ's own definition
// puts that meridian at the false easting 500000 m.
TEST(GaussKruger3Deg, CentralMeridianMapsToFalseEasting) {
    for (int zone = 25; zone <= 45; ++zone) {
        double cm = 3.0 * zone;
        int epsg = gauss_kruger_3deg_epsg(cm + 0.7);
        ASSERT_EQ(epsg, 4534 + zone - 25);
        CoordinateTransform to_gk(Crs::cgcs2000(), Crs::from_epsg(epsg));
        XY p = to_gk({cm, 35.0});
        EXPECT_NEAR(p.x, 500000.0, kMillimetre) << "EPSG:" << epsg;
    }
}

// --- CoordinateTransform ------------------------------------------------------------------

// DOMAIN.md §3.1, computed with PROJ cs2cs. Our x is the easting, y the northing, whatever
// the EPSG axis order says.
TEST(CoordinateTransform, Cgcs2000ToGaussKrugerMatchesReferenceValue) {
    CoordinateTransform t(Crs::cgcs2000(), Crs::from_epsg(4547));
    XY p = t({114.498916, 37.0700925});
    EXPECT_NEAR(p.x, 544368.7048, kMillimetre);
    EXPECT_NEAR(p.y, 4104406.1673, kMillimetre);
}

TEST(CoordinateTransform, ZonePrefixedCrsAddsZoneToEasting) {
    CoordinateTransform t(Crs::cgcs2000(), Crs::from_epsg(4526));
    XY p = t({114.498916, 37.0700925});
    EXPECT_NEAR(p.x, 38544368.7048, kMillimetre);
    EXPECT_NEAR(p.y, 4104406.1673, kMillimetre);
}

TEST(CoordinateTransform, InverseRoundTripsToTheMillimetre) {
    CoordinateTransform forward(Crs::cgcs2000(), Crs::from_epsg(4547));
    CoordinateTransform inverse(Crs::from_epsg(4547), Crs::cgcs2000());
    XY ll = inverse({544368.7048, 4104406.1673});
    EXPECT_NEAR(ll.x, 114.498916, 1e-8);  // 1e-8° ~ 1 mm
    EXPECT_NEAR(ll.y, 37.0700925, 1e-8);
    for (double e = 420000; e <= 680000; e += 65000) {
        for (double n = 3000000; n <= 5000000; n += 500000) {
            XY back = forward(inverse({e, n}));
            EXPECT_NEAR(back.x, e, kMillimetre);
            EXPECT_NEAR(back.y, n, kMillimetre);
        }
    }
}

TEST(CoordinateTransform, Gcj02SourceRemovesTheOffsetBeforeProjecting) {
    CoordinateTransform from_gcj(Crs::gcj02(), Crs::from_epsg(4547));
    CoordinateTransform from_cgcs(Crs::cgcs2000(), Crs::from_epsg(4547));
    const XY gcj{114.5049, 37.0712};
    XY expected = from_cgcs(gcj02_to_wgs84(gcj));
    XY actual = from_gcj(gcj);
    EXPECT_NEAR(actual.x, expected.x, kMillimetre);
    EXPECT_NEAR(actual.y, expected.y, kMillimetre);
    // ... and the offset matters: treating the GCJ-02 point as CGCS2000 is hundreds of metres off.
    XY naive = from_cgcs(gcj);
    EXPECT_GT(std::hypot(naive.x - actual.x, naive.y - actual.y), 100.0);
}

TEST(CoordinateTransform, Bd09SourceRemovesBothOffsets) {
    CoordinateTransform from_bd(Crs::bd09(), Crs::from_epsg(4547));
    CoordinateTransform from_cgcs(Crs::cgcs2000(), Crs::from_epsg(4547));
    const XY bd{114.5114, 37.0771};
    XY expected = from_cgcs(bd09_to_wgs84(bd));
    XY actual = from_bd(bd);
    EXPECT_NEAR(actual.x, expected.x, kMillimetre);
    EXPECT_NEAR(actual.y, expected.y, kMillimetre);
}

TEST(CoordinateTransform, ProjectedToGcj02AppliesTheOffsetLast) {
    CoordinateTransform to_gcj(Crs::from_epsg(4547), Crs::gcj02());
    CoordinateTransform to_cgcs(Crs::from_epsg(4547), Crs::cgcs2000());
    XY p{544368.7048, 4104406.1673};
    XY expected = wgs84_to_gcj02(to_cgcs(p));
    XY actual = to_gcj(p);
    EXPECT_NEAR(actual.x, expected.x, 1e-9);
    EXPECT_NEAR(actual.y, expected.y, 1e-9);
}

TEST(CoordinateTransform, Wgs84AndCgcs2000AreTreatedAsIdentical) {
    CoordinateTransform t(Crs::wgs84(), Crs::cgcs2000());
    XY p{114.498916, 37.0700925};
    EXPECT_EQ(t(p), p);
}

TEST(CoordinateTransform, NonFiniteInputIsRejected) {
    CoordinateTransform t(Crs::cgcs2000(), Crs::from_epsg(4547));
    double x = std::numeric_limits<double>::quiet_NaN(), y = 37.0;
    EXPECT_FALSE(t.transform(x, y));
    EXPECT_THROW((void)t({std::numeric_limits<double>::infinity(), 37.0}), CrsError);
}

TEST(CoordinateTransform, ApplyTransformsEveryVertex) {
    CoordinateTransform t(Crs::cgcs2000(), Crs::from_epsg(4547));
    Geometry g = test::wkt("LINESTRING (114.498916 37.0700925, 114.6 37.2)");
    Geometry projected = t.apply(g);
    Envelope e = projected.envelope();
    XY second = t({114.6, 37.2});
    EXPECT_NEAR(e.min_x, 544368.7048, kMillimetre);
    EXPECT_NEAR(e.min_y, 4104406.1673, kMillimetre);
    EXPECT_NEAR(e.max_x, second.x, kMillimetre);
    EXPECT_NEAR(e.max_y, second.y, kMillimetre);
}

TEST(CoordinateTransform, ApplyThrowsGeometryErrorOnBadCoordinate) {
    CoordinateTransform t(Crs::cgcs2000(), Crs::from_epsg(4547));
    Geometry g = Geometry::point({114.5, std::numeric_limits<double>::infinity()});
    EXPECT_THROW((void)t.apply(g), GeometryError);
}

TEST(CoordinateTransform, MoveKeepsTheTransformation) {
    CoordinateTransform a(Crs::cgcs2000(), Crs::from_epsg(4547));
    CoordinateTransform b = std::move(a);
    XY p = b({114.498916, 37.0700925});
    EXPECT_NEAR(p.x, 544368.7048, kMillimetre);
    EXPECT_EQ(b.target(), Crs::from_epsg(4547));
}

}  // namespace
}  // namespace respgrid::geo
