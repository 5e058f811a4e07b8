// ops::escalate_ledger (ops/ledger.hpp): overdue cases up the owner chain.
#include "import_steps.hpp"
#include "respgrid/grids/deadlines.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/ledger.hpp"

namespace respgrid::ops {

namespace {

std::optional<grids::Role> territorial_role(grids::CaseOwnerRole role) {
    switch (role) {
        case grids::CaseOwnerRole::GridWorker: return grids::Role::GridWorker;
        case grids::CaseOwnerRole::Village: return grids::Role::Village;
        case grids::CaseOwnerRole::Township: return grids::Role::Township;
        case grids::CaseOwnerRole::Leader: return grids::Role::Leader;
        case grids::CaseOwnerRole::Department: return std::nullopt;
    }
    return std::nullopt;
}

grids::CaseOwnerRole case_role(grids::Role role) {
    switch (role) {
        case grids::Role::GridWorker: return grids::CaseOwnerRole::GridWorker;
        case grids::Role::Village: return grids::CaseOwnerRole::Village;
        case grids::Role::Township: return grids::CaseOwnerRole::Township;
        case grids::Role::Leader: return grids::CaseOwnerRole::Leader;
    }
    return grids::CaseOwnerRole::Village;
}

std::string hours(std::int64_t seconds) {
    const std::int64_t tenths = seconds / 360;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " h";
}

}  // namespace

EscalationResult escalate_ledger(const std::string& project_path, std::optional<grids::TimeText> at_text) {
    auto project = detail::open_to_import(project_path);
    const grids::UtcOffset zone = project.info().time_zone;
    const grids::Instant at = at_text ? at_text->instant(zone) : grids::Instant::now();
    store::Ledger ledger(project);
    const grids::LedgerSettings settings = ledger.settings();
    EscalationResult result;
    project.in_one_transaction([&] {
        for (auto& c : ledger.cases()) {
            if (!c.awaiting_fix() || !c.deadline || !grids::is_overdue(*c.deadline, at)) continue;
            ++result.overdue;
            std::vector<grids::Role> present;
            for (const auto& o : c.owners) {
                if (auto r = territorial_role(o.role)) present.push_back(*r);
            }
            const auto up = grids::escalation(present, *c.deadline, at, settings.escalation_step);
            if (!up || up->levels <= c.escalation_level) continue;
            c.escalation_level = up->levels;
            c.escalated_to = case_role(up->to);
            std::string whom;
            for (const auto& o : c.owners) {
                if (o.role == *c.escalated_to) whom = o.person.empty() ? o.name : o.name + " " + o.person;
            }
            ledger.update_case(c);
            // Recorded at the moment it went up, not when this run noticed it.
            ledger.add_event({0, c.id, std::min(up->since, at), grids::CaseEventKind::Escalated, std::nullopt, std::nullopt,
                              "escalation",
                              "督办升级 to " + std::string(grids::label_zh(*c.escalated_to)) + (whom.empty() ? "" : " " + whom) +
                                  ": overdue by " + hours(at.unix_seconds() - c.deadline->unix_seconds()) + " at " +
                                  at.to_text(zone) + " (level " + std::to_string(up->levels) + ")",
                              {}});
            ++result.escalated;
            result.numbers.push_back(c.number);
        }
    });
    return result;
}

}  // namespace respgrid::ops
