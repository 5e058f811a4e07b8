#!/usr/bin/python3
"""Opens respgrid's exports in a real QGIS (PyQGIS, headless) and prints what QGIS sees as JSON.

The C++ test (tests/cli/qgis_client_test.cpp) runs this on Debian's python3 with python3-qgis
and asserts on the JSON; this script only observes, so an assertion never hides in here.

    qgis_probe.py --gpkg FILE.gpkg [--project NAME] [--png OUT.png] [--shp FOLDER] [--layouts PREFIX]

Prints {"layers": {...}, "project": {...}, "render": {...}, "shp": {...}, "layouts": [...]}; every
layer lists its field aliases ({"village_name": "村/社区", ...}). With --layouts, every print layout
of the stored project is described (its atlas: coverage layer, feature and page counts) and its
atlas's first page exported through QgsLayoutExporter to PREFIX<n>.png, with the picture's pixel
statistics.
"""
import argparse
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (the environment must be set first)
    QgsApplication,
    QgsExpression,
    QgsFeatureRequest,
    QgsLayoutExporter,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402


def field_aliases(layer):
    """The titles QGIS shows instead of field names (attribute table, identify), by field name."""
    if not layer.isValid():
        return {}
    return {f.name(): layer.attributeAlias(i) for i, f in enumerate(layer.fields()) if layer.attributeAlias(i)}


def describe_layer(layer):
    """What a technician sees when the layer is added: validity, count, CRS, style, labels, field titles."""
    renderer = layer.renderer() if layer.isValid() else None
    out = {
        "valid": layer.isValid(),
        "features": layer.featureCount() if layer.isValid() else -1,
        "authid": layer.crs().authid() if layer.isValid() else "",
        "renderer": renderer.type() if renderer else "",
        "labels": bool(layer.labelsEnabled()) if layer.isValid() else False,
        "aliases": field_aliases(layer),
    }
    if renderer is not None and renderer.type() == "singleSymbol":
        out["colour"] = renderer.symbol().color().name()
    if renderer is not None and renderer.type() == "categorizedSymbol":
        out["attribute"] = renderer.classAttribute()
        out["categories"] = len(renderer.categories())
        out["category_labels"] = [c.label() for c in renderer.categories()][:50]
    if renderer is not None and renderer.type() == "RuleRenderer":
        # Each rule as QGIS parsed it: its filter, legend label and symbol's first layer colours.
        out["rules"] = [{"filter": r.filterExpression(), "label": r.label(),
                         "colour": r.symbol().color().name(QColor.HexArgb) if r.symbol() else "",
                         "stroke": r.symbol().symbolLayer(0).strokeColor().name() if r.symbol() else ""}
                        for r in renderer.rootRule().children()]
        # How many features each rule draws, counted by QGIS's own expression engine.
        counts = []
        for r in renderer.rootRule().children():
            expression = r.filterExpression()
            if expression and expression != "ELSE":
                counts.append(sum(1 for _ in layer.getFeatures(QgsFeatureRequest(QgsExpression(expression)))))
            else:
                counts.append(-1)
        out["rule_features"] = counts
    if layer.isValid() and layer.labelsEnabled() and layer.labeling() is not None:
        settings = layer.labeling().settings()
        out["label_expression"] = settings.fieldName
    return out


def sublayer_names(path):
    """The layers QGIS's Browser lists for a file (it hides layer_styles and qgis_projects)."""
    names = []
    for detail in QgsProviderRegistry.instance().querySublayers(path):
        names.append(detail.name())
    return names


def render(project, png, size=1200):
    """Renders every layer of the project over its first layer's extent; returns pixel statistics."""
    layers = [l for l in project.layerTreeRoot().layerOrder() if l.isValid()]
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    extent = None
    for layer in layers:
        if layer.name() in ("县界",):
            extent = layer.extent()
    if extent is None and layers:
        extent = layers[-1].extent()
    settings.setExtent(extent)
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png, "PNG")
    out = pixel_statistics(image)
    out["errors"] = [str(e.message) for e in job.errors()]
    return out


def pixel_statistics(image):
    """Size, share of pixels that are not white and how many colours, every 3rd pixel of every 3rd row."""
    painted, colours = 0, set()
    samples = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            rgb = image.pixel(x, y) & 0xFFFFFF
            samples += 1
            if rgb != 0xFFFFFF:
                painted += 1
            colours.add(rgb)
    return {"width": image.width(), "height": image.height(), "painted_share": painted / max(samples, 1),
            "distinct_colours": len(colours)}


def describe_layouts(project, prefix, dpi=60):
    """Each print layout: its atlas as QGIS read it, and its first page exported to PNG through QgsLayoutExporter."""
    out = []
    for n, layout in enumerate(project.layoutManager().printLayouts()):
        atlas = layout.atlas()
        coverage = atlas.coverageLayer()
        described = {"name": layout.name(), "pages": layout.pageCollection().pageCount(),
                     "atlas_enabled": bool(atlas.enabled()),
                     "coverage": coverage.name() if coverage else "",
                     "coverage_valid": bool(coverage and coverage.isValid()),
                     "coverage_features": coverage.featureCount() if coverage and coverage.isValid() else -1,
                     "atlas_pages": atlas.updateFeatures() if atlas.enabled() else 0,
                     "items": sorted({type(item).__name__ for item in layout.items()
                                      if type(item).__name__.startswith("QgsLayoutItem")})}
        if described["atlas_pages"] > 0 and atlas.beginRender() and atlas.first():
            # The page's own texts, evaluated for the first atlas feature (title, subtitle).
            described["labels"] = [item.currentText() for item in layout.items()
                                   if type(item).__name__ == "QgsLayoutItemLabel"]
            described["page_name"] = atlas.currentFilename()
            settings = QgsLayoutExporter.ImageExportSettings()
            settings.dpi = dpi
            settings.generateWorldFile = False
            settings.exportMetadata = False
            png = f"{prefix}{n}.png"
            result = QgsLayoutExporter(layout).exportToImage(png, settings)
            atlas.endRender()
            described["export_result"] = int(result)
            image = QImage(png)
            described["png"] = pixel_statistics(image) if not image.isNull() else {}
        out.append(described)
    return out


def labels_near_first_grid(project):
    """Renders ~1 km around the first grid (about 1:4,000) and counts the labels placed per layer."""
    layers = [l for l in project.layerTreeRoot().layerOrder() if l.isValid()]
    grids = [l for l in layers if l.name() == "网格"]
    if not grids:
        return {}
    first = next(grids[0].getFeatures(), None)
    if first is None:
        return {}
    centre = first.geometry().boundingBox().center()
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setExtent(QgsRectangle(centre.x() - 0.005, centre.y() - 0.005, centre.x() + 0.005, centre.y() + 0.005))
    settings.setOutputSize(QSize(1000, 1000))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    counts = {}
    results = job.takeLabelingResults()
    names = {l.id(): l.name() for l in layers}
    for label in (results.allLabels() if results else []):
        name = names.get(label.layerID, label.layerID)
        counts[name] = counts.get(name, 0) + 1
    return {"scale": settings.scale(), "labels": counts}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpkg", required=True)
    parser.add_argument("--project", default="respgrid")
    parser.add_argument("--png")
    parser.add_argument("--shp")
    parser.add_argument("--layouts")
    args = parser.parse_args()

    app = QgsApplication([], False)
    QgsApplication.setPrefixPath("/usr", True)
    app.initQgis()

    result = {"sublayers": sublayer_names(args.gpkg), "layers": {}, "project": {}, "shp": {}}
    for name in result["sublayers"]:
        layer = QgsVectorLayer(f"{args.gpkg}|layername={name}", name, "ogr")
        result["layers"][name] = describe_layer(layer)

    project = QgsProject.instance()
    uri = f"geopackage:{os.path.abspath(args.gpkg)}?projectName={args.project}"
    read = project.read(uri)
    ordered = project.layerTreeRoot().layerOrder() if read else []
    result["project"] = {
        "read": bool(read),
        "crs": project.crs().authid() if read else "",
        "layers": [{"name": l.name(), "valid": l.isValid(), "source": l.source(),
                    "renderer": l.renderer().type() if l.isValid() and l.renderer() else "",
                    "aliases": field_aliases(l)} for l in ordered],
    }
    if read and args.layouts:
        result["layouts"] = describe_layouts(project, args.layouts)
    if read and args.png:
        result["render"] = render(project, args.png)
        result["zoomed"] = labels_near_first_grid(project)

    if args.shp:
        for entry in sorted(os.listdir(args.shp)):
            if not entry.endswith(".shp"):
                continue
            layer = QgsVectorLayer(os.path.join(args.shp, entry), entry[:-4], "ogr")
            described = describe_layer(layer)
            values = {}
            if layer.isValid():
                for field in ("name", "township_n", "village_na"):
                    index = layer.fields().indexFromName(field)
                    if index >= 0:
                        distinct = {str(f[index]) for f in layer.getFeatures()}
                        if len(distinct) <= 5000:  # the grids' own names would be 145,000
                            values[field] = sorted(distinct)
            described["values"] = values
            result["shp"][entry[:-4]] = described

    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.flush()
    # exitQgis() / interpreter teardown can crash after rendering (QGIS_FORMATS.md): leave at once.
    os._exit(0)


if __name__ == "__main__":
    main()
