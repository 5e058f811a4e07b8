#pragma once
// What both kinds of sheet draw: units as plain rings, boundaries, roads and rivers, issues,
// area labels (village or township names), the symbol key, the footer and the file name.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "map_cairo.hpp"
#include "map_draw.hpp"
#include "map_labels.hpp"
#include "map_legend.hpp"
#include "map_page.hpp"
#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/lines.hpp"

namespace respgrid::exporters::map {

// A unit (township, village) as the renderer uses it: plain coordinates, no GEOS object.
struct PlainUnit {
    const grids::AdminUnit* unit = nullptr;
    std::vector<geo::PolygonRings> polygons;
    geo::Envelope envelope;
    geo::XY label_point;  // well inside: the centre of the largest inscribed circle
};

PlainUnit plain_unit(const grids::AdminUnit& unit);

struct PlainLine {
    grids::LineKind kind = grids::LineKind::MinorRoad;
    std::string name;  // empty: none imported
    std::vector<Polyline> paths;
    geo::Envelope envelope;
};

// Pairs {a, b} (a < b) of units within a metre of each other. Administrative boundaries drawn
// separately rarely share their vertices exactly, so this asks GEOS, not the vertices.
std::vector<std::pair<std::size_t, std::size_t>> touching_units(std::span<const PlainUnit> units);

// The lines that meet `view` (working CRS). `with_minor_roads` false drops minor roads (overview).
std::vector<PlainLine> plain_lines(std::span<const grids::LineFeature> lines, const geo::Envelope& view,
                                   bool with_minor_roads);

// Strokes the units' outlines.
struct Stroke {
    RgbColour colour;
    double width = 1;
    double dash = 0;  // 0 = solid
};
void stroke_units(cairo_t* cr, std::span<const PlainUnit> units, const PageTransform& t, const Stroke& stroke);

void draw_lines(cairo_t* cr, std::span<const PlainLine> lines, const PageTransform& t);
void draw_issues(cairo_t* cr, std::span<const geo::XY> positions, const PageTransform& t, const geo::Envelope& view);
// The issues' positions (working CRS).
std::vector<geo::XY> issue_positions(std::span<const LocatedIssue> issues);

// The key symbols of what draw_lines, stroke_units and draw_issues draw.
std::vector<KeySymbol> line_key(bool village_boundaries, bool minor_roads, bool sections, bool issues);
inline constexpr Stroke kTownshipBoundary{{0.10, 0.10, 0.10}, 2.2, 0};
inline constexpr Stroke kVillageBoundary{{0.30, 0.30, 0.30}, 0.8, 3};
inline constexpr Stroke kGridBoundary{{0.85, 0.0, 0.85}, 0.25, 0};
inline constexpr Stroke kWorkerBorder{{0.25, 0.25, 0.25}, 0.7, 0};
inline constexpr Stroke kNeighbourBoundary{{0.60, 0.60, 0.60}, 1.2, 0};
inline constexpr Stroke kCountyBoundary{{0.10, 0.10, 0.10}, 3.0, 0};

// Places each unit's name at its label point (bold, `size_pt`), where it meets no label already
// placed; returns how many were placed.
std::size_t place_unit_names(TextPen& pen, LabelPlacer& placer, std::span<const PlainUnit> units, LabelKind kind,
                             double size_pt, const PageTransform& t);

// Draws the placed labels: names bold with a halo, grid codes plain.
void draw_labels(cairo_t* cr, TextPen& pen, const std::vector<PlacedLabel>& labels);
// The font size each label kind is placed and drawn at.
double label_size(LabelKind kind);

// The county's name for titles: the option's, else the county unit's.
std::string county_name_of(const ProjectLayers& layers, const MapOptions& options);
// The footer line naming the working CRS.
std::string crs_line(const geo::Crs& crs);

// The sheet's date: the one asked for, or today in the project's zone.
grids::Date sheet_date(const MapOptions& options);

// The frame line around the map.
void draw_frame(cairo_t* cr, const PageBox& frame);

}  // namespace respgrid::exporters::map
