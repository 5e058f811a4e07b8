#include "ledger_fixture.hpp"

#include <algorithm>
#include <stdexcept>

#include "respgrid/geo/geometry.hpp"

namespace respgrid::test {

namespace {

using grids::CaseEvent;
using grids::CaseEventKind;
using grids::CaseOwner;
using grids::CaseOwnerRole;
using grids::CaseStatus;
using grids::Instant;
using grids::LedgerCase;

Instant t(const char* text) {
    const auto parsed = grids::parse_time(text);
    if (!parsed.value) throw std::logic_error(std::string("ledger fixture: bad time ") + text);
    return parsed.value->instant(grids::kChinaTime);
}

struct Village {
    const char* code;
    const char* name;
    const char* township_code;
    const char* township_name;
};
const Village kDongguan{kVillageDongguan, "东关村", kTownshipChengguan, "城关镇"};
const Village kXiguan{kVillageXiguan, "西关村", kTownshipChengguan, "城关镇"};
const Village kBailou{kVillageBailou, "白楼村", kTownshipBailou, "白楼镇"};
const Village kLizhuang{kVillageLizhuang, "李庄村", kTownshipBailou, "白楼镇"};
const Village kZhuji{kVillageZhuji, "朱集村", kTownshipZhuji, "朱集乡"};
const Village kNowhere{"", "", "", ""};  // reported outside the county

struct Category {
    const char* code;
    const char* name;
};
const Category kGarbage{"HJ01", "暴露垃圾"};
const Category kRoad{"SZ02", "道路破损"};
const Category kAdverts{"GG03", "违规广告"};
const Category kUnknown{"", ""};

CaseOwner department(const char* id) {
    CaseOwner o;
    o.role = CaseOwnerRole::Department;
    o.owner_id = id;
    o.name = std::string(id) == kDepartmentChengguan ? "县城管局" : "县环保局";
    o.rule = "category";
    return o;
}
CaseOwner leader(const char* id) {
    CaseOwner o;
    o.role = CaseOwnerRole::Leader;
    o.owner_id = id;
    o.name = std::string(id) == kLeaderWang ? "王书记" : "李镇长";
    return o;
}

class Ledger {
public:
    // A case and its 'logged' event.
    LedgerCase& add(const char* number, const Village& v, const char* grid_suffix, const Category& c,
                    std::vector<CaseOwner> owners, const char* logged, int reports) {
        LedgerCase k;
        k.id = static_cast<long long>(fixture_.cases.size()) + 1;
        k.number = number;
        k.found_at = k.logged_at = t(logged);
        k.location_text = std::string(v.name) + "主街" + std::to_string(k.id) + "号";
        k.generation_id = 1;
        k.grid_code = *grid_suffix ? std::string(v.code) + grid_suffix : "";
        k.village_code = v.code;
        k.village_name = v.name;
        k.township_code = v.township_code;
        k.township_name = v.township_name;
        k.category_code = c.code;
        k.category_name = c.name;
        k.category_text = *c.code ? c.name : "其他";
        k.owners = std::move(owners);
        k.responsible_id = k.owners.empty() ? v.code : k.owners.front().owner_id;
        k.responsible_name = k.owners.empty() ? v.name : k.owners.front().name;
        k.report_count = reports;
        fixture_.cases.push_back(std::move(k));
        event(CaseEventKind::Logged, std::nullopt, CaseStatus::Logged, logged);
        return fixture_.cases.back();
    }
    // The last case is dispatched at `at`, due at `due`.
    void dispatch(const char* at, const char* due, CaseStatus from = CaseStatus::Logged) {
        event(CaseEventKind::Dispatched, from, CaseStatus::Dispatched, at);
        fixture_.cases.back().dispatched_at = t(at);
        fixture_.cases.back().deadline = t(due);
    }
    void move(CaseStatus from, CaseStatus to, const char* at) {
        event(CaseEventKind::Status, from, to, at);
        LedgerCase& k = fixture_.cases.back();
        if (to == CaseStatus::Fixed) k.fixed_at = t(at);
        if (to == CaseStatus::Checked) k.checked_at = t(at);
        if (to == CaseStatus::Closed) k.closed_at = t(at);
    }
    void escalate(const char* at) {
        event(CaseEventKind::Escalated, std::nullopt, std::nullopt, at);
        ++fixture_.cases.back().escalation_level;
    }
    LedgerFixture done() { return std::move(fixture_); }

private:
    void event(CaseEventKind kind, std::optional<CaseStatus> from, std::optional<CaseStatus> to, const char* at) {
        CaseEvent e;
        e.id = static_cast<long long>(fixture_.events.size()) + 1;
        e.case_id = fixture_.cases.back().id;
        e.at = t(at);
        e.kind = kind;
        e.from = from;
        e.to = to;
        e.actor = "fixture";
        fixture_.events.push_back(std::move(e));
        if (to) fixture_.cases.back().status = *to;
    }
    LedgerFixture fixture_;
};

using S = CaseStatus;

}  // namespace

LedgerFixture thirty_case_ledger() {
    Ledger l;
    const auto cg = department(kDepartmentChengguan);
    const auto hb = department(kDepartmentHuanbao);
    const auto wang = leader(kLeaderWang);
    const auto li = leader(kLeaderLi);

    // --- logged on 2026-09-10, the report's day (ids 1-20)
    // 1: fixed 2 h 50 min after dispatch, before the deadline; three reports merged.
    l.add("HY-20260910-0001", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-10 08:00", 3);
    l.dispatch("2026-09-10 08:10", "2026-09-10 12:10");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 11:00");
    // 2: fixed two hours after the deadline.
    l.add("HY-20260910-0002", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-10 08:30", 1);
    l.dispatch("2026-09-10 08:40", "2026-09-10 10:40");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 12:40");
    // 3: being fixed, due tomorrow.
    l.add("HY-20260910-0003", kDongguan, "002", kRoad, {wang}, "2026-09-10 09:00", 1);
    l.dispatch("2026-09-10 09:00", "2026-09-11 09:00");
    l.move(S::Dispatched, S::InProgress, "2026-09-10 10:00");
    // 4: due at 05:00, nobody moved: overdue. The department listed twice (two rules named it).
    {
        auto cg_again = cg;
        cg_again.rule = "responsibility layer";
        l.add("HY-20260910-0004", kXiguan, "001", kGarbage, {cg, cg_again, wang}, "2026-09-10 01:00", 2);
    }
    l.dispatch("2026-09-10 01:00", "2026-09-10 05:00");
    // 5: not a case (rejected when logged).
    l.add("HY-20260910-0005", kXiguan, "001", kAdverts, {hb, wang}, "2026-09-10 10:00", 1);
    l.move(S::Logged, S::Rejected, "2026-09-10 10:30");
    // 6: fixed in an hour, checked and closed the same morning.
    l.add("HY-20260910-0006", kBailou, "001", kGarbage, {cg, li}, "2026-09-10 07:00", 1);
    l.dispatch("2026-09-10 07:00", "2026-09-10 19:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 08:00");
    l.move(S::Fixed, S::Checked, "2026-09-10 09:00");
    l.move(S::Checked, S::Closed, "2026-09-10 10:00");
    // 7: fixed an hour late (13 h after dispatch); four reports.
    l.add("HY-20260910-0007", kBailou, "001", kGarbage, {cg, li}, "2026-09-10 07:30", 4);
    l.dispatch("2026-09-10 07:30", "2026-09-10 19:30");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 20:30");
    // 8: fixed in time, but the check failed: back to work, and overdue since 15:00.
    l.add("HY-20260910-0008", kBailou, "001", kRoad, {hb, li}, "2026-09-10 11:00", 1);
    l.dispatch("2026-09-10 11:00", "2026-09-10 15:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 14:00");
    l.move(S::Fixed, S::InProgress, "2026-09-10 16:00");
    // 9: logged, not yet dispatched: no deadline runs.
    l.add("HY-20260910-0009", kLizhuang, "001", kRoad, {hb, li}, "2026-09-10 12:00", 1);
    // 10: fixed a minute before the deadline.
    l.add("HY-20260910-0010", kLizhuang, "001", kGarbage, {li}, "2026-09-10 13:00", 2);
    l.dispatch("2026-09-10 13:00", "2026-09-10 17:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 16:59");
    // 11: fixed at the deadline's own second: on time.
    l.add("HY-20260910-0011", kZhuji, "001", kGarbage, {cg}, "2026-09-10 06:00", 1);
    l.dispatch("2026-09-10 06:00", "2026-09-10 18:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 18:00");
    // 12: due at 22:00, still being fixed: overdue; five reports.
    l.add("HY-20260910-0012", kZhuji, "001", kAdverts, {hb, li}, "2026-09-10 14:00", 5);
    l.dispatch("2026-09-10 14:00", "2026-09-10 22:00");
    l.move(S::Dispatched, S::InProgress, "2026-09-10 15:00");
    // 13: sent back by the unit it was dispatched to.
    l.add("HY-20260910-0013", kZhuji, "001", kAdverts, {}, "2026-09-10 15:00", 2);
    l.dispatch("2026-09-10 15:05", "2026-09-10 23:05");
    l.move(S::Dispatched, S::Rejected, "2026-09-10 16:00");
    // 14: fixed in an hour.
    l.add("HY-20260910-0014", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-10 16:00", 1);
    l.dispatch("2026-09-10 16:00", "2026-09-11 16:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 17:00");
    // 15: due tomorrow.
    l.add("HY-20260910-0015", kXiguan, "001", kRoad, {hb, wang}, "2026-09-10 17:00", 1);
    l.dispatch("2026-09-10 17:10", "2026-09-11 17:10");
    // 16: fixed an hour late (5 h after dispatch).
    l.add("HY-20260910-0016", kBailou, "001", kGarbage, {cg, li}, "2026-09-10 18:00", 1);
    l.dispatch("2026-09-10 18:00", "2026-09-10 22:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 23:00");
    // 17: fixed in an hour and checked.
    l.add("HY-20260910-0017", kLizhuang, "001", kRoad, {hb, li}, "2026-09-10 19:00", 1);
    l.dispatch("2026-09-10 19:00", "2026-09-11 19:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 20:00");
    l.move(S::Fixed, S::Checked, "2026-09-10 21:00");
    // 18: due tomorrow.
    l.add("HY-20260910-0018", kZhuji, "001", kGarbage, {cg}, "2026-09-10 20:00", 1);
    l.dispatch("2026-09-10 20:00", "2026-09-11 20:00");
    // 19: reported outside the county, no category matched; not dispatched.
    l.add("HY-20260910-0019", kNowhere, "", kUnknown, {}, "2026-09-10 21:00", 1);
    // 20: due at 23:00, not fixed: overdue by the end of the day.
    l.add("HY-20260910-0020", kDongguan, "002", kGarbage, {cg, wang}, "2026-09-10 22:00", 1);
    l.dispatch("2026-09-10 22:00", "2026-09-10 23:00");

    // --- logged before (ids 21-29) and after (id 30) the report's day
    // 21: fixed, checked and closed on 09-01/02; 回头看 reopened it on 09-09, dispatched again
    // (the deadline stored is the new one, 09-10 10:30); escalated once on 09-10.
    l.add("HY-20260901-0001", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-01 09:00", 1);
    l.dispatch("2026-09-01 09:00", "2026-09-02 09:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-01 15:00");
    l.move(S::Fixed, S::Checked, "2026-09-01 16:00");
    l.move(S::Checked, S::Closed, "2026-09-02 10:00");
    l.move(S::Closed, S::Reopened, "2026-09-09 10:00");
    l.dispatch("2026-09-09 10:30", "2026-09-10 10:30", S::Reopened);
    l.escalate("2026-09-10 12:00");
    // 22: due 09-04 08:00, still being fixed; escalated on 09-05 and 09-06.
    l.add("HY-20260903-0001", kBailou, "001", kRoad, {hb, li}, "2026-09-03 08:00", 3);
    l.dispatch("2026-09-03 08:00", "2026-09-04 08:00");
    l.move(S::Dispatched, S::InProgress, "2026-09-03 09:00");
    l.escalate("2026-09-05 08:00");
    l.escalate("2026-09-06 08:00");
    // 23: due 09-05 22:00, fixed on the report's day (late).
    l.add("HY-20260905-0001", kZhuji, "001", kGarbage, {cg}, "2026-09-05 10:00", 1);
    l.dispatch("2026-09-05 10:00", "2026-09-05 22:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 09:00");
    // 24: due 09-11, being fixed.
    l.add("HY-20260908-0001", kXiguan, "001", kAdverts, {hb, wang}, "2026-09-08 10:00", 1);
    l.dispatch("2026-09-08 10:00", "2026-09-11 10:00");
    l.move(S::Dispatched, S::InProgress, "2026-09-08 11:00");
    // 25: due 09-09 21:00, nobody moved.
    l.add("HY-20260909-0001", kLizhuang, "001", kGarbage, {cg, li}, "2026-09-09 09:00", 1);
    l.dispatch("2026-09-09 09:00", "2026-09-09 21:00");
    // 26: rejected the day before.
    l.add("HY-20260909-0002", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-09 11:00", 1);
    l.move(S::Logged, S::Rejected, "2026-09-09 11:30");
    // 27: closed long ago.
    l.add("HY-20260902-0001", kBailou, "001", kGarbage, {cg, li}, "2026-09-02 09:00", 1);
    l.dispatch("2026-09-02 09:00", "2026-09-03 09:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-02 12:00");
    l.move(S::Fixed, S::Checked, "2026-09-02 13:00");
    l.move(S::Checked, S::Closed, "2026-09-02 14:00");
    // 28: due 09-04 21:00, fixed late on the report's day at 23:30.
    l.add("HY-20260904-0001", kZhuji, "001", kRoad, {hb}, "2026-09-04 09:00", 1);
    l.dispatch("2026-09-04 09:00", "2026-09-04 21:00");
    l.move(S::Dispatched, S::Fixed, "2026-09-10 23:30");
    // 29: due 09-07 09:00, being fixed.
    l.add("HY-20260906-0001", kDongguan, "002", kGarbage, {cg, wang}, "2026-09-06 09:00", 1);
    l.dispatch("2026-09-06 09:00", "2026-09-07 09:00");
    l.move(S::Dispatched, S::InProgress, "2026-09-06 10:00");
    // 30: logged the day after the report's day.
    l.add("HY-20260911-0001", kDongguan, "001", kGarbage, {cg, wang}, "2026-09-11 08:00", 1);
    l.dispatch("2026-09-11 08:00", "2026-09-11 20:00");

    auto fixture = l.done();
    std::sort(fixture.cases.begin(), fixture.cases.end(),
              [](const LedgerCase& a, const LedgerCase& b) { return a.number < b.number; });
    return fixture;
}

std::vector<grids::GridCell> fixture_grid_cells() {
    // One row of 1 km squares per township, west to east.
    struct Spec {
        const char* village;
        const char* suffix;
        int column;
        int row;
    };
    const Spec specs[] = {{kVillageDongguan, "001", 0, 0}, {kVillageDongguan, "002", 1, 0},
                          {kVillageXiguan, "001", 2, 0},   {kVillageXiguan, "002", 3, 0},
                          {kVillageBailou, "001", 0, 1},   {kVillageLizhuang, "001", 1, 1},
                          {kVillageLizhuang, "002", 2, 1}, {kVillageZhuji, "001", 0, 2}};
    std::vector<grids::GridCell> cells;
    for (const Spec& s : specs) {
        grids::GridCell c;
        c.code = std::string(s.village) + s.suffix;
        c.village_code = s.village;
        c.township_code = std::string(s.village).substr(0, 9);
        c.name = c.code;
        const double x = 500000.0 + 1000.0 * s.column;
        const double y = 3730000.0 + 1000.0 * s.row;
        c.set_shape(geo::Geometry::rectangle(x, y, x + 1000.0, y + 1000.0));
        c.area_m2 = 1e6;
        cells.push_back(std::move(c));
    }
    return cells;
}

std::vector<grids::AdminUnit> fixture_townships() {
    struct Spec {
        const char* code;
        const char* name;
        int columns;
        int row;
    };
    const Spec specs[] = {{kTownshipChengguan, "城关镇", 4, 0}, {kTownshipBailou, "白楼镇", 3, 1},
                          {kTownshipZhuji, "朱集乡", 1, 2}};
    std::vector<grids::AdminUnit> units;
    for (const Spec& s : specs) {
        grids::AdminUnit u;
        u.level = grids::AdminLevel::Township;
        u.code = s.code;
        u.name = s.name;
        u.parent_code = "411626";
        const double y = 3730000.0 + 1000.0 * s.row;
        u.geometry = geo::Geometry::rectangle(500000.0, y, 500000.0 + 1000.0 * s.columns, y + 1000.0);
        units.push_back(std::move(u));
    }
    return units;
}

}  // namespace respgrid::test
