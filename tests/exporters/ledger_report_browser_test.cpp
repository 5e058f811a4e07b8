// The HTML daily report opened in a real browser, offline: headless Chromium (Debian's `chromium`,
// scripts/setup.sh) takes a screenshot of the file, which is decoded with GDAL's PNG driver and
// must show the map's colours. CI runs it; a developer without Chromium may skip it by setting
// RESPGRID_ALLOW_NO_CHROMIUM, never silently.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "ledger_fixture.hpp"
#include "respgrid/exporters/ledger_report.hpp"
#include "respgrid/geo/gdal.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

// The browser on PATH, or "".
std::string find_chromium() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        const std::size_t end = std::min(dirs.find(':', start), dirs.size());
        for (const char* name : {"chromium", "chromium-browser"}) {
            const auto candidate = std::filesystem::path(dirs.substr(start, end - start)) / name;
            std::error_code ec;
            if (!candidate.empty() && std::filesystem::is_regular_file(candidate, ec)) return candidate.string();
        }
        start = end + 1;
    }
    return {};
}

struct Rgb {
    int r, g, b;
};

// Pixels of the screenshot within `tolerance` of `colour` on every channel.
struct Screenshot {
    int width = 0;
    int height = 0;
    std::array<std::vector<std::uint8_t>, 3> bands;

    [[nodiscard]] std::size_t count(Rgb colour, int tolerance = 3) const {
        std::size_t n = 0;
        for (std::size_t i = 0; i < bands[0].size(); ++i) {
            if (std::abs(bands[0][i] - colour.r) <= tolerance && std::abs(bands[1][i] - colour.g) <= tolerance &&
                std::abs(bands[2][i] - colour.b) <= tolerance) {
                ++n;
            }
        }
        return n;
    }
    [[nodiscard]] std::size_t not_white() const { return bands[0].size() - count({255, 255, 255}, 0); }
};

Screenshot decode_png(const std::string& path) {
    geo::ensure_gdal();
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw std::runtime_error("cannot open the screenshot " + path);
    Screenshot s;
    s.width = ds->GetRasterXSize();
    s.height = ds->GetRasterYSize();
    if (ds->GetRasterCount() < 3) throw std::runtime_error("the screenshot is not RGB");
    for (int b = 0; b < 3; ++b) {
        auto& band = s.bands[static_cast<std::size_t>(b)];
        band.resize(static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height));
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, s.width, s.height, band.data(), s.width, s.height,
                                               GDT_Byte, 0, 0) != CE_None) {
            throw std::runtime_error("cannot read the screenshot's pixels");
        }
    }
    return s;
}

TEST(LedgerReportBrowser, ChromiumDrawsTheMapOffline) {
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        if (std::getenv("RESPGRID_ALLOW_NO_CHROMIUM")) GTEST_SKIP() << "chromium is not installed";
        FAIL() << "chromium is not installed (scripts/setup.sh installs it; set RESPGRID_ALLOW_NO_CHROMIUM to skip)";
    }
    const auto ledger = thirty_case_ledger();
    const auto report = grids::compute_daily_report(ledger.cases, ledger.events,
                                                    grids::ReportPeriod::day(*grids::Date::from_ymd(2026, 9, 10)));
    const auto cells = fixture_grid_cells();
    const auto townships = fixture_townships();
    TempDir dir;
    const std::string html = dir.file("督办通报.html");
    exporters::write_report_html(report, {"淮阳区", ""}, exporters::ReportMap{cells, townships}, html, {});

    const std::string png = dir.file("shot.png");
    // Its own profile folder (never the user's), no network needed: the file refers to nothing.
    const std::string command = "timeout 180 '" + chromium +
                                "' --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir='" +
                                dir.file("profile") + "' --screenshot='" + png +
                                "' --window-size=1280,2000 'file://" + html + "' > '" + dir.file("chromium.log") +
                                "' 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_EQ(status, 0) << command << "\n" << read_text(dir.file("chromium.log"));
    ASSERT_TRUE(std::filesystem::exists(png)) << read_text(dir.file("chromium.log"));

    const Screenshot shot = decode_png(png);
    EXPECT_EQ(shot.width, 1280);
    EXPECT_EQ(shot.height, 2000);
    // The grids hold 4, 3, 3, 3, 2, 2 cases and the spare ones 0: classes 1-4 of the legend are one
    // case each, the map's colours (report_svg.cpp) #fdcc8a (1, no grid has it), #fc8d59 (2),
    // #ef6548 (3), #d7301f (4), #f2f2f2 (0). A grid is a square of about 236 px.
    const std::size_t two = shot.count({0xfc, 0x8d, 0x59});
    const std::size_t three = shot.count({0xef, 0x65, 0x48});
    const std::size_t zero = shot.count({0xf2, 0xf2, 0xf2}, 1);
    EXPECT_GT(two, 2u * 30000u) << "two grids of 2 cases";
    EXPECT_GT(three, 3u * 30000u) << "three grids of 3 cases";
    EXPECT_GT(zero, 2u * 30000u) << "two grids without cases";
    EXPECT_GT(shot.not_white(), 300000u) << "the page is not blank";
}

}  // namespace
}  // namespace respgrid::test
