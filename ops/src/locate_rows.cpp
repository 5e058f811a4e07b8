#include "locate_rows.hpp"

#include "generations.hpp"

#include <algorithm>

#include "respgrid/grids/categories.hpp"

namespace respgrid::ops::detail {

// Distances and deadlines are numbers (XLSX number cells). With a category: the catalogue code the
// category matched and how (code, name, alias, or unrecognised), then who answers besides the
// territory.
std::vector<exporters::TableColumn> added_columns(bool with_category) {
    std::vector<exporters::TableColumn> columns = {{"status", false, "定位结果"},
                                                   {"grid_code", false, "网格编码"},
                                                   {"grid_name", false, "网格名称"}};
    const auto& units = BatchLocator::unit_columns();
    columns.insert(columns.end(), units.begin(), units.end());
    columns.insert(columns.end(), {{"border_distance_m", true, "距网格边界(米)"},
                                   {"runner_up_grid", false, "相邻网格"},
                                   {"nearest_grid", false, "最近网格"},
                                   {"distance_m", true, "距最近网格(米)"},
                                   {"noise_gap_m", true, "噪声间隙(米)"}});
    if (with_category) {
        columns.insert(columns.end(), {{"category_code", false, "问题类别代码"},
                                       {"category_match", false, "类别匹配方式"},
                                       {"category_owner", false, "责任单位"},
                                       {"category_owner_phone", false, "责任单位电话"},
                                       {"deadline_hours", true, "处置时限(小时)"},
                                       {"rule", false, "责任规则"}});
    }
    return columns;
}

void RowCounts::merge(const RowCounts& other) {
    for (std::size_t s = 0; s < by_status.size(); ++s) by_status[s] += other.by_status[s];
    unrecognised.merge(other.unrecognised);
    written += other.written;
}

namespace {

// The category columns of a located row: who answers besides the territory, by the rules.
void add_category(exporters::TableRows& out, const grids::Resolution& res) {
    out.add(res.category);
    if (grids::category_key(res.category_text).empty()) {
        out.add_empty();
    } else {
        out.add(grids::to_string(res.category_match));
    }
    std::string names, phones, rule;
    for (const auto& a : res.answers) {
        if (a.layer == grids::kTerritory || !a.owner) continue;
        if (!names.empty()) {
            names += "；";
            phones += "；";
        }
        names += a.owner->name;
        phones += a.owner->phone;
        if (rule.empty()) rule = a.rule;
    }
    if (rule.empty()) {
        rule = res.category_unrecognised()
                   ? "属地兜底: category '" + res.category_text + "' is not in the catalogue (by code, name or alias); "
                                                                  "the territory answers"
                   : std::string("属地兜底: the territory answers");
    }
    out.add(names);
    out.add(phones);
    if (res.deadline_hours) {
        out.add_number(*res.deadline_hours, 1);
    } else {
        out.add_empty();
    }
    out.add(rule);
}

// The category columns of a row in no grid: the category as matched, nobody to answer.
void add_category_outside(exporters::TableRows& out, const grids::CategoryCatalogue& catalogue,
                          std::string_view category, RowCounts& counts) {
    const auto match = catalogue.match(category);
    const bool given = !grids::category_key(category).empty();
    if (given && !match) counts.unrecognised.add(category);
    if (match) {
        out.add(match.category->code);
    } else {
        out.add_empty();
    }
    if (given) {
        out.add(grids::to_string(match.how));
    } else {
        out.add_empty();
    }
    for (int k = 0; k < 4; ++k) out.add_empty();
}

// The distance columns: to the border and the grid across it (inside), to the nearest grid
// (outside), and the noise gap of a point given to a grid by the border rule.
void add_distances(exporters::TableRows& out, const grids::GridLocator& locator, const grids::LocateDetail& hit) {
    if (hit.cell) {
        out.add_number(hit.border_distance_m, 2);
        if (hit.runner_up) {
            out.add(locator.code(*hit.runner_up));
        } else {
            out.add_empty();
        }
    } else {
        out.add_empty();
        out.add_empty();
    }
    if (!hit.cell && hit.nearest) {
        out.add(locator.code(*hit.nearest));
        out.add_number(hit.nearest_distance_m, 1);
    } else {
        out.add_empty();
        out.add_empty();
    }
    if (hit.noise_gap_m > 0.0) {
        out.add_number(hit.noise_gap_m, 4);  // in no grid: given by the noise rule
    } else {
        out.add_empty();
    }
}

// The chains of the epoch of `day`, remembered between rows: rows mostly share an epoch, and
// then never take the locator's lock.
class EpochCache {
public:
    const EpochChains& get(const BatchLocator& index, grids::Date day) {
        const std::size_t epoch = index.epoch_of(day);
        if (&index != index_ || epoch != epoch_) {
            chains_ = &index.chains_on(day);
            index_ = &index;
            epoch_ = epoch;
        }
        return *chains_;
    }

private:
    const BatchLocator* index_ = nullptr;
    std::size_t epoch_ = 0;
    const EpochChains* chains_ = nullptr;
};

// One located row after the input's columns.
void add_located(const RowContext& ctx, const BatchLocator& index, const EpochChains& chains, geo::XY p,
                 grids::Instant at, std::string_view category, exporters::TableRows& out, RowCounts& counts) {
    const auto& locator = index.locator();
    grids::LocateDetail hit = locator.locate_detailed(p, ctx.border_tolerance_m);
    const grids::Assignment assignment = grids::assign_located(hit, ctx.assign_nearest_m);
    const std::optional<std::size_t> cell = assignment.cell;
    ++counts.by_status[assignment.to_nearest ? 3 : static_cast<std::size_t>(hit.status)];
    out.add(grids::located_status(hit, assignment));
    if (cell) {
        out.add(locator.code(*cell));
        out.add(index.name(*cell));
        const std::uint32_t shared = chains.shared_of[*cell];
        out.add_cells(chains.joined[shared], chains.joined_ends[shared].data(), kUnitValueCount);
    } else {
        for (std::size_t k = 0; k < 2 + kUnitValueCount; ++k) out.add_empty();
    }
    add_distances(out, locator, hit);
    if (!ctx.category) return;
    if (!cell) {
        add_category_outside(out, ctx.resolver->catalogue(), category, counts);
        return;
    }
    // The resolver matches the category text; its resolution says whether it was known.
    const grids::Resolution res = ctx.resolver->resolve(p, chains.chains[chains.shared_of[*cell]], category, at);
    if (res.category_unrecognised()) counts.unrecognised.add(category);
    add_category(out, res);
}

}  // namespace

// Rows ahead of the one being located whose index entries are fetched, one stage per step:
// each stage's memory has arrived by the time the next one reads it.
constexpr std::size_t kPrefetchStep = 3;

void locate_rows(const RowContext& ctx, importers::PointRows& rows, exporters::TableRows& out, RowCounts& counts) {
    EpochCache epochs;
    // The grid generation rows prefetch in: the one at the context's time (rows with their own
    // time mostly fall in it too).
    const BatchLocator& ahead_index = generation_valid_at(ctx.generations, ctx.at);
    const grids::GridLocator& ahead = ahead_index.locator();
    const EpochChains& ahead_chains = ahead_index.chains_on(ctx.at.date_in(ctx.zone));
    constexpr int kStages = grids::GridLocator::kPrefetchStages;
    constexpr std::size_t kAhead = kPrefetchStep * kStages;
    std::array<std::size_t, kAhead + 1> buckets{};  // by row % (kAhead + 1): the rows' buckets
    for (std::size_t r = 0; r < std::min(kAhead, rows.size()); ++r) buckets[r] = ahead.prefetch_bucket(rows.positions[r]);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (r + kAhead < rows.size()) buckets[(r + kAhead) % (kAhead + 1)] = ahead.prefetch_bucket(rows.positions[r + kAhead]);
        for (int s = 1; s < kStages; ++s) {
            const std::size_t k = r + kPrefetchStep * static_cast<std::size_t>(kStages - s);
            if (k >= rows.size()) continue;
            const std::size_t cell = ahead.prefetch(buckets[k % (kAhead + 1)], s);
            // The row's own columns of the cell, as soon as the cell is known and a stage later.
            if (s == 1 || s == 2) ahead_index.prefetch(cell, s - 1, ahead_chains);
        }
        // The row's time picks its grid generation and the owners serving then.
        grids::Instant row_at = ctx.at;
        if (ctx.time && !rows.value(r, *ctx.time).empty()) {
            auto t = grids::parse_time(rows.value(r, *ctx.time));
            if (!t.value) {
                // Worded as import issues words it: the same row, the same reason.
                const std::string& field = ctx.fields[*ctx.time];
                rows.rejects.push_back({SourceLocation{ctx.path, {}, rows.lines[r], field, "line"},
                                        field + " '" + std::string(rows.value(r, *ctx.time)) +
                                            "' is not a date or time: " + t.error});
                continue;
            }
            row_at = t.value->instant(ctx.zone);
        }
        const BatchLocator& index = generation_valid_at(ctx.generations, row_at);
        const EpochChains& chains = epochs.get(index, row_at.date_in(ctx.zone));
        for (std::size_t k : ctx.kept) out.add(rows.value(r, k));
        const std::string_view category = ctx.category ? rows.value(r, *ctx.category) : std::string_view();
        add_located(ctx, index, chains, rows.positions[r], row_at, category, out, counts);
        ++counts.written;
    }
}

}  // namespace respgrid::ops::detail
