#include "respgrid/grids/repair.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "box_index.hpp"
#include "respgrid/grids/cell_piece.hpp"

namespace respgrid::grids {

std::size_t RepairPlan::changed_units() const {
    return static_cast<std::size_t>(std::count_if(units.begin(), units.end(), [](const auto& u) { return u.changed; }));
}

namespace {

using detail::BBox;
using detail::BoxEntry;
using detail::BoxTree;
using detail::to_box;
namespace bg = detail::bg;
namespace bgi = detail::bgi;

// Pieces smaller than this are overlay round-off, not area anybody could own.
constexpr double kRoundOffArea = 1e-6;

std::string metres(double v, const char* unit) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f %s", v, unit);
    return buf;
}

// The audit's noise rule (coverage.hpp): too small, or narrower on average than the noise width.
bool is_noise(const geo::Geometry& piece, const RepairOptions& options) {
    return piece.area() <= kRoundOffArea || is_noise_piece(piece, options.min_piece_area_m2, options.noise_width_m);
}

class Repairer {
public:
    Repairer(const ParentUnit& county, std::span<const RepairInput> units, std::span<const ParentUnit> parents,
             const RepairOptions& options)
        : county_(county), units_(units), parents_(parents), options_(options) {
        for (const auto& p : parents_) parent_by_code_[p.code] = &p;
        std::vector<BoxEntry> boxes;
        for (std::size_t k = 0; k < parents_.size(); ++k) boxes.emplace_back(to_box(parents_[k].geometry->envelope()), k);
        parent_tree_ = BoxTree(boxes.begin(), boxes.end());
    }

    RepairPlan run(const Progress& progress) {
        for (const auto& u : units_) {
            plan_.units.push_back({std::string(u.code), u.geometry->clone(), false});
            plan_.area_before_m2 += u.geometry->area();
        }
        accept_make_valid();
        if (options_.snap_tolerance_m > 0) snap();
        report(progress, 0.3, "snapped");
        clip_spill();
        report(progress, 0.5, "spill clipped");
        resolve_overlaps();
        report(progress, 0.7, "overlaps resolved");
        fill_gaps();
        for (const auto& u : plan_.units) plan_.area_after_m2 += u.geometry.area();
        report(progress, 1.0, "repair planned");
        return std::move(plan_);
    }

private:
    geo::Geometry& shape(std::size_t i) { return plan_.units[i].geometry; }

    void replace(std::size_t i, geo::Geometry g) {
        if (!g.is_valid()) g = g.make_valid();
        shape(i) = g.polygonal();
        plan_.units[i].changed = true;
    }

    BoxTree unit_tree() {
        std::vector<BoxEntry> boxes;
        for (std::size_t i = 0; i < plan_.units.size(); ++i) {
            if (!shape(i).is_empty()) boxes.emplace_back(to_box(shape(i).envelope()), i);
        }
        return BoxTree(boxes.begin(), boxes.end());
    }

    std::vector<std::size_t> near(const BoxTree& tree, const geo::Geometry& g, double grow) {
        std::vector<BoxEntry> hits;
        tree.query(bgi::intersects(to_box(g.envelope(), grow)), std::back_inserter(hits));
        std::vector<std::size_t> out;
        for (const auto& [box, i] : hits) out.push_back(i);
        std::sort(out.begin(), out.end());
        return out;
    }

    const ParentUnit* parent_of(std::size_t i) {
        if (parents_.empty()) return &county_;
        auto it = parent_by_code_.find(units_[i].parent);
        return it == parent_by_code_.end() ? nullptr : it->second;
    }

    void accept_make_valid() {
        if (parents_.empty() && county_.as_shipped) {
            plan_.county_made_valid = true;
            double drawn = county_.as_shipped->polygonal().area();
            plan_.changes.push_back({"make_valid", std::string(county_.code), std::string(county_.code),
                                     std::abs(county_.geometry->area() - drawn),
                                     "the county outline is invalid as drawn (" + county_.as_shipped->validity().reason +
                                         "); GEOS MakeValid " + std::string(kMakeValidRule),
                                     interior_point(*county_.geometry), {}});
        }
        for (std::size_t i = 0; i < units_.size(); ++i) {
            if (!units_[i].as_shipped) continue;
            plan_.units[i].changed = true;
            // The area the repair adds or removes: the drawn rings' area counts crossed lobes
            // with opposite signs, MakeValid counts each lobe enclosed an odd number of times once.
            double drawn = units_[i].as_shipped->polygonal().area();
            plan_.changes.push_back({"make_valid", std::string(units_[i].code), std::string(units_[i].code),
                                     std::abs(shape(i).area() - drawn),
                                     "invalid as drawn (" + units_[i].as_shipped->validity().reason +
                                         "); GEOS MakeValid " + std::string(kMakeValidRule),
                                     interior_point(shape(i)), {}});
        }
    }

    void snap() {
        BoxTree tree = unit_tree();
        const double tol = options_.snap_tolerance_m;
        for (std::size_t i = 0; i < plan_.units.size(); ++i) {
            std::vector<geo::Geometry> neighbours;
            for (std::size_t j : near(tree, shape(i), tol)) {
                if (j != i) neighbours.push_back(shape(j).clone());
            }
            if (neighbours.empty()) continue;
            geo::Geometry reference = geo::Geometry::collect(std::move(neighbours));
            geo::Geometry snapped = shape(i).snapped_to(reference, tol);
            if (snapped.to_wkb() == shape(i).to_wkb()) continue;
            double before = shape(i).area();
            replace(i, std::move(snapped));
            plan_.changes.push_back({"snap", plan_.units[i].code, plan_.units[i].code,
                                     std::abs(shape(i).area() - before),
                                     "vertices within " + metres(tol, "m") + " of a neighbour moved onto it",
                                     interior_point(shape(i)), {}});
        }
    }

    void clip_spill() {
        for (std::size_t i = 0; i < plan_.units.size(); ++i) {
            const ParentUnit* parent = parent_of(i);
            if (!parent) continue;  // nothing to clip to; the audit reports the missing parent
            geo::Geometry outside = shape(i).difference(*parent->geometry).polygonal();
            bool real = false;
            for (std::size_t k = 0; k < outside.num_geometries(); ++k) real = real || !is_noise(outside.part(k), options_);
            if (!real) continue;
            for (std::size_t k = 0; k < outside.num_geometries(); ++k) {
                geo::Geometry piece = outside.part(k);
                if (is_noise(piece, options_)) continue;
                plan_.changes.push_back({"clip_spill", plan_.units[i].code, "", piece.area(),
                                         "outside " + std::string(parents_.empty() ? "the county " : "its parent ") +
                                             std::string(parent->code),
                                         interior_point(piece), piece.clone()});
            }
            replace(i, shape(i).intersection(*parent->geometry));
        }
    }

    // The parent unit holding most of `piece` ("" when none does).
    std::string place_of(const geo::Geometry& piece) {
        if (parents_.empty()) return std::string(county_.code);
        std::string best;
        double best_area = 0.0;
        std::vector<BoxEntry> hits;
        parent_tree_.query(bgi::intersects(to_box(piece.envelope())), std::back_inserter(hits));
        std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        for (const auto& [box, k] : hits) {
            double a = piece.intersection(*parents_[k].geometry).area();
            if (a > best_area) {
                best_area = a;
                best = std::string(parents_[k].code);
            }
        }
        return best;
    }

    std::string_view declared_parent(std::size_t i) const {
        return parents_.empty() ? county_.code : units_[i].parent;
    }

    // Picks the unit to receive `piece` among `candidates`, and says why. `shared(i)` is the
    // length of edge the piece shares with candidate i.
    template <typename SharedLength>
    std::pair<std::size_t, std::string> choose(const std::vector<std::size_t>& candidates, const std::string& place,
                                               SharedLength shared) {
        std::vector<std::size_t> pool;
        for (std::size_t i : candidates) {
            if (declared_parent(i) == place) pool.push_back(i);
        }
        std::string why;
        if (!pool.empty() && pool.size() < candidates.size()) why = "same owner " + place + "; ";
        if (pool.empty()) pool = candidates;
        std::size_t best = pool.front();
        double best_length = -1.0;
        for (std::size_t i : pool) {  // ascending index: ties keep the first (smaller) code
            double length = shared(i);
            if (length > best_length + 1e-9 ||
                (std::abs(length - best_length) <= 1e-9 && plan_.units[i].code < plan_.units[best].code)) {
                best = i;
                best_length = length;
            }
        }
        why += pool.size() == 1 ? "only candidate" : "longest shared edge " + metres(best_length, "m");
        return {best, why};
    }

    void resolve_overlaps() {
        BoxTree tree = unit_tree();
        for (std::size_t i = 0; i < plan_.units.size(); ++i) {
            for (std::size_t j : near(tree, shape(i), 0.0)) {
                if (j <= i || !shape(i).interiors_intersect(shape(j))) continue;
                geo::Geometry both = shape(i).intersection(shape(j)).polygonal();
                for (std::size_t k = 0; k < both.num_geometries(); ++k) {
                    geo::Geometry piece = both.part(k);
                    if (is_noise(piece, options_)) continue;
                    std::string place = place_of(piece);
                    auto [winner, why] = choose({i, j}, place, [&](std::size_t u) {
                        return piece.shared_boundary_length(shape(u).difference(piece));
                    });
                    std::size_t loser = winner == i ? j : i;
                    plan_.changes.push_back({"overlap", plan_.units[loser].code, plan_.units[winner].code, piece.area(),
                                             why, interior_point(piece), piece.clone()});
                    replace(loser, shape(loser).difference(piece));
                }
            }
        }
    }

    // Gap pieces, split by the parent units so that each part can go to a unit of its parent.
    std::vector<std::pair<geo::Geometry, std::string>> gap_parts(const geo::Geometry& gaps) {
        std::vector<std::pair<geo::Geometry, std::string>> out;
        for (std::size_t k = 0; k < gaps.num_geometries(); ++k) {
            geo::Geometry piece = gaps.part(k);
            if (is_noise(piece, options_)) continue;
            if (parents_.empty()) {
                out.emplace_back(std::move(piece), std::string(county_.code));
                continue;
            }
            geo::Geometry rest = piece.clone();
            std::vector<BoxEntry> hits;
            parent_tree_.query(bgi::intersects(to_box(piece.envelope())), std::back_inserter(hits));
            std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
            for (const auto& [box, p] : hits) {
                geo::Geometry part = piece.intersection(*parents_[p].geometry).polygonal();
                for (std::size_t m = 0; m < part.num_geometries(); ++m) {
                    geo::Geometry sub = part.part(m);
                    if (!is_noise(sub, options_)) out.emplace_back(std::move(sub), std::string(parents_[p].code));
                }
                rest = rest.difference(*parents_[p].geometry);
            }
            geo::Geometry orphan = rest.polygonal();
            for (std::size_t m = 0; m < orphan.num_geometries(); ++m) {
                geo::Geometry sub = orphan.part(m);
                if (!is_noise(sub, options_)) out.emplace_back(std::move(sub), std::string());
            }
        }
        return out;
    }

    void fill_gaps() {
        std::vector<geo::Geometry> all;
        for (const auto& u : plan_.units) all.push_back(u.geometry.clone());
        geo::Geometry covered = geo::Geometry::union_all(std::move(all));
        geo::Geometry gaps = county_.geometry->difference(covered).polygonal();
        BoxTree tree = unit_tree();
        const double tol = options_.edge_tolerance_m;
        for (auto& [piece, place] : gap_parts(gaps)) {
            std::vector<std::size_t> touching;
            for (std::size_t i : near(tree, piece, tol)) {
                if (shape(i).distance(piece) <= tol) touching.push_back(i);
            }
            if (!parents_.empty() && place.empty()) {
                plan_.changes.push_back({"unassigned", "", "", piece.area(),
                                         "lies in no parent unit: repair the layer above first", interior_point(piece),
                                         piece.clone()});
                continue;
            }
            std::vector<std::size_t> same_owner;
            for (std::size_t i : touching) {
                if (declared_parent(i) == place) same_owner.push_back(i);
            }
            // A part of a gap inside parent P goes to a unit of P only: anything else would spill.
            const auto& candidates = parents_.empty() ? touching : same_owner;
            if (candidates.empty()) {
                plan_.changes.push_back({"unassigned", "", "", piece.area(),
                                         place.empty() || parents_.empty()
                                             ? "no unit touches it"
                                             : "no unit of " + place + " touches it",
                                         interior_point(piece), piece.clone()});
                continue;
            }
            auto [winner, why] = choose(candidates, place, [&](std::size_t u) {
                return piece.shared_boundary_length(shape(u));
            });
            if (!parents_.empty()) why = "same owner " + place + "; " + why;
            plan_.changes.push_back({"gap", "", plan_.units[winner].code, piece.area(), why, interior_point(piece), piece.clone()});
            replace(winner, shape(winner).union_with(piece));
        }
    }

    const ParentUnit& county_;
    std::span<const RepairInput> units_;
    std::span<const ParentUnit> parents_;
    const RepairOptions& options_;
    std::map<std::string_view, const ParentUnit*> parent_by_code_;
    BoxTree parent_tree_;
    RepairPlan plan_;
};

}  // namespace

RepairPlan plan_repair(const ParentUnit& county, std::span<const RepairInput> units,
                       std::span<const ParentUnit> parents, const RepairOptions& options, const Progress& progress) {
    return Repairer(county, units, parents, options).run(progress);
}

}  // namespace respgrid::grids
