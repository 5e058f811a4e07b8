#pragma once
// Importing the roster of owners (units, departments, leaders, grid workers), optionally with the
// category table, responsibility layers and rules that name them, as one run: everything goes in
// together or nothing does.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/owners.hpp"
#include "respgrid/ops/import.hpp"
#include "respgrid/ops/import_responsibility.hpp"

namespace respgrid::ops {

struct NamedLayerFile {
    std::string name;  // the layer's name the rules use
    std::string file;
};

struct RosterImportOptions {
    std::string project;
    std::string file;
    std::string layer;  // the roster's sheet or layer; empty: the first
    std::optional<std::string> categories_file;
    std::vector<NamedLayerFile> areas;  // area responsibility layers
    std::vector<NamedLayerFile> lines;  // line responsibility layers, buffered by buffer_m
    double buffer_m = 10.0;
    std::optional<geo::Crs> layers_crs;  // of the area and line files, when not declared or wrong
    std::optional<std::string> rules_file;
};

struct RosterImportResult {
    ImportedFile roster;
    std::map<grids::OwnerKind, std::size_t> owners_by_kind;
    std::optional<ImportedFile> categories;
    std::vector<ResponsibilityImportResult> layers;  // the areas, then the lines
    std::optional<RulesImportResult> rules;
};

// Every area and line file is opened before anything is read (InputError naming it); then the
// run is one transaction: a file that fails half-way leaves the project as it was.
RosterImportResult import_roster(const RosterImportOptions& options, ImportListener& listener);

}  // namespace respgrid::ops
