// The ownership half of the audit (grids/ownership_audit.hpp).
#include <gtest/gtest.h>

#include "respgrid/grids/ownership_audit.hpp"

namespace respgrid::grids {
namespace {

GridCell cell(const std::string& code, double area) {
    GridCell c;
    c.code = code;
    c.village_code = code.substr(0, 12);
    c.township_code = code.substr(0, 9);
    c.area_m2 = area;
    return c;
}

std::vector<GridCell> two_grids() {
    std::vector<GridCell> out;
    out.push_back(cell("411626001001001", 100));
    out.push_back(cell("411626001001002", 50));
    return out;
}

Owner owner(const std::string& id, OwnerKind kind, bool active = true) {
    Owner o;
    o.id = id;
    o.kind = kind;
    o.name = id;
    o.active = active;
    return o;
}

GridAssignment full_chain(const std::string& code, const std::string& worker) {
    GridAssignment a;
    a.grid_code = code;
    a.chain = {{Role::GridWorker, worker, "r"}, {Role::Village, "V", "r"}, {Role::Township, "T", "r"},
               {Role::Leader, "L", "r"}};
    return a;
}

TEST(AuditOwnership, FullChainsAndLiveDepartmentsPass) {
    auto grids = two_grids();
    Directory dir({owner("W", OwnerKind::GridWorker), owner("V", OwnerKind::Village), owner("T", OwnerKind::Township),
                   owner("L", OwnerKind::Leader), owner("D", OwnerKind::Department)},
                  {}, {full_chain(grids[0].code, "W"), full_chain(grids[1].code, "W")});
    std::vector<IssueCategory> categories{{"09006", "占道经营", "", "", "D", {}}};
    auto audit = audit_ownership(grids, dir, categories);
    EXPECT_TRUE(audit.passed());
    EXPECT_EQ(audit.grid_count, 2U);
}

TEST(AuditOwnership, InactiveAndUnknownOwnersAreDeadLinks) {
    auto grids = two_grids();
    Directory dir({owner("W", OwnerKind::GridWorker, false), owner("V", OwnerKind::Village),
                   owner("T", OwnerKind::Township), owner("L", OwnerKind::Leader)},
                  {}, {full_chain(grids[0].code, "W"), full_chain(grids[1].code, "GONE")});
    auto audit = audit_ownership(grids, dir, {});
    EXPECT_FALSE(audit.passed());
    ASSERT_EQ(audit.dead_links.size(), 2U);
    EXPECT_TRUE(audit.dead_links[0].owner_exists);    // W left (inactive)
    EXPECT_FALSE(audit.dead_links[1].owner_exists);   // GONE was never in the roster
    EXPECT_EQ(audit.missing.at(Role::GridWorker).size(), 2U);
    EXPECT_TRUE(audit.unowned.empty());
}

TEST(AuditOwnership, CategoryWithoutLiveDepartmentIsOrphanedWhereTheTerritoryHasNobody) {
    auto grids = two_grids();
    // The second grid was never assigned: nobody answers there.
    Directory dir({owner("W", OwnerKind::GridWorker), owner("V", OwnerKind::Village), owner("T", OwnerKind::Township),
                   owner("L", OwnerKind::Leader), owner("D", OwnerKind::Department, false)},
                  {}, {full_chain(grids[0].code, "W")});
    std::vector<IssueCategory> categories{{"09006", "占道经营", "", "", "D", {}},
                                          {"09007", "乱停乱放", "", "", "", {}},
                                          {"09008", "暴露垃圾", "", "", "NOBODY", {}}};
    auto audit = audit_ownership(grids, dir, categories);
    EXPECT_EQ(audit.unowned, (std::vector<std::string>{"411626001001002"}));
    ASSERT_EQ(audit.orphan_zones.size(), 3U);
    for (const auto& zone : audit.orphan_zones) {
        EXPECT_EQ(zone.grid_codes, audit.unowned);
        EXPECT_DOUBLE_EQ(zone.area_m2, 50.0);
    }
    EXPECT_NE(audit.orphan_zones[0].reason.find("inactive"), std::string::npos);
    EXPECT_NE(audit.orphan_zones[2].reason.find("not in the roster"), std::string::npos);
    EXPECT_EQ(audit.categories_without_department, (std::vector<std::string>{"09006", "09008"}));
}


TEST(AuditOwnership, AnUnownedGridIsListedOnceAndCountedAsMissingEveryRole) {
    auto grids = two_grids();
    // The first grid lacks its grid worker; the second was never assigned.
    GridAssignment partial = full_chain(grids[0].code, "W");
    partial.chain.erase(partial.chain.begin());
    Directory dir({owner("V", OwnerKind::Village), owner("T", OwnerKind::Township), owner("L", OwnerKind::Leader)}, {},
                  {partial});
    auto audit = audit_ownership(grids, dir, {});
    EXPECT_EQ(audit.unowned, (std::vector<std::string>{"411626001001002"}));
    ASSERT_EQ(audit.missing.size(), 1U) << "the unowned grid is in no role's list";
    EXPECT_EQ(audit.missing.at(Role::GridWorker), (std::vector<std::string>{"411626001001001"}));
    EXPECT_EQ(audit.missing_count(Role::GridWorker), 2U);
    EXPECT_EQ(audit.missing_count(Role::Village), 1U);
    EXPECT_EQ(audit.missing_count(), 5U);
    EXPECT_FALSE(audit.passed());
}

}  // namespace
}  // namespace respgrid::grids
