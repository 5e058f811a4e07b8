#!/usr/bin/python3
"""Turns data/zhoukou_counties.geojson into the benchmark's large project inputs.

The whole of Zhoukou becomes one "county" (code 411600): the dissolved, repaired outline of its
ten units; each unit becomes a township (411600001..010). A unit of ~1,200 km² would need more
than the 999 grid numbers a village code allows, so each unit is cut into stand-in villages by a
0.025° lattice (about 6.5 km², some 200 per unit). The units overlap and leave gaps along their
borders, as shipped; that does not matter for timing grid generation. Coordinates stay GCJ-02.

Usage: /usr/bin/python3 bench/make_zhoukou.py OUTPUT_DIR
"""
import json
import pathlib
import sys

from osgeo import ogr


STEP = 0.025  # degrees


def lattice_villages(unit, township_code, name):
    """The unit cut by a lattice of STEP degrees, one village per non-empty piece."""
    min_x, max_x, min_y, max_y = unit.GetEnvelope()
    features = []
    i0, i1 = int(min_x // STEP), int(max_x // STEP) + 1
    j0, j1 = int(min_y // STEP), int(max_y // STEP) + 1
    for j in range(j1 - 1, j0 - 1, -1):
        for i in range(i0, i1):
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in ((i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)):
                ring.AddPoint_2D(x * STEP, y * STEP)
            cell = ogr.Geometry(ogr.wkbPolygon)
            cell.AddGeometry(ring)
            piece = unit.Intersection(cell)
            if piece is None or piece.IsEmpty() or piece.GetArea() <= 0:
                continue
            n = len(features) + 1
            features.append({"type": "Feature",
                             "properties": {"code": "%s%03d" % (township_code, n), "name": "%s%d片" % (name, n)},
                             "geometry": json.loads(piece.ExportToJson())})
    return features


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    src = pathlib.Path(__file__).resolve().parent.parent / "data" / "zhoukou_counties.geojson"
    units = json.loads(src.read_text(encoding="utf-8"))["features"]
    units.sort(key=lambda f: f["id"])
    geoms = []
    townships, villages = [], []
    for n, f in enumerate(units, start=1):
        g = ogr.CreateGeometryFromJson(json.dumps(f["geometry"])).MakeValid()
        geoms.append(g)
        code = "411600%03d" % n
        geometry = f["geometry"]
        townships.append({"type": "Feature", "properties": {"code": code, "name": f["properties"]["name"]},
                          "geometry": geometry})
        villages.extend(lattice_villages(g, code, f["properties"]["name"]))
    union = geoms[0]
    for g in geoms[1:]:
        union = union.Union(g)
    county = {"type": "Feature", "properties": {"code": "411600", "name": "周口市"},
              "geometry": json.loads(union.ExportToJson())}

    def write(name, features):
        (out / name).write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                                encoding="utf-8")

    write("zhoukou_county.geojson", [county])
    write("zhoukou_townships.geojson", townships)
    write("zhoukou_villages.geojson", villages)


if __name__ == "__main__":
    main()
