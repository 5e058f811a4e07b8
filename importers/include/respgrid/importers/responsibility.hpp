#pragma once
// Responsibility layers and the precedence rules file (grids/responsibility.hpp).
//
// Layers come from any OGR-readable file in any CRS and are brought into the working CRS:
//   * area layers: polygons (leader areas, department sections, institutions);
//   * line layers: lines (road sections, shop frontages), buffered in the working CRS by
//     `buffer_m` on either side with flat ends and round joins, so consecutive sections of a road
//     meet at their stakes without overlapping.
// Fields (case-insensitive; Chinese aliases accepted):
//   owner_id (责任人编号, 责任单位编号, 编号)  required: an owner id of the roster
//   label (name, 名称, 路段)  e.g. "S207 K12-K15"
//   categories (类别, 问题类别)  category codes separated by ; , ； ， 、 | or spaces; empty = all
//   valid_from (起始日期)  valid_to (终止日期)  days of the project's zone (`zone`) in any form
//     grids::parse_time reads, both included; empty = open
// Features without an owner, with a malformed date or validity, or whose geometry is not of the
// layer's kind are rejected with their feature id and reason; the rest import.
//
// Rules file (JSON):
//   { "rules": [ { "category": "06013", "layers": ["road_sections", "category"],
//                  "mode": "sole", "territory": "fallback" },
//                { "category": "*", "layers": ["leader_areas", "category"], "mode": "shared" } ] }
// Keys of a rule: category (a code, a prefix ending in *, or *; required), layers (required,
// names of the project's layers and "category"), mode (sole|shared, default sole), territory
// (always|fallback|category, default category: as the category's territory_answers says). Any
// other key, a wrong type or value, or an unknown layer is an InputError naming the file and key.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::importers {

struct ResponsibilityLayerOptions {
    std::string path;
    std::string layer;  // the OGR layer; empty: the first
    std::string name;   // the responsibility layer's name in the project; empty: the file's stem
    grids::LayerKind kind = grids::LayerKind::Area;
    double buffer_m = 10.0;  // line layers
    std::string owner_field;       // empty: owner_id or an alias
    std::string label_field;       // empty: label, name or an alias
    std::optional<geo::Crs> source_crs;
    geo::Crs target_crs = geo::Crs::cgcs2000();
    grids::UtcOffset zone = grids::kChinaTime;  // the project's time zone
};

struct ResponsibilityImport {
    grids::ResponsibilityLayer layer;
    std::vector<grids::ResponsibilityFeature> features;
    std::vector<geo::Geometry> lines;  // line layers: the line of each feature (working CRS)
    std::vector<long long> fids;       // the source feature id of each feature
    std::vector<Reject> rejects;
    std::size_t features_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the attributes'; GB18030 was transcoded
};

ResponsibilityImport read_responsibility_layer(const ResponsibilityLayerOptions& options);

// Parses and checks a rules document; `source` names it in errors. `layer_names`: the project's
// area and line layers. Throws InputError naming the source and the key.
grids::RuleSet parse_rules(const std::string& json_text, const std::string& source,
                           std::span<const std::string> layer_names);
// Reads the file and parses it; the RuleSet's source is the file's name (without folders).
grids::RuleSet read_rules(const std::string& path, std::span<const std::string> layer_names);

}  // namespace respgrid::importers
