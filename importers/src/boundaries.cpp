#include "respgrid/importers/boundaries.hpp"

#include <map>

#include "respgrid/geo/gdal.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/importers/table.hpp"
#include "ogr_input.hpp"

namespace respgrid::importers {

using detail::resolve_source_crs;

BoundaryImport read_boundaries(const BoundaryImportOptions& options, const Progress& progress) {
    detail::TextLayer in(options.path, options.layer);
    OGRLayer& layer = in.layer();
    BoundaryImport result;
    result.encoding = in.encoding();
    result.source_crs = resolve_source_crs(layer, options.path, options.source_crs);
    const detail::FeatureGeometryReader reader(result.source_crs, options.target_crs);

    const int code_i = in.field_index(options.code_field);
    const int name_i = in.field_index(options.name_field);
    const int parent_i = options.parent_field.empty() ? -1 : in.field_index(options.parent_field);
    const std::size_t code_length = grids::code_length(options.level);
    const GIntBig total = std::max<GIntBig>(1, layer.GetFeatureCount(FALSE));
    std::map<std::string, long long> first_feature_of_code;

    in.for_each([&](OGRFeature& f) {
        ++result.features_read;
        SourceLocation where{options.path, layer.GetName(), f.GetFID(), {}};
        auto reject = [&](const std::string& field, const std::string& reason) {
            SourceLocation w = where;
            w.field = field;
            result.rejects.push_back({std::move(w), reason});
        };

        std::string code = in.code_text(f, code_i);
        std::string name = in.text(f, name_i);
        if (code.empty()) {
            reject(options.code_field, "code is empty");
            return;
        }
        if (!grids::is_valid_code(options.level, code)) {
            reject(options.code_field, "code '" + code + "' is not " + std::to_string(code_length) + " digits as a " +
                                           std::string(grids::to_string(options.level)) + " code must be");
            return;
        }
        if (name.empty()) {
            reject(options.name_field, "name is empty (code " + code + ")");
            return;
        }
        if (auto [it, fresh] = first_feature_of_code.emplace(code, f.GetFID()); !fresh) {
            reject(options.code_field, "code " + code + " repeats feature " + std::to_string(it->second));
            return;
        }
        std::string parent = parent_i >= 0 ? in.code_text(f, parent_i) : grids::parent_code_of(code);
        if (options.level != grids::AdminLevel::County && parent.size() + 3 != code.size()) {
            reject(options.parent_field, "parent code '" + parent + "' does not fit code " + code);
            return;
        }

        auto shape = reader.polygons(f.GetGeometryRef());
        if (!shape.problem.empty()) {
            reject("geometry", shape.problem + " (code " + code + ")");
            return;
        }
        if (!shape.repair.empty()) result.repairs.push_back({where, shape.repair + " for " + code});
        grids::AdminUnit unit;
        unit.level = options.level;
        unit.code = code;
        unit.name = name;
        unit.parent_code = options.level == grids::AdminLevel::County ? std::string() : parent;
        unit.geometry = std::move(shape.geometry);
        unit.as_shipped = std::move(shape.as_shipped);
        result.units.push_back(std::move(unit));
        result.origins.push_back(where);
        report(progress, static_cast<double>(result.features_read) / static_cast<double>(total), "reading boundaries");
    });
    return result;
}

int suggest_working_epsg(const std::string& path, const std::string& layer_name,
                         const std::optional<geo::Crs>& source_crs) {
    auto ds = geo::open_vector(path);
    OGRLayer& layer = geo::layer_of(*ds, path, layer_name);
    OGREnvelope extent;
    if (layer.GetExtent(&extent, TRUE) != OGRERR_NONE) {
        throw InputError(SourceLocation{path, layer.GetName(), {}, {}}, "importers: the layer has no extent (no geometry?)");
    }
    geo::CoordinateTransform to_lonlat(resolve_source_crs(layer, path, source_crs), geo::Crs::cgcs2000());
    geo::XY centre = to_lonlat(geo::XY{(extent.MinX + extent.MaxX) / 2, (extent.MinY + extent.MaxY) / 2});
    return geo::gauss_kruger_3deg_epsg(centre.x);
}

}  // namespace respgrid::importers
