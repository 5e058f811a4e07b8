#include "report_tables.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace respgrid::exporters::report {

namespace {

using grids::DailyReport;
using grids::UnitFigures;

std::string integer_text(long long v) { return std::to_string(v); }

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty()) out.append(separator);
        out.append(s);
    }
    return out;
}

// "2026-09-04 08:00" in the report's zone.
std::string minute_text(grids::Instant t, grids::UtcOffset zone) {
    std::string text = t.to_text(zone).substr(0, 16);
    text[10] = ' ';
    return text;
}

struct YearMonthDay {
    int year, month, day;
};
YearMonthDay ymd(grids::Date d) {
    const std::string iso = d.to_string();  // YYYY-MM-DD
    return {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2))};
}

// Whether the period is one day: the texts say 当日, else 期内.
std::string_view period_word(const grids::ReportPeriod& p) { return p.first == p.last ? "当日" : "期内"; }

// The columns of a ranking table and a row per unit (see report_tables.hpp for which are brief).
enum class UnitTable { Ranked, RankedWithParent, Category };

std::vector<Column> unit_columns(UnitTable kind, std::string_view code_title, std::string_view name_title) {
    std::vector<Column> c;
    if (kind != UnitTable::Category) c.push_back({"排名", CellKind::Integer});
    c.push_back({std::string(code_title), CellKind::Text, false});
    c.push_back({std::string(name_title), CellKind::Text});
    if (kind == UnitTable::RankedWithParent) c.push_back({"所属乡镇", CellKind::Text});
    c.push_back({"新增立案", CellKind::Integer, false});
    c.push_back({"退回", CellKind::Integer, false});
    c.push_back({"受理", CellKind::Integer});
    c.push_back({"按时整改", CellKind::Integer});
    c.push_back({"超时整改", CellKind::Integer});
    c.push_back({"新增未整改", CellKind::Integer, false});
    c.push_back({"往日挂账", CellKind::Integer, false});
    c.push_back({"挂账未整改", CellKind::Integer});
    c.push_back({"超期", CellKind::Integer});
    c.push_back({"按时整改率(%)", CellKind::Real});
    c.push_back({"平均整改用时(小时)", CellKind::Real});
    c.push_back({"上报次数", CellKind::Integer});
    c.push_back({"期内整改", CellKind::Integer, false});
    if (kind != UnitTable::Category) c.push_back({"超期案卷", CellKind::Text});
    return c;
}

void add_unit_row(TableRows& rows, UnitTable kind, std::size_t rank, const UnitFigures& u) {
    if (kind != UnitTable::Category) rows.add(integer_text(static_cast<long long>(rank)));
    rows.add(u.code);
    rows.add(u.name);
    if (kind == UnitTable::RankedWithParent) rows.add(u.parent);
    rows.add(integer_text(u.logged));
    rows.add(integer_text(u.rejected));
    rows.add(integer_text(u.received));
    rows.add(integer_text(u.rectified_on_time));
    rows.add(integer_text(u.rectified_late));
    rows.add(integer_text(u.open_new));
    rows.add(integer_text(u.carried));
    rows.add(integer_text(u.open));
    rows.add(integer_text(u.overdue));
    rows.add(percent_text(u.on_time_rate));
    rows.add(decimal_text(u.average_hours_to_fix));
    rows.add(integer_text(u.reports));
    rows.add(integer_text(u.rectified_in_period));
    if (kind != UnitTable::Category) rows.add(join(u.overdue_numbers, "、"));
}

Table unit_table(std::string name, std::string title, std::string note, UnitTable kind, std::string_view code_title,
                 std::string_view name_title, const std::vector<UnitFigures>& units) {
    Table t{std::move(name), std::move(title), std::move(note), unit_columns(kind, code_title, name_title)};
    t.rows = TableRows(t.columns.size());
    for (std::size_t i = 0; i < units.size(); ++i) add_unit_row(t.rows, kind, i + 1, units[i]);
    return t;
}

Table summary_table(const DailyReport& r) {
    const UnitFigures& u = r.totals;
    const std::string day(period_word(r.period));
    Table t{"汇总", "汇总", "", {{"指标", CellKind::Text}, {"数值", CellKind::Real}, {"口径", CellKind::Text}}};
    t.rows = TableRows(t.columns.size());
    const auto row = [&](std::string_view name, std::string value, std::string_view meaning) {
        t.rows.add(name);
        t.rows.add(value);
        t.rows.add(meaning);
    };
    row("新增立案", integer_text(u.logged), day + "立案的案件（含退回）");
    row("退回", integer_text(u.rejected), day + "立案后退回的（不属实、重复、不属本县），不计入其他指标");
    row("受理", integer_text(u.received), day + "立案且未退回的案件 = 按时整改 + 超时整改 + 新增未整改");
    row("按时整改", integer_text(u.rectified_on_time), "受理案件中在整改时限内（含时限当秒）整改的");
    row("超时整改", integer_text(u.rectified_late), "受理案件中超过整改时限才整改的");
    row("新增未整改", integer_text(u.open_new), "受理案件中截至统计时点尚未整改的");
    row("往日挂账", integer_text(u.carried), "此前立案、截至统计时点仍未整改的");
    row("挂账未整改", integer_text(u.open), "新增未整改 + 往日挂账");
    row("超期", integer_text(u.overdue), "挂账未整改中已过整改时限的（含往日挂账）");
    row("期内整改", integer_text(u.rectified_in_period), day + "完成整改的案件，不论哪天立案");
    row("上报次数", integer_text(u.reports), "受理案件合并的群众上报次数（按件计数，上报次数另列）");
    row("按时整改率(%)", percent_text(u.on_time_rate),
        "按时整改 ÷（按时整改 + 超时整改 + 新增案件中已超期的）；未到时限的案件不计");
    row("平均整改用时(小时)", decimal_text(u.average_hours_to_fix), "受理案件从派遣到整改的平均小时数");
    return t;
}

Table overdue_table(const DailyReport& r) {
    Table t{"超期督办",
            "超期督办案件",
            "截至统计时点已过整改时限仍未整改的案件，超期最久的在前（最多 " +
                std::to_string(r.options.worst_overdue) + " 件）",
            {{"序号", CellKind::Integer},
             {"案卷编号", CellKind::Text},
             {"乡镇", CellKind::Text},
             {"村/社区", CellKind::Text},
             {"网格编码", CellKind::Text, false},
             {"地点", CellKind::Text},
             {"问题类别", CellKind::Text},
             {"责任单位", CellKind::Text},
             {"立案日期", CellKind::Text},
             {"整改时限", CellKind::Text},
             {"超期(小时)", CellKind::Real},
             {"督办升级(级)", CellKind::Integer},
             {"往日挂账", CellKind::Text}}};
    t.rows = TableRows(t.columns.size());
    for (std::size_t i = 0; i < r.worst_overdue.size(); ++i) {
        const grids::OverdueItem& o = r.worst_overdue[i];
        t.rows.add(integer_text(static_cast<long long>(i + 1)));
        t.rows.add(o.number);
        t.rows.add(o.township_name);
        t.rows.add(o.village_name);
        t.rows.add(o.grid_code);
        t.rows.add(o.location_text);
        t.rows.add(o.category_name);
        t.rows.add(o.responsible_name);
        t.rows.add(o.logged_day.to_string());
        t.rows.add(minute_text(o.deadline, r.period.zone));
        t.rows.add(decimal_text(o.hours_overdue));
        t.rows.add(integer_text(o.escalation_level));
        t.rows.add(o.carried ? "是" : "否");
    }
    return t;
}

Table hot_spot_table(const DailyReport& r) {
    Table t{"热点网格",
            "热点网格",
            std::string(period_word(r.period)) + "受理案件最多的网格（最多 " + std::to_string(r.options.hot_spots) +
                " 个）",
            {{"排名", CellKind::Integer},
             {"网格编码", CellKind::Text},
             {"村/社区", CellKind::Text},
             {"乡镇", CellKind::Text},
             {"案件数", CellKind::Integer},
             {"上报次数", CellKind::Integer}}};
    t.rows = TableRows(t.columns.size());
    for (std::size_t i = 0; i < r.hot_spots.size(); ++i) {
        const grids::HotSpot& h = r.hot_spots[i];
        t.rows.add(integer_text(static_cast<long long>(i + 1)));
        t.rows.add(h.grid_code);
        t.rows.add(h.village_name);
        t.rows.add(h.township_name);
        t.rows.add(integer_text(h.cases));
        t.rows.add(integer_text(h.reports));
    }
    return t;
}

Table repeat_table(const DailyReport& r) {
    Table t{"反复问题",
            "反复出现的问题",
            "截至统计日的 " + std::to_string(r.options.repeat_days) + " 天内，同一网格同一类别立案 " +
                std::to_string(r.options.repeat_min_cases) + " 件及以上（不含退回）",
            {{"网格编码", CellKind::Text},
             {"村/社区", CellKind::Text},
             {"乡镇", CellKind::Text},
             {"问题类别", CellKind::Text},
             {"案件数", CellKind::Integer},
             {"案卷编号", CellKind::Text}}};
    t.rows = TableRows(t.columns.size());
    for (const grids::RepeatProblem& p : r.repeats) {
        t.rows.add(p.grid_code);
        t.rows.add(p.village_name);
        t.rows.add(p.township_name);
        t.rows.add(p.category_name);
        t.rows.add(integer_text(static_cast<long long>(p.numbers.size())));
        t.rows.add(join(p.numbers, "、"));
    }
    return t;
}

}  // namespace

std::string percent_text(const std::optional<double>& rate) {
    if (!rate) return {};
    return decimal_text(*rate * 100.0);
}

std::string decimal_text(const std::optional<double>& value) {
    if (!value) return {};
    char buf[64];
    // Rounded half away from zero at one decimal, as people round (to_chars rounds halves to even).
    const double rounded = std::round(*value * 10.0) / 10.0;
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, 1);
    return ec == std::errc() ? std::string(buf, end) : std::string();
}

std::string period_text(const grids::ReportPeriod& period) {
    const auto a = ymd(period.first);
    const auto b = ymd(period.last);
    const std::string first =
        std::to_string(a.year) + "年" + std::to_string(a.month) + "月" + std::to_string(a.day) + "日";
    if (period.first == period.last) return first;
    const std::string last = (a.year != b.year ? std::to_string(b.year) + "年" : std::string()) +
                             std::to_string(b.month) + "月" + std::to_string(b.day) + "日";
    return first + "至" + last;
}

std::string as_of_text(const DailyReport& report) {
    const std::string t = report.as_of.to_text(report.period.zone);  // 2026-09-10T23:59:59+08:00
    return t.substr(0, 10) + " " + t.substr(11, 8) + "（" + report.period.zone.to_string() + "）";
}

std::string summary_text(const DailyReport& r) {
    const UnitFigures& u = r.totals;
    const std::string day(period_word(r.period));
    std::string s = day + "新增立案 " + integer_text(u.logged) + " 件，其中受理 " + integer_text(u.received) +
                    " 件、退回 " + integer_text(u.rejected) + " 件；受理案件中按时整改 " +
                    integer_text(u.rectified_on_time) + " 件、超时整改 " + integer_text(u.rectified_late) +
                    " 件、尚未整改 " + integer_text(u.open_new) + " 件。往日挂账仍未整改 " + integer_text(u.carried) +
                    " 件。截至 " + as_of_text(r) + "，共挂账未整改 " + integer_text(u.open) + " 件，其中超期 " +
                    integer_text(u.overdue) + " 件。";
    s += u.on_time_rate ? "按时整改率 " + percent_text(u.on_time_rate) + "%" : std::string("按时整改率暂无（无已定案件）");
    s += u.average_hours_to_fix ? "，平均整改用时 " + decimal_text(u.average_hours_to_fix) + " 小时" : std::string();
    s += "；受理案件共合并群众上报 " + integer_text(u.reports) + " 次；" + day + "完成整改 " +
         integer_text(u.rectified_in_period) + " 件（含往日案件）。";
    return s;
}

std::vector<Table> report_tables(const DailyReport& r) {
    const std::string ranking_note = "按超期件数从多到少、再按按时整改率从低到高排列；挂账含往日未整改案件";
    std::vector<Table> tables;
    tables.push_back(summary_table(r));
    tables.push_back(unit_table("乡镇排名", "乡镇（街道）排名", ranking_note, UnitTable::Ranked, "乡镇代码", "乡镇名称",
                                r.townships));
    tables.push_back(unit_table("部门排名", "责任部门排名", ranking_note + "；一件案件计入其每个责任部门",
                                UnitTable::Ranked, "部门编号", "部门名称", r.departments));
    tables.push_back(unit_table("包联领导排名", "包联领导排名", ranking_note + "；一件案件计入其每位包联领导",
                                UnitTable::Ranked, "领导编号", "包联领导", r.leaders));
    tables.push_back(unit_table("村社区排名", "村（社区）排名", ranking_note, UnitTable::RankedWithParent, "村代码",
                                "村/社区", r.villages));
    tables.push_back(overdue_table(r));
    tables.push_back(unit_table("问题类别", "问题类别统计", "按受理件数从多到少", UnitTable::Category, "类别代码",
                                "问题类别", r.categories));
    tables.push_back(hot_spot_table(r));
    tables.push_back(repeat_table(r));
    return tables;
}

}  // namespace respgrid::exporters::report
