#include "respgrid/grids/coverage.hpp"
#include "respgrid/geo/enum_names.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "box_index.hpp"
#include "respgrid/grids/cell_piece.hpp"
#include "respgrid/grids/wkb_envelope.hpp"
#include "polygon_checks.hpp"
#include "respgrid/geo/error.hpp"
#include "respgrid/geo/linework.hpp"
#include "respgrid/geo/parallel.hpp"

namespace respgrid::grids {

namespace {
constexpr geo::EnumNames<DefectKind, 5> kDefectKindNames{{{{DefectKind::Invalid, "invalid"},
                                                          {DefectKind::Gap, "gap"},
                                                          {DefectKind::Overlap, "overlap"},
                                                          {DefectKind::Spill, "spill"},
                                                          {DefectKind::Nesting, "nesting"}}}};
}  // namespace

std::string_view to_string(DefectKind kind) { return kDefectKindNames.name(kind); }

std::size_t CoverageReport::count(DefectKind kind) const {
    return static_cast<std::size_t>(
        std::count_if(defects.begin(), defects.end(), [kind](const CoverageDefect& d) { return d.kind == kind; }));
}

double CoverageReport::area(DefectKind kind) const {
    double total = 0.0;
    for (const auto& d : defects) {
        if (d.kind == kind) total += d.area_m2;
    }
    return total;
}

std::size_t CoverageReport::narrow_gaps() const {
    return static_cast<std::size_t>(std::count_if(defects.begin(), defects.end(), [](const CoverageDefect& d) {
        return d.kind == DefectKind::Gap && d.narrow;
    }));
}

namespace {

using detail::BBox;
using detail::BoxEntry;
using detail::BoxTree;
using detail::to_box;
namespace bg = detail::bg;
namespace bgi = detail::bgi;

template <typename Geometries>
BoxTree index_of(std::size_t n, Geometries geometry_of) {
    std::vector<BoxEntry> boxes;
    boxes.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const geo::Geometry* g = geometry_of(i);
        if (!g || g->is_empty()) continue;
        boxes.emplace_back(to_box(g->envelope()), i);
    }
    return BoxTree(boxes.begin(), boxes.end());
}

std::string percent(double share) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * share);
    return buf;
}

// A set of polygons unioned together: the grids of a village, or the villages of a township.
struct Group {
    std::string_view key;
    std::vector<std::size_t> members;  // item indices (for a supergroup: group indices)
    geo::Geometry shape;               // the union
    double sum_area = 0.0;             // sum of the members' areas
};

// What one group's own work finds: its union, the areas and drawing faults of its
// members, and whether the union lies in the parent the members share. Computed in one thread
// from geometries of that thread.
struct GroupFacts {
    geo::Geometry shape;
    std::vector<std::uint8_t> shape_wkb;  // the union, when computed on another thread
    double sum_area = 0.0;
    std::vector<double> areas;            // per member (moved to the items by facts_of_groups)
    struct Fault {
        std::size_t member = 0;
        std::string reason;
        geo::XY location;
    };
    std::vector<Fault> faults;
    std::size_t clockwise_shells = 0;
    std::size_t repeated_points = 0;
    bool nests = false;  // the union lies in the shared parent (within the edge tolerance)
};

GroupFacts group_facts(const std::vector<const geo::Geometry*>& shapes, const std::vector<const geo::Geometry*>& drawn,
                       const geo::Geometry* parent, double edge_tolerance) {
    GroupFacts f;
    for (std::size_t k = 0; k < shapes.size(); ++k) {
        const geo::Geometry& as_drawn = drawn[k] ? *drawn[k] : *shapes[k];
        auto checks = detail::check_polygon(as_drawn);
        f.clockwise_shells += checks.notes.clockwise_shell ? 1 : 0;
        f.repeated_points += checks.notes.repeated_points ? 1 : 0;
        if (auto& bad = checks.invalid) f.faults.push_back({k, bad->reason, bad->location});
        double a = shapes[k]->area();
        f.areas.push_back(a);
        f.sum_area += a;
    }
    f.shape = geo::Geometry::union_of_tiles(shapes);
    if (parent) {
        // A polygon cut from its parent has its vertices on the parent's edges only to within
        // rounding; the tolerance keeps those from counting as spill.
        geo::Geometry loose = parent->buffer(edge_tolerance);
        f.nests = geo::PreparedGeometry(loose).covers(f.shape);
    }
    return f;
}

// Items the caller holds, as a source.
class ItemSpan final : public CoverageItems {
public:
    explicit ItemSpan(std::span<const CoverageItem> items) : items_(items) {}
    [[nodiscard]] std::size_t size() const override { return items_.size(); }
    [[nodiscard]] CoverageItem operator[](std::size_t i) const override { return items_[i]; }

private:
    std::span<const CoverageItem> items_;
};

class Auditor {
public:
    Auditor(const ParentUnit& county, const CoverageItems& items, std::span<const ParentUnit> parents,
            const CoverageOptions& options)
        : county_(county), items_(items), parents_(parents), options_(options) {}

    CoverageReport run(const Progress& progress) {
        out_.polygon_count = items_.size();
        out_.county_area_m2 = county_.geometry->area();
        geo::Geometry all = union_of_items(sub_progress(progress, 0.0, 0.5));
        out_.union_area_m2 = all.area();
        // Overlapping area is exactly what the sum of areas counts twice; search pairs only then.
        if (out_.polygons_area_m2 - out_.union_area_m2 >= options_.min_defect_area_m2) {
            find_overlaps(sub_progress(progress, 0.5, 0.7));
        }
        find_drawn_overlaps();
        find_gaps(county_.geometry->difference(all));
        report(progress, 0.75, "gaps measured");
        check_nesting(sub_progress(progress, 0.75, 1.0));
        report(progress, 1.0, "coverage checked");
        out_.group_unions.reserve(groups_.size());
        for (auto& g : groups_) out_.group_unions.push_back({std::string(g.key), g.members.size(), std::move(g.shape)});
        return std::move(out_);
    }

private:
    void invalid(std::string_view code, const geo::Geometry& drawn, bool repaired) {
        auto bad = detail::invalidity(drawn);
        if (!bad) return;
        CoverageDefect d;
        d.kind = DefectKind::Invalid;
        d.inside_point = bad->location;
        d.codes = {std::string(code)};
        d.detail = bad->reason + (repaired ? "; measured on its repair: " + std::string(kMeasuredRepair) : std::string());
        d.geometry = drawn.clone();
        out_.defects.push_back(std::move(d));
    }

    // The box of item i, read from its WKB where needed (near an overlap or a gap), not kept for
    // every item (32 bytes each: 40 MB for a city).
    geo::Envelope envelope_of(std::size_t i) const { return wkb_envelope(items_[i].wkb); }

    // The shape of item i, its WKB read on first use (on this thread).
    const geo::Geometry& geom(std::size_t i) {
        auto [it, fresh] = parsed_.try_emplace(i);
        if (fresh) it->second = geo::Geometry::from_wkb(items_[i].wkb);
        return it->second;
    }

    // The parent the members of a group share, or null when they name different ones.
    const ParentUnit* shared_parent(const Group& g) const {
        if (parents_.empty()) return &county_;
        std::string_view code = items_[g.members.front()].parent;
        for (std::size_t i : g.members) {
            if (items_[i].parent != code) return nullptr;
        }
        auto it = parent_by_code_.find(code);
        return it == parent_by_code_.end() ? nullptr : it->second;
    }

    // Per group: drawing checks, areas, union, nesting of the union. From WKB, every core takes
    // groups in turn, each reading its own shapes (GEOS objects never cross threads).
    std::vector<GroupFacts> facts_of_groups(const Progress& progress) {
        std::vector<GroupFacts> facts(groups_.size());
        std::vector<std::vector<std::uint8_t>> parent_wkb(groups_.size());
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            if (const ParentUnit* parent = shared_parent(groups_[g])) parent_wkb[g] = parent->geometry->to_wkb();
        }
        geo::parallel_for(groups_.size(), 0, [&](std::size_t g) {
            const auto& members = groups_[g].members;
            std::vector<geo::Geometry> own, own_drawn(members.size());
            std::vector<const geo::Geometry*> shapes, drawn;
            own.reserve(members.size());
            for (std::size_t k = 0; k < members.size(); ++k) {
                const CoverageItem item = items_[members[k]];
                own.push_back(geo::Geometry::from_wkb(item.wkb));
                if (!item.as_shipped.empty()) own_drawn[k] = geo::Geometry::from_wkb(item.as_shipped);
            }
            for (std::size_t k = 0; k < members.size(); ++k) {
                shapes.push_back(&own[k]);
                drawn.push_back(own_drawn[k].is_null() ? nullptr : &own_drawn[k]);
            }
            geo::Geometry parent;
            if (!parent_wkb[g].empty()) parent = geo::Geometry::from_wkb(parent_wkb[g]);
            GroupFacts f = group_facts(shapes, drawn, parent.is_null() ? nullptr : &parent, options_.edge_tolerance_m);
            // Each member's area and envelope go straight to its item (the groups share none), not
            // kept per group until every group is done: 40 bytes a grid, 50 MB for a city.
            for (std::size_t k = 0; k < members.size(); ++k) {
                areas_[members[k]] = f.areas[k];
            }
            f.areas = std::vector<double>();  // released, not just emptied
            f.shape_wkb = f.shape.to_wkb();
            f.shape = geo::Geometry();  // made on this thread: only its WKB goes back
            facts[g] = std::move(f);
        });
        for (auto& f : facts) {
            f.shape = geo::Geometry::from_wkb(f.shape_wkb);
            f.shape_wkb = std::vector<std::uint8_t>();  // read: released, not kept twice
        }
        report(progress, 1.0, "union");
        return facts;
    }

    // Items -> groups -> supergroups -> everything, each level a union of the one below.
    geo::Geometry union_of_items(const Progress& progress) {
        for (const auto& p : parents_) parent_by_code_[p.code] = &p;
        if (parents_.empty() && county_.as_shipped) invalid(county_.code, *county_.as_shipped, true);
        // Each group's members reserved at their count: a million indices grown by doubling
        // would hold up to twice their size.
        std::vector<std::size_t> group_of_item(items_.size());
        std::vector<std::size_t> sizes;
        for (std::size_t i = 0; i < items_.size(); ++i) {
            auto [it, fresh] = group_of_key_.emplace(items_[i].group, groups_.size());
            if (fresh) {
                groups_.push_back({items_[i].group, {}, {}, 0.0});
                sizes.push_back(0);
            }
            group_of_item[i] = it->second;
            ++sizes[it->second];
            if (!items_[i].as_shipped.empty()) ++out_.repaired_count;
        }
        for (std::size_t g = 0; g < groups_.size(); ++g) groups_[g].members.reserve(sizes[g]);
        for (std::size_t i = 0; i < items_.size(); ++i) groups_[group_of_item[i]].members.push_back(i);
        group_of_item = std::vector<std::size_t>();  // released, not just emptied
        areas_.resize(items_.size());
        auto facts = facts_of_groups(sub_progress(progress, 0.0, 0.8));
        nests_.assign(groups_.size(), false);
        std::map<std::string_view, std::size_t> super_of_key;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            GroupFacts& f = facts[g];
            for (std::size_t i : groups_[g].members) out_.polygons_area_m2 += areas_[i];
            for (const auto& fault : f.faults) {
                std::size_t i = groups_[g].members[fault.member];
                CoverageDefect d;
                d.kind = DefectKind::Invalid;
                d.inside_point = fault.location;
                d.codes = {std::string(items_[i].code)};
                const bool repaired = !items_[i].as_shipped.empty();
                d.detail = fault.reason +
                           (repaired ? "; measured on its repair: " + std::string(kMeasuredRepair) : std::string());
                d.geometry = repaired ? geo::Geometry::from_wkb(items_[i].as_shipped) : geom(i).clone();
                out_.defects.push_back(std::move(d));
            }
            out_.clockwise_shells += f.clockwise_shells;
            out_.repeated_points += f.repeated_points;
            nests_[g] = f.nests;
            groups_[g].shape = std::move(f.shape);
            groups_[g].sum_area = f.sum_area;
            std::string_view super = items_[groups_[g].members.front()].supergroup;
            auto [it, fresh] = super_of_key.emplace(super, supers_.size());
            if (fresh) supers_.push_back({super, {}, {}, 0.0});
            supers_[it->second].members.push_back(g);
            supers_[it->second].sum_area += groups_[g].shape.area();
        }
        std::vector<geo::Geometry> super_shapes;
        for (auto& super : supers_) {
            std::vector<geo::Geometry> parts;
            for (std::size_t g : super.members) parts.push_back(groups_[g].shape.clone());
            super.shape = geo::Geometry::union_all(std::move(parts));
            super_shapes.push_back(super.shape.clone());
        }
        report(progress, 1.0, "union");
        return geo::Geometry::union_all(std::move(super_shapes));
    }

    [[nodiscard]] bool overlap_within(const Group& g) const {
        return g.sum_area - g.shape.area() >= options_.min_defect_area_m2;
    }

    void find_overlaps(const Progress& progress) {
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (std::size_t s_index = 0; s_index < supers_.size(); ++s_index) {
            const Group& super = supers_[s_index];
            for (std::size_t g : super.members) {
                if (overlap_within(groups_[g])) items_overlapping(groups_[g].members, groups_[g].members, nullptr, pairs);
            }
            if (overlap_within(super)) groups_overlapping(super.members, super.members, pairs);
            report(progress, 0.5 * static_cast<double>(s_index + 1) / static_cast<double>(supers_.size()), "overlaps");
        }
        double total_super = 0.0;
        for (const auto& super : supers_) total_super += super.shape.area();
        if (total_super - out_.union_area_m2 >= options_.min_defect_area_m2) {
            for (std::size_t a = 0; a < supers_.size(); ++a) {
                for (std::size_t b = a + 1; b < supers_.size(); ++b) {
                    if (!supers_[a].shape.interiors_intersect(supers_[b].shape)) continue;
                    geo::Geometry region = supers_[a].shape.intersection(supers_[b].shape);
                    groups_overlapping(groups_meeting(supers_[a].members, region),
                                       groups_meeting(supers_[b].members, region), pairs);
                }
            }
        }
        report(progress, 0.75, "overlaps");
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (const auto& [i, j] : pairs) {
            for (auto& piece : real_pieces(geom(i).intersection(geom(j)))) {
                CoverageDefect d;
                d.kind = DefectKind::Overlap;
                d.area_m2 = piece.area();
                d.inside_point = interior_point(piece);
                d.codes = {std::string(items_[i].code), std::string(items_[j].code)};
                d.geometry = std::move(piece);
                out_.defects.push_back(std::move(d));
            }
        }
    }

    // Overlaps the repair hides. GEOS MakeValid keeps what a drawn ring encloses an odd number of
    // times: where a ring loops over itself and winds twice around an area, its repair leaves that
    // area out, and a neighbour covering it does not overlap the repair there. As drawn, the unit
    // claims it (geo::enclosed_area): the part a neighbour covers too is an overlap.
    void find_drawn_overlaps() {
        for (std::size_t i = 0; i < items_.size(); ++i) {
            if (items_[i].as_shipped.empty()) continue;
            geo::Geometry drawn = geo::Geometry::from_wkb(items_[i].as_shipped);
            geo::Geometry dropped = geo::enclosed_area(drawn).difference(geom(i)).polygonal();
            if (dropped.is_empty() || dropped.area() < options_.min_defect_area_m2) continue;
            std::vector<BoxEntry> hits;
            item_index().query(bgi::intersects(to_box(dropped.envelope())), std::back_inserter(hits));
            std::sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
            for (const auto& [box, j] : hits) {
                if (j == i || !geom(j).interiors_intersect(dropped)) continue;
                for (auto& piece : real_pieces(dropped.intersection(geom(j)))) {
                    CoverageDefect d;
                    d.kind = DefectKind::Overlap;
                    d.area_m2 = piece.area();
                    d.inside_point = interior_point(piece);
                    d.codes = {std::string(items_[std::min(i, j)].code), std::string(items_[std::max(i, j)].code)};
                    d.detail = "as drawn: " + std::string(items_[i].code) +
                               "'s ring winds twice around this area, which its repair (MakeValid) leaves out";
                    d.geometry = std::move(piece);
                    out_.defects.push_back(std::move(d));
                }
            }
        }
    }

    // The groups among `candidates` whose union shares area with `region`.
    std::vector<std::size_t> groups_meeting(const std::vector<std::size_t>& candidates, const geo::Geometry& region) {
        std::vector<std::size_t> out;
        geo::Envelope e = region.envelope();
        for (std::size_t g : candidates) {
            geo::Envelope ge = groups_[g].shape.envelope();
            if (ge.max_x < e.min_x || ge.min_x > e.max_x || ge.max_y < e.min_y || ge.min_y > e.max_y) continue;
            if (groups_[g].shape.interiors_intersect(region)) out.push_back(g);
        }
        return out;
    }

    // Overlapping pairs of groups, one from each list (the same list: pairs within it), and then
    // the overlapping items of each such pair, looked for only where the two groups overlap.
    void groups_overlapping(const std::vector<std::size_t>& left, const std::vector<std::size_t>& right,
                            std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
        if (left.empty() || right.empty()) return;
        std::vector<BoxEntry> boxes;
        for (std::size_t g : right) boxes.emplace_back(to_box(groups_[g].shape.envelope()), g);
        BoxTree tree(boxes.begin(), boxes.end());
        const bool same = &left == &right;
        for (std::size_t g : left) {
            std::vector<BoxEntry> hits;
            tree.query(bgi::intersects(to_box(groups_[g].shape.envelope())), std::back_inserter(hits));
            for (const auto& [box, h] : hits) {
                if (h == g || (same && h < g)) continue;
                if (!groups_[g].shape.interiors_intersect(groups_[h].shape)) continue;
                geo::Geometry region = groups_[g].shape.intersection(groups_[h].shape);
                items_overlapping(groups_[g].members, groups_[h].members, &region, pairs);
            }
        }
    }

    // Pairs (i < j) of items, one from each list, whose interiors intersect; with `region`, only
    // items meeting its envelope are tried.
    void items_overlapping(const std::vector<std::size_t>& left, const std::vector<std::size_t>& right,
                           const geo::Geometry* region, std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
        BBox window;
        if (region) window = to_box(region->envelope());
        auto in_window = [&](const BBox& b) { return !region || bg::intersects(b, window); };
        std::vector<BoxEntry> boxes;
        for (std::size_t j : right) {
            const geo::Envelope e = envelope_of(j);
            if (e.empty()) continue;
            BBox b = to_box(e);
            if (in_window(b)) boxes.emplace_back(b, j);
        }
        BoxTree tree(boxes.begin(), boxes.end());
        const bool same = &left == &right;
        for (std::size_t i : left) {
            const geo::Envelope e = envelope_of(i);
            if (e.empty()) continue;
            BBox b = to_box(e);
            if (!in_window(b)) continue;
            std::vector<BoxEntry> hits;
            tree.query(bgi::intersects(b), std::back_inserter(hits));
            for (const auto& [box, j] : hits) {
                if (i == j || (same && j < i)) continue;
                if (!geom(i).interiors_intersect(geom(j))) continue;
                pairs.emplace_back(std::min(i, j), std::max(i, j));
            }
        }
    }

    // Keeps the pieces above the noise thresholds; returns the kept pieces.
    std::vector<geo::Geometry> real_pieces(const geo::Geometry& pieces) {
        std::vector<geo::Geometry> kept;
        geo::Geometry polygons = pieces.polygonal();
        for (std::size_t i = 0; i < polygons.num_geometries(); ++i) {
            geo::Geometry piece = polygons.part(i);
            if (is_noise_piece(piece, options_.min_defect_area_m2, options_.noise_width_m)) {
                ++out_.noise_count;
                out_.noise_area_m2 += piece.area();
                continue;
            }
            kept.push_back(std::move(piece));
        }
        return kept;
    }

    const BoxTree& item_index() {
        if (!item_index_) {
            std::vector<BoxEntry> boxes;
            for (std::size_t i = 0; i < items_.size(); ++i) {
                const geo::Envelope e = envelope_of(i);
                if (!e.empty()) boxes.emplace_back(to_box(e), i);
            }
            item_index_ = std::make_unique<BoxTree>(boxes.begin(), boxes.end());
        }
        return *item_index_;
    }


    void find_gaps(const geo::Geometry& uncovered) {
        auto pieces = real_pieces(uncovered);
        if (pieces.empty()) return;
        const BoxTree& tree = item_index();
        geo::Geometry outline = county_.geometry->boundary();
        const double tol = options_.edge_tolerance_m;
        for (auto& piece : pieces) {
            CoverageDefect d;
            d.kind = DefectKind::Gap;
            d.area_m2 = piece.area();
            double mean_width = 2.0 * d.area_m2 / piece.length();
            // The inscribed circle's centre is the point farthest from every edge: where a
            // technician can see the gap. Its tolerance scales with the gap, to stay cheap.
            double circle_tolerance = std::max(tol, mean_width / 100.0);
            d.width_m = 2.0 * piece.max_inscribed_radius(circle_tolerance);
            d.inside_point = piece.max_inscribed_centre(circle_tolerance);
            d.narrow = d.width_m <= options_.gap_width_m;
            d.open_to_outline = piece.distance(outline) <= tol;
            std::vector<BoxEntry> hits;
            tree.query(bgi::intersects(to_box(piece.envelope(), tol)), std::back_inserter(hits));
            std::set<std::string> around;
            for (const auto& [box, j] : hits) {
                if (geom(j).distance(piece) <= tol) around.insert(std::string(items_[j].code));
            }
            d.codes.assign(around.begin(), around.end());
            d.detail = std::string(d.narrow ? "narrow " : "") +
                       (d.open_to_outline ? "gap open to the county outline" : "gap enclosed by the layer");
            d.geometry = std::move(piece);
            out_.defects.push_back(std::move(d));
        }
    }

    // Spill (parts outside the declared parent) and nesting (share inside it) per item.
    void check_nesting(const Progress& progress) {
        const auto& parent_by_code = parent_by_code_;
        const bool top_layer = parents_.empty();
        BoxTree parent_tree =
            index_of(parents_.size(), [this](std::size_t i) { return parents_[i].geometry; });

        // Items by declared parent, so that each parent is prepared once.
        std::map<std::string_view, std::vector<std::size_t>> by_parent;
        for (std::size_t i = 0; i < items_.size(); ++i) by_parent[top_layer ? county_.code : items_[i].parent].push_back(i);
        std::size_t done = 0;
        for (const auto& [parent_code, members] : by_parent) {
            const ParentUnit* parent = top_layer ? &county_ : nullptr;
            if (!top_layer) {
                auto it = parent_by_code.find(parent_code);
                if (it != parent_by_code.end()) parent = it->second;
            }
            // The common case: the members are exactly one group (the grids of the village they
            // name) whose union lies in the parent: nothing to check per item.
            auto group = group_of_key_.find(items_[members.front()].group);
            if (parent && group != group_of_key_.end() && groups_[group->second].members == members &&
                nests_[group->second]) {
                report(progress, static_cast<double>(++done) / static_cast<double>(by_parent.size()), "nesting");
                continue;
            }
            if (!parent) {
                for (std::size_t i : members) report_nesting(i, parent_code, 0.0, parent_tree, "is not in the project");
            } else {
                // A polygon cut from its parent has its vertices on the parent's edges only to
                // within rounding; the tolerance keeps those from costing an overlay each.
                geo::Geometry loose = parent->geometry->buffer(options_.edge_tolerance_m);
                geo::PreparedGeometry prepared(loose);
                for (std::size_t i : members) {
                    const geo::Geometry& g = geom(i);
                    if (g.is_empty() || prepared.covers(g)) continue;
                    geo::Geometry outside = g.difference(*parent->geometry);
                    double area = g.area();
                    double share = area > 0 ? 1.0 - outside.area() / area : 0.0;
                    for (auto& piece : real_pieces(outside)) {
                        CoverageDefect d;
                        d.kind = DefectKind::Spill;
                        d.area_m2 = piece.area();
                        d.inside_point = interior_point(piece);
                        d.codes = {std::string(items_[i].code), std::string(parent->code)};
                        d.detail = "outside " + std::string(top_layer ? "the county " : "its parent ") +
                                   std::string(parent->code);
                        d.geometry = std::move(piece);
                        out_.defects.push_back(std::move(d));
                    }
                    if (share < options_.nest_share) report_nesting(i, parent_code, share, parent_tree, "");
                }
            }
            report(progress, static_cast<double>(++done) / static_cast<double>(by_parent.size()), "nesting");
        }
    }

    void report_nesting(std::size_t i, std::string_view declared, double share, const BoxTree& parent_tree,
                        const std::string& missing) {
        const geo::Geometry& g = geom(i);
        double area = g.area();
        std::string best;
        double best_share = 0.0;
        std::vector<BoxEntry> hits;
        parent_tree.query(bgi::intersects(to_box(g.envelope())), std::back_inserter(hits));
        std::sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.second < y.second; });
        for (const auto& [box, j] : hits) {
            if (parents_[j].code == declared) continue;
            double s = area > 0 ? g.intersection(*parents_[j].geometry).area() / area : 0.0;
            if (s > best_share) {
                best_share = s;
                best = std::string(parents_[j].code);
            }
        }
        CoverageDefect d;
        d.kind = DefectKind::Nesting;
        d.area_m2 = area;
        d.share = share;
        d.inside_point = interior_point(g);
        d.codes = {std::string(items_[i].code), std::string(declared), best};
        d.detail = missing.empty() ? percent(share) + " inside its parent " + std::string(declared)
                                   : "its parent " + std::string(declared) + " " + missing;
        if (!best.empty()) d.detail += "; " + percent(best_share) + " inside " + best;
        d.geometry = g.clone();
        out_.defects.push_back(std::move(d));
    }

    const ParentUnit& county_;
    const CoverageItems& items_;  // each item made on demand: not a reference, a value
    std::span<const ParentUnit> parents_;
    const CoverageOptions& options_;
    CoverageReport out_;
    std::unique_ptr<BoxTree> item_index_;
    std::vector<Group> groups_;
    std::vector<Group> supers_;
    std::map<std::string_view, std::size_t> group_of_key_;
    std::map<std::string_view, const ParentUnit*> parent_by_code_;
    std::vector<double> areas_;             // per item
    std::vector<bool> nests_;               // per group: its union lies in the shared parent
    // The items read from WKB, on first use: the few near a defect, not a slot for each of a
    // million grids (node-based: a reference stays valid as others are added).
    std::unordered_map<std::size_t, geo::Geometry> parsed_;
};

}  // namespace

CoverageReport audit_coverage(const ParentUnit& county, const CoverageItems& items,
                              std::span<const ParentUnit> parents, const CoverageOptions& options,
                              const Progress& progress) {
    return Auditor(county, items, parents, options).run(progress);
}

CoverageReport audit_coverage(const ParentUnit& county, std::span<const CoverageItem> items,
                              std::span<const ParentUnit> parents, const CoverageOptions& options,
                              const Progress& progress) {
    return audit_coverage(county, ItemSpan(items), parents, options, progress);
}

}  // namespace respgrid::grids
