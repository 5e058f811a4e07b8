#include "respgrid/grids/admin.hpp"

namespace respgrid::grids {

std::string_view to_string(AdminLevel level) {
    switch (level) {
        case AdminLevel::County: return "county";
        case AdminLevel::Township: return "township";
        case AdminLevel::Village: return "village";
    }
    return "?";
}

std::string_view label_zh(AdminLevel level) {
    switch (level) {
        case AdminLevel::County: return "县";
        case AdminLevel::Township: return "乡镇/街道";
        case AdminLevel::Village: return "村/社区";
    }
    return "?";
}

std::optional<AdminLevel> parse_admin_level(std::string_view text) {
    if (text == "county") return AdminLevel::County;
    if (text == "township") return AdminLevel::Township;
    if (text == "village") return AdminLevel::Village;
    return std::nullopt;
}

}  // namespace respgrid::grids
