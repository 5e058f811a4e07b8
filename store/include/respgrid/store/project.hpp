#pragma once
// A respgrid project: one SpatiaLite database file holding the administrative units, grid
// generations, owners and their responsibilities, issue categories, issues and their events,
// and audit runs. Geometries are stored in the project's working CRS (a CGCS2000 3-degree
// Gauss-Krüger zone, EPSG:4534-4554), with a spatial index on every geometry column.
//
// Every write method runs in one transaction: it applies completely or not at all.
// Opening a file that is not a respgrid project, that a newer respgrid wrote, or whose
// project_meta is damaged (a county code or EPSG code that is not one) throws StoreError naming
// what is wrong and modifies nothing. An older schema is migrated forward on open.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "respgrid/geo/crs.hpp"
#include "respgrid/geo/progress.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/grids/issues.hpp"
#include "respgrid/grids/local_time.hpp"
#include "respgrid/grids/owners.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/grids/generator.hpp"
#include "respgrid/grids/grid_row.hpp"
#include "respgrid/grids/grid_shapes.hpp"
#include "respgrid/grids/lines.hpp"
#include "respgrid/grids/square_grid.hpp"
#include "respgrid/store/sqlite.hpp"

namespace respgrid::store {

// The schema version this build writes and understands.
int supported_schema_version();

struct ProjectInfo {
    std::string path;
    std::string county_code;
    std::string county_name;
    std::optional<int> working_epsg;  // unset until `init --crs` or the first boundary import
    int schema_version = 0;
    // The zone times without an offset, validity days, "now" and map dates are read in
    // (project_meta key time_zone, "+08:00"; a project made before it was stored: +08:00).
    grids::UtcOffset time_zone = grids::kChinaTime;
};

struct UpsertCounts {
    std::size_t inserted = 0;
    std::size_t updated = 0;
};

struct GridGeneration {
    long long id = 0;
    std::string created_at;  // as stored: UTC, "YYYY-MM-DDTHH:MM:SS.fffZ"
    grids::Instant created;  // the same instant
    std::string method;
    std::string params;  // JSON
    std::size_t cell_count = 0;
};

struct StoredGrid {
    long long id = 0;
    long long generation_id = 0;
    grids::GridCell cell;
};

// One grid as batch locate reads it: plain rings, no GEOS object, no copy of its text.
struct GridOutline {
    std::string_view code;
    std::string_view name;
    std::string_view village_code;
    std::string_view township_code;
    std::span<const geo::PolygonRings> polygons;  // working CRS; valid during the call only
};

// One territorial link of a grid (the responsibilities `assign` writes).
struct GridLink {
    std::string_view grid_code;
    grids::Role role;
    std::string_view owner_id;
};

struct StoredRules {
    std::string source;   // the file name the rules were imported from
    std::string json;     // the rules file as given (validated at import)
    std::string imported_at;
};

// One `respgrid audit` as it is recorded. What other commands act on is typed: the verdict and
// the grid generation the audit saw (`export` keeps the defect layers only while it is current);
// the summary is kept as the report showed it, for people.
struct AuditRecord {
    std::string layer;                    // as asked: townships, villages, grids or all
    std::string params_json;              // the options it ran with
    bool passed = false;
    std::optional<long long> generation;  // the current grid generation then; none when no grids were cut
    std::string summary_json;             // the report's "summary"
};

struct AuditRun {
    long long id = 0;
    std::string run_at;
    std::string layer;
    bool passed = false;
    std::optional<long long> generation;  // AuditRecord::generation
    std::string summary;                  // JSON
};

class Project;

// One new grid generation, written in one transaction: the grids go in as they come (add), and
// finish() indexes them and commits. Until finish() returns nothing of it is in the project; a
// writer destroyed unfinished (an error while cutting or storing) rolls the transaction back,
// leaving the project as it was. Only the project's own calls may run while it is open.
class GenerationWriter {
public:
    GenerationWriter(GenerationWriter&&) noexcept;
    GenerationWriter& operator=(GenerationWriter&&) noexcept;
    ~GenerationWriter();
    // Stores `cells` (each with its WKB and envelope: StoreError otherwise, nothing stored).
    void add(std::span<const grids::GridCell> cells);
    // Fills the spatial index, records the count and commits; the writer is done after it.
    GridGeneration finish();

private:
    friend class Project;
    struct State;
    explicit GenerationWriter(std::unique_ptr<State> state);
    State& open_state();
    std::unique_ptr<State> state_;
};

class Project {
public:
    // Creates a new project file; fails if `path` exists. On failure no file is left behind.
    static Project create(const std::string& path, const std::string& county_code, const std::string& county_name,
                          std::optional<int> working_epsg = std::nullopt,
                          grids::UtcOffset time_zone = grids::kChinaTime);
    static Project open(const std::string& path);

    ~Project();
    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;

    [[nodiscard]] const ProjectInfo& info() const { return info_; }

    // Throws StoreError when the project cannot be written (a read-only file or folder, another
    // writer holding it), saying that `purpose` needs to: commands that store their result call
    // it before working, not after. SQLite opens a read-only file without complaint and fails
    // only at the first write, so this tries one (rolled back).
    void require_writable(const std::string& purpose);
    // Runs `work`, calls of this project's write methods, as one transaction: everything is stored,
    // or nothing when `work` throws.
    void in_one_transaction(const std::function<void()>& work);
    // The working CRS; throws StoreError when it is not fixed yet.
    [[nodiscard]] geo::Crs working_crs() const;
    // Fixes the working CRS and creates the geometry columns. A no-op when already fixed to
    // the same code; StoreError when fixed to another.
    void fix_working_crs(int epsg);

    // --- administrative units (upsert by code)
    UpsertCounts upsert_units(std::span<const grids::AdminUnit> units, const std::string& source);
    [[nodiscard]] std::vector<grids::AdminUnit> load_units(grids::AdminLevel level);
    [[nodiscard]] std::size_t count_units(grids::AdminLevel level);
    // Replaces the geometry of the given units (found by code and level, their as-shipped copy
    // cleared) and records the repair of `layer` with its change list, in one transaction.
    // Returns the repair run id; StoreError (and nothing changed) when a unit is not stored.
    long long apply_unit_repair(std::span<const grids::AdminUnit> repaired, const std::string& layer,
                                const std::string& params_json, const std::string& changes_json);

    // --- owners (upsert by id; a leader's packages are replaced by those given)
    UpsertCounts upsert_owners(std::span<const grids::Owner> owners);
    [[nodiscard]] std::vector<grids::Owner> load_owners();

    // --- issue categories (upsert by code)
    UpsertCounts upsert_categories(std::span<const grids::IssueCategory> categories);
    [[nodiscard]] std::vector<grids::IssueCategory> load_categories();

    // --- issues (upsert by id; a new issue gets a 'logged' event)
    UpsertCounts upsert_issues(std::span<const grids::IssueReport> issues);
    [[nodiscard]] std::vector<grids::IssueReport> load_issues();

    // --- grid inputs: each import replaces what an earlier import of the same source stored
    // Lines keep their names (NULL when empty), which sheets print along them.
    std::size_t replace_lines(const std::string& source, std::span<const grids::LineFeature> lines);
    [[nodiscard]] std::vector<grids::LineFeature> load_lines();
    std::size_t replace_weights(const std::string& source, std::span<const grids::WeightPoint> points);
    [[nodiscard]] std::vector<grids::WeightPoint> load_weights();
    std::size_t replace_dedicated(const std::string& source, std::span<const grids::DedicatedArea> areas);
    [[nodiscard]] std::vector<grids::DedicatedArea> load_dedicated();

    // --- grids: each call stores a new generation and returns it
    GridGeneration add_generation(const std::string& method, const std::string& params_json,
                                  std::span<const grids::GridCell> cells, const Progress& progress = {});
    // A new generation written a batch of grids at a time, as they are cut (GenerationWriter).
    [[nodiscard]] GenerationWriter begin_generation(const std::string& method, const std::string& params_json);
    [[nodiscard]] std::optional<GridGeneration> current_generation();
    // The generation valid at `at`: the latest created at or before it; nullopt when every
    // generation is younger.
    [[nodiscard]] std::optional<GridGeneration> generation_at(grids::Instant at);
    [[nodiscard]] std::vector<GridGeneration> generations();
    // The cells carry their shape as WKB (GridCell::wkb) with its envelope: cheap for a million
    // grids whose shapes are parsed later, where needed, on several threads.
    [[nodiscard]] std::vector<StoredGrid> load_grids(long long generation_id);
    // The same one grid at a time, in code order, without holding them all twice.
    void for_each_grid(long long generation_id, const std::function<void(StoredGrid&&)>& fn);
    [[nodiscard]] std::size_t grid_count(long long generation_id);
    // The cells alone (GridCell: code, names, WKB and envelope), in code order: what the audit,
    // export and map hold of a generation.
    [[nodiscard]] std::vector<grids::GridCell> load_cells(long long generation_id);
    // Code, village, area and shape (WKB) of every grid, in code order, without names or labels:
    // what the audit holds of a generation (a city's million grids in ~150 bytes each).
    [[nodiscard]] grids::GridShapes load_grid_shapes(long long generation_id);
    // Every grid's outline, in code order, decoded straight from SpatiaLite's BLOB: a million
    // grids load in about a second, where GEOS objects would take several.
    void for_each_grid_outline(long long generation_id, const std::function<void(const GridOutline&)>& fn);
    // Every grid with what the export writes of it (names, area, kind, label, weight, rings), in
    // code order, through one statement and one reused row: nothing of the generation is held.
    void for_each_grid_row(long long generation_id, const grids::GridRowVisitor& fn);
    // Every territorial link of the grids of a generation, in grid code order.
    void for_each_grid_link(long long generation_id, const std::function<void(const GridLink&)>& fn);
    // Code, village and township of every grid of a generation, without geometry (cheap).
    [[nodiscard]] std::vector<grids::GridRef> load_grid_refs(long long generation_id);
    // The grids whose bounding box meets `box` (working CRS), through the spatial index.
    [[nodiscard]] std::vector<StoredGrid> load_grids_in(long long generation_id, const geo::Envelope& box);
    // One grid by code, with its geometry; nullopt when the generation has no such grid.
    [[nodiscard]] std::optional<StoredGrid> find_grid(long long generation_id, const std::string& code);

    // --- territorial chains of one generation (replaces the previous assignment)
    void replace_assignments(long long generation_id, std::span<const grids::GridAssignment> assignments);
    // True when `assign` stored a chain link for some grid of the generation.
    [[nodiscard]] bool has_assignments(long long generation_id);
    // One entry per grid of the generation, in code order (grids never assigned have an empty chain).
    [[nodiscard]] std::vector<grids::GridAssignment> load_assignments(long long generation_id);
    // The same for a few grids only.
    [[nodiscard]] std::vector<grids::GridAssignment> load_assignments(long long generation_id,
                                                                      std::span<const std::string> grid_codes);

    // --- responsibility layers (area and line), their features, and the precedence rules
    // Replaces the layer of that name and all its features (`lines`: for line layers, the line
    // each feature was buffered from, same order; may be empty). Returns the features stored.
    std::size_t replace_responsibility_layer(const grids::ResponsibilityLayer& layer,
                                             std::span<const grids::ResponsibilityFeature> features,
                                             std::span<const geo::Geometry> lines = {});
    // In the order they were first imported.
    [[nodiscard]] std::vector<grids::ResponsibilityLayer> load_responsibility_layers();
    // Every feature of every layer, by layer order then import order.
    [[nodiscard]] std::vector<grids::ResponsibilityFeature> load_responsibility_features();
    // Stores the rules file (replacing an earlier one); validation is the caller's.
    void store_rules(const std::string& source, const std::string& json);
    // nullopt: the project has no rules file; the default rules apply.
    [[nodiscard]] std::optional<StoredRules> load_rules();

    // --- audits
    // Returns the run's id.
    long long record_audit(const AuditRecord& record);
    [[nodiscard]] std::vector<AuditRun> audit_runs();
    // The defect layers of audit run `run`, as the bytes of the GeoPackage the audit wrote;
    // replaces those of any earlier run (only the latest is kept).
    void store_audit_defects(long long run, std::span<const std::uint8_t> gpkg);
    // The same, streamed: `size` bytes that `read` hands over in order (it fills the start of its
    // buffer and returns how many it put there; 0 means it has no more). The GeoPackage goes from
    // its file into the project piece by piece, never held in memory (a city's is tens of MB).
    // StoreError, and nothing stored, when `read` ends before `size` bytes or has more after them.
    using ChunkReader = std::function<std::size_t(std::span<std::uint8_t> buffer)>;
    void store_audit_defects(long long run, std::uint64_t size, const ChunkReader& read);
    struct AuditDefects {
        AuditRun run;
        std::vector<std::uint8_t> gpkg;
    };
    // The latest stored defect layers, if any audit stored them.
    [[nodiscard]] std::optional<AuditDefects> latest_audit_defects();

    // --- revisions: how a long-running reader (respgrid serve) notices changes by other processes
    // Bumped by every change to what locating reads (units, generations, owners, chains,
    // responsibility layers and rules, categories): equal values, same answers.
    [[nodiscard]] long long locating_revision();
    // Grows with every change to the ledger (a report, an event): equal values, same ledger.
    [[nodiscard]] long long ledger_revision();
    // Switches the file to SQLite's write-ahead log (kept in the file): readers on their own
    // connections then never wait for a writer, nor a writer for them.
    void use_write_ahead_log();

    [[nodiscard]] Connection& connection() { return *db_; }

private:
    Project(std::unique_ptr<Connection> db, ProjectInfo info);
    [[nodiscard]] int srid() const;
    void reload_info();

    std::unique_ptr<Connection> db_;
    ProjectInfo info_;
};

}  // namespace respgrid::store
