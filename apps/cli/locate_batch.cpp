#include "cli/locate_batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <future>
#include <memory>

#include "cli/batch_locator.hpp"
#include "cli/commands.hpp"
#include "cli/point_options.hpp"
#include "cli/rejects_file.hpp"
#include "cli/responsibility_view.hpp"
#include "cli/unrecognised_categories.hpp"
#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/geo/output_files.hpp"
#include "respgrid/geo/text_encoding.hpp"
#include "respgrid/grids/categories.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/importers/csv_points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

// The columns locate adds after the input's own, in order; the category columns only when the
// input has a category column: the catalogue code the category matched and how (code, name,
// alias, or unrecognised), then who answers besides the territory. Distances and deadlines are
// numbers (XLSX number cells).
std::vector<exporters::TableColumn> added_columns(bool with_category) {
    std::vector<exporters::TableColumn> columns = {{"status"}, {"grid_code"}, {"grid_name"}};
    for (const auto& c : BatchLocator::unit_columns()) columns.push_back({c});
    columns.insert(columns.end(), {{"border_distance_m", true},
                                   {"runner_up_grid"},
                                   {"nearest_grid"},
                                   {"distance_m", true},
                                   {"noise_gap_m", true}});
    if (with_category) {
        columns.insert(columns.end(), {{"category_code"}, {"category_match"}, {"category_owner"}, {"category_owner_phone"},
                                       {"deadline_hours", true}, {"rule"}});
    }
    return columns;
}

// Where the located rows go: standard output ("-"), an XLSX workbook or a CSV file, by the name.
std::unique_ptr<exporters::TableSink> open_sink(const std::string& output, std::vector<exporters::TableColumn> columns,
                                                std::ostream& out) {
    if (output == "-") return exporters::csv_stream_sink(out, "-", std::move(columns));
    if (exporters::is_xlsx_path(output)) return exporters::xlsx_file_sink(output, std::move(columns), "located");
    return exporters::csv_file_sink(output, std::move(columns));
}

struct StatusCounts {
    std::array<std::size_t, 4> by_status{};  // Inside, InGap, Outside, assigned to the nearest
    UnrecognisedCategories unrecognised;     // category texts the catalogue does not know
    std::size_t written = 0;                 // rows written (located), rejects not counted
};

// What every row is located with.
struct RowContext {
    // The grid generations rows may fall in, by creation time, oldest first: one unless rows
    // carry their own time.
    std::vector<std::pair<grids::Instant, const BatchLocator*>> generations;
    grids::Instant at;                        // the time of rows without their own
    grids::UtcOffset zone;                    // the project's: rows' times without offset, days
    std::optional<std::size_t> time;          // the input's time column (reported_at), if used
    const std::vector<std::size_t>& kept;     // input columns copied to the output
    std::optional<std::size_t> category;      // the input's category column
    const ResponsibilityView* responsibility;  // set when there is a category column
    std::optional<double> assign_nearest_m;
    double border_tolerance_m;
};

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

// Locates the parsed rows and appends their output rows to `out`. A category that matches
// nothing in the catalogue is no reject: the row is located, the territory answers (属地兜底)
// and the text is counted for the summary.
void locate_rows(const RowContext& ctx, importers::PointRows& rows, exporters::TableRows& out, StatusCounts& counts,
                 const std::string& path, const std::vector<std::string>& fields) {
    BatchLocator::UnitValues scratch;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto reject = [&](std::size_t field, std::string reason) {
            rows.rejects.push_back({SourceLocation{path, {}, rows.lines[r], fields[field], "line"}, std::move(reason)});
        };
        std::string_view category = ctx.category ? rows.value(r, *ctx.category) : std::string_view();
        // The row's time picks its grid generation and the owners serving then.
        grids::Instant row_at = ctx.at;
        if (ctx.time && !rows.value(r, *ctx.time).empty()) {
            auto t = grids::parse_time(rows.value(r, *ctx.time));
            if (!t.value) {
                // Worded as import issues words it: the same row, the same reason.
                reject(*ctx.time, fields[*ctx.time] + " '" + std::string(rows.value(r, *ctx.time)) +
                                      "' is not a date or time: " + t.error);
                continue;
            }
            row_at = t.value->instant(ctx.zone);
        }
        const grids::Date row_day = row_at.date_in(ctx.zone);
        // A report older than every generation (grids drawn after the campaign began) is located
        // in the oldest one: there is no older answer.
        const BatchLocator* chosen = ctx.generations.front().second;
        if (ctx.generations.size() > 1) {
            auto later = std::upper_bound(ctx.generations.begin(), ctx.generations.end(), row_at,
                                          [](grids::Instant t, const auto& g) { return t < g.first; });
            if (later != ctx.generations.begin()) chosen = std::prev(later)->second;
        }
        const BatchLocator& index = *chosen;
        const auto& locator = index.locator();
        for (std::size_t k : ctx.kept) out.add(rows.value(r, k));
        const geo::XY p = rows.positions[r];
        grids::LocateDetail hit = locator.locate_detailed(p, ctx.border_tolerance_m);
        std::optional<std::size_t> cell = hit.cell;
        bool assigned = false;
        if (!cell && hit.nearest && ctx.assign_nearest_m && hit.nearest_distance_m <= *ctx.assign_nearest_m) {
            cell = hit.nearest;
            assigned = true;
        }
        ++counts.by_status[assigned ? 3 : static_cast<std::size_t>(hit.status)];
        out.add(assigned ? std::string_view("assigned_nearest") : grids::to_string(hit.status));
        if (cell) {
            out.add(locator.code(*cell));
            out.add(index.name(*cell));
            for (const auto& v : index.unit_values(*cell, row_day, scratch)) out.add(v);
        } else {
            for (std::size_t k = 0; k < 2 + BatchLocator::unit_columns().size(); ++k) out.add_empty();
        }
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
        if (ctx.category) {
            if (cell) {
                // The resolver matches the category text; its resolution says whether it was known.
                const grids::Resolution res = ctx.responsibility->resolve(p, locator.code(*cell), category, row_at);
                if (res.category_unrecognised()) counts.unrecognised.add(category);
                add_category(out, res);
            } else {
                const auto match = ctx.responsibility->resolver().catalogue().match(category);
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
        }
        ++counts.written;
    }
}

}  // namespace

int locate_batch(const LocateBatchOptions& opt, Console& console) {
    // Every output is checked before any work (geo/output_files.hpp): never the project or the
    // input, an existing file only with --overwrite. With the rows on standard output, the
    // rejects go beside the project, named after the input.
    const geo::OutputRules rules{{opt.project, opt.input}, opt.overwrite};
    const bool to_stdout = opt.output == "-";
    if (!to_stdout) geo::check_output(opt.output, geo::OutputKind::File, rules);
    // CSV (local or through GDAL's VSI: /vsizip/...) goes to the fast reader, other tables through GDAL.
    const bool fast = importers::is_csv_path(opt.input);
    RejectsFile rejects(to_stdout ? opt.project : opt.output, to_stdout ? opt.input : opt.output, rules, fast);
    // The summary goes where the rows do not.
    std::ostream& summary = to_stdout ? console.io.err : console.io.out;
    auto project = store::Project::open(opt.project);
    if (!project.current_generation()) {
        throw UsageError("the project has no grids yet; run `respgrid grid " + opt.project + " --size 100`");
    }
    // The time the grids and owners are taken at: --at, or now.
    const grids::UtcOffset zone = project.info().time_zone;
    const grids::Instant at = opt.at.empty() ? grids::Instant::now() : time_option(opt.at, "--at", zone);
    auto generation = project.generation_at(at);
    if (!generation) throw UsageError("no grid generation is as old as " + at.to_text(zone));
    const importers::PointTableOptions o = point_options(project, opt.input, opt.crs);
    std::unique_ptr<importers::CsvPointFile> csv;
    importers::PointTable table;  // GDAL path (.xlsx and other tables): read whole
    std::vector<std::string> fields;
    if (fast) {
        csv = std::make_unique<importers::CsvPointFile>(o);
        fields = csv->fields();
    } else {
        table = importers::read_point_table(o);
        fields = table.fields;
    }

    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto load_progress = console.progress("loading grids");
    // Rows with their own time (reported_at) are located in the generation valid then, unless --at
    // fixes one time for all: every generation is loaded when the project has several.
    const std::initializer_list<std::string_view> time_names = {"reported_at", "上报时间", "发现时间"};
    const auto time_column = !opt.at.empty() ? std::nullopt
                             : fast         ? csv->find(time_names)
                                            : importers::Table{opt.input, {}, fields, {}}.find(time_names);
    std::vector<store::GridGeneration> wanted{*generation};
    if (time_column) wanted = project.generations();
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.created < b.created; });
    std::vector<std::unique_ptr<BatchLocator>> indexes;
    std::vector<std::pair<grids::Instant, const BatchLocator*>> by_time;
    for (const auto& g : wanted) {
        grids::GridLocatorOptions locator_options;
        locator_options.noise_width_m = opt.noise_width_m;
        indexes.push_back(std::make_unique<BatchLocator>(project, g.id, load_progress, locator_options));
        by_time.emplace_back(g.created, indexes.back().get());
    }
    const BatchLocator& index = *indexes.back();
    // Who answers for each row's category, by the project's rules (only when rows have one).
    const auto category_column =
        fast ? csv->find({"category", "category_code", "问题类别", "类别"})
             : importers::Table{opt.input, {}, fields, {}}.find({"category", "category_code", "问题类别", "类别"});
    std::optional<ResponsibilityView> responsibility;
    if (category_column) responsibility = ResponsibilityView::load(project, at);

    report(load_progress, 1.0, "grids loaded");
    const auto loaded = Clock::now();

    // Input columns named like the ones locate adds (a file that was located before) are
    // replaced by the fresh values, not duplicated.
    const std::vector<exporters::TableColumn> added = added_columns(category_column.has_value());
    std::vector<std::size_t> kept;
    std::vector<exporters::TableColumn> columns;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (std::any_of(added.begin(), added.end(), [&](const auto& c) { return c.name == fields[i]; })) continue;
        kept.push_back(i);
        columns.push_back({fields[i]});
    }
    columns.insert(columns.end(), added.begin(), added.end());
    const std::size_t width = columns.size();
    auto out = open_sink(opt.output, std::move(columns), console.io.out);
    const RowContext context{by_time,
                             at,
                             zone,
                             time_column,
                             kept,
                             category_column,
                             responsibility ? &*responsibility : nullptr,
                             opt.assign_nearest_m,
                             opt.border_tolerance_m};

    StatusCounts total;
    auto progress = console.progress("locating");
    // A piece of rejects in line order, written as it comes.
    auto add_rejects = [&](std::vector<Reject>& piece) {
        std::stable_sort(piece.begin(), piece.end(),
                         [](const Reject& a, const Reject& b) { return a.where.record < b.where.record; });
        rejects.add(piece);
    };
    if (fast) {
        // Blocks of whole records, each split between the threads; outputs written in order.
        // Reading the next block and writing the previous output run beside the locating, on
        // a third thread, with two sets of buffers taking turns.
        const unsigned threads = std::max(1u, geo::default_threads());
        std::vector<std::unique_ptr<importers::PointChecker>> checkers;
        for (unsigned t = 0; t < threads; ++t) checkers.push_back(std::make_unique<importers::PointChecker>(o));
        std::array<importers::CsvBlock, 2> blocks;
        std::array<std::vector<importers::PointRows>, 2> parsed{std::vector<importers::PointRows>(threads),
                                                                std::vector<importers::PointRows>(threads)};
        std::array<std::vector<exporters::TableRows>, 2> text{std::vector<exporters::TableRows>(threads, exporters::TableRows(width)),
                                                              std::vector<exporters::TableRows>(threads, exporters::TableRows(width))};
        std::vector<StatusCounts> counts(threads);
        // 4 MB blocks: large enough that the threads' start-up is noise, small enough that the
        // two sets of buffers (output ~4x the input) stay a few tens of MB.
        constexpr std::size_t kBlockBytes = std::size_t{4} << 20;
        bool have = csv->read_block(blocks[0], kBlockBytes);
        for (std::size_t k = 0; have; ++k) {
            const std::size_t cur = k % 2, other = 1 - cur;
            // async | deferred: when no thread can be had, libstdc++ runs it at io.get() instead.
            auto io = std::async(std::launch::async | std::launch::deferred, [&, other] {
                for (const auto& t : text[other]) out->write(t);
                return csv->read_block(blocks[other], kBlockBytes);
            });
            const auto& block = blocks[cur];
            const std::size_t n = block.records.size();
            try {
                geo::parallel_for(threads, threads, [&](std::size_t t) {
                    parsed[cur][t].clear();
                    text[cur][t].clear();
                    csv->parse(block, n * t / threads, n * (t + 1) / threads, *checkers[t], parsed[cur][t]);
                    locate_rows(context, parsed[cur][t], text[cur][t], counts[t], opt.input, fields);
                });
            } catch (...) {
                io.wait();
                throw;
            }
            have = io.get();
            for (unsigned t = 0; t < threads; ++t) add_rejects(parsed[cur][t].rejects);
            if (csv->bytes_total() > 0) {
                report(progress, static_cast<double>(csv->bytes_read()) / static_cast<double>(csv->bytes_total()),
                       "locating");
            }
            if (!have) {
                for (const auto& t : text[cur]) out->write(t);
            }
        }
        for (const auto& c : counts) {
            for (std::size_t s = 0; s < total.by_status.size(); ++s) total.by_status[s] += c.by_status[s];
            total.unrecognised.merge(c.unrecognised);
            total.written += c.written;
        }
    } else {
        importers::PointRows rows;
        rows.field_count = fields.size();
        for (auto& row : table.rows) {
            for (const auto& v : row.values) {
                rows.values.append(v);
                rows.ends.push_back(static_cast<std::uint32_t>(rows.values.size()));
            }
            rows.lines.push_back(row.line);
            rows.positions.push_back(row.position);
        }
        exporters::TableRows text(width);
        locate_rows(context, rows, text, total, opt.input, fields);
        out->write(text);
        std::move(rows.rejects.begin(), rows.rejects.end(), std::back_inserter(table.rejects));
        add_rejects(table.rejects);
    }
    out->commit();
    report(progress, 1.0, "located");
    const auto done = Clock::now();
    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    const double locating = seconds(done - loaded);
    const std::size_t rows_read = total.written + rejects.count();
    console.note("loaded " + std::to_string(index.cell_count()) + " grids in " + format_number(seconds(loaded - started), 2) +
                 " s (grid rings " + format_number(static_cast<double>(index.locator().cell_bytes()) / 1048576.0, 1) +
                 " MiB, bucket index " + format_number(static_cast<double>(index.locator().index_bytes()) / 1048576.0, 1) +
                 " MiB, bucket " + format_number(index.locator().bucket_size(), 1) + " m); read, located and wrote " +
                 std::to_string(rows_read) + " rows in " + format_number(locating, 2) + " s (" +
                 format_number(static_cast<double>(rows_read) / std::max(locating, 1e-9), 0) + " rows/s)");
    rejects.finish(console, opt.input);
    const std::string note = geo::transcoding_note(fast ? csv->encoding() : table.encoding, opt.input);
    if (!note.empty()) summary << note << "\n";
    summary << "located " << total.written << " point(s) from " << opt.input << " into "
            << (to_stdout ? std::string("standard output") : opt.output) << ": " << total.by_status[0]
            << " inside a grid, " << total.by_status[1] << " in a coverage gap, " << total.by_status[2]
            << " outside the county, " << total.by_status[3] << " assigned to the nearest grid; " << rejects.count()
            << " rejected (generation " << generation->id << ", at " << at.to_text(zone) << ")\n";
    if (!total.unrecognised.empty()) summary << total.unrecognised.summary() << "\n";
    return rejects.count() == 0 ? kOk : kRowsRejected;
}

}  // namespace respgrid::cli
