// ops::draw_area_maps: grid workers' and villages' sheets (exporters/area_sheet.hpp) of a real
// SpatiaLite project, drawn by Cairo: every grid number of a worker's area is placed at the
// chosen scale (the renderer reports what it placed and left out), an area too long for one
// page is split over pages after an index, and the county book is one PDF whose page count is
// the contents' plus every sheet's.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <set>

#include "export_map_fixture.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/map.hpp"

namespace respgrid::ops {
namespace {

using test::TempDir;

constexpr double kX0 = 500000, kY0 = 3730000, kCell = 100;

grids::GridCell square(const std::string& village, const std::string& township, int sequence, double x, double y) {
    grids::GridCell c;
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", sequence);
    c.code = village + seq;
    c.name = "第" + std::to_string(sequence) + "网格";
    c.village_code = village;
    c.township_code = township;
    c.set_shape(geo::Geometry::rectangle(x, y, x + kCell, y + kCell));
    c.area_m2 = c.shape().area();
    c.weight = 12;
    return c;
}

// 城关镇: 东村, 2 km x 1 km of 100 m grids (200), two grid workers, one grid a school (专属网格).
// 白楼镇 east of it: 长村, a strip 6 km x 200 m (120 grids) with one worker, too long for a
// page at a scale where its numbers fit.
void make_project(const std::string& path) {
    auto p = store::Project::create(path, "411626", "淮阳县", 4547);
    auto rect = [](double x0, double y0, double x1, double y1) { return geo::Geometry::rectangle(x0, y0, x1, y1); };
    std::vector<grids::AdminUnit> units;
    units.push_back({grids::AdminLevel::County, "411626", "淮阳县", "", rect(kX0, kY0, kX0 + 8000, kY0 + 1000), {}});
    units.push_back(
        {grids::AdminLevel::Township, "411626001", "城关镇", "411626", rect(kX0, kY0, kX0 + 2000, kY0 + 1000), {}});
    units.push_back(
        {grids::AdminLevel::Village, "411626001001", "东村", "411626001", rect(kX0, kY0, kX0 + 2000, kY0 + 1000), {}});
    units.push_back({grids::AdminLevel::Township,
                     "411626101",
                     "白楼镇",
                     "411626",
                     rect(kX0 + 2000, kY0, kX0 + 8000, kY0 + 1000),
                     {}});
    units.push_back({grids::AdminLevel::Village,
                     "411626101201",
                     "长村",
                     "411626101",
                     rect(kX0 + 2000, kY0, kX0 + 8000, kY0 + 200),
                     {}});
    p.upsert_units(units, "fixture");
    std::vector<grids::GridCell> cells;
    int sequence = 0;
    for (double y = kY0 + 900; y >= kY0; y -= kCell) {
        for (double x = kX0; x < kX0 + 2000; x += kCell)
            cells.push_back(square("411626001001", "411626001", ++sequence, x, y));
    }
    cells[45].dedicated = true;
    cells[45].label = "城关一小";
    sequence = 0;
    for (double y = kY0 + 100; y >= kY0; y -= kCell) {
        for (double x = kX0 + 2000; x < kX0 + 8000; x += kCell) {
            cells.push_back(square("411626101201", "411626101", ++sequence, x, y));
        }
    }
    const auto generation = p.add_generation("square", "{}", cells);
    using grids::OwnerKind;
    using test::fixture_owner;
    std::vector<grids::Owner> owners{fixture_owner("T1", OwnerKind::Township, "城关镇", "411626001"),
                                     fixture_owner("T2", OwnerKind::Township, "白楼镇", "411626101"),
                                     fixture_owner("V1", OwnerKind::Village, "东村", "411626001001"),
                                     fixture_owner("V2", OwnerKind::Village, "长村", "411626101201"),
                                     fixture_owner("L1", OwnerKind::Leader, "王县长", ""),
                                     fixture_owner("GW_A", OwnerKind::GridWorker, "甲网格员", "411626001001"),
                                     fixture_owner("GW_B", OwnerKind::GridWorker, "乙网格员", "411626001001"),
                                     fixture_owner("GW_C", OwnerKind::GridWorker, "丙网格员", "411626101201")};
    owners[4].packages = {"411626001", "411626101"};
    p.upsert_owners(owners);
    const auto refs = p.load_grid_refs(generation.id);
    p.replace_assignments(generation.id,
                          grids::ServingRoster(p.load_owners()).chains_on(refs, *grids::Date::from_iso("2026-09-01")));
}

DrawMapsOptions area_options(const std::string& project, const std::string& output) {
    DrawMapsOptions o;
    o.project = project;
    o.output = output;
    o.format = exporters::MapFormat::Png;
    o.dpi = 60;
    o.date = *grids::parse_time("2026-09-01").value;
    return o;
}

std::vector<std::string> number_labels(const exporters::AreaSheetResult& sheet) {
    std::vector<std::string> texts;
    for (const auto& page : sheet.pages) {
        for (const auto& l : page.labels) {
            if (l.kind == exporters::LabelKind::GridNumber) texts.push_back(l.text);
        }
    }
    return texts;
}

class AreaSheets : public ::testing::Test {
protected:
    void SetUp() override { make_project(project); }
    TempDir dir;
    std::string project = dir.file("p.rgproj");
};

TEST_F(AreaSheets, AWorkersSheetNumbersEveryGridOfTheAreaOnOnePageAtARoundFieldScale) {
    auto o = area_options(project, dir.file("sheets"));
    o.worker = "GW_A";
    const auto maps = draw_area_maps(o);
    ASSERT_TRUE(maps.sheets.failed.empty()) << maps.sheets.failed.front().message;
    ASSERT_EQ(maps.sheets.written.size(), 1u);
    const auto& sheet = maps.sheets.written[0];
    EXPECT_EQ(sheet.area.name, "甲网格员");
    EXPECT_EQ(sheet.area.village_name, "东村");
    ASSERT_EQ(sheet.pages.size(), 1u);
    EXPECT_TRUE(sheet.left_out.empty());
    // Half of 东村's 200 grids, each numbered by its sequence, once.
    ASSERT_EQ(sheet.grid_codes.size(), 100u);
    std::vector<std::string> expected;
    for (const auto& code : sheet.grid_codes) expected.push_back(code.substr(12));
    auto numbers = number_labels(sheet);
    std::sort(numbers.begin(), numbers.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(numbers, expected);
    // The largest round scale at which the area (1 km x 0.5 km and a margin) fits A3.
    EXPECT_GE(sheet.scale_denominator, 2000);
    EXPECT_LE(sheet.scale_denominator, 10000);
    const double d = sheet.scale_denominator;
    EXPECT_TRUE(d == 2000 || d == 2500 || d == 5000 || d == 7500 || d == 10000) << d;
    // Placed labels never overlap; the school is named.
    const auto& labels = sheet.pages[0].labels;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t j = i + 1; j < labels.size(); ++j) EXPECT_FALSE(labels[i].box.intersects(labels[j].box));
    }
    ASSERT_NE(std::find(sheet.grid_codes.begin(), sheet.grid_codes.end(), "411626001001046"), sheet.grid_codes.end());
    EXPECT_TRUE(std::any_of(labels.begin(), labels.end(), [](const exporters::PlacedLabel& l) {
        return l.kind == exporters::LabelKind::Dedicated && l.text == "城关一小";
    }));
    // The neighbouring worker is named at the edge.
    EXPECT_TRUE(std::any_of(labels.begin(), labels.end(), [](const exporters::PlacedLabel& l) {
        return l.kind == exporters::LabelKind::Owner && l.text == "乙网格员";
    }));
    ASSERT_EQ(sheet.files.size(), 1u);
    EXPECT_EQ(sheet.files[0], dir.file("sheets/411626001_城关镇/411626001001_东村_甲网格员_GW_A.png"));
    EXPECT_GT(std::filesystem::file_size(sheet.files[0]), 1000u);
}

TEST_F(AreaSheets, ImportedRoadAndRiverNamesArePrintedAlongTheLinesAfterEveryGridNumber) {
    {
        // Across the whole of 东村, so through GW_A's area whichever half it is: a named main road,
        // a named river and a minor road without a name.
        auto p = store::Project::open(project);
        std::vector<grids::LineFeature> lines;
        lines.push_back({grids::LineKind::MainRoad, test::wkt("LINESTRING (499900 3730550, 502100 3730550)"), "人民路"});
        lines.push_back({grids::LineKind::River, test::wkt("LINESTRING (499900 3730250, 502100 3730250)"), "新蔡河"});
        lines.push_back({grids::LineKind::MinorRoad, test::wkt("LINESTRING (500450 3729900, 500450 3731100)"), ""});
        p.replace_lines("roads.geojson", lines);
    }
    auto o = area_options(project, dir.file("sheets"));
    o.worker = "GW_A";
    const auto maps = draw_area_maps(o);
    ASSERT_TRUE(maps.sheets.failed.empty()) << maps.sheets.failed.front().message;
    const auto& sheet = maps.sheets.written.at(0);
    ASSERT_EQ(sheet.pages.size(), 1u);
    // The names never displace a grid number.
    EXPECT_TRUE(sheet.left_out.empty());
    EXPECT_EQ(number_labels(sheet).size(), sheet.grid_codes.size());
    const auto& labels = sheet.pages[0].labels;
    const auto& t = sheet.pages[0].transform;
    std::size_t roads = 0, rivers = 0;
    for (const auto& l : labels) {
        if (l.kind == exporters::LabelKind::RoadName) {
            ++roads;
            EXPECT_EQ(l.text, "人民路");  // the unnamed minor road gets no label
            // Centred on the road.
            EXPECT_NEAR((l.box.y0 + l.box.y1) / 2, t.page_y(3730550), 0.5);
        } else if (l.kind == exporters::LabelKind::RiverName) {
            ++rivers;
            EXPECT_EQ(l.text, "新蔡河");
            EXPECT_NEAR((l.box.y0 + l.box.y1) / 2, t.page_y(3730250), 0.5);
        }
    }
    EXPECT_GE(roads, 1u);
    EXPECT_GE(rivers, 1u);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t j = i + 1; j < labels.size(); ++j) EXPECT_FALSE(labels[i].box.intersects(labels[j].box));
    }
}

TEST_F(AreaSheets, AnAreaTooLongForOnePageIsSplitOverOverlappingPagesAfterAnIndexAndStillNumbersEveryGrid) {
    auto o = area_options(project, dir.file("sheets"));
    o.worker = "GW_C";
    o.paper = exporters::Paper::A4;
    const auto maps = draw_area_maps(o);
    ASSERT_TRUE(maps.sheets.failed.empty()) << maps.sheets.failed.front().message;
    const auto& sheet = maps.sheets.written.at(0);
    ASSERT_GE(sheet.pages.size(), 3u);  // the index and at least two map pages
    EXPECT_TRUE(sheet.pages[0].index);
    EXPECT_TRUE(std::none_of(sheet.pages.begin() + 1, sheet.pages.end(), [](const auto& p) { return p.index; }));
    EXPECT_TRUE(sheet.left_out.empty());
    std::set<std::string> numbers;
    for (const auto& n : number_labels(sheet)) numbers.insert(n);
    EXPECT_EQ(numbers.size(), 120u);
    EXPECT_LE(sheet.scale_denominator, 10000);
    // Neighbouring map pages overlap.
    const auto world = [](const exporters::AreaPage& p) {
        return p.transform.min_x + p.map_frame.width() / p.transform.points_per_metre;
    };
    EXPECT_GT(world(sheet.pages[1]), sheet.pages[2].transform.min_x);
    // One PNG per page: the index under the sheet's name, the map pages numbered after it.
    ASSERT_EQ(sheet.files.size(), sheet.pages.size());
    for (const auto& f : sheet.files) EXPECT_TRUE(std::filesystem::is_regular_file(f)) << f;
    EXPECT_EQ(sheet.files[1], dir.file("sheets/411626101_白楼镇/411626101201_长村_丙网格员_GW_C_1.png"));
}

// Pages of a PDF: its page objects ("/Type /Page", not "/Type /Pages").
std::size_t pdf_page_objects(const std::string& path) {
    const auto text = test::read_text(path);
    const std::regex page(R"(/Type\s*/Page[^s])");
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(text.begin(), text.end(), page), std::sregex_iterator()));
}

TEST_F(AreaSheets, TheBookIsOnePdfOfTheContentsAndEveryWorkersSheet) {
    auto o = area_options(project, dir.file("book.pdf"));
    o.format = exporters::MapFormat::Pdf;
    o.paper = exporters::Paper::A4;
    o.per = exporters::AreaKind::Worker;
    ASSERT_TRUE(is_book(o));
    const auto maps = draw_area_maps(o);
    ASSERT_TRUE(maps.book);
    const auto& book = *maps.book;
    ASSERT_EQ(book.sheets.size(), 3u);          // township → village → worker (by name, as the legends)
    EXPECT_EQ(book.sheets[0].area.id, "GW_B");  // 乙 sorts before 甲
    EXPECT_EQ(book.sheets[1].area.id, "GW_A");
    EXPECT_EQ(book.sheets[2].area.id, "GW_C");
    EXPECT_EQ(book.contents_pages, 1u);
    std::size_t pages = book.contents_pages;
    for (const auto& s : book.sheets) {
        EXPECT_EQ(s.first_page, pages + 1) << s.area.id;
        EXPECT_TRUE(s.left_out.empty()) << s.area.id;
        pages += s.pages.size();
    }
    EXPECT_EQ(book.pages, pages);
    EXPECT_GT(book.sheets[2].pages.size(), 1u);  // the strip is split in the book too
    EXPECT_EQ(pdf_page_objects(book.path), book.pages);
    // Staged and renamed: nothing else beside it.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 2u);  // the project and the book
}

TEST_F(AreaSheets, OneSheetPerVillageOfATownshipInItsFolder) {
    auto o = area_options(project, dir.file("villages"));
    o.township = "411626001";
    o.per = exporters::AreaKind::Village;
    const auto maps = draw_area_maps(o);
    ASSERT_TRUE(maps.sheets.failed.empty()) << maps.sheets.failed.front().message;
    ASSERT_EQ(maps.sheets.written.size(), 1u);
    const auto& sheet = maps.sheets.written[0];
    EXPECT_EQ(sheet.files.at(0), dir.file("villages/411626001_城关镇/411626001001_东村.png"));
    EXPECT_EQ(sheet.grid_codes.size(), 200u);
    EXPECT_TRUE(sheet.left_out.empty());
}

TEST_F(AreaSheets, AnExistingSheetIsReplacedOnlyWithOverwrite) {
    auto o = area_options(project, dir.file("sheets"));
    o.worker = "GW_A";
    draw_area_maps(o);
    EXPECT_THROW(draw_area_maps(o), respgrid::OutputError);
    o.overwrite = true;
    EXPECT_NO_THROW(draw_area_maps(o));
}

TEST_F(AreaSheets, AnUnknownWorkerOrABookInPngIsAUsageError) {
    auto o = area_options(project, dir.file("sheets"));
    o.worker = "NOBODY";
    EXPECT_THROW(draw_area_maps(o), UsageError);
    auto book = area_options(project, dir.file("book.pdf"));
    book.per = exporters::AreaKind::Worker;
    EXPECT_THROW(draw_area_maps(book), UsageError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("book.pdf")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("sheets")));
}

}  // namespace
}  // namespace respgrid::ops
