#include "map_area_plan.hpp"

#include <algorithm>
#include <cmath>

#include "map_grid_labels.hpp"
#include "map_labels.hpp"
#include "map_layers.hpp"
#include "respgrid/geo/error.hpp"

namespace respgrid::exporters::map {

namespace {

// A number is legible in the field when it takes no more than about three quarters of its grid's width
// and height: the scale is chosen so that each number fits with this much room around it.
constexpr double kNumberRoom = 1.3;

// Steps of the series within a decade; 10 closes it.
constexpr double kSteps[] = {1, 2, 2.5, 5, 7.5, 10};

double points_per_metre(double denominator) { return 1000.0 * kPointsPerMm / denominator; }

geo::Envelope padded(const geo::Envelope& e, double margin) {
    geo::Envelope out = e;
    out.expand(geo::XY{e.min_x - margin, e.min_y - margin});
    out.expand(geo::XY{e.max_x + margin, e.max_y + margin});
    return out;
}

geo::Envelope label_box(const NumberLabel& label, double denominator) {
    const double ppm = points_per_metre(denominator);
    const auto box = centred_box(0, 0, label.size.width, label.size.height);
    const double half_w = kNumberRoom * box.width() / 2 / ppm, half_h = kNumberRoom * box.height() / 2 / ppm;
    geo::Envelope e;
    e.expand(geo::XY{label.anchor.x - half_w, label.anchor.y - half_h});
    e.expand(geo::XY{label.anchor.x + half_w, label.anchor.y + half_h});
    return e;
}

// Pages of `frame_m` metres overlapping by `overlap` covering `extent`: how many along one axis.
std::size_t pages_along(double extent, double frame, double overlap) {
    if (extent <= frame) return 1;
    return static_cast<std::size_t>(std::ceil((extent - overlap) / (frame - overlap)));
}

}  // namespace

AreaGrids select_area(const TownshipGrids& tg, const AreaSpec& area) {
    AreaGrids out;
    if (area.kind == AreaKind::Worker) {
        for (std::size_t o = 0; o < tg.owners.size(); ++o) {
            if (tg.owners[o].owner->id == area.id) out.owner = o;
        }
        if (out.owner != kNoOwner) out.grids = tg.owners[out.owner].grids;
    } else {
        for (std::size_t i = 0; i < tg.grids.size(); ++i) {
            if (tg.grids[i].cell->village_code == area.id) out.grids.push_back(i);
        }
    }
    if (out.grids.empty()) {
        throw InputError({}, "exporters: the area has no grid on this date (area='" + area.id + "')");
    }
    for (std::size_t i : out.grids) {
        out.extent.expand(geo::XY{tg.grids[i].envelope.min_x, tg.grids[i].envelope.min_y});
        out.extent.expand(geo::XY{tg.grids[i].envelope.max_x, tg.grids[i].envelope.max_y});
    }
    return out;
}

double round_area_denominator_up(double denominator) {
    const double decade = std::pow(10.0, std::floor(std::log10(std::max(denominator, 1.0))));
    for (double s : kSteps) {
        if (s * decade >= denominator * (1 - 1e-9)) return s * decade;
    }
    return 10 * decade;
}

double next_larger_scale(double denominator) {
    const double decade = std::pow(10.0, std::floor(std::log10(denominator) + 1e-9));
    double best = denominator;
    for (double s : kSteps) {
        for (double d : {s * decade / 10, s * decade}) {
            if (d < denominator * (1 - 1e-9) && (best == denominator || d > best)) best = d;
        }
    }
    return best;
}

bool number_fits(const NumberLabel& label, const SheetGrid& grid, double denominator) {
    return box_inside(label_box(label, denominator), grid.polygons);
}

PageTransform view_transform(const geo::Envelope& view, const PageBox& frame, double denominator) {
    PageTransform t;
    t.points_per_metre = points_per_metre(denominator);
    t.min_x = view.min_x;
    t.max_y = view.max_y;
    t.origin_x = frame.x0;
    t.origin_y = frame.y0;
    return t;
}

AreaLayout plan_area_layout(TextPen& pen, const TownshipGrids& tg, const AreaGrids& area, Paper paper) {
    AreaLayout plan;
    // A margin, so the neighbours' names at the edges have room.
    const double side = std::max(area.extent.max_x - area.extent.min_x, area.extent.max_y - area.extent.min_y);
    const auto extent = padded(area.extent, std::max(0.04 * side, 30.0));
    plan.layout = choose_layout(paper, extent);
    const auto& frame = plan.layout.map_frame;
    const double width = extent.max_x - extent.min_x, height = extent.max_y - extent.min_y;
    const double fit_ppm = std::min(frame.width() / std::max(width, 1.0), frame.height() / std::max(height, 1.0));
    double denominator = std::max(round_area_denominator_up(1000.0 * kPointsPerMm / fit_ppm), kLargestScale);

    const double size_pt = label_size(LabelKind::GridNumber);
    std::vector<double> areas;
    for (std::size_t i : area.grids) areas.push_back(tg.grids[i].cell->area_m2);
    std::nth_element(areas.begin(), areas.begin() + static_cast<std::ptrdiff_t>(areas.size() / 2), areas.end());
    const double median_area = areas[areas.size() / 2];
    for (std::size_t i : area.grids) {
        const auto& grid = tg.grids[i];
        NumberLabel label{i, grid_sequence(*grid.cell), {}, grid.envelope.centre(), true};
        label.size = pen.measure(label.text, size_pt, true);
        const auto& e = grid.envelope;
        const bool whole = grid.cell->area_m2 >= 0.95 * (e.max_x - e.min_x) * (e.max_y - e.min_y);
        if (!whole) {
            // A piece cut by a boundary, a road or a river, L-shaped or ragged: its widest spot,
            // not its envelope's centre.
            label.anchor = grid.cell->shape().max_inscribed_centre(0.5);
        }
        label.holds_scale = whole && grid.cell->area_m2 >= 0.9 * median_area && number_fits(label, grid, kLargestScale);
        plan.numbers.push_back(std::move(label));
    }
    // Larger until every number that holds the scale fits.
    auto all_fit = [&](double d) {
        return std::all_of(plan.numbers.begin(), plan.numbers.end(),
                           [&](const NumberLabel& l) { return !l.holds_scale || number_fits(l, tg.grids[l.grid], d); });
    };
    while (denominator > kLargestScale && !all_fit(denominator)) denominator = next_larger_scale(denominator);
    plan.denominator = denominator;

    // The pages at that scale: one when the area fits, else a block of overlapping pages
    // centred on it. The overlap holds at least a grid and its number, so every grid lies whole
    // on some page.
    const double ppm = points_per_metre(denominator);
    const double frame_w = frame.width() / ppm, frame_h = frame.height() / ppm;
    double largest_grid = 0;
    for (std::size_t i : area.grids) {
        const auto& e = tg.grids[i].envelope;
        largest_grid = std::max({largest_grid, e.max_x - e.min_x, e.max_y - e.min_y});
    }
    const double overlap =
        std::min(std::max(0.1 * std::min(frame_w, frame_h), 1.2 * largest_grid), 0.4 * std::min(frame_w, frame_h));
    const std::size_t nx = pages_along(width, frame_w, overlap), ny = pages_along(height, frame_h, overlap);
    const double span_w = static_cast<double>(nx) * (frame_w - overlap) + overlap;
    const double span_h = static_cast<double>(ny) * (frame_h - overlap) + overlap;
    const auto centre = extent.centre();
    const double left = nx == 1 ? centre.x - frame_w / 2 : centre.x - span_w / 2;
    const double top = ny == 1 ? centre.y + frame_h / 2 : centre.y + span_h / 2;
    for (std::size_t row = 0; row < ny; ++row) {
        for (std::size_t col = 0; col < nx; ++col) {
            geo::Envelope view;
            const double x0 = left + static_cast<double>(col) * (frame_w - overlap);
            const double y1 = top - static_cast<double>(row) * (frame_h - overlap);
            view.expand(geo::XY{x0, y1 - frame_h});
            view.expand(geo::XY{x0 + frame_w, y1});
            plan.covered.expand(geo::XY{view.min_x, view.min_y});
            plan.covered.expand(geo::XY{view.max_x, view.max_y});
            plan.views.push_back(view);
        }
    }
    return plan;
}

}  // namespace respgrid::exporters::map
