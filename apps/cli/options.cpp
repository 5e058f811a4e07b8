#include "cli/options.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "cli/console.hpp"

namespace respgrid::cli {

geo::Crs crs_option(const std::string& text, const std::string& option) {
    try {
        return geo::parse_crs(text);
    } catch (const CrsError& e) {
        throw UsageError(option + " " + text + ": " + e.what());
    }
}

const CLI::Validator& gdal_source() {
    static const CLI::Validator validator(
        [](std::string& value) -> std::string {
            std::error_code ec;
            if (std::filesystem::exists(value, ec) || value.starts_with("/vsi")) return {};
            // DRIVER:connection, the driver name two or more letters (one letter would be a drive).
            const auto colon = value.find(':');
            if (colon != std::string::npos && colon >= 2 &&
                std::all_of(value.begin(), value.begin() + static_cast<std::ptrdiff_t>(colon),
                            [](unsigned char c) { return std::isalnum(c) || c == '_'; })) {
                return {};
            }
            return "File does not exist: " + value;
        },
        "FILE", "GDAL source");
    return validator;
}

grids::TimeText time_text_option(const std::string& text, const std::string& option) {
    auto t = grids::parse_time(text);
    if (!t.value) throw UsageError(option + " '" + text + "' is not a date or time: " + t.error);
    return *t.value;
}

grids::UtcOffset zone_option(const std::string& text, const std::string& option) {
    if (auto zone = grids::UtcOffset::parse(text)) return *zone;
    throw UsageError(option + " '" + text + "' is not a time zone: give a UTC offset such as +08:00 or UTC+8 (or "
                     "Asia/Shanghai, which is +08:00); other zone names are not known");
}

}  // namespace respgrid::cli
