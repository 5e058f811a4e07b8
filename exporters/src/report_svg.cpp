#include "report_svg.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::exporters::report {

namespace {

constexpr double kMapWidth = 960.0;      // px; the map is scaled to fit this width...
constexpr double kMapMaxHeight = 960.0;  // ... and this height
constexpr double kMapMargin = 8.0;
constexpr double kSmallestVisible = 4.0;  // px: a grid with cases smaller than this is drawn as a dot
constexpr double kSmallestCell = 0.5;    // px: a grid smaller than this in both directions is not drawn

constexpr const char* kZeroColour = "#f2f2f2";
// ColorBrewer's 5-class OrRd: light for few cases, dark red for many.
constexpr const char* kClassColours[] = {"#fdcc8a", "#fc8d59", "#ef6548", "#d7301f", "#990000"};

// One decimal, without a trailing ".0": SVG coordinates at a tenth of a pixel.
void append_coordinate(std::string& out, double v) {
    char buf[32];
    const double rounded = std::round(v * 10.0) / 10.0;
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 1);
    std::string_view s(buf, static_cast<std::size_t>(end - buf));
    if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.remove_suffix(2);
    if (s == "-0") s = "0";
    out.append(s);
}

// Working CRS → SVG pixels: scaled to fit, y downwards.
class Viewport {
public:
    explicit Viewport(const geo::Envelope& box) : box_(box) {
        const double w = std::max(box.max_x - box.min_x, 1e-9);
        const double h = std::max(box.max_y - box.min_y, 1e-9);
        scale_ = std::min((kMapWidth - 2 * kMapMargin) / w, (kMapMaxHeight - 2 * kMapMargin) / h);
        width_ = w * scale_ + 2 * kMapMargin;
        height_ = h * scale_ + 2 * kMapMargin;
    }
    [[nodiscard]] double x(double wx) const { return kMapMargin + (wx - box_.min_x) * scale_; }
    [[nodiscard]] double y(double wy) const { return kMapMargin + (box_.max_y - wy) * scale_; }
    [[nodiscard]] double pixels(double length) const { return length * scale_; }
    [[nodiscard]] double width() const { return width_; }
    [[nodiscard]] double height() const { return height_; }

private:
    geo::Envelope box_;
    double scale_ = 1.0;
    double width_ = 0.0;
    double height_ = 0.0;
};

// A path of the polygons at a tenth of a pixel: points that round onto the one before are
// dropped (the simplification a screen makes anyway), rings left with fewer than 3 are skipped.
std::string path_data(const geo::Geometry& shape, const Viewport& view) {
    std::string d;
    std::string ring_text;
    for (const geo::PolygonRings& polygon : shape.polygons()) {
        for (const geo::Ring& ring : polygon) {
            ring_text.clear();
            std::size_t points = 0;
            long long last_x = 0, last_y = 0;
            for (const geo::XY& p : ring) {
                const double px = view.x(p.x), py = view.y(p.y);
                const long long tx = std::llround(px * 10.0), ty = std::llround(py * 10.0);
                if (points > 0 && tx == last_x && ty == last_y) continue;
                ring_text += points == 0 ? "M" : (points == 1 ? "L" : " ");
                append_coordinate(ring_text, px);
                ring_text += ',';
                append_coordinate(ring_text, py);
                last_x = tx;
                last_y = ty;
                ++points;
            }
            if (points >= 4) d += ring_text + "Z";  // a closed ring repeats its first point
        }
    }
    return d;
}

geo::Envelope envelope_of(const ReportMap& map, const std::vector<const grids::GridCell*>& cells) {
    geo::Envelope box;
    const auto add = [&](const geo::Envelope& e) {
        if (e.empty()) return;
        box.min_x = std::min(box.min_x, e.min_x);
        box.min_y = std::min(box.min_y, e.min_y);
        box.max_x = std::max(box.max_x, e.max_x);
        box.max_y = std::max(box.max_y, e.max_y);
    };
    for (const grids::GridCell* c : cells) add(c->envelope);
    for (const grids::AdminUnit& t : map.townships) {
        if (!t.geometry.is_null() && !t.geometry.is_empty()) add(t.geometry.envelope());
    }
    return box;
}

std::string_view colour_of(int count, const std::vector<MapClass>& classes) {
    for (const MapClass& c : classes) {
        if (count >= c.from && count <= c.to) return c.colour;
    }
    return kZeroColour;
}

// Which class (0 = the lightest) holds `count`; 0 when none does.
std::size_t class_index(int count, const std::vector<MapClass>& classes) {
    for (std::size_t i = 0; i < classes.size(); ++i) {
        if (count >= classes[i].from && count <= classes[i].to) return i;
    }
    return 0;
}

std::string number_text(double v) {
    std::string s;
    append_coordinate(s, v);
    return s;
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string svg_bars(const std::vector<Bar>& bars, double max_value, std::string_view colour) {
    constexpr double kRow = 28.0, kLabel = 150.0, kArea = 560.0, kText = 90.0;
    const double height = kRow * static_cast<double>(bars.size()) + 8.0;
    std::string svg = "<svg class=\"bars\" width=\"" + number_text(kLabel + kArea + kText) + "\" height=\"" +
                      number_text(height) + "\" viewBox=\"0 0 " + number_text(kLabel + kArea + kText) + " " +
                      number_text(height) + "\" role=\"img\">";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double y = 4.0 + kRow * static_cast<double>(i);
        svg += "<text x=\"" + number_text(kLabel - 8) + "\" y=\"" + number_text(y + 18) +
               "\" text-anchor=\"end\">" + xml_escape(b.label) + "</text>";
        double w = 0.0;
        if (b.value && max_value > 0) w = std::clamp(*b.value / max_value, 0.0, 1.0) * kArea;
        svg += "<rect x=\"" + number_text(kLabel) + "\" y=\"" + number_text(y + 4) + "\" width=\"" + number_text(kArea) +
               "\" height=\"18\" fill=\"#eeeeee\"/>";
        if (w > 0) {
            svg += "<rect x=\"" + number_text(kLabel) + "\" y=\"" + number_text(y + 4) + "\" width=\"" + number_text(w) +
                   "\" height=\"18\" fill=\"" + std::string(colour) + "\"/>";
        }
        svg += "<text x=\"" + number_text(kLabel + kArea + 8) + "\" y=\"" + number_text(y + 18) + "\"" +
               (b.value ? "" : " fill=\"#999999\"") + ">" + xml_escape(b.text) + "</text>";
    }
    svg += "</svg>";
    return svg;
}

std::vector<MapClass> map_classes(int max_count) {
    std::vector<MapClass> classes{{0, 0, kZeroColour}};
    if (max_count < 1) return classes;
    const int width = (max_count + 4) / 5;  // ceil(max / 5): at most five classes
    for (int from = 1, k = 0; from <= max_count; from += width, ++k) {
        classes.push_back({from, std::min(from + width - 1, max_count), kClassColours[k]});
    }
    return classes;
}

CaseMap svg_case_map(const ReportMap& map, const std::map<std::string, int>& counts) {
    CaseMap result;
    int max_count = 0;
    for (const auto& [code, n] : counts) max_count = std::max(max_count, n);
    result.classes = map_classes(max_count);

    const bool all_cells = map.cells.size() <= kMapAllCellsLimit;
    std::vector<const grids::GridCell*> cells;
    for (const grids::GridCell& c : map.cells) {
        if (all_cells || counts.count(c.code)) {
            cells.push_back(&c);
        } else {
            ++result.cells_skipped;
        }
    }
    const geo::Envelope box = envelope_of(map, cells);
    if (box.empty()) return result;
    const Viewport view(box);

    std::string& svg = result.svg;
    svg = "<svg class=\"map\" width=\"" + number_text(view.width()) + "\" height=\"" + number_text(view.height()) +
          "\" viewBox=\"0 0 " + number_text(view.width()) + " " + number_text(view.height()) +
          "\" role=\"img\" aria-label=\"网格案件分布图\">";
    svg += "<g stroke=\"#ffffff\" stroke-width=\"0.6\" fill-rule=\"evenodd\">";
    std::string dots;
    for (const grids::GridCell* c : cells) {
        const auto it = counts.find(c->code);
        const int n = it == counts.end() ? 0 : it->second;
        const bool tiny = view.pixels(c->envelope.max_x - c->envelope.min_x) < kSmallestCell &&
                          view.pixels(c->envelope.max_y - c->envelope.min_y) < kSmallestCell;
        if ((tiny && n == 0) || c->wkb.empty()) {
            ++result.cells_skipped;
            continue;
        }
        // A grid with cases too small to see at the county's scale (100 m squares are half a
        // pixel) is drawn as a dot in its class colour, so the hot spots show where they are.
        const bool small = view.pixels(c->envelope.max_x - c->envelope.min_x) < kSmallestVisible &&
                           view.pixels(c->envelope.max_y - c->envelope.min_y) < kSmallestVisible;
        if (small && n > 0) {
            const double radius = 2.5 + 1.0 * static_cast<double>(class_index(n, result.classes));
            dots += "<circle cx=\"" + number_text(view.x((c->envelope.min_x + c->envelope.max_x) / 2)) + "\" cy=\"" +
                    number_text(view.y((c->envelope.min_y + c->envelope.max_y) / 2)) + "\" r=\"" + number_text(radius) +
                    "\" fill=\"" + std::string(colour_of(n, result.classes)) + "\"><title>" +
                    xml_escape(c->code + " " + c->name) + "：" + std::to_string(n) + " 件</title></circle>";
            ++result.cells_drawn;
            continue;
        }
        const std::string d = path_data(c->shape(), view);
        if (d.empty()) {
            ++result.cells_skipped;
            continue;
        }
        svg += "<path d=\"" + d + "\" fill=\"" + std::string(colour_of(n, result.classes)) + "\">";
        // Hovering names a grid with cases (the others would only add to the file).
        if (n > 0) svg += "<title>" + xml_escape(c->code + " " + c->name) + "：" + std::to_string(n) + " 件</title>";
        svg += "</path>";
        ++result.cells_drawn;
    }
    svg += "</g>";
    // Dots above the grids (and below the township lines, which stay readable).
    if (!dots.empty()) svg += "<g stroke=\"#5a1a00\" stroke-width=\"0.6\">" + dots + "</g>";
    if (!map.townships.empty()) {
        svg += "<g fill=\"none\" stroke=\"#333333\" stroke-width=\"1.6\" stroke-linejoin=\"round\">";
        for (const grids::AdminUnit& t : map.townships) {
            if (t.geometry.is_null() || t.geometry.is_empty()) continue;
            svg += "<path d=\"" + path_data(t.geometry, view) + "\"/>";
        }
        svg += "</g><g class=\"township-names\" text-anchor=\"middle\">";
        for (const grids::AdminUnit& t : map.townships) {
            if (t.geometry.is_null() || t.geometry.is_empty()) continue;
            const geo::Envelope e = t.geometry.point_on_surface().envelope();
            svg += "<text x=\"" + number_text(view.x(e.min_x)) + "\" y=\"" + number_text(view.y(e.min_y)) + "\">" +
                   xml_escape(t.name) + "</text>";
        }
        svg += "</g>";
    }
    svg += "</svg>";
    return result;
}

}  // namespace respgrid::exporters::report
