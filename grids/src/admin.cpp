#include "respgrid/grids/admin.hpp"
#include "respgrid/geo/enum_names.hpp"

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<AdminLevel, 3> kAdminLevelNames{
    {{{AdminLevel::County, "county"}, {AdminLevel::Township, "township"}, {AdminLevel::Village, "village"}}}};
constexpr geo::EnumNames<AdminLevel, 3> kAdminLevelLabelsZh{
    {{{AdminLevel::County, "县"}, {AdminLevel::Township, "乡镇/街道"}, {AdminLevel::Village, "村/社区"}}}};
}  // namespace

std::string_view to_string(AdminLevel level) { return kAdminLevelNames.name(level); }

std::string_view label_zh(AdminLevel level) { return kAdminLevelLabelsZh.name(level); }

std::optional<AdminLevel> parse_admin_level(std::string_view text) { return kAdminLevelNames.parse(text); }

}  // namespace respgrid::grids
