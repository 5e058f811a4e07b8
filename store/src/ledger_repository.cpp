// The ledger's tables (store/ledger.hpp): cases with their owners and photos, reports, events and
// the ledger settings.
#include "respgrid/store/ledger.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

#include "repository_util.hpp"
#include "respgrid/grids/categories.hpp"

namespace respgrid::store {

namespace {

using grids::Instant;

// Instants as the ledger stores them: local time with the offset (0009_ledger.sql).
std::string time_text(Instant t, grids::UtcOffset zone) { return t.to_text(zone); }
std::optional<std::string> time_text(const std::optional<Instant>& t, grids::UtcOffset zone) {
    return t ? std::optional<std::string>(t->to_text(zone)) : std::nullopt;
}

Instant stored_instant(Connection& db, const Statement& st, int column, const char* what, const std::string& key) {
    if (auto fast = grids::parse_instant_text(st.text_view(column))) return *fast;
    auto parsed = grids::parse_time(st.text_view(column));
    if (!parsed.value || !parsed.value->second_of_day) {
        throw StoreError(db.path(), std::string(what) + " is '" + st.text(column) + "', not a time (" + key + ")");
    }
    return parsed.value->instant(grids::kChinaTime);  // every stored text carries its offset
}
std::optional<Instant> stored_optional_instant(Connection& db, const Statement& st, int column, const char* what,
                                               const std::string& key) {
    if (st.is_null(column) || st.text_view(column).empty()) return std::nullopt;
    return stored_instant(db, st, column, what, key);
}

template <typename Enum, typename Parse>
Enum stored_enum(Connection& db, const Statement& st, int column, const char* what, const std::string& key, Parse parse) {
    auto v = parse(st.text_view(column));
    if (!v) throw StoreError(db.path(), std::string(what) + " is '" + st.text(column) + "', not one the ledger knows (" + key + ")");
    return *v;
}

// Photos of an event: "stage:ref" pieces (a URL keeps its own colons: the stage is the first word).
std::string join_photos(const std::vector<grids::CasePhoto>& photos) {
    std::string out;
    for (const auto& p : photos) {
        if (!out.empty()) out += "；";
        out += std::string(grids::to_string(p.stage)) + ":" + p.ref;
    }
    return out;
}
std::vector<grids::CasePhoto> split_photos(std::string_view cell) {
    std::vector<grids::CasePhoto> out;
    std::size_t start = 0;
    const std::string_view sep = "；";
    while (start <= cell.size()) {
        std::size_t end = cell.find(sep, start);
        if (end == std::string_view::npos) end = cell.size();
        std::string_view piece = cell.substr(start, end - start);
        if (!piece.empty()) {
            const std::size_t colon = piece.find(':');
            grids::CasePhoto p;
            p.stage = piece.substr(0, colon) == "after" ? grids::PhotoStage::After : grids::PhotoStage::Before;
            p.ref = std::string(colon == std::string_view::npos ? piece : piece.substr(colon + 1));
            out.push_back(std::move(p));
        }
        start = end + sep.size();
    }
    return out;
}

std::string join_refs(const std::vector<std::string>& refs) {
    std::string out;
    for (const auto& r : refs) {
        if (!out.empty()) out += "；";
        out += r;
    }
    return out;
}
std::vector<std::string> split_refs(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    const std::string_view sep = "；";
    while (start <= cell.size()) {
        std::size_t end = cell.find(sep, start);
        if (end == std::string_view::npos) end = cell.size();
        if (end > start) out.emplace_back(cell.substr(start, end - start));
        start = end + sep.size();
    }
    return out;
}

constexpr const char* kCaseColumns =
    "c.id, c.number, c.status, c.source, c.found_at, c.logged_at, coalesce(c.location_text, ''), c.lon, c.lat, c.crs, "
    "c.x, c.y, coalesce(c.generation_id, 0), coalesce(c.grid_code, ''), coalesce(c.village_code, ''), "
    "coalesce(c.village_name, ''), coalesce(c.township_code, ''), coalesce(c.township_name, ''), "
    "coalesce(c.category_code, ''), coalesce(c.category_name, ''), coalesce(c.category_text, ''), "
    "coalesce(c.description, ''), coalesce(c.responsible_id, ''), coalesce(c.responsible_name, ''), c.dispatched_at, "
    "c.deadline, c.fixed_at, c.checked_at, c.closed_at, c.escalation_level, c.escalated_to, c.report_count, "
    "coalesce(c.owner_set_id, 0), coalesce(c.answer_set_id, 0)";
constexpr int kOwnerSetColumn = 32;   // the territorial chain
constexpr int kAnswerSetColumn = 33;  // whom the rules name besides the territory

grids::LedgerCase read_case(Connection& db, const Statement& st) {
    grids::LedgerCase c;
    c.id = st.integer(0);
    c.number = st.text(1);
    const std::string& key = c.number;
    c.status = stored_enum<grids::CaseStatus>(db, st, 2, "cases.status", key, grids::parse_case_status);
    c.source = stored_enum<grids::CaseSource>(db, st, 3, "cases.source", key, grids::parse_case_source);
    c.found_at = stored_instant(db, st, 4, "cases.found_at", key);
    c.logged_at = stored_instant(db, st, 5, "cases.logged_at", key);
    c.location_text = st.text(6);
    c.lon = st.real(7);
    c.lat = st.real(8);
    c.crs = st.text(9);
    c.position = {st.real(10), st.real(11)};
    c.generation_id = st.integer(12);
    c.grid_code = st.text(13);
    c.village_code = st.text(14);
    c.village_name = st.text(15);
    c.township_code = st.text(16);
    c.township_name = st.text(17);
    c.category_code = st.text(18);
    c.category_name = st.text(19);
    c.category_text = st.text(20);
    c.description = st.text(21);
    c.responsible_id = st.text(22);
    c.responsible_name = st.text(23);
    c.dispatched_at = stored_optional_instant(db, st, 24, "cases.dispatched_at", key);
    c.deadline = stored_optional_instant(db, st, 25, "cases.deadline", key);
    c.fixed_at = stored_optional_instant(db, st, 26, "cases.fixed_at", key);
    c.checked_at = stored_optional_instant(db, st, 27, "cases.checked_at", key);
    c.closed_at = stored_optional_instant(db, st, 28, "cases.closed_at", key);
    c.escalation_level = static_cast<int>(st.integer(29));
    if (!st.is_null(30)) {
        c.escalated_to = stored_enum<grids::CaseOwnerRole>(db, st, 30, "cases.escalated_to", key, grids::parse_case_owner_role);
    }
    c.report_count = static_cast<int>(st.integer(31));
    return c;
}

// The owner sets the cases name (`where` on owner_set_members m), by id.
std::map<long long, grids::CaseOwners> load_owner_sets(Connection& db, const std::string& where) {
    std::map<long long, std::vector<grids::CaseOwner>> lists;
    Statement st(db, "SELECT m.set_id, m.role, m.owner_id, coalesce(m.name, ''), coalesce(m.person, ''), "
                     "coalesce(m.phone, ''), coalesce(m.unit_code, ''), coalesce(m.rule, '') FROM owner_set_members m " +
                         where + " ORDER BY m.set_id, m.ordinal");
    while (st.step()) {
        grids::CaseOwner o;
        o.role = stored_enum<grids::CaseOwnerRole>(db, st, 1, "owner_set_members.role",
                                                   "owner set " + std::to_string(st.integer(0)), grids::parse_case_owner_role);
        o.owner_id = st.text(2);
        o.name = st.text(3);
        o.person = st.text(4);
        o.phone = st.text(5);
        o.unit_code = st.text(6);
        o.rule = st.text(7);
        lists[st.integer(0)].push_back(std::move(o));
    }
    std::map<long long, grids::CaseOwners> sets;
    for (auto& [id, list] : lists) sets.emplace(id, grids::CaseOwners(std::move(list)));
    return sets;
}

// A case's two owner sets: its territorial chain and the rules' answers.
using SetPair = std::pair<long long, long long>;

struct SetPairHash {
    std::size_t operator()(const SetPair& p) const noexcept {
        return std::hash<long long>()(p.first) ^ (std::hash<long long>()(p.second) * 1000003ULL);
    }
};

// Owners and photos of the cases read (`sets` in the same order), attached by id. Cases with the
// same pair of sets share one list.
void attach_owners_and_photos(Connection& db, std::vector<grids::LedgerCase>& cases, const std::vector<SetPair>& sets,
                              const std::string& photo_where, const std::string& set_where) {
    const auto stored = load_owner_sets(db, set_where);
    std::unordered_map<SetPair, grids::CaseOwners, SetPairHash> joined;
    auto owners_of = [&](const SetPair& pair) -> const grids::CaseOwners& {
        auto it = joined.find(pair);
        if (it != joined.end()) return it->second;
        std::vector<grids::CaseOwner> list;
        for (long long id : {pair.first, pair.second}) {
            if (auto s = stored.find(id); s != stored.end()) list.insert(list.end(), s->second.begin(), s->second.end());
        }
        return joined.emplace(pair, grids::CaseOwners(std::move(list))).first->second;
    };
    std::unordered_map<long long, grids::LedgerCase*> by_id;
    by_id.reserve(cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        by_id[cases[i].id] = &cases[i];
        cases[i].owners = owners_of(sets[i]);
    }
    Statement photos(db, "SELECT p.case_id, p.stage, p.ref FROM case_photos p " + photo_where + " ORDER BY p.case_id, p.rowid");
    while (photos.step()) {
        auto it = by_id.find(photos.integer(0));
        if (it == by_id.end()) continue;
        it->second->photos.push_back(
            {photos.text_view(1) == "after" ? grids::PhotoStage::After : grids::PhotoStage::Before, photos.text(2)});
    }
}

// The cases `tail` selects (a WHERE on `cases c` and an ORDER BY; `bind` binds its parameters),
// with their owners and photos. `few`: only those cases' photos and owner sets are read (a case,
// the cases near a point); else all of them at once (the whole ledger).
std::vector<grids::LedgerCase> read_cases(Connection& db, const std::string& tail,
                                          const std::function<void(Statement&)>& bind, bool few) {
    Statement st(db, std::string("SELECT ") + kCaseColumns + " FROM cases c " + tail);
    bind(st);
    std::vector<grids::LedgerCase> out;
    std::vector<SetPair> sets;
    while (st.step()) {
        out.push_back(read_case(db, st));
        sets.emplace_back(st.integer(kOwnerSetColumn), st.integer(kAnswerSetColumn));
    }
    if (!few) {
        attach_owners_and_photos(db, out, sets, "", "");
        return out;
    }
    if (out.empty()) return out;
    std::string case_ids, set_ids;
    for (std::size_t i = 0; i < out.size(); ++i) {
        case_ids += (i ? "," : "") + std::to_string(out[i].id);
        set_ids += (i ? "," : "") + std::to_string(sets[i].first) + "," + std::to_string(sets[i].second);
    }
    attach_owners_and_photos(db, out, sets, "WHERE p.case_id IN (" + case_ids + ")", "WHERE m.set_id IN (" + set_ids + ")");
    return out;
}

// One case by a WHERE on `cases c`.
std::optional<grids::LedgerCase> read_one_case(Connection& db, const std::string& where, const std::function<void(Statement&)>& bind) {
    auto found = read_cases(db, "WHERE " + where, bind, true);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

grids::CaseEvent read_event(Connection& db, const Statement& st) {
    grids::CaseEvent e;
    e.id = st.integer(0);
    e.case_id = st.integer(1);
    const std::string key = "case_events " + std::to_string(e.id);
    e.at = stored_instant(db, st, 2, "case_events.at", key);
    e.kind = stored_enum<grids::CaseEventKind>(db, st, 3, "case_events.kind", key, grids::parse_case_event_kind);
    if (!st.is_null(4)) e.from = stored_enum<grids::CaseStatus>(db, st, 4, "case_events.from_status", key, grids::parse_case_status);
    if (!st.is_null(5)) e.to = stored_enum<grids::CaseStatus>(db, st, 5, "case_events.to_status", key, grids::parse_case_status);
    e.actor = st.text(6);
    e.note = st.text(7);
    e.photos = split_photos(st.text_view(8));
    return e;
}
constexpr const char* kEventColumns =
    "id, case_id, at, kind, from_status, to_status, coalesce(actor, ''), coalesce(note, ''), coalesce(photos, '')";

grids::CaseReport read_report(Connection& db, const Statement& st) {
    grids::CaseReport r;
    r.id = st.integer(0);
    r.case_id = st.integer(1);
    r.source_key = st.text(2);
    r.source_id = st.text(3);
    r.source = stored_enum<grids::CaseSource>(db, st, 4, "case_reports.source", r.source_key, grids::parse_case_source);
    r.reported_at = stored_instant(db, st, 5, "case_reports.reported_at", r.source_key);
    r.reporter = st.text(6);
    r.location_text = st.text(7);
    r.description = st.text(8);
    r.category_text = st.text(9);
    r.lon = st.real(10);
    r.lat = st.real(11);
    r.crs = st.text(12);
    r.position = {st.real(13), st.real(14)};
    r.photos = split_refs(st.text_view(15));
    r.source_file = st.text(16);
    r.source_line = st.integer(17);
    return r;
}
constexpr const char* kReportColumns =
    "id, case_id, source_key, coalesce(source_id, ''), source, reported_at, coalesce(reporter, ''), "
    "coalesce(location_text, ''), coalesce(description, ''), coalesce(category_text, ''), lon, lat, crs, x, y, "
    "coalesce(photos, ''), coalesce(source_file, ''), coalesce(source_line, 0)";

// ---- settings as key/value texts

std::string days_text(const std::vector<grids::Date>& days) {
    std::string out;
    for (const auto& d : days) {
        if (!out.empty()) out += ",";
        out += d.to_string();
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------- reads

grids::LedgerSettings Ledger::settings() {
    Connection& db = project_->connection();
    grids::LedgerSettings s;
    s.working_time.zone = project_->info().time_zone;
    Statement st(db, "SELECT key, value FROM ledger_settings");
    while (st.step()) {
        const std::string key = st.text(0);
        const std::string value = st.text(1);
        auto bad = [&] { return StoreError(db.path(), "ledger setting " + key + " is '" + value + "', which respgrid cannot read"); };
        try {
            if (key == "prefix") {
                s.prefix = value;
            } else if (key == "duplicate_distance_m") {
                s.duplicate_distance_m = std::stod(value);
            } else if (key == "duplicate_days") {
                s.duplicate_days = std::stoi(value);
            } else if (key == "escalation_step_s") {
                s.escalation_step = std::chrono::seconds(std::stoll(value));
            } else if (key == "default_deadline_s") {
                s.default_deadline = std::chrono::seconds(std::stoll(value));
            } else if (key == "working_weekdays") {
                if (value.size() != 7) throw bad();
                for (std::size_t i = 0; i < 7; ++i) s.working_time.working_weekdays[i] = value[i] == '1';
            } else if (key == "working_periods") {
                s.working_time.periods.clear();
                for (const auto& piece : split_refs(value)) {
                    const auto dash = piece.find('-');
                    auto a = grids::parse_clock(std::string_view(piece).substr(0, dash));
                    auto b = dash == std::string::npos ? std::nullopt : grids::parse_clock(std::string_view(piece).substr(dash + 1));
                    if (!a || !b) throw bad();
                    s.working_time.periods.push_back({*a, *b});
                }
            } else if (key == "holidays" || key == "extra_working_days") {
                auto& days = key == "holidays" ? s.working_time.holidays : s.working_time.extra_working_days;
                std::size_t start = 0;
                while (start < value.size()) {
                    std::size_t end = value.find(',', start);
                    if (end == std::string::npos) end = value.size();
                    auto d = grids::Date::from_iso(std::string_view(value).substr(start, end - start));
                    if (!d) throw bad();
                    days.push_back(*d);
                    start = end + 1;
                }
            } else if (key == "same_day_cutoff" || key == "same_day_next_due") {
                auto t = grids::parse_clock(value);
                if (!t) throw bad();
                (key == "same_day_cutoff" ? s.same_day.cutoff : s.same_day.next_day_due) = *t;
            }
        } catch (const StoreError&) {
            throw;
        } catch (const std::exception&) {
            throw bad();
        }
    }
    return s;
}

std::vector<grids::LedgerCase> Ledger::cases() {
    return read_cases(project_->connection(), "ORDER BY c.number", [](Statement&) {}, false);
}

std::vector<grids::LedgerCase> Ledger::cases_in(const geo::Envelope& box) {
    return read_cases(
        project_->connection(), "WHERE c.x BETWEEN ? AND ? AND c.y BETWEEN ? AND ? ORDER BY c.number",
        [&box](Statement& st) { st.bind(box.min_x).bind(box.max_x).bind(box.min_y).bind(box.max_y); }, true);
}

std::optional<grids::LedgerCase> Ledger::find(std::string_view number) {
    return read_one_case(project_->connection(), "c.number = ?", [&](Statement& st) { st.bind(std::string(number)); });
}

std::optional<grids::LedgerCase> Ledger::find(long long case_id) {
    return read_one_case(project_->connection(), "c.id = ?", [&](Statement& st) { st.bind(case_id); });
}

std::size_t Ledger::case_count() {
    return static_cast<std::size_t>(project_->connection().query_integer("SELECT count(*) FROM cases").value_or(0));
}

namespace {

// Every row of `sql` (a SELECT of `columns` ending in a WHERE or ORDER BY; `bind` binds its
// parameters), read by `read`.
template <typename Row, typename Read>
std::vector<Row> read_rows(Connection& db, const std::string& sql, const std::function<void(Statement&)>& bind, Read read,
                           std::size_t expected = 0) {
    Statement st(db, sql);
    bind(st);
    std::vector<Row> out;
    out.reserve(expected);
    while (st.step()) out.push_back(read(db, st));
    return out;
}

void bind_nothing(Statement&) {}

}  // namespace

std::vector<grids::CaseEvent> Ledger::events() {
    Connection& db = project_->connection();
    const auto count = static_cast<std::size_t>(db.query_integer("SELECT count(*) FROM case_events").value_or(0));
    return read_rows<grids::CaseEvent>(db, std::string("SELECT ") + kEventColumns + " FROM case_events ORDER BY case_id, at, id",
                                       bind_nothing, read_event, count);
}

std::vector<grids::CaseEvent> Ledger::events_of(long long case_id) {
    return read_rows<grids::CaseEvent>(
        project_->connection(), std::string("SELECT ") + kEventColumns + " FROM case_events WHERE case_id = ? ORDER BY at, id",
        [case_id](Statement& st) { st.bind(case_id); }, read_event);
}

std::vector<grids::CaseReport> Ledger::reports_of(long long case_id) {
    return read_rows<grids::CaseReport>(
        project_->connection(), std::string("SELECT ") + kReportColumns + " FROM case_reports WHERE case_id = ? ORDER BY id",
        [case_id](Statement& st) { st.bind(case_id); }, read_report);
}

std::optional<grids::CaseReport> Ledger::find_report_by_source_id(std::string_view source_id) {
    auto found = read_rows<grids::CaseReport>(
        project_->connection(),
        std::string("SELECT ") + kReportColumns + " FROM case_reports WHERE source_id = ? ORDER BY id DESC LIMIT 1",
        [source_id](Statement& st) { st.bind(std::string(source_id)); }, read_report);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::optional<long long> Ledger::case_with_report(std::string_view source_key) {
    Statement& st = prepared(Slot::HasReport, "SELECT case_id FROM case_reports WHERE source_key = ?");
    st.bind_unowned(source_key);
    std::optional<long long> case_id;
    if (st.step()) case_id = st.integer(0);
    st.reset();
    return case_id;
}

// ---------------------------------------------------------------- writes

void Ledger::store_settings(const grids::LedgerSettings& s) {
    Connection& db = project_->connection();
    Transaction tx(db);
    Statement put(db, "INSERT INTO ledger_settings (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    auto set = [&](const char* key, const std::string& value) {
        put.reset();
        put.bind(std::string(key)).bind(value).run();
    };
    set("prefix", s.prefix);
    set("duplicate_distance_m", std::to_string(s.duplicate_distance_m));
    set("duplicate_days", std::to_string(s.duplicate_days));
    set("escalation_step_s", std::to_string(s.escalation_step.count()));
    set("default_deadline_s", std::to_string(s.default_deadline.count()));
    std::string weekdays;
    for (bool w : s.working_time.working_weekdays) weekdays += w ? '1' : '0';
    set("working_weekdays", weekdays);
    std::vector<std::string> periods;
    for (const auto& p : s.working_time.periods) periods.push_back(grids::clock_text(p.start) + "-" + grids::clock_text(p.end));
    set("working_periods", join_refs(periods));
    set("holidays", days_text(s.working_time.holidays));
    set("extra_working_days", days_text(s.working_time.extra_working_days));
    set("same_day_cutoff", grids::clock_text(s.same_day.cutoff));
    set("same_day_next_due", grids::clock_text(s.same_day.next_day_due));
    tx.commit();
}

int Ledger::next_sequence(std::string_view prefix, grids::Date day) {
    // The day's numbers are "<prefix>-<YYYYMMDD>-NNNN", fixed width: the greatest is the last.
    std::string compact_day = day.to_string();  // YYYY-MM-DD -> YYYYMMDD
    compact_day.erase(std::remove(compact_day.begin(), compact_day.end(), '-'), compact_day.end());
    const std::string first = std::string(prefix) + "-" + compact_day + "-";
    const std::string after = std::string(prefix) + "-" + compact_day + ".";  // '.' sorts right after '-'
    Statement& st = prepared(Slot::NextSequence, "SELECT max(number) FROM cases WHERE number >= ? AND number < ?");
    st.bind_unowned(first).bind_unowned(after);
    st.step();
    const std::string last = st.is_null(0) ? std::string() : st.text(0);
    st.reset();
    if (last.empty()) return 1;
    auto parsed = grids::parse_ledger_number(last);
    if (!parsed.value) throw StoreError(project_->connection().path(), "case number " + last + ": " + parsed.error);
    return parsed.value->sequence + 1;
}

void Ledger::add_case(grids::LedgerCase& c) {
    const grids::UtcOffset zone = project_->info().time_zone;
    if (!grids::parse_ledger_number(c.number).value) {
        throw StoreError(project_->connection().path(), "case number " + c.number + ": " + grids::parse_ledger_number(c.number).error);
    }
    Statement& st = prepared(
        Slot::InsertCase,
        "INSERT INTO cases (number, status, source, found_at, logged_at, location_text, lon, lat, "
        "crs, x, y, generation_id, grid_code, village_code, village_name, township_code, township_name, category_code, "
        "category_name, category_text, description, responsible_id, responsible_name, dispatched_at, deadline, "
        "fixed_at, checked_at, closed_at, escalation_level, escalated_to, report_count, owner_set_id, answer_set_id) "
        "VALUES (?, ?, ?, "
        "?, ?, nullif(?, ''), ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, ''), nullif(?, ''), nullif(?, ''), "
        "nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), "
        "nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, 0))");
    st.bind(c.number).bind(std::string(grids::to_string(c.status))).bind(std::string(grids::to_string(c.source)))
        .bind(time_text(c.found_at, zone)).bind(time_text(c.logged_at, zone)).bind(c.location_text).bind(c.lon)
        .bind(c.lat).bind(c.crs).bind(c.position.x).bind(c.position.y).bind(c.generation_id).bind(c.grid_code)
        .bind(c.village_code).bind(c.village_name).bind(c.township_code).bind(c.township_name).bind(c.category_code)
        .bind(c.category_name).bind(c.category_text).bind(c.description).bind(c.responsible_id)
        .bind(c.responsible_name).bind(time_text(c.dispatched_at, zone)).bind(time_text(c.deadline, zone))
        .bind(time_text(c.fixed_at, zone)).bind(time_text(c.checked_at, zone)).bind(time_text(c.closed_at, zone))
        .bind(c.escalation_level);
    if (c.escalated_to) {
        st.bind(std::string(grids::to_string(*c.escalated_to)));
    } else {
        st.bind_null();
    }
    // The chain and the rules' answers are stored as two sets: a county has a few thousand chains
    // and a few hundred answers, where their combinations run to tens of thousands.
    std::vector<grids::CaseOwner> chain, answers;
    for (const auto& o : c.owners) (o.role == grids::CaseOwnerRole::Department ? answers : chain).push_back(o);
    const long long chain_set = owner_set(grids::CaseOwners(std::move(chain)));
    const long long answer_set = owner_set(grids::CaseOwners(std::move(answers)));
    st.bind(c.report_count).bind(chain_set).bind(answer_set);
    st.run();
    st.reset();
    c.id = project_->connection().last_insert_rowid();
    add_photos(c.id, c.photos);
}

void Ledger::add_photos(long long case_id, const std::vector<grids::CasePhoto>& photos) {
    Statement& photo = prepared(Slot::InsertPhoto, "INSERT OR IGNORE INTO case_photos (case_id, stage, ref) VALUES (?, ?, ?)");
    for (const auto& p : photos) {
        if (p.ref.empty()) continue;
        photo.bind(case_id).bind(std::string(grids::to_string(p.stage))).bind_unowned(p.ref);
        photo.run();
        photo.reset();
    }
}

void Ledger::update_case(const grids::LedgerCase& c) {
    const grids::UtcOffset zone = project_->info().time_zone;
    Statement& st = prepared(Slot::UpdateCase,
                             "UPDATE cases SET status = ?, responsible_id = nullif(?, ''), responsible_name = nullif(?, ''), "
                             "category_code = nullif(?, ''), category_name = nullif(?, ''), dispatched_at = ?, deadline = ?, "
                             "fixed_at = ?, checked_at = ?, closed_at = ?, escalation_level = ?, escalated_to = ?, "
                             "report_count = ? WHERE id = ?");
    st.bind(std::string(grids::to_string(c.status))).bind(c.responsible_id).bind(c.responsible_name).bind(c.category_code)
        .bind(c.category_name).bind(time_text(c.dispatched_at, zone)).bind(time_text(c.deadline, zone))
        .bind(time_text(c.fixed_at, zone)).bind(time_text(c.checked_at, zone)).bind(time_text(c.closed_at, zone))
        .bind(c.escalation_level);
    if (c.escalated_to) {
        st.bind(std::string(grids::to_string(*c.escalated_to)));
    } else {
        st.bind_null();
    }
    st.bind(c.report_count).bind(c.id);
    st.run();
    st.reset();
    if (project_->connection().changes() != 1) {
        throw StoreError(project_->connection().path(), "case " + c.number + " is not on the ledger");
    }
    add_photos(c.id, c.photos);
}

void Ledger::add_report(grids::CaseReport& r) {
    const grids::UtcOffset zone = project_->info().time_zone;
    Statement& st = prepared(Slot::InsertReport,
                             "INSERT INTO case_reports (case_id, source_key, source_id, source, reported_at, reporter, "
                             "location_text, description, category_text, lon, lat, crs, x, y, photos, source_file, "
                             "source_line) VALUES (?, ?, nullif(?, ''), ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''), "
                             "nullif(?, ''), ?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, 0))");
    st.bind(r.case_id).bind_unowned(r.source_key).bind_unowned(r.source_id).bind(std::string(grids::to_string(r.source)))
        .bind(time_text(r.reported_at, zone)).bind_unowned(r.reporter).bind_unowned(r.location_text)
        .bind_unowned(r.description).bind_unowned(r.category_text).bind(r.lon).bind(r.lat).bind_unowned(r.crs)
        .bind(r.position.x).bind(r.position.y).bind(join_refs(r.photos)).bind_unowned(r.source_file)
        .bind(r.source_line);
    st.run();
    st.reset();
    r.id = project_->connection().last_insert_rowid();
}

void Ledger::move_report(long long report_id, long long case_id) {
    Statement& st = prepared(Slot::MoveReport, "UPDATE case_reports SET case_id = ? WHERE id = ?");
    st.bind(case_id).bind(report_id);
    st.run();
    st.reset();
}

long long Ledger::add_event(const grids::CaseEvent& e) {
    const grids::UtcOffset zone = project_->info().time_zone;
    Statement& st = prepared(Slot::InsertEvent,
                             "INSERT INTO case_events (case_id, at, kind, from_status, to_status, actor, note, photos) "
                             "VALUES (?, ?, ?, ?, ?, nullif(?, ''), nullif(?, ''), nullif(?, ''))");
    st.bind(e.case_id).bind(time_text(e.at, zone)).bind(std::string(grids::to_string(e.kind)));
    if (e.from) {
        st.bind(std::string(grids::to_string(*e.from)));
    } else {
        st.bind_null();
    }
    if (e.to) {
        st.bind(std::string(grids::to_string(*e.to)));
    } else {
        st.bind_null();
    }
    st.bind_unowned(e.actor).bind_unowned(e.note).bind(join_photos(e.photos));
    st.run();
    st.reset();
    return project_->connection().last_insert_rowid();
}

namespace {

// A hash of an owner list (FNV-1a over every field, from `basis`): cases of one grid and category
// share their list, found again by it.
std::uint64_t owners_hash(const grids::CaseOwners& owners, std::uint64_t basis = 14695981039346656037ULL) {
    std::uint64_t h = basis;
    auto mix = [&h](std::string_view v) {
        for (unsigned char ch : v) h = (h ^ ch) * 1099511628211ULL;
        h = (h ^ 0x1f) * 1099511628211ULL;
    };
    for (const auto& o : owners) {
        mix(grids::to_string(o.role));
        for (const std::string* v : {&o.owner_id, &o.name, &o.person, &o.phone, &o.unit_code, &o.rule}) mix(*v);
    }
    return h;
}

bool same_owners(const grids::CaseOwners& a, const grids::CaseOwners& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].role != b[i].role || a[i].owner_id != b[i].owner_id || a[i].name != b[i].name ||
            a[i].person != b[i].person || a[i].phone != b[i].phone || a[i].unit_code != b[i].unit_code ||
            a[i].rule != b[i].rule) {
            return false;
        }
    }
    return true;
}

// The stored key of an owner list: 128 bits of two hashes of every field, in hex. Short, so the
// index finds a set in a few pages (the lists run to a kilobyte); two lists of one county sharing
// a key would take about 2^64 of them.
std::string owners_key(const grids::CaseOwners& owners) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string key;
    for (std::uint64_t h : {owners_hash(owners), owners_hash(owners, 0x6a09e667f3bcc908ULL)}) {
        for (int shift = 60; shift >= 0; shift -= 4) key += kHex[(h >> shift) & 0xf];
    }
    return key;
}

}  // namespace

long long Ledger::owner_set(const grids::CaseOwners& owners) {
    if (owners.empty()) return 0;
    const std::uint64_t hash = owners_hash(owners);
    auto& known = owner_sets_[hash];
    for (const auto& [id, members] : known) {
        if (same_owners(members, owners)) return id;
    }
    const std::string key = owners_key(owners);
    Statement& find = prepared(Slot::FindOwnerSet, "SELECT id FROM owner_sets WHERE key = ?");
    find.bind_unowned(key);
    long long id = find.step() ? find.integer(0) : 0;
    find.reset();
    if (id == 0) {
        Statement& add = prepared(Slot::InsertOwnerSet, "INSERT INTO owner_sets (key) VALUES (?)");
        add.bind_unowned(key);
        add.run();
        add.reset();
        id = project_->connection().last_insert_rowid();
        Statement& member = prepared(Slot::InsertOwner,
                                     "INSERT INTO owner_set_members (set_id, ordinal, role, owner_id, name, person, phone, "
                                     "unit_code, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int ordinal = 0;
        for (const auto& o : owners) {
            member.bind(id).bind(++ordinal).bind(std::string(grids::to_string(o.role))).bind_unowned(o.owner_id)
                .bind_unowned(o.name).bind_unowned(o.person).bind_unowned(o.phone).bind_unowned(o.unit_code)
                .bind_unowned(o.rule);
            member.run();
            member.reset();
        }
    }
    known.emplace_back(id, owners);
    return id;
}

Statement& Ledger::prepared(Slot slot, const char* sql) {
    auto& st = statements_[static_cast<std::size_t>(slot)];
    if (!st) st = std::make_unique<Statement>(project_->connection(), sql);
    return *st;
}

}  // namespace respgrid::store
