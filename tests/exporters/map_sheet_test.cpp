// Printable maps (exporters/map_sheet.hpp) of a small hand-made county, rendered for real by
// Cairo and read back: pixels inside a grid carry its worker's legend colour, placed labels never
// overlap, the legend lists every worker with a phone and stays on the page, the scale bar is a
// round length, PDF embeds the Chinese font, SVG is XML, a legend too long for the page goes to a
// table beside the sheet.
#include <gtest/gtest.h>

#include <cairo.h>
#include <cpl_minixml.h>
#include <cpl_string.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/grids/owners.hpp"
#include "exported_layers.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using grids::AdminLevel;
using grids::OwnerKind;

constexpr double X0 = 574000, Y0 = 3730000;
constexpr double kCell = 250;

grids::Owner person(std::string id, OwnerKind kind, std::string name, std::string unit_code, std::string phone) {
    grids::Owner o;
    o.id = std::move(id);
    o.kind = kind;
    o.name = std::move(name);
    o.unit_code = std::move(unit_code);
    o.contact = o.name;
    o.phone = std::move(phone);
    return o;
}

// A square grid of a village, its code the village code and a 3-digit sequence.
grids::GridCell square(const grids::AdminUnit& village, int sequence, double x, double y, double size) {
    grids::GridCell c;
    char seq[16];
    std::snprintf(seq, sizeof seq, "%03d", sequence);
    c.code = village.code + seq;
    c.name = village.name + "第" + std::to_string(sequence) + "网格";
    c.village_code = village.code;
    c.township_code = village.parent_code;
    c.set_shape(geo::Geometry::rectangle(x, y, x + size, y + size));
    c.area_m2 = c.shape().area();
    return c;
}

grids::AdminUnit unit(AdminLevel level, std::string code, std::string name, std::string parent, double x0, double y0,
                      double x1, double y1) {
    return {level, std::move(code), std::move(name), std::move(parent), geo::Geometry::rectangle(x0, y0, x1, y1)};
}

// A county of two townships. 城关街道 (3 km x 2 km) holds 东关社区 (west half) with two grid
// workers and 王庄村 (east half) with none: its grids are "未落实网格员". 白楼镇 lies east of it.
// Grids are 250 m squares; `workers_in_east` > 0 gives 王庄村 that many workers instead.
class SmallCountyMap : public ::testing::Test, protected ExportedLayers {
protected:
    void build(std::size_t workers_in_east = 0) {
        county.push_back(unit(AdminLevel::County, "411626", "测试县", "", X0, Y0, X0 + 4000, Y0 + 2000));
        townships.push_back(unit(AdminLevel::Township, "411626001", "城关街道", "411626", X0, Y0, X0 + 3000, Y0 + 2000));
        townships.push_back(unit(AdminLevel::Township, "411626101", "白楼镇", "411626", X0 + 3000, Y0, X0 + 4000, Y0 + 2000));
        villages.push_back(unit(AdminLevel::Village, "411626001001", "东关社区", "411626001", X0, Y0, X0 + 1500, Y0 + 2000));
        villages.push_back(unit(AdminLevel::Village, "411626001201", "王庄村", "411626001", X0 + 1500, Y0, X0 + 3000, Y0 + 2000));
        villages.push_back(unit(AdminLevel::Village, "411626101201", "李楼村", "411626101", X0 + 3000, Y0, X0 + 4000, Y0 + 2000));
        for (const auto& v : villages) {
            const auto e = v.geometry.envelope();
            int sequence = 0;
            for (double y = e.max_y - kCell; y >= e.min_y - 1e-6; y -= kCell) {
                for (double x = e.min_x; x < e.max_x - 1e-6; x += kCell) cells.push_back(square(v, ++sequence, x, y, kCell));
            }
        }
        owners = {
            person("T1", OwnerKind::Township, "城关街道", "411626001", "13800000001"),
            person("V1", OwnerKind::Village, "东关社区", "411626001001", "13800000002"),
            person("W1", OwnerKind::GridWorker, "赵六", "411626001001", "13900000001"),
            person("W2", OwnerKind::GridWorker, "孙七", "411626001001", "13900000002"),
        };
        for (std::size_t i = 0; i < workers_in_east; ++i) {
            owners.push_back(person("E" + std::to_string(1000 + i), OwnerKind::GridWorker, "网格员" + std::to_string(i + 1),
                                    "411626001201", "1370000" + std::to_string(1000 + i)));
        }
        assign();
    }

    // The owner chains of the cells as they are now.
    void assign() {
        std::vector<grids::GridRef> refs;
        for (const auto& c : cells) refs.push_back({c.code, c.village_code, c.township_code});
        std::vector<grids::AdminUnit> names;
        for (auto* list : {&county, &townships, &villages}) {
            for (const auto& u : *list) names.push_back({u.level, u.code, u.name, u.parent_code, {}});
        }
        directory = std::make_unique<grids::Directory>(owners, names, grids::assign_territorial(refs, owners));
    }

    exporters::ProjectLayers layers() const { return ExportedLayers::layers(3); }

    exporters::MapOptions options(exporters::MapFormat format, exporters::Paper paper = exporters::Paper::A3) const {
        exporters::MapOptions o;
        o.format = format;
        o.paper = paper;
        o.dpi = 100;
        o.date = grids::Date::from_ymd(2026, 11, 28);
        return o;
    }

    // The sheet of 411626001; a test drawing it again (on another paper) replaces its own file.
    exporters::SheetResult township_sheet(exporters::MapFormat format, exporters::Paper paper = exporters::Paper::A3) {
        auto o = options(format, paper);
        o.outputs.overwrite = true;
        return exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626001", o);
    }

    std::string worker_of(const grids::GridCell& c) const { return directory->chain(c.code).person(grids::Role::GridWorker); }

    TempDir dir;
    std::vector<grids::Owner> owners;
};

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};

// A PNG read back through Cairo, pixels addressed in page points.
class Png {
public:
    Png(const std::string& path, double dpi) : surface_(cairo_image_surface_create_from_png(path.c_str())), scale_(dpi / 72) {}
    [[nodiscard]] bool ok() const { return cairo_surface_status(surface_.get()) == CAIRO_STATUS_SUCCESS; }
    [[nodiscard]] int width() const { return cairo_image_surface_get_width(surface_.get()); }
    [[nodiscard]] int height() const { return cairo_image_surface_get_height(surface_.get()); }
    [[nodiscard]] std::uint32_t pixel_at(int px, int py) const {
        const auto* data = cairo_image_surface_get_data(surface_.get());
        const int stride = cairo_image_surface_get_stride(surface_.get());
        return *reinterpret_cast<const std::uint32_t*>(data + py * stride + px * 4) & 0xffffff;
    }
    [[nodiscard]] std::uint32_t pixel(double x_pt, double y_pt) const {
        return pixel_at(static_cast<int>(x_pt * scale_), static_cast<int>(y_pt * scale_));
    }

private:
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface_;
    double scale_;
};

std::uint32_t rgb(const exporters::RgbColour& c) {
    auto byte = [](double v) { return static_cast<std::uint32_t>(std::lround(v * 255)); };
    return byte(c.r) << 16 | byte(c.g) << 8 | byte(c.b);
}

bool close_colours(std::uint32_t a, std::uint32_t b) {
    for (int shift : {0, 8, 16}) {
        if (std::abs(static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff)) > 2) return false;
    }
    return true;
}

TEST_F(SmallCountyMap, PngPixelsInsideEachGridHaveItsWorkersLegendColour) {
    build();
    auto sheet = township_sheet(exporters::MapFormat::Png);
    EXPECT_EQ(sheet.path, dir.file("411626001_城关街道.png"));
    Png png(sheet.path, 100);
    ASSERT_TRUE(png.ok());
    std::map<std::string, std::uint32_t> legend_colour;
    for (const auto& e : sheet.legend) legend_colour[e.name] = rgb(e.colour);

    std::size_t non_white = 0;
    for (int y = 0; y < png.height(); y += 7) {
        for (int x = 0; x < png.width(); x += 7) non_white += png.pixel_at(x, y) != 0xffffff;
    }
    EXPECT_GT(non_white, static_cast<std::size_t>(png.width() / 7 * png.height() / 7 / 4)) << "the sheet is nearly blank";

    const auto& t = sheet.transform;
    std::size_t checked = 0;
    for (const auto& c : cells) {
        if (c.township_code != "411626001") continue;
        const std::string worker = worker_of(c);
        if (worker.empty()) continue;  // hatched: checked by the legend test
        // A point a fifth into the grid from its south-west corner, clear of its outline and of
        // any label placed there.
        const double px = t.page_x(c.envelope.min_x + kCell / 5), py = t.page_y(c.envelope.min_y + kCell / 5);
        bool under_label = false;
        for (const auto& l : sheet.labels) {
            under_label = under_label || (px >= l.box.x0 - 2 && px <= l.box.x1 + 2 && py >= l.box.y0 - 2 && py <= l.box.y1 + 2);
        }
        if (under_label) continue;
        ASSERT_TRUE(legend_colour.count(worker)) << worker;
        EXPECT_TRUE(close_colours(png.pixel(px, py), legend_colour[worker]))
            << c.code << " " << worker << std::hex << " pixel " << png.pixel(px, py) << " legend " << legend_colour[worker];
        ++checked;
    }
    EXPECT_GT(checked, 30u);
    EXPECT_NE(legend_colour["赵六"], legend_colour["孙七"]) << "neighbouring workers share a colour";
}

TEST_F(SmallCountyMap, PlacedLabelsNeverOverlapAndGridLabelsLieInsideTheirGrid) {
    build();
    auto sheet = township_sheet(exporters::MapFormat::Png);
    std::map<exporters::LabelKind, std::size_t> kinds;
    for (std::size_t i = 0; i < sheet.labels.size(); ++i) {
        ++kinds[sheet.labels[i].kind];
        EXPECT_TRUE(sheet.map_frame.contains(sheet.labels[i].box)) << sheet.labels[i].text;
        for (std::size_t j = i + 1; j < sheet.labels.size(); ++j) {
            EXPECT_FALSE(sheet.labels[i].box.intersects(sheet.labels[j].box))
                << sheet.labels[i].text << " overlaps " << sheet.labels[j].text;
        }
    }
    EXPECT_EQ(kinds[exporters::LabelKind::Village], 2u);
    EXPECT_EQ(kinds[exporters::LabelKind::Owner], 2u);
    // 96 grids, a few hidden by the names placed first.
    EXPECT_GT(kinds[exporters::LabelKind::Grid], 70u);
    const auto& t = sheet.transform;
    for (const auto& l : sheet.labels) {
        if (l.kind != exporters::LabelKind::Grid) continue;
        const double x0 = t.min_x + (l.box.x0 - t.origin_x) / t.points_per_metre;
        const double x1 = t.min_x + (l.box.x1 - t.origin_x) / t.points_per_metre;
        const double y1 = t.max_y - (l.box.y0 - t.origin_y) / t.points_per_metre;
        const double y0 = t.max_y - (l.box.y1 - t.origin_y) / t.points_per_metre;
        bool inside_a_grid = false;
        for (const auto& c : cells) {
            inside_a_grid = inside_a_grid || (x0 >= c.envelope.min_x && x1 <= c.envelope.max_x &&
                                              y0 >= c.envelope.min_y && y1 <= c.envelope.max_y);
        }
        EXPECT_TRUE(inside_a_grid) << l.text;
    }
}

TEST_F(SmallCountyMap, GridLabelsAreLeftOutWhereTheyDoNotFit) {
    build();
    // On A4 the 3 km township is printed at about 1:15,000: a 250 m grid is 16 mm, room for its
    // number. Make the grids 2 m wide (as if the township were 1000 times larger): none fits.
    for (auto& c : cells) {
        c.set_shape(geo::Geometry::rectangle(c.envelope.min_x, c.envelope.min_y, c.envelope.min_x + 2, c.envelope.min_y + 2));
    }
    auto sheet = township_sheet(exporters::MapFormat::Png, exporters::Paper::A4);
    for (const auto& l : sheet.labels) EXPECT_NE(l.kind, exporters::LabelKind::Grid) << l.text;
}

TEST_F(SmallCountyMap, LegendListsEveryWorkerWithPhoneAndTheUnstaffedGridsAndStaysOnThePanel) {
    build();
    auto sheet = township_sheet(exporters::MapFormat::Png, exporters::Paper::A4);
    std::map<std::string, std::string> phone;
    for (const auto& e : sheet.legend) {
        phone[e.name] = e.phone;
        ASSERT_TRUE(e.box) << e.name << " was not drawn";
        EXPECT_TRUE(sheet.page.contains(*e.box)) << e.name;
        EXPECT_FALSE(e.box->intersects(sheet.map_frame)) << e.name;
        EXPECT_TRUE(sheet.legend_box.contains(*e.box)) << e.name;
    }
    EXPECT_EQ(phone, (std::map<std::string, std::string>{{"赵六", "13900000001"}, {"孙七", "13900000002"}, {"未落实网格员", ""}}));
    const auto& unstaffed = sheet.legend.back();
    EXPECT_TRUE(unstaffed.hatched);
    EXPECT_EQ(unstaffed.grids, 48u);  // all of 王庄村
    EXPECT_TRUE(sheet.owner_table.empty());
}

TEST_F(SmallCountyMap, LegendOfFiftyWorkersFitsTheA4PanelInColumns) {
    build(48);  // one worker per grid of 王庄村
    auto sheet = township_sheet(exporters::MapFormat::Png, exporters::Paper::A4);
    ASSERT_EQ(sheet.legend.size(), 50u);
    EXPECT_TRUE(sheet.owner_table.empty());
    std::set<double> columns;
    for (std::size_t i = 0; i < sheet.legend.size(); ++i) {
        const auto& e = sheet.legend[i];
        ASSERT_TRUE(e.box) << e.name << " was not drawn";
        columns.insert(e.box->x0);
        EXPECT_TRUE(sheet.page.contains(*e.box)) << e.name;
        EXPECT_FALSE(e.box->intersects(sheet.map_frame)) << e.name;
        for (std::size_t j = i + 1; j < sheet.legend.size(); ++j) {
            EXPECT_FALSE(e.box->intersects(*sheet.legend[j].box)) << e.name << " overlaps " << sheet.legend[j].name;
        }
    }
    EXPECT_GT(columns.size(), 1u);
}

TEST_F(SmallCountyMap, LegendOfHundredsOfWorkersUsesColumnsThenATable) {
    // 王庄村 cut into 999 grids of 50 m with 400 workers: 402 legend entries.
    build();
    std::vector<grids::GridCell> fine;
    for (auto& c : cells) {
        if (c.village_code != "411626001201") {
            fine.push_back(std::move(c));
            continue;
        }
    }
    int sequence = 0;
    for (double y = Y0 + 2000 - 50; y >= Y0 - 1e-6; y -= 50) {
        for (double x = X0 + 1500; x < X0 + 3000 - 1e-6; x += 50) {
            fine.push_back(square(villages[1], ++sequence, x, y, 50));
            if (sequence == 999) break;
        }
        if (sequence == 999) break;
    }
    cells = std::move(fine);
    for (int i = 0; i < 400; ++i) {
        // One name from a hostile roster: Excel must not run it when the table is opened.
        const std::string name = i == 0 ? "=HYPERLINK(\"http://x\",\"网格员\")" : "网格员" + std::to_string(i + 1);
        owners.push_back(person("F" + std::to_string(1000 + i), OwnerKind::GridWorker, name, "411626001201",
                                "1360000" + std::to_string(1000 + i)));
    }
    assign();

    auto sheet = township_sheet(exporters::MapFormat::Png, exporters::Paper::A4);
    ASSERT_EQ(sheet.legend.size(), 402u);
    ASSERT_FALSE(sheet.owner_table.empty()) << "402 entries cannot fit an A4 legend panel";
    std::size_t drawn = 0;
    for (const auto& e : sheet.legend) {
        if (!e.box) continue;
        ++drawn;
        EXPECT_TRUE(sheet.page.contains(*e.box)) << e.name;
        EXPECT_FALSE(e.box->intersects(sheet.map_frame)) << e.name;
    }
    EXPECT_GT(drawn, 40u) << "columns and a smaller font should show many entries";
    EXPECT_LT(drawn, sheet.legend.size());
    const auto table = read_text(sheet.owner_table);
    for (const auto& e : sheet.legend) {
        if (e.name.front() != '=') {
            EXPECT_NE(table.find(e.name + ","), std::string::npos) << e.name;
        }
    }
    EXPECT_NE(table.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"网格员\"\")\""), std::string::npos) << "quoted for Excel";
}

TEST_F(SmallCountyMap, ScaleBarIsARoundNumberOfMetresAtTheSheetScale) {
    build();
    for (auto paper : {exporters::Paper::A3, exporters::Paper::A4}) {
        auto sheet = township_sheet(exporters::MapFormat::Png, paper);
        const double metres = sheet.scale_bar.metres;
        const double decade = std::pow(10.0, std::floor(std::log10(metres)));
        const double lead = metres / decade;
        EXPECT_TRUE(std::abs(lead - 1) < 1e-9 || std::abs(lead - 2) < 1e-9 || std::abs(lead - 5) < 1e-9) << metres;
        const double drawn_metres = sheet.scale_bar.box.width() / sheet.transform.points_per_metre;
        EXPECT_NEAR(drawn_metres, metres, metres * 0.01);
        // The printed scale is round too, and the map of 3 km fits the frame at it.
        const double denominator = sheet.transform.scale_denominator();
        EXPECT_NEAR(denominator, std::round(denominator / 250) * 250, 1e-6) << denominator;
        EXPECT_LE(3000 * sheet.transform.points_per_metre, sheet.map_frame.width());
        EXPECT_TRUE(sheet.page.contains(sheet.scale_bar.box));
    }
}

TEST_F(SmallCountyMap, RoadSectionCorridorIsTintedAndLabelled) {
    build();
    // A 20 m corridor across 东关社区 from west to east, 1100 m north of the county's south edge.
    grids::ResponsibilityFeature section;
    section.layer = "road_sections";
    section.owner_id = "T1";
    section.label = "人民路 K0-K1";
    section.area = geo::Geometry::rectangle(X0 + 100, Y0 + 1090, X0 + 1400, Y0 + 1110).polygons();
    const exporters::MapOverlays overlays{{}, std::span(&section, 1)};
    auto sheet = exporters::render_township_sheet(dir.path().string(), layers(), overlays, "411626001",
                                                  options(exporters::MapFormat::Png));
    const auto label = std::find_if(sheet.labels.begin(), sheet.labels.end(),
                                    [](const auto& l) { return l.kind == exporters::LabelKind::Section; });
    ASSERT_NE(label, sheet.labels.end());
    EXPECT_EQ(label->text, "人民路 K0-K1");
    // Inside the corridor, away from its label: the worker's fill is tinted, not replaced.
    Png png(sheet.path, 100);
    const auto& t = sheet.transform;
    const double px = t.page_x(X0 + 200), py = t.page_y(Y0 + 1100);
    const auto* worker_cell = &cells.front();
    for (const auto& c : cells) {
        if (c.envelope.min_x <= X0 + 200 && c.envelope.max_x >= X0 + 200 && c.envelope.min_y <= Y0 + 1100 &&
            c.envelope.max_y >= Y0 + 1100) {
            worker_cell = &c;
        }
    }
    std::uint32_t fill = 0;
    for (const auto& e : sheet.legend) {
        if (e.name == worker_of(*worker_cell)) fill = rgb(e.colour);
    }
    EXPECT_FALSE(close_colours(png.pixel(px, py), fill));
    EXPECT_FALSE(close_colours(png.pixel(px, py), 0xffffff));
}

TEST_F(SmallCountyMap, TallTownshipIsPrintedPortraitWithEverythingOnThePage) {
    build();
    // Stretch the county four times north-south: 城关街道 becomes 3 km x 8 km.
    auto stretch = [](const geo::Geometry& g) {
        return g.transformed([](double&, double& y) {
            y = Y0 + (y - Y0) * 4;
            return true;
        });
    };
    for (auto* list : {&county, &townships, &villages}) {
        for (auto& u : *list) u.geometry = stretch(u.geometry);
    }
    for (auto& c : cells) {
        c.set_shape(stretch(c.shape()));
    }
    for (auto paper : {exporters::Paper::A3, exporters::Paper::A4}) {
        auto sheet = township_sheet(exporters::MapFormat::Png, paper);
        EXPECT_GT(sheet.page.height(), sheet.page.width());
        EXPECT_TRUE(sheet.page.contains(sheet.map_frame));
        EXPECT_LE(8000 * sheet.transform.points_per_metre, sheet.map_frame.height());
        EXPECT_TRUE(sheet.page.contains(sheet.scale_bar.box));
        for (const auto& e : sheet.legend) {
            ASSERT_TRUE(e.box) << e.name;
            EXPECT_TRUE(sheet.page.contains(*e.box)) << e.name;
            EXPECT_FALSE(e.box->intersects(sheet.map_frame)) << e.name;
        }
    }
}

TEST_F(SmallCountyMap, PdfIsAPdfWithTheChineseFontEmbedded) {
    build();
    auto sheet = township_sheet(exporters::MapFormat::Pdf);
    EXPECT_EQ(sheet.path, dir.file("411626001_城关街道.pdf"));
    const std::string pdf = read_text(sheet.path);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.find("WenQuanYi"), std::string::npos) << "the CJK font is not named in the PDF";
    EXPECT_NE(pdf.find("/FontFile"), std::string::npos) << "no font program is embedded";
    EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST_F(SmallCountyMap, PdfNamesTheProgramThatDrewItAsCreator) {
    build();
    auto o = options(exporters::MapFormat::Pdf);
    o.producer = "respgrid 9.8.7 (git 0123abcd)";
    auto sheet = exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626001", o);
    // The document information dictionary; Cairo writes a string with parentheses as UTF-16BE hex.
    std::string utf16 = "/Creator <FEFF";
    for (char c : o.producer) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "00%02X", static_cast<unsigned char>(c));
        utf16 += hex;
    }
    const std::string pdf = read_text(sheet.path);
    EXPECT_NE(pdf.find(utf16 + ">"), std::string::npos) << pdf.substr(std::min(pdf.find("/Creator"), pdf.size()), 80);
}

TEST_F(SmallCountyMap, SvgParsesAsXml) {
    build();
    auto sheet = township_sheet(exporters::MapFormat::Svg);
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> root(CPLParseXMLFile(sheet.path.c_str()), &CPLDestroyXMLNode);
    ASSERT_TRUE(root);
    const CPLXMLNode* svg = CPLSearchXMLNode(root.get(), "=svg");
    ASSERT_NE(svg, nullptr);
    // A3 landscape, 420 mm = 1190.55 pt.
    EXPECT_EQ(std::string(CPLGetXMLValue(svg, "width", "")).substr(0, 7), "1190.55");
}

TEST_F(SmallCountyMap, CountyOverviewNamesTheTownshipsOnly) {
    build();
    auto sheet = exporters::render_county_overview(dir.path().string(), layers(), {}, options(exporters::MapFormat::Png));
    EXPECT_EQ(sheet.path, dir.file("county_overview.png"));
    std::set<std::string> names;
    for (const auto& l : sheet.labels) {
        EXPECT_EQ(l.kind, exporters::LabelKind::Township) << l.text;
        names.insert(l.text);
    }
    EXPECT_EQ(names, (std::set<std::string>{"城关街道", "白楼镇"}));
    ASSERT_EQ(sheet.legend.size(), 2u);
    EXPECT_EQ(sheet.legend[0].phone, "13800000001");
    EXPECT_NE(sheet.legend[0].colour, sheet.legend[1].colour) << "neighbouring townships share a colour";
    Png png(sheet.path, 100);
    ASSERT_TRUE(png.ok());
}

TEST_F(SmallCountyMap, UnknownTownshipIsAnInputErrorAndWritesNothing) {
    build();
    EXPECT_THROW(exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626999", options(exporters::MapFormat::Png)),
                 InputError);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST_F(SmallCountyMap, UnwritableFolderIsAnOutputErrorAndLeavesNoFile) {
    build();
    const std::string missing = dir.file("no/such/folder");
    for (auto format : {exporters::MapFormat::Png, exporters::MapFormat::Pdf, exporters::MapFormat::Svg}) {
        EXPECT_THROW(exporters::render_township_sheet(missing, layers(), {}, "411626001", options(format)), OutputError);
    }
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST_F(SmallCountyMap, NoTemporaryFileIsLeftBesideTheSheets) {
    build();
    for (auto format : {exporters::MapFormat::Png, exporters::MapFormat::Pdf, exporters::MapFormat::Svg}) township_sheet(format);
    std::set<std::string> files;
    for (const auto& f : std::filesystem::directory_iterator(dir.path())) files.insert(f.path().filename().string());
    EXPECT_EQ(files, (std::set<std::string>{"411626001_城关街道.png", "411626001_城关街道.pdf", "411626001_城关街道.svg"}));
}

// A 5,000-character township name with a line break and path characters (found by a red-team
// pass: its sheet's name was longer than any filesystem takes, and `map --all` stopped there).
TEST_F(SmallCountyMap, BatchDrawsEverySheetUnderShortCleanUniqueNamesWhateverTheTownshipsAreCalled) {
    build();
    std::string long_name = "白楼\n镇/<东>:";
    while (long_name.size() < 5000) long_name += "很长的名字";
    townships[1].name = long_name;
    townships.push_back(unit(AdminLevel::Township, "411626102", "城关街道", "411626", X0 + 3000, Y0 + 2000, X0 + 4000,
                             Y0 + 3000));  // an empty township of the same name
    assign();
    const auto plan = exporters::plan_map_batch(dir.path().string(), layers(), {"411626001", "411626101", "411626102"},
                                                true, exporters::MapFormat::Png);
    const auto batch =
        exporters::render_map_batch(dir.path().string(), layers(), {}, plan, options(exporters::MapFormat::Png));
    for (const auto& f : batch.failed) ADD_FAILURE() << f.sheet << ": " << f.message;
    ASSERT_EQ(batch.written.size(), 4u);
    std::set<std::string> names;
    for (const auto& sheet : batch.written) {
        ASSERT_TRUE(std::filesystem::is_regular_file(sheet.path)) << sheet.path;
        const std::string name = std::filesystem::path(sheet.path).filename().string();
        EXPECT_LE(name.size(), 143u) << "eCryptfs' limit, the smallest";
        EXPECT_EQ(name.find_first_of("\n/<>:\\"), std::string::npos) << name;
        EXPECT_TRUE(CPLIsUTF8(name.c_str(), -1)) << name;
        names.insert(name);
    }
    EXPECT_EQ(names.size(), 4u);
    // 80 bytes of the name, cut between two characters.
    EXPECT_TRUE(names.count("411626101_白楼_镇__东__很长的名字很长的名字很长的名字很长的名字很.png"));
    EXPECT_TRUE(names.count("411626001_城关街道.png"));
    EXPECT_TRUE(names.count("411626102_城关街道.png")) << "codes keep same-named townships apart";
}

TEST_F(SmallCountyMap, AnExistingSheetOrTheProjectIsNeverReplacedUnasked) {
    build();
    const std::string sheet = dir.file("411626001_城关街道.png");
    write_text(sheet, "the office's own picture");
    auto o = options(exporters::MapFormat::Png);
    EXPECT_THROW(exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626001", o), OutputError);
    EXPECT_EQ(read_text(sheet), "the office's own picture");
    o.outputs.protected_paths = {sheet};
    o.outputs.overwrite = true;
    EXPECT_THROW(exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626001", o), OutputError);
    EXPECT_EQ(read_text(sheet), "the office's own picture");
    o.outputs.protected_paths.clear();
    exporters::render_township_sheet(dir.path().string(), layers(), {}, "411626001", o);
    EXPECT_EQ(read_text(sheet).substr(1, 3), "PNG");
}

TEST_F(SmallCountyMap, ASheetThatCannotBeWrittenIsReportedAndTheOthersAreStillDrawn) {
    build();
    // A folder where the first sheet goes: its file cannot be moved into place.
    std::filesystem::create_directories(dir.file("411626001_城关街道.png/taken"));
    const auto plan =
        exporters::plan_map_batch(dir.path().string(), layers(), {"411626001", "411626101"}, true, exporters::MapFormat::Png);
    const auto batch =
        exporters::render_map_batch(dir.path().string(), layers(), {}, plan, options(exporters::MapFormat::Png));
    ASSERT_EQ(batch.failed.size(), 1u);
    EXPECT_EQ(batch.failed[0].sheet, "411626001");
    EXPECT_THROW(std::rethrow_exception(batch.failed[0].error), OutputError);
    ASSERT_EQ(batch.written.size(), 2u);
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.file("411626101_白楼镇.png")));
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.file("county_overview.png")));
}

}  // namespace
}  // namespace respgrid::test
