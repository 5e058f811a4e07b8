#pragma once
// The layers `audit` and `repair` work on, as the grids library wants them: each polygon with
// its declared parent, and the parent layer.

#include <optional>
#include <string_view>
#include <vector>

#include "cli/project_view.hpp"
#include "respgrid/grids/coverage.hpp"

namespace respgrid::cli {

enum class AuditLayer { Townships, Villages, Grids };
inline constexpr AuditLayer kAuditLayers[] = {AuditLayer::Townships, AuditLayer::Villages, AuditLayer::Grids};
std::string_view to_string(AuditLayer layer);  // "townships", "villages", "grids"
std::optional<AuditLayer> parse_audit_layer(std::string_view text);

struct LayerInputs {
    grids::ParentUnit county;
    std::vector<grids::CoverageItem> items;    // views into the ProjectView: keep it alive
    std::vector<grids::ParentUnit> parents;    // empty for townships (their parent is the county)
};

// Throws UsageError when the project has no county outline.
LayerInputs layer_inputs(const ProjectView& view, AuditLayer layer);

}  // namespace respgrid::cli
