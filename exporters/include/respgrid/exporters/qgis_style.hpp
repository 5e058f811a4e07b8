#pragma once
// A QGIS layer style as plain values, and the QML text QGIS 3.22 reads back: single or
// categorised symbols (fill, line or marker), simple labels, optionally limited to large
// scales, and the fields' Chinese titles as QGIS field aliases. The same elements go into a
// `.qml` file beside a shapefile, into a GeoPackage's `layer_styles` table and into the layers
// of a stored QGIS project, so a layer looks (and is titled) the same however it is opened.
// What QGIS accepts is measured in ../shared/docs/QGIS_FORMATS.md.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace respgrid::exporters {

struct Rgba {
    int r = 0, g = 0, b = 0, a = 255;
};

enum class SymbolKind { Fill, Line, Marker };

struct Symbol {
    SymbolKind kind = SymbolKind::Fill;
    Rgba colour{200, 200, 200, 255};  // fill, line or marker colour
    Rgba outline{35, 35, 35, 255};    // fill and marker outline
    double width_mm = 0.26;           // outline of a fill or marker, width of a line
    // Widths in metres on the ground instead of millimetres on the sheet: thin lines that fade
    // out when zoomed out (a county's 100 m grid borders would otherwise paint it magenta).
    bool width_in_metres = false;
    bool filled = true;               // false: a fill symbol draws its outline only
    bool dashed = false;              // outline or line drawn dashed
    double size_mm = 2.6;             // marker diameter
};

struct StyleCategory {
    std::string value;  // the attribute value; "" matches every other value (QGIS's rule)
    std::string label;  // legend text
    Symbol symbol;
};

// A symbol drawn over the categories' for the features an expression picks, e.g. a red ring
// around overdue cases whatever their status. A style with one is written as QGIS's rule-based
// renderer: one rule per category (`"attribute" = 'value'`, the "" category an ELSE rule), then
// this rule; every rule a feature matches is drawn, so the emphasis adds to the category's symbol.
struct StyleEmphasis {
    std::string filter;  // a QGIS expression, fields "double-quoted", e.g. "overdue" = 1
    std::string label;   // legend text
    Symbol symbol;
};

struct LabelStyle {
    std::string expression;  // a QGIS expression, e.g. "code" or "code" || '\n' || "name"
    double size_pt = 9;
    Rgba colour{0, 0, 0, 255};
    bool bold = false;
    double max_scale = 0;  // shown only at scales larger than 1:max_scale; 0: always
    bool over_point = true;  // polygons: on the inside point; points: around the point
};

// A field's title shown by QGIS instead of its name (attribute table, identify, forms).
struct FieldAlias {
    std::string field;
    std::string title;
};

struct LayerStyle {
    std::string layer;        // the table / file stem it belongs to
    std::string title;        // the name shown in QGIS's layer list (Chinese)
    SymbolKind geometry = SymbolKind::Fill;
    std::string attribute;    // categorised on this field; empty: one symbol for all
    std::vector<StyleCategory> categories;
    Symbol single;            // the symbol when `attribute` is empty
    std::optional<LabelStyle> labels;
    std::vector<FieldAlias> aliases = {};  // written with the style (QGIS's "Fields" category)
    std::optional<StyleEmphasis> emphasis = {};  // categories only
};

// The font family written into labels. QGIS substitutes the system's default font when a
// family is missing, and Qt falls back to an installed CJK font for Chinese glyphs.
inline constexpr const char* kLabelFont = "WenQuanYi Zen Hei";

// A whole QML document, as QGIS writes for "Save style": applied automatically when it lies
// beside a shapefile, GeoJSON or FlatGeobuf file of the same stem. Built as an XML tree
// (exporters/src/xml_tree.hpp): any text in the style, control characters included, gives a
// well-formed document.
std::string qml_document(const LayerStyle& style);

// The style with field names replaced (the Shapefile's 10-character names): in the categorised
// attribute, in every "quoted" field of the label expression and of the emphasis filter, and in
// the aliases.
LayerStyle with_renamed_fields(LayerStyle style, const std::map<std::string, std::string>& renamed);

}  // namespace respgrid::exporters
