// ops::init_project: a project file made from plain options, checked before anything is written.

#include <gtest/gtest.h>

#include <filesystem>

#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/init.hpp"
#include "respgrid/store/project.hpp"
#include "test_support.hpp"

namespace respgrid::ops {
namespace {

TEST(InitProject, CreatesTheProjectWithItsCountyCrsAndZone) {
    test::TempDir dir;
    InitOptions options{dir.file("a.rgproj"), "411626", "淮阳县", geo::Crs::from_epsg(4547),
                        *grids::UtcOffset::parse("+07:00")};
    const auto result = init_project(options);
    EXPECT_EQ(result.epsg, 4547);
    auto project = store::Project::open(options.project);
    EXPECT_EQ(project.info().county_code, "411626");
    EXPECT_EQ(project.info().county_name, "淮阳县");
    EXPECT_EQ(project.info().time_zone, *grids::UtcOffset::parse("+07:00"));
    EXPECT_EQ(project.info().schema_version, result.schema_version);
}

TEST(InitProject, RefusesABadCountyCodeOrAGeographicCrsWithoutWritingAFile) {
    test::TempDir dir;
    InitOptions bad_code{dir.file("a.rgproj"), "41162", "淮阳县", std::nullopt, grids::kChinaTime};
    EXPECT_THROW(init_project(bad_code), UsageError);
    InitOptions geographic{dir.file("a.rgproj"), "411626", "淮阳县", geo::Crs::wgs84(), grids::kChinaTime};
    EXPECT_THROW(init_project(geographic), UsageError);
    EXPECT_FALSE(std::filesystem::exists(dir.file("a.rgproj")));
}

}  // namespace
}  // namespace respgrid::ops
