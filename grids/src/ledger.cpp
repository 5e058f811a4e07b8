#include "respgrid/grids/ledger.hpp"

#include <algorithm>
#include <cstdio>

#include "respgrid/geo/enum_names.hpp"
#include "respgrid/grids/deadlines.hpp"

namespace respgrid::grids {

namespace {

constexpr geo::EnumNames<CaseStatus, 8> kCaseStatusNames{{{{CaseStatus::Logged, "logged"},
                                                           {CaseStatus::Dispatched, "dispatched"},
                                                           {CaseStatus::InProgress, "in_progress"},
                                                           {CaseStatus::Fixed, "fixed"},
                                                           {CaseStatus::Checked, "checked"},
                                                           {CaseStatus::Closed, "closed"},
                                                           {CaseStatus::Rejected, "rejected"},
                                                           {CaseStatus::Reopened, "reopened"}}}};
constexpr geo::EnumNames<CaseStatus, 8> kCaseStatusLabelsZh{{{{CaseStatus::Logged, "立案"},
                                                              {CaseStatus::Dispatched, "已派遣"},
                                                              {CaseStatus::InProgress, "整改中"},
                                                              {CaseStatus::Fixed, "已整改"},
                                                              {CaseStatus::Checked, "已核查"},
                                                              {CaseStatus::Closed, "已销号"},
                                                              {CaseStatus::Rejected, "退回"},
                                                              {CaseStatus::Reopened, "重新交办"}}}};

using S = CaseStatus;
constexpr CaseTransition kTransitions[] = {
    {S::Logged, S::Dispatched},
    {S::Logged, S::Rejected},  // not a case: no problem found, a duplicate, outside the county
    {S::Dispatched, S::InProgress},
    {S::Dispatched, S::Fixed},  // fixed on the spot, as grid workers often do
    {S::Dispatched, S::Rejected},  // the unit sends it back
    {S::InProgress, S::Fixed},
    {S::Fixed, S::Checked},
    {S::Fixed, S::InProgress},  // the check failed: rectify again
    {S::Checked, S::Closed},
    {S::Closed, S::Reopened},  // 回头看 found it not fixed
    {S::Reopened, S::Dispatched},
};

constexpr std::size_t kMaxPrefix = 10;
constexpr int kMaxSequence = 9999;

bool is_prefix_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::optional<std::string> prefix_problem(std::string_view prefix) {
    if (prefix.empty() || prefix.size() > kMaxPrefix) return "the prefix must have 1-10 characters";
    if (!std::all_of(prefix.begin(), prefix.end(), is_prefix_char)) {
        return "the prefix must be ASCII capitals and digits";
    }
    return std::nullopt;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
    int v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string_view to_string(CaseStatus status) { return kCaseStatusNames.name(status); }
std::string_view label_zh(CaseStatus status) { return kCaseStatusLabelsZh.name(status); }
std::optional<CaseStatus> parse_case_status(std::string_view text) { return kCaseStatusNames.parse(text); }

std::optional<CaseStatus> parse_case_status_text(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (auto s = kCaseStatusNames.parse(text)) return s;
    return kCaseStatusLabelsZh.parse(text);
}

std::span<const CaseTransition> case_transitions() { return kTransitions; }

std::vector<CaseStatus> allowed_targets(CaseStatus from) {
    std::vector<CaseStatus> targets;
    for (const CaseTransition& t : kTransitions) {
        if (t.from == from) targets.push_back(t.to);
    }
    return targets;
}

std::optional<TransitionRefusal> check_transition(CaseStatus from, CaseStatus to) {
    const std::vector<CaseStatus> targets = allowed_targets(from);
    if (std::find(targets.begin(), targets.end(), to) != targets.end()) return std::nullopt;
    std::string message = std::string(to_string(from)) + " → " + std::string(to_string(to)) +
                          " is not allowed; from " + std::string(to_string(from)) + ": ";
    if (targets.empty()) message += "none (final)";
    for (std::size_t i = 0; i < targets.size(); ++i) {
        if (i > 0) message += ", ";
        message += std::string(to_string(targets[i])) + " (" + std::string(label_zh(targets[i])) + ")";
    }
    return TransitionRefusal{from, to, std::move(message)};
}

LedgerNumber ledger_number(std::string prefix, Instant logged_at, UtcOffset zone, int sequence) {
    return LedgerNumber{std::move(prefix), logged_at.date_in(zone), sequence};
}

std::string format_ledger_number(const LedgerNumber& number) {
    if (auto problem = prefix_problem(number.prefix)) {
        throw LedgerError("grids: " + *problem + " (prefix='" + number.prefix + "')");
    }
    if (number.sequence < 1 || number.sequence > kMaxSequence) {
        throw LedgerError("grids: a ledger sequence runs from 1 to 9999 a day (sequence=" +
                          std::to_string(number.sequence) + ", day=" + number.day.to_string() + ")");
    }
    std::string day = number.day.to_string();  // YYYY-MM-DD
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    char sequence[8];
    std::snprintf(sequence, sizeof sequence, "%04d", number.sequence);
    return number.prefix + "-" + day + "-" + sequence;
}

LedgerNumberParse parse_ledger_number(std::string_view text) {
    auto refuse = [](std::string why) { return LedgerNumberParse{std::nullopt, std::move(why)}; };
    const auto first = text.find('-');
    const auto last = text.rfind('-');
    if (first == std::string_view::npos || first == last) return refuse("expected PREFIX-YYYYMMDD-NNNN");
    const std::string_view prefix = text.substr(0, first);
    const std::string_view day = text.substr(first + 1, last - first - 1);
    const std::string_view sequence = text.substr(last + 1);
    if (auto problem = prefix_problem(prefix)) return refuse(*problem);
    if (day.size() != 8 || !all_digits(day)) return refuse("the day must be 8 digits YYYYMMDD");
    const auto date = Date::from_ymd(to_int(day.substr(0, 4)), to_int(day.substr(4, 2)), to_int(day.substr(6, 2)));
    if (!date) return refuse("no such day: " + std::string(day));
    if (sequence.size() != 4 || !all_digits(sequence)) return refuse("the sequence must be 4 digits");
    const int n = to_int(sequence);
    if (n < 1) return refuse("the sequence starts at 0001");
    return LedgerNumberParse{LedgerNumber{std::string(prefix), *date, n}, ""};
}

std::optional<Escalation> escalation(std::span<const Role> present, Instant deadline, Instant now,
                                     std::chrono::seconds step) {
    if (step.count() <= 0) {
        throw LedgerError("grids: the escalation step must be positive (seconds=" + std::to_string(step.count()) + ")");
    }
    std::vector<Role> chain;  // the roles that exist, lowest first
    for (Role role : kTerritorialRoles) {
        if (std::find(present.begin(), present.end(), role) != present.end()) chain.push_back(role);
    }
    if (chain.size() < 2 || !is_overdue(deadline, now)) return std::nullopt;
    const std::int64_t first_late = deadline.unix_seconds() + 1;
    const std::int64_t whole_steps_late = (now.unix_seconds() - first_late) / step.count();
    const auto top = static_cast<std::int64_t>(chain.size()) - 1;
    const std::int64_t levels = std::min(whole_steps_late, top);
    if (levels == 0) return std::nullopt;
    return Escalation{chain[static_cast<std::size_t>(levels)],
                      Instant::from_unix_seconds(first_late + levels * step.count()), static_cast<int>(levels)};
}

}  // namespace respgrid::grids
