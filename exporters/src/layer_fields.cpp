#include "layer_fields.hpp"

#include <span>
#include <string>

#include "respgrid/exporters/defects_gpkg.hpp"
#include "respgrid/grids/owner_columns.hpp"

namespace respgrid::exporters::detail {

namespace {

// The village and township columns and the owner chain's, as grids/owner_columns.hpp defines them.
void append_unit_fields(std::vector<FieldSpec>& fields) {
    for (const auto& c : grids::kUnitColumns) fields.push_back({std::string(c.name), FieldType::Text, std::string(c.title)});
}

void append_owner_fields(std::vector<FieldSpec>& fields, std::span<const grids::OwnerColumn> columns) {
    for (const auto& c : columns) fields.push_back({std::string(c.name), FieldType::Text, std::string(c.title)});
}

}  // namespace

const std::vector<FieldSpec>& unit_fields() {
    static const std::vector<FieldSpec> fields{{"code", FieldType::Text, "区划代码"},
                                               {"name", FieldType::Text, "名称"},
                                               {"parent_code", FieldType::Text, "上级代码"},
                                               {"parent_name", FieldType::Text, "上级名称"},
                                               {"area_m2", FieldType::Real, "面积(平方米)"},
                                               {"contact", FieldType::Text, "负责人"},
                                               {"phone", FieldType::Text, "电话"}};
    return fields;
}

const std::vector<FieldSpec>& grid_fields() {
    static const std::vector<FieldSpec> fields = [] {
        std::vector<FieldSpec> f{{"code", FieldType::Text, "网格编码"}, {"name", FieldType::Text, "网格名称"}};
        append_unit_fields(f);
        f.insert(f.end(), {{"area_m2", FieldType::Real, "面积(平方米)"},
                           {"generation", FieldType::Integer, "网格版本"},
                           {"kind", FieldType::Text, "网格类型"},
                           {"label", FieldType::Text, "专属网格单位"},
                           {"weight", FieldType::Real, "工作量"}});
        append_owner_fields(f, grids::kOwnerColumns);
        f.push_back({"missing_roles", FieldType::Text, "缺失责任人"});
        return f;
    }();
    return fields;
}

const std::vector<FieldSpec>& issue_fields() {
    static const std::vector<FieldSpec> fields = [] {
        std::vector<FieldSpec> f{{"id", FieldType::Text, "问题编号"},
                                 {"reported_at", FieldType::Text, "上报时间"},
                                 {"category", FieldType::Text, "问题类别代码"},
                                 {"category_name", FieldType::Text, "问题类别"},
                                 {"description", FieldType::Text, "问题描述"},
                                 {"reported_crs", FieldType::Text, "上报坐标系"},
                                 {"reported_lon", FieldType::Real, "上报经度"},
                                 {"reported_lat", FieldType::Real, "上报纬度"},
                                 {"location_status", FieldType::Text, "定位结果"},
                                 {"grid_code", FieldType::Text, "网格编码"}};
        append_unit_fields(f);
        append_owner_fields(f, grids::kIssueOwnerColumns);
        f.insert(f.end(), {{"nearest_grid", FieldType::Text, "最近网格"}, {"distance_m", FieldType::Real, "距最近网格(米)"}});
        return f;
    }();
    return fields;
}

const std::vector<FieldSpec>& case_fields() {
    static const std::vector<FieldSpec> fields = [] {
        // Status and source twice: the ASCII name for filters and scripts, the Chinese label to read.
        std::vector<FieldSpec> f{{"number", FieldType::Text, "案卷编号"},
                                 {"status", FieldType::Text, "状态代码"},
                                 {"status_zh", FieldType::Text, "状态"},
                                 {"category", FieldType::Text, "问题类别代码"},
                                 {"category_name", FieldType::Text, "问题类别"},
                                 {"source", FieldType::Text, "来源代码"},
                                 {"source_zh", FieldType::Text, "来源"},
                                 {"found_at", FieldType::Text, "发现时间"},
                                 {"deadline", FieldType::Text, "整改时限"},
                                 {"overdue", FieldType::Integer, "是否超期"},
                                 {"hours_overdue", FieldType::Real, "超期小时"},
                                 {"escalation_level", FieldType::Integer, "督办升级级数"},
                                 {"grid_code", FieldType::Text, "网格编码"}};
        append_unit_fields(f);
        f.insert(f.end(), {{"responsible_id", FieldType::Text, "责任单位编号"},
                           {"responsible", FieldType::Text, "责任单位"},
                           {"report_count", FieldType::Integer, "上报次数"},
                           {"location", FieldType::Text, "地点描述"},
                           {"description", FieldType::Text, "问题描述"}});
        return f;
    }();
    return fields;
}

const std::vector<FieldSpec>& worker_area_fields() {
    static const std::vector<FieldSpec> fields = [] {
        std::vector<FieldSpec> f{{"worker_id", FieldType::Text, "网格员编号"}};
        append_unit_fields(f);
        append_owner_fields(f, grids::kOwnerColumns);
        f.insert(f.end(), {{"grid_count", FieldType::Integer, "网格数"},
                           {"area_m2", FieldType::Real, "面积(平方米)"},
                           {"weight", FieldType::Real, "工作量"}});
        return f;
    }();
    return fields;
}

const std::vector<FieldSpec>& responsibility_fields() {
    static const std::vector<FieldSpec> fields{{"layer", FieldType::Text, "责任图层"},
                                               {"kind", FieldType::Text, "类型"},
                                               {"label", FieldType::Text, "责任区"},
                                               {"owner_id", FieldType::Text, "责任单位编号"},
                                               {"owner", FieldType::Text, "责任单位"},
                                               {"contact", FieldType::Text, "负责人"},
                                               {"phone", FieldType::Text, "电话"},
                                               {"categories", FieldType::Text, "负责问题类别"},
                                               {"buffer_m", FieldType::Real, "线状缓冲(米)"},
                                               {"valid_from", FieldType::Text, "起始日期"},
                                               {"valid_to", FieldType::Text, "终止日期"}};
    return fields;
}

const std::vector<FieldSpec>& coverage_defect_fields() {
    static const std::vector<FieldSpec> fields{{"layer", FieldType::Text, "检查图层"},
                                               {"kind", FieldType::Text, "问题类型"},
                                               {"units", FieldType::Text, "相关单元"},
                                               {"area_m2", FieldType::Real, "面积(平方米)"},
                                               {"width_m", FieldType::Real, "宽度(米)"},
                                               {"narrow", FieldType::Integer, "狭缝"},
                                               {"open_to_outline", FieldType::Integer, "通向县界"},
                                               {"share", FieldType::Real, "上级内占比"},
                                               {"detail", FieldType::Text, "说明"},
                                               {"x", FieldType::Real, "经度"},
                                               {"y", FieldType::Real, "纬度"}};
    return fields;
}

const std::vector<FieldSpec>& ownership_defect_fields() {
    static const std::vector<FieldSpec> fields{{"village_code", FieldType::Text, "村/社区代码"},
                                               {"problems", FieldType::Text, "问题"},
                                               {"grid_count", FieldType::Integer, "网格数"},
                                               {"area_m2", FieldType::Real, "面积(平方米)"},
                                               {"grid_codes", FieldType::Text, "网格编码"}};
    return fields;
}

const std::vector<FieldSpec>& change_fields() {
    static const std::vector<FieldSpec> fields{{"seq", FieldType::Integer, "序号"},
                                               {"rule", FieldType::Text, "规则"},
                                               {"from_unit", FieldType::Text, "移出单元"},
                                               {"to_unit", FieldType::Text, "移入单元"},
                                               {"area_m2", FieldType::Real, "面积(平方米)"},
                                               {"reason", FieldType::Text, "理由"}};
    return fields;
}

std::span<const FieldSpec> fields_of_layer(std::string_view layer) {
    if (layer == "county" || layer == "townships" || layer == "villages") return unit_fields();
    if (layer == "grids") return grid_fields();
    if (layer == "issues") return issue_fields();
    if (layer == "cases") return case_fields();
    if (layer == "responsibility") return responsibility_fields();
    if (layer == "worker_areas") return worker_area_fields();
    if (layer == kOwnershipLayer) return ownership_defect_fields();
    if (layer == "changes" || layer == "unit_changes") return change_fields();
    for (auto kind : grids::kDefectKinds) {
        if (layer == defect_layer_name(kind)) return coverage_defect_fields();
    }
    return {};
}

std::string_view field_title(std::string_view layer, std::string_view field) {
    for (const auto& f : fields_of_layer(layer)) {
        if (f.name == field) return f.alias;
    }
    return {};
}

}  // namespace respgrid::exporters::detail
