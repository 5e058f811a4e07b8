#pragma once
// Coordinate reference systems as users name them, and transformations between them.
//
// Accepted names (case-insensitive): "EPSG:n" or a bare number n; "wgs84" (EPSG:4326);
// "cgcs2000" (EPSG:4490); "gcj02" / "gcj-02" (Amap, Tencent, WeChat); "bd09" / "bd-09"
// (Baidu). Besides them, every explicit definition PROJ reads: AUTH:CODE of any authority
// (ESRI:102100, IGNF:LAMB93), OGC URNs and URLs (urn:ogc:def:crs:EPSG::4547), PROJ strings
// (+proj=tmerc ...), WKT 1 or 2 and PROJJSON. A bare CRS name ("Xian 1980") is refused: PROJ would
// look it up approximately, and a typo could find a CRS on another planet. A CRS must have
// horizontal coordinates: a vertical or geocentric one is refused; of a compound CRS (horizontal +
// height) the horizontal part is kept, the engine being 2D. A definition PROJ identifies as an
// EPSG CRS becomes that EPSG code. A CRS can also come as WKT from a file (an OGR layer's spatial
// reference). GCJ-02 and BD-09 are handled in china_offsets.hpp and chained with PROJ through
// CGCS2000.
//
// Axis order: every transformation here takes and returns x = easting/longitude,
// y = northing/latitude, whatever the EPSG definition says (PROJ's "visualization" order).

#include <memory>
#include <string>
#include <string_view>

#include "respgrid/geo/xy.hpp"

namespace respgrid::geo {

class Geometry;

enum class CrsKind { Epsg, Wkt, Gcj02, Bd09 };

struct Crs {
    CrsKind kind = CrsKind::Epsg;
    int epsg = 0;          // for Epsg
    std::string wkt;       // for Wkt: the definition PROJ is given
    std::string label{};   // for Wkt: how the user named it (ESRI:102100, a PROJ string); "" = "WKT"

    static Crs from_epsg(int code) { return Crs{CrsKind::Epsg, code, {}}; }
    static Crs cgcs2000() { return from_epsg(4490); }
    static Crs wgs84() { return from_epsg(4326); }
    static Crs gcj02() { return Crs{CrsKind::Gcj02, 0, {}}; }
    static Crs bd09() { return Crs{CrsKind::Bd09, 0, {}}; }

    // "EPSG:4547", "gcj02", "bd09"; for a Wkt CRS its label: AUTH:CODE, the PROJ string as given
    // (both parse back to the same CRS), WKT "its name", or "WKT" for a layer's CRS.
    [[nodiscard]] std::string name() const;
    // True for lon/lat CRSs (including GCJ-02 and BD-09), false for projected ones.
    [[nodiscard]] bool is_geographic() const;
    friend bool operator==(const Crs& a, const Crs& b) = default;
};

// Parses a user-supplied CRS (see above); throws CrsError naming the text when it is not one, or
// has no horizontal coordinates.
Crs parse_crs(std::string_view text);

// The CGCS2000 3-degree Gauss-Krüger CRS (no zone prefix, EPSG:4534-4554) whose central
// meridian is nearest to `longitude`; a longitude exactly between two zones (n*3 + 1.5) goes to
// the eastern one. Throws CrsError outside [73.5, 136.5) E.
int gauss_kruger_3deg_epsg(double longitude);

// A transformation from one Crs to another. Not thread-safe: one object per thread.
class CoordinateTransform {
public:
    CoordinateTransform(const Crs& source, const Crs& target);
    ~CoordinateTransform();
    CoordinateTransform(const CoordinateTransform&) = delete;
    CoordinateTransform& operator=(const CoordinateTransform&) = delete;
    CoordinateTransform(CoordinateTransform&&) noexcept;
    CoordinateTransform& operator=(CoordinateTransform&&) noexcept;

    // Transforms in place; false when the point cannot be transformed (outside the CRS's
    // domain, non-finite input).
    bool transform(double& x, double& y) const;
    // Throws CrsError naming the coordinate when it cannot be transformed.
    [[nodiscard]] XY operator()(XY p) const;
    // Every coordinate of `g` transformed; throws GeometryError naming the first bad one.
    [[nodiscard]] Geometry apply(const Geometry& g) const;

    [[nodiscard]] const Crs& source() const { return source_; }
    [[nodiscard]] const Crs& target() const { return target_; }

private:
    struct Impl;
    Crs source_;
    Crs target_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace respgrid::geo
