#pragma once
// GCJ-02 ("Mars coordinates", used by Amap, Tencent and WeChat maps) and BD-09 (Baidu) are
// obfuscated variants of WGS-84 that PROJ does not know. Formulas and constants as documented
// in docs/DOMAIN.md §3.2 (the same published by eviltransform, gcoord and coordtransform).
//
// All functions take and return lon/lat degrees (x = longitude, y = latitude). Outside the
// China box the GCJ-02 offset is zero and WGS-84 <-> GCJ-02 return the input unchanged; the
// BD-09 step (a small rotation and shift on top of GCJ-02) applies everywhere, as in the
// reference implementations. At grid scale WGS-84 and CGCS2000 are treated as identical.

#include "respgrid/geo/xy.hpp"

namespace respgrid::geo {

// The box inside which GCJ-02 applies an offset (eviltransform / gcoord bounds, inclusive).
bool in_gcj02_region(XY lonlat);

XY wgs84_to_gcj02(XY wgs);
// Exact inverse by fixed-point iteration (converges to < 1e-9 degree in a few steps), not the
// one-step approximation that is 1-2 m off.
XY gcj02_to_wgs84(XY gcj);

XY gcj02_to_bd09(XY gcj);
// Exact inverse of gcj02_to_bd09 by iteration (the closed-form reverse is 5-15 cm off).
XY bd09_to_gcj02(XY bd);

inline XY wgs84_to_bd09(XY wgs) { return gcj02_to_bd09(wgs84_to_gcj02(wgs)); }
inline XY bd09_to_wgs84(XY bd) { return gcj02_to_wgs84(bd09_to_gcj02(bd)); }

}  // namespace respgrid::geo
