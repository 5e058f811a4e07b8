#include "respgrid/importers/layers.hpp"

#include "ogr_input.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// The layer (its text in UTF-8), its source CRS, and a geometry reader into the working CRS.
struct OpenLayer {
    detail::TextLayer text;
    geo::Crs source;
    detail::FeatureGeometryReader reader;

    explicit OpenLayer(const LayerImportOptions& o)
        : text(o.path, o.layer),
          source(detail::resolve_source_crs(text.layer(), o.path, o.source_crs)),
          reader(source, o.target_crs) {}
};

}  // namespace

LineImport read_lines(const LayerImportOptions& options, std::optional<grids::LineKind> kind,
                      const std::string& kind_field, const std::string& name_field) {
    OpenLayer in(options);
    const int kind_i = kind_field.empty() ? -1 : in.text.field_index(kind_field);
    const int name_i = in.text.find({name_field});
    if (kind_i < 0 && !kind) {
        throw InputError(SourceLocation{options.path, in.text.name(), {}, {}},
                         "importers: give the line kind (--kind) or the field that holds it (--kind-field)");
    }
    LineImport result;
    result.encoding = in.text.encoding();
    in.text.for_each([&](OGRFeature& feature) {
        ++result.features_read;
        SourceLocation where{options.path, in.text.name(), feature.GetFID(), {}};
        std::optional<grids::LineKind> k = kind;
        if (kind_i >= 0) {
            std::string text = in.text.text(feature, kind_i);
            k = grids::parse_line_kind(text);
            if (!k) {
                where.field = kind_field;
                result.rejects.push_back({where, "unknown line kind '" + text + "' (minor_road, main_road, road, rail, river)"});
                return;
            }
        }
        auto g = in.reader.lines(feature.GetGeometryRef());
        if (!g.problem.empty()) {
            where.field = "geometry";
            result.rejects.push_back({where, g.problem});
            return;
        }
        result.lines.push_back({*k, std::move(g.geometry), in.text.text(feature, name_i)});
    });
    return result;
}

WeightImport read_weights(const LayerImportOptions& options, const std::string& weight_field) {
    // Point layers and lon/lat tables alike (read_point_table: the layer's CRS, or the rows' crs
    // column, or the CRS given).
    PointTableOptions o{options.path, options.layer, options.source_crs, options.target_crs, {}, 50000.0};
    PointTable table = read_point_table(o);
    WeightImport result;
    result.rejects = std::move(table.rejects);
    result.features_read = table.rows_read;
    result.encoding = table.encoding;
    const std::size_t w_i = Table{table.path, table.layer, table.fields}.require({weight_field});
    for (const auto& row : table.rows) {
        auto w = parse_number(row.values[w_i]);
        if (!w || *w < 0) {
            SourceLocation where{table.path, table.layer, row.line, weight_field, table.record_label};
            result.rejects.push_back({where, "weight '" + row.values[w_i] + "' is not a non-negative number"});
            continue;
        }
        result.points.push_back({row.position, *w});
    }
    return result;
}

DedicatedImport read_dedicated(const LayerImportOptions& options, const std::string& name_field,
                               const std::string& type_field) {
    OpenLayer in(options);
    const int name_i = in.text.field_index(name_field);
    const int type_i = type_field.empty() ? -1 : in.text.field_index(type_field);
    DedicatedImport result;
    result.encoding = in.text.encoding();
    in.text.for_each([&](OGRFeature& feature) {
        ++result.features_read;
        SourceLocation where{options.path, in.text.name(), feature.GetFID(), {}};
        std::string name = in.text.text(feature, name_i);
        if (name.empty()) {
            where.field = name_field;
            result.rejects.push_back({where, "name is empty"});
            return;
        }
        auto g = in.reader.polygons(feature.GetGeometryRef());
        if (!g.problem.empty()) {
            where.field = "geometry";
            result.rejects.push_back({where, g.problem + " (" + name + ")"});
            return;
        }
        result.areas.push_back({name, in.text.text(feature, type_i), std::move(g.geometry)});
    });
    return result;
}

}  // namespace respgrid::importers
