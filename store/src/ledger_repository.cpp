// The ledger's tables (store/ledger.hpp): cases with their owners and photos, reports, events and
// the ledger settings.
#include "respgrid/store/ledger.hpp"

#include <map>
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
    "c.deadline, c.fixed_at, c.checked_at, c.closed_at, c.escalation_level, c.escalated_to, c.report_count";

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

// Owners and photos of the cases read, attached by id (one pass over each table).
void attach_owners_and_photos(Connection& db, std::vector<grids::LedgerCase>& cases, const std::string& where) {
    std::map<long long, grids::LedgerCase*> by_id;
    for (auto& c : cases) by_id[c.id] = &c;
    Statement owners(db, "SELECT o.case_id, o.role, o.owner_id, coalesce(o.name, ''), coalesce(o.person, ''), "
                         "coalesce(o.phone, ''), coalesce(o.unit_code, ''), coalesce(o.rule, '') FROM case_owners o " +
                             where + " ORDER BY o.case_id, o.ordinal");
    while (owners.step()) {
        auto it = by_id.find(owners.integer(0));
        if (it == by_id.end()) continue;
        grids::CaseOwner o;
        o.role = stored_enum<grids::CaseOwnerRole>(db, owners, 1, "case_owners.role", it->second->number,
                                                   grids::parse_case_owner_role);
        o.owner_id = owners.text(2);
        o.name = owners.text(3);
        o.person = owners.text(4);
        o.phone = owners.text(5);
        o.unit_code = owners.text(6);
        o.rule = owners.text(7);
        it->second->owners.push_back(std::move(o));
    }
    Statement photos(db, "SELECT p.case_id, p.stage, p.ref FROM case_photos p " + where + " ORDER BY p.case_id, p.rowid");
    while (photos.step()) {
        auto it = by_id.find(photos.integer(0));
        if (it == by_id.end()) continue;
        it->second->photos.push_back(
            {photos.text_view(1) == "after" ? grids::PhotoStage::After : grids::PhotoStage::Before, photos.text(2)});
    }
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

std::string clock_text(int seconds_of_day) {
    const int hours = seconds_of_day / 3600;
    const int minutes = (seconds_of_day / 60) % 60;
    return std::string{static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
                       static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}
std::optional<int> parse_clock(std::string_view text) {
    const std::size_t colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    int h = 0, m = 0;
    for (char ch : text.substr(0, colon)) {
        if (ch < '0' || ch > '9') return std::nullopt;
        h = h * 10 + (ch - '0');
    }
    for (char ch : text.substr(colon + 1)) {
        if (ch < '0' || ch > '9') return std::nullopt;
        m = m * 10 + (ch - '0');
    }
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return grids::time_of_day(h, m);
}

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
                    auto a = parse_clock(std::string_view(piece).substr(0, dash));
                    auto b = dash == std::string::npos ? std::nullopt : parse_clock(std::string_view(piece).substr(dash + 1));
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
                auto t = parse_clock(value);
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
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kCaseColumns + " FROM cases c ORDER BY c.number");
    std::vector<grids::LedgerCase> out;
    while (st.step()) out.push_back(read_case(db, st));
    attach_owners_and_photos(db, out, "");
    return out;
}

std::optional<grids::LedgerCase> Ledger::find(std::string_view number) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kCaseColumns + " FROM cases c WHERE c.number = ?");
    st.bind(std::string(number));
    if (!st.step()) return std::nullopt;
    std::vector<grids::LedgerCase> out{read_case(db, st)};
    attach_owners_and_photos(db, out, "WHERE case_id = " + std::to_string(out.front().id));
    return std::move(out.front());
}

std::optional<grids::LedgerCase> Ledger::find(long long case_id) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kCaseColumns + " FROM cases c WHERE c.id = ?");
    st.bind(case_id);
    if (!st.step()) return std::nullopt;
    std::vector<grids::LedgerCase> out{read_case(db, st)};
    attach_owners_and_photos(db, out, "WHERE case_id = " + std::to_string(case_id));
    return std::move(out.front());
}

std::size_t Ledger::case_count() {
    return static_cast<std::size_t>(project_->connection().query_integer("SELECT count(*) FROM cases").value_or(0));
}

std::vector<grids::CaseEvent> Ledger::events() {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kEventColumns + " FROM case_events ORDER BY case_id, at, id");
    std::vector<grids::CaseEvent> out;
    while (st.step()) out.push_back(read_event(db, st));
    return out;
}

std::vector<grids::CaseEvent> Ledger::events_of(long long case_id) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kEventColumns + " FROM case_events WHERE case_id = ? ORDER BY at, id");
    st.bind(case_id);
    std::vector<grids::CaseEvent> out;
    while (st.step()) out.push_back(read_event(db, st));
    return out;
}

std::vector<grids::CaseReport> Ledger::reports() {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kReportColumns + " FROM case_reports ORDER BY id");
    std::vector<grids::CaseReport> out;
    while (st.step()) out.push_back(read_report(db, st));
    return out;
}

std::vector<grids::CaseReport> Ledger::reports_of(long long case_id) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kReportColumns + " FROM case_reports WHERE case_id = ? ORDER BY id");
    st.bind(case_id);
    std::vector<grids::CaseReport> out;
    while (st.step()) out.push_back(read_report(db, st));
    return out;
}

std::optional<grids::CaseReport> Ledger::find_report(long long report_id) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kReportColumns + " FROM case_reports WHERE id = ?");
    st.bind(report_id);
    if (!st.step()) return std::nullopt;
    return read_report(db, st);
}

std::optional<grids::CaseReport> Ledger::find_report_by_source_id(std::string_view source_id) {
    Connection& db = project_->connection();
    Statement st(db, std::string("SELECT ") + kReportColumns + " FROM case_reports WHERE source_id = ? ORDER BY id DESC LIMIT 1");
    st.bind(std::string(source_id));
    if (!st.step()) return std::nullopt;
    return read_report(db, st);
}

bool Ledger::has_report(std::string_view source_key) {
    Statement& st = prepared(Slot::HasReport, "SELECT 1 FROM case_reports WHERE source_key = ?");
    st.bind_unowned(source_key);
    const bool found = st.step();
    st.reset();
    return found;
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
    for (const auto& p : s.working_time.periods) periods.push_back(clock_text(p.start) + "-" + clock_text(p.end));
    set("working_periods", join_refs(periods));
    set("holidays", days_text(s.working_time.holidays));
    set("extra_working_days", days_text(s.working_time.extra_working_days));
    set("same_day_cutoff", clock_text(s.same_day.cutoff));
    set("same_day_next_due", clock_text(s.same_day.next_day_due));
    tx.commit();
}

int Ledger::next_sequence(std::string_view prefix, grids::Date day) {
    Statement& st = prepared(Slot::NextSequence, "SELECT coalesce(max(sequence), 0) + 1 FROM cases WHERE prefix = ? AND day = ?");
    const std::string day_text = day.to_string();
    st.bind_unowned(prefix).bind_unowned(day_text);
    st.step();
    const int next = static_cast<int>(st.integer(0));
    st.reset();
    return next;
}

void Ledger::add_case(grids::LedgerCase& c) {
    const grids::UtcOffset zone = project_->info().time_zone;
    auto parsed = grids::parse_ledger_number(c.number);
    if (!parsed.value) throw StoreError(project_->connection().path(), "case number " + c.number + ": " + parsed.error);
    Statement& st = prepared(
        Slot::InsertCase,
        "INSERT INTO cases (number, prefix, day, sequence, status, source, found_at, logged_at, location_text, lon, lat, "
        "crs, x, y, generation_id, grid_code, village_code, village_name, township_code, township_name, category_code, "
        "category_name, category_text, description, responsible_id, responsible_name, dispatched_at, deadline, "
        "fixed_at, checked_at, closed_at, escalation_level, escalated_to, report_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "nullif(?, ''), ?, ?, ?, ?, ?, nullif(?, 0), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), "
        "nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), nullif(?, ''), ?, ?, "
        "?, ?, ?, ?, ?, ?)");
    st.bind(c.number).bind(parsed.value->prefix).bind(parsed.value->day.to_string()).bind(parsed.value->sequence)
        .bind(std::string(grids::to_string(c.status))).bind(std::string(grids::to_string(c.source)))
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
    st.bind(c.report_count);
    st.run();
    st.reset();
    c.id = project_->connection().last_insert_rowid();
    Statement& owner = prepared(Slot::InsertOwner,
                                "INSERT INTO case_owners (case_id, ordinal, role, owner_id, name, person, phone, unit_code, "
                                "rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int ordinal = 0;
    for (const auto& o : c.owners) {
        owner.bind(c.id).bind(++ordinal).bind(std::string(grids::to_string(o.role))).bind_unowned(o.owner_id)
            .bind_unowned(o.name).bind_unowned(o.person).bind_unowned(o.phone).bind_unowned(o.unit_code)
            .bind_unowned(o.rule);
        owner.run();
        owner.reset();
    }
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

Statement& Ledger::prepared(Slot slot, const char* sql) {
    auto& st = statements_[static_cast<std::size_t>(slot)];
    if (!st) st = std::make_unique<Statement>(project_->connection(), sql);
    return *st;
}

}  // namespace respgrid::store
