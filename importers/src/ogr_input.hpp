#pragma once
// Reading OGR features shared by the importers: which CRS a layer is in, field look-up, codes
// stored as numbers, and a feature's geometry brought into the working CRS.

#include <ogrsf_frmts.h>

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/geometry.hpp"

namespace respgrid::importers::detail {

// The CRS given by the user, else the layer's own; InputError asking for --crs when neither.
geo::Crs resolve_source_crs(OGRLayer& layer, const std::string& path, const std::optional<geo::Crs>& given);

// The field's index; InputError listing the fields present when it is missing.
int field_index(OGRLayer& layer, const std::string& path, const std::string& name);

// A code field as text: numeric fields (common in Shapefiles) without a trailing ".0".
std::string code_text(OGRFeature& f, int field);

// A field as trimmed text ("" when null).
std::string text_of(OGRFeature& f, int field);

struct GeometryIn {
    geo::Geometry geometry;  // working CRS; null when `problem` says why the feature is unusable
    std::string problem;     // reject reason
    std::string repair;      // what was repaired, when the geometry was accepted after repair
    geo::Geometry as_shipped;  // working CRS, unrepaired; null unless the source was invalid
};

// Brings feature geometries into the working CRS. Polygons are checked and repaired (GEOS
// MakeValid) in the source CRS, where they were drawn: a datum shift such as GCJ-02 -> CGCS2000
// bends straight lines slightly, which would turn a zero-area spike into a real sliver. Lines
// and polygons from a geographic source are densified to ~100 m before transforming, so an
// edge straight in the source follows its true path and a neighbour's vertex that lay on it
// stays on it (to micrometres). Before that, a lon/lat feature must lie within -180..180,
// -90..90 and span at most 10°, and every feature at most 1,200 km in the working CRS:
// otherwise it is rejected (`problem` names the coordinate), never densified.
class FeatureGeometryReader {
public:
    FeatureGeometryReader(const geo::Crs& source, const geo::Crs& target);
    [[nodiscard]] GeometryIn polygons(const OGRGeometry* g) const;
    [[nodiscard]] GeometryIn lines(const OGRGeometry* g) const;
    [[nodiscard]] GeometryIn point(const OGRGeometry* g) const;

private:
    [[nodiscard]] geo::Geometry to_working(geo::Geometry g) const;
    // Why a lon/lat feature's extent cannot be right ("" when it can, or the source is projected).
    [[nodiscard]] std::string extent_problem(const OGRGeometry& g) const;
    geo::CoordinateTransform transform_;
    bool geographic_;
};

}  // namespace respgrid::importers::detail
