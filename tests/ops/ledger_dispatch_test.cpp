// ops::dispatch_sheets: the workbook read back through GDAL holds, per owner, exactly the cases it
// has to fix, codes as text and the overdue ones flagged; the PDF has the pages the run says, and
// its maps drew one marker per case; an existing output is refused unless overwrite is asked.
// The cases and what is expected of them at noon are in dispatch_fixture.hpp.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "dispatch_fixture.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/ops/ledger_dispatch.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

using test::kDispatchNoon;
using test::TempDir;

DispatchResult dispatch(const std::string& project, const std::string& output, DispatchBy per, bool overwrite = false) {
    DispatchOptions options;
    options.project = project;
    options.output = output;
    options.per = per;
    options.at = kDispatchNoon;
    options.overwrite = overwrite;
    return dispatch_sheets(options);
}

struct SheetRow {
    std::map<std::string, std::string> cells;
    std::map<std::string, OGRFieldType> types;
};

// Every sheet of the workbook: its rows, each cell as text with its column's type.
std::map<std::string, std::vector<SheetRow>> read_workbook(const std::string& path) {
    auto ds = geo::open_vector(path, {"HEADERS=FORCE"});
    std::map<std::string, std::vector<SheetRow>> sheets;
    for (OGRLayer* layer : ds->GetLayers()) {
        auto& rows = sheets[layer->GetName()];
        for (auto& f : *layer) {
            SheetRow row;
            for (int i = 0; i < f->GetFieldCount(); ++i) {
                const std::string name = f->GetFieldDefnRef(i)->GetNameRef();
                row.cells[name] = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
                row.types[name] = f->GetFieldDefnRef(i)->GetType();
            }
            rows.push_back(std::move(row));
        }
    }
    return sheets;
}

std::vector<std::string> column(const std::vector<SheetRow>& rows, const std::string& name) {
    std::vector<std::string> values;
    for (const auto& r : rows) values.push_back(r.cells.at(name));
    return values;
}

// Page objects in the PDF (not the /Pages tree): Cairo writes them uncompressed.
int pdf_pages(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream read;
    read << file.rdbuf();
    const std::string bytes = read.str();
    const std::regex page("/Type\\s*/Page[^s]");
    return static_cast<int>(std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), page), std::sregex_iterator()));
}

TEST(DispatchSheets, PerTownshipTheWorkbookHasASheetPerOwnerWithExactlyItsOpenCasesInDeadlineOrder) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto result = dispatch(project, dir.file("out"), DispatchBy::Township);

    ASSERT_EQ(result.files.size(), 2u);
    EXPECT_EQ(result.files[0], (std::filesystem::path(dir.file("out")) / kDispatchWorkbook).string());
    const auto sheets = read_workbook(result.files[0]);
    // The summary, 城关镇, 白楼镇 and the case found outside every township; closed and fixed cases
    // are on no sheet.
    EXPECT_EQ(sheets.size(), 4u);
    ASSERT_TRUE(sheets.count("汇总"));
    ASSERT_TRUE(sheets.count("城关镇"));
    ASSERT_TRUE(sheets.count("白楼镇"));
    ASSERT_TRUE(sheets.count("未落入乡镇_街道")) << "'/' is refused in a sheet name";
    EXPECT_EQ(column(sheets.at("城关镇"), "案卷编号"), (std::vector<std::string>{"HY-20260901-0001", "HY-20260901-0002"}));
    // 0005 is due; 0004 was never dispatched, so it has no deadline and comes last.
    EXPECT_EQ(column(sheets.at("白楼镇"), "案卷编号"), (std::vector<std::string>{"HY-20260901-0005", "HY-20260901-0004"}));
    EXPECT_EQ(column(sheets.at("白楼镇"), "序号"), (std::vector<std::string>{"1", "2"}));

    // Codes stay text: a grid code is not 4.11626E+14.
    const auto& first = sheets.at("城关镇").front();
    EXPECT_EQ(first.cells.at("网格编码"), "411626001001001");
    EXPECT_EQ(first.types.at("网格编码"), OFTString);
    EXPECT_EQ(first.cells.at("村/社区"), "东村");
    EXPECT_EQ(first.cells.at("整改时限"), "2026-09-01 18:00");

    // The summary counts what the sheets hold, and names each owner's sheet.
    std::map<std::string, std::pair<std::string, std::string>> summary;  // code -> cases, overdue
    for (const auto& r : sheets.at("汇总")) summary[r.cells.at("代码")] = {r.cells.at("待整改"), r.cells.at("其中超期")};
    EXPECT_EQ(summary.at("411626001"), (std::pair<std::string, std::string>{"2", "1"}));
    EXPECT_EQ(summary.at("411626002"), (std::pair<std::string, std::string>{"2", "1"}));
    EXPECT_EQ(summary.at(""), (std::pair<std::string, std::string>{"1", "0"}));

    // And the result says the same.
    ASSERT_EQ(result.owners.size(), 3u);
    EXPECT_EQ(result.owners[0].code, "411626001");
    EXPECT_EQ(result.owners[0].sheet, "城关镇");
    EXPECT_EQ(result.owners[2].code, "") << "cases outside every township come last";
    EXPECT_EQ(result.cases, 5u);
    EXPECT_EQ(result.overdue, 2u);
}

TEST(DispatchSheets, AnOverdueCaseIsFlaggedWithItsHoursPastTheDeadline) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto result = dispatch(project, dir.file("out"), DispatchBy::Township);
    const auto sheets = read_workbook(result.files[0]);
    std::map<std::string, const SheetRow*> by_number;
    for (const auto& [name, rows] : sheets) {
        for (const auto& r : rows) {
            if (r.cells.count("案卷编号")) by_number[r.cells.at("案卷编号")] = &r;
        }
    }
    // Due 2026-09-01 18:00, seen 2026-09-02 12:00: 18 hours late.
    const auto& late = by_number.at("HY-20260901-0001")->cells;
    EXPECT_EQ(late.at("是否超期"), "是");
    EXPECT_DOUBLE_EQ(std::stod(late.at("超期小时")), 18.0);
    EXPECT_EQ(late.at("剩余小时"), "");
    EXPECT_EQ(late.at("督办升级级数"), "1");
    EXPECT_EQ(late.at("上报次数"), "3");
    // Due 2026-09-03 12:00: a day left.
    const auto& on_time = by_number.at("HY-20260901-0002")->cells;
    EXPECT_EQ(on_time.at("是否超期"), "否");
    EXPECT_DOUBLE_EQ(std::stod(on_time.at("剩余小时")), 24.0);
    EXPECT_EQ(on_time.at("超期小时"), "");
    // Not yet dispatched: no clock.
    const auto& logged = by_number.at("HY-20260901-0004")->cells;
    EXPECT_EQ(logged.at("是否超期"), "否");
    EXPECT_EQ(logged.at("剩余小时"), "");
    EXPECT_EQ(logged.at("整改时限"), "未派遣");
}

TEST(DispatchSheets, PerDepartmentACaseNamedToTwoIsOnBothSheetsAndOneNamedToNoneIsCounted) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto result = dispatch(project, dir.file("out"), DispatchBy::Department);
    const auto sheets = read_workbook(result.files[0]);
    EXPECT_EQ(sheets.size(), 3u);
    EXPECT_EQ(column(sheets.at("城管局"), "案卷编号"),
              (std::vector<std::string>{"HY-20260901-0001", "HY-20260901-0002", "HY-20260901-0006"}));
    EXPECT_EQ(column(sheets.at("市场监管局"), "案卷编号"),
              (std::vector<std::string>{"HY-20260901-0005", "HY-20260901-0002"}));
    EXPECT_EQ(result.without_owner, 1u) << "HY-20260901-0004 names no department";
    EXPECT_EQ(result.cases, 4u) << "0002 is on two sheets but one case";
}

TEST(DispatchSheets, ThePdfHasAPagePerOwnerAndItsMapsDrewAMarkerPerCase) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const auto result = dispatch(project, dir.file("out"), DispatchBy::Township);
    ASSERT_TRUE(std::filesystem::exists(result.files[1]));
    EXPECT_EQ(result.pdf_pages, 3);
    EXPECT_EQ(pdf_pages(result.files[1]), result.pdf_pages);
    EXPECT_EQ(result.owners[1].first_page, 2);

    // One marker per case on its owner's page, numbered as the table, red when overdue.
    std::map<std::size_t, std::vector<int>> seqs;
    std::set<std::pair<std::size_t, int>> overdue;
    for (const auto& m : result.markers) {
        seqs[m.owner].push_back(m.seq);
        if (m.overdue) overdue.insert({m.owner, m.seq});
        EXPECT_EQ(m.page, result.owners[m.owner].first_page);
    }
    EXPECT_EQ(seqs[0], (std::vector<int>{1, 2}));
    EXPECT_EQ(seqs[1], (std::vector<int>{1, 2}));
    EXPECT_EQ(seqs[2], (std::vector<int>{1}));
    EXPECT_EQ(overdue, (std::set<std::pair<std::size_t, int>>{{0, 1}, {1, 1}}));
    // Markers sit where the cases are: on 城关镇's map, 0002 lies 100 m north of 0001.
    EXPECT_GT(result.markers[0].y, result.markers[1].y);
    EXPECT_DOUBLE_EQ(result.markers[0].x, result.markers[1].x);
}

TEST(DispatchSheets, ALongListGoesOnOverFurtherPages) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project, false);
    std::vector<grids::LedgerCase> many;
    for (int i = 1; i <= 80; ++i) {
        char number[32];
        std::snprintf(number, sizeof number, "HY-20260901-%04d", i);
        test::DispatchFixtureCase f{number, 1, grids::CaseStatus::Dispatched, "2026-09-03T12:00:00", {}};
        auto c = test::dispatch_case(f);
        c.position = {500100.0 + 10.0 * i, 3730500.0};
        many.push_back(c);
    }
    auto p = store::Project::open(project);
    test::add_dispatch_cases(p, many);
    const auto result = dispatch(project, dir.file("out"), DispatchBy::Township);
    ASSERT_EQ(result.owners.size(), 1u);
    EXPECT_EQ(result.owners[0].cases, 80u);
    EXPECT_GT(result.pdf_pages, 1);
    EXPECT_EQ(pdf_pages(result.files[1]), result.pdf_pages);
    EXPECT_EQ(result.markers.size(), 80u);
}

TEST(DispatchSheets, AnExistingOutputIsRefusedUnlessOverwriteIsAsked) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_dispatch_project(project);
    const std::string out = dir.file("out");
    dispatch(project, out, DispatchBy::Township);
    const auto written = std::filesystem::last_write_time(std::filesystem::path(out) / kDispatchWorkbook);
    EXPECT_THROW(dispatch(project, out, DispatchBy::Village), OutputError);
    // Refused before anything was written: the earlier sheets are the township ones still.
    EXPECT_EQ(std::filesystem::last_write_time(std::filesystem::path(out) / kDispatchWorkbook), written);
    const auto again = dispatch(project, out, DispatchBy::Village, /*overwrite=*/true);
    const auto sheets = read_workbook(again.files[0]);
    EXPECT_TRUE(sheets.count("东村"));
    EXPECT_TRUE(sheets.count("西村"));
    // A folder respgrid did not make is never replaced, even with overwrite.
    const std::string foreign = dir.file("foreign");
    std::filesystem::create_directory(foreign);
    std::ofstream(std::filesystem::path(foreign) / "mine.txt") << "keep";
    EXPECT_THROW(dispatch(project, foreign, DispatchBy::Township, true), OutputError);
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(foreign) / "mine.txt"));
}

}  // namespace
}  // namespace respgrid::ops
