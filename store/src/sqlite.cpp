#include "respgrid/store/sqlite.hpp"

// sqlite3.h must come first: spatialite.h uses its types without including it.
#include <sqlite3.h>
#include <spatialite.h>

#include <filesystem>

namespace respgrid::store {

std::string library_versions() {
    return std::string("SpatiaLite ") + spatialite_version() + ", SQLite " + sqlite3_libversion();
}

StoreError::StoreError(std::string database, const std::string& what, int sqlite_code, std::string sql)
    : Error("store: " + what + " (database='" + database + "'" +
            (sqlite_code ? ", sqlite_code=" + std::to_string(sqlite_code) : std::string()) +
            (sql.empty() ? std::string() : ", sql='" + sql.substr(0, 200) + "'") + ")"),
      database_(std::move(database)),
      code_(sqlite_code),
      sql_(std::move(sql)) {}

bool StoreError::busy() const noexcept {
    const int primary = code_ & 0xff;  // the primary code of an extended one
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// ---------------------------------------------------------------- Connection

Connection::Connection(const std::string& path, Mode mode) : path_(path) {
    if (mode == Mode::OpenExisting && !std::filesystem::exists(path)) {
        throw StoreError(path, "no such project file");
    }
    // One connection is only ever used by one thread: no need for SQLite's per-call mutexes.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError(path, "cannot open: " + message, rc);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    spatialite_cache_ = spatialite_alloc_connection();
    spatialite_init_ex(db_, spatialite_cache_, 0);
    // Reading the schema fails at once on a file that is not an SQLite database, before any
    // write could happen.
    try {
        exec("PRAGMA foreign_keys = ON");
        exec("PRAGMA cache_size = -" + std::to_string(kPageCacheKiB));
        query_integer("SELECT count(*) FROM sqlite_master");
    } catch (const StoreError& e) {
        sqlite3_close_v2(db_);
        spatialite_cleanup_ex(spatialite_cache_);
        db_ = nullptr;
        spatialite_cache_ = nullptr;
        throw StoreError(path, "not a respgrid project (not an SQLite database)", e.sqlite_code());
    }
}

Connection::~Connection() {
    // The database goes first, then the SpatiaLite context it used.
    if (db_) sqlite3_close_v2(db_);
    if (spatialite_cache_) spatialite_cleanup_ex(spatialite_cache_);
}

std::string Connection::last_message() const { return db_ ? sqlite3_errmsg(db_) : "no database"; }

long long Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

long long Connection::changes() const { return sqlite3_changes(db_); }

void Connection::exec(std::string_view sql) {
    std::string text(sql);
    char* raw_message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &raw_message);
    std::unique_ptr<char, decltype(&sqlite3_free)> message(raw_message, &sqlite3_free);
    if (rc != SQLITE_OK) {
        throw StoreError(path_, message ? message.get() : sqlite3_errstr(rc), rc, text);
    }
}

std::optional<std::string> Connection::query_text(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.text(0);
}

std::optional<long long> Connection::query_integer(std::string_view sql) {
    Statement st(*this, sql);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.integer(0);
}

bool Connection::table_exists(std::string_view name) {
    Statement st(*this, "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    st.bind(name);
    return st.step();
}

// ---------------------------------------------------------------- Statement

Statement::Statement(Connection& db, std::string_view sql) : db_(&db), sql_(sql) {
    int rc = sqlite3_prepare_v2(db.handle(), sql_.data(), static_cast<int>(sql_.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) throw StoreError(db.path(), db.last_message(), rc, sql_);
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), next_(other.next_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

namespace {
void check_bind(int rc, Connection& db, const std::string& sql) {
    if (rc != SQLITE_OK) throw StoreError(db.path(), "bind failed: " + db.last_message(), rc, sql);
}
}  // namespace

Statement& Statement::bind(std::string_view text) {
    check_bind(sqlite3_bind_text(stmt_, next_++, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT), *db_,
               sql_);
    return *this;
}

Statement& Statement::bind(long long value) {
    check_bind(sqlite3_bind_int64(stmt_, next_++, value), *db_, sql_);
    return *this;
}

Statement& Statement::bind(double value) {
    check_bind(sqlite3_bind_double(stmt_, next_++, value), *db_, sql_);
    return *this;
}

Statement& Statement::bind(std::span<const std::uint8_t> blob) {
    check_bind(sqlite3_bind_blob(stmt_, next_++, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT), *db_,
               sql_);
    return *this;
}

Statement& Statement::bind_unowned(std::string_view text) {
    check_bind(sqlite3_bind_text(stmt_, next_++, text.data(), static_cast<int>(text.size()), SQLITE_STATIC), *db_,
               sql_);
    return *this;
}

Statement& Statement::bind_unowned(std::span<const std::uint8_t> blob) {
    check_bind(sqlite3_bind_blob(stmt_, next_++, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC), *db_,
               sql_);
    return *this;
}

Statement& Statement::bind_zeroblob(std::uint64_t bytes) {
    check_bind(sqlite3_bind_zeroblob64(stmt_, next_++, bytes), *db_, sql_);
    return *this;
}

Statement& Statement::bind_null() {
    check_bind(sqlite3_bind_null(stmt_, next_++), *db_, sql_);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(db_->path(), db_->last_message(), rc, sql_);
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    next_ = 1;
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::string_view Statement::text_view(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string_view();
}

long long Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::vector<std::uint8_t> Statement::blob(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

std::span<const std::uint8_t> Statement::blob_view(int column) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
    int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::span<const std::uint8_t>(p, static_cast<std::size_t>(n)) : std::span<const std::uint8_t>();
}

// ---------------------------------------------------------------- BlobWriter

BlobWriter::BlobWriter(Connection& db, const char* table, const char* column, long long rowid) : db_(db) {
    int rc = sqlite3_blob_open(db.handle(), "main", table, column, rowid, 1, &blob_);
    if (rc != SQLITE_OK) {
        std::string message = db.last_message();
        sqlite3_blob_close(blob_);  // SQLite may hand back a handle even on failure; null is a no-op
        throw StoreError(db.path(), "cannot open the blob " + std::string(table) + "." + column + " of row " +
                                        std::to_string(rowid) + ": " + message, rc);
    }
}

BlobWriter::~BlobWriter() { sqlite3_blob_close(blob_); }

std::uint64_t BlobWriter::size() const { return static_cast<std::uint64_t>(sqlite3_blob_bytes(blob_)); }

void BlobWriter::write(std::span<const std::uint8_t> bytes, std::uint64_t offset) {
    if (offset > size() || bytes.size() > size() - offset) {
        throw StoreError(db_.path(), "a blob write past the blob's end (offset=" + std::to_string(offset) + " bytes=" +
                                         std::to_string(bytes.size()) + " size=" + std::to_string(size()) + ")");
    }
    int rc = sqlite3_blob_write(blob_, bytes.data(), static_cast<int>(bytes.size()), static_cast<int>(offset));
    if (rc != SQLITE_OK) throw StoreError(db_.path(), "cannot write the blob: " + db_.last_message(), rc);
}

// ---------------------------------------------------------------- Transaction

// SQLite matches a RELEASE or ROLLBACK TO with the innermost savepoint of that name, so one name
// serves every level.
Transaction::Transaction(Connection& db) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
    db_.exec(nested_ ? "SAVEPOINT respgrid_nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec(nested_ ? "ROLLBACK TO respgrid_nested; RELEASE respgrid_nested" : "ROLLBACK");
        } catch (...) {
            // Nothing sensible to do in a destructor; SQLite rolls back on close anyway.
        }
    }
}

void Transaction::commit() {
    // SQLite rolls a whole transaction back by itself on some errors (a full disk, I/O): what
    // was written after that went in alone. Say so instead of committing a part of the work.
    if (sqlite3_get_autocommit(db_.handle()) != 0) {
        done_ = true;
        throw StoreError(db_.path(), "store: SQLite rolled the transaction back before its end (" +
                                         db_.last_message() + "); what came after was not stored as one piece");
    }
    db_.exec(nested_ ? "RELEASE respgrid_nested" : "COMMIT");
    done_ = true;
}

}  // namespace respgrid::store
