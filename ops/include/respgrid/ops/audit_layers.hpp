#pragma once
// The layers `audit` and `repair` work on, as the grids library wants them: each polygon with
// its declared parent, and the parent layer.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "respgrid/grids/coverage.hpp"
#include "respgrid/grids/grid_shapes.hpp"
#include "respgrid/grids/admin.hpp"
#include "respgrid/store/project.hpp"

namespace respgrid::ops {

enum class AuditLayer { Townships, Villages, Grids };
inline constexpr AuditLayer kAuditLayers[] = {AuditLayer::Townships, AuditLayer::Villages, AuditLayer::Grids};
std::string_view to_string(AuditLayer layer);  // "townships", "villages", "grids"
std::optional<AuditLayer> parse_audit_layer(std::string_view text);

// The administrative units of a project, by level.
struct AdminLayers {
    std::vector<grids::AdminUnit> county;
    std::vector<grids::AdminUnit> townships;
    std::vector<grids::AdminUnit> villages;

    // The county outline as the top parent (with its drawing when that was invalid).
    [[nodiscard]] grids::ParentUnit county_parent() const;
    // The units of a layer of units (townships or villages; the grids are not units).
    [[nodiscard]] const std::vector<grids::AdminUnit>& units_of(AuditLayer layer) const;
    // The units of the layer above `layer`; empty for townships, whose parent is the county.
    [[nodiscard]] std::vector<grids::ParentUnit> parents_of(AuditLayer layer) const;
};

// UsageError when the project has no boundaries yet, or no county outline among them.
AdminLayers load_admin_layers(store::Project& project);

// A layer's items as the audit reads them: the units' items, held here, or the grids' made on
// demand from the GridShapes (each grid's group and declared parent its village, its supergroup
// its township), which a million grids held as CoverageItems would copy into 123 MB.
class LayerItems final : public grids::CoverageItems {
public:
    LayerItems() = default;
    explicit LayerItems(const grids::GridShapes& grids) : grids_(&grids) {}
    void add_unit(const grids::CoverageItem& item) { units_.push_back(item); }
    [[nodiscard]] std::size_t size() const override;
    [[nodiscard]] grids::CoverageItem operator[](std::size_t i) const override;

private:
    const grids::GridShapes* grids_ = nullptr;  // the grids layer: views into these shapes
    std::vector<grids::CoverageItem> units_;
};

struct LayerInputs {
    grids::ParentUnit county;
    LayerItems items;                            // views into the units, the cells and `wkb`: keep them alive
    std::vector<grids::ParentUnit> parents;      // empty for townships (their parent is the county)
    std::vector<std::vector<std::uint8_t>> wkb;  // the units' shapes (and drawings) as the items read them
};

// The items of `layer`: the units of `units`, or `grids` (their shapes as WKB) for the grids.
LayerInputs layer_inputs(const AdminLayers& units, const grids::GridShapes& grids, AuditLayer layer);

}  // namespace respgrid::ops
