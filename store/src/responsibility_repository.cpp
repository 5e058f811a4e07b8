// Responsibility layers (area, line), their features, and the precedence rules file.
#include "repository_util.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::store {

namespace {

std::string join_codes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ";") + c;
    return out;
}

std::vector<std::string> split_codes(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(';', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

std::size_t Project::replace_responsibility_layer(const grids::ResponsibilityLayer& layer,
                                                  std::span<const grids::ResponsibilityFeature> features,
                                                  std::span<const geo::Geometry> lines) {
    const int srid_value = srid();
    Transaction tx(*db_);
    {
        Statement del(*db_, "DELETE FROM responsibility_features WHERE layer = ?");
        del.bind(layer.name).run();
    }
    Statement upsert(*db_,
                     "INSERT INTO responsibility_layers (name, kind, source, buffer_m, imported_at, position) VALUES "
                     "(?, ?, ?, ?, " + std::string(detail::kNow) +
                         ", (SELECT coalesce(max(position), 0) + 1 FROM responsibility_layers)) ON CONFLICT (name) DO "
                         "UPDATE SET kind = excluded.kind, source = excluded.source, buffer_m = excluded.buffer_m, "
                         "imported_at = excluded.imported_at");
    upsert.bind(layer.name).bind(grids::to_string(layer.kind)).bind(layer.source);
    if (layer.kind == grids::LayerKind::Line && layer.buffer_m > 0) {
        upsert.bind(layer.buffer_m);
    } else {
        upsert.bind_null();
    }
    upsert.run();
    Statement insert(*db_,
                     "INSERT INTO responsibility_features (layer, owner_id, label, categories, valid_from, valid_to, "
                     "geom, line) VALUES (?, ?, nullif(?, ''), nullif(?, ''), ?, ?, "
                     "CastToMultiPolygon(GeomFromWKB(?, ?)), CastToMultiLinestring(GeomFromWKB(?, ?)))");
    for (std::size_t i = 0; i < features.size(); ++i) {
        const auto& f = features[i];
        if (f.area.empty()) {
            throw StoreError(db_->path(), "feature " + std::to_string(i + 1) + " of layer " + layer.name + " has no area");
        }
        insert.reset();
        insert.bind(layer.name).bind(f.owner_id).bind(f.label).bind(join_codes(f.categories))
            .bind(detail::day_text(f.valid_from)).bind(detail::day_text(f.valid_to))
            .bind(geo::Geometry::from_polygons(f.area).to_wkb()).bind(srid_value);
        if (i < lines.size() && !lines[i].is_null()) {
            insert.bind(lines[i].to_wkb());
        } else {
            insert.bind_null();
        }
        insert.bind(srid_value).run();
    }
    tx.commit();
    return features.size();
}

std::vector<grids::ResponsibilityLayer> Project::load_responsibility_layers() {
    Statement st(*db_, "SELECT name, kind, source, coalesce(buffer_m, 0) FROM responsibility_layers ORDER BY position, name");
    std::vector<grids::ResponsibilityLayer> out;
    while (st.step()) {
        out.push_back({st.text(0), grids::parse_layer_kind(st.text(1)).value_or(grids::LayerKind::Area), st.text(2),
                       st.real(3)});
    }
    return out;
}

std::vector<grids::ResponsibilityFeature> Project::load_responsibility_features() {
    Statement st(*db_,
                 "SELECT f.layer, f.owner_id, coalesce(f.label, ''), coalesce(f.categories, ''), "
                 "f.valid_from, f.valid_to, AsBinary(f.geom) FROM responsibility_features f "
                 "JOIN responsibility_layers l ON l.name = f.layer ORDER BY l.position, f.id");
    std::vector<grids::ResponsibilityFeature> out;
    while (st.step()) {
        grids::ResponsibilityFeature f;
        f.layer = st.text(0);
        f.owner_id = st.text(1);
        f.label = st.text(2);
        f.categories = split_codes(st.text(3));
        f.valid_from = detail::stored_day(*db_, st, 4, "responsibility_features.valid_from", "layer=" + f.layer);
        f.valid_to = detail::stored_day(*db_, st, 5, "responsibility_features.valid_to", "layer=" + f.layer);
        if (auto g = detail::geometry_column(st, 6); !g.is_null()) f.area = g.polygons();
        out.push_back(std::move(f));
    }
    return out;
}

void Project::store_rules(const std::string& source, const std::string& json) {
    Transaction tx(*db_);
    Statement st(*db_, "INSERT INTO responsibility_rules (id, source, rules, imported_at) VALUES (1, ?, ?, " +
                           std::string(detail::kNow) +
                           ") ON CONFLICT (id) DO UPDATE SET source = excluded.source, rules = excluded.rules, "
                           "imported_at = excluded.imported_at");
    st.bind(source).bind(json).run();
    tx.commit();
}

std::optional<StoredRules> Project::load_rules() {
    Statement st(*db_, "SELECT source, rules, imported_at FROM responsibility_rules WHERE id = 1");
    if (!st.step()) return std::nullopt;
    return StoredRules{st.text(0), st.text(1), st.text(2)};
}

}  // namespace respgrid::store
