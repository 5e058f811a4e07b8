#pragma once
// Importing a responsibility layer (areas, or lines buffered into corridors, each with its
// owner) and the precedence rules between the layers (docs/semantics.md).

#include <optional>
#include <string>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/ops/import.hpp"

namespace respgrid::ops {

struct ResponsibilityImportOptions {
    std::string project;
    std::string file;
    std::string layer;  // the OGR layer; empty: the first
    std::string name;   // the layer's name the rules use; empty: the file's stem
    grids::LayerKind kind = grids::LayerKind::Area;
    double buffer_m = 10.0;   // line layers: the corridor's half-width
    std::string owner_field;  // empty: owner_id or an alias
    std::string label_field;  // empty: label, name or an alias
    std::optional<geo::Crs> source_crs;
};

struct ResponsibilityImportResult {
    ImportedFile file;
    grids::ResponsibilityLayer layer;  // as stored (its name, kind and buffer)
};

// Features whose owner is not in the roster are rejected. Replaces the layer's earlier features.
ResponsibilityImportResult import_responsibility(const ResponsibilityImportOptions& options, ImportListener& listener);
// The same within a run that has the project open (import_roster.hpp); `options.project` unused.
ResponsibilityImportResult import_responsibility(store::Project& project, const ResponsibilityImportOptions& options,
                                                 ImportListener& listener);

struct RulesImportResult {
    std::string file;
    std::size_t rules = 0;
};

// The rules file is read once: the text stored is the text parsed (and so checked as UTF-8
// JSON). InputError naming the file and the key when it does not hold.
RulesImportResult import_rules(const std::string& project, const std::string& file);
RulesImportResult import_rules(store::Project& project, const std::string& file);

}  // namespace respgrid::ops
