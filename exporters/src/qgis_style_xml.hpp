#pragma once
// The elements of a layer style that a QML document and a project's <maplayer> share.

#include "respgrid/exporters/qgis_style.hpp"
#include "xml_tree.hpp"

namespace respgrid::exporters::detail {

// Adds `<renderer-v2>`, `<labeling>` (when the style has labels) and `<aliases>` to `parent`.
void add_style_elements(XmlElement parent, const LayerStyle& style);

}  // namespace respgrid::exporters::detail
