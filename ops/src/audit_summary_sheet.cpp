#include "audit_summary_sheet.hpp"

#include <nlohmann/json.hpp>

namespace respgrid::ops::detail {

namespace {

using nlohmann::json;

// The levels and defect kinds as audit_summary_json names them, with the titles an office reads.
constexpr std::pair<const char*, const char*> kLevels[] = {
    {"grids", "网格"}, {"villages", "村/社区"}, {"townships", "乡镇/街道"}};
struct Kind {
    const char* count;
    const char* area;  // nullptr: no area
    const char* title;
};
constexpr Kind kKinds[] = {{"invalid_count", nullptr, "无效图形"},    {"gap_count", "gap_area_m2", "缝隙"},
                           {"narrow_gap_count", nullptr, "狭长缝隙"}, {"overlap_count", "overlap_area_m2", "重叠"},
                           {"spill_count", "spill_area_m2", "越界"},  {"nesting_count", "nesting_area_m2", "嵌套不符"}};
constexpr std::pair<const char*, const char*> kRoles[] = {
    {"grid_worker", "缺网格员的网格"}, {"village", "缺村/社区负责人的网格"}, {"township", "缺乡镇/街道负责人的网格"},
    {"leader", "缺包联领导的网格"}};

double number(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

void add_row(exporters::TableRows& rows, std::string_view what, std::string_view item, std::string_view result,
             std::optional<double> count = std::nullopt, std::optional<double> area = std::nullopt) {
    rows.add(what);
    rows.add(item);
    rows.add(result);
    if (count) rows.add_number(*count, 0); else rows.add_empty();
    if (area) rows.add_number(*area, 2); else rows.add_empty();
}

const char* verdict(bool passed) { return passed ? "通过" : "未通过"; }

}  // namespace

exporters::TableSheet audit_summary_sheet(const store::AuditRun& run, long long current_generation) {
    exporters::TableSheet sheet{"审计摘要",
                                {{"检查对象"}, {"检查项"}, {"结果"}, {"数量", true}, {"面积(平方米)", true}},
                                exporters::TableRows(5)};
    auto& rows = sheet.rows;
    const json summary = json::parse(run.summary, nullptr, /*allow_exceptions=*/false);
    // The run's number in the count column: a number in the first row is also what tells GDAL's
    // XLSX reader that the row above is the header.
    add_row(rows, "审计", "审计编号及时间", run.run_at, static_cast<double>(run.id));
    if (run.generation) {
        std::string seen = "第" + std::to_string(*run.generation) + "版";
        if (*run.generation != current_generation) seen += "（当前为第" + std::to_string(current_generation) + "版，需重新审计）";
        add_row(rows, "审计", "网格版本", seen);
    }
    add_row(rows, "审计", "结论", verdict(run.passed));
    if (!summary.is_object()) return sheet;
    if (const auto layers = summary.find("layers"); layers != summary.end() && layers->is_object()) {
        for (const auto& [key, title] : kLevels) {
            const auto level = layers->find(key);
            if (level == layers->end() || !level->is_object()) continue;
            add_row(rows, title, "结论", verdict(level->value("passed", false)), number(*level, "polygons"));
            for (const auto& k : kKinds) {
                const double n = number(*level, k.count);
                add_row(rows, title, k.title, n > 0 ? "有" : "无", n,
                        k.area ? std::optional<double>(number(*level, k.area)) : std::nullopt);
            }
        }
    }
    if (const auto owners = summary.find("ownership"); owners != summary.end() && owners->is_object()) {
        add_row(rows, "责任人", "结论", verdict(owners->value("passed", false)), number(*owners, "grids"));
        add_row(rows, "责任人", "无人负责的网格", "", number(*owners, "unowned_grids"));
        if (const auto missing = owners->find("grids_missing_role"); missing != owners->end() && missing->is_object()) {
            for (const auto& [key, title] : kRoles) add_row(rows, "责任人", title, "", number(*missing, key));
        }
        add_row(rows, "责任人", "失效的责任人链接", "", number(*owners, "dead_owner_links"));
    }
    return sheet;
}

}  // namespace respgrid::ops::detail
