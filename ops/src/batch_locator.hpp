#pragma once
// What table locate holds in memory for one grid generation: the locator, and for every cell the
// values its output rows carry, prepared once so that a located point costs one index look-up and
// a few copies. Cells share their village's and owner chain's values: a county has a few thousand
// (village, chain) pairs however many grids it has.
//
// The owners are those grids::ServingRoster says serve on the row's day. Their chains are computed
// once per roster epoch (days with the same serving owners) the rows meet, when first met; a
// roster without validity dates has one epoch, computed before the first row.

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "respgrid/exporters/table_sink.hpp"
#include "respgrid/grids/directory.hpp"
#include "respgrid/grids/locator.hpp"
#include "respgrid/grids/owner_columns.hpp"
#include "respgrid/grids/serving.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops::detail {

// The village and township columns, then the owner columns (grids/owner_columns.hpp).
inline constexpr std::size_t kUnitValueCount = std::size(grids::kUnitColumns) + std::size(grids::kOwnerColumns);
using UnitValues = std::array<std::string, kUnitValueCount>;

// The owners of every cell in one roster epoch.
struct EpochChains {
    std::vector<std::uint32_t> shared_of;        // per cell: index into values and chains
    std::vector<UnitValues> values;              // per distinct (village, chain)
    std::vector<std::string> joined;             // the same values back to back, for one copy per row
    std::vector<std::array<std::uint32_t, kUnitValueCount>> joined_ends;  // where each ends in joined
    std::vector<grids::ResolvedChain> chains;    // the same, for the responsibility rules
};

class BatchLocator {
public:
    // Loads generation `generation_id` of `project` (outlines streamed; no GEOS objects), and the
    // chains on `day`. `roster` must outlive the locator.
    BatchLocator(store::Project& project, long long generation_id, const grids::ServingRoster& roster, grids::Date day,
                 const Progress& progress, grids::GridLocatorOptions options = {});

    [[nodiscard]] const grids::GridLocator& locator() const { return locator_; }
    [[nodiscard]] std::size_t cell_count() const { return locator_.size(); }
    [[nodiscard]] long long generation_id() const { return generation_id_; }
    // A cell's name.
    [[nodiscard]] std::string_view name(std::size_t cell) const;
    // The roster epoch of `day` (days of one epoch have the same serving owners).
    [[nodiscard]] std::size_t epoch_of(grids::Date day) const { return roster_->epoch_of(day); }
    // The chains of the epoch `day` falls in, computed when first asked. Thread-safe.
    [[nodiscard]] const EpochChains& chains_on(grids::Date day) const;
    // Batch rows' memory hint (GridLocator::prefetch): step 0 the cell's name offset and its
    // entry in `chains`, step 1 (later) the name itself. Changes no result.
    void prefetch(std::size_t cell, int step, const EpochChains& chains) const {
        if (cell >= name_end_.size()) return;
        if (step == 0) {
            __builtin_prefetch(&name_end_[cell == 0 ? 0 : cell - 1]);
            if (cell < chains.shared_of.size()) __builtin_prefetch(&chains.shared_of[cell]);
            return;
        }
        __builtin_prefetch(names_.data() + (cell == 0 ? 0 : name_end_[cell - 1]));
    }
    // The columns UnitValues fill, in order, with their Chinese titles.
    static const std::vector<exporters::TableColumn>& unit_columns();

private:
    grids::GridLocator locator_;
    long long generation_id_ = 0;
    const grids::ServingRoster* roster_;
    std::string names_;  // every cell's name, back to back
    std::vector<std::uint32_t> name_end_;
    std::vector<std::uint32_t> village_of_;     // per cell: index into village_text_
    std::unordered_map<std::uint32_t, std::string> township_of_;  // cells whose township is not their village's
    std::vector<std::array<std::string, 4>> village_text_;  // village code, name, township code, name
    std::map<std::string, std::uint32_t, std::less<>> owner_index_;  // id -> index in roster_->owners()
    mutable std::mutex mutex_;
    mutable std::map<std::size_t, std::unique_ptr<const EpochChains>> epochs_;

    void load_cells(store::Project& project, long long generation_id, const Progress& progress,
                    grids::GridLocatorOptions options);
    [[nodiscard]] std::unique_ptr<const EpochChains> make_chains(grids::Date day) const;
    [[nodiscard]] std::vector<grids::GridAssignment> assignments(std::size_t first, std::size_t last,
                                                                 grids::Date day) const;
    [[nodiscard]] UnitValues chain_values(std::uint32_t village, const grids::ResolvedChain& chain) const;
};

}  // namespace respgrid::ops::detail
