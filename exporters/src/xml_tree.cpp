#include "xml_tree.hpp"

#include <cpl_conv.h>

#include <memory>

namespace respgrid::exporters::detail {

namespace {

// CPL takes NUL-terminated text; a NUL inside a value would end it there, as the control
// character it is.
std::string terminated(std::string_view text) { return std::string(text); }

}  // namespace

XmlElement XmlElement::add(const char* name) { return XmlElement(CPLCreateXMLNode(node_, CXT_Element, name)); }

XmlElement XmlElement::add(const char* name, std::string_view text) {
    XmlElement child = add(name);
    child.text(text);
    return child;
}

XmlElement& XmlElement::set(const char* name, std::string_view value) {
    CPLAddXMLAttributeAndValue(node_, name, terminated(value).c_str());
    return *this;
}

XmlElement& XmlElement::text(std::string_view value) {
    CPLCreateXMLNode(node_, CXT_Text, terminated(value).c_str());
    return *this;
}

XmlElement& XmlElement::raw(std::string_view xml) {
    CPLCreateXMLNode(node_, CXT_Literal, terminated(xml).c_str());
    return *this;
}

XmlElement& XmlElement::add_markup(const char* name, const XmlDocument& document) {
    // One literal, start tag to end tag: CPL would put a literal child on lines of its own,
    // and that white space would become part of the text.
    return raw(std::string("<") + name + "><![CDATA[" + document.serialized() + "]]></" + name + ">");
}

XmlDocument::XmlDocument(const char* root) : tree_(CPLCreateXMLNode(nullptr, CXT_Element, root)) {}

std::string XmlDocument::serialized() const {
    std::unique_ptr<char, decltype(&VSIFree)> text(CPLSerializeXMLTree(tree_.get()), &VSIFree);
    return text ? std::string(text.get()) : std::string();
}

}  // namespace respgrid::exporters::detail
