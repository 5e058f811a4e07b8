#pragma once
// Line features that grids follow (roads, rivers, railways), and weighted points that measure
// workload (households, population, past issues). Working CRS.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::grids {

// Ordered by how strongly a line separates two areas: merging blocks across a minor road is
// preferred to merging across a main road, then a railway, then a river.
enum class LineKind { MinorRoad = 1, MainRoad = 2, Rail = 3, River = 4 };
std::string_view to_string(LineKind kind);  // "minor_road", "main_road", "rail", "river"
std::optional<LineKind> parse_line_kind(std::string_view text);  // also accepts "road" = main_road

struct LineFeature {
    LineKind kind = LineKind::MinorRoad;
    geo::Geometry geometry;  // LineString or MultiLineString
    // As imported (`import lines --name-field`); empty when it had none. The initialiser lets
    // `{kind, geometry}` leave it out (cutting needs no name) without a missing-initialiser warning.
    std::string name{};
};

struct WeightPoint {
    geo::XY position;
    double weight = 1.0;
};

}  // namespace respgrid::grids
