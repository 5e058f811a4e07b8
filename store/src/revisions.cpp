// Project revisions (schema 10's trigger-kept counter, the ledger's row ids) and the journal mode
// a service needs.
#include "respgrid/store/project.hpp"

namespace respgrid::store {

long long Project::locating_revision() {
    return db_->query_integer("SELECT value FROM revisions WHERE name = 'locating'").value_or(0);
}

long long Project::ledger_revision() {
    // Reports and events only ever grow (a status change adds an event; a merge adds a report
    // and an event), so the sum of their largest row ids moves with every change; both are
    // read off the end of their B-trees.
    return db_->query_integer("SELECT coalesce((SELECT max(rowid) FROM case_events), 0) + "
                              "coalesce((SELECT max(rowid) FROM case_reports), 0)")
        .value_or(0);
}

void Project::use_write_ahead_log() {
    const auto mode = db_->query_text("PRAGMA journal_mode = WAL");
    if (mode.value_or("") != "wal") {
        throw StoreError(info_.path, "cannot switch to write-ahead logging (journal mode stays " + mode.value_or("?") +
                                         "); is the folder on a network file system?");
    }
}

}  // namespace respgrid::store
