// The territorial owner chain (grids/owners.hpp): grid worker, village, township, leader.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "respgrid/grids/owners.hpp"

namespace respgrid::grids {
namespace {

constexpr const char* kTownship = "410102001";
constexpr const char* kVillage = "410102001001";
constexpr const char* kOtherVillage = "410102001002";

Owner owner(const std::string& id, OwnerKind kind, const std::string& unit_code, bool active = true,
            std::vector<std::string> packages = {}) {
    Owner o;
    o.id = id;
    o.kind = kind;
    o.name = id;
    o.unit_code = unit_code;
    o.packages = std::move(packages);
    o.active = active;
    return o;
}

std::vector<GridRef> grids_of(const std::string& village, int count) {
    std::vector<GridRef> out;
    for (int k = 1; k <= count; ++k) {
        char seq[4];
        std::snprintf(seq, sizeof seq, "%03d", k);
        out.push_back({village + seq, village, village.substr(0, 9)});
    }
    return out;
}

std::vector<Owner> full_roster() {
    return {
        owner("W1", OwnerKind::GridWorker, kVillage),
        owner("V1", OwnerKind::Village, kVillage),
        owner("T1", OwnerKind::Township, kTownship),
        owner("L1", OwnerKind::Leader, "", true, {kTownship}),
    };
}

// The owner of `role` in an assignment, or "" when the role is not in the chain.
std::string owner_of(const GridAssignment& a, Role role) {
    for (const auto& link : a.chain) {
        if (link.role == role) return link.owner_id;
    }
    return {};
}

bool is_missing(const GridAssignment& a, Role role) {
    return std::find(a.missing.begin(), a.missing.end(), role) != a.missing.end();
}

TEST(AssignTerritorial, FullChainInRoleOrder) {
    auto grids = grids_of(kVillage, 2);
    auto owners = full_roster();
    auto out = assign_territorial(grids, owners);
    ASSERT_EQ(out.size(), 2U);
    for (std::size_t k = 0; k < out.size(); ++k) {
        const auto& a = out[k];
        EXPECT_EQ(a.grid_code, grids[k].code);
        EXPECT_TRUE(a.missing.empty());
        ASSERT_EQ(a.chain.size(), 4U);
        EXPECT_EQ(a.chain[0].role, Role::GridWorker);
        EXPECT_EQ(a.chain[0].owner_id, "W1");
        EXPECT_EQ(a.chain[1].role, Role::Village);
        EXPECT_EQ(a.chain[1].owner_id, "V1");
        EXPECT_EQ(a.chain[2].role, Role::Township);
        EXPECT_EQ(a.chain[2].owner_id, "T1");
        EXPECT_EQ(a.chain[3].role, Role::Leader);
        EXPECT_EQ(a.chain[3].owner_id, "L1");
        for (const auto& link : a.chain) EXPECT_FALSE(link.rule.empty());
    }
}

TEST(AssignTerritorial, NoOwnersMeansEveryRoleMissing) {
    auto out = assign_territorial(grids_of(kVillage, 1), {});
    ASSERT_EQ(out.size(), 1U);
    EXPECT_TRUE(out[0].chain.empty());
    EXPECT_EQ(out[0].missing, (std::vector<Role>{Role::GridWorker, Role::Village, Role::Township, Role::Leader}));
}

TEST(AssignTerritorial, InactiveOwnersAreSkipped) {
    std::vector<Owner> owners{
        owner("V0", OwnerKind::Village, kVillage, /*active=*/false),
        owner("V1", OwnerKind::Village, kVillage),
        owner("T0", OwnerKind::Township, kTownship, /*active=*/false),
        owner("W0", OwnerKind::GridWorker, kVillage, /*active=*/false),
        owner("L0", OwnerKind::Leader, "", /*active=*/false, {kTownship}),
    };
    auto out = assign_territorial(grids_of(kVillage, 3), owners);
    for (const auto& a : out) {
        EXPECT_EQ(owner_of(a, Role::Village), "V1");  // not V0, although V0 sorts first
        EXPECT_TRUE(is_missing(a, Role::Township));
        EXPECT_TRUE(is_missing(a, Role::GridWorker));
        EXPECT_TRUE(is_missing(a, Role::Leader));
        EXPECT_EQ(a.chain.size() + a.missing.size(), 4U);
    }
}

TEST(AssignTerritorial, MissingLeaderIsListed) {
    auto owners = full_roster();
    owners.pop_back();                                                        // no L1
    owners.push_back(owner("L2", OwnerKind::Leader, "", true, {"410102002"}));  // another township
    auto out = assign_territorial(grids_of(kVillage, 1), owners);
    ASSERT_EQ(out.size(), 1U);
    EXPECT_EQ(out[0].missing, std::vector<Role>{Role::Leader});
    EXPECT_EQ(out[0].chain.size(), 3U);
    EXPECT_EQ(owner_of(out[0], Role::Leader), "");
}

TEST(AssignTerritorial, LeaderWithSeveralPackagesServesEachTownship) {
    std::vector<Owner> owners{owner("L1", OwnerKind::Leader, "", true, {"410102002", kTownship})};
    std::vector<GridRef> grids{{"410102001001001", kVillage, kTownship},
                               {"410102002001001", "410102002001", "410102002"},
                               {"410102003001001", "410102003001", "410102003"}};
    auto out = assign_territorial(grids, owners);
    EXPECT_EQ(owner_of(out[0], Role::Leader), "L1");
    EXPECT_EQ(owner_of(out[1], Role::Leader), "L1");
    EXPECT_TRUE(is_missing(out[2], Role::Leader));
}

TEST(AssignTerritorial, DepartmentsAreNotTerritorialOwners) {
    std::vector<Owner> owners{owner("D1", OwnerKind::Department, kVillage), owner("D2", OwnerKind::Department, kTownship)};
    auto out = assign_territorial(grids_of(kVillage, 1), owners);
    EXPECT_TRUE(out[0].chain.empty());
}

TEST(AssignTerritorial, OwnersOfOtherUnitsDoNotApply) {
    std::vector<Owner> owners{owner("W9", OwnerKind::GridWorker, kOtherVillage),
                              owner("V9", OwnerKind::Village, kOtherVillage),
                              owner("T9", OwnerKind::Township, "410102002")};
    auto out = assign_territorial(grids_of(kVillage, 2), owners);
    for (const auto& a : out) EXPECT_TRUE(a.chain.empty()) << a.grid_code;
}

TEST(AssignTerritorial, TiesGoToTheLowestOwnerId) {
    std::vector<Owner> owners{
        owner("V-b", OwnerKind::Village, kVillage),       owner("V-a", OwnerKind::Village, kVillage),
        owner("T-z", OwnerKind::Township, kTownship),     owner("T-m", OwnerKind::Township, kTownship),
        owner("L-2", OwnerKind::Leader, "", true, {kTownship}), owner("L-1", OwnerKind::Leader, "", true, {kTownship}),
    };
    auto a = assign_territorial(grids_of(kVillage, 1), owners);
    std::reverse(owners.begin(), owners.end());
    auto b = assign_territorial(grids_of(kVillage, 1), owners);
    for (const auto* out : {&a, &b}) {
        EXPECT_EQ(owner_of((*out)[0], Role::Village), "V-a");
        EXPECT_EQ(owner_of((*out)[0], Role::Township), "T-m");
        EXPECT_EQ(owner_of((*out)[0], Role::Leader), "L-1");
    }
}

// Checks that `workers` (the grid worker of each grid, in code order) consists of one
// contiguous run per worker, and returns the run lengths in order.
std::vector<std::size_t> runs(const std::vector<std::string>& workers) {
    std::vector<std::size_t> lengths;
    std::set<std::string> seen;
    for (std::size_t k = 0; k < workers.size(); ++k) {
        if (k == 0 || workers[k] != workers[k - 1]) {
            EXPECT_TRUE(seen.insert(workers[k]).second) << workers[k] << " has two separate runs";
            lengths.push_back(0);
        }
        ++lengths.back();
    }
    return lengths;
}

TEST(AssignTerritorial, VillageGridsAreSplitIntoContiguousRunsPerWorker) {
    auto grids = grids_of(kVillage, 5);
    std::vector<Owner> owners{owner("W2", OwnerKind::GridWorker, kVillage), owner("W1", OwnerKind::GridWorker, kVillage)};
    auto out = assign_territorial(grids, owners);
    std::vector<std::string> workers;
    for (const auto& a : out) workers.push_back(owner_of(a, Role::GridWorker));
    auto lengths = runs(workers);
    ASSERT_EQ(lengths.size(), 2U);  // both workers are used
    // pos * n / count: positions 0-2 -> W1, 3-4 -> W2.
    EXPECT_EQ(lengths, (std::vector<std::size_t>{3, 2}));
    EXPECT_EQ(workers.front(), "W1");
    EXPECT_EQ(workers.back(), "W2");
}

TEST(AssignTerritorial, SplitFollowsCodeOrderNotInputOrder) {
    auto grids = grids_of(kVillage, 7);
    std::vector<GridRef> shuffled{grids[4], grids[0], grids[6], grids[2], grids[1], grids[5], grids[3]};
    std::vector<Owner> owners{owner("W1", OwnerKind::GridWorker, kVillage), owner("W2", OwnerKind::GridWorker, kVillage),
                              owner("W3", OwnerKind::GridWorker, kVillage)};
    auto out = assign_territorial(shuffled, owners);
    ASSERT_EQ(out.size(), 7U);
    // Output follows the input order ...
    for (std::size_t k = 0; k < out.size(); ++k) EXPECT_EQ(out[k].grid_code, shuffled[k].code);
    // ... and the split follows the codes.
    std::map<std::string, std::string> by_code;
    for (const auto& a : out) by_code[a.grid_code] = owner_of(a, Role::GridWorker);
    std::vector<std::string> workers;
    for (const auto& [code, w] : by_code) workers.push_back(w);
    auto lengths = runs(workers);
    ASSERT_EQ(lengths.size(), 3U);
    for (auto n : lengths) EXPECT_TRUE(n == 2 || n == 3) << n;  // as even as 7 / 3 allows
    EXPECT_EQ(workers.front(), "W1");
    EXPECT_EQ(workers.back(), "W3");
}

TEST(AssignTerritorial, MoreWorkersThanGridsGivesEachGridADifferentWorker) {
    std::vector<Owner> owners;
    for (const char* id : {"W1", "W2", "W3", "W4"}) owners.push_back(owner(id, OwnerKind::GridWorker, kVillage));
    auto out = assign_territorial(grids_of(kVillage, 2), owners);
    EXPECT_NE(owner_of(out[0], Role::GridWorker), owner_of(out[1], Role::GridWorker));
    EXPECT_FALSE(owner_of(out[0], Role::GridWorker).empty());
    EXPECT_FALSE(owner_of(out[1], Role::GridWorker).empty());
}

TEST(AssignTerritorial, WorkersSplitOnlyTheirOwnVillage) {
    auto grids = grids_of(kVillage, 4);
    auto other = grids_of(kOtherVillage, 4);
    grids.insert(grids.end(), other.begin(), other.end());
    std::vector<Owner> owners{owner("W1", OwnerKind::GridWorker, kVillage), owner("W2", OwnerKind::GridWorker, kVillage),
                              owner("X1", OwnerKind::GridWorker, kOtherVillage)};
    auto out = assign_territorial(grids, owners);
    std::vector<std::string> first, second;
    for (std::size_t k = 0; k < 4; ++k) first.push_back(owner_of(out[k], Role::GridWorker));
    for (std::size_t k = 4; k < 8; ++k) second.push_back(owner_of(out[k], Role::GridWorker));
    EXPECT_EQ(first, (std::vector<std::string>{"W1", "W1", "W2", "W2"}));
    EXPECT_EQ(second, (std::vector<std::string>{"X1", "X1", "X1", "X1"}));
}

TEST(OwnerNames, RoundTrip) {
    for (auto k : {OwnerKind::Township, OwnerKind::Village, OwnerKind::Department, OwnerKind::Leader,
                   OwnerKind::GridWorker}) {
        EXPECT_EQ(parse_owner_kind(to_string(k)), k);
    }
    EXPECT_FALSE(parse_owner_kind("mayor"));
    for (auto r : kTerritorialRoles) EXPECT_EQ(parse_role(to_string(r)), r);
    EXPECT_FALSE(parse_role("department"));
    EXPECT_EQ(label_zh(Role::GridWorker), "网格员");
    EXPECT_EQ(label_zh(Role::Leader), "包联领导");
}

}  // namespace
}  // namespace respgrid::grids
