// Directory (grids/directory.hpp): grid -> owners and unit names, resolved the same way for
// locate, audit and export.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "respgrid/grids/directory.hpp"
#include "test_support.hpp"

namespace respgrid::grids {
namespace {

Owner owner(const std::string& id, OwnerKind kind, bool active = true) {
    Owner o;
    o.id = id;
    o.kind = kind;
    o.name = "name of " + id;
    o.active = active;
    return o;
}

std::vector<AdminUnit> units() {
    std::vector<AdminUnit> out;
    out.push_back({AdminLevel::Township, "410102001", "林山寨街道", "410102", test::wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), {}});
    out.push_back({AdminLevel::Village, "410102001001", "建设路社区", "410102001", test::wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))"), {}});
    return out;
}

Directory directory() {
    std::vector<Owner> owners{owner("W1", OwnerKind::GridWorker), owner("V1", OwnerKind::Village),
                              owner("T1", OwnerKind::Township, /*active=*/false)};
    std::vector<GridAssignment> assignments{
        {"410102001001001",
         {{Role::GridWorker, "W1", "worker rule"}, {Role::Village, "V1", "village rule"},
          {Role::Township, "T1", "township rule"}, {Role::Leader, "L-unknown", "leader rule"}},
         {}},
    };
    return Directory(owners, units(), assignments);
}

TEST(Directory, ChainResolvesActiveKnownOwnersInRoleOrder) {
    auto d = directory();
    auto chain = d.chain("410102001001001");
    ASSERT_EQ(chain.links.size(), 2U);
    EXPECT_EQ(chain.links[0].role, Role::GridWorker);
    EXPECT_EQ(chain.links[0].owner->id, "W1");
    EXPECT_EQ(chain.links[0].rule, "worker rule");
    EXPECT_EQ(chain.links[1].role, Role::Village);
    EXPECT_EQ(chain.links[1].owner->name, "name of V1");
    // T1 is inactive and L-unknown is not in the roster: both roles are missing.
    EXPECT_EQ(chain.missing, (std::vector<Role>{Role::Township, Role::Leader}));
    ASSERT_NE(chain.find(Role::Village), nullptr);
    EXPECT_EQ(chain.find(Role::Village)->owner->id, "V1");
    EXPECT_EQ(chain.find(Role::Leader), nullptr);
}

TEST(Directory, GridNeverAssignedHasEveryRoleMissing) {
    auto chain = directory().chain("410102001001999");
    EXPECT_TRUE(chain.links.empty());
    EXPECT_EQ(chain.missing, (std::vector<Role>{Role::GridWorker, Role::Village, Role::Township, Role::Leader}));
}

TEST(Directory, OwnerAndUnitLookups) {
    auto d = directory();
    ASSERT_NE(d.owner("V1"), nullptr);
    EXPECT_EQ(d.owner("V1")->kind, OwnerKind::Village);
    EXPECT_EQ(d.owner("nobody"), nullptr);
    EXPECT_EQ(d.unit_name("410102001001"), "建设路社区");
    EXPECT_EQ(d.unit_name("410102001"), "林山寨街道");
    EXPECT_EQ(d.unit_name("999999"), "");
    EXPECT_EQ(d.owners().size(), 3U);
}

}  // namespace
}  // namespace respgrid::grids
