// Owners and their unit-scope responsibilities (a leader's 包联 townships).
#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

#include <map>

namespace respgrid::store {

UpsertCounts Project::upsert_owners(std::span<const grids::Owner> owners) {
    Transaction tx(*db_);
    Statement exists(*db_, "SELECT 1 FROM owners WHERE id = ?");
    Statement upsert(*db_,
                     "INSERT INTO owners (id, kind, name, unit_code, contact, title, phone, active, valid_from, valid_to) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                     "unit_code = excluded.unit_code, contact = excluded.contact, title = excluded.title, "
                     "phone = excluded.phone, active = excluded.active, valid_from = excluded.valid_from, "
                     "valid_to = excluded.valid_to");
    Statement clear_packages(*db_, "DELETE FROM responsibilities WHERE owner_id = ? AND scope = 'unit' AND role = 'leader'");
    Statement add_package(*db_,
                          "INSERT INTO responsibilities (owner_id, role, scope, unit_code, rule) "
                          "VALUES (?, 'leader', 'unit', ?, 'roster: 包联')");
    UpsertCounts counts;
    for (const auto& o : owners) {
        bool present = detail::row_exists(exists, o.id);
        upsert.reset();
        upsert.bind(o.id).bind(grids::to_string(o.kind)).bind(o.name).bind(o.unit_code).bind(o.contact).bind(o.title)
            .bind(o.phone).bind(o.active ? 1 : 0).bind(detail::day_text(o.valid_from))
            .bind(detail::day_text(o.valid_to));
        upsert.run();
        clear_packages.reset();
        clear_packages.bind(o.id).run();
        for (const auto& township : o.packages) {
            add_package.reset();
            add_package.bind(o.id).bind(township).run();
        }
        ++(present ? counts.updated : counts.inserted);
    }
    tx.commit();
    return counts;
}

std::vector<grids::Owner> Project::load_owners() {
    std::map<std::string, std::vector<std::string>> packages;
    Statement pk(*db_,
                 "SELECT owner_id, unit_code FROM responsibilities WHERE scope = 'unit' AND role = 'leader' "
                 "ORDER BY owner_id, unit_code");
    while (pk.step()) packages[pk.text(0)].push_back(pk.text(1));

    Statement st(*db_,
                 "SELECT id, kind, name, coalesce(unit_code, ''), coalesce(contact, ''), coalesce(title, ''), "
                 "coalesce(phone, ''), active, valid_from, valid_to FROM owners ORDER BY id");
    std::vector<grids::Owner> out;
    while (st.step()) {
        grids::Owner o;
        o.id = st.text(0);
        o.kind = grids::parse_owner_kind(st.text(1)).value_or(grids::OwnerKind::Department);
        o.name = st.text(2);
        o.unit_code = st.text(3);
        o.contact = st.text(4);
        o.title = st.text(5);
        o.phone = st.text(6);
        o.active = st.integer(7) != 0;
        o.valid_from = detail::stored_day(*db_, st, 8, "owners.valid_from", "owner=" + o.id);
        o.valid_to = detail::stored_day(*db_, st, 9, "owners.valid_to", "owner=" + o.id);
        if (auto it = packages.find(o.id); it != packages.end()) o.packages = it->second;
        out.push_back(std::move(o));
    }
    return out;
}

}  // namespace respgrid::store
