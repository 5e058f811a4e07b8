#include "respgrid/exporters/qgis_style.hpp"

#include <sstream>

#include "qgis_style_xml.hpp"

namespace respgrid::exporters {

namespace {

using detail::XmlElement;

std::string rgba(const Rgba& c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void prop(XmlElement& layer, const char* key, const std::string& value) {
    layer.add("prop").set("k", key).set("v", value);
}

// One <symbol> with one symbol layer, in the legacy <prop k= v=> form every QGIS 3 reads.
void add_symbol(XmlElement symbols, const Symbol& s, const std::string& name) {
    const char* type = s.kind == SymbolKind::Fill ? "fill" : s.kind == SymbolKind::Line ? "line" : "marker";
    XmlElement symbol = symbols.add("symbol");
    symbol.set("type", type).set("name", name).set("alpha", "1").set("clip_to_extent", "1").set("force_rhr", "0");
    const char* layer_class = s.kind == SymbolKind::Fill   ? "SimpleFill"
                              : s.kind == SymbolKind::Line ? "SimpleLine"
                                                           : "SimpleMarker";
    XmlElement layer = symbol.add("layer");
    layer.set("class", layer_class).set("enabled", "1").set("locked", "0").set("pass", "0");
    const std::string dash = s.dashed ? "dash" : "solid";
    switch (s.kind) {
        case SymbolKind::Fill:
            prop(layer, "color", rgba(s.colour));
            prop(layer, "style", s.filled ? "solid" : "no");
            prop(layer, "outline_color", rgba(s.outline));
            prop(layer, "outline_style", dash);
            prop(layer, "outline_width", number(s.width_mm));
            prop(layer, "outline_width_unit", s.width_in_metres ? "RenderMetersInMapUnits" : "MM");
            prop(layer, "joinstyle", "miter");
            break;
        case SymbolKind::Line:
            prop(layer, "line_color", rgba(s.colour));
            prop(layer, "line_style", dash);
            prop(layer, "line_width", number(s.width_mm));
            prop(layer, "line_width_unit", "MM");
            prop(layer, "capstyle", "round");
            prop(layer, "joinstyle", "round");
            break;
        case SymbolKind::Marker:
            prop(layer, "name", "circle");
            prop(layer, "color", rgba(s.colour));
            prop(layer, "outline_color", rgba(s.outline));
            prop(layer, "outline_style", "solid");
            prop(layer, "outline_width", number(s.width_mm));
            prop(layer, "outline_width_unit", "MM");
            prop(layer, "size", number(s.size_mm));
            prop(layer, "size_unit", "MM");
            break;
    }
}

// A QGIS expression's "field" and 'literal', their quotes doubled inside.
std::string quoted(const std::string& text, char quote) {
    std::string out(1, quote);
    for (char c : text) out += c == quote ? std::string(2, c) : std::string(1, c);
    return out + quote;
}

// QGIS's rule-based renderer: one rule per category, then the emphasis (qgis_style.hpp). Rule
// keys only need to be unique within the style.
void add_rule_renderer(XmlElement parent, const LayerStyle& style) {
    XmlElement renderer = parent.add("renderer-v2");
    renderer.set("type", "RuleRenderer").set("symbollevels", "0").set("forceraster", "0").set("enableorderby", "0");
    XmlElement rules = renderer.add("rules").set("key", "{respgrid-root}");
    std::size_t i = 0;
    for (; i < style.categories.size(); ++i) {
        const auto& c = style.categories[i];
        XmlElement rule = rules.add("rule");
        // QGIS writes ELSE for "every other value": the "" category of a categorised style.
        rule.set("filter", c.value.empty() ? std::string("ELSE")
                                           : quoted(style.attribute, '"') + " = " + quoted(c.value, '\''));
        rule.set("symbol", std::to_string(i)).set("label", c.label).set("key", "{respgrid-" + std::to_string(i) + "}");
    }
    const StyleEmphasis& emphasis = *style.emphasis;
    rules.add("rule")
        .set("filter", emphasis.filter)
        .set("symbol", std::to_string(i))
        .set("label", emphasis.label)
        .set("key", "{respgrid-emphasis}");
    XmlElement symbols = renderer.add("symbols");
    for (std::size_t k = 0; k < style.categories.size(); ++k) {
        add_symbol(symbols, style.categories[k].symbol, std::to_string(k));
    }
    add_symbol(symbols, emphasis.symbol, std::to_string(i));
}

void add_renderer(XmlElement parent, const LayerStyle& style) {
    if (style.emphasis && !style.attribute.empty()) {
        add_rule_renderer(parent, style);
        return;
    }
    XmlElement renderer = parent.add("renderer-v2");
    renderer.set("type", style.attribute.empty() ? "singleSymbol" : "categorizedSymbol");
    if (!style.attribute.empty()) renderer.set("attr", style.attribute);
    renderer.set("symbollevels", "0").set("forceraster", "0").set("enableorderby", "0");
    if (style.attribute.empty()) {
        add_symbol(renderer.add("symbols"), style.single, "0");
        return;
    }
    XmlElement categories = renderer.add("categories");
    for (std::size_t i = 0; i < style.categories.size(); ++i) {
        const auto& c = style.categories[i];
        categories.add("category")
            .set("value", c.value)
            .set("label", c.label)
            .set("symbol", std::to_string(i))
            .set("render", "true");
    }
    XmlElement symbols = renderer.add("symbols");
    for (std::size_t i = 0; i < style.categories.size(); ++i) {
        add_symbol(symbols, style.categories[i].symbol, std::to_string(i));
    }
}

void add_labeling(XmlElement parent, const LabelStyle& l) {
    XmlElement settings = parent.add("labeling").set("type", "simple").add("settings").set("calloutType", "simple");
    XmlElement text = settings.add("text-style");
    text.set("fieldName", l.expression)
        .set("isExpression", "1")
        .set("fontFamily", kLabelFont)
        .set("fontSize", number(l.size_pt))
        .set("fontSizeUnit", "Point")
        .set("fontWeight", l.bold ? "75" : "50")
        .set("textColor", rgba(l.colour))
        .set("textOpacity", "1")
        .set("multilineHeight", "1");
    text.add("text-buffer")
        .set("bufferDraw", "1")
        .set("bufferSize", "0.7")
        .set("bufferSizeUnits", "MM")
        .set("bufferColor", "255,255,255,255")
        .set("bufferOpacity", "0.9");
    settings.add("text-format").set("multilineAlign", "3");
    // placement 1 = over the polygon's inside point, 0 = around a point (QgsPalLayerSettings).
    settings.add("placement").set("placement", l.over_point ? "1" : "0").set("dist", "1").set("distUnits", "MM");
    // scaleMax is the most zoomed-out scale the labels are shown at (QGIS's naming).
    // obstacleType 1: only a polygon's boundary keeps other labels away. QGIS's default when
    // the attribute is missing is the interior, and a township's interior would then hide
    // every grid label inside it.
    settings.add("rendering")
        .set("obstacle", "1")
        .set("obstacleType", "1")
        .set("drawLabels", "1")
        .set("scaleVisibility", l.max_scale > 0 ? "1" : "0")
        .set("scaleMin", "1")
        .set("scaleMax", number(l.max_scale));
}

// QGIS reads an alias by the field's name (the index is only a fallback it does not need).
void add_aliases(XmlElement parent, const std::vector<FieldAlias>& aliases) {
    if (aliases.empty()) return;
    XmlElement list = parent.add("aliases");
    for (const auto& a : aliases) list.add("alias").set("field", a.field).set("name", a.title);
}

}  // namespace

namespace detail {

void add_style_elements(XmlElement parent, const LayerStyle& style) {
    add_renderer(parent, style);
    if (style.labels) add_labeling(parent, *style.labels);
    add_aliases(parent, style.aliases);
}

}  // namespace detail

std::string qml_document(const LayerStyle& style) {
    detail::XmlDocument qml("qgis");
    // "Fields": without it QGIS would skip the aliases.
    qml.root()
        .set("version", "3.22.16-Białowieża")
        .set("styleCategories", "Symbology|Labeling|Fields")
        .set("labelsEnabled", style.labels ? "1" : "0");
    detail::add_style_elements(qml.root(), style);
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n" + qml.serialized();
}

LayerStyle with_renamed_fields(LayerStyle style, const std::map<std::string, std::string>& renamed) {
    auto rename = [&renamed](const std::string& field) {
        auto it = renamed.find(field);
        return it == renamed.end() ? field : it->second;
    };
    style.attribute = rename(style.attribute);
    // Fields in an expression are "double-quoted"; string literals are 'single-quoted'.
    auto rename_in_expression = [&rename](const std::string& in) {
        std::string out;
        std::size_t i = 0;
        while (i < in.size()) {
            if (in[i] == '"') {
                const std::size_t end = in.find('"', i + 1);
                if (end == std::string::npos) break;
                out += '"' + rename(in.substr(i + 1, end - i - 1)) + '"';
                i = end + 1;
            } else if (in[i] == '\'') {
                std::size_t end = in.find('\'', i + 1);
                if (end == std::string::npos) end = in.size() - 1;
                out += in.substr(i, end - i + 1);
                i = end + 1;
            } else {
                out += in[i++];
            }
        }
        if (i < in.size()) out += in.substr(i);
        return out;
    };
    if (style.labels) style.labels->expression = rename_in_expression(style.labels->expression);
    if (style.emphasis) style.emphasis->filter = rename_in_expression(style.emphasis->filter);
    for (auto& a : style.aliases) a.field = rename(a.field);
    return style;
}

}  // namespace respgrid::exporters
