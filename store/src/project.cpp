#include "respgrid/store/project.hpp"

#include <charconv>
#include <filesystem>

#include "respgrid/grids/codes.hpp"
#include "migrations.hpp"
#include "repository_util.hpp"

namespace respgrid::store {

namespace {

constexpr const char* kApplication = "respgrid";
constexpr const char* kTimeZoneKey = "time_zone";

// Geometry columns, created once the working CRS is known (AddGeometryColumn needs the SRID).
struct GeometryColumn {
    const char* table;
    const char* column;
    const char* type;
};
constexpr GeometryColumn kGeometryColumns[] = {
    {"admin_units", "geom", "MULTIPOLYGON"},
    {"grids", "geom", "MULTIPOLYGON"},
    {"responsibilities", "geom", "MULTIPOLYGON"},
    {"issues", "geom", "POINT"},
    {"line_features", "geom", "MULTILINESTRING"},
    {"weight_points", "geom", "POINT"},
    {"dedicated_areas", "geom", "MULTIPOLYGON"},
    {"responsibility_features", "geom", "MULTIPOLYGON"},
    {"responsibility_features", "line", "MULTILINESTRING"},
};

int schema_version_of(Connection& db) {
    return static_cast<int>(db.query_integer("SELECT max(version) FROM schema_version").value_or(0));
}

void apply_migrations(Connection& db, int from_version) {
    for (const auto& m : detail::migrations()) {
        if (m.version <= from_version) continue;
        db.exec(m.sql);
        Statement st(db, "INSERT INTO schema_version (version, applied_at, description) VALUES (?, " +
                             std::string(detail::kNow) + ", ?)");
        st.bind(m.version).bind(m.description).run();
    }
}

void set_meta(Connection& db, const std::string& key, const std::string& value) {
    Statement st(db, "INSERT INTO project_meta (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    st.bind(key).bind(value).run();
}

std::optional<std::string> get_meta(Connection& db, const std::string& key) {
    Statement st(db, "SELECT value FROM project_meta WHERE key = ?");
    st.bind(key);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.text(0);
}

// project_meta is written by respgrid only; a value that does not parse is damage (another tool,
// a hand edit), reported with the key and the value instead of failing deep inside a command.
[[noreturn]] void throw_damaged_meta(Connection& db, const std::string& key, const std::string& value,
                                     const std::string& expected) {
    throw StoreError(db.path(), "damaged project_meta: " + key + " is '" + value + "', not " + expected);
}

std::optional<int> stored_working_epsg(Connection& db) {
    auto text = get_meta(db, "working_epsg");
    if (!text) return std::nullopt;
    int epsg = 0;
    const char* end = text->data() + text->size();
    auto [stop, ec] = std::from_chars(text->data(), end, epsg);
    if (ec != std::errc() || stop != end || epsg <= 0) throw_damaged_meta(db, "working_epsg", *text, "an EPSG code");
    return epsg;
}

// The geometry columns were made with the working CRS's SRID; a working_epsg that differs from
// theirs would put every coordinate in the wrong place.
void check_epsg_matches_geometry(Connection& db, int epsg) {
    Statement st(db, "SELECT srid FROM geometry_columns "
                     "WHERE f_table_name = 'admin_units' AND f_geometry_column = 'geom'");
    if (st.step() && st.integer(0) != epsg) {
        throw_damaged_meta(db, "working_epsg", std::to_string(epsg),
                           "the EPSG code of the stored geometry (" + std::to_string(st.integer(0)) + ")");
    }
}

std::string stored_county_code(Connection& db) {
    auto code = get_meta(db, "county_code");
    if (!code || !grids::is_valid_code(grids::AdminLevel::County, *code)) {
        throw_damaged_meta(db, "county_code", code.value_or(""), "a 6-digit county code");
    }
    return *code;
}

void create_geometry_columns(Connection& db, int epsg) {
    for (int srid : {epsg, 4490}) {
        Statement exists(db, "SELECT 1 FROM spatial_ref_sys WHERE srid = ?");
        exists.bind(srid);
        if (exists.step()) continue;
        Statement insert(db, "SELECT InsertEpsgSrid(?)");
        insert.bind(srid);
        if (!insert.step() || insert.integer(0) != 1) {
            throw StoreError(db.path(), "SpatiaLite does not know EPSG:" + std::to_string(srid));
        }
    }
    for (const auto& gc : kGeometryColumns) {
        Statement present(db, "SELECT 1 FROM geometry_columns WHERE f_table_name = ? AND f_geometry_column = ?");
        present.bind(gc.table).bind(gc.column);
        if (present.step()) continue;
        Statement add(db, "SELECT AddGeometryColumn(?, ?, ?, ?, 'XY')");
        add.bind(gc.table).bind(gc.column).bind(epsg).bind(gc.type);
        if (!add.step() || add.integer(0) != 1) {
            throw StoreError(db.path(), std::string("cannot add geometry column ") + gc.table + "." + gc.column);
        }
        Statement index(db, "SELECT CreateSpatialIndex(?, ?)");
        index.bind(gc.table).bind(gc.column);
        if (!index.step() || index.integer(0) != 1) {
            throw StoreError(db.path(), std::string("cannot index geometry column ") + gc.table + "." + gc.column);
        }
    }
}

// What project_meta says, each value checked: a damaged one is a StoreError naming the key.
ProjectInfo stored_info(Connection& db) {
    ProjectInfo info;
    info.path = db.path();
    info.county_code = stored_county_code(db);
    info.county_name = get_meta(db, "county_name").value_or("");
    info.working_epsg = stored_working_epsg(db);
    if (info.working_epsg) check_epsg_matches_geometry(db, *info.working_epsg);
    info.schema_version = schema_version_of(db);
    info.time_zone = grids::kChinaTime;  // projects made before the zone was stored
    if (auto zone = get_meta(db, kTimeZoneKey)) {
        auto offset = grids::UtcOffset::parse(*zone);
        if (!offset) {
            throw StoreError(info.path, std::string("project_meta key ") + kTimeZoneKey + " is '" + *zone +
                                            "', not a UTC offset such as +08:00");
        }
        info.time_zone = *offset;
    }
    return info;
}

}  // namespace

int supported_schema_version() { return detail::migrations().back().version; }

Project::Project(std::unique_ptr<Connection> db, ProjectInfo info) : db_(std::move(db)), info_(std::move(info)) {}
Project::~Project() = default;
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;

Project Project::create(const std::string& path, const std::string& county_code, const std::string& county_name,
                        std::optional<int> working_epsg, grids::UtcOffset time_zone) {
    if (std::filesystem::exists(path)) {
        throw StoreError(path, "the file already exists; choose a new project path");
    }
    try {
        auto db = std::make_unique<Connection>(path, Connection::Mode::Create);
        {
            Transaction tx(*db);
            db->exec("SELECT InitSpatialMetadata(0, 'NONE')");
            db->exec("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, "
                     "description TEXT NOT NULL)");
            apply_migrations(*db, 0);
            set_meta(*db, "application", kApplication);
            set_meta(*db, "county_code", county_code);
            set_meta(*db, "county_name", county_name);
            set_meta(*db, "created_at", db->query_text(std::string("SELECT ") + detail::kNow).value_or(""));
            set_meta(*db, kTimeZoneKey, time_zone.to_string());
            if (working_epsg) {
                set_meta(*db, "working_epsg", std::to_string(*working_epsg));
                create_geometry_columns(*db, *working_epsg);
            }
            tx.commit();
        }
        Project project(std::move(db), {});
        project.reload_info();
        return project;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(path, ignored);
        throw;
    }
}

Project Project::open(const std::string& path) {
    auto db = std::make_unique<Connection>(path, Connection::Mode::OpenExisting);
    if (!db->table_exists("project_meta") || !db->table_exists("schema_version") ||
        get_meta(*db, "application") != std::optional<std::string>(kApplication)) {
        throw StoreError(path, "not a respgrid project (no respgrid project_meta table)");
    }
    int version = schema_version_of(*db);
    if (version > supported_schema_version()) {
        throw StoreError(path, "the project has schema version " + std::to_string(version) +
                                   ", newer than this respgrid understands (" +
                                   std::to_string(supported_schema_version()) + "); upgrade respgrid");
    }
    // A damaged project_meta is refused before a migration could change the file.
    (void)stored_info(*db);
    if (version < supported_schema_version()) {
        Transaction tx(*db);
        apply_migrations(*db, version);
        if (auto epsg = stored_working_epsg(*db)) create_geometry_columns(*db, *epsg);
        tx.commit();
    }
    Project project(std::move(db), {});
    project.reload_info();
    return project;
}

void Project::reload_info() { info_ = stored_info(*db_); }

geo::Crs Project::working_crs() const { return geo::Crs::from_epsg(srid()); }

void Project::require_writable(const std::string& purpose) {
    std::string reason;  // SQLite's, taken before the probe's rollback replaces it
    try {
        Transaction probe(*db_);
        try {
            // A new row: SQLite skips rewriting a row whose bytes stay the same, and then needs no
            // journal (which a read-only folder refuses).
            db_->exec("INSERT INTO project_meta (key, value) VALUES ('respgrid_write_probe', '')");
        } catch (const StoreError&) {
            reason = db_->last_message();
            throw;
        }
    } catch (const StoreError& e) {
        if (reason.empty()) reason = db_->last_message();
        throw StoreError(info_.path, "the project cannot be written (" + reason + "), and " + purpose +
                                         ": copy it to a folder you may write to, or make it writable",
                         e.sqlite_code());
    }
}

void Project::in_one_transaction(const std::function<void()>& work) {
    Transaction tx(*db_);
    work();
    tx.commit();
}

int Project::srid() const {
    if (!info_.working_epsg) {
        throw StoreError(info_.path, "the project has no working CRS yet; import the county boundary first "
                                     "(or give --crs at init)");
    }
    return *info_.working_epsg;
}

void Project::fix_working_crs(int epsg) {
    if (info_.working_epsg) {
        if (*info_.working_epsg == epsg) return;
        throw StoreError(info_.path, "the project's working CRS is already EPSG:" +
                                         std::to_string(*info_.working_epsg) + ", not EPSG:" + std::to_string(epsg));
    }
    Transaction tx(*db_);
    set_meta(*db_, "working_epsg", std::to_string(epsg));
    create_geometry_columns(*db_, epsg);
    tx.commit();
    reload_info();
}

}  // namespace respgrid::store
