#pragma once
// The ledger's rules that more than one use case applies: the owners a case is dispatched to,
// its deadline, its ledger number, and which case a new report joins (并案). Import, unlink,
// reopening and the service's intake all come here, so a case is dispatched the same way
// whichever door it came in by.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/ledger_case.hpp"
#include "respgrid/grids/ledger_settings.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/store/ledger.hpp"

namespace respgrid::ops::detail {

// The territorial chain of the case's grid, then whom the rules name besides the territory for its
// category (responsibility layers, the category's department), in order of precedence.
std::vector<grids::CaseOwner> case_owners(const grids::ResolvedChain& chain, const grids::Resolution* resolution);

// Whom a case is dispatched to (LedgerCase::responsible_id): the first owner besides the
// territory, else the lowest territorial role present; nullptr when the case has no owner.
const grids::CaseOwner* responsible_owner(const grids::CaseOwners& owners);

// The deadline of a case of `category` (null: none or unrecognised) dispatched at `dispatched`.
grids::Instant case_deadline(const grids::IssueCategory* category, grids::Instant dispatched,
                             const grids::LedgerSettings& settings);

// Sets the case's owners, responsible owner, category name and deadline as dispatched at `at`.
void dispatch(grids::LedgerCase& c, grids::CaseOwners owners, const grids::IssueCategory* category,
              grids::Instant at, const grids::LedgerSettings& settings);

// The next ledger number of the day `logged_at` falls on; numbers taken in this run are
// remembered, as the store sees only what was stored.
class LedgerNumbers {
public:
    LedgerNumbers(store::Ledger& ledger, const grids::LedgerSettings& settings, grids::UtcOffset zone)
        : ledger_(ledger), prefix_(settings.prefix), zone_(zone) {}
    std::string next(grids::Instant logged_at);

private:
    store::Ledger& ledger_;
    std::string prefix_;
    grids::UtcOffset zone_;
    std::unordered_map<int, int> next_of_day_;  // by days since the epoch
};

// The cases a new report may join: of the same category (its catalogue code, else its text's key),
// within the duplicate distance, on the books or closed within duplicate_days of the report.
class DuplicateFinder {
public:
    explicit DuplicateFinder(const grids::LedgerSettings& settings);
    // A case to consider; `c` must outlive the finder (its status and closing time are read when
    // asked, so a case closed later in the run is seen closed).
    void add(grids::LedgerCase& c);
    struct Match {
        grids::LedgerCase* c = nullptr;
        double distance_m = 0.0;
    };
    // The nearest case the report joins, if any.
    [[nodiscard]] std::optional<Match> find(geo::XY position, const std::string& category_key_text,
                                            grids::Instant reported_at) const;
    // The key cases are compared by.
    static std::string category_of(const grids::LedgerCase& c);
    static std::string category_of(const std::string& code, const std::string& text);

private:
    [[nodiscard]] long long cell_key(long long ix, long long iy) const { return ix * 1000003LL + iy; }
    double distance_m_;
    std::chrono::seconds closed_window_;
    std::unordered_map<long long, std::vector<grids::LedgerCase*>> cells_;
};

// Whether a case closed at `closed_at` still takes reports made at `t`.
bool closed_recently(const grids::LedgerCase& c, grids::Instant t, std::chrono::seconds window);

}  // namespace respgrid::ops::detail
