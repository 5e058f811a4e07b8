#include "default_styles.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "layer_fields.hpp"
#include "respgrid/grids/ledger.hpp"

namespace respgrid::exporters::detail {

namespace {

// DOMAIN.md §1.4: grid boundaries are drawn in magenta (品红).
constexpr Rgba kMagenta{255, 0, 255, 255};
constexpr Rgba kNone{0, 0, 0, 0};


struct Distinct {
    std::string value;  // "" for NULL
    std::string label;
};

// The distinct values of `field` with a label from `label_field` (the first one met), sorted.
std::vector<Distinct> distinct_values(GDALDataset& ds, const std::string& table, const std::string& field,
                                      const std::string& label_field) {
    OGRLayer* layer = ds.GetLayerByName(table.c_str());
    if (!layer) return {};
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    if (defn->GetFieldIndex(field.c_str()) < 0 || defn->GetFieldIndex(label_field.c_str()) < 0) return {};
    geo::GdalMessageCapture quiet;
    geo::SqlResult result(ds, "SELECT \"" + field + "\", MIN(\"" + label_field + "\") FROM \"" + table + "\" GROUP BY \"" +
                             field + "\" ORDER BY \"" + field + "\"");
    std::vector<Distinct> out;
    if (!result.get()) return out;
    for (auto& f : *result.get()) {
        Distinct d;
        if (f->IsFieldSetAndNotNull(0)) d.value = f->GetFieldAsString(0);
        if (f->IsFieldSetAndNotNull(1)) d.label = f->GetFieldAsString(1);
        if (d.value.empty()) d.label = "(未填)";
        if (d.label.empty()) d.label = d.value;
        out.push_back(std::move(d));
    }
    return out;
}

Symbol outline_only(Rgba colour, double width_mm, bool dashed = false) {
    Symbol s;
    s.kind = SymbolKind::Fill;
    s.colour = kNone;
    s.filled = false;
    s.outline = colour;
    s.width_mm = width_mm;
    s.dashed = dashed;
    return s;
}

Symbol filled(Rgba colour, Rgba outline, double width_mm) {
    Symbol s;
    s.colour = colour;
    s.outline = outline;
    s.width_mm = width_mm;
    return s;
}

Symbol alarm_fill(Rgba colour) { return filled(colour, {colour.r, colour.g, colour.b, 255}, 0.6); }

// A dot with a white rim, readable on any fill.
Symbol dot(Rgba colour, double size_mm) {
    Symbol s;
    s.kind = SymbolKind::Marker;
    s.colour = colour;
    s.outline = {255, 255, 255, 255};
    s.width_mm = size_mm / 10;
    s.size_mm = size_mm;
    return s;
}

// Categories of `field` coloured apart, each symbol made by `symbol_of(colour)`.
std::vector<StyleCategory> categories_of(const std::vector<Distinct>& values, int alpha,
                                         const std::function<Symbol(Rgba)>& symbol_of) {
    std::vector<StyleCategory> out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out.push_back({values[i].value, values[i].label, symbol_of(distinct_colour(i, alpha))});
    }
    return out;
}

LayerStyle county_style() {
    LayerStyle s{"county", "县界", SymbolKind::Fill, "", {}, outline_only({20, 20, 20, 255}, 1.0), std::nullopt};
    return s;
}

LayerStyle townships_style() {
    LayerStyle s{"townships", "乡镇/街道", SymbolKind::Fill, "", {}, outline_only({30, 30, 110, 255}, 0.7), std::nullopt};
    s.labels = LabelStyle{"\"name\"", 12, {30, 30, 110, 255}, true, 0, true};
    return s;
}

LayerStyle villages_style() {
    LayerStyle s{"villages", "村/社区", SymbolKind::Fill, "", {}, outline_only({90, 90, 90, 255}, 0.35, true),
                 std::nullopt};
    s.labels = LabelStyle{"\"name\"", 9, {60, 60, 60, 255}, false, 100000, true};
    return s;
}

// Each grid worker's area outlined over the grids (the worker sheet's atlas runs over them), named
// once the map is large enough for a village's workers.
LayerStyle worker_areas_style() {
    LayerStyle s{"worker_areas", "网格员责任区", SymbolKind::Fill, "", {}, outline_only({230, 110, 0, 255}, 0.8),
                 std::nullopt};
    s.labels = LabelStyle{"\"grid_worker\"", 9, {170, 70, 0, 255}, true, 25000, true};
    return s;
}

LayerStyle grids_style(GDALDataset& ds) {
    LayerStyle s{"grids", "网格", SymbolKind::Fill, "township_code", {}, {}, std::nullopt};
    // The townships layer lists the same codes in a few rows; grouping a million grids by their
    // township cost 0.85 s of a Zhoukou export. Without that layer, the grids themselves tell.
    auto townships = distinct_values(ds, "townships", "code", "name");
    if (townships.empty()) townships = distinct_values(ds, "grids", "township_code", "township_name");
    s.categories = categories_of(townships, 150, [](Rgba c) {
        Symbol fill = filled(c, kMagenta, 1.5);  // metres: a hairline at 1:5,000, unseen at the county's scale
        fill.width_in_metres = true;
        return fill;
    });
    // The code always; the grid worker too once the sheet is large enough to read it.
    s.labels = LabelStyle{"\"code\" || if(@map_scale <= 5000 and \"grid_worker\" is not null, '\\n' || \"grid_worker\", '')",
                          7, {0, 0, 0, 255}, false, 20000, true};
    return s;
}

LayerStyle responsibility_style(GDALDataset& ds) {
    LayerStyle s{"responsibility", "分包责任区", SymbolKind::Fill, "layer", {}, {}, std::nullopt};
    s.categories = categories_of(distinct_values(ds, "responsibility", "layer", "layer"), 90,
                                 [](Rgba c) { return filled(c, {c.r, c.g, c.b, 255}, 0.5); });
    s.labels = LabelStyle{"\"label\" || '\\n' || coalesce(\"owner\", '')", 8, {40, 40, 40, 255}, false, 25000, true};
    return s;
}

LayerStyle issues_style(GDALDataset& ds) {
    LayerStyle s{"issues", "问题", SymbolKind::Marker, "category", {}, {}, std::nullopt};
    s.categories = categories_of(distinct_values(ds, "issues", "category", "category_name"), 255,
                                 [](Rgba c) { return dot(c, 2.8); });
    s.labels = LabelStyle{"\"category_name\"", 7, {0, 0, 0, 255}, false, 10000, false};
    return s;
}

// A case's colour by status, the same in every export (a fixed table, not the distinct values'
// order): what is waiting for the fix warm, what is done green, what is off the books grey.
Rgba status_colour(grids::CaseStatus status) {
    switch (status) {
        case grids::CaseStatus::Logged: return {110, 110, 230, 255};
        case grids::CaseStatus::Dispatched: return {30, 120, 230, 255};
        case grids::CaseStatus::InProgress: return {255, 150, 0, 255};
        case grids::CaseStatus::Fixed: return {130, 200, 60, 255};
        case grids::CaseStatus::Checked: return {0, 150, 110, 255};
        case grids::CaseStatus::Closed: return {150, 150, 150, 255};
        case grids::CaseStatus::Rejected: return {120, 90, 60, 255};
        case grids::CaseStatus::Reopened: return {200, 0, 160, 255};
    }
    return {200, 200, 200, 255};
}

// The ledger's cases: a dot per status, and a red ring around every overdue one whatever its
// status (a rule-based style, qgis_style.hpp StyleEmphasis), so a late case stands out at once.
LayerStyle cases_style(GDALDataset& ds) {
    LayerStyle s{"cases", "督办案卷", SymbolKind::Marker, "status", {}, {}, std::nullopt};
    // In the workflow's order (立案 first), not the names' alphabetical one: the legend reads as the case moves.
    auto values = distinct_values(ds, "cases", "status", "status_zh");
    const auto rank = [](const Distinct& d) {
        const auto status = grids::parse_case_status(d.value);
        return status ? static_cast<int>(*status) : static_cast<int>(std::size(grids::kCaseStatuses));
    };
    std::stable_sort(values.begin(), values.end(), [&](const Distinct& a, const Distinct& b) { return rank(a) < rank(b); });
    for (const auto& d : values) {
        const auto status = grids::parse_case_status(d.value);
        s.categories.push_back({d.value, d.label, dot(status ? status_colour(*status) : Rgba{200, 200, 200, 255}, 3.2)});
    }
    Symbol ring = dot({0, 0, 0, 0}, 5.6);
    ring.outline = {230, 0, 0, 255};
    ring.width_mm = 0.9;
    s.emphasis = StyleEmphasis{"\"overdue\" = 1", "超期（红圈）", ring};
    s.labels = LabelStyle{"\"number\"", 7, {0, 0, 0, 255}, false, 10000, false};
    return s;
}

// The audit's defect layers: red for what is missing or broken, orange for doubled, purple for
// what lies outside its parent; always on top, so they are seen first.
std::vector<LayerStyle> defect_styles() {
    const LabelStyle area{"\"kind\" || ' ' || round(\"area_m2\", 1) || ' m²'", 8, {160, 0, 0, 255}, true, 50000, true};
    std::vector<LayerStyle> out = {
        {"invalid", "无效图形", SymbolKind::Marker, "", {}, dot({200, 0, 200, 255}, 4.0),
         LabelStyle{"\"detail\"", 8, {120, 0, 120, 255}, true, 50000, false}},
        {"gaps", "缝隙", SymbolKind::Fill, "", {}, alarm_fill({230, 0, 0, 170}), area},
        {"overlaps", "重叠", SymbolKind::Fill, "", {}, alarm_fill({255, 140, 0, 170}), area},
        {"spill", "越界", SymbolKind::Fill, "", {}, alarm_fill({150, 0, 200, 170}), area},
        {"nesting", "上下级不一致", SymbolKind::Fill, "", {}, alarm_fill({200, 0, 90, 170}), area},
        {"ownership", "责任人缺失", SymbolKind::Fill, "", {}, alarm_fill({255, 200, 0, 140}),
         LabelStyle{"\"problems\"", 8, {140, 70, 0, 255}, false, 50000, true}},
    };
    return out;
}

// The titles of the layer's fields that `ds` really has, as QGIS field aliases.
std::vector<FieldAlias> aliases_of(GDALDataset& ds, const std::string& layer_name) {
    std::vector<FieldAlias> out;
    OGRLayer* layer = ds.GetLayerByName(layer_name.c_str());
    if (!layer) return out;
    for (const auto& f : fields_of_layer(layer_name)) {
        if (!f.alias.empty() && layer->GetLayerDefn()->GetFieldIndex(f.name.c_str()) >= 0) {
            out.push_back({f.name, f.alias});
        }
    }
    return out;
}

}  // namespace

Rgba distinct_colour(std::size_t i, int alpha) {
    // Golden-angle hue steps keep consecutive categories far apart; lightness alternates so that
    // two similar hues a full turn apart still differ.
    const double hue = std::fmod(static_cast<double>(i) * 137.508, 360.0);
    const double s = 0.55, v = (i / 3) % 2 == 0 ? 0.95 : 0.80;
    const double c = v * s, h = hue / 60.0, x = c * (1 - std::fabs(std::fmod(h, 2.0) - 1)), m = v - c;
    double r = 0, g = 0, b = 0;
    if (h < 1) r = c, g = x;
    else if (h < 2) r = x, g = c;
    else if (h < 3) g = c, b = x;
    else if (h < 4) g = x, b = c;
    else if (h < 5) r = x, b = c;
    else r = c, b = x;
    auto byte = [m](double u) { return static_cast<int>(std::lround((u + m) * 255)); };
    return {byte(r), byte(g), byte(b), alpha};
}

std::vector<LayerStyle> default_styles(GDALDataset& ds) {
    std::vector<LayerStyle> candidates = defect_styles();
    candidates.push_back(cases_style(ds));
    candidates.push_back(issues_style(ds));
    candidates.push_back(county_style());
    candidates.push_back(townships_style());
    candidates.push_back(villages_style());
    candidates.push_back(worker_areas_style());
    candidates.push_back(responsibility_style(ds));
    candidates.push_back(grids_style(ds));
    std::vector<LayerStyle> out;
    for (auto& s : candidates) {
        if (!ds.GetLayerByName(s.layer.c_str())) continue;
        s.aliases = aliases_of(ds, s.layer);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace respgrid::exporters::detail
