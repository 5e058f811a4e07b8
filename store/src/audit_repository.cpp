// Audit runs: parameters and summary of every `respgrid audit`.
#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

long long Project::record_audit(const std::string& layer, const std::string& params_json, bool passed,
                                const std::string& summary_json) {
    Transaction tx(*db_);
    Statement st(*db_, "INSERT INTO audit_runs (run_at, layer, params, passed, summary) VALUES (" +
                           std::string(detail::kNow) + ", ?, ?, ?, ?)");
    st.bind(layer).bind(params_json).bind(passed ? 1 : 0).bind(summary_json).run();
    long long id = db_->last_insert_rowid();
    tx.commit();
    return id;
}

std::vector<AuditRun> Project::audit_runs() {
    Statement st(*db_, "SELECT id, run_at, layer, passed, summary FROM audit_runs ORDER BY id");
    std::vector<AuditRun> out;
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.text(2), st.integer(3) != 0, st.text(4)});
    return out;
}

void Project::store_audit_defects(long long run, std::span<const std::uint8_t> gpkg) {
    Transaction tx(*db_);
    Statement(*db_, "DELETE FROM audit_defects").run();
    Statement(*db_, "INSERT INTO audit_defects (run_id, gpkg) VALUES (?, ?)").bind(run).bind(gpkg).run();
    tx.commit();
}

std::optional<Project::AuditDefects> Project::latest_audit_defects() {
    Statement st(*db_,
                 "SELECT r.id, r.run_at, r.layer, r.passed, r.summary, d.gpkg FROM audit_defects d "
                 "JOIN audit_runs r ON r.id = d.run_id ORDER BY r.id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    auto blob = st.blob_view(5);
    return AuditDefects{{st.integer(0), st.text(1), st.text(2), st.integer(3) != 0, st.text(4)},
                        std::vector<std::uint8_t>(blob.begin(), blob.end())};
}

}  // namespace respgrid::store
