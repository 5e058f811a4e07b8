#pragma once
// What batch locate holds in memory for one grid generation: the locator, and for every cell the
// values its output rows carry, prepared once so that a located point costs one index look-up and
// a few copies. Cells share their village's and owner chain's values: a county has a few thousand
// (village, chain) pairs however many grids it has.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "respgrid/grids/locator.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::cli {

class BatchLocator {
public:
    // Loads generation `generation_id` of `project` (outlines streamed; no GEOS objects). The
    // owner columns are the chains `assign` stored, less inactive owners and, per row, the owners
    // not serving at the row's time (outside their valid_from..valid_to).
    BatchLocator(store::Project& project, long long generation_id, const Progress& progress,
                 grids::GridLocatorOptions options = {});

    [[nodiscard]] const grids::GridLocator& locator() const { return locator_; }
    [[nodiscard]] std::size_t cell_count() const { return locator_.size(); }
    using UnitValues = std::array<std::string, 10>;
    // A cell's name.
    [[nodiscard]] std::string_view name(std::size_t cell) const;
    // A cell's village, township and owners, in the order of unit_columns(), on `day` (of the
    // project's zone): the prepared values when every owner of the chain serves then (always,
    // when no owner has validity dates), else the values rebuilt into `scratch`.
    [[nodiscard]] const UnitValues& unit_values(std::size_t cell, grids::Date day, UnitValues& scratch) const;
    // The columns unit_values() fills, in order.
    static const std::vector<std::string>& unit_columns();

private:
    grids::GridLocator locator_;
    std::string names_;                  // every cell's name, back to back
    std::vector<std::uint32_t> name_end_;
    std::vector<std::uint32_t> shared_of_;
    std::vector<UnitValues> shared_;     // distinct unit values, every active owner listed
    struct SharedChain {
        std::uint32_t village = 0;
        std::array<std::uint32_t, 4> owners{};  // per territorial role: index into owners_, or UINT32_MAX
        bool dated = false;                     // some owner has a validity period
    };
    std::vector<SharedChain> chains_;           // per shared_ entry
    std::vector<grids::Owner> owners_;
    std::vector<std::array<std::string, 4>> village_text_;  // village code, name, township code, name
    [[nodiscard]] UnitValues chain_values(const SharedChain& chain, std::optional<grids::Date> day) const;
};

}  // namespace respgrid::cli
