#include "cli/answer_text.hpp"

#include "cli/commands.hpp"
#include "cli/console.hpp"

namespace respgrid::cli {

void print_answer(std::ostream& out, const grids::Answer& a) {
    out << "  " << answer_role_zh(a) << "  ";
    if (a.owner) {
        out << a.owner->name;
        if (!a.owner->contact.empty() && a.owner->contact != a.owner->name) out << "  " << a.owner->contact;
        if (!a.owner->phone.empty()) out << "  " << a.owner->phone;
    } else {
        out << "(none)";
    }
    out << "\n      rule: " << a.rule << "\n";
}

void print_category(std::ostream& out, const grids::Resolution& res, const grids::CategoryCatalogue& catalogue) {
    if (grids::category_key(res.category_text).empty()) return;
    out << "category  ";
    if (res.category_unrecognised()) {
        out << res.category_text << "  not recognised (no code, name or alias of the catalogue): 属地兜底\n";
        return;
    }
    const grids::IssueCategory* c = catalogue.find_code(res.category);
    out << res.category << "  " << (c ? c->name : std::string());
    if (res.category_match != grids::CategoryMatchKind::Code) {
        out << "  (" << grids::to_string(res.category_match) << " " << res.category_text << ")";
    }
    if (res.deadline_hours) out << "  deadline " << geo::number_text(*res.deadline_hours, 0) << " h";
    out << "\n";
}

}  // namespace respgrid::cli
