// Who serves at a time (grids/serving.hpp): the one rule locate, owners, export and map share.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "respgrid/grids/serving.hpp"

namespace respgrid::grids {
namespace {

constexpr const char* kTownship = "410102001";
constexpr const char* kVillage = "410102001001";

Date day(const char* iso) { return *Date::from_iso(iso); }

Owner worker(const std::string& id, std::optional<Date> from, std::optional<Date> to, bool active = true) {
    Owner o;
    o.id = id;
    o.kind = OwnerKind::GridWorker;
    o.name = id;
    o.unit_code = kVillage;
    o.active = active;
    o.valid_from = from;
    o.valid_to = to;
    return o;
}

Owner village() {
    Owner o;
    o.id = "V1";
    o.kind = OwnerKind::Village;
    o.name = "V1";
    o.unit_code = kVillage;
    return o;
}

std::vector<GridRef> two_grids() {
    return {{std::string(kVillage) + "001", kVillage, kTownship}, {std::string(kVillage) + "002", kVillage, kTownship}};
}

std::string worker_of(const GridAssignment& a) {
    for (const auto& link : a.chain) {
        if (link.role == Role::GridWorker) return link.owner_id;
    }
    return {};
}

// Worker A served the village until the end of June, worker B from July: each day's chains name
// the worker of that day, never the other one and never nobody.
TEST(ServingRoster, TwoWorkersOfOneVillageWithDifferentValidityDates) {
    ServingRoster roster({worker("A", std::nullopt, day("2026-06-30")), worker("B", day("2026-07-01"), std::nullopt),
                          village()});
    const auto grids = two_grids();
    for (const auto& a : roster.chains_on(grids, day("2026-03-15"))) EXPECT_EQ(worker_of(a), "A") << a.grid_code;
    for (const auto& a : roster.chains_on(grids, day("2026-06-30"))) EXPECT_EQ(worker_of(a), "A") << a.grid_code;
    for (const auto& a : roster.chains_on(grids, day("2026-07-01"))) EXPECT_EQ(worker_of(a), "B") << a.grid_code;
    for (const auto& a : roster.chains_on(grids, day("2026-12-06"))) {
        EXPECT_EQ(worker_of(a), "B") << a.grid_code;
        EXPECT_TRUE(a.missing.empty() || a.missing.front() != Role::GridWorker);
    }
}

// Two workers serving at once share the village's grids; when one leaves, the other has them all.
TEST(ServingRoster, OverlappingWorkersShareTheVillageOnlyWhileBothServe) {
    ServingRoster roster({worker("A", std::nullopt, day("2026-06-30")), worker("B", std::nullopt, std::nullopt),
                          village()});
    const auto grids = two_grids();
    auto both = roster.chains_on(grids, day("2026-06-01"));
    EXPECT_NE(worker_of(both[0]), worker_of(both[1]));
    for (const auto& a : roster.chains_on(grids, day("2026-07-01"))) EXPECT_EQ(worker_of(a), "B");
}

TEST(ServingRoster, AnInactiveOwnerNeverServes) {
    ServingRoster roster({worker("A", std::nullopt, std::nullopt, false), village()});
    EXPECT_FALSE(serves_on(roster.owners().front(), day("2026-01-01")));
    for (const auto& a : roster.chains_on(two_grids(), day("2026-01-01"))) {
        EXPECT_EQ(worker_of(a), "");
        ASSERT_FALSE(a.missing.empty());
        EXPECT_EQ(a.missing.front(), Role::GridWorker);
    }
    // Its dates are no boundary: every day is one epoch.
    EXPECT_TRUE(roster.undated());
}

// Days of one epoch have the same serving owners; the epoch changes on a valid_from and on the
// day after a valid_to, not before.
TEST(ServingRoster, EpochsChangeExactlyWhereTheRosterDoes) {
    ServingRoster roster({worker("A", std::nullopt, day("2026-06-30")), worker("B", day("2026-07-01"), std::nullopt),
                          worker("C", day("2026-09-01"), day("2026-09-30")), village()});
    EXPECT_FALSE(roster.undated());
    EXPECT_EQ(roster.epoch_count(), 4u);  // boundaries 07-01 (A ends, B starts), 09-01, 10-01
    EXPECT_EQ(roster.epoch_of(day("2000-01-01")), roster.epoch_of(day("2026-06-30")));
    EXPECT_NE(roster.epoch_of(day("2026-06-30")), roster.epoch_of(day("2026-07-01")));
    EXPECT_EQ(roster.epoch_of(day("2026-07-01")), roster.epoch_of(day("2026-08-31")));
    EXPECT_NE(roster.epoch_of(day("2026-08-31")), roster.epoch_of(day("2026-09-01")));
    EXPECT_EQ(roster.epoch_of(day("2026-09-01")), roster.epoch_of(day("2026-09-30")));
    EXPECT_NE(roster.epoch_of(day("2026-09-30")), roster.epoch_of(day("2026-10-01")));
    // Whatever the epochs, the serving set is the same on every day of one.
    for (const char* a : {"2026-07-01", "2026-09-01", "2026-10-01"}) {
        std::vector<std::string> first, last;
        for (const auto& o : roster.serving_on(day(a))) first.push_back(o.id);
        const Date end = Date::from_days(day(a).days_since_1970() + 29);
        ASSERT_EQ(roster.epoch_of(end), roster.epoch_of(day(a))) << a;
        for (const auto& o : roster.serving_on(end)) last.push_back(o.id);
        EXPECT_EQ(first, last) << a;
    }
}

}  // namespace
}  // namespace respgrid::grids
