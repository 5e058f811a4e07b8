#include "cli/batch_locator.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "cli/console.hpp"
#include "respgrid/exporters/csv.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::cli {

const std::vector<std::string>& BatchLocator::unit_columns() {
    static const std::vector<std::string> columns = {
        "village_code", "village_name",  "township_code", "township_name", "grid_worker",
        "grid_worker_phone", "village_owner", "township_owner", "leader", "leader_phone"};
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

BatchLocator::BatchLocator(store::Project& project, long long generation_id, const Progress& progress,
                           grids::GridLocatorOptions options)
    : locator_(std::vector<grids::LocatorCell>{}) {
    // Units by code, for names and the township of a village.
    std::map<std::string, std::string, std::less<>> unit_names;
    for (auto level : {grids::AdminLevel::Township, grids::AdminLevel::Village}) {
        for (const auto& u : project.load_units(level)) unit_names[u.code] = u.name;
    }
    std::vector<std::string> village_codes;  // index -> code
    std::vector<std::string> village_townships;
    std::unordered_map<std::string, std::uint32_t> village_index;

    const std::size_t total = project.grid_count(generation_id);
    grids::GridLocator::Builder cells;
    cells.reserve(total, total * 6);
    std::size_t loaded = 0;
    std::vector<std::uint32_t> village_of;
    village_of.reserve(total);
    name_end_.reserve(total);
    project.for_each_grid_outline(generation_id, [&](const store::GridOutline& g) {
        auto [it, fresh] = village_index.try_emplace(std::string(g.village_code),
                                                     static_cast<std::uint32_t>(village_codes.size()));
        if (fresh) {
            village_codes.emplace_back(g.village_code);
            village_townships.emplace_back(g.township_code);
        }
        village_of.push_back(it->second);
        names_.append(g.name);
        name_end_.push_back(static_cast<std::uint32_t>(names_.size()));
        cells.add(g.code, g.polygons);
        if (++loaded % 16384 == 0) {
            report(progress, 0.8 * static_cast<double>(loaded) / static_cast<double>(std::max<std::size_t>(total, 1)),
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
    const std::size_t count = locator_.size();

    for (std::size_t v = 0; v < village_codes.size(); ++v) {
        auto name_of = [&](const std::string& code) {
            auto n = unit_names.find(code);
            return n == unit_names.end() ? std::string() : n->second;
        };
        village_text_.push_back({village_codes[v], name_of(village_codes[v]), village_townships[v],
                                 name_of(village_townships[v])});
    }

    // The owners of every cell, by role: an index into `owners`, or kNone.
    owners_ = project.load_owners();
    const auto& owners = owners_;
    std::unordered_map<std::string, std::uint32_t> owner_index;
    for (std::size_t i = 0; i < owners.size(); ++i) owner_index.emplace(owners[i].id, static_cast<std::uint32_t>(i));
    std::vector<std::array<std::uint32_t, kRoles>> links(count);
    for (auto& l : links) l.fill(kNone);
    {
        std::size_t cursor = 0;  // links come in code order, as the cells do
        project.for_each_grid_link(generation_id, [&](const store::GridLink& link) {
            while (cursor < count && locator_.code(cursor) < link.grid_code) ++cursor;
            if (cursor == count || locator_.code(cursor) != link.grid_code) return;
            auto it = owner_index.find(std::string(link.owner_id));
            // An unknown or inactive owner leaves the role empty (validity is checked per row).
            if (it != owner_index.end() && owners[it->second].active) links[cursor][role_slot(link.role)] = it->second;
        });
    }

    // One CSV text per distinct (village, owners) pair.
    std::unordered_map<SharedKey, std::uint32_t, SharedKeyHash> shared_index;
    shared_of_.resize(count);
    for (std::size_t c = 0; c < count; ++c) {
        SharedKey key{};
        key[0] = village_of[c];
        std::copy(links[c].begin(), links[c].end(), key.begin() + 1);
        auto [it, fresh] = shared_index.try_emplace(key, static_cast<std::uint32_t>(shared_.size()));
        if (fresh) {
            SharedChain chain;
            chain.village = key[0];
            std::copy(links[c].begin(), links[c].end(), chain.owners.begin());
            for (auto o : chain.owners) {
                if (o != kNone && (owners[o].valid_from || owners[o].valid_to)) chain.dated = true;
            }
            shared_.push_back(chain_values(chain, {}));
            chains_.push_back(chain);
        }
        shared_of_[c] = it->second;
    }


}

// The unit columns of a chain; on `day` (when given) the owners not serving then are left out.
BatchLocator::UnitValues BatchLocator::chain_values(const SharedChain& chain, std::optional<grids::Date> day) const {
    grids::ResolvedChain resolved;
    for (std::size_t r = 0; r < kRoles; ++r) {
        const std::uint32_t o = chain.owners[r];
        if (o == kNone) continue;
        if (day && !grids::valid_on(owners_[o].valid_from, owners_[o].valid_to, *day)) continue;
        resolved.links.push_back({grids::kTerritorialRoles[r], &owners_[o], {}});
    }
    const auto& unit = village_text_[chain.village];
    return {unit[0], unit[1], unit[2], unit[3], resolved.person(grids::Role::GridWorker),
            resolved.phone(grids::Role::GridWorker), resolved.person(grids::Role::Village),
            resolved.person(grids::Role::Township), resolved.person(grids::Role::Leader),
            resolved.phone(grids::Role::Leader)};
}

const BatchLocator::UnitValues& BatchLocator::unit_values(std::size_t cell, grids::Date day,
                                                          UnitValues& scratch) const {
    const std::uint32_t k = shared_of_[cell];
    if (!chains_[k].dated) return shared_[k];
    for (auto o : chains_[k].owners) {
        if (o != kNone && !grids::valid_on(owners_[o].valid_from, owners_[o].valid_to, day)) {
            scratch = chain_values(chains_[k], day);
            return scratch;
        }
    }
    return shared_[k];
}

std::string_view BatchLocator::name(std::size_t cell) const {
    std::size_t begin = cell == 0 ? 0 : name_end_[cell - 1];
    return std::string_view(names_).substr(begin, name_end_[cell] - begin);
}

}  // namespace respgrid::cli
