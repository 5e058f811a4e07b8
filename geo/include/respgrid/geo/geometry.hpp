#pragma once
// A move-only owner of a GEOS geometry, and the few GEOS operations the engine needs.
//
// GEOS is used through its reentrant C API only. Each thread has its own GEOS context
// (created on first use, destroyed at thread exit); a Geometry must be used and destroyed on
// the thread that created it. Every GEOS failure becomes a GeometryError carrying GEOS's own
// message, immediately, so the rest of the code sees values or exceptions, never codes.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/xy.hpp"

struct GEOSGeom_t;
struct GEOSPrepGeom_t;
typedef struct GEOSContextHandle_HS* GEOSContextHandle_t;

namespace respgrid::geo {

// The calling thread's GEOS context.
GEOSContextHandle_t geos_context();

struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeom_t* g) const noexcept;
};

class Geometry {
public:
    Geometry() = default;
    // Takes ownership of a geometry created in this thread's context; throws GeometryError
    // with GEOS's message when `owned` is null (the failed call is named by `operation`).
    static Geometry adopt(GEOSGeom_t* owned, std::string_view operation);

    static Geometry from_wkb(std::span<const std::uint8_t> wkb);
    static Geometry from_wkt(std::string_view wkt);
    static Geometry rectangle(double min_x, double min_y, double max_x, double max_y);
    static Geometry point(XY p);
    // Builds a (multi)polygon from rings: one entry per polygon, exterior ring first.
    static Geometry from_polygons(const std::vector<PolygonRings>& polygons);
    static Geometry empty_multipolygon();

    [[nodiscard]] bool is_null() const { return !geom_; }
    [[nodiscard]] const GEOSGeom_t* get() const { return geom_.get(); }
    [[nodiscard]] Geometry clone() const;

    [[nodiscard]] std::vector<std::uint8_t> to_wkb() const;
    [[nodiscard]] std::string to_wkt(int decimals = -1) const;
    [[nodiscard]] std::string type_name() const;

    [[nodiscard]] bool is_empty() const;
    [[nodiscard]] bool is_valid() const;
    // GEOS's reason and location, e.g. "Ring Self-intersection[114.06 33.58]"; "Valid Geometry" if valid.
    [[nodiscard]] std::string validity_reason() const;
    // The same as a value: GEOS's reason without the location, and the location apart.
    struct Validity {
        bool valid = true;
        std::string reason;  // e.g. "Ring Self-intersection"; empty when valid
        XY location;         // where GEOS found it (meaningful only when !valid)
    };
    [[nodiscard]] Validity validity() const;
    [[nodiscard]] double area() const;
    [[nodiscard]] double length() const;  // perimeter for polygons
    [[nodiscard]] Envelope envelope() const;
    [[nodiscard]] std::size_t num_geometries() const;  // 1 for a single geometry
    [[nodiscard]] Geometry part(std::size_t i) const;  // a copy of the i-th part

    // GEOS MakeValid ("linework" method: keeps what the input rings enclose an odd number of
    // times, so both lobes of a bow tie but not an area a ring loops around twice; see
    // geo::enclosed_area for what the drawing claims).
    [[nodiscard]] Geometry make_valid() const;
    // The polygonal parts only, always as a MultiPolygon (possibly empty): drops the points
    // and lines that overlay or make-valid can leave behind.
    [[nodiscard]] Geometry polygonal() const;
    // Every polygon as coordinate rings (exterior first); holes and multi-parts kept.
    [[nodiscard]] std::vector<PolygonRings> polygons() const;

    [[nodiscard]] Geometry intersection(const Geometry& other) const;
    // Fast clipping to an axis-aligned rectangle (GEOS RectangleIntersection). Exact where every
    // crossing of the boundary with the rectangle's edges is already a vertex; the result can be
    // invalid in degenerate cases, which callers check.
    [[nodiscard]] Geometry clip_by_rect(const Envelope& box) const;
    [[nodiscard]] Geometry union_with(const Geometry& other) const;
    [[nodiscard]] Geometry boundary() const;
    // Length of the boundary the two polygonal geometries share (0 when they only touch at points).
    [[nodiscard]] double shared_boundary_length(const Geometry& other) const;
    [[nodiscard]] Geometry difference(const Geometry& other) const;
    [[nodiscard]] Geometry point_on_surface() const;
    // Radius of the largest circle inside the polygon(s), within `tolerance`: half the width of
    // the widest place of a sliver (GEOS MaximumInscribedCircle).
    [[nodiscard]] double max_inscribed_radius(double tolerance) const;
    // The centre of that circle: a point well inside, not on an edge.
    [[nodiscard]] XY max_inscribed_centre(double tolerance) const;
    // Vertices and segments moved onto `reference` where within `tolerance` (GEOS Snap). The
    // result may be invalid; callers repair it.
    [[nodiscard]] Geometry snapped_to(const Geometry& reference, double tolerance) const;
    // Round buffer (8 segments per quarter circle); a negative distance erodes.
    [[nodiscard]] Geometry buffer(double distance) const;
    // Buffer of a line with flat ends (the buffer stops square at the line's end points) and
    // round joins, 8 segments per quarter circle: a road section's corridor that does not reach
    // past its end stakes into the next section.
    [[nodiscard]] Geometry buffer_flat_ends(double distance) const;
    [[nodiscard]] double distance(const Geometry& other) const;
    [[nodiscard]] bool intersects(const Geometry& other) const;
    // Interiors share area (the polygons overlap, not merely touch).
    [[nodiscard]] bool interiors_intersect(const Geometry& other) const;

    // Returns a copy with every coordinate passed through `fn` (x, y modified in place).
    // `fn` returning false aborts with a GeometryError naming the coordinate.
    using XYTransform = std::function<bool(double& x, double& y)>;
    [[nodiscard]] Geometry transformed(const XYTransform& fn) const;

    // Union of many geometries (GEOS cascaded union).
    static Geometry union_all(std::vector<Geometry> parts);
    // Union of polygons that form a clean coverage (edges shared exactly); much faster than
    // union_all. Throws GeometryError when the input is not a clean coverage.
    static Geometry coverage_union(std::vector<Geometry> parts);
    // Union of polygons meant to tile: the coverage union when they do, the general union when
    // they overlap or their shared edges do not match. The parts are copied, not consumed.
    static Geometry union_of_tiles(std::span<const Geometry* const> parts);
    static Geometry collect(std::vector<Geometry> parts);  // a GeometryCollection / Multi*

private:
    explicit Geometry(GEOSGeom_t* g);
    std::unique_ptr<GEOSGeom_t, GeomDeleter> geom_;
};

// The ISO WKB (little-endian, 2D) of the polygon Geometry::rectangle() builds, written directly:
// byte-identical to Geometry::rectangle(...).to_wkb(), without a GEOS object.
std::vector<std::uint8_t> rectangle_wkb(const Envelope& box);

// A prepared geometry for repeated predicates against one base geometry. The base must
// outlive the PreparedGeometry (GEOS keeps a reference to it).
class PreparedGeometry {
public:
    explicit PreparedGeometry(const Geometry& base);
    ~PreparedGeometry();
    PreparedGeometry(const PreparedGeometry&) = delete;
    PreparedGeometry& operator=(const PreparedGeometry&) = delete;
    PreparedGeometry(PreparedGeometry&&) noexcept;
    PreparedGeometry& operator=(PreparedGeometry&&) = delete;

    [[nodiscard]] bool contains(const Geometry& g) const;
    // Contains without touching the boundary anywhere.
    [[nodiscard]] bool contains_properly(const Geometry& g) const;
    [[nodiscard]] bool covers(const Geometry& g) const;
    [[nodiscard]] bool intersects(const Geometry& g) const;

private:
    GEOSContextHandle_t ctx_ = nullptr;
    const GEOSPrepGeom_t* prepared_ = nullptr;
};

}  // namespace respgrid::geo
