// Grid generations, their cells, and the territorial chains written by `assign`.
#include "repository_util.hpp"
#include "rtree_bulk.hpp"
#include "spatialite_blob.hpp"
#include "respgrid/store/project.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <optional>

namespace respgrid::store {

namespace {
GridGeneration read_generation(Connection& db, const Statement& st) {
    GridGeneration g{st.integer(0), st.text(1), {}, st.text(2), st.text(3), static_cast<std::size_t>(st.integer(4))};
    // SQLite wrote it ("2026-12-06T03:59:51.123Z"); the Z makes the zone irrelevant.
    auto t = grids::parse_time(g.created_at);
    if (!t.value || !t.value->second_of_day) {
        throw StoreError(db.path(), "grid_generations.created_at is '" + g.created_at + "', not a time (generation=" +
                                        std::to_string(g.id) + ")");
    }
    g.created = t.value->instant(grids::kUtc);
    return g;
}
constexpr const char* kGenerationColumns = "SELECT id, created_at, method, params, cell_count FROM grid_generations";
}  // namespace

namespace {

// SpatiaLite keeps a geometry column's constraints, its last-insert time and its R*Tree index
// current with per-row triggers; for a generation of 150,000 cells they cost more than the
// rows themselves. A bulk load drops them inside the transaction, inserts, rebuilds the R*Tree
// packed from the envelopes computed here (rtree_bulk.hpp) together with the entries it already
// had, and recreates the very same triggers. If anything fails, the transaction's rollback
// restores the triggers and the index with everything else.
class BulkLoad {
public:
    BulkLoad(Connection& db, const std::string& table, const std::string& column) : db_(db) {
        Statement st(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name IN "
                         "(?, ?, ?)");
        st.bind(table).bind("ggi_" + table + "_" + column).bind("tmi_" + table + "_" + column)
            .bind("gii_" + table + "_" + column);
        while (st.step()) triggers_.emplace_back(st.text(0), st.text(1));
        for (const auto& [name, sql] : triggers_) db.exec("DROP TRIGGER \"" + name + "\"");
        index_table_ = "idx_" + table + "_" + column;
        touch_ = "UPDATE geometry_columns_time SET last_insert = " + std::string(detail::kNow) +
                 " WHERE Lower(f_table_name) = Lower('" + table + "') AND Lower(f_geometry_column) = Lower('" + column +
                 "')";
    }
    void index(long long rowid, const geo::Envelope& e) { added_.push_back({rowid, e}); }
    void finish() {
        auto entries = detail::read_rtree(db_, index_table_);
        entries.insert(entries.end(), added_.begin(), added_.end());
        added_.clear();
        detail::rebuild_rtree(db_, index_table_, std::move(entries));
        db_.exec(touch_);
        for (const auto& [name, sql] : triggers_) db_.exec(sql);
    }

private:
    Connection& db_;
    std::vector<std::pair<std::string, std::string>> triggers_;
    std::string index_table_;
    std::vector<detail::RtreeEntry> added_;
    std::string touch_;
};

}  // namespace

namespace {
// The page cache while a generation is written: the rows and indexes grow at their right edges,
// so a small cache spills finished pages to the file instead of holding a city's 500 MB of them
// (the transaction still commits or rolls back as one).
constexpr int kWriteCacheKiB = 65536;
}  // namespace

struct GenerationWriter::State {
    Connection& db;
    std::string path;
    Transaction tx;  // declared before the statements: they are finalised before it rolls back
    detail::ScanCache cache;
    long long generation_id = 0;
    std::size_t count = 0;
    int srid = 0;
    std::string today;
    std::optional<BulkLoad> bulk;
    std::optional<Statement> insert;
    std::vector<std::uint8_t> blob;

    State(Connection& connection, std::string project_path) : db(connection), path(std::move(project_path)), tx(db), cache(db, kWriteCacheKiB) {}
};

GenerationWriter::GenerationWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
GenerationWriter::GenerationWriter(GenerationWriter&&) noexcept = default;
GenerationWriter& GenerationWriter::operator=(GenerationWriter&&) noexcept = default;
GenerationWriter::~GenerationWriter() = default;

GenerationWriter Project::begin_generation(const std::string& method, const std::string& params_json) {
    auto s = std::make_unique<GenerationWriter::State>(*db_, info_.path);
    s->srid = srid();
    // The count is set by finish(), when it is known.
    Statement gen(*db_, "INSERT INTO grid_generations (created_at, method, params, cell_count) VALUES (" +
                            std::string(detail::kNow) + ", ?, ?, 0)");
    gen.bind(method).bind(params_json).run();
    s->generation_id = db_->last_insert_rowid();
    s->bulk.emplace(*db_, "grids", "geom");
    s->insert.emplace(*db_,
                      "INSERT INTO grids (generation_id, code, name, village_code, township_code, area_m2, col, row, "
                      "initial_date, kind, label, weight, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // Evaluated once: the same day (of the project's zone) for every cell of the generation.
    s->today = grids::Instant::now().date_in(info_.time_zone).to_string();
    return GenerationWriter(std::move(s));
}

// The open writer's state; a finished (or moved-from) writer has none, and using it is a bug.
GenerationWriter::State& GenerationWriter::open_state() {
    if (!state_) throw StoreError("", "store: the grid generation was already finished; nothing was stored");
    return *state_;
}

void GenerationWriter::add(std::span<const grids::GridCell> cells) {
    State& s = open_state();
    Statement& insert = *s.insert;
    for (const auto& c : cells) {
        insert.reset();
        insert.bind(s.generation_id).bind_unowned(c.code).bind_unowned(c.name).bind_unowned(c.village_code)
            .bind_unowned(c.township_code).bind(c.area_m2).bind(c.column).bind(c.row).bind_unowned(s.today)
            .bind_unowned(c.dedicated ? std::string_view("dedicated") : std::string_view("general"));
        if (c.label.empty()) {
            insert.bind_null();
        } else {
            insert.bind_unowned(c.label);
        }
        // A cell carries its WKB and envelope; the SpatiaLite geometry BLOB is written from them
        // directly (spatialite_blob.hpp). A cell without an envelope (WKB set by hand, not through
        // GridCell::set_shape) would be stored with an infinite box no spatial query finds.
        if (c.wkb.empty() || c.envelope.empty()) {
            throw StoreError(s.path, "store: grid " + c.code + " has no shape or no envelope; nothing was stored");
        }
        detail::write_multipolygon_blob(s.blob, c.wkb, s.srid, c.envelope);
        insert.bind(c.weight).bind_unowned(s.blob);
        insert.run();
        s.bulk->index(s.db.last_insert_rowid(), c.envelope);
        ++s.count;
    }
}

GridGeneration GenerationWriter::finish() {
    State& s = open_state();
    s.insert.reset();
    s.bulk->finish();
    Statement count(s.db, "UPDATE grid_generations SET cell_count = ? WHERE id = ?");
    count.bind(static_cast<long long>(s.count)).bind(s.generation_id).run();
    s.tx.commit();
    Statement st(s.db, std::string(kGenerationColumns) + " WHERE id = ?");
    st.bind(s.generation_id);
    st.step();
    GridGeneration g = read_generation(s.db, st);
    state_.reset();
    return g;
}

GridGeneration Project::add_generation(const std::string& method, const std::string& params_json,
                                       std::span<const grids::GridCell> cells, const Progress& progress) {
    GenerationWriter writer = begin_generation(method, params_json);
    constexpr std::size_t kBatch = 4096;
    for (std::size_t k = 0; k < cells.size(); k += kBatch) {
        report(progress, static_cast<double>(k) / static_cast<double>(cells.size()), "storing grids");
        writer.add(cells.subspan(k, std::min(kBatch, cells.size() - k)));
    }
    GridGeneration g = writer.finish();
    report(progress, 1.0, "grids stored");
    return g;
}

std::optional<GridGeneration> Project::current_generation() {
    Statement st(*db_, std::string(kGenerationColumns) + " ORDER BY id DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    return read_generation(*db_, st);
}

std::optional<GridGeneration> Project::generation_at(grids::Instant at) {
    // A project has a handful of generations: compare them as instants, the latest id winning a tie.
    std::optional<GridGeneration> best;
    for (auto& g : generations()) {
        if (g.created <= at && (!best || best->created <= g.created)) best = std::move(g);
    }
    return best;
}

std::vector<GridGeneration> Project::generations() {
    Statement st(*db_, std::string(kGenerationColumns) + " ORDER BY id");
    std::vector<GridGeneration> out;
    while (st.step()) out.push_back(read_generation(*db_, st));
    return out;
}

namespace {
constexpr const char* kGridColumns =
    "SELECT id, code, coalesce(name, ''), village_code, township_code, area_m2, coalesce(col, 0), coalesce(row, 0), "
    "AsBinary(geom), kind, coalesce(label, ''), coalesce(weight, 0), "
    "MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM grids ";

StoredGrid read_grid(const Statement& st, long long generation_id) {
    StoredGrid g;
    g.id = st.integer(0);
    g.generation_id = generation_id;
    g.cell.code = st.text(1);
    g.cell.name = st.text(2);
    g.cell.village_code = st.text(3);
    g.cell.township_code = st.text(4);
    g.cell.area_m2 = st.real(5);
    g.cell.column = st.integer(6);
    g.cell.row = st.integer(7);
    auto wkb = st.blob_view(8);
    g.cell.wkb.assign(wkb.begin(), wkb.end());
    g.cell.dedicated = st.text(9) == "dedicated";
    g.cell.label = st.text(10);
    g.cell.weight = st.real(11);
    // The BLOB header's MBR: the envelope add_generation wrote, without parsing the shape.
    g.cell.envelope = {st.real(12), st.real(13), st.real(14), st.real(15)};
    return g;
}
}  // namespace

std::vector<StoredGrid> Project::load_grids(long long generation_id) {
    std::vector<StoredGrid> out;
    out.reserve(grid_count(generation_id));
    for_each_grid(generation_id, [&out](StoredGrid&& g) { out.push_back(std::move(g)); });
    return out;
}

std::vector<grids::GridCell> Project::load_cells(long long generation_id) {
    std::vector<grids::GridCell> cells;
    cells.reserve(grid_count(generation_id));
    for_each_grid(generation_id, [&cells](StoredGrid&& g) { cells.push_back(std::move(g.cell)); });
    return cells;
}

std::size_t Project::grid_count(long long generation_id) {
    Statement count(*db_, "SELECT cell_count FROM grid_generations WHERE id = ?");
    count.bind(generation_id);
    return count.step() ? static_cast<std::size_t>(count.integer(0)) : 0;
}

void Project::for_each_grid(long long generation_id, const std::function<void(StoredGrid&&)>& fn) {
    detail::ScanCache scan(*db_);
    Statement st(*db_, std::string(kGridColumns) + "WHERE generation_id = ? ORDER BY code");
    st.bind(generation_id);
    while (st.step()) fn(read_grid(st, generation_id));
}

std::vector<grids::GridRef> Project::load_grid_refs(long long generation_id) {
    Statement st(*db_, "SELECT code, village_code, township_code FROM grids WHERE generation_id = ? ORDER BY code");
    st.bind(generation_id);
    std::vector<grids::GridRef> out;
    while (st.step()) out.push_back({st.text(0), st.text(1), st.text(2)});
    return out;
}

std::vector<StoredGrid> Project::load_grids_in(long long generation_id, const geo::Envelope& box) {
    Statement st(*db_, std::string(kGridColumns) +
                           "WHERE ROWID IN (SELECT ROWID FROM SpatialIndex WHERE f_table_name = 'grids' AND "
                           "f_geometry_column = 'geom' AND search_frame = BuildMbr(?, ?, ?, ?, ?)) "
                           "AND generation_id = ? ORDER BY code");
    st.bind(box.min_x).bind(box.min_y).bind(box.max_x).bind(box.max_y).bind(srid()).bind(generation_id);
    std::vector<StoredGrid> out;
    while (st.step()) out.push_back(read_grid(st, generation_id));
    return out;
}

std::optional<StoredGrid> Project::find_grid(long long generation_id, const std::string& code) {
    Statement st(*db_, std::string(kGridColumns) + "WHERE generation_id = ? AND code = ?");
    st.bind(generation_id).bind(code);
    if (!st.step()) return std::nullopt;
    return read_grid(st, generation_id);
}

void Project::replace_assignments(long long generation_id, std::span<const grids::GridAssignment> assignments) {
    Transaction tx(*db_);
    std::map<std::string, long long> grid_ids;
    {
        Statement ids(*db_, "SELECT code, id FROM grids WHERE generation_id = ?");
        ids.bind(generation_id);
        while (ids.step()) grid_ids[ids.text(0)] = ids.integer(1);
    }
    Statement clear(*db_,
                    "DELETE FROM responsibilities WHERE scope = 'grid' AND grid_id IN "
                    "(SELECT id FROM grids WHERE generation_id = ?)");
    clear.bind(generation_id).run();
    Statement insert(*db_,
                     "INSERT INTO responsibilities (owner_id, role, scope, grid_id, rule) VALUES (?, ?, 'grid', ?, ?)");
    for (const auto& a : assignments) {
        auto it = grid_ids.find(a.grid_code);
        if (it == grid_ids.end()) {
            throw StoreError(db_->path(), "grid " + a.grid_code + " is not in generation " + std::to_string(generation_id));
        }
        for (const auto& link : a.chain) {
            insert.reset();
            insert.bind(link.owner_id).bind(grids::to_string(link.role)).bind(it->second).bind(link.rule).run();
        }
    }
    tx.commit();
}

namespace {

// Rows of (code, role, owner_id, rule) into one assignment per grid, chains in role order.
std::vector<grids::GridAssignment> read_assignments(Statement& st) {
    std::vector<grids::GridAssignment> out;
    while (st.step()) {
        std::string code = st.text(0);
        if (out.empty() || out.back().grid_code != code) out.push_back({code, {}, {}});
        if (st.is_null(1)) continue;
        if (auto role = grids::parse_role(st.text(1))) out.back().chain.push_back({*role, st.text(2), st.text(3)});
    }
    for (auto& a : out) {
        std::vector<grids::ChainLink> ordered;
        for (auto role : grids::kTerritorialRoles) {
            auto it = std::find_if(a.chain.begin(), a.chain.end(), [role](const auto& l) { return l.role == role; });
            if (it != a.chain.end()) {
                ordered.push_back(*it);
            } else {
                a.missing.push_back(role);
            }
        }
        a.chain = std::move(ordered);
    }
    return out;
}

constexpr const char* kAssignmentQuery =
    "SELECT g.code, r.role, r.owner_id, coalesce(r.rule, '') FROM grids g "
    "LEFT JOIN responsibilities r ON r.grid_id = g.id AND r.scope = 'grid' WHERE g.generation_id = ? ";

}  // namespace

bool Project::has_assignments(long long generation_id) {
    // From the assignments to their grids (CROSS JOIN keeps that order): SQLite's own choice walks
    // the generation's grids and probes for each, which for a city nobody was assigned to reads a
    // million index entries into the page cache (50 MB held to the end of an audit) to find none.
    // A small cache all the same, for a project whose assignments are all of older generations.
    detail::ScanCache small_cache(*db_);
    Statement st(*db_,
                 "SELECT EXISTS (SELECT 1 FROM responsibilities r CROSS JOIN grids g ON g.id = r.grid_id "
                 "WHERE r.scope = 'grid' AND g.generation_id = ?)");
    st.bind(generation_id);
    return st.step() && st.integer(0) != 0;
}

std::vector<grids::GridAssignment> Project::load_assignments(long long generation_id) {
    Statement st(*db_, std::string(kAssignmentQuery) + "ORDER BY g.code");
    st.bind(generation_id);
    return read_assignments(st);
}

std::vector<grids::GridAssignment> Project::load_assignments(long long generation_id,
                                                             std::span<const std::string> grid_codes) {
    std::vector<grids::GridAssignment> out;
    Statement st(*db_, std::string(kAssignmentQuery) + "AND g.code = ?");
    for (const auto& code : grid_codes) {
        st.reset();
        st.bind(generation_id).bind(code);
        auto one = read_assignments(st);
        std::move(one.begin(), one.end(), std::back_inserter(out));
    }
    return out;
}

}  // namespace respgrid::store
