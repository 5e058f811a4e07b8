#include "cli/locate_batch.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <memory>

#include "cli/batch_locator.hpp"
#include "cli/commands.hpp"
#include "cli/responsibility_view.hpp"
#include "respgrid/grids/responsibility.hpp"
#include "respgrid/importers/table.hpp"
#include "respgrid/geo/parallel.hpp"
#include "respgrid/importers/csv_points.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

namespace {

// The columns locate adds after the input's own, in order; the category columns only when the
// input has a category column.
std::vector<std::string> added_columns(bool with_category) {
    std::vector<std::string> columns = {"status", "grid_code", "grid_name"};
    for (const auto& c : BatchLocator::unit_columns()) columns.push_back(c);
    columns.insert(columns.end(), {"border_distance_m", "runner_up_grid", "nearest_grid", "distance_m", "noise_gap_m"});
    if (with_category) columns.insert(columns.end(), {"category_owner", "category_owner_phone", "deadline_hours", "rule"});
    return columns;
}

// The output file, written in large pieces.
class CsvOut {
public:
    explicit CsvOut(const std::string& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
        if (!file_) throw OutputError(path, "cannot create the file");
    }
    ~CsvOut() {
        if (file_) std::fclose(file_);
    }
    CsvOut(const CsvOut&) = delete;
    CsvOut& operator=(const CsvOut&) = delete;
    void write(std::string_view text) {
        if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
            throw OutputError(path_, "cannot write (disk full?)");
        }
    }
    void close() {
        FILE* f = file_;
        file_ = nullptr;
        if (std::fclose(f) != 0) throw OutputError(path_, "cannot write (disk full?)");
    }

private:
    std::string path_;
    std::FILE* file_;
};

struct StatusCounts {
    std::array<std::size_t, 4> by_status{};  // Inside, InGap, Outside, assigned to the nearest
};

void append_distance(std::string& out, double metres, int decimals = 1) {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, metres, std::chars_format::fixed, decimals);
    out.append(buf, ec == std::errc() ? end : buf);
}

// What every row is located with.
struct RowContext {
    // The grid generations rows may fall in, by creation time ("YYYY-MM-DDTHH:MM:SS", UTC),
    // oldest first: one unless rows carry their own time.
    std::vector<std::pair<std::string, const BatchLocator*>> generations;
    std::string at;                           // the time of rows without their own
    std::optional<std::size_t> time;          // the input's time column (reported_at), if used
    const std::vector<std::size_t>& kept;     // input columns copied to the output
    std::optional<std::size_t> category;      // the input's category column
    const ResponsibilityView* responsibility;  // set when there is a category column
    std::optional<double> assign_nearest_m;
    double border_tolerance_m;
};

// The category columns of a located row: who answers besides the territory, by the rules.
void append_category(std::string& out, const grids::Resolution& res) {
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
    if (rule.empty()) rule = "属地兜底: the territory answers";
    out.push_back(',');
    append_csv_value(out, names);
    out.push_back(',');
    append_csv_value(out, phones);
    out.push_back(',');
    if (res.deadline_hours) append_distance(out, *res.deadline_hours);
    out.push_back(',');
    append_csv_value(out, rule);
}

// Locates the parsed rows and appends their output lines to `out`; rows with an unknown category
// become rejects.
void locate_rows(const RowContext& ctx, importers::PointRows& rows, std::string& out, StatusCounts& counts,
                 const std::string& path, const std::vector<std::string>& fields) {
    std::string scratch, row_time;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto reject = [&](std::size_t field, std::string reason) {
            rows.rejects.push_back({SourceLocation{path, {}, rows.lines[r], fields[field], "line"}, std::move(reason)});
        };
        std::string_view category = ctx.category ? rows.value(r, *ctx.category) : std::string_view();
        if (!category.empty() && !ctx.responsibility->resolver().category(category)) {
            reject(*ctx.category, "unknown category '" + std::string(category) + "' (not in the catalogue)");
            continue;
        }
        // The row's time picks its grid generation and the owners serving then.
        std::string_view row_at = ctx.at;
        if (ctx.time && !rows.value(r, *ctx.time).empty()) {
            auto normal = grids::normalize_instant(rows.value(r, *ctx.time));
            if (!normal) {
                reject(*ctx.time, "time '" + std::string(rows.value(r, *ctx.time)) +
                                      "' is not an ISO date or date-time (2026-09-01T08:30:00+08:00)");
                continue;
            }
            row_time = std::move(*normal);
            row_at = row_time;
        }
        // A report older than every generation (grids drawn after the campaign began) is located
        // in the oldest one: there is no older answer.
        const BatchLocator* chosen = ctx.generations.front().second;
        if (ctx.generations.size() > 1) {
            auto later = std::upper_bound(ctx.generations.begin(), ctx.generations.end(), row_at.substr(0, 19),
                                          [](std::string_view t, const auto& g) { return t < g.first; });
            if (later != ctx.generations.begin()) chosen = std::prev(later)->second;
        }
        const BatchLocator& index = *chosen;
        const auto& locator = index.locator();
        for (std::size_t k = 0; k < ctx.kept.size(); ++k) {
            if (k) out.push_back(',');
            append_csv_value(out, rows.value(r, ctx.kept[k]));
        }
        if (!ctx.kept.empty()) out.push_back(',');
        const geo::XY p = rows.positions[r];
        grids::LocateDetail hit = locator.locate_detailed(p, ctx.border_tolerance_m);
        std::optional<std::size_t> cell = hit.cell;
        bool assigned = false;
        if (!cell && hit.nearest && ctx.assign_nearest_m && hit.nearest_distance_m <= *ctx.assign_nearest_m) {
            cell = hit.nearest;
            assigned = true;
        }
        ++counts.by_status[assigned ? 3 : static_cast<std::size_t>(hit.status)];
        out.append(assigned ? std::string_view("assigned_nearest") : grids::to_string(hit.status));
        out.push_back(',');
        if (cell) {
            out.append(locator.code(*cell));
            out.push_back(',');
            out.append(index.name_csv(*cell));
            out.push_back(',');
            out.append(index.unit_csv(*cell, row_at, scratch));
        } else {
            out.push_back(',');
            out.append(BatchLocator::unit_columns().size(), ',');
        }
        out.push_back(',');
        if (hit.cell) {
            append_distance(out, hit.border_distance_m, 2);
            out.push_back(',');
            if (hit.runner_up) out.append(locator.code(*hit.runner_up));
        } else {
            out.push_back(',');
        }
        out.push_back(',');
        if (!hit.cell && hit.nearest) {
            out.append(locator.code(*hit.nearest));
            out.push_back(',');
            append_distance(out, hit.nearest_distance_m, 1);
        } else {
            out.push_back(',');
        }
        out.push_back(',');
        if (hit.noise_gap_m > 0.0) append_distance(out, hit.noise_gap_m, 4);  // in no grid: given by the noise rule
        if (ctx.category) {
            if (cell) {
                append_category(out, ctx.responsibility->resolve(p, locator.code(*cell), category, row_at));
            } else {
                out.append(",,,");
            }
        }
        out.push_back('\n');
    }
}

}  // namespace

int locate_batch(const LocateBatchOptions& opt, Console& console) {
    auto project = store::Project::open(opt.project);
    if (!project.current_generation()) {
        throw UsageError("the project has no grids yet; run `respgrid grid " + opt.project + " --size 100`");
    }
    // The time the grids and owners are taken at: --at, or now.
    std::string at = grids::now_instant();
    if (!opt.at.empty()) {
        auto normal = grids::normalize_instant(opt.at);
        if (!normal) {
            throw UsageError("--at must be an ISO date or date-time (2024-05-01, 2024-05-01T08:30:00+08:00), got '" +
                             opt.at + "'");
        }
        at = *normal;
    }
    auto generation = project.generation_at(at);
    if (!generation) throw UsageError("no grid generation is as old as " + at);
    importers::PointTableOptions o;
    o.path = opt.input;
    if (!opt.crs.empty()) o.default_crs = crs_option(opt.crs, "--crs");
    o.target_crs = project.working_crs();
    // The county's extent: swapped and far-away coordinates are caught, not located.
    if (auto county = project.load_units(grids::AdminLevel::County); !county.empty()) {
        o.expected_area = county.front().geometry.envelope();
    }
    const bool fast = importers::is_csv_path(opt.input);
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
    std::sort(wanted.begin(), wanted.end(), [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
    std::vector<std::unique_ptr<BatchLocator>> indexes;
    std::vector<std::pair<std::string, const BatchLocator*>> by_time;
    for (const auto& g : wanted) {
        grids::GridLocatorOptions locator_options;
        locator_options.noise_width_m = opt.noise_width_m;
        indexes.push_back(std::make_unique<BatchLocator>(project, g.id, load_progress, locator_options));
        by_time.emplace_back(g.created_at.substr(0, 19), indexes.back().get());
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
    const std::vector<std::string> added = added_columns(category_column.has_value());
    std::vector<std::size_t> kept;
    std::string header = "\xEF\xBB\xBF";  // UTF-8 BOM, so Excel shows the Chinese text
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (std::find(added.begin(), added.end(), fields[i]) != added.end()) continue;
        if (!kept.empty()) header.push_back(',');
        kept.push_back(i);
        append_csv_value(header, fields[i]);
    }
    for (std::size_t i = 0; i < added.size(); ++i) {
        if (!kept.empty() || i) header.push_back(',');
        header.append(added[i]);
    }
    header.push_back('\n');
    CsvOut out(opt.output);
    out.write(header);
    const RowContext context{by_time,     at,      time_column, kept, category_column, responsibility ? &*responsibility : nullptr,
                             opt.assign_nearest_m, opt.border_tolerance_m};

    std::vector<Reject> rejects;
    StatusCounts total;
    std::size_t located = 0;
    auto progress = console.progress("locating");
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
        std::array<std::vector<std::string>, 2> text{std::vector<std::string>(threads), std::vector<std::string>(threads)};
        std::vector<StatusCounts> counts(threads);
        // 4 MB blocks: large enough that the threads' start-up is noise, small enough that the
        // two sets of buffers (output ~4x the input) stay a few tens of MB.
        constexpr std::size_t kBlockBytes = std::size_t{4} << 20;
        bool have = csv->read_block(blocks[0], kBlockBytes);
        for (std::size_t k = 0; have; ++k) {
            const std::size_t cur = k % 2, other = 1 - cur;
            auto io = std::async(std::launch::async, [&, other] {
                for (const auto& t : text[other]) out.write(t);
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
            for (unsigned t = 0; t < threads; ++t) {
                located += parsed[cur][t].size();
                std::move(parsed[cur][t].rejects.begin(), parsed[cur][t].rejects.end(), std::back_inserter(rejects));
            }
            if (csv->bytes_total() > 0) {
                report(progress, static_cast<double>(csv->bytes_read()) / static_cast<double>(csv->bytes_total()),
                       "locating");
            }
            if (!have) {
                for (const auto& t : text[cur]) out.write(t);
            }
        }
        for (const auto& c : counts) {
            for (std::size_t s = 0; s < total.by_status.size(); ++s) total.by_status[s] += c.by_status[s];
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
        std::string text;
        locate_rows(context, rows, text, total, opt.input, fields);
        out.write(text);
        located = rows.size();
        rejects = std::move(table.rejects);
        std::move(rows.rejects.begin(), rows.rejects.end(), std::back_inserter(rejects));
    }
    out.close();
    report(progress, 1.0, "located");
    const auto done = Clock::now();
    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    const double locating = seconds(done - loaded);
    console.note("loaded " + std::to_string(index.cell_count()) + " grids in " + format_number(seconds(loaded - started), 2) +
                 " s (grid rings " + format_number(static_cast<double>(index.locator().cell_bytes()) / 1048576.0, 1) +
                 " MiB, bucket index " + format_number(static_cast<double>(index.locator().index_bytes()) / 1048576.0, 1) +
                 " MiB, bucket " + format_number(index.locator().bucket_size(), 1) + " m); read, located and wrote " + std::to_string(located + rejects.size()) + " rows in " +
                 format_number(locating, 2) + " s (" +
                 format_number(static_cast<double>(located + rejects.size()) / std::max(locating, 1e-9), 0) +
                 " rows/s)");
    write_rejects_beside(console, opt.output, opt.output, rejects);
    console.io.out << "located " << located << " point(s) from " << opt.input << " into " << opt.output << ": "
                   << total.by_status[0] << " inside a grid, " << total.by_status[1] << " in a coverage gap, "
                   << total.by_status[2] << " outside the county, " << total.by_status[3]
                   << " assigned to the nearest grid, " << rejects.size() << " rejected (generation " << generation->id
                   << ", at " << at << ")\n";
    return rejects.empty() ? kOk : kRowsRejected;
}

}  // namespace respgrid::cli
