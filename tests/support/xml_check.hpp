#pragma once
// A strict XML 1.0 check for the XML respgrid writes (QML, the QGIS project, KML), by expat:
// GDAL's own parser accepts what QGIS (Qt) and Google Earth refuse, such as control characters
// or a "]]>" that ends a CDATA section early.

#include <string>

namespace respgrid::test {

// "" when `text` is well-formed XML; else expat's reason with the line and column.
std::string xml_error(const std::string& text);

}  // namespace respgrid::test
