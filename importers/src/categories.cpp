#include "respgrid/importers/categories.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "respgrid/grids/categories.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {
std::optional<bool> parse_flag(std::string text) {
    for (auto& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (text == "1" || text == "yes" || text == "y" || text == "true" || text == "是") return true;
    if (text == "0" || text == "no" || text == "n" || text == "false" || text == "否") return false;
    return std::nullopt;
}
}  // namespace

CategoryImport read_categories(const std::string& path, const std::string& layer,
                               std::span<const grids::IssueCategory> existing) {
    Table table = read_table(path, layer);
    const auto code_i = table.require({"code", "代码", "编码"});
    const auto name_i = table.require({"name", "名称"});
    const auto group_i = table.find({"group", "大类"});
    const auto standard_i = table.find({"standard", "标准"});
    const auto department_i = table.find({"department", "责任部门"});
    const auto deadline_i = table.find({"deadline_hours", "处置时限"});
    const auto deadline_rule_i = table.find({"deadline_rule", "时限类型"});
    const auto territory_i = table.find({"territory_answers", "属地负责", "属地兜底"});
    const auto aliases_i = table.find({"aliases", "alias", "别名"});

    CategoryImport result;
    result.encoding = table.encoding;
    // Records the CSV reader rejected (broken quoting, too many values) count as read.
    result.rows_read = table.records_read();
    result.rejects = std::move(table.rejects);
    std::vector<const TableRow*> row_of;  // the row of each category read
    std::set<std::string> seen;
    for (const auto& row : table.rows) {
        auto value = [&row](std::optional<std::size_t> i) { return i ? row.values[*i] : std::string(); };
        grids::IssueCategory c;
        c.code = row.values[code_i];
        c.name = row.values[name_i];
        if (c.code.empty() || c.name.empty()) {
            result.rejects.push_back({table.where(row, c.code.empty() ? code_i : name_i), "category code or name is empty"});
            continue;
        }
        if (!seen.insert(c.code).second) {
            result.rejects.push_back({table.where(row, code_i), "category code " + c.code + " repeats an earlier row"});
            continue;
        }
        c.group = value(group_i);
        c.standard = value(standard_i);
        c.department_id = value(department_i);
        if (std::string text = value(deadline_i); !text.empty()) {
            auto hours = parse_number(text);
            if (!hours || *hours <= 0) {
                result.rejects.push_back({table.where(row, *deadline_i), "deadline_hours must be a positive number, got '" + text + "'"});
                continue;
            }
            c.deadline_hours = hours;
        }
        if (std::string text = value(deadline_rule_i); !text.empty()) {
            auto kind = grids::parse_deadline_kind(text);
            if (!kind) {
                result.rejects.push_back({table.where(row, *deadline_rule_i),
                                          "deadline_rule must be calendar, working or same_day (自然小时, 工作小时, "
                                          "事不过夜), got '" + text + "'"});
                continue;
            }
            if (*kind != grids::DeadlineKind::SameDay && !c.deadline_hours) {
                result.rejects.push_back({table.where(row, *deadline_rule_i),
                                          "deadline_rule " + text + " counts hours, but deadline_hours is empty"});
                continue;
            }
            c.deadline_kind = *kind;
        }
        if (std::string text = value(territory_i); !text.empty()) {
            auto flag = parse_flag(text);
            if (!flag) {
                result.rejects.push_back({table.where(row, *territory_i),
                                          "territory_answers must be 1/0, yes/no or 是/否, got '" + text + "'"});
                continue;
            }
            c.territory_answers = *flag;
        }
        c.aliases = grids::split_aliases(value(aliases_i));
        result.categories.push_back(std::move(c));
        row_of.push_back(&row);
    }

    // One meaning per text. The project's categories the file does not replace come first; the
    // rows then in order, each checked against those and the rows kept before it. A row rejected
    // here leaves its stored namesake in place, so that one joins the check and the rows are
    // checked again (rarely more than once).
    auto field_of = [&](grids::CategoryMatchKind what) {
        return what == grids::CategoryMatchKind::Code ? code_i : what == grids::CategoryMatchKind::Name ? name_i : *aliases_i;
    };
    std::set<std::string, std::less<>> kept_stored;
    for (const auto& c : existing) {
        if (!seen.count(c.code)) kept_stored.insert(c.code);
    }
    for (;;) {
        grids::CategoryCatalogue catalogue;
        for (const auto& c : existing) {
            if (kept_stored.count(c.code)) catalogue.add(c);
        }
        std::vector<Reject> clashes;
        std::vector<bool> rejected(result.categories.size(), false);
        bool again = false;
        for (std::size_t i = 0; i < result.categories.size(); ++i) {
            const auto& c = result.categories[i];
            if (auto clash = catalogue.clash_with(c)) {
                clashes.push_back({table.where(*row_of[i], field_of(clash->what)),
                                   "category " + c.code + " " + c.name + ": " + clash->describe() +
                                       " (a text may mean one category only)"});
                rejected[i] = true;
                again = again || std::any_of(existing.begin(), existing.end(), [&](const grids::IssueCategory& e) {
                    return e.code == c.code && kept_stored.insert(e.code).second;
                });
            } else {
                catalogue.add(c);
            }
        }
        if (again) continue;
        std::vector<grids::IssueCategory> kept;
        for (std::size_t i = 0; i < result.categories.size(); ++i) {
            if (!rejected[i]) kept.push_back(std::move(result.categories[i]));
        }
        result.categories = std::move(kept);
        result.rejects.insert(result.rejects.end(), clashes.begin(), clashes.end());
        return result;
    }
}

}  // namespace respgrid::importers
