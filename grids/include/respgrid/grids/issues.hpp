#pragma once
// Reported street issues (问题) and the category catalogue they are filed under.

#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/deadlines.hpp"

namespace respgrid::grids {

struct IssueCategory {
    std::string code;           // e.g. "09006" (GB/T 47678.5-style) or a local code
    std::string name;           // 占道经营
    std::string group;          // 街面秩序类
    std::string standard;       // "GB/T 47678.5-2026", "local", ...
    std::string department_id;  // default responsible department (owner id)
    std::optional<double> deadline_hours;
    // How deadline_hours count (处置时限): calendar hours, working hours, or 事不过夜 (the hours
    // are then ignored: due the same day, grids/deadlines.hpp).
    DeadlineKind deadline_kind = DeadlineKind::CalendarHours;
    // Whether the territory (属地) answers as well as the department: 1 = both are listed, 0 =
    // the territory answers only when nobody else does (属地兜底). A rule's explicit
    // `territory` setting overrides it (grids/responsibility.hpp).
    bool territory_answers = true;
    // Other texts that mean this category (别名: what hotline exports and old ledgers write, e.g.
    // 乱停乱放 for 机动车乱停放); matched as grids/categories.hpp says.
    std::vector<std::string> aliases{};
};

struct IssueReport {
    std::string id;
    // ISO 8601: a day ("2026-09-01") or a time with the project's offset
    // ("2026-09-01T06:42:19+08:00"), as read_issues writes it; projects imported before times
    // were checked hold the text as given. "" = not reported.
    std::string reported_at;
    double lon = 0.0;         // as reported, in `crs`
    double lat = 0.0;
    std::string crs;          // canonical name of the reporting CRS ("gcj02", "EPSG:4326", ...)
    std::string category_code;  // the catalogue code category_text matched, "" when none did
    std::string category_text;  // the category as the report gives it: a code, a name or an alias
    std::string description;
    geo::XY position;  // in the project's working CRS
    std::string source_file;
    long long source_line = 0;
};

}  // namespace respgrid::grids
