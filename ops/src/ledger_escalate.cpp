// ops::escalate_ledger (ops/ledger.hpp): overdue cases up the owner chain.
#include "import_steps.hpp"
#include "respgrid/geo/number_text.hpp"
#include "respgrid/grids/deadlines.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/ledger.hpp"

namespace respgrid::ops {

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
                if (auto r = grids::territorial_role(o.role)) present.push_back(*r);
            }
            const auto up = grids::escalation(present, *c.deadline, at, settings.escalation_step);
            if (!up || up->levels <= c.escalation_level) continue;
            c.escalation_level = up->levels;
            c.escalated_to = grids::case_owner_role(up->to);
            std::string whom;
            for (const auto& o : c.owners) {
                if (o.role == *c.escalated_to) whom = o.person.empty() ? o.name : o.name + " " + o.person;
            }
            ledger.update_case(c);
            // Recorded at the moment it went up, not when this run noticed it.
            ledger.add_event({0, c.id, std::min(up->since, at), grids::CaseEventKind::Escalated, std::nullopt, std::nullopt,
                              "escalation",
                              "督办升级 to " + std::string(grids::label_zh(*c.escalated_to)) + (whom.empty() ? "" : " " + whom) +
                                  ": overdue by " + geo::number_text(static_cast<double>(at.unix_seconds() - c.deadline->unix_seconds()) / 3600.0, 1) + " h" + " at " +
                                  at.to_text(zone) + " (level " + std::to_string(up->levels) + ")",
                              {}});
            ++result.escalated;
            result.numbers.push_back(c.number);
        }
    });
    return result;
}

}  // namespace respgrid::ops
