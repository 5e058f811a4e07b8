// qgis_style.hpp: the QML text is well-formed XML holding what the style says, escapes what
// it must, and renames fields only where they are fields.
#include <gtest/gtest.h>

#include <cpl_minixml.h>

#include <memory>
#include <string>
#include <vector>

#include "respgrid/exporters/qgis_style.hpp"
#include "xml_check.hpp"

namespace respgrid::test {
namespace {

using exporters::LabelStyle;
using exporters::LayerStyle;
using exporters::Symbol;
using exporters::SymbolKind;

struct XmlTreeDeleter {
    void operator()(CPLXMLNode* n) const { CPLDestroyXMLNode(n); }
};
using XmlTree = std::unique_ptr<CPLXMLNode, XmlTreeDeleter>;

LayerStyle categorised() {
    LayerStyle s;
    s.layer = "grids";
    s.title = "网格";
    s.attribute = "township_code";
    Symbol a, b;
    a.colour = {255, 0, 0, 150};
    b.colour = {0, 0, 255, 150};
    s.categories = {{"411626001", "陈州街道 & <东>", a}, {"411626101", "白楼镇 \"北\"", b}};
    s.labels = LabelStyle{"\"code\" || if(\"grid_worker\" is not null, '\\n\"grid_worker\"', '')", 8, {0, 0, 0, 255},
                          false, 20000, true};
    return s;
}

TEST(QgisStyle, QmlIsWellFormedAndHoldsEveryCategoryWithItsSymbol) {
    const std::string qml = exporters::qml_document(categorised());
    // CPL's parser stops at the DOCTYPE line; parse what follows it.
    XmlTree tree(CPLParseXMLString(qml.substr(qml.find("<qgis")).c_str()));
    ASSERT_TRUE(tree) << qml;
    EXPECT_STREQ(CPLGetXMLValue(tree.get(), "=qgis.labelsEnabled", ""), "1");
    const CPLXMLNode* renderer = CPLGetXMLNode(tree.get(), "=qgis.renderer-v2");
    ASSERT_NE(renderer, nullptr);
    EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "categorizedSymbol");
    EXPECT_STREQ(CPLGetXMLValue(renderer, "attr", ""), "township_code");
    int categories = 0, symbols = 0;
    for (const CPLXMLNode* c = CPLGetXMLNode(renderer, "categories")->psChild; c; c = c->psNext) {
        if (c->eType != CXT_Element) continue;
        ++categories;
        if (categories == 1) EXPECT_STREQ(CPLGetXMLValue(c, "label", ""), "陈州街道 & <东>");  // escaped and back
    }
    for (const CPLXMLNode* s = CPLGetXMLNode(renderer, "symbols")->psChild; s; s = s->psNext) {
        if (s->eType == CXT_Element) ++symbols;
    }
    EXPECT_EQ(categories, 2);
    EXPECT_EQ(symbols, 2);
    EXPECT_NE(qml.find("<prop k=\"color\" v=\"255,0,0,150\" />"), std::string::npos);
    const CPLXMLNode* text = CPLGetXMLNode(tree.get(), "=qgis.labeling.settings.text-style");
    ASSERT_NE(text, nullptr);
    EXPECT_EQ(std::string(CPLGetXMLValue(text, "fieldName", "")), categorised().labels->expression);
    EXPECT_STREQ(CPLGetXMLValue(tree.get(), "=qgis.labeling.settings.rendering.scaleMax", ""), "20000");
}

TEST(QgisStyle, RenamingTouchesFieldsButNotStringLiterals) {
    LayerStyle style = categorised();
    style.aliases = {{"township_code", "乡镇/街道代码"}, {"code", "网格编码"}};
    auto renamed =
        exporters::with_renamed_fields(style, {{"township_code", "township_c"}, {"grid_worker", "grid_worke"}});
    EXPECT_EQ(renamed.attribute, "township_c");
    ASSERT_EQ(renamed.aliases.size(), 2u);
    EXPECT_EQ(renamed.aliases[0].field, "township_c") << "the shapefile's field gets the title";
    EXPECT_EQ(renamed.aliases[1].field, "code");
    // The quoted field is renamed; the same text inside a 'string literal' is not.
    EXPECT_EQ(renamed.labels->expression, "\"code\" || if(\"grid_worke\" is not null, '\\n\"grid_worker\"', '')");
}

TEST(QgisStyle, AnEmphasisMakesARuleRendererWithARulePerCategoryThenTheEmphasis) {
    LayerStyle style = categorised();
    Symbol ring;
    ring.kind = SymbolKind::Marker;
    ring.outline = {230, 0, 0, 255};
    style.emphasis = exporters::StyleEmphasis{"\"overdue\" = 1", "超期", ring};
    style.categories.push_back({"", "其他", Symbol{}});
    style.categories[0].value = "O'Brien";  // a quote inside the value is doubled in the literal
    const std::string qml = exporters::qml_document(style);
    XmlTree tree(CPLParseXMLString(qml.substr(qml.find("<qgis")).c_str()));
    ASSERT_TRUE(tree) << qml;
    const CPLXMLNode* renderer = CPLGetXMLNode(tree.get(), "=qgis.renderer-v2");
    ASSERT_NE(renderer, nullptr);
    EXPECT_STREQ(CPLGetXMLValue(renderer, "type", ""), "RuleRenderer");
    std::vector<std::string> filters, symbols;
    for (const CPLXMLNode* r = CPLGetXMLNode(renderer, "rules")->psChild; r; r = r->psNext) {
        if (r->eType != CXT_Element) continue;
        filters.push_back(CPLGetXMLValue(r, "filter", ""));
        symbols.push_back(CPLGetXMLValue(r, "symbol", ""));
    }
    EXPECT_EQ(filters, (std::vector<std::string>{"\"township_code\" = 'O''Brien'", "\"township_code\" = '411626101'",
                                                 "ELSE", "\"overdue\" = 1"}));
    EXPECT_EQ(symbols, (std::vector<std::string>{"0", "1", "2", "3"}));
    int drawn = 0;
    for (const CPLXMLNode* s = CPLGetXMLNode(renderer, "symbols")->psChild; s; s = s->psNext) drawn += s->eType == CXT_Element;
    EXPECT_EQ(drawn, 4);
    // Shapefile names reach the emphasis's filter too.
    const auto renamed = exporters::with_renamed_fields(style, {{"overdue", "overdue_f"}});
    EXPECT_EQ(renamed.emphasis->filter, "\"overdue_f\" = 1");
}

TEST(QgisStyle, SingleSymbolLayersHaveNoCategoriesAndOutlineOnlyFillsAreNotFilled) {
    LayerStyle s;
    s.layer = "county";
    s.single.filled = false;
    s.single.dashed = true;
    const std::string qml = exporters::qml_document(s);
    EXPECT_NE(qml.find("type=\"singleSymbol\""), std::string::npos);
    EXPECT_EQ(qml.find("<categories>"), std::string::npos);
    EXPECT_NE(qml.find("<prop k=\"style\" v=\"no\" />"), std::string::npos);
    EXPECT_NE(qml.find("<prop k=\"outline_style\" v=\"dash\" />"), std::string::npos);
    EXPECT_NE(qml.find("labelsEnabled=\"0\""), std::string::npos);
}

TEST(QgisStyle, AliasesAreWrittenByFieldNameInTheFieldsCategory) {
    LayerStyle s = categorised();
    s.aliases = {{"village_name", "村/社区"}, {"code", "网格编码"}};
    const std::string qml = exporters::qml_document(s);
    XmlTree tree(CPLParseXMLString(qml.substr(qml.find("<qgis")).c_str()));
    ASSERT_TRUE(tree) << qml;
    EXPECT_STREQ(CPLGetXMLValue(tree.get(), "=qgis.styleCategories", ""), "Symbology|Labeling|Fields");
    const CPLXMLNode* aliases = CPLGetXMLNode(tree.get(), "=qgis.aliases");
    ASSERT_NE(aliases, nullptr) << qml;
    std::vector<std::pair<std::string, std::string>> seen;
    for (const CPLXMLNode* a = aliases->psChild; a; a = a->psNext) {
        if (a->eType == CXT_Element) seen.emplace_back(CPLGetXMLValue(a, "field", ""), CPLGetXMLValue(a, "name", ""));
    }
    EXPECT_EQ(seen, (std::vector<std::pair<std::string, std::string>>{{"village_name", "村/社区"}, {"code", "网格编码"}}));
}

// A vertical tab (Excel's line break inside a cell), other control characters and a CDATA end
// in labels: QGIS (Qt's XML reader) refuses a style holding a control character, and then
// shows the layer unstyled.
TEST(QgisStyle, ControlCharactersAreDroppedAndMarkupEscapedSoTheQmlStaysWellFormed) {
    LayerStyle s = categorised();
    s.categories[0].label = "乱停\x0B乱放\x01]]><b>&amp;";
    s.categories[1].value = "C\x1F" "2";
    s.aliases = {{"category_name", "问题\x0B类别"}};
    const std::string qml = exporters::qml_document(s);
    EXPECT_EQ(xml_error(qml), "") << qml;
    XmlTree tree(CPLParseXMLString(qml.substr(qml.find("<qgis")).c_str()));
    ASSERT_TRUE(tree) << qml;
    EXPECT_STREQ(CPLGetXMLValue(tree.get(), "=qgis.renderer-v2.categories.category.label", ""), "乱停乱放]]><b>&amp;");
    EXPECT_STREQ(CPLGetXMLValue(tree.get(), "=qgis.aliases.alias.name", ""), "问题类别");
}

}  // namespace
}  // namespace respgrid::test
