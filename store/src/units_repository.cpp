// Administrative units: upsert by code, load by level.
#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

UpsertCounts Project::upsert_units(std::span<const grids::AdminUnit> units, const std::string& source) {
    const int srid_value = srid();
    Transaction tx(*db_);
    Statement exists(*db_, "SELECT 1 FROM admin_units WHERE code = ?");
    Statement upsert(*db_,
                     "INSERT INTO admin_units (level, code, name, parent_code, area_m2, source, imported_at, geom, "
                     "as_shipped) VALUES (?, ?, ?, ?, ?, ?, " + std::string(detail::kNow) +
                         ", CastToMultiPolygon(GeomFromWKB(?, ?)), ?) "
                         "ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = excluded.name, "
                         "parent_code = excluded.parent_code, area_m2 = excluded.area_m2, source = excluded.source, "
                         "imported_at = excluded.imported_at, geom = excluded.geom, as_shipped = excluded.as_shipped");
    UpsertCounts counts;
    for (const auto& unit : units) {
        bool present = detail::row_exists(exists, unit.code);
        upsert.reset();
        upsert.bind(grids::to_string(unit.level)).bind(unit.code).bind(unit.name);
        if (unit.parent_code.empty()) {
            upsert.bind_null();
        } else {
            upsert.bind(unit.parent_code);
        }
        upsert.bind(unit.geometry.area()).bind(source).bind(unit.geometry.to_wkb()).bind(srid_value);
        if (unit.as_shipped.is_null()) {
            upsert.bind_null();
        } else {
            upsert.bind(unit.as_shipped.to_wkb());
        }
        upsert.run();
        ++(present ? counts.updated : counts.inserted);
    }
    tx.commit();
    return counts;
}

std::vector<grids::AdminUnit> Project::load_units(grids::AdminLevel level) {
    Statement st(*db_,
                 "SELECT code, name, coalesce(parent_code, ''), AsBinary(geom), as_shipped FROM admin_units WHERE level = ? "
                 "ORDER BY code");
    st.bind(grids::to_string(level));
    std::vector<grids::AdminUnit> out;
    while (st.step()) {
        grids::AdminUnit unit;
        unit.level = level;
        unit.code = st.text(0);
        unit.name = st.text(1);
        unit.parent_code = st.text(2);
        unit.geometry = detail::geometry_column(st, 3);
        unit.as_shipped = detail::geometry_column(st, 4);
        out.push_back(std::move(unit));
    }
    return out;
}

long long Project::apply_unit_repair(std::span<const grids::AdminUnit> repaired, const std::string& layer,
                                     const std::string& params_json, const std::string& changes_json) {
    const int srid_value = srid();
    Transaction tx(*db_);
    Statement update(*db_,
                     "UPDATE admin_units SET geom = CastToMultiPolygon(GeomFromWKB(?, ?)), area_m2 = ?, "
                     "as_shipped = NULL WHERE code = ? AND level = ?");
    for (const auto& unit : repaired) {
        update.reset();
        update.bind(unit.geometry.to_wkb()).bind(srid_value).bind(unit.geometry.area()).bind(unit.code);
        update.bind(grids::to_string(unit.level));
        update.run();
        if (db_->changes() != 1) {
            throw StoreError(info_.path, "store: repair names unit " + unit.code + ", which the project does not hold as a " +
                                             std::string(grids::to_string(unit.level)));
        }
    }
    Statement record(*db_, "INSERT INTO repair_runs (run_at, layer, params, changes) VALUES (" +
                               std::string(detail::kNow) + ", ?, ?, ?)");
    record.bind(layer).bind(params_json).bind(changes_json).run();
    long long id = db_->last_insert_rowid();
    tx.commit();
    return id;
}

std::size_t Project::count_units(grids::AdminLevel level) {
    Statement st(*db_, "SELECT count(*) FROM admin_units WHERE level = ?");
    st.bind(grids::to_string(level));
    st.step();
    return static_cast<std::size_t>(st.integer(0));
}

}  // namespace respgrid::store
