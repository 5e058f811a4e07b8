#!/usr/bin/python3
"""A year of issue reports for the ledger benchmark, as a CSV `respgrid ledger import` reads.

usage: make_ledger_points.py AREA.geojson CATEGORIES.csv N OUT.csv [--outside SHARE] [--seed S]
                             [--crs NAME] [--last-day 2026-09-30] [--days 365]

Columns id,source,reported_at,dispatched_at,lon,lat,crs,category,description. Places as
bench/make_points.py makes them (uniform over AREA, a share outside it, 6 decimals in AREA's own
datum named by --crs), so the spatial work is the batch-locate benchmark's. Each report: a source
in the sample month's proportions (data/generate_ledger.py), a day of the year ending --last-day,
an hour weighted towards working hours (+08:00), dispatched 5-60 min later (the deadline's clock
starts there), a category code drawn uniformly from CATEGORIES.csv and a short text. Ids follow
the reporting time. Uniform places make few 并案 (same category within 50 m): about 1 % of 100,000
over the sample county. Deterministic for a seed.
"""
import argparse
import csv
import datetime
import json
import random

from shapely.geometry import Point, shape
from shapely.ops import unary_union
from shapely.prepared import prep

SOURCES = (("XC", "人工巡查", 56), ("RX", "12345热线", 19), ("SP", "群众上报", 15), ("DC", "督查组", 7),
           ("AF", "第三方暗访", 3))
HOURS = {7: 3, 8: 9, 9: 12, 10: 12, 11: 9, 12: 4, 13: 3, 14: 5, 15: 10, 16: 10, 17: 8, 18: 5, 19: 5, 20: 4, 21: 3, 22: 2}
TZ = datetime.timezone(datetime.timedelta(hours=8))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("area")
    ap.add_argument("categories")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--outside", type=float, default=0.01)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--crs", default="gcj02")
    ap.add_argument("--last-day", default="2026-09-30")
    ap.add_argument("--days", type=int, default=365)
    a = ap.parse_args()
    with open(a.area, encoding="utf-8") as f:
        area = unary_union([shape(ft["geometry"]).buffer(0) for ft in json.load(f)["features"]])
    with open(a.categories, encoding="utf-8", newline="") as f:
        cats = [(r["code"], r["name"]) for r in csv.DictReader(f)]
    inside_test = prep(area)
    x0, y0, x1, y1 = area.bounds
    rng = random.Random(a.seed)
    n_outside = int(round(a.n * a.outside))
    places, got_in, got_out = [], 0, 0
    while got_in < a.n - n_outside or got_out < n_outside:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if inside_test.contains(Point(x, y)):
            if got_in < a.n - n_outside:
                places.append((x, y))
                got_in += 1
        elif got_out < n_outside:
            places.append((x, y))
            got_out += 1
    rng.shuffle(places)
    first = datetime.datetime.fromisoformat(a.last_day).replace(tzinfo=TZ) - datetime.timedelta(days=a.days - 1)
    hours = sorted(HOURS)
    rows = []
    for x, y in places:
        when = first + datetime.timedelta(days=rng.randrange(a.days), hours=rng.choices(hours, [HOURS[h] for h in hours])[0],
                                          minutes=rng.randrange(60), seconds=rng.randrange(60))
        src = rng.choices(SOURCES, [s[2] for s in SOURCES])[0]
        code, name = rng.choice(cats)
        rows.append((when, src, code, name, x, y))
    rows.sort(key=lambda r: r[0])
    with open(a.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "source", "reported_at", "dispatched_at", "lon", "lat", "crs", "category", "description"])
        for i, (when, src, code, name, x, y) in enumerate(rows):
            sent = when + datetime.timedelta(minutes=rng.randint(5, 60))
            w.writerow(["B%07d" % (i + 1), src[1], when.isoformat(), sent.isoformat(), "%.6f" % x, "%.6f" % y, a.crs,
                        code, "%s发现%s" % (src[1], name)])


if __name__ == "__main__":
    main()
