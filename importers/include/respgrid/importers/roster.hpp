#pragma once
// The owner roster (CSV or Excel): every township and village unit, county departments, county
// leaders with the townships they 包联, and grid workers.
//
// Columns (header names, case-insensitive; Chinese aliases accepted):
//   owner_id (编号)  kind (类型: township|village|department|leader|grid_worker, any case, or
//   乡镇/街道/村/社区/部门/县直部门/领导/县级领导/包联领导/网格员)  name (名称/姓名)
//   unit_code (单位代码)  contact (负责人)  title (职务)  phone (电话)  packages (包联乡镇, codes
//   separated by ; , ； ， 、 | or spaces)  active (在岗: 1/0, yes/no, y/n, true/false in any
//   case, 是/否, 在岗/离岗; default 1)  valid_from (起始日期)  valid_to (终止日期): optional
//   validity, days of the project's zone in any form grids::parse_time reads (2026-09-01,
//   2026/9/1, 2026年9月1日, an Excel date cell; a time after the day is ignored), both days
//   included, empty = open-ended
// A row with a missing id or name, an unknown kind, a unit code of the wrong length for its
// kind, a malformed date or valid_to before valid_from, or a repeated id is rejected; the other rows import.

#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::importers {

struct RosterImport {
    std::vector<grids::Owner> owners;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
    geo::TextEncoding encoding = geo::TextEncoding::Utf8;  // the file's; GB18030 was transcoded
};

// `zone`: the project's time zone (a validity written as a time with an offset counts on its
// day there).
RosterImport read_roster(const std::string& path, const std::string& layer = {},
                         grids::UtcOffset zone = grids::kChinaTime);

}  // namespace respgrid::importers
