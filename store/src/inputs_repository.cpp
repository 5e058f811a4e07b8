// Grid inputs: line features, weight points and dedicated areas, replaced per source file.
#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

namespace {
void delete_source(Connection& db, const char* table, const std::string& source) {
    Statement st(db, std::string("DELETE FROM ") + table + " WHERE source = ?");
    st.bind(source).run();
}
}  // namespace

std::size_t Project::replace_lines(const std::string& source, std::span<const grids::LineFeature> lines) {
    const int srid_value = srid();
    Transaction tx(*db_);
    delete_source(*db_, "line_features", source);
    Statement insert(*db_, "INSERT INTO line_features (kind, name, source, imported_at, geom) VALUES (?, ?, ?, " +
                               std::string(detail::kNow) + ", CastToMultiLinestring(GeomFromWKB(?, ?)))");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].geometry.is_null() || lines[i].geometry.is_empty()) {
            throw StoreError(db_->path(), "line " + std::to_string(i + 1) + " of " + source + " has no geometry");
        }
        insert.reset();
        insert.bind(grids::to_string(lines[i].kind));
        if (!lines[i].name.empty()) {
            insert.bind(lines[i].name);
        } else {
            insert.bind_null();
        }
        insert.bind(source).bind(lines[i].geometry.to_wkb()).bind(srid_value).run();
    }
    tx.commit();
    return lines.size();
}

std::vector<grids::LineFeature> Project::load_lines() {
    Statement st(*db_, "SELECT kind, AsBinary(geom), coalesce(name, '') FROM line_features ORDER BY id");
    std::vector<grids::LineFeature> out;
    while (st.step()) {
        auto kind = grids::parse_line_kind(st.text(0));
        out.push_back({kind.value_or(grids::LineKind::MinorRoad), detail::geometry_column(st, 1), st.text(2)});
    }
    return out;
}

std::size_t Project::replace_weights(const std::string& source, std::span<const grids::WeightPoint> points) {
    const int srid_value = srid();
    Transaction tx(*db_);
    delete_source(*db_, "weight_points", source);
    Statement insert(*db_, "INSERT INTO weight_points (weight, source, imported_at, geom) VALUES (?, ?, " +
                               std::string(detail::kNow) + ", MakePoint(?, ?, ?))");
    for (const auto& p : points) {
        insert.reset();
        insert.bind(p.weight).bind(source).bind(p.position.x).bind(p.position.y).bind(srid_value).run();
    }
    tx.commit();
    return points.size();
}

std::vector<grids::WeightPoint> Project::load_weights() {
    Statement st(*db_, "SELECT X(geom), Y(geom), weight FROM weight_points ORDER BY id");
    std::vector<grids::WeightPoint> out;
    while (st.step()) out.push_back({{st.real(0), st.real(1)}, st.real(2)});
    return out;
}

std::size_t Project::replace_dedicated(const std::string& source, std::span<const grids::DedicatedArea> areas) {
    const int srid_value = srid();
    Transaction tx(*db_);
    delete_source(*db_, "dedicated_areas", source);
    Statement insert(*db_, "INSERT INTO dedicated_areas (name, type, source, imported_at, geom) VALUES (?, ?, ?, " +
                               std::string(detail::kNow) + ", CastToMultiPolygon(GeomFromWKB(?, ?)))");
    for (const auto& a : areas) {
        insert.reset();
        insert.bind(a.name).bind(a.type).bind(source).bind(a.geometry.to_wkb()).bind(srid_value).run();
    }
    tx.commit();
    return areas.size();
}

std::vector<grids::DedicatedArea> Project::load_dedicated() {
    Statement st(*db_, "SELECT name, coalesce(type, ''), AsBinary(geom) FROM dedicated_areas ORDER BY id");
    std::vector<grids::DedicatedArea> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), detail::geometry_column(st, 2)});
    return out;
}

}  // namespace respgrid::store
