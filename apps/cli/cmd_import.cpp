// respgrid import boundaries|roster|categories|issues|lines|weights|dedicated|responsibility|rules PROJECT FILE ...
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/option_bounds.hpp"
#include "cli/point_options.hpp"
#include "cli/rejects_file.hpp"
#include "cli/unrecognised_categories.hpp"
#include "respgrid/geo/gdal.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/codes.hpp"
#include "respgrid/importers/boundaries.hpp"
#include "respgrid/importers/categories.hpp"
#include "respgrid/importers/layers.hpp"
#include "respgrid/importers/points.hpp"
#include "respgrid/importers/responsibility.hpp"
#include "respgrid/importers/roster.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

struct ImportOptions {
    std::string project;
    std::string file;
    std::string layer;
    std::string level;
    std::string code_field = "code";
    std::string name_field = "name";
    std::string parent_field;
    std::string crs;
    std::string kind;
    std::string kind_field;
    std::string weight_field = "weight";
    std::string type_field = "type";
    // responsibility layers and rules
    std::string resp_name;
    std::string resp_kind = "area";
    double buffer_m = 10.0;
    std::string owner_field;
    std::string label_field;
    std::string categories_file;
    std::vector<std::string> areas;  // NAME=FILE
    std::vector<std::string> lines;  // NAME=FILE
    std::string rules_file;
};

std::string counts_text(const store::UpsertCounts& c) {
    return std::to_string(c.inserted) + " new, " + std::to_string(c.updated) + " updated";
}

// A file read as GB18030 (a GBK CSV from Excel, a Shapefile without .cpg) and transcoded says so.
void say_encoding(Console& console, geo::TextEncoding encoding, const std::string& file) {
    if (auto note = geo::transcoding_note(encoding, file); !note.empty()) console.io.out << note << "\n";
}

// Nothing usable in the file at all is an input error; some rejects are only warnings.
void require_some(std::size_t accepted, std::size_t read, const std::string& file) {
    if (accepted == 0) {
        throw InputError(SourceLocation{file, {}, {}, {}},
                         "cli: nothing to import (" + std::to_string(read) + " record(s) read, all rejected)");
    }
}

// The project of an import, refused at once when it cannot be written: an import reads its
// files first and would fail only when storing them.
store::Project open_to_import(const std::string& path) {
    auto project = store::Project::open(path);
    project.require_writable("an import stores what it reads in it");
    return project;
}

// Units whose parent is not in the project (and not the project's county) are rejected, each with
// the file, layer and feature it came from.
std::vector<grids::AdminUnit> keep_units_with_parents(store::Project& project, grids::AdminLevel level,
                                                     importers::BoundaryImport& read, const ImportOptions& opt) {
    std::set<std::string> parents;
    auto parent_level = level == grids::AdminLevel::Village ? grids::AdminLevel::Township : grids::AdminLevel::County;
    if (level == grids::AdminLevel::County || parent_level == grids::AdminLevel::County) {
        parents.insert(project.info().county_code);
    } else {
        for (const auto& t : project.load_units(parent_level)) parents.insert(t.code);
    }
    std::vector<grids::AdminUnit> kept;
    for (std::size_t i = 0; i < read.units.size(); ++i) {
        auto& u = read.units[i];
        SourceLocation where = read.origins[i];
        if (level == grids::AdminLevel::County) {
            if (u.code == project.info().county_code) {
                kept.push_back(std::move(u));
                continue;
            }
            where.field = opt.code_field;
            read.rejects.push_back(
                {std::move(where), "county code " + u.code + " is not the project's county " + project.info().county_code});
        } else if (parents.count(u.parent_code)) {
            kept.push_back(std::move(u));
        } else {
            where.field = opt.parent_field.empty() ? opt.code_field : opt.parent_field;
            read.rejects.push_back({std::move(where),
                                    "parent " + std::string(grids::to_string(parent_level)) + " " + u.parent_code +
                                        " of " + u.code + " " + u.name + " is not in the project" +
                                        (parent_level == grids::AdminLevel::Township ? " (import the townships first)"
                                                                                     : "")});
        }
    }
    return kept;
}

void import_boundaries(const ImportOptions& opt, Console& console) {
    auto level = grids::parse_admin_level(opt.level);
    if (!level) throw UsageError("--level must be county, township or village, got '" + opt.level + "'");
    auto project = open_to_import(opt.project);
    std::optional<geo::Crs> source;
    if (!opt.crs.empty()) source = crs_option(opt.crs, "--crs");
    if (!project.info().working_epsg) {
        int epsg = importers::suggest_working_epsg(opt.file, opt.layer, source);
        project.fix_working_crs(epsg);
        console.note("working CRS fixed to EPSG:" + std::to_string(epsg) + " (CGCS2000 3-degree Gauss-Krüger zone)");
    }
    importers::BoundaryImportOptions o;
    o.path = opt.file;
    o.layer = opt.layer;
    o.level = *level;
    o.code_field = opt.code_field;
    o.name_field = opt.name_field;
    o.parent_field = opt.parent_field;
    o.source_crs = source;
    o.target_crs = project.working_crs();
    auto result = importers::read_boundaries(o, console.progress("reading " + opt.level + " boundaries"));
    say_encoding(console, result.encoding, opt.file);
    for (const auto& r : result.repairs) console.warn(r.reason);
    auto units = keep_units_with_parents(project, *level, result, opt);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(units.size(), result.features_read, opt.file);
    auto counts = project.upsert_units(units, opt.file);
    double area = 0;
    for (const auto& u : units) area += u.geometry.area();
    console.io.out << "imported " << units.size() << " " << opt.level << " unit(s) from " << opt.file << " ("
                   << counts_text(counts) << ", " << result.rejects.size() << " rejected, " << result.repairs.size()
                   << " repaired), source CRS " << result.source_crs.name() << ", total area " << format_area_km2(area)
                   << "\n";
}

void import_roster(store::Project& project, const ImportOptions& opt, Console& console) {
    auto result = importers::read_roster(opt.file, opt.layer, project.info().time_zone);
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.owners.size(), result.rows_read, opt.file);
    auto counts = project.upsert_owners(result.owners);
    std::map<grids::OwnerKind, std::size_t> by_kind;
    for (const auto& o : result.owners) ++by_kind[o.kind];
    console.io.out << "imported " << result.owners.size() << " owner(s) from " << opt.file << " (" << counts_text(counts)
                   << ", " << result.rejects.size() << " rejected):";
    for (const auto& [kind, n] : by_kind) console.io.out << " " << grids::to_string(kind) << "=" << n;
    console.io.out << "\n";
}

void import_categories(store::Project& project, const ImportOptions& opt, Console& console) {
    auto result = importers::read_categories(opt.file, opt.layer, project.load_categories());
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.categories.size(), result.rows_read, opt.file);
    std::set<std::string> owner_ids;
    for (const auto& o : project.load_owners()) owner_ids.insert(o.id);
    std::size_t unknown = 0;
    for (const auto& c : result.categories) unknown += (!c.department_id.empty() && !owner_ids.count(c.department_id)) ? 1 : 0;
    if (unknown) console.warn(std::to_string(unknown) + " categor" + (unknown == 1 ? "y names a department" : "ies name departments") +
                              " not in the roster (the territory answers for them until the roster has them)");
    auto counts = project.upsert_categories(result.categories);
    console.io.out << "imported " << result.categories.size() << " issue categor" << (result.categories.size() == 1 ? "y" : "ies")
                   << " from " << opt.file << " (" << counts_text(counts) << ", " << result.rejects.size()
                   << " rejected)\n";
}

void import_issues(const ImportOptions& opt, Console& console) {
    auto project = open_to_import(opt.project);
    importers::PointTableOptions o = point_options(project, opt.file, opt.crs);
    o.layer = opt.layer;
    auto result = importers::read_issues(o, project.info().time_zone);
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.issues.size(), result.rows_read, opt.file);
    // Each issue's category text as the catalogue's code (by code, name or alias); a text that
    // matches nothing is kept as text, and the territory answers for it (属地兜底).
    const grids::CategoryCatalogue catalogue(project.load_categories());
    UnrecognisedCategories unrecognised;
    for (auto& i : result.issues) {
        auto match = catalogue.match(i.category_text);
        i.category_code = match ? match.category->code : std::string();
        if (!match && !grids::category_key(i.category_text).empty()) unrecognised.add(i.category_text);
    }
    auto counts = project.upsert_issues(result.issues);
    console.io.out << "imported " << result.issues.size() << " issue(s) from " << opt.file << " (" << counts_text(counts)
                   << ", " << result.rejects.size() << " rejected)\n";
    if (!unrecognised.empty()) {
        console.io.out << unrecognised.summary()
                       << (catalogue.empty() ? " (the project has no catalogue yet: `import categories`)" : "")
                       << "; then import the issues again\n";
    }
}

importers::LayerImportOptions layer_options(const ImportOptions& opt, store::Project& project) {
    importers::LayerImportOptions o;
    o.path = opt.file;
    o.layer = opt.layer;
    if (!opt.crs.empty()) o.source_crs = crs_option(opt.crs, "--crs");
    o.target_crs = project.working_crs();
    return o;
}

void import_lines(const ImportOptions& opt, Console& console) {
    std::optional<grids::LineKind> kind;
    if (!opt.kind.empty()) {
        kind = grids::parse_line_kind(opt.kind);
        if (!kind) throw UsageError("--kind must be road, main_road, minor_road, rail or river, got '" + opt.kind + "'");
    }
    auto project = open_to_import(opt.project);
    auto result = importers::read_lines(layer_options(opt, project), kind, opt.kind_field, opt.name_field);
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.lines.size(), result.features_read, opt.file);
    project.replace_lines(opt.file, result.lines, result.names);
    std::map<grids::LineKind, std::size_t> by_kind;
    for (const auto& l : result.lines) ++by_kind[l.kind];
    console.io.out << "imported " << result.lines.size() << " line(s) from " << opt.file << " ("
                   << result.rejects.size() << " rejected; replacing earlier imports of this file):";
    for (const auto& [k, n] : by_kind) console.io.out << " " << grids::to_string(k) << "=" << n;
    console.io.out << "\n";
}

void import_weights(const ImportOptions& opt, Console& console) {
    auto project = open_to_import(opt.project);
    auto result = importers::read_weights(layer_options(opt, project), opt.weight_field);
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.points.size(), result.features_read, opt.file);
    project.replace_weights(opt.file, result.points);
    double total = 0;
    for (const auto& p : result.points) total += p.weight;
    console.io.out << "imported " << result.points.size() << " weighted point(s) from " << opt.file << ", total "
                   << opt.weight_field << " " << format_number(total, 0) << " (" << result.rejects.size()
                   << " rejected; replacing earlier imports of this file)\n";
}

void import_dedicated(const ImportOptions& opt, Console& console) {
    auto project = open_to_import(opt.project);
    auto result = importers::read_dedicated(layer_options(opt, project), opt.name_field, opt.type_field);
    say_encoding(console, result.encoding, opt.file);
    write_rejects_beside(console, opt.project, opt.file, result.rejects);
    require_some(result.areas.size(), result.features_read, opt.file);
    project.replace_dedicated(opt.file, result.areas);
    console.io.out << "imported " << result.areas.size() << " dedicated area(s) from " << opt.file << " ("
                   << result.rejects.size() << " rejected; replacing earlier imports of this file)\n";
}

// One responsibility layer: features whose owner is not in the roster are rejected.
void import_responsibility(store::Project& project, const ImportOptions& opt, const std::string& name,
                           const std::string& file, grids::LayerKind kind, Console& console) {
    importers::ResponsibilityLayerOptions o;
    o.path = file;
    o.layer = opt.layer;
    o.name = name;
    o.kind = kind;
    o.buffer_m = opt.buffer_m;
    o.owner_field = opt.owner_field;
    o.label_field = opt.label_field;
    if (!opt.crs.empty()) o.source_crs = crs_option(opt.crs, "--crs");
    o.target_crs = project.working_crs();
    o.zone = project.info().time_zone;
    auto result = importers::read_responsibility_layer(o);
    say_encoding(console, result.encoding, file);
    std::set<std::string> owner_ids;
    for (const auto& ow : project.load_owners()) owner_ids.insert(ow.id);
    std::vector<grids::ResponsibilityFeature> kept;
    std::vector<geo::Geometry> lines;
    for (std::size_t i = 0; i < result.features.size(); ++i) {
        auto& f = result.features[i];
        if (!owner_ids.count(f.owner_id)) {
            result.rejects.push_back({SourceLocation{file, {}, result.fids[i], "owner_id"},
                                      "owner " + f.owner_id + " is not in the roster (import the roster first)" +
                                          (f.label.empty() ? "" : " (" + f.label + ")")});
            continue;
        }
        kept.push_back(std::move(f));
        lines.push_back(std::move(result.lines[i]));
    }
    write_rejects_beside(console, opt.project, file, result.rejects);
    require_some(kept.size(), result.features_read, file);
    project.replace_responsibility_layer(result.layer, kept, lines);
    console.io.out << "imported responsibility layer " << result.layer.name << " (" << grids::to_string(kind);
    if (kind == grids::LayerKind::Line) console.io.out << ", buffer " << format_number(opt.buffer_m, 1) << " m";
    console.io.out << "): " << kept.size() << " feature(s) from " << file << " (" << result.rejects.size()
                   << " rejected; replacing the layer's earlier features)\n";
}

void import_rules(store::Project& project, const std::string& file, Console& console) {
    std::vector<std::string> names;
    for (const auto& l : project.load_responsibility_layers()) names.push_back(l.name);
    // Read once: the text stored is the text parsed (and so checked as UTF-8 JSON).
    const auto bytes = geo::read_whole_file(file);
    const std::string text(bytes.begin(), bytes.end());
    auto rules = importers::parse_rules(text, std::filesystem::path(file).filename().string(), names);
    project.store_rules(rules.source, text);
    console.io.out << "imported " << rules.rules.size() << " responsibility rule(s) from " << file << "\n";
}

// NAME=FILE of --area/--line. The file must exist and GDAL must open it: checked for every file
// of a roster run before anything of it is stored.
std::pair<std::string, std::string> named_file(const std::string& value, const std::string& option) {
    auto eq = value.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == value.size()) {
        throw UsageError(option + " takes NAME=FILE, got '" + value + "'");
    }
    std::string file = value.substr(eq + 1);
    if (auto missing = gdal_source()(file); !missing.empty()) throw UsageError(option + " " + value + ": " + missing);
    (void)geo::open_vector(file);
    return {value.substr(0, eq), std::move(file)};
}

}  // namespace

void add_import_command(CLI::App& app, Console& console, int& exit_code) {
    auto* cmd = app.add_subcommand("import", "Import boundaries, the owner roster, issue categories or issues");
    cmd->require_subcommand(1);

    auto add_common = [](CLI::App* sub, const std::shared_ptr<ImportOptions>& opt, const std::string& what) {
        sub->add_option("PROJECT", opt->project, "Project file")->required()->check(CLI::ExistingFile);
        sub->add_option("FILE", opt->file, what)->required()->check(gdal_source());
        sub->add_option("--layer", opt->layer, "Layer or sheet name (default: the first)");
    };

    auto b = std::make_shared<ImportOptions>();
    auto* boundaries = cmd->add_subcommand("boundaries", "Administrative boundaries from any OGR-readable file");
    add_common(boundaries, b, "Shapefile, GeoPackage, GeoJSON, KML, ...");
    boundaries->add_option("--level", b->level, "county, township or village")->required();
    boundaries->add_option("--code-field", b->code_field, "Field holding the unit code")->capture_default_str();
    boundaries->add_option("--name-field", b->name_field, "Field holding the unit name")->capture_default_str();
    boundaries->add_option("--parent-field", b->parent_field, "Field holding the parent code (default: code prefix)");
    boundaries->add_option("--crs", b->crs, std::string("CRS of the file when it is not declared or wrong: ") + kCrsForms);
    boundaries->callback([b, &console, &exit_code] {
        import_boundaries(*b, console);
        exit_code = kOk;
    });

    auto r = std::make_shared<ImportOptions>();
    auto* roster = cmd->add_subcommand("roster", "Owners: units, departments, leaders, grid workers (CSV or Excel)");
    add_common(roster, r, "Roster CSV/XLSX");
    roster->add_option("--categories", r->categories_file, "Also import this category table (CSV/XLSX)")
        ->check(gdal_source());
    roster->add_option("--area", r->areas, "Also import an area responsibility layer: NAME=FILE (repeatable)");
    roster->add_option("--line", r->lines, "Also import a line responsibility layer: NAME=FILE (repeatable)");
    roster->add_option("--buffer", r->buffer_m, "Half-width in metres of the corridors of --line layers")
        ->capture_default_str()->check(positive_up_to(1000.0));
    roster->add_option("--crs", r->crs, "CRS of the --area/--line files when not declared or wrong");
    roster->add_option("--rules", r->rules_file, "Also import the precedence rules (JSON)")->check(CLI::ExistingFile);
    roster->callback([r, &console, &exit_code] {
        std::vector<std::pair<std::string, std::string>> areas, lines;
        for (const auto& a : r->areas) areas.push_back(named_file(a, "--area"));
        for (const auto& l : r->lines) lines.push_back(named_file(l, "--line"));
        auto project = open_to_import(r->project);
        // One transaction for the run: a file that fails half-way leaves the project as it was,
        // not with the roster and categories stored and the layers missing.
        try {
            project.in_one_transaction([&] {
                import_roster(project, *r, console);
                if (!r->categories_file.empty()) {
                    ImportOptions c = *r;
                    c.file = r->categories_file;
                    c.layer.clear();
                    import_categories(project, c, console);
                }
                ImportOptions layer_opt = *r;
                layer_opt.layer.clear();
                for (const auto& [name, file] : areas) {
                    import_responsibility(project, layer_opt, name, file, grids::LayerKind::Area, console);
                }
                for (const auto& [name, file] : lines) {
                    import_responsibility(project, layer_opt, name, file, grids::LayerKind::Line, console);
                }
                if (!r->rules_file.empty()) import_rules(project, r->rules_file, console);
            });
        } catch (const Error&) {
            console.warn("nothing of this run was stored: the roster, categories, layers and rules go in together");
            throw;
        }
        exit_code = kOk;
    });

    auto rl = std::make_shared<ImportOptions>();
    auto* layer = cmd->add_subcommand("responsibility", "A responsibility layer: areas or lines (buffered) with owners");
    add_common(layer, rl, "Polygon or line layer: SHP, GPKG, GeoJSON, KML...");
    layer->add_option("--name", rl->resp_name, "Layer name the rules use (default: the file's stem)");
    layer->add_option("--kind", rl->resp_kind, "area or line")->capture_default_str();
    layer->add_option("--buffer", rl->buffer_m, "Line layers: corridor half-width in metres (flat ends)")
        ->capture_default_str()->check(positive_up_to(1000.0));
    layer->add_option("--owner-field", rl->owner_field, "Field holding the owner id (default: owner_id or 责任单位编号...)");
    layer->add_option("--label-field", rl->label_field, "Field holding the label (default: label, name, 名称, 路段)");
    layer->add_option("--crs", rl->crs, "CRS of the file when it is not declared or wrong");
    layer->callback([rl, &console, &exit_code] {
        auto kind = grids::parse_layer_kind(rl->resp_kind);
        if (!kind) throw UsageError("--kind must be area or line, got '" + rl->resp_kind + "'");
        auto project = open_to_import(rl->project);
        import_responsibility(project, *rl, rl->resp_name, rl->file, *kind, console);
        exit_code = kOk;
    });

    auto ru = std::make_shared<ImportOptions>();
    auto* rules = cmd->add_subcommand("rules", "The precedence rules of the responsibility layers (JSON)");
    rules->add_option("PROJECT", ru->project, "Project file")->required()->check(CLI::ExistingFile);
    rules->add_option("FILE", ru->file, "Rules JSON")->required()->check(CLI::ExistingFile);
    rules->callback([ru, &console, &exit_code] {
        auto project = open_to_import(ru->project);
        import_rules(project, ru->file, console);
        exit_code = kOk;
    });

    auto c = std::make_shared<ImportOptions>();
    auto* categories = cmd->add_subcommand("categories", "Issue category catalogue (CSV or Excel)");
    add_common(categories, c, "Categories CSV/XLSX");
    categories->callback([c, &console, &exit_code] {
        auto project = open_to_import(c->project);
        import_categories(project, *c, console);
        exit_code = kOk;
    });

    auto l = std::make_shared<ImportOptions>();
    auto* lines = cmd->add_subcommand("lines", "Roads, rivers or railways that grids follow (blocks, balanced)");
    add_common(lines, l, "Line layer: SHP, GPKG, GeoJSON, KML...");
    lines->add_option("--kind", l->kind, "Kind of every line: road (= main_road), main_road, minor_road, rail, river");
    lines->add_option("--kind-field", l->kind_field, "Field holding each line's kind instead of --kind");
    lines->add_option("--name-field", l->name_field, "Field holding the line's name")->capture_default_str();
    lines->add_option("--crs", l->crs, "CRS of the file when it is not declared or wrong");
    lines->callback([l, &console, &exit_code] {
        import_lines(*l, console);
        exit_code = kOk;
    });

    auto w = std::make_shared<ImportOptions>();
    auto* weights = cmd->add_subcommand("weights", "Weighted points for balanced grids: households, population, issues");
    add_common(weights, w, "Point layer, or CSV/XLSX with lon, lat (and crs) columns");
    weights->add_option("--weight-field", w->weight_field, "Field holding the weight")->capture_default_str();
    weights->add_option("--crs", w->crs, "CRS of the file (or of rows without a crs value)");
    weights->callback([w, &console, &exit_code] {
        import_weights(*w, console);
        exit_code = kOk;
    });

    auto d = std::make_shared<ImportOptions>();
    auto* dedicated = cmd->add_subcommand("dedicated", "Institutions that become their own grids (专属网格)");
    add_common(dedicated, d, "Polygon layer: schools, hospitals, markets, parks...");
    dedicated->add_option("--name-field", d->name_field, "Field holding the name")->capture_default_str();
    dedicated->add_option("--type-field", d->type_field, "Field holding the type (empty: none)")->capture_default_str();
    dedicated->add_option("--crs", d->crs, "CRS of the file when it is not declared or wrong");
    dedicated->callback([d, &console, &exit_code] {
        import_dedicated(*d, console);
        exit_code = kOk;
    });

    auto i = std::make_shared<ImportOptions>();
    auto* issues = cmd->add_subcommand("issues", "Reported issues with coordinates (CSV or Excel)");
    add_common(issues, i, "Issues CSV/XLSX: id, reported_at, lon, lat, crs, category, description");
    issues->add_option("--crs", i->crs, std::string("CRS for rows without a crs column value: ") + kCrsForms);
    issues->callback([i, &console, &exit_code] {
        import_issues(*i, console);
        exit_code = kOk;
    });
}

}  // namespace respgrid::cli
