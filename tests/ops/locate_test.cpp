// ops::locate_point and ops::locate_table on a store-made project (serving_project.hpp): who serves
// at a time is one rule, so one point asked alone or in a table at the same time gets the same
// grid worker, the one serving that day.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "respgrid/grids/owner_columns.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/locate.hpp"
#include "serving_project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

// The rows a table locate writes, kept as text by column name.
class MemorySink : public LocatedRowSink {
public:
    void begin(std::vector<exporters::TableColumn> columns) override { columns_ = std::move(columns); }
    void write(const exporters::TableRows& rows) override {
        for (std::size_t r = 0; r < rows.rows(); ++r) {
            std::map<std::string, std::string> row;
            for (std::size_t c = 0; c < columns_.size(); ++c) row[columns_[c].name] = std::string(rows.cell(r, c));
            rows_.push_back(std::move(row));
        }
    }
    void finish() override { finished_ = true; }

    std::vector<exporters::TableColumn> columns_;
    std::vector<std::map<std::string, std::string>> rows_;
    bool finished_ = false;
};

class MemoryRejects : public RejectSink {
public:
    void add(const std::vector<Reject>& rejects) override { all_.insert(all_.end(), rejects.begin(), rejects.end()); }
    std::vector<Reject> all_;
};

grids::TimeText time(const char* text) { return *grids::parse_time(text).value; }

class Locate : public ::testing::Test {
protected:
    void SetUp() override { test::make_serving_project(project_); }

    PointLocation locate(geo::XY p, const char* at) const {
        PointLocateOptions o;
        o.project = project_;
        o.x = p.x;
        o.y = p.y;
        o.crs = geo::Crs::from_epsg(4547);
        o.at = time(at);
        return locate_point(o);
    }

    // The grid worker's name a single locate gives at `at`.
    std::string single_worker(geo::XY p, const char* at) const {
        const auto r = locate(p, at);
        EXPECT_TRUE(r.owners) << at;
        if (!r.owners) return {};
        for (const auto& a : r.owners->answers) {
            if (a.role == "grid_worker") return a.owner ? a.owner->name : "(none)";
        }
        return "(no grid worker listed)";
    }

    // A table of `rows` (x, y, reported_at) located, with `at` fixing one time when given.
    MemorySink locate_rows(const std::string& table, std::optional<grids::TimeText> at = std::nullopt,
                           TableLocateResult* result = nullptr, MemoryRejects* rejects = nullptr) const {
        test::write_text(dir_.file("points.csv"), table);
        TableLocateOptions o;
        o.project = project_;
        o.input = dir_.file("points.csv");
        o.crs = geo::Crs::from_epsg(4547);
        o.at = at;
        MemorySink sink;
        MemoryRejects own;
        auto r = locate_table(o, sink, rejects ? *rejects : own, {});
        if (result) *result = r;
        return sink;
    }

    test::TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
};

TEST_F(Locate, SingleAndTableAgreeOnTheWorkerServingEachDay) {
    // Both grids at a day of each worker's: GW_A (甲) in March, GW_B (乙) in September.
    const auto sink = locate_rows("id,lon,lat,reported_at\n"
                                  "1,500250,3730500,2026-03-15 10:00\n"
                                  "2,500750,3730500,2026-03-15 10:00\n"
                                  "3,500250,3730500,2026-09-01 10:00\n"
                                  "4,500750,3730500,2026-09-01 10:00\n");
    ASSERT_EQ(sink.rows_.size(), 4u);
    const std::pair<geo::XY, const char*> asked[] = {{test::kWestPoint, "2026-03-15 10:00"},
                                                     {test::kEastPoint, "2026-03-15 10:00"},
                                                     {test::kWestPoint, "2026-09-01 10:00"},
                                                     {test::kEastPoint, "2026-09-01 10:00"}};
    const char* expected[] = {"甲", "甲", "乙", "乙"};
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(sink.rows_[i].at("grid_worker"), expected[i]) << "table row " << i + 1;
        EXPECT_EQ(single_worker(asked[i].first, asked[i].second), expected[i]) << "single point " << i + 1;
    }
    // With one time for every row (at), the rows' own times are not read.
    const auto march = locate_rows("id,lon,lat,reported_at\n1,500750,3730500,2026-09-01 10:00\n", time("2026-03-15"));
    EXPECT_EQ(march.rows_.at(0).at("grid_worker"), "甲");
}

TEST_F(Locate, SinglePointGivesItsGridOrTheReasonItIsRefused) {
    const auto east = locate(test::kEastPoint, "2026-09-01");
    ASSERT_FALSE(east.rejected);
    ASSERT_TRUE(east.grid);
    EXPECT_EQ(east.grid->code, test::kEastGrid);
    EXPECT_EQ(east.grid->village_name, "东村");
    EXPECT_EQ(east.status(), "inside");
    EXPECT_NEAR(east.detail.border_distance_m, 250.0, 1e-6);
    // Far away in the working CRS: refused as a batch row would be, with the coordinate at fault.
    const auto far = locate({900000.0, 3730500.0}, "2026-09-01");
    ASSERT_TRUE(far.rejected);
    EXPECT_FALSE(far.grid);
    // Just outside the county: no grid, unless the nearest within assign_nearest_m takes it.
    PointLocateOptions o;
    o.project = project_;
    o.x = 501010.0;
    o.y = 3730500.0;
    o.crs = geo::Crs::from_epsg(4547);
    EXPECT_FALSE(locate_point(o).grid);
    o.assign_nearest_m = 50.0;
    const auto assigned = locate_point(o);
    ASSERT_TRUE(assigned.grid);
    EXPECT_EQ(assigned.grid->code, test::kEastGrid);
    EXPECT_EQ(assigned.status(), "assigned_nearest");
}

TEST_F(Locate, TableRowsCarryEveryOwnerColumnAndCountsAndRejectsAreReturned) {
    TableLocateResult result;
    MemoryRejects rejects;
    const auto sink = locate_rows("id,lon,lat,reported_at\n"
                                  "1,500250,3730500,2026-09-01\n"
                                  "2,501200,3730500,2026-09-01\n"
                                  "3,500250,3730500,2026-02-30\n",
                                  std::nullopt, &result, &rejects);
    EXPECT_TRUE(sink.finished_);
    // The owner columns are the ones grids/owner_columns.hpp defines, in its order, after the units.
    std::vector<std::string> names;
    for (const auto& c : sink.columns_) names.push_back(c.name);
    auto first = std::find(names.begin(), names.end(), "village_code");
    ASSERT_NE(first, names.end());
    std::size_t k = static_cast<std::size_t>(first - names.begin());
    for (const auto& u : grids::kUnitColumns) EXPECT_EQ(names.at(k++), u.name);
    for (const auto& c : grids::kOwnerColumns) EXPECT_EQ(names.at(k++), c.name);
    ASSERT_EQ(sink.rows_.size(), 2u);
    EXPECT_EQ(sink.rows_[0].at("village_phone"), "1380000V1");
    EXPECT_EQ(sink.rows_[0].at("township_phone"), "1380000T1");
    EXPECT_EQ(sink.rows_[0].at("grid_worker_phone"), "1380000GW_B");
    EXPECT_EQ(sink.rows_[1].at("status"), "outside");
    EXPECT_EQ(sink.rows_[1].at("grid_worker"), "");
    EXPECT_EQ(result.written, 2u);
    EXPECT_EQ(result.by_status[0], 1u);
    EXPECT_EQ(result.by_status[2], 1u);
    EXPECT_EQ(result.rejected, 1u);
    ASSERT_EQ(rejects.all_.size(), 1u);
    EXPECT_NE(rejects.all_[0].reason.find("is not a date or time"), std::string::npos) << rejects.all_[0].reason;
}

TEST_F(Locate, NoGenerationAsOldAsTheTimeIsAUsageError) {
    EXPECT_THROW(locate(test::kWestPoint, "2019-01-01"), UsageError);
    EXPECT_THROW(locate_rows("id,lon,lat\n1,500250,3730500\n", time("2019-01-01")), UsageError);
}

}  // namespace
}  // namespace respgrid::ops
