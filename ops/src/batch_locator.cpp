#include "batch_locator.hpp"

#include <algorithm>
#include <unordered_map>

#include "respgrid/grids/responsibility.hpp"

namespace respgrid::ops::detail {

const std::vector<exporters::TableColumn>& BatchLocator::unit_columns() {
    static const std::vector<exporters::TableColumn> columns = [] {
        std::vector<exporters::TableColumn> c;
        for (const auto& u : grids::kUnitColumns) c.push_back({std::string(u.name), false, std::string(u.title)});
        for (const auto& o : grids::kOwnerColumns) c.push_back({std::string(o.name), false, std::string(o.title)});
        return c;
    }();
    return columns;
}

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;
constexpr std::size_t kRoles = std::size(grids::kTerritorialRoles);

std::size_t role_slot(grids::Role role) {
    for (std::size_t i = 0; i < kRoles; ++i) {
        if (grids::kTerritorialRoles[i] == role) return i;
    }
    return 0;
}

// What a cell's owner columns depend on: its village and the owner in each territorial role.
using SharedKey = std::array<std::uint32_t, 1 + kRoles>;
struct SharedKeyHash {
    std::size_t operator()(const SharedKey& k) const noexcept {
        std::size_t h = 1469598103934665603ull;
        for (auto v : k) h = (h ^ v) * 1099511628211ull;
        return h;
    }
};

}  // namespace

BatchLocator::BatchLocator(store::Project& project, long long generation_id, const grids::ServingRoster& roster,
                           grids::Date day, const Progress& progress, grids::GridLocatorOptions options)
    : locator_(std::vector<grids::LocatorCell>{}), generation_id_(generation_id), roster_(&roster) {
    load_cells(project, generation_id, progress, options);
    const auto& owners = roster.owners();
    for (std::size_t i = 0; i < owners.size(); ++i) owner_index_.emplace(owners[i].id, static_cast<std::uint32_t>(i));
    epochs_.emplace(roster.epoch_of(day), make_chains(day));
}

void BatchLocator::load_cells(store::Project& project, long long generation_id, const Progress& progress,
                              grids::GridLocatorOptions options) {
    // Units by code, for names and the township of a village.
    std::map<std::string, std::string, std::less<>> unit_names;
    for (auto level : {grids::AdminLevel::Township, grids::AdminLevel::Village}) {
        for (const auto& u : project.load_units(level)) unit_names[u.code] = u.name;
    }
    auto name_of = [&](const std::string& code) {
        auto n = unit_names.find(code);
        return n == unit_names.end() ? std::string() : n->second;
    };
    std::unordered_map<std::string, std::uint32_t> village_index;
    const std::size_t total = project.grid_count(generation_id);
    grids::GridLocator::Builder cells;
    cells.reserve(total, total * 6);
    village_of_.reserve(total);
    name_end_.reserve(total);
    project.for_each_grid_outline(generation_id, [&](const store::GridOutline& g) {
        auto [it, fresh] = village_index.try_emplace(std::string(g.village_code),
                                                     static_cast<std::uint32_t>(village_text_.size()));
        if (fresh) {
            const std::string village(g.village_code), township(g.township_code);
            village_text_.push_back({village, name_of(village), township, name_of(township)});
        }
        const auto cell = static_cast<std::uint32_t>(village_of_.size());
        village_of_.push_back(it->second);
        if (village_text_[it->second][2] != g.township_code) township_of_.emplace(cell, g.township_code);
        names_.append(g.name);
        name_end_.push_back(static_cast<std::uint32_t>(names_.size()));
        cells.add(g.code, g.polygons);
        if (village_of_.size() % 16384 == 0) {
            report(progress, 0.8 * static_cast<double>(village_of_.size()) / static_cast<double>(std::max<std::size_t>(total, 1)),
                   "loading grids");
        }
    });
    std::vector<geo::PolygonRings> outline;
    for (const auto& county : project.load_units(grids::AdminLevel::County)) {
        auto polygons = county.geometry.polygons();
        outline.insert(outline.end(), polygons.begin(), polygons.end());
    }
    report(progress, 0.8, "indexing grids");
    locator_ = std::move(cells).build(std::move(outline), options);
}

// The chains of cells [first, last) on `day`: the roster splits a village's grids among its
// workers, so a piece holds whole villages.
std::vector<grids::GridAssignment> BatchLocator::assignments(std::size_t first, std::size_t last, grids::Date day) const {
    std::vector<grids::GridRef> refs;
    refs.reserve(last - first);
    for (std::size_t c = first; c < last; ++c) {
        const auto& village = village_text_[village_of_[c]];
        const auto t = township_of_.find(static_cast<std::uint32_t>(c));
        refs.push_back({locator_.code(c), village[0], t == township_of_.end() ? village[2] : t->second});
    }
    return roster_->chains_on(refs, day);
}

// The chains of every cell on `day`, with one set of values per distinct (village, chain).
// Computed a piece of whole villages at a time (cells are in code order, a village's together),
// so that no per-cell list of references and chains is held for a city's million grids.
std::unique_ptr<const EpochChains> BatchLocator::make_chains(grids::Date day) const {
    const auto& owners = roster_->owners();
    auto epoch = std::make_unique<EpochChains>();
    std::unordered_map<SharedKey, std::uint32_t, SharedKeyHash> shared_index;
    const std::size_t n = village_of_.size();
    epoch->shared_of.resize(n);
    // Pieces end where the village changes; a village met again in a later piece (cells not
    // grouped by village) makes it one piece, as the roster needs.
    constexpr std::size_t kPiece = 65536;
    std::vector<bool> village_done(village_text_.size(), false);
    bool grouped = true;
    for (std::size_t c = 0; c < n && grouped; ++c) {
        if (c > 0 && village_of_[c] != village_of_[c - 1]) village_done[village_of_[c - 1]] = true;
        grouped = !village_done[village_of_[c]];
    }
    for (std::size_t first = 0; first < n;) {
        std::size_t last = grouped ? std::min(n, first + kPiece) : n;
        while (last < n && village_of_[last] == village_of_[last - 1]) ++last;
        const auto assignments = this->assignments(first, last, day);
        for (std::size_t k = 0; k < assignments.size(); ++k) {
            const std::size_t c = first + k;
            SharedKey key{};
            key.fill(kNone);
            key[0] = village_of_[c];
            for (const auto& link : assignments[k].chain) {
                auto o = owner_index_.find(link.owner_id);
                if (o != owner_index_.end()) key[1 + role_slot(link.role)] = o->second;
            }
            auto [it, fresh] = shared_index.try_emplace(key, static_cast<std::uint32_t>(epoch->values.size()));
            if (fresh) {
                grids::ResolvedChain chain;
                for (std::size_t r = 0; r < kRoles; ++r) {
                    if (key[1 + r] == kNone) {
                        chain.missing.push_back(grids::kTerritorialRoles[r]);
                        continue;
                    }
                    std::string rule;
                    for (const auto& link : assignments[k].chain) {
                        if (link.role == grids::kTerritorialRoles[r]) rule = link.rule;
                    }
                    chain.links.push_back({grids::kTerritorialRoles[r], &owners[key[1 + r]], std::move(rule)});
                }
                epoch->values.push_back(chain_values(key[0], chain));
                std::string& joined = epoch->joined.emplace_back();
                auto& ends = epoch->joined_ends.emplace_back();
                for (std::size_t v = 0; v < kUnitValueCount; ++v) {
                    joined += epoch->values.back()[v];
                    ends[v] = static_cast<std::uint32_t>(joined.size());
                }
                epoch->chains.push_back(std::move(chain));
            }
            epoch->shared_of[c] = it->second;
        }
        first = last;
    }
    return epoch;
}

UnitValues BatchLocator::chain_values(std::uint32_t village, const grids::ResolvedChain& chain) const {
    UnitValues values;
    std::copy(village_text_[village].begin(), village_text_[village].end(), values.begin());
    std::size_t k = std::size(grids::kUnitColumns);
    for (const auto& column : grids::kOwnerColumns) values[k++] = grids::owner_value(chain, column);
    return values;
}

const EpochChains& BatchLocator::chains_on(grids::Date day) const {
    const std::size_t epoch = roster_->epoch_of(day);
    std::lock_guard lock(mutex_);
    auto it = epochs_.find(epoch);
    if (it == epochs_.end()) it = epochs_.emplace(epoch, make_chains(day)).first;
    return *it->second;
}

std::string_view BatchLocator::name(std::size_t cell) const {
    std::size_t begin = cell == 0 ? 0 : name_end_[cell - 1];
    return std::string_view(names_).substr(begin, name_end_[cell] - begin);
}

}  // namespace respgrid::ops::detail
