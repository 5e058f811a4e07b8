// ops::locate_table: every row of a point table located. CSV (local or through GDAL's VSI:
// /vsizip/...) goes to the fast reader in blocks over every core; other tables through GDAL, whole.
#include <algorithm>
#include <chrono>
#include <future>
#include <memory>

#include "batch_locator.hpp"
#include "generations.hpp"
#include "locate_rows.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/ops/errors.hpp"
#include "respgrid/ops/locate.hpp"
#include "respgrid/ops/point_options.hpp"

namespace respgrid::ops {

namespace {

using detail::BatchLocator;
using detail::RowContext;
using detail::RowCounts;

// The input, read by the fast CSV reader or, whole, through GDAL.
struct PointInput {
    std::unique_ptr<importers::CsvPointFile> csv;
    importers::PointTable table;  // GDAL path (.xlsx and other tables)
    std::vector<std::string> fields;
    importers::PointTableOptions options;

    std::optional<std::size_t> find(std::initializer_list<std::string_view> names) const {
        return csv ? csv->find(names) : importers::Table{options.path, {}, fields, {}}.find(names);
    }
};

PointInput open_input(store::Project& project, const TableLocateOptions& options) {
    PointInput in;
    in.options = point_options(project, options.input, options.crs);
    if (importers::is_csv_path(options.input)) {
        in.csv = std::make_unique<importers::CsvPointFile>(in.options);
        in.fields = in.csv->fields();
    } else {
        in.table = importers::read_point_table(in.options);
        in.fields = in.table.fields;
    }
    return in;
}

// Input columns named like the ones locate adds (a file that was located before) are replaced
// by the fresh values, not duplicated.
std::vector<exporters::TableColumn> output_columns(const std::vector<std::string>& fields, bool with_category,
                                                   std::vector<std::size_t>& kept) {
    const std::vector<exporters::TableColumn> added = detail::added_columns(with_category);
    std::vector<exporters::TableColumn> columns;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (std::any_of(added.begin(), added.end(), [&](const auto& c) { return c.name == fields[i]; })) continue;
        kept.push_back(i);
        columns.push_back({fields[i]});
    }
    columns.insert(columns.end(), added.begin(), added.end());
    return columns;
}

// A piece of rejects in line order, handed on as it comes.
void add_rejects(RejectSink& rejects, std::vector<Reject>& piece, std::size_t& count) {
    std::stable_sort(piece.begin(), piece.end(),
                     [](const Reject& a, const Reject& b) { return a.where.record < b.where.record; });
    rejects.add(piece);
    count += piece.size();
}

// The buffers of one block: its records, and per thread the parsed rows and the output text.
struct BlockBuffers {
    importers::CsvBlock block;
    std::vector<importers::PointRows> parsed;
    std::vector<exporters::TableRows> text;
};

// Blocks of whole records, each split between the threads; outputs written in order. Reading the
// next block and writing the previous output run beside the locating, on a third thread, with two
// sets of buffers taking turns.
RowCounts locate_csv(importers::CsvPointFile& csv, const RowContext& ctx, std::size_t width, LocatedRowSink& sink,
                     RejectSink& rejects, std::size_t& rejected, const Progress& progress) {
    const unsigned threads = std::max(1u, geo::default_threads());
    std::vector<std::unique_ptr<importers::PointChecker>> checkers;
    for (unsigned t = 0; t < threads; ++t) checkers.push_back(std::make_unique<importers::PointChecker>(csv.options()));
    std::array<BlockBuffers, 2> buffers;
    for (auto& b : buffers) {
        b.parsed.resize(threads);
        b.text.assign(threads, exporters::TableRows(width));
    }
    std::vector<RowCounts> counts(threads);
    // 2 MB blocks: large enough that the threads' start-up is noise, small enough that the two
    // sets of buffers (output ~4x the input, and its cell offsets) stay a few tens of MB: a
    // city's million grids already take 420 MB, and the peak must stay under 500 MB.
    constexpr std::size_t kBlockBytes = std::size_t{2} << 20;
    bool have = csv.read_block(buffers[0].block, kBlockBytes);
    for (std::size_t k = 0; have; ++k) {
        BlockBuffers& cur = buffers[k % 2];
        BlockBuffers& other = buffers[1 - k % 2];
        // async | deferred: when no thread can be had, libstdc++ runs it at io.get() instead.
        auto io = std::async(std::launch::async | std::launch::deferred, [&] {
            for (const auto& t : other.text) sink.write(t);
            return csv.read_block(other.block, kBlockBytes);
        });
        const std::size_t n = cur.block.records.size();
        try {
            geo::parallel_for(threads, threads, [&](std::size_t t) {
                cur.parsed[t].clear();
                cur.text[t].clear();
                csv.parse(cur.block, n * t / threads, n * (t + 1) / threads, *checkers[t], cur.parsed[t]);
                detail::locate_rows(ctx, cur.parsed[t], cur.text[t], counts[t]);
            });
        } catch (...) {
            io.wait();
            throw;
        }
        have = io.get();
        for (unsigned t = 0; t < threads; ++t) add_rejects(rejects, cur.parsed[t].rejects, rejected);
        if (csv.bytes_total() > 0) {
            report(progress, static_cast<double>(csv.bytes_read()) / static_cast<double>(csv.bytes_total()),
                   kLocatingMessage);
        }
        if (!have) {
            for (const auto& t : cur.text) sink.write(t);
        }
    }
    RowCounts total;
    for (const auto& c : counts) total.merge(c);
    return total;
}

// A table GDAL read, whole, on this thread.
RowCounts locate_table_rows(importers::PointTable& table, const RowContext& ctx, std::size_t width,
                            LocatedRowSink& sink, RejectSink& rejects, std::size_t& rejected) {
    importers::PointRows rows;
    rows.field_count = table.fields.size();
    for (auto& row : table.rows) {
        for (const auto& v : row.values) {
            rows.values.append(v);
            rows.ends.push_back(static_cast<std::uint32_t>(rows.values.size()));
        }
        rows.lines.push_back(row.line);
        rows.positions.push_back(row.position);
    }
    RowCounts counts;
    exporters::TableRows text(width);
    detail::locate_rows(ctx, rows, text, counts);
    sink.write(text);
    std::move(rows.rejects.begin(), rows.rejects.end(), std::back_inserter(table.rejects));
    add_rejects(rejects, table.rejects, rejected);
    return counts;
}

}  // namespace

TableLocateResult locate_table(const TableLocateOptions& options, LocatedRowSink& sink, RejectSink& rejects,
                               const Progress& progress) {
    auto project = store::Project::open(options.project);
    if (!project.current_generation()) {
        throw UsageError("the project has no grids yet; run `respgrid grid " + options.project + " --size 100`");
    }
    TableLocateResult result;
    result.zone = project.info().time_zone;
    result.at = options.at ? options.at->instant(result.zone) : grids::Instant::now();
    auto generation = project.generation_at(result.at);
    if (!generation) throw UsageError("no grid generation is as old as " + result.at.to_text(result.zone));
    result.generation = generation->id;
    PointInput input = open_input(project, options);

    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    const auto time_column = options.at ? std::nullopt : input.find({"reported_at", "上报时间", "发现时间"});
    const grids::ServingRoster roster(project.load_owners());
    const detail::Generations generations =
        detail::load_generations(project, *generation, time_column.has_value(), roster, result.at.date_in(result.zone),
                                 options.noise_width_m, progress);
    // Who answers for each row's category, by the project's rules (only when rows have one).
    const auto category_column = input.find({"category", "category_code", "问题类别", "类别"});
    std::unique_ptr<grids::ResponsibilityResolver> resolver;
    if (category_column) resolver = load_resolver(project);
    report(progress, 1.0, "grids loaded");
    const auto loaded = Clock::now();

    RowContext ctx{generations.by_time, result.at, result.zone, time_column, {}, category_column, resolver.get(),
                   options.assign_nearest_m, options.border_tolerance_m, options.input, input.fields};
    auto columns = output_columns(input.fields, category_column.has_value(), ctx.kept);
    const std::size_t width = columns.size();
    sink.begin(std::move(columns));
    const RowCounts counts =
        input.csv ? locate_csv(*input.csv, ctx, width, sink, rejects, result.rejected, progress)
                  : locate_table_rows(input.table, ctx, width, sink, rejects, result.rejected);
    sink.finish();
    report(progress, 1.0, "located");

    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    result.by_status = counts.by_status;
    result.written = counts.written;
    result.unrecognised = counts.unrecognised;
    result.encoding = input.csv ? input.csv->encoding() : input.table.encoding;
    const auto& index = *generations.at;
    result.cell_count = index.cell_count();
    result.cell_bytes = index.locator().cell_bytes();
    result.index_bytes = index.locator().index_bytes();
    result.bucket_size_m = index.locator().bucket_size();
    result.load_seconds = seconds(loaded - started);
    result.locate_seconds = seconds(Clock::now() - loaded);
    return result;
}

}  // namespace respgrid::ops
