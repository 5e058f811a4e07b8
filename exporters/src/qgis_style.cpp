#include "respgrid/exporters/qgis_style.hpp"

#include <sstream>

namespace respgrid::exporters {

namespace {

std::string rgba(const Rgba& c) {
    return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b) + "," + std::to_string(c.a);
}

std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void prop(std::ostringstream& x, const char* key, const std::string& value) {
    x << "<prop k=\"" << key << "\" v=\"" << xml_escaped(value) << "\"/>";
}

// One <symbol> with one symbol layer, in the legacy <prop k= v=> form every QGIS 3 reads.
void write_symbol(std::ostringstream& x, const Symbol& s, const std::string& name) {
    const char* type = s.kind == SymbolKind::Fill ? "fill" : s.kind == SymbolKind::Line ? "line" : "marker";
    x << "<symbol type=\"" << type << "\" name=\"" << xml_escaped(name)
      << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">";
    const std::string dash = s.dashed ? "dash" : "solid";
    switch (s.kind) {
        case SymbolKind::Fill:
            x << "<layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">";
            prop(x, "color", rgba(s.colour));
            prop(x, "style", s.filled ? "solid" : "no");
            prop(x, "outline_color", rgba(s.outline));
            prop(x, "outline_style", dash);
            prop(x, "outline_width", number(s.width_mm));
            prop(x, "outline_width_unit", s.width_in_metres ? "RenderMetersInMapUnits" : "MM");
            prop(x, "joinstyle", "miter");
            break;
        case SymbolKind::Line:
            x << "<layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\">";
            prop(x, "line_color", rgba(s.colour));
            prop(x, "line_style", dash);
            prop(x, "line_width", number(s.width_mm));
            prop(x, "line_width_unit", "MM");
            prop(x, "capstyle", "round");
            prop(x, "joinstyle", "round");
            break;
        case SymbolKind::Marker:
            x << "<layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\">";
            prop(x, "name", "circle");
            prop(x, "color", rgba(s.colour));
            prop(x, "outline_color", rgba(s.outline));
            prop(x, "outline_style", "solid");
            prop(x, "outline_width", number(s.width_mm));
            prop(x, "outline_width_unit", "MM");
            prop(x, "size", number(s.size_mm));
            prop(x, "size_unit", "MM");
            break;
    }
    x << "</layer></symbol>";
}

void write_renderer(std::ostringstream& x, const LayerStyle& style) {
    const char* common = "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"";
    if (style.attribute.empty()) {
        x << "<renderer-v2 type=\"singleSymbol\" " << common << "><symbols>";
        write_symbol(x, style.single, "0");
        x << "</symbols></renderer-v2>";
        return;
    }
    x << "<renderer-v2 type=\"categorizedSymbol\" attr=\"" << xml_escaped(style.attribute) << "\" " << common
      << "><categories>";
    for (std::size_t i = 0; i < style.categories.size(); ++i) {
        const auto& c = style.categories[i];
        x << "<category value=\"" << xml_escaped(c.value) << "\" label=\"" << xml_escaped(c.label) << "\" symbol=\""
          << i << "\" render=\"true\"/>";
    }
    x << "</categories><symbols>";
    for (std::size_t i = 0; i < style.categories.size(); ++i) write_symbol(x, style.categories[i].symbol, std::to_string(i));
    x << "</symbols></renderer-v2>";
}

void write_labeling(std::ostringstream& x, const LabelStyle& l) {
    x << "<labeling type=\"simple\"><settings calloutType=\"simple\">"
      << "<text-style fieldName=\"" << xml_escaped(l.expression) << "\" isExpression=\"1\" fontFamily=\"" << kLabelFont
      << "\" fontSize=\"" << number(l.size_pt) << "\" fontSizeUnit=\"Point\" fontWeight=\"" << (l.bold ? 75 : 50)
      << "\" textColor=\"" << rgba(l.colour) << "\" textOpacity=\"1\" multilineHeight=\"1\">"
      << "<text-buffer bufferDraw=\"1\" bufferSize=\"0.7\" bufferSizeUnits=\"MM\" bufferColor=\"255,255,255,255\" "
         "bufferOpacity=\"0.9\"/>"
      << "</text-style>"
      << "<text-format multilineAlign=\"3\"/>"
      // placement 1 = over the polygon's inside point, 0 = around a point (QgsPalLayerSettings).
      << "<placement placement=\"" << (l.over_point ? 1 : 0) << "\" dist=\"1\" distUnits=\"MM\"/>"
      // scaleMax is the most zoomed-out scale the labels are shown at (QGIS's naming).
      // obstacleType 1: only a polygon's boundary keeps other labels away. QGIS's default when
      // the attribute is missing is the interior, and a township's interior would then hide
      // every grid label inside it.
      << "<rendering obstacle=\"1\" obstacleType=\"1\" drawLabels=\"1\" scaleVisibility=\"" << (l.max_scale > 0 ? 1 : 0)
      << "\" scaleMin=\"1\" scaleMax=\"" << number(l.max_scale) << "\"/>"
      << "</settings></labeling>";
}

}  // namespace

std::string xml_escaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            case '\n': out += "&#10;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string style_elements(const LayerStyle& style) {
    std::ostringstream x;
    write_renderer(x, style);
    if (style.labels) write_labeling(x, *style.labels);
    return x.str();
}

std::string qml_document(const LayerStyle& style) {
    return std::string("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n") +
           "<qgis version=\"3.22.16-Białowieża\" styleCategories=\"Symbology|Labeling\" labelsEnabled=\"" +
           (style.labels ? "1" : "0") + "\">\n" + style_elements(style) + "\n</qgis>\n";
}

LayerStyle with_renamed_fields(LayerStyle style, const std::map<std::string, std::string>& renamed) {
    auto rename = [&renamed](const std::string& field) {
        auto it = renamed.find(field);
        return it == renamed.end() ? field : it->second;
    };
    style.attribute = rename(style.attribute);
    if (style.labels) {
        // Fields in an expression are "double-quoted"; string literals are 'single-quoted'.
        const std::string& in = style.labels->expression;
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
        style.labels->expression = out;
    }
    return style;
}

}  // namespace respgrid::exporters
