#include "respgrid/importers/responsibility.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "ogr_input.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/importers/table.hpp"
#include "validity.hpp"

namespace respgrid::importers {

namespace {

[[noreturn]] void rules_error(const std::string& source, const std::string& key, const std::string& what) {
    throw InputError(SourceLocation{source, {}, {}, key}, "importers: rules file: " + what);
}

}  // namespace

ResponsibilityImport read_responsibility_layer(const ResponsibilityLayerOptions& o) {
    detail::TextLayer in(o.path, o.layer);
    OGRLayer& layer = in.layer();
    const geo::Crs source = detail::resolve_source_crs(layer, o.path, o.source_crs);
    detail::FeatureGeometryReader reader(source, o.target_crs);

    // Fields are matched by name as in every table (Table::find: any case, trimmed, Chinese aliases).
    const int owner_i = o.owner_field.empty()
                            ? static_cast<int>(Table{o.path, layer.GetName(), in.field_names()}.require(
                                  {"owner_id", "责任人编号", "责任单位编号", "编号"}))
                            : in.field_index(o.owner_field);
    const int label_i = o.label_field.empty() ? in.find({"label", "name", "名称", "路段"}) : in.field_index(o.label_field);
    const int categories_i = in.find({"categories", "类别", "问题类别"});
    const int from_i = in.find({"valid_from", "起始日期", "开始日期"});
    const int to_i = in.find({"valid_to", "终止日期", "结束日期"});
    auto field_name = [&in](int i) {
        return i >= 0 ? in.field_names()[static_cast<std::size_t>(i)] : std::string();
    };

    ResponsibilityImport result;
    result.encoding = in.encoding();
    result.layer.name = o.name.empty() ? std::filesystem::path(o.path).stem().string() : o.name;
    result.layer.kind = o.kind;
    result.layer.source = o.path;
    result.layer.buffer_m = o.kind == grids::LayerKind::Line ? o.buffer_m : 0.0;
    if (!geo::is_utf8(result.layer.name)) {  // a GBK file name from a Windows zip: never stored as it is
        throw InputError(SourceLocation{o.path, layer.GetName(), {}, {}},
                         "importers: the file's name is not UTF-8 text; give the layer a name (--name)");
    }
    if (result.layer.name == grids::kCategoryLayer || result.layer.name == grids::kTerritory) {
        throw InputError(SourceLocation{o.path, layer.GetName(), {}, {}},
                         "importers: '" + result.layer.name + "' is reserved; give the layer another name (--name)");
    }
    if (o.kind == grids::LayerKind::Line && !(o.buffer_m > 0)) {
        throw InputError(SourceLocation{o.path, layer.GetName(), {}, {}},
                         "importers: a line layer needs a positive buffer (--buffer), got " + std::to_string(o.buffer_m));
    }

    in.for_each([&](OGRFeature& feature) {
        ++result.features_read;
        SourceLocation where{o.path, layer.GetName(), feature.GetFID(), {}};
        auto reject = [&](int field, const std::string& reason) {
            where.field = field >= 0 ? field_name(field) : std::string("geometry");
            result.rejects.push_back({where, reason});
        };
        grids::ResponsibilityFeature f;
        f.layer = result.layer.name;
        f.owner_id = in.code_text(feature, owner_i);
        f.label = in.text(feature, label_i);
        const std::string what = f.label.empty() ? std::string() : " (" + f.label + ")";
        if (f.owner_id.empty()) {
            reject(owner_i, "owner id is empty" + what);
            return;
        }
        f.categories = split_list(in.text(feature, categories_i));
        auto validity = detail::read_validity(in.text(feature, from_i), in.text(feature, to_i), o.zone);
        if (!validity.problem.empty()) {
            reject(validity.problem_in_to ? to_i : from_i, validity.problem + what);
            return;
        }
        f.valid_from = validity.from;
        f.valid_to = validity.to;
        if (o.kind == grids::LayerKind::Area) {
            auto g = reader.polygons(feature.GetGeometryRef());
            if (!g.problem.empty()) {
                reject(-1, g.problem + what);
                return;
            }
            f.area = g.geometry.polygons();
            result.lines.emplace_back();
        } else {
            auto g = reader.lines(feature.GetGeometryRef());
            if (!g.problem.empty()) {
                reject(-1, g.problem + what);
                return;
            }
            try {
                geo::Geometry corridor = g.geometry.buffer_flat_ends(o.buffer_m).polygonal();
                if (corridor.is_empty()) {
                    reject(-1, "the line's buffer is empty" + what);
                    return;
                }
                f.area = corridor.polygons();
            } catch (const GeometryError& e) {
                reject(-1, std::string("the line cannot be buffered: ") + e.what() + what);
                return;
            }
            result.lines.push_back(std::move(g.geometry));
        }
        result.features.push_back(std::move(f));
        result.fids.push_back(feature.GetFID());
    });
    return result;
}

grids::RuleSet parse_rules(const std::string& json_text, const std::string& source,
                           std::span<const std::string> layer_names) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        rules_error(source, {}, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) rules_error(source, {}, "the document must be an object with a \"rules\" array");
    for (const auto& [key, value] : doc.items()) {
        if (key != "rules" && key != "comment") rules_error(source, key, "unknown key '" + key + "' (rules, comment)");
    }
    if (!doc.contains("rules") || !doc["rules"].is_array()) rules_error(source, "rules", "\"rules\" must be an array");
    grids::RuleSet set;
    set.source = source;
    std::size_t i = 0;
    for (const auto& r : doc["rules"]) {
        const std::string at = "rules[" + std::to_string(i++) + "]";
        if (!r.is_object()) rules_error(source, at, at + " must be an object");
        grids::Rule rule;
        for (const auto& [key, value] : r.items()) {
            const std::string k = at + "." + key;
            if (key == "category") {
                if (!value.is_string() || value.get<std::string>().empty()) {
                    rules_error(source, k, k + " must be a category code, a prefix ending in *, or *");
                }
                rule.category = value.get<std::string>();
            } else if (key == "layers") {
                if (!value.is_array()) rules_error(source, k, k + " must be an array of layer names");
                for (const auto& name : value) {
                    if (!name.is_string()) rules_error(source, k, k + " must be an array of layer names");
                    rule.layers.push_back(name.get<std::string>());
                }
            } else if (key == "mode") {
                auto mode = grids::parse_mode(value.is_string() ? value.get<std::string>() : std::string());
                if (!mode) rules_error(source, k, k + " must be \"sole\" or \"shared\", got " + value.dump());
                rule.mode = *mode;
            } else if (key == "territory") {
                auto territory = grids::parse_territory_mode(value.is_string() ? value.get<std::string>() : std::string());
                if (!territory) {
                    rules_error(source, k, k + " must be \"always\", \"fallback\" or \"category\", got " + value.dump());
                }
                rule.territory = *territory;
            } else if (key != "comment") {
                rules_error(source, k, "unknown key '" + k + "' (category, layers, mode, territory, comment)");
            }
        }
        if (!r.contains("category")) rules_error(source, at + ".category", at + " has no \"category\"");
        if (!r.contains("layers")) rules_error(source, at + ".layers", at + " has no \"layers\"");
        set.rules.push_back(std::move(rule));
    }
    try {
        grids::validate_rules(set, layer_names);
    } catch (const InputError& e) {
        // Name the key as the file spells it.
        std::string key = e.where().record ? "rules[" + std::to_string(*e.where().record) + "]." + e.where().field
                                           : e.where().field;
        throw InputError(SourceLocation{source, {}, {}, key}, std::string(e.what()));
    }
    return set;
}

grids::RuleSet read_rules(const std::string& path, std::span<const std::string> layer_names) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(SourceLocation{path, {}, {}, {}}, "importers: cannot read the rules file");
    std::stringstream text;
    text << in.rdbuf();
    return parse_rules(text.str(), std::filesystem::path(path).filename().string(), layer_names);
}

}  // namespace respgrid::importers
