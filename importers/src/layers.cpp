#include "respgrid/importers/layers.hpp"

#include <filesystem>

#include "ogr_input.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// The layer, its source CRS, and a geometry reader into the working CRS.
struct OpenLayer {
    GDALDatasetUniquePtr ds;
    OGRLayer* layer = nullptr;
    geo::Crs source;
    std::unique_ptr<detail::FeatureGeometryReader> reader;

    explicit OpenLayer(const LayerImportOptions& o) : ds(geo::open_vector(o.path)) {
        layer = &geo::layer_of(*ds, o.path, o.layer);
        source = detail::resolve_source_crs(*layer, o.path, o.source_crs);
        reader = std::make_unique<detail::FeatureGeometryReader>(source, o.target_crs);
    }
};

bool is_table(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".csv" || ext == ".txt" || ext == ".xlsx" || ext == ".ods";
}

}  // namespace

LineImport read_lines(const LayerImportOptions& options, std::optional<grids::LineKind> kind,
                      const std::string& kind_field, const std::string& name_field) {
    OpenLayer in(options);
    const int kind_i = kind_field.empty() ? -1 : detail::field_index(*in.layer, options.path, kind_field);
    const int name_i = in.layer->GetLayerDefn()->GetFieldIndex(name_field.c_str());
    if (kind_i < 0 && !kind) {
        throw InputError(SourceLocation{options.path, in.layer->GetName(), {}, {}},
                         "importers: give the line kind (--kind) or the field that holds it (--kind-field)");
    }
    LineImport result;
    for (auto& feature : *in.layer) {
        ++result.features_read;
        SourceLocation where{options.path, in.layer->GetName(), feature->GetFID(), {}};
        std::optional<grids::LineKind> k = kind;
        if (kind_i >= 0) {
            std::string text = detail::text_of(*feature, kind_i);
            k = grids::parse_line_kind(text);
            if (!k) {
                where.field = kind_field;
                result.rejects.push_back({where, "unknown line kind '" + text + "' (minor_road, main_road, road, rail, river)"});
                continue;
            }
        }
        auto g = in.reader->lines(feature->GetGeometryRef());
        if (!g.problem.empty()) {
            where.field = "geometry";
            result.rejects.push_back({where, g.problem});
            continue;
        }
        result.lines.push_back({*k, std::move(g.geometry)});
        result.names.push_back(detail::text_of(*feature, name_i));
    }
    return result;
}

WeightImport read_weights(const LayerImportOptions& options, const std::string& weight_field) {
    WeightImport result;
    if (is_table(options.path)) {
        // A table of lon/lat rows (with a crs column, or the CRS given).
        PointTableOptions o{options.path, options.layer, options.source_crs, options.target_crs, {}, 50000.0};
        PointTable table = read_point_table(o);
        result.rejects = std::move(table.rejects);
        result.features_read = table.rows_read;
        Table header{table.path, table.layer, table.fields, {}};
        const std::size_t w_i = header.require({weight_field});
        for (const auto& row : table.rows) {
            auto w = parse_number(row.values[w_i]);
            if (!w || *w < 0) {
                result.rejects.push_back({SourceLocation{table.path, table.layer, row.line, weight_field, "row"},
                                          "weight '" + row.values[w_i] + "' is not a non-negative number"});
                continue;
            }
            result.points.push_back({row.position, *w});
        }
        return result;
    }
    OpenLayer in(options);
    const int w_i = detail::field_index(*in.layer, options.path, weight_field);
    for (auto& feature : *in.layer) {
        ++result.features_read;
        SourceLocation where{options.path, in.layer->GetName(), feature->GetFID(), weight_field};
        std::string text = detail::text_of(*feature, w_i);
        auto w = parse_number(text);
        if (!w || *w < 0) {
            result.rejects.push_back({where, "weight '" + text + "' is not a non-negative number"});
            continue;
        }
        auto g = in.reader->point(feature->GetGeometryRef());
        if (!g.problem.empty()) {
            where.field = "geometry";
            result.rejects.push_back({where, g.problem});
            continue;
        }
        geo::Envelope e = g.geometry.envelope();
        result.points.push_back({{e.min_x, e.min_y}, *w});
    }
    return result;
}

DedicatedImport read_dedicated(const LayerImportOptions& options, const std::string& name_field,
                               const std::string& type_field) {
    OpenLayer in(options);
    const int name_i = detail::field_index(*in.layer, options.path, name_field);
    const int type_i = type_field.empty() ? -1 : detail::field_index(*in.layer, options.path, type_field);
    DedicatedImport result;
    for (auto& feature : *in.layer) {
        ++result.features_read;
        SourceLocation where{options.path, in.layer->GetName(), feature->GetFID(), {}};
        std::string name = detail::text_of(*feature, name_i);
        if (name.empty()) {
            where.field = name_field;
            result.rejects.push_back({where, "name is empty"});
            continue;
        }
        auto g = in.reader->polygons(feature->GetGeometryRef());
        if (!g.problem.empty()) {
            where.field = "geometry";
            result.rejects.push_back({where, g.problem + " (" + name + ")"});
            continue;
        }
        result.areas.push_back({name, detail::text_of(*feature, type_i), std::move(g.geometry)});
    }
    return result;
}

}  // namespace respgrid::importers
