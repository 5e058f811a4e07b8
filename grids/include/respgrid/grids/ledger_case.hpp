#pragma once
// What the ledger (挂账督办, grids/ledger.hpp) holds: cases (案卷), the reports merged into each
// (问题上报: ten people report the same overflowing bin, one case), the owners a case was
// dispatched to, and every change of a case (时间线). Plain values: the store reads and writes
// them, the report and the dispatch sheets compute from them, the service serialises them.
//
// Counts and rankings count cases; a case's reports are shown beside it (report_count).
// Times are instants (UTC inside); people read them in the project's zone.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/geo/xy.hpp"
#include "respgrid/grids/ledger.hpp"
#include "respgrid/grids/local_time.hpp"

namespace respgrid::grids {

// Where a case came from (来源).
enum class CaseSource { Inspection, Public, Hotline, Supervision, Unannounced };
inline constexpr CaseSource kCaseSources[] = {CaseSource::Inspection, CaseSource::Public, CaseSource::Hotline,
                                              CaseSource::Supervision, CaseSource::Unannounced};
// "inspection", "public", "hotline", "supervision", "unannounced"
std::string_view to_string(CaseSource source);
// "人工巡查", "群众上报", "12345热线", "督查组", "第三方暗访"
std::string_view label_zh(CaseSource source);
// The ASCII name, the Chinese label, or what office sheets write for them (巡查, 群众举报, 12345,
// 热线, 热线转办, 督查, 暗访...), after trimming; nullopt for anything else.
std::optional<CaseSource> parse_case_source(std::string_view text);

// Who a case is dispatched to. The territorial chain of its grid at the time (grid worker,
// village, township, 包联 leader), and the owners the responsibility rules name besides the
// territory for its category (a department, a road section's 路长, a 门前三包 shop).
enum class CaseOwnerRole { GridWorker, Village, Township, Leader, Department };
// "grid_worker", "village", "township", "leader", "department"
std::string_view to_string(CaseOwnerRole role);
// "网格员", "村/社区", "乡镇/街道", "包联领导", "责任部门"
std::string_view label_zh(CaseOwnerRole role);
std::optional<CaseOwnerRole> parse_case_owner_role(std::string_view text);
// A territorial role as a case owner's role, and back (Department is no territorial role).
CaseOwnerRole case_owner_role(Role role);
std::optional<Role> territorial_role(CaseOwnerRole role);

struct CaseOwner {
    CaseOwnerRole role = CaseOwnerRole::Village;
    std::string owner_id;
    std::string name;       // the unit's or the person's name
    std::string person;     // whom to call: a unit's contact, or the person
    std::string phone;
    std::string unit_code;  // the township/village the owner is or belongs to
    std::string rule;       // why: the rule or registration that named the owner
};

// The owners of a case, in order. Cases of one grid and category have the same list (a county has
// a few thousand lists for a hundred thousand cases): it is shared, never copied, and immutable.
class CaseOwners {
public:
    CaseOwners() = default;
    CaseOwners(std::vector<CaseOwner> owners)  // NOLINT(google-explicit-constructor): a list is its owners
        : list_(owners.empty() ? nullptr : std::make_shared<const std::vector<CaseOwner>>(std::move(owners))) {}

    [[nodiscard]] const std::vector<CaseOwner>& list() const { return list_ ? *list_ : empty_list(); }
    [[nodiscard]] auto begin() const { return list().begin(); }
    [[nodiscard]] auto end() const { return list().end(); }
    [[nodiscard]] std::size_t size() const { return list().size(); }
    [[nodiscard]] bool empty() const { return list().empty(); }
    [[nodiscard]] const CaseOwner& front() const { return list().front(); }
    [[nodiscard]] const CaseOwner& operator[](std::size_t i) const { return list()[i]; }

private:
    static const std::vector<CaseOwner>& empty_list() {
        static const std::vector<CaseOwner> none;
        return none;
    }
    std::shared_ptr<const std::vector<CaseOwner>> list_;
};

// A case's evidence (照片): before the fix (处置前, with the report) or after it (处置后, with the
// fix). A reference is a path or a URL as given; respgrid does not copy the photos.
enum class PhotoStage { Before, After };
std::string_view to_string(PhotoStage stage);  // "before", "after"

struct CasePhoto {
    PhotoStage stage = PhotoStage::Before;
    std::string ref;
};

struct LedgerCase {
    long long id = 0;        // the store's row id
    std::string number;      // HY-20260901-0001 (format_ledger_number)
    CaseStatus status = CaseStatus::Logged;
    CaseSource source = CaseSource::Inspection;  // of the first report
    Instant found_at;        // 发现/上报时间 of the first report
    Instant logged_at;       // 立案: the day of the number
    std::string location_text;  // 地点描述
    // As the first report gave it, and in the project's working CRS.
    double lon = 0.0;
    double lat = 0.0;
    std::string crs;
    geo::XY position;
    // Where it is, in the grid generation valid when it was found.
    long long generation_id = 0;
    std::string grid_code;       // "" when the point is in no grid (outside the county)
    std::string village_code;
    std::string village_name;
    std::string township_code;
    std::string township_name;
    std::string category_code;   // the catalogue's code, "" when the text matched none
    std::string category_name;
    std::string category_text;   // as reported
    std::string description;
    // The owner the case is dispatched to (责任单位): the first owner the rules name besides the
    // territory, else the territory's lowest role present (the grid worker, else the village...).
    std::string responsible_id;
    std::string responsible_name;
    CaseOwners owners;
    std::vector<CasePhoto> photos;
    std::optional<Instant> dispatched_at;  // 派遣: the deadline's clock starts
    std::optional<Instant> deadline;       // 整改时限 (grids/deadlines.hpp)
    std::optional<Instant> fixed_at;       // last move to fixed
    std::optional<Instant> checked_at;     // last move to checked
    std::optional<Instant> closed_at;      // last move to closed (销号)
    int escalation_level = 0;              // roles above the holder it went to (0 = none)
    std::optional<CaseOwnerRole> escalated_to;
    int report_count = 1;                  // reports merged into it, the first included

    // Waiting for the fix (立案, 已派遣, 整改中, 重新交办): the deadline's clock runs, it can be late.
    [[nodiscard]] bool awaiting_fix() const {
        return status == CaseStatus::Logged || status == CaseStatus::Dispatched || status == CaseStatus::InProgress ||
               status == CaseStatus::Reopened;
    }
    // Still on the books (挂账): neither closed (销号) nor rejected. New reports nearby join it.
    [[nodiscard]] bool on_books() const { return status != CaseStatus::Closed && status != CaseStatus::Rejected; }
};

// One report (问题上报) on the ledger: every report is kept, merged into a case (并案) or the first
// of its own case.
struct CaseReport {
    long long id = 0;         // the store's row id
    long long case_id = 0;
    std::string source_key;   // what makes a re-import change nothing: "id:<source id>" or "sha256:<hex>"
    std::string source_id;    // the report's own id in its file or system ("" when none)
    CaseSource source = CaseSource::Inspection;
    Instant reported_at;
    std::string reporter;     // 上报人, as given
    std::string location_text;
    std::string description;
    std::string category_text;
    double lon = 0.0;
    double lat = 0.0;
    std::string crs;
    geo::XY position;
    std::vector<std::string> photos;  // before the fix
    std::string source_file;
    long long source_line = 0;
};

// What happened to a case (时间线).
enum class CaseEventKind { Logged, Dispatched, Status, Escalated, Linked, Unlinked, Note };
// "logged", "dispatched", "status", "escalated", "linked", "unlinked", "note"
std::string_view to_string(CaseEventKind kind);
std::optional<CaseEventKind> parse_case_event_kind(std::string_view text);

struct CaseEvent {
    long long id = 0;
    long long case_id = 0;
    Instant at;
    CaseEventKind kind = CaseEventKind::Note;
    std::optional<CaseStatus> from;
    std::optional<CaseStatus> to;
    std::string actor;   // who (a name, "import", "escalation")
    std::string note;
    std::vector<CasePhoto> photos;
};

}  // namespace respgrid::grids
