// ops::draw_maps: the sheets of a project drawn from plain options, with the owners serving on
// the sheet's date (grids::ServingRoster), not the chains `assign` stored.

#include <gtest/gtest.h>

#include <filesystem>

#include "export_map_fixture.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/map.hpp"

namespace respgrid::ops {
namespace {

using test::make_served_project;
using test::TempDir;

DrawMapsOptions township_sheet(const std::string& project, const std::string& output, const std::string& date) {
    DrawMapsOptions options;
    options.project = project;
    options.township = "411626001";
    options.output = output;
    options.format = exporters::MapFormat::Svg;
    options.date = *grids::parse_time(date).value;
    return options;
}

std::vector<std::string> legend_names(const exporters::SheetResult& sheet) {
    std::vector<std::string> names;
    for (const auto& e : sheet.legend) names.push_back(e.name);
    return names;
}

TEST(DrawMaps, TheSheetShowsTheWorkerServingOnItsDate) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));  // `assign` stored GW_OLD
    const auto august = draw_maps(township_sheet(project, dir.file("august"), "2026-08-20"));
    ASSERT_TRUE(august.failed.empty()) << august.failed.front().message;
    ASSERT_EQ(august.written.size(), 1u);
    EXPECT_EQ(august.written[0].date, *grids::Date::from_iso("2026-08-20"));
    EXPECT_EQ(legend_names(august.written[0]), std::vector<std::string>{"老网格员"});
    // GW_OLD's service ended on 08-31: a sheet dated in September shows GW_NEW.
    const auto september = draw_maps(township_sheet(project, dir.file("september"), "2026年9月2日"));
    ASSERT_EQ(september.written.size(), 1u);
    EXPECT_EQ(legend_names(september.written[0]), std::vector<std::string>{"新网格员"});
    EXPECT_TRUE(std::filesystem::is_regular_file(september.written[0].path));
}

TEST(DrawMaps, EveryTownshipAndTheOverviewWithoutATownshipAndTodayWithoutADate) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));
    DrawMapsOptions options = township_sheet(project, dir.file("all"), "2026-08-20");
    options.township.reset();
    options.date.reset();
    options.now = test::noon_of("2026-09-02");
    const auto batch = draw_maps(options);
    ASSERT_TRUE(batch.failed.empty()) << batch.failed.front().message;
    ASSERT_EQ(batch.written.size(), 2u);  // the township's sheet and the county overview
    EXPECT_EQ(batch.written[0].date, *grids::Date::from_iso("2026-09-02"));
    EXPECT_EQ(legend_names(batch.written[0]), std::vector<std::string>{"新网格员"});
    EXPECT_NE(batch.written[1].path.find("county_overview.svg"), std::string::npos);
}

TEST(DrawMaps, TheOverviewNamesTheTownshipsContactServingOnItsDate) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, grids::Date::from_iso("2026-08-15"));
    test::change_unit_owner(project, "T1", grids::OwnerKind::Township, "411626001");
    for (const auto& [date, contact] : {std::pair{"2026-08-31", "旧负责人"}, {"2026-09-01", "新负责人"}}) {
        DrawMapsOptions options = township_sheet(project, dir.file(std::string("maps_") + date), date);
        options.township.reset();
        const auto batch = draw_maps(options);
        ASSERT_EQ(batch.written.size(), 2u) << date;
        const auto& overview = batch.written[1];
        ASSERT_EQ(overview.legend.size(), 1u);
        EXPECT_EQ(overview.legend[0].unit, contact) << date;
    }
}

TEST(DrawMaps, AnUnknownTownshipIsAUsageErrorNamingTheKnownOnes) {
    TempDir dir;
    const std::string project = dir.file("p.rgproj");
    make_served_project(project, std::nullopt);
    DrawMapsOptions options = township_sheet(project, dir.file("maps"), "2026-08-20");
    options.township = "411626009";
    try {
        draw_maps(options);
        FAIL() << "expected a UsageError";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("411626001 城关镇"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("maps")));
}

}  // namespace
}  // namespace respgrid::ops
