#include "map_line_names.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

namespace respgrid::exporters::map {

namespace {

// Candidate spots every few points along the line, and the least distance between two labels of
// one name (about 9 cm on paper): a long road is named again, a short one once.
constexpr double kStepPoints = 6.0;
constexpr double kRepeatPoints = 250.0;

struct Spot {
    double x = 0, y = 0;
    std::size_t stretch = 0;  // which run of consecutive spots inside the frame
    double along = 0;         // points along that run
};

struct Stretch {
    double length = 0;
};

bool in_frame(const PageBox& frame, double x, double y) {
    return x >= frame.x0 && x <= frame.x1 && y >= frame.y0 && y <= frame.y1;
}

// The spots of one path (page coordinates) inside the frame, cut into stretches where it leaves.
void add_spots(const Polyline& path, const PageTransform& t, const PageBox& frame, std::vector<Spot>& spots,
               std::vector<Stretch>& stretches) {
    bool open = false;  // a stretch is being extended
    double carry = 0;   // points walked since the last spot
    auto visit = [&](double x, double y, double walked) {
        if (!in_frame(frame, x, y)) {
            open = false;
            return;
        }
        if (!open) {
            stretches.push_back({});
            open = true;
        } else {
            stretches.back().length += walked;
        }
        spots.push_back({x, y, stretches.size() - 1, stretches.back().length});
    };
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const double x0 = t.page_x(path[i].x), y0 = t.page_y(path[i].y);
        const double x1 = t.page_x(path[i + 1].x), y1 = t.page_y(path[i + 1].y);
        const double length = std::hypot(x1 - x0, y1 - y0);
        // A segment wholly off one side of the frame has no spot: skip it without walking it.
        if (std::max(x0, x1) < frame.x0 || std::min(x0, x1) > frame.x1 || std::max(y0, y1) < frame.y0 ||
            std::min(y0, y1) > frame.y1) {
            open = false;
            carry = 0;
            continue;
        }
        double d = kStepPoints - carry;
        for (; d <= length; d += kStepPoints) {
            const double f = d / length;
            visit(x0 + f * (x1 - x0), y0 + f * (y1 - y0), kStepPoints);
        }
        carry = length - (d - kStepPoints);
    }
}

int priority(grids::LineKind kind) {
    switch (kind) {
        case grids::LineKind::River: return 0;
        case grids::LineKind::MainRoad: return 1;
        case grids::LineKind::Rail: return 2;
        case grids::LineKind::MinorRoad: break;
    }
    return 3;
}

}  // namespace

std::size_t place_line_names(TextPen& pen, LabelPlacer& placer, std::span<const PlainLine> lines,
                             const PageTransform& t, const PageBox& frame) {
    // One entry per (name, kind family), in the order names are placed.
    std::map<std::pair<int, std::string>, std::vector<const PlainLine*>> named;
    for (const auto& l : lines) {
        if (!l.name.empty()) named[{priority(l.kind), l.name}].push_back(&l);
    }
    std::size_t placed = 0;
    for (const auto& [key, members] : named) {
        const auto kind = key.first == 0 ? LabelKind::RiverName : LabelKind::RoadName;
        const std::string& name = key.second;
        std::vector<Spot> spots;
        std::vector<Stretch> stretches;
        for (const auto* l : members) {
            for (const auto& path : l->paths) add_spots(path, t, frame, spots, stretches);
        }
        if (spots.empty()) continue;
        // The longest stretch first, each from its middle outwards.
        std::stable_sort(spots.begin(), spots.end(), [&](const Spot& a, const Spot& b) {
            const auto& sa = stretches[a.stretch];
            const auto& sb = stretches[b.stretch];
            if (sa.length != sb.length) return sa.length > sb.length;
            if (a.stretch != b.stretch) return a.stretch < b.stretch;
            return std::fabs(a.along - sa.length / 2) < std::fabs(b.along - sb.length / 2);
        });
        const auto size = pen.measure(name, label_size(kind));
        std::vector<Spot> done;
        for (const auto& s : spots) {
            const bool far = std::all_of(done.begin(), done.end(), [&](const Spot& o) {
                return std::hypot(o.x - s.x, o.y - s.y) >= kRepeatPoints;
            });
            if (far && placer.try_place(kind, name, centred_box(s.x, s.y, size.width, size.height))) {
                done.push_back(s);
                ++placed;
            }
        }
    }
    return placed;
}

}  // namespace respgrid::exporters::map
