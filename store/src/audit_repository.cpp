// Audit runs: parameters, verdict, grid generation and summary of every `respgrid audit`.
#include <algorithm>
#include <string>
#include <vector>

#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

namespace {

// The columns of an AuditRun, in its order, for every query that reads runs.
constexpr const char* kRunColumns = "r.id, r.run_at, r.layer, r.passed, r.generation_id, r.summary";

AuditRun run_at_row(Statement& st) {
    return {st.integer(0), st.text(1), st.text(2), st.integer(3) != 0,
            st.is_null(4) ? std::nullopt : std::optional<long long>(st.integer(4)), st.text(5)};
}

}  // namespace

long long Project::record_audit(const AuditRecord& record) {
    Transaction tx(*db_);
    Statement st(*db_, "INSERT INTO audit_runs (run_at, layer, params, passed, generation_id, summary) VALUES (" +
                           std::string(detail::kNow) + ", ?, ?, ?, ?, ?)");
    st.bind(record.layer).bind(record.params_json).bind(record.passed ? 1 : 0).bind(record.generation);
    st.bind(record.summary_json).run();
    long long id = db_->last_insert_rowid();
    tx.commit();
    return id;
}

std::vector<AuditRun> Project::audit_runs() {
    Statement st(*db_, std::string("SELECT ") + kRunColumns + " FROM audit_runs r ORDER BY r.id");
    std::vector<AuditRun> out;
    while (st.step()) out.push_back(run_at_row(st));
    return out;
}

void Project::store_audit_defects(long long run, std::span<const std::uint8_t> gpkg) {
    std::size_t at = 0;
    store_audit_defects(run, gpkg.size(), [&](std::span<std::uint8_t> buffer) {
        const std::size_t n = std::min(buffer.size(), gpkg.size() - at);
        std::copy_n(gpkg.begin() + static_cast<std::ptrdiff_t>(at), n, buffer.begin());
        at += n;
        return n;
    });
}

void Project::store_audit_defects(long long run, std::uint64_t size, const ChunkReader& read) {
    // A small page cache (spilled to the file as it fills), a row made with a blob of zeros and
    // filled piece by piece: a city's defect layers are tens of MB, which the default cache would
    // hold until commit, and which binding them whole would copy into SQLite's record.
    detail::ScanCache small_cache(*db_);
    Transaction tx(*db_);
    Statement(*db_, "DELETE FROM audit_defects").run();
    Statement(*db_, "INSERT INTO audit_defects (run_id, gpkg) VALUES (?, ?)").bind(run).bind_zeroblob(size).run();
    {  // an open blob is a statement in progress: closed before the commit
        BlobWriter blob(*db_, "audit_defects", "gpkg", run);  // run_id is the rowid
        std::vector<std::uint8_t> buffer(std::size_t{1} << 20);
        std::uint64_t written = 0;
        for (;;) {
            const std::size_t n = read(buffer);
            if (n == 0) break;
            if (n > buffer.size() || n > size - written) {
                throw StoreError(db_->path(), "store: the audit's defect layers are longer than announced (size=" +
                                                  std::to_string(size) + ")");
            }
            blob.write(std::span<const std::uint8_t>(buffer).first(n), written);
            written += n;
        }
        if (written != size) {
            throw StoreError(db_->path(), "store: the audit's defect layers ended after " + std::to_string(written) +
                                              " of " + std::to_string(size) + " bytes");
        }
    }
    tx.commit();
}

std::optional<Project::AuditDefects> Project::latest_audit_defects() {
    Statement st(*db_, std::string("SELECT ") + kRunColumns +
                           ", d.gpkg FROM audit_defects d JOIN audit_runs r ON r.id = d.run_id ORDER BY r.id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    auto blob = st.blob_view(6);
    return AuditDefects{run_at_row(st), std::vector<std::uint8_t>(blob.begin(), blob.end())};
}

}  // namespace respgrid::store
