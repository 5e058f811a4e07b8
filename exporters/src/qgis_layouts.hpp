#pragma once
// The print layouts of the QGIS project stored in the GeoPackage (Project > Layout Manager), so a
// technician adjusts and re-prints the sheets in QGIS without respgrid:
//   乡镇网格责任图   the wall sheet, A3 landscape, an atlas over the townships layer: a page per
//                   township, its map fitted to the township, titled "<name>网格责任分布图";
//   网格员责任区图   the worker sheet, A4 landscape, an atlas over worker_areas (worker_areas.hpp):
//                   a page per grid worker, titled with the worker's name, the village, township,
//                   phones and leader under it.
// Each page has the map (its extent driven by the atlas feature), a legend of what the page
// shows, a scale bar in metres, a north arrow, the date it is printed and the program that made
// the file. A layout is added only when the project lists its coverage layer.
//
// Written as QGIS 3.22 reads <Layouts> (QgsLayout::readXml and each item's readPropertiesFromElement):
// only the attributes and elements that differ from QGIS's defaults, with fixed item uuids (the
// legend, scale bar and north arrow name their map by its uuid) so that two exports of the same
// project write the same XML.

#include "qgis_project.hpp"
#include "xml_tree.hpp"

namespace respgrid::exporters::detail {

inline constexpr const char* kWallSheetLayout = "乡镇网格责任图";
inline constexpr const char* kWorkerSheetLayout = "网格员责任区图";

// Adds <Layouts> to the project's root element <qgis>.
void add_print_layouts(XmlElement qgis, const ProjectSpec& spec);

}  // namespace respgrid::exporters::detail
