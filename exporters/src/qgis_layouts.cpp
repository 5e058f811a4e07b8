#include "qgis_layouts.hpp"

#include <string>

#include "producer.hpp"
#include "respgrid/geo/number_text.hpp"

namespace respgrid::exporters::detail {

namespace {

// QGIS's layout item types (QgsLayoutItemRegistry::ItemType).
enum ItemType { kPage = 65638, kMap = 65639, kPicture = 65640, kLabel = 65641, kLegend = 65642, kScaleBar = 65646 };
// Qt::Alignment flags as QgsLayoutItemLabel stores them.
constexpr int kAlignRight = 2, kAlignHCenter = 4, kAlignVCenter = 128;

// A rectangle on the page, millimetres from its top left corner.
struct Box {
    double x = 0, y = 0, width = 0, height = 0;
};

std::string mm(double a, double b) { return geo::option_text(a) + "," + geo::option_text(b) + ",mm"; }

// What a sheet shows; the rest (where the items go) follows from the page size.
struct SheetSpec {
    const char* name;       // the layout's name in QGIS
    const char* coverage;   // the atlas runs over this layer
    double width, height;   // the page, mm (landscape)
    double legend_width;    // the legend's column right of the map, mm
    int legend_columns;
    std::string title;      // QGIS label text: [% expression %] is evaluated for the atlas feature
    std::string subtitle;
    const char* page_name;  // expressions of the atlas feature
    const char* file_name;
    const char* sort_key;   // "" keeps the layer's order
    double margin;          // around the feature in its map, a share of its extent
    int number;             // the sheet's place in the project: makes its uuids unique
};

// Every item gets a fixed uuid: the same XML from the same project, and the links between items
// (legend, scale bar and north arrow to their map) readable.
std::string uuid(const SheetSpec& sheet, int item) {
    return "{5e1ec7ed-0000-4000-8000-" + std::string(12 - 4, '0') + (sheet.number < 10 ? "0" : "") +
           std::to_string(sheet.number) + (item < 10 ? "0" : "") + std::to_string(item) + "}";
}

XmlElement add_item(XmlElement parent, ItemType type, const std::string& id, const Box& box, int z) {
    XmlElement item = parent.add("LayoutItem");
    item.set("type", std::to_string(type))
        .set("uuid", id)
        .set("position", mm(box.x, box.y))
        .set("positionOnPage", mm(box.x, box.y))
        .set("size", mm(box.width, box.height))
        .set("zValue", std::to_string(z));
    return item;
}

// QFont::toString(): family, point size, pixel size, style hint, weight (75 bold), then flags.
void add_font(XmlElement item, const char* element, double points, bool bold) {
    item.add(element)
        .set("description", std::string(kLabelFont) + "," + geo::option_text(points) + ",-1,5," + (bold ? "75" : "50") +
                                ",0,0,0,0,0")
        .set("style", "");
}

void add_label(XmlElement layout, const std::string& id, const Box& box, int z, const std::string& text, double points,
               bool bold, int halign) {
    XmlElement label = add_item(layout, kLabel, id, box, z);
    label.set("labelText", text).set("halign", std::to_string(halign)).set("valign", std::to_string(kAlignVCenter));
    add_font(label, "LabelFont", points, bold);
    label.add("FontColor").set("red", "0").set("green", "0").set("blue", "0").set("alpha", "255");
}

// `e` grown about its centre to `box`'s proportions (map units stretch equally on both axes).
OGREnvelope extent_shaped_as(const OGREnvelope& e, const Box& box) {
    if (!e.IsInit() || box.width <= 0 || box.height <= 0) return e;
    double w = e.MaxX - e.MinX, h = e.MaxY - e.MinY;
    const double ratio = box.width / box.height;
    if (w <= 0 || h <= 0) return e;
    if (w / h < ratio) w = h * ratio;
    else h = w / ratio;
    const double cx = (e.MinX + e.MaxX) / 2, cy = (e.MinY + e.MaxY) / 2;
    OGREnvelope out;
    out.MinX = cx - w / 2;
    out.MaxX = cx + w / 2;
    out.MinY = cy - h / 2;
    out.MaxY = cy + h / 2;
    return out;
}

// The legend's text in the labels' CJK font, small enough for a county's issue categories.
void add_legend_styles(XmlElement legend) {
    XmlElement styles = legend.add("styles");
    struct Style {
        const char* name;
        double points;
        bool bold;
        const char* margin;  // the attribute QGIS reads for the space before (after, for the title)
        const char* margin_mm;
    };
    const Style all[] = {{"title", 12, true, "marginBottom", "2"},  {"group", 9, true, "marginTop", "2"},
                         {"subgroup", 8, true, "marginTop", "1.5"}, {"symbol", 8, false, "marginTop", "1.2"},
                         {"symbolLabel", 8, false, "marginTop", "1.2"}};
    for (const Style& s : all) {
        XmlElement style = styles.add("style");
        style.set("name", s.name).set(s.margin, s.margin_mm).set("alignment", "1");
        if (std::string(s.name) == "symbolLabel") style.set("marginLeft", "2");
        add_font(style, "styleFont", s.points, s.bold);
    }
}

void add_sheet(XmlElement layouts, const ProjectSpec& spec, const ProjectLayer& coverage, const SheetSpec& sheet) {
    XmlElement layout = layouts.add("Layout");
    layout.set("name", sheet.name).set("units", "mm").set("printResolution", "300");
    const double w = sheet.width, h = sheet.height, margin = 10;
    add_item(layout.add("PageCollection"), kPage, uuid(sheet, 0), {0, 0, w, h}, 0)
        .set("background", "true")
        .set("frame", "false");

    const Box map{margin, 27, w - 2 * margin - sheet.legend_width - 4, h - 27 - 20};
    const std::string map_id = uuid(sheet, 1);
    XmlElement item = add_item(layout, kMap, map_id, map, 1);
    item.set("frame", "true").set("background", "true").set("keepLayerSet", "false");  // the project's visible layers
    // The county until the atlas moves it, widened to the item's shape: QGIS makes the item as
    // tall as an extent of another shape asks (QgsLayoutItemMap::setExtent) when it reads it.
    const OGREnvelope e = extent_shaped_as(spec.extent, map);
    item.add("Extent")
        .set("xmin", qgs_number(e.MinX))
        .set("ymin", qgs_number(e.MinY))
        .set("xmax", qgs_number(e.MaxX))
        .set("ymax", qgs_number(e.MaxY));
    item.add("LayerSet");
    // scalingMode 2 (Auto): the map fits the atlas feature with `margin` around it.
    item.add("AtlasMap").set("atlasDriven", "1").set("scalingMode", "2").set("margin", geo::option_text(sheet.margin));

    add_label(layout, uuid(sheet, 2), {margin, 5, w - 2 * margin, 13}, 2, sheet.title, 22, true, kAlignHCenter);
    add_label(layout, uuid(sheet, 3), {margin, 18, w - 2 * margin, 7}, 3, sheet.subtitle, 11, false, kAlignHCenter);

    // Only what the page shows: a city's grids list a colour per township.
    const Box legend_box{w - margin - sheet.legend_width, 27, sheet.legend_width, map.height};
    XmlElement legend = add_item(layout, kLegend, uuid(sheet, 4), legend_box, 4);
    legend.set("map_uuid", map_id)
        .set("columnCount", std::to_string(sheet.legend_columns))
        .set("splitLayer", "1")
        .set("title", "图例")
        .set("legendFilterByMap", "1")
        .set("resizeToContents", "0")
        .set("background", "true")
        .set("frame", "false")
        .set("symbolWidth", "6")
        .set("symbolHeight", "3.5");
    add_legend_styles(legend);

    // Metres on the ground whatever the map's CRS (QGIS measures on the ellipsoid), the segments
    // sized to round lengths between 30 and 70 mm of bar.
    add_item(layout, kScaleBar, uuid(sheet, 5), {margin + 2, map.y + map.height + 3, 80, 12}, 5)
        .set("mapUuid", map_id)
        .set("style", "Single Box")
        .set("unitType", "meters")
        .set("unitLabel", "米")
        .set("numMapUnitsPerScaleBarUnit", "1")
        .set("segmentSizeMode", "1")
        .set("minBarWidth", "30")
        .set("maxBarWidth", "70")
        .set("numSegments", "4")
        .set("numSegmentsLeft", "0")
        .set("numUnitsPerSegment", "100")
        .set("height", "2.5")
        // Without a text style QGIS reads an old font attribute and warns that it is empty.
        .add("text-style")
        .set("fontFamily", kLabelFont)
        .set("fontSize", "8")
        .set("fontSizeUnit", "Point")
        .set("fontWeight", "50")
        .set("textColor", "0,0,0,255");

    // QGIS's default north arrow, turned with the map (mode 2: SVG; northMode 0: grid north).
    add_item(layout, kPicture, uuid(sheet, 6), {map.x + map.width - 17, map.y + 3, 13, 17}, 6)
        .set("mapUuid", map_id)
        .set("file", ":/images/north_arrows/layout_default_north_arrow.svg")
        .set("mode", "2")
        .set("northMode", "0")
        .set("resizeMode", "0");

    // The day QGIS prints it, and where the data came from.
    std::string footer = "制图日期：[% format_date(now(), 'yyyy-MM-dd') %]";
    if (!spec.producer.empty()) footer += "　数据：" + spec.producer;
    add_label(layout, uuid(sheet, 7), {w / 2, h - 12, w / 2 - margin, 6}, 7, footer, 8, false, kAlignRight);

    layout.add("Atlas")
        .set("enabled", "1")
        .set("coverageLayer", layer_id(coverage.style))
        .set("coverageLayerName", coverage.style.title)
        .set("coverageLayerSource", layer_source(spec, coverage.style))
        .set("coverageLayerProvider", "ogr")
        .set("hideCoverage", "0")
        .set("pageNameExpression", sheet.page_name)
        .set("filenamePattern", sheet.file_name)
        .set("sortFeatures", *sheet.sort_key ? "1" : "0")
        .set("sortKey", sheet.sort_key)
        .set("sortAscending", "1")
        .set("filterFeatures", "0");
}

const ProjectLayer* find_layer(const ProjectSpec& spec, const char* name) {
    for (const auto& l : spec.layers) {
        if (l.style.layer == name) return &l;
    }
    return nullptr;
}

}  // namespace

void add_print_layouts(XmlElement qgis, const ProjectSpec& spec) {
    XmlElement layouts = qgis.add("Layouts");
    // A township's contact and phone (unit_fields()) under its title.
    const SheetSpec wall{kWallSheetLayout, "townships", 420, 297, 80, 2,
                         "[% \"name\" %]网格责任分布图",
                         "[% coalesce(\"parent_name\", '') || '　负责人：' || coalesce(\"contact\", '—') || '　电话：' || "
                         "coalesce(\"phone\", '—') %]",
                         "\"name\"", "\"code\" || '_' || \"name\"", "\"code\"", 0.05, 1};
    // A worker's whole chain (worker_area_fields()) under the name: who to call above the worker.
    const SheetSpec worker{kWorkerSheetLayout, "worker_areas", 297, 210, 62, 1,
                           "[% coalesce(\"grid_worker\", '') %] 网格员责任区图",
                           "[% coalesce(\"township_name\", '') || ' ' || coalesce(\"village_name\", '') || "
                           "'　网格员电话：' || coalesce(\"grid_worker_phone\", '—') || '　网格 ' || \"grid_count\" || "
                           "' 个　村/社区负责人：' || coalesce(\"village_owner\", '—') || ' ' || coalesce(\"village_phone\", '') || '　包联领导：' || "
                           "coalesce(\"leader\", '—') %]",
                           "\"grid_worker\"", "\"village_code\" || '_' || \"grid_worker\"", "", 0.15, 2};
    for (const SheetSpec* sheet : {&wall, &worker}) {
        const ProjectLayer* coverage = find_layer(spec, sheet->coverage);
        if (coverage) add_sheet(layouts, spec, *coverage, *sheet);
    }
}

}  // namespace respgrid::exporters::detail
