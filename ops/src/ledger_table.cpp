#include "respgrid/ops/ledger_table.hpp"

#include "respgrid/grids/deadlines.hpp"

namespace respgrid::ops {

namespace {

struct CaseColumn {
    const char* name;
    const char* title;
    bool numeric;
};
constexpr CaseColumn kColumns[] = {
    {"number", "台账编号", false},          {"status", "状态", false},
    {"source", "来源", false},              {"found_at", "发现时间", false},
    {"township_code", "乡镇/街道代码", false}, {"township", "乡镇/街道", false},
    {"village_code", "村/社区代码", false},   {"village", "村/社区", false},
    {"grid_code", "网格编码", false},         {"category_code", "问题类别代码", false},
    {"category", "问题类别", false},          {"location", "地点描述", false},
    {"description", "问题描述", false},       {"responsible", "责任单位", false},
    {"grid_worker", "网格员", false},         {"dispatched_at", "派遣时间", false},
    {"deadline", "整改时限", false},          {"fixed_at", "整改时间", false},
    {"closed_at", "销号时间", false},         {"overdue", "超期", false},
    {"hours_overdue", "超期小时", true},      {"escalation_level", "督办升级", true},
    {"escalated_to", "升级至", false},        {"reports", "上报次数", true},
};

std::string time_or_empty(const std::optional<grids::Instant>& t, grids::UtcOffset zone) {
    return t ? t->to_text(zone) : std::string();
}

}  // namespace

std::vector<exporters::TableColumn> case_columns() {
    std::vector<exporters::TableColumn> columns;
    for (const auto& c : kColumns) columns.push_back({c.name, c.numeric, c.title});
    return columns;
}

double hours_overdue(const grids::LedgerCase& c, grids::Instant at) {
    if (!c.awaiting_fix() || !c.deadline || !grids::is_overdue(*c.deadline, at)) return 0.0;
    return static_cast<double>(at.unix_seconds() - c.deadline->unix_seconds()) / 3600.0;
}

void add_case_rows(exporters::TableRows& rows, const std::vector<grids::LedgerCase>& cases, grids::Instant at,
                   grids::UtcOffset zone) {
    for (const auto& c : cases) {
        rows.add(c.number);
        rows.add(grids::label_zh(c.status));
        rows.add(grids::label_zh(c.source));
        rows.add(c.found_at.to_text(zone));
        rows.add(c.township_code);
        rows.add(c.township_name);
        rows.add(c.village_code);
        rows.add(c.village_name);
        rows.add(c.grid_code);
        rows.add(c.category_code);
        rows.add(c.category_name.empty() ? c.category_text : c.category_name);
        rows.add(c.location_text);
        rows.add(c.description);
        rows.add(c.responsible_name);
        std::string worker;
        for (const auto& o : c.owners) {
            if (o.role == grids::CaseOwnerRole::GridWorker) worker = o.name + (o.phone.empty() ? "" : " " + o.phone);
        }
        rows.add(worker);
        rows.add(time_or_empty(c.dispatched_at, zone));
        rows.add(time_or_empty(c.deadline, zone));
        rows.add(time_or_empty(c.fixed_at, zone));
        rows.add(time_or_empty(c.closed_at, zone));
        const double over = hours_overdue(c, at);
        rows.add(over > 0.0 ? "是" : "否");
        rows.add_number(over, 1);
        rows.add_number(c.escalation_level, 0);
        rows.add(c.escalated_to ? grids::label_zh(*c.escalated_to) : std::string_view());
        rows.add_number(c.report_count, 0);
    }
}

}  // namespace respgrid::ops
