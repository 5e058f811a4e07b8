#pragma once
// RAII over SQLite + SpatiaLite. Nothing outside store/ opens the database.
//
// Connection owns the sqlite3 handle and the SpatiaLite context, closing the database before
// freeing the context. Statement finalises itself and binds by position. Transaction rolls
// back in its destructor unless commit() ran: a failed import leaves the store as it was.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/error.hpp"

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_blob;

namespace respgrid::store {

// The page cache of a connection, in KiB (PRAGMA cache_size = -kPageCacheKiB): bulk writes (a grid
// generation is ~100 MB) must not spill it mid-transaction.
inline constexpr int kPageCacheKiB = 262144;

// "SpatiaLite 5.0.1, SQLite 3.40.1": the libraries this process runs with (for --version).
std::string library_versions();

// A failure of the project store: SQLite's code and message, the SQL and the database path.
class StoreError : public Error {
public:
    StoreError(std::string database, const std::string& what, int sqlite_code = 0, std::string sql = {});
    [[nodiscard]] const std::string& database() const noexcept { return database_; }
    [[nodiscard]] int sqlite_code() const noexcept { return code_; }
    [[nodiscard]] const std::string& sql() const noexcept { return sql_; }
    // Another connection held the lock past the busy timeout (SQLITE_BUSY or SQLITE_LOCKED):
    // nothing was done, and the same call may succeed later.
    [[nodiscard]] bool busy() const noexcept;

private:
    std::string database_;
    int code_;
    std::string sql_;
};

class Connection;

class Statement {
public:
    Statement(Connection& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;

    // Binding by 1-based position; each call advances the position.
    Statement& bind(std::string_view text);
    Statement& bind(const std::string& text) { return bind(std::string_view(text)); }
    Statement& bind(const char* text) { return bind(std::string_view(text)); }
    Statement& bind(long long value);
    Statement& bind(int value) { return bind(static_cast<long long>(value)); }
    Statement& bind(double value);
    Statement& bind(std::span<const std::uint8_t> blob);
    Statement& bind(const std::vector<std::uint8_t>& blob) { return bind(std::span<const std::uint8_t>(blob)); }
    Statement& bind_null();
    // A blob of `bytes` zeros, filled afterwards in pieces through a BlobWriter: a blob of tens of
    // MB is then never built in memory (binding it whole makes SQLite copy it into its record).
    Statement& bind_zeroblob(std::uint64_t bytes);
    // Binds without copying: the caller keeps `text`/`blob` alive until the statement has run
    // (step/run) and been reset. For bulk inserts, where copying every value costs a malloc.
    Statement& bind_unowned(std::string_view text);
    Statement& bind_unowned(std::span<const std::uint8_t> blob);
    template <typename T>
    Statement& bind(const std::optional<T>& value) {
        return value ? bind(*value) : bind_null();
    }

    // Runs one step: true when a row is available, false when done. Throws StoreError.
    bool step();
    // Runs to completion (for statements that return no rows).
    void run();
    // Resets for another execution with new bindings.
    void reset();

    [[nodiscard]] bool is_null(int column) const;
    [[nodiscard]] std::string text(int column) const;
    // The text without a copy; valid until the next step(), reset() or the end of the statement.
    [[nodiscard]] std::string_view text_view(int column) const;
    [[nodiscard]] long long integer(int column) const;
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] std::vector<std::uint8_t> blob(int column) const;
    // The same without a copy: valid until the next step, reset or destruction.
    [[nodiscard]] std::span<const std::uint8_t> blob_view(int column) const;

private:
    Connection* db_;
    sqlite3_stmt* stmt_ = nullptr;
    int next_ = 1;
    std::string sql_;
};

class Connection {
public:
    enum class Mode { OpenExisting, Create };
    Connection(const std::string& path, Mode mode);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    // The first column of the first row, or nullopt when there is no row or it is NULL.
    std::optional<std::string> query_text(std::string_view sql);
    std::optional<long long> query_integer(std::string_view sql);
    [[nodiscard]] bool table_exists(std::string_view name);

    [[nodiscard]] sqlite3* handle() const { return db_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] std::string last_message() const;
    [[nodiscard]] long long last_insert_rowid() const;
    // Rows the last INSERT, UPDATE or DELETE changed.
    [[nodiscard]] long long changes() const;

private:
    std::string path_;
    sqlite3* db_ = nullptr;
    void* spatialite_cache_ = nullptr;
};

// Writes into a blob already in a row (made with Statement::bind_zeroblob), piece by piece,
// through SQLite's incremental blob I/O; closed with the object. Throws StoreError.
class BlobWriter {
public:
    BlobWriter(Connection& db, const char* table, const char* column, long long rowid);
    ~BlobWriter();
    BlobWriter(const BlobWriter&) = delete;
    BlobWriter& operator=(const BlobWriter&) = delete;

    [[nodiscard]] std::uint64_t size() const;
    // Writes `bytes` at `offset`; the blob's size does not change (writing past it is an error).
    void write(std::span<const std::uint8_t> bytes, std::uint64_t offset);

private:
    Connection& db_;
    sqlite3_blob* blob_ = nullptr;
};

// Begun inside another transaction, a Transaction is a savepoint of it: its commit keeps its
// changes for the outer one to commit, its rollback undoes only its own. So a run that stores
// several things (a roster with its categories and layers) is one transaction around the write
// methods, each of which keeps its own.
class Transaction {
public:
    explicit Transaction(Connection& db);
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& db_;
    bool nested_ = false;
    bool done_ = false;
};

}  // namespace respgrid::store
