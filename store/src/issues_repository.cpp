// Issue categories and issues (with their 'logged' event).
#include "repository_util.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

UpsertCounts Project::upsert_categories(std::span<const grids::IssueCategory> categories) {
    Transaction tx(*db_);
    Statement exists(*db_, "SELECT 1 FROM issue_categories WHERE code = ?");
    Statement upsert(*db_,
                     "INSERT INTO issue_categories (code, name, group_name, standard, department_id, deadline_hours, "
                     "territory_answers, aliases, deadline_rule) VALUES (?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?) "
                     "ON CONFLICT (code) DO UPDATE "
                     "SET name = excluded.name, group_name = excluded.group_name, standard = excluded.standard, "
                     "department_id = excluded.department_id, deadline_hours = excluded.deadline_hours, "
                     "territory_answers = excluded.territory_answers, aliases = excluded.aliases, "
                     "deadline_rule = excluded.deadline_rule");
    UpsertCounts counts;
    for (const auto& c : categories) {
        bool present = detail::row_exists(exists, c.code);
        upsert.reset();
        upsert.bind(c.code).bind(c.name).bind(c.group).bind(c.standard).bind(c.department_id).bind(c.deadline_hours)
            .bind(c.territory_answers ? 1 : 0).bind(grids::join_aliases(c.aliases))
            .bind(std::string(grids::to_string(c.deadline_kind)));
        upsert.run();
        ++(present ? counts.updated : counts.inserted);
    }
    tx.commit();
    return counts;
}

std::vector<grids::IssueCategory> Project::load_categories() {
    Statement st(*db_,
                 "SELECT code, name, coalesce(group_name, ''), coalesce(standard, ''), coalesce(department_id, ''), "
                 "deadline_hours, territory_answers, coalesce(aliases, ''), deadline_rule FROM issue_categories ORDER BY code");
    std::vector<grids::IssueCategory> out;
    while (st.step()) {
        grids::IssueCategory c{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), std::nullopt};
        if (!st.is_null(5)) c.deadline_hours = st.real(5);
        c.territory_answers = st.integer(6) != 0;
        c.aliases = grids::split_aliases(st.text(7));
        auto kind = grids::parse_deadline_kind(st.text_view(8));
        if (!kind) throw StoreError(db_->path(), "issue_categories.deadline_rule is '" + st.text(8) + "' (" + c.code + ")");
        c.deadline_kind = *kind;
        out.push_back(std::move(c));
    }
    return out;
}

UpsertCounts Project::upsert_issues(std::span<const grids::IssueReport> issues) {
    const int srid_value = srid();
    Transaction tx(*db_);
    Statement exists(*db_, "SELECT 1 FROM issues WHERE id = ?");
    Statement upsert(*db_,
                     "INSERT INTO issues (id, reported_at, lon, lat, crs, category_code, category_text, description, "
                     "source_file, source_line, imported_at, geom) VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?, ?, " +
                         std::string(detail::kNow) +
                         ", MakePoint(?, ?, ?)) ON CONFLICT (id) DO UPDATE SET reported_at = excluded.reported_at, "
                         "lon = excluded.lon, lat = excluded.lat, crs = excluded.crs, "
                         "category_code = excluded.category_code, category_text = excluded.category_text, "
                         "description = excluded.description, "
                         "source_file = excluded.source_file, source_line = excluded.source_line, geom = excluded.geom");
    Statement logged(*db_,
                     "INSERT INTO issue_events (issue_id, at, kind, to_status, actor, note) VALUES (?, " +
                         std::string(detail::kNow) + ", 'logged', 'logged', 'import', ?)");
    UpsertCounts counts;
    for (const auto& i : issues) {
        bool present = detail::row_exists(exists, i.id);
        upsert.reset();
        upsert.bind(i.id).bind(i.reported_at).bind(i.lon).bind(i.lat).bind(i.crs).bind(i.category_code)
            .bind(i.category_text).bind(i.description).bind(i.source_file).bind(i.source_line).bind(i.position.x).bind(i.position.y)
            .bind(srid_value);
        upsert.run();
        if (present) {
            ++counts.updated;
        } else {
            ++counts.inserted;
            logged.reset();
            logged.bind(i.id).bind(i.source_file + ":" + std::to_string(i.source_line)).run();
        }
    }
    tx.commit();
    return counts;
}

std::vector<grids::IssueReport> Project::load_issues() {
    Statement st(*db_,
                 "SELECT id, coalesce(reported_at, ''), lon, lat, crs, coalesce(category_code, ''), "
                 "coalesce(description, ''), X(geom), Y(geom), coalesce(source_file, ''), coalesce(source_line, 0), "
                 "coalesce(category_text, '') "
                 "FROM issues ORDER BY id");
    std::vector<grids::IssueReport> out;
    while (st.step()) {
        grids::IssueReport i;
        i.id = st.text(0);
        i.reported_at = st.text(1);
        i.lon = st.real(2);
        i.lat = st.real(3);
        i.crs = st.text(4);
        i.category_code = st.text(5);
        i.description = st.text(6);
        i.position = {st.real(7), st.real(8)};
        i.source_file = st.text(9);
        i.source_line = st.integer(10);
        i.category_text = st.text(11);
        out.push_back(std::move(i));
    }
    return out;
}

}  // namespace respgrid::store
