#include "respgrid/importers/roster.hpp"

#include <cctype>
#include <map>

#include "respgrid/grids/codes.hpp"
#include "respgrid/importers/table.hpp"
#include "validity.hpp"

namespace respgrid::importers {

namespace {

std::string lower_ascii(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::optional<bool> parse_active(const std::string& raw) {
    std::string text = lower_ascii(raw);
    if (text.empty() || text == "1" || text == "yes" || text == "y" || text == "true" || text == "是" || text == "在岗") {
        return true;
    }
    if (text == "0" || text == "no" || text == "n" || text == "false" || text == "否" || text == "离岗") return false;
    return std::nullopt;
}

// English kind names in any case, or the Chinese terms a county roster uses.
std::optional<grids::OwnerKind> parse_kind(const std::string& raw) {
    if (auto kind = grids::parse_owner_kind(lower_ascii(raw))) return kind;
    static const std::pair<const char*, grids::OwnerKind> kChinese[] = {
        {"乡镇", grids::OwnerKind::Township},        {"街道", grids::OwnerKind::Township},
        {"乡镇/街道", grids::OwnerKind::Township},   {"村", grids::OwnerKind::Village},
        {"社区", grids::OwnerKind::Village},         {"村/社区", grids::OwnerKind::Village},
        {"部门", grids::OwnerKind::Department},      {"县直部门", grids::OwnerKind::Department},
        {"领导", grids::OwnerKind::Leader},          {"县级领导", grids::OwnerKind::Leader},
        {"包联领导", grids::OwnerKind::Leader},      {"网格员", grids::OwnerKind::GridWorker},
    };
    for (const auto& [name, kind] : kChinese) {
        if (raw == name) return kind;
    }
    return std::nullopt;
}

// The administrative level a kind's unit_code refers to, if it needs one.
std::optional<grids::AdminLevel> unit_level_of(grids::OwnerKind kind) {
    switch (kind) {
        case grids::OwnerKind::Township: return grids::AdminLevel::Township;
        case grids::OwnerKind::Village:
        case grids::OwnerKind::GridWorker: return grids::AdminLevel::Village;
        default: return std::nullopt;
    }
}

}  // namespace

RosterImport read_roster(const std::string& path, const std::string& layer, grids::UtcOffset zone) {
    Table table = read_table(path, layer);
    const auto id_i = table.require({"owner_id", "id", "编号"});
    const auto kind_i = table.require({"kind", "类型"});
    const auto name_i = table.require({"name", "名称", "姓名"});
    const auto unit_i = table.find({"unit_code", "单位代码", "区划代码"});
    const auto contact_i = table.find({"contact", "负责人"});
    const auto title_i = table.find({"title", "职务"});
    const auto phone_i = table.find({"phone", "电话", "手机"});
    const auto packages_i = table.find({"packages", "包联乡镇", "包联"});
    const auto active_i = table.find({"active", "在岗"});
    const auto from_i = table.find({"valid_from", "起始日期", "开始日期"});
    const auto to_i = table.find({"valid_to", "终止日期", "结束日期"});

    RosterImport result;
    result.encoding = table.encoding;
    // Records the CSV reader rejected (broken quoting, too many values) count as read.
    result.rows_read = table.records_read();
    result.rejects = std::move(table.rejects);
    std::map<std::string, long long> first_line_of_id;
    for (const auto& row : table.rows) {
        auto value = [&row](std::optional<std::size_t> i) { return i ? row.values[*i] : std::string(); };
        auto reject = [&](std::size_t field, const std::string& reason) {
            result.rejects.push_back({table.where(row, field), reason});
        };
        grids::Owner o;
        o.id = row.values[id_i];
        o.name = row.values[name_i];
        if (o.id.empty()) {
            reject(id_i, "owner id is empty");
            continue;
        }
        auto kind = parse_kind(row.values[kind_i]);
        if (!kind) {
            reject(kind_i, "unknown kind '" + row.values[kind_i] +
                               "' (township, village, department, leader, grid_worker, or 乡镇/街道, 村/社区, 部门, "
                               "领导, 网格员)");
            continue;
        }
        o.kind = *kind;
        if (o.name.empty()) {
            reject(name_i, "name is empty (owner " + o.id + ")");
            continue;
        }
        o.unit_code = value(unit_i);
        if (auto level = unit_level_of(o.kind); level && !grids::is_valid_code(*level, o.unit_code)) {
            reject(unit_i.value_or(kind_i), "a " + std::string(grids::to_string(o.kind)) + " needs a " +
                                                std::to_string(grids::code_length(*level)) + "-digit unit code, got '" +
                                                o.unit_code + "' (owner " + o.id + ")");
            continue;
        }
        o.contact = value(contact_i);
        o.title = value(title_i);
        o.phone = value(phone_i);
        auto active = parse_active(value(active_i));
        if (!active) {
            reject(*active_i, "active must be 1/0, yes/no or 是/否, got '" + value(active_i) + "'");
            continue;
        }
        o.active = *active;
        auto validity = detail::read_validity(value(from_i), value(to_i), zone);
        if (!validity.problem.empty()) {
            reject(validity.problem_in_to ? *to_i : *from_i, validity.problem + " (owner " + o.id + ")");
            continue;
        }
        o.valid_from = validity.from;
        o.valid_to = validity.to;
        o.packages = split_list(value(packages_i));
        bool packages_ok = true;
        for (const auto& code : o.packages) {
            if (!grids::is_valid_code(grids::AdminLevel::Township, code)) {
                reject(*packages_i, "package '" + code + "' is not a 9-digit township code (owner " + o.id + ")");
                packages_ok = false;
                break;
            }
        }
        if (!packages_ok) continue;
        if (auto [it, fresh] = first_line_of_id.emplace(o.id, row.line); !fresh) {
            reject(id_i, "owner id " + o.id + " repeats line " + std::to_string(it->second));
            continue;
        }
        result.owners.push_back(std::move(o));
    }
    return result;
}

}  // namespace respgrid::importers
