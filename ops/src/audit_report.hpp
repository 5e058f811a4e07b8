#pragma once
// The audit's findings as JSON: the summary recorded with every run and shown in the report, the
// parameters, and the report's list of defects. One writer, so that the record and the report
// cannot drift apart.

#include <nlohmann/json.hpp>

#include <optional>
#include <span>

#include "respgrid/geo/crs.hpp"
#include "respgrid/grids/grid_shapes.hpp"
#include "respgrid/ops/audit.hpp"

namespace respgrid::ops::detail {

nlohmann::json audit_parameters_json(const AuditOptions& options);
// `generation`: the current grid generation when the audit ran.
nlohmann::json audit_summary_json(const AuditFindings& findings, std::optional<long long> generation);
// `grids`: the grids audited, in code order as the store loads them (empty when the grids were not).
nlohmann::json audit_defects_json(const AuditFindings& findings, const grids::GridShapes& grids,
                                  const geo::CoordinateTransform& to_lonlat);

}  // namespace respgrid::ops::detail
