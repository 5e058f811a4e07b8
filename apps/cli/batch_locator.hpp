#pragma once
// What batch locate holds in memory for one grid generation: the locator, and for every cell the
// text its output rows carry, prepared once so that a located point costs one index look-up and
// a few copies. Cells share their village's and owner chain's text: a county has a few thousand
// (village, chain) pairs however many grids it has.

#include <array>
#include <cstdint>
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
    // CSV text (already quoted where needed) of a cell's name, and of its village, township and
    // owners: "village_code,village_name,township_code,township_name,grid_worker,...".
    [[nodiscard]] std::string_view name_csv(std::size_t cell) const;
    // At time `at` (normalised instant): the prepared text when every owner of the chain serves
    // then (always, when no owner has validity dates), else the text rebuilt into `scratch`.
    [[nodiscard]] std::string_view unit_csv(std::size_t cell, std::string_view at, std::string& scratch) const;
    // The columns unit_csv() fills, in order.
    static const std::vector<std::string>& unit_columns();

private:
    grids::GridLocator locator_;
    std::string names_;                  // every cell's name, CSV-quoted, back to back
    std::vector<std::uint32_t> name_end_;
    std::vector<std::uint32_t> shared_of_;
    std::vector<std::string> shared_;    // distinct unit_csv texts, every active owner listed
    struct SharedChain {
        std::uint32_t village = 0;
        std::array<std::uint32_t, 4> owners{};  // per territorial role: index into owners_, or UINT32_MAX
        bool dated = false;                     // some owner has a validity period
    };
    std::vector<SharedChain> chains_;           // per shared_ entry
    std::vector<grids::Owner> owners_;
    std::vector<std::array<std::string, 4>> village_text_;  // village code, name, township code, name
    [[nodiscard]] std::string chain_text(const SharedChain& chain, std::string_view at) const;
};

// Appends `value` to `out` as one CSV value (quoted when it holds a comma, quote or line break).
void append_csv_value(std::string& out, std::string_view value);

}  // namespace respgrid::cli
