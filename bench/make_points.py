#!/usr/bin/python3
"""Random issue points for the batch-locate benchmark, as CSV (id,lon,lat,crs).

usage: make_points.py AREA.geojson N OUT.csv [--outside SHARE] [--seed S] [--crs NAME]

Points are uniform over the union of AREA's polygons (CGCS2000 lon/lat), except a share
(default 1 %) uniform over its bounding box outside it: reports are made where the county is,
and a few come from GPS noise or typos. Coordinates are written with 6 decimals (~0.1 m), as
phone apps give them, in AREA's own lon/lat datum, named by --crs (the sample county and
Zhoukou are GCJ-02, so `--crs gcj02`: the points then land where the polygons are). Deterministic
for a seed.
"""
import argparse
import json
import random

from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.prepared import prep


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("area")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--outside", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crs", default="cgcs2000")
    a = ap.parse_args()
    with open(a.area, encoding="utf-8") as f:
        features = json.load(f)["features"]
    area = unary_union([shape(f["geometry"]).buffer(0) for f in features])
    inside_test = prep(area)
    x0, y0, x1, y1 = area.bounds
    rng = random.Random(a.seed)
    n_outside = int(round(a.n * a.outside))
    n_inside = a.n - n_outside
    rows = []
    got_in = got_out = 0
    while got_in < n_inside or got_out < n_outside:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if inside_test.contains(Point(x, y)):
            if got_in < n_inside:
                rows.append((x, y))
                got_in += 1
        elif got_out < n_outside:
            rows.append((x, y))
            got_out += 1
    rng.shuffle(rows)
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        f.write("id,lon,lat,crs\n")
        for i, (x, y) in enumerate(rows):
            f.write("P%08d,%.6f,%.6f,%s\n" % (i, x, y, a.crs))


if __name__ == "__main__":
    main()
