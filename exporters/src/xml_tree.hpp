#pragma once
// XML built as GDAL's CPLXMLNode trees and written by CPLSerializeXMLTree: the QML styles, the
// QGIS project stored in a GeoPackage and the KML placemarks. Text is escaped in this one place,
// by GDAL: & < > " become entities, and the control characters XML 1.0 cannot hold (U+0000 to
// U+001F except tab, line feed and carriage return) are dropped, so a \x0B in a category name
// or "]]>" in a township name can no longer make a file unreadable. Element text keeps its line
// breaks; in an attribute value a reader turns a line break or tab into a space (XML
// attribute-value normalisation), which only labels and names meet in practice.

#include <cpl_minixml.h>

#include <string>
#include <string_view>

namespace respgrid::exporters::detail {

class XmlDocument;

// An element of an XmlDocument (not owned: the document frees it).
class XmlElement {
public:
    explicit XmlElement(CPLXMLNode* node) : node_(node) {}

    // A new last child element <name>, and <name>text</name>.
    XmlElement add(const char* name);
    XmlElement add(const char* name, std::string_view text);
    // Sets attribute `name` (written in the start tag whenever it is set).
    XmlElement& set(const char* name, std::string_view value);
    // Character data after the children so far.
    XmlElement& text(std::string_view value);
    // XML already serialised by a trusted writer (OGR's KML geometry), copied as it is.
    XmlElement& raw(std::string_view xml);
    // A child element <name> holding `document` (HTML for a KML balloon) as character data in
    // a CDATA section: a third of the size of escaping it again, and safe because a serialised
    // XmlDocument never holds "]]>" (its text and attribute values have every '>' escaped).
    XmlElement& add_markup(const char* name, const XmlDocument& document);

private:
    CPLXMLNode* node_;
};

class XmlDocument {
public:
    explicit XmlDocument(const char* root);
    XmlDocument(XmlDocument&&) = default;
    XmlDocument& operator=(XmlDocument&&) = default;

    [[nodiscard]] XmlElement root() { return XmlElement(tree_.get()); }
    // The document as text, indented, ending with a line break; no XML declaration.
    [[nodiscard]] std::string serialized() const;

private:
    CPLXMLTreeCloser tree_;
};

}  // namespace respgrid::exporters::detail
