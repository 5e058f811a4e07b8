// respgrid ledger ... and respgrid report on the one-village ledger project (tests/ops/ledger_project.hpp):
// what a user sees — the receipt, the exit codes (8: rows rejected, 9: a move refused), the
// rejects beside the project, a listing as XLSX read back through GDAL, and the report's files.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "ledger_project.hpp"
#include "respgrid/geo/gdal.hpp"
#include "run_command.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

class LedgerCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        make_ledger_project(project_);
        write_text(reports_, ledger_csv({{"A", "2026-09-04 09:00", 500250, 3730500, "C24", "巡查", "2026-09-04 09:10"},
                                         {"B", "2026-09-04 09:30", 500260, 3730500, "C24", "12345", "2026-09-04 09:40"},
                                         {"C", "2026-09-04 10:00", 500750, 3730500, "W4", "巡查", "2026-09-04 10:05"},
                                         {"D", "2026-09-31 10:00", 500750, 3730500, "W4", "巡查", ""}}));
    }
    TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
    std::string reports_ = dir_.file("reports.csv");
};

TEST_F(LedgerCliTest, ImportPrintsAReceiptAndExits8WithTheRejectsBesideTheProject) {
    const auto r = run_respgrid({"ledger", "import", project_, reports_, "--receipt", dir_.file("receipt.csv")});
    EXPECT_EQ(r.exit_code, 8) << r.err;
    EXPECT_NE(r.out.find("2 new case(s), 1 merged into cases (并案), 0 already on the ledger, 1 rejected"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("HY-20260904-0001"), std::string::npos);
    const std::string rejects = read_text(dir_.file("reports.rejects.csv"));
    EXPECT_NE(rejects.find("2026-09-31"), std::string::npos) << rejects;
    const std::string receipt = read_text(dir_.file("receipt.csv"));
    EXPECT_NE(receipt.find("merged"), std::string::npos);
    EXPECT_NE(receipt.find("HY-20260904-0002"), std::string::npos);

    // The same file again: nothing new, the same rejected row.
    const auto again = run_respgrid({"-q", "ledger", "import", project_, reports_});
    EXPECT_EQ(again.exit_code, 8);
    EXPECT_NE(again.out.find("0 new case(s), 0 merged into cases (并案), 3 already on the ledger"), std::string::npos)
        << again.out;
}

TEST_F(LedgerCliTest, ARefusedMoveExits9AndNamesTheAllowedMoves) {
    ASSERT_EQ(run_respgrid({"-q", "ledger", "import", project_, reports_}).exit_code, 8);
    const auto refused =
        run_respgrid({"ledger", "update", project_, "HY-20260904-0001", "--to", "已销号", "--at", "2026-09-05 09:00"});
    EXPECT_EQ(refused.exit_code, 9) << refused.err;
    EXPECT_NE(refused.err.find("from dispatched: in_progress (整改中), fixed (已整改), rejected (退回)"), std::string::npos)
        << refused.err;
    const auto fixed = run_respgrid({"ledger", "update", project_, "--report", "B", "--to", "已整改", "--at",
                                     "2026-09-04 15:00", "--by", "乙", "--photo", "after.jpg"});
    EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
    EXPECT_NE(fixed.out.find("HY-20260904-0001: 已整改"), std::string::npos) << fixed.out;
    const auto shown = run_respgrid({"ledger", "show", project_, "HY-20260904-0001", "--json"});
    ASSERT_EQ(shown.exit_code, 0);
    const auto j = nlohmann::json::parse(shown.out);
    EXPECT_EQ(j["status"], "fixed");
    EXPECT_EQ(j["reports"], 2);
    EXPECT_EQ(j["timeline"].size(), 3u);  // logged and dispatched, linked (B), fixed
    EXPECT_EQ(j["timeline"][2]["photos"][0]["ref"], "after.jpg");
}

TEST_F(LedgerCliTest, AListingInXlsxKeepsCodesAsTextAndTitlesInChinese) {
    ASSERT_EQ(run_respgrid({"-q", "ledger", "import", project_, reports_}).exit_code, 8);
    const std::string xlsx = dir_.file("ledger.xlsx");
    const auto r = run_respgrid({"ledger", "list", project_, "--format", "xlsx", "--headers-zh", "--output", xlsx,
                                 "--at", "2026-09-06 12:00"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    geo::ensure_gdal();
    GDALDatasetH ds = GDALOpenEx(xlsx.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    ASSERT_NE(ds, nullptr);
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    EXPECT_EQ(OGR_L_GetFeatureCount(layer, 1), 2);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int grid = OGR_FD_GetFieldIndex(defn, "网格编码");
    ASSERT_GE(grid, 0);
    EXPECT_EQ(OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, grid)), OFTString);
    OGRFeatureH f = OGR_L_GetNextFeature(layer);
    EXPECT_EQ(std::string(OGR_F_GetFieldAsString(f, grid)), kWestGrid);
    EXPECT_EQ(std::string(OGR_F_GetFieldAsString(f, OGR_FD_GetFieldIndex(defn, "超期"))), "是");
    OGR_F_Destroy(f);
    GDALClose(ds);
    // A table is for the terminal: asked for a file, it says so and writes none.
    EXPECT_EQ(run_respgrid({"ledger", "list", project_, "--output", dir_.file("list.txt")}).exit_code, 2);
    EXPECT_FALSE(std::filesystem::exists(dir_.file("list.txt")));
    // An existing output is refused without --overwrite.
    EXPECT_EQ(run_respgrid({"ledger", "list", project_, "--format", "xlsx", "--output", xlsx}).exit_code, 6);
}

TEST_F(LedgerCliTest, TheReportWritesEveryFormatAsked) {
    ASSERT_EQ(run_respgrid({"-q", "ledger", "import", project_, reports_}).exit_code, 8);
    const auto r = run_respgrid({"report", project_, "--day", "2026-09-06", "--markdown", dir_.file("r.md"),
                                 "--html", dir_.file("r.html"), "--xlsx", dir_.file("r.xlsx"), "--csv", dir_.file("r_csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Nothing was logged on the 6th; the two cases of the 4th are carried, one of them overdue.
    EXPECT_NE(r.out.find("挂账未整改 2 (往日 2), 超期 2"), std::string::npos) << r.out;
    EXPECT_TRUE(std::filesystem::exists(dir_.file("r.md")));
    EXPECT_TRUE(std::filesystem::exists(dir_.file("r.xlsx")));
    EXPECT_TRUE(std::filesystem::is_directory(dir_.file("r_csv")));
    EXPECT_EQ(read_text(dir_.file("r.html")).find("http://"), std::string::npos);
}

}  // namespace
}  // namespace respgrid::test
