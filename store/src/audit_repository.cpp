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

}  // namespace respgrid::store
