#pragma once
// The owner roster (CSV or Excel): every township and village unit, county departments, county
// leaders with the townships they 包联, and grid workers.
//
// Columns (header names, case-insensitive; Chinese aliases accepted):
//   owner_id (编号)  kind (类型: township|village|department|leader|grid_worker)  name (名称/姓名)
//   unit_code (单位代码)  contact (负责人)  title (职务)  phone (电话)  packages (包联乡镇, codes
//   separated by ; or ,)  active (在岗: 1/0, yes/no, 是/否; default 1)
// A row with a missing id or name, an unknown kind, a unit code of the wrong length for its
// kind, or a repeated id is rejected; the other rows import.

#include <string>
#include <vector>

#include "respgrid/geo/error.hpp"
#include "respgrid/grids/owners.hpp"

namespace respgrid::importers {

struct RosterImport {
    std::vector<grids::Owner> owners;
    std::vector<Reject> rejects;
    std::size_t rows_read = 0;
};

RosterImport read_roster(const std::string& path, const std::string& layer = {});

}  // namespace respgrid::importers
