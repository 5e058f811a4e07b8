// map_sheet.hpp on a hand-made township: the PNG shows each grid in its grid worker's legend
// colour, no two labels overlap, the legend lists every worker with the phone and stays in its
// box, the scale bar is a round length true to the printed scale, PDF embeds the CJK font and
// SVG is well-formed XML.
#include <gtest/gtest.h>

#include <cairo.h>
#include <cpl_minixml.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include "respgrid/exporters/map_sheet.hpp"
#include "respgrid/grids/owners.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using grids::AdminLevel;
using grids::OwnerKind;

constexpr double X0 = 574000, Y0 = 3730000;

grids::GridCell square(std::string code, std::string village, double x0, double y0, double size) {
    grids::GridCell c;
    c.code = std::move(code);
    c.village_code = std::move(village);
    c.township_code = c.village_code.substr(0, 9);
    c.geometry = geo::Geometry::rectangle(x0, y0, x0 + size, y0 + size);
    c.area_m2 = size * size;
    return c;
}

// One township of two villages, 2 km x 1 km; 400 m grids; two grid workers in the west
// village, none in the east one.
class Township : public ::testing::Test {
protected:
    void SetUp() override {
        county.push_back({AdminLevel::County, "411626", "测试县", "", geo::Geometry::rectangle(X0, Y0, X0 + 2000, Y0 + 1000)});
        townships.push_back({AdminLevel::Township, "411626001", "城关街道", "411626", geo::Geometry::rectangle(X0, Y0, X0 + 2000, Y0 + 1000)});
        villages.push_back({AdminLevel::Village, "411626001001", "东关社区", "411626001", geo::Geometry::rectangle(X0, Y0, X0 + 1200, Y0 + 1000)});
        villages.push_back({AdminLevel::Village, "411626001002", "西关社区", "411626001", geo::Geometry::rectangle(X0 + 1200, Y0, X0 + 2000, Y0 + 1000)});
        int n = 0;
        for (double x = 0; x < 2000; x += 400) {
            for (double y = 0; y < 800; y += 400) {
                const std::string village = x < 1200 ? "411626001001" : "411626001002";
                char seq[8];
                std::snprintf(seq, sizeof seq, "%03d", ++n);
                cells.push_back(square(village + seq, village, X0 + x, Y0 + y, 400));
            }
        }
        std::vector<grids::Owner> owners;
        auto worker = [&](std::string id, std::string name, std::string phone) {
            grids::Owner o;
            o.id = std::move(id);
            o.kind = OwnerKind::GridWorker;
            o.name = std::move(name);
            o.unit_code = "411626001001";
            o.phone = std::move(phone);
            owners.push_back(o);
        };
        worker("W1", "赵六", "13800000004");
        worker("W2", "孙八", "13800000005");
        std::vector<grids::GridRef> refs;
        for (const auto& c : cells) refs.push_back({c.code, c.village_code, c.township_code});
        auto assignments = grids::assign_territorial(refs, owners);
        std::vector<grids::AdminUnit> all;
        for (auto* list : {&county, &townships, &villages}) {
            for (const auto& u : *list) all.push_back({u.level, u.code, u.name, u.parent_code, u.geometry.clone()});
        }
        directory = std::make_unique<grids::Directory>(owners, all, assignments);
        layers.working_crs = geo::Crs::from_epsg(4547);
        layers.county = county;
        layers.townships = townships;
        layers.villages = villages;
        layers.grids = cells;
        layers.directory = directory.get();
        input = {&layers, {}, "测试县"};
    }
    exporters::SheetOptions options(exporters::SheetFormat format) const {
        exporters::SheetOptions o;
        o.format = format;
        o.paper = "A4";
        o.dpi = 100;
        o.date = "2026-11-28";
        o.generation = "第1版";
        return o;
    }
    std::vector<grids::AdminUnit> county, townships, villages;
    std::vector<grids::GridCell> cells;
    std::unique_ptr<grids::Directory> directory;
    exporters::ProjectLayers layers;
    exporters::MapInput input;
    TempDir dir;
};

struct Png {
    explicit Png(const std::string& path) : surface(cairo_image_surface_create_from_png(path.c_str())) {}
    ~Png() { cairo_surface_destroy(surface); }
    Png(const Png&) = delete;
    Png& operator=(const Png&) = delete;
    // The pixel at page point (x, y), as 0xRRGGBB.
    [[nodiscard]] std::uint32_t at(double x_pt, double y_pt, double dpi) const {
        const int x = static_cast<int>(x_pt * dpi / 72), y = static_cast<int>(y_pt * dpi / 72);
        const auto* row = cairo_image_surface_get_data(surface) + y * cairo_image_surface_get_stride(surface);
        return reinterpret_cast<const std::uint32_t*>(row)[x] & 0xFFFFFF;
    }
    cairo_surface_t* surface;
};

TEST_F(Township, PngShowsEachGridInItsWorkersLegendColourWithoutLabelCollisions) {
    const std::string path = dir.file("sheet.png");
    auto r = exporters::render_township_sheet(input, "411626001", path, options(exporters::SheetFormat::Png));
    EXPECT_EQ(r.grids_drawn, cells.size());
    Png png(path);
    ASSERT_EQ(cairo_surface_status(png.surface), CAIRO_STATUS_SUCCESS);
    EXPECT_NEAR(cairo_image_surface_get_width(png.surface), r.page_width_pt * 100 / 72, 1);

    // Legend: both workers with their phones and grid counts, and the unstaffed grids.
    ASSERT_EQ(r.legend.size(), 3u);
    EXPECT_NE(r.legend[0].text.find("赵六 13800000004"), std::string::npos) << r.legend[0].text;
    EXPECT_NE(r.legend[1].text.find("孙八 13800000005"), std::string::npos) << r.legend[1].text;
    EXPECT_NE(r.legend[2].text.find("未落实网格员 (4格)"), std::string::npos) << r.legend[2].text;
    EXPECT_TRUE(r.overflow_csv.empty());
    const auto page = exporters::PageBox{0, 0, r.page_width_pt, r.page_height_pt};
    EXPECT_TRUE(page.contains(r.legend_box));
    EXPECT_FALSE(r.legend_box.intersects(r.map_frame));

    // A grid's fill, sampled a quarter of the way in (away from borders and labels), is its
    // worker's legend colour at the 200/255 opacity the sheet uses over white.
    const double k = 1 / r.metres_per_point;
    const double frame_w = r.map_frame.x1 - r.map_frame.x0, frame_h = r.map_frame.y1 - r.map_frame.y0;
    const double x_off = r.map_frame.x0 + (frame_w - 2000 * k) / 2, y_off = r.map_frame.y0 + (frame_h - 1000 * k) / 2;
    auto page_x = [&](double wx) { return x_off + (wx - X0) * k; };
    auto page_y = [&](double wy) { return y_off + (Y0 + 1000 - wy) * k; };
    auto blended = [](const exporters::Rgba& c) {
        auto mix = [](int v) { return static_cast<std::uint32_t>(std::lround(v * 200.0 / 255 + 255 * 55.0 / 255)); };
        return mix(c.r) << 16 | mix(c.g) << 8 | mix(c.b);
    };
    auto close = [](std::uint32_t a, std::uint32_t b) {
        for (int s : {0, 8, 16}) {
            if (std::abs(static_cast<int>((a >> s) & 255) - static_cast<int>((b >> s) & 255)) > 3) return false;
        }
        return true;
    };
    const std::string first_worker = directory->chain(cells[0].code).person(grids::Role::GridWorker);
    const auto& first = r.legend[first_worker == "赵六" ? 0 : 1];
    const std::uint32_t seen = png.at(page_x(X0 + 100), page_y(Y0 + 100), 100);
    EXPECT_TRUE(close(seen, blended(first.colour))) << std::hex << seen << " vs " << blended(first.colour);
    EXPECT_TRUE(close(png.at(page_x(X0 + 1900), page_y(Y0 + 100), 100), 0xD7D7D7)) << "unstaffed grids are grey";

    // Labels: some placed (the villages' names, grid numbers where they fit), none overlapping.
    ASSERT_GE(r.labels.size(), 2u);
    for (std::size_t i = 0; i < r.labels.size(); ++i) {
        EXPECT_TRUE(r.map_frame.contains(r.labels[i]));
        for (std::size_t j = i + 1; j < r.labels.size(); ++j) EXPECT_FALSE(r.labels[i].intersects(r.labels[j])) << i << " " << j;
    }

    // Scale bar: 1, 2 or 5 x 10^n metres, drawn at the sheet's scale; the printed 1:N agrees.
    const double mantissa = r.scale_bar_m / std::pow(10.0, std::floor(std::log10(r.scale_bar_m)));
    EXPECT_TRUE(mantissa == 1 || mantissa == 2 || mantissa == 5) << r.scale_bar_m;
    EXPECT_NEAR(r.scale_bar_pt * r.metres_per_point, r.scale_bar_m, r.scale_bar_m * 0.01);
    const double true_denominator = r.metres_per_point * 1000 / (25.4 / 72);
    EXPECT_NEAR(static_cast<double>(r.scale_denominator), true_denominator, true_denominator * 0.02);
}

TEST_F(Township, PdfEmbedsTheCjkFontAndSvgIsXml) {
    exporters::render_township_sheet(input, "411626001", dir.file("sheet.pdf"), options(exporters::SheetFormat::Pdf));
    const std::string pdf = read_text(dir.file("sheet.pdf"));
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.find("WenQuanYi"), std::string::npos) << "the Chinese font is embedded";
    exporters::render_county_overview(input, dir.file("overview.svg"), options(exporters::SheetFormat::Svg));
    const std::string svg = read_text(dir.file("overview.svg"));
    std::unique_ptr<CPLXMLNode, decltype(&CPLDestroyXMLNode)> tree(CPLParseXMLString(svg.c_str()), &CPLDestroyXMLNode);
    ASSERT_TRUE(tree);
    EXPECT_NE(CPLGetXMLNode(tree.get(), "=svg"), nullptr);
}

TEST_F(Township, ALegendTooLongForItsBoxPointsToTheFullListBesideTheSheet) {
    std::vector<grids::Owner> owners;
    std::vector<grids::GridCell> many;
    for (int i = 0; i < 400; ++i) {
        const std::string village = "411626001" + std::string(i < 200 ? "001" : "002");
        char seq[8];
        std::snprintf(seq, sizeof seq, "%03d", i % 200 + 1);
        many.push_back(square(village + seq, village, X0 + (i % 40) * 50, Y0 + (i / 40) * 50, 50));
        grids::Owner o;
        o.id = "W" + std::to_string(i);
        o.kind = OwnerKind::GridWorker;
        o.name = "网格员第" + std::to_string(i) + "号";
        o.unit_code = village;
        o.phone = "1380000" + std::to_string(1000 + i);
        owners.push_back(o);
    }
    std::vector<grids::GridRef> refs;
    for (const auto& c : many) refs.push_back({c.code, c.village_code, c.township_code});
    // One worker per grid: give each grid its own worker through per-grid assignment.
    auto assignments = grids::assign_territorial(refs, owners);
    std::vector<grids::AdminUnit> all;
    for (auto* list : {&county, &townships, &villages}) {
        for (const auto& u : *list) all.push_back({u.level, u.code, u.name, u.parent_code, u.geometry.clone()});
    }
    grids::Directory dir2(owners, all, assignments);
    layers.grids = many;
    layers.directory = &dir2;
    auto r = exporters::render_township_sheet(input, "411626001", dir.file("crowded.png"), options(exporters::SheetFormat::Png));
    ASSERT_GT(r.legend_entries_total, 100u);
    ASSERT_FALSE(r.overflow_csv.empty());
    EXPECT_LT(r.legend.size(), r.legend_entries_total + 1);
    EXPECT_NE(r.legend.back().text.find("另见附表"), std::string::npos);
    const std::string csv = read_text(r.overflow_csv);
    EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), r.legend_entries_total + 1);
}

TEST_F(Township, UnknownTownshipIsRefused) {
    EXPECT_THROW(exporters::render_township_sheet(input, "411626999", dir.file("x.png"), options(exporters::SheetFormat::Png)),
                 std::invalid_argument);
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.png")));
}

}  // namespace
}  // namespace respgrid::test
