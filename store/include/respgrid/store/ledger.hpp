#pragma once
// The ledger's tables in a project (挂账督办, grids/ledger_case.hpp): cases, the reports merged
// into them, their owners and photos, their timeline, and the project's ledger settings.
//
// Reads stand alone. Writes belong to a use case that checks the ledger's rules first
// (ops/ledger.hpp) and runs them in one transaction (Project::in_one_transaction), so a batch
// is stored whole or not at all.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/ledger_settings.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

class Ledger {
public:
    explicit Ledger(Project& project) : project_(&project) {}
    Ledger(const Ledger&) = delete;
    Ledger& operator=(const Ledger&) = delete;

    // --- reads
    // The project's settings; the defaults (LedgerSettings{}) in the project's zone when never set.
    [[nodiscard]] grids::LedgerSettings settings();
    // Every case with its owners and photos, in number order.
    [[nodiscard]] std::vector<grids::LedgerCase> cases();
    // The cases whose point (working CRS) lies in `box`, with owners and photos, in number order:
    // what a report taken in alone may merge with, without reading the whole ledger.
    [[nodiscard]] std::vector<grids::LedgerCase> cases_in(const geo::Envelope& box);
    [[nodiscard]] std::optional<grids::LedgerCase> find(std::string_view number);
    [[nodiscard]] std::optional<grids::LedgerCase> find(long long case_id);
    [[nodiscard]] std::size_t case_count();
    // Every event of every case, by case id, then time, then the order they were stored.
    [[nodiscard]] std::vector<grids::CaseEvent> events();
    [[nodiscard]] std::vector<grids::CaseEvent> events_of(long long case_id);
    // A case's reports, in the order they were stored.
    [[nodiscard]] std::vector<grids::CaseReport> reports_of(long long case_id);
    // The report a file or system gave this id (the latest stored, should two share it).
    [[nodiscard]] std::optional<grids::CaseReport> find_report_by_source_id(std::string_view source_id);
    // The case holding the report with this key, if it is on the ledger (a re-import skips it).
    [[nodiscard]] std::optional<long long> case_with_report(std::string_view source_key);

    // --- writes (inside the caller's transaction)
    void store_settings(const grids::LedgerSettings& settings);
    // The next sequence number of `day` for `prefix` (1 for a new day).
    [[nodiscard]] int next_sequence(std::string_view prefix, grids::Date day);
    // Stores a new case with its owners and photos; sets c.id.
    void add_case(grids::LedgerCase& c);
    // Writes a case's changing fields (status, times, escalation, responsible owner, report
    // count, category) and appends photos not yet stored.
    void update_case(const grids::LedgerCase& c);
    // Stores a report; sets r.id.
    void add_report(grids::CaseReport& r);
    void move_report(long long report_id, long long case_id);
    // Stores an event; returns its id.
    long long add_event(const grids::CaseEvent& e);
    // Adds photos to a case; one already there is not repeated.
    void add_photos(long long case_id, const std::vector<grids::CasePhoto>& photos);

private:
    // The statements a batch runs per row, prepared once per Ledger.
    enum class Slot { HasReport, NextSequence, InsertCase, FindOwnerSet, InsertOwnerSet, InsertOwner, InsertPhoto,
                      UpdateCase, InsertReport, MoveReport, InsertEvent, Count };
    Statement& prepared(Slot slot, const char* sql);
    // The id of the stored set of exactly these owners, stored first when new (0 for none).
    long long owner_set(const grids::CaseOwners& owners);

    Project* project_;
    std::array<std::unique_ptr<Statement>, static_cast<std::size_t>(Slot::Count)> statements_;
    // The owner sets met in this run, by a hash of their members (owners_hash), with their ids.
    std::unordered_map<std::uint64_t, std::vector<std::pair<long long, grids::CaseOwners>>> owner_sets_;
};

}  // namespace respgrid::store
