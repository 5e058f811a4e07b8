#include "respgrid/importers/points.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>

#include "respgrid/importers/table.hpp"

namespace respgrid::importers {

namespace {

// One transformation per distinct CRS met in the file, built on first use.
class TransformCache {
public:
    explicit TransformCache(geo::Crs target) : target_(std::move(target)) {}
    const geo::CoordinateTransform& get(const geo::Crs& source) {
        std::string key = source.kind == geo::CrsKind::Wkt ? source.wkt : source.name();
        auto it = cache_.find(key);
        if (it == cache_.end()) {
            it = cache_.emplace(key, std::make_unique<geo::CoordinateTransform>(source, target_)).first;
        }
        return *it->second;
    }

private:
    geo::Crs target_;
    std::map<std::string, std::unique_ptr<geo::CoordinateTransform>> cache_;
};

// Distance from p to the box (0 inside).
double distance_to(const geo::Envelope& box, geo::XY p) {
    double dx = std::max({box.min_x - p.x, 0.0, p.x - box.max_x});
    double dy = std::max({box.min_y - p.y, 0.0, p.y - box.max_y});
    return std::hypot(dx, dy);
}

bool takes_lon_lat(const geo::Crs& crs) { return crs.kind != geo::CrsKind::Epsg || crs.is_geographic(); }

// Would the point fall inside `area` with its two coordinates swapped? Only lon/lat CRSs: a
// latitude typed as the longitude is the classic mistake of hand-made spreadsheets.
bool swapped_inside(double x, double y, const geo::Crs& crs, TransformCache& transforms, const geo::Envelope& area) {
    if (!takes_lon_lat(crs) || std::fabs(x) > 90.0 || std::fabs(y) > 180.0) return false;
    geo::XY p{y, x};
    try {
        if (!transforms.get(crs).transform(p.x, p.y)) return false;
    } catch (const CrsError&) {
        return false;
    }
    return distance_to(area, p) == 0.0;
}

}  // namespace

PointTable read_point_table(const PointTableOptions& options) {
    Table table = read_table(options.path, options.layer);
    const auto x_i = table.require({"lon", "lng", "longitude", "x", "经度"});
    const auto y_i = table.require({"lat", "latitude", "y", "纬度"});
    const auto crs_i = table.find({"crs", "坐标系"});
    if (!crs_i && !options.default_crs) {
        throw InputError(SourceLocation{options.path, table.layer, {}, "crs"},
                         "importers: the table has no crs column; give the coordinates' CRS with --crs");
    }

    PointTable out;
    out.path = options.path;
    out.layer = table.layer;
    out.fields = table.fields;
    out.id_field = table.find({"id", "编号", "问题编号"});
    TransformCache transforms(options.target_crs);
    std::map<std::string, geo::Crs> parsed_crs;

    for (auto& row : table.rows) {
        ++out.rows_read;
        auto reject = [&](std::size_t field, const std::string& reason) {
            out.rejects.push_back({table.where(row, field), reason});
        };
        auto x = parse_number(row.values[x_i]);
        auto y = parse_number(row.values[y_i]);
        if (!x) {
            reject(x_i, "longitude/x '" + row.values[x_i] + "' is not a number");
            continue;
        }
        if (!y) {
            reject(y_i, "latitude/y '" + row.values[y_i] + "' is not a number");
            continue;
        }
        std::string crs_text = crs_i ? row.values[*crs_i] : std::string();
        geo::Crs crs;
        if (crs_text.empty()) {
            if (!options.default_crs) {
                reject(*crs_i, "crs is empty and no --crs default was given");
                continue;
            }
            crs = *options.default_crs;
        } else {
            auto it = parsed_crs.find(crs_text);
            if (it == parsed_crs.end()) {
                try {
                    it = parsed_crs.emplace(crs_text, geo::parse_crs(crs_text)).first;
                } catch (const CrsError&) {
                    reject(*crs_i, "unknown crs '" + crs_text + "' (EPSG:n, wgs84, cgcs2000, gcj02 or bd09)");
                    continue;
                }
            }
            crs = it->second;
        }
        // Reasons are built only for rows that are rejected: this loop is batch locate's hot path.
        auto given = [&] { return "(" + row.values[x_i] + ", " + row.values[y_i] + ")"; };
        auto swapped_reason = [&] {
            return "lon/lat " + given() + " look swapped: (" + row.values[y_i] + ", " + row.values[x_i] +
                   ") falls inside the county; swap the columns or values";
        };
        const bool check_area = options.expected_area.has_value();
        if (takes_lon_lat(crs) && (std::fabs(*x) > 180.0 || std::fabs(*y) > 90.0)) {
            if (check_area && swapped_inside(*x, *y, crs, transforms, *options.expected_area)) {
                reject(x_i, swapped_reason());
            } else {
                reject(std::fabs(*x) > 180.0 ? x_i : y_i, "lon/lat " + given() + " is out of range for " + crs.name());
            }
            continue;
        }
        PointRow point;
        point.x = *x;
        point.y = *y;
        point.crs = crs.name();
        point.position = {*x, *y};
        try {
            if (!transforms.get(crs).transform(point.position.x, point.position.y)) {
                reject(x_i, "the point cannot be transformed from " + crs.name() + " to the working CRS");
                continue;
            }
        } catch (const CrsError& e) {
            reject(crs_i.value_or(x_i), e.what());
            continue;
        }
        if (check_area) {
            double away = distance_to(*options.expected_area, point.position);
            if (away > 0.0 && swapped_inside(*x, *y, crs, transforms, *options.expected_area)) {
                reject(x_i, swapped_reason());
                continue;
            }
            if (away > options.max_distance_m) {
                char km[32];
                std::snprintf(km, sizeof km, "%.0f", away / 1000.0);
                reject(x_i, "point " + given() + " in " + crs.name() + " is " + km +
                                " km from the county: a wrong CRS or a mistyped coordinate?");
                continue;
            }
        }
        point.line = row.line;
        point.values = std::move(row.values);
        out.rows.push_back(std::move(point));
    }
    return out;
}

IssueImport read_issues(const PointTableOptions& options) {
    PointTable points = read_point_table(options);
    IssueImport result;
    result.rows_read = points.rows_read;
    result.rejects = std::move(points.rejects);
    if (!points.id_field) {
        throw InputError(SourceLocation{options.path, options.layer, {}, "id"},
                         "importers: issues need an id column (id or 问题编号)");
    }
    auto column = [&points](std::initializer_list<std::string_view> names) -> std::optional<std::size_t> {
        Table header{points.path, {}, points.fields, {}};
        return header.find(names);
    };
    const auto reported_i = column({"reported_at", "上报时间", "发现时间"});
    const auto category_i = column({"category", "category_code", "问题类别", "类别"});
    const auto description_i = column({"description", "问题描述", "描述"});
    std::map<std::string, long long> first_line_of_id;
    for (auto& row : points.rows) {
        auto value = [&row](std::optional<std::size_t> i) { return i ? row.values[*i] : std::string(); };
        grids::IssueReport issue;
        issue.id = row.values[*points.id_field];
        SourceLocation where{options.path, points.layer, row.line, points.fields[*points.id_field], "row"};
        if (issue.id.empty()) {
            result.rejects.push_back({where, "issue id is empty"});
            continue;
        }
        if (auto [it, fresh] = first_line_of_id.emplace(issue.id, row.line); !fresh) {
            result.rejects.push_back({where, "issue id " + issue.id + " repeats line " + std::to_string(it->second)});
            continue;
        }
        issue.reported_at = value(reported_i);
        issue.lon = row.x;
        issue.lat = row.y;
        issue.crs = row.crs;
        issue.category_code = value(category_i);
        issue.description = value(description_i);
        issue.position = row.position;
        issue.source_file = options.path;
        issue.source_line = row.line;
        result.issues.push_back(std::move(issue));
    }
    return result;
}

}  // namespace respgrid::importers
