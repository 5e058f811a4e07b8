#pragma once
// Line responsibility layers on a township sheet: road sections (路长制) and frontages as
// translucent corridors over the grids, each with its label.

#include <span>
#include <vector>

#include "map_cairo.hpp"
#include "map_labels.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::exporters::map {

inline constexpr RgbColour kSectionOutline{0.50, 0.15, 0.60};

// The responsibility corridors (road sections) that meet `view`.
std::vector<const grids::ResponsibilityFeature*> sections_in(std::span<const grids::ResponsibilityFeature> sections,
                                                             const geo::Envelope& view);
// Translucent corridors with an outline, so the grids under them stay readable.
void draw_sections(cairo_t* cr, std::span<const grids::ResponsibilityFeature* const> sections, const PageTransform& t);
// Each section's label on its corridor's outline, where it meets no placed label.
void place_section_labels(TextPen& pen, LabelPlacer& placer, std::span<const grids::ResponsibilityFeature* const> sections,
                          const PageTransform& t);

}  // namespace respgrid::exporters::map
