// The category matcher (grids/categories.hpp): a hotline's free text finds its catalogue category
// by code, name or alias, forgiving spaces and full-width forms, and never ambiguously.
#include <gtest/gtest.h>

#include "respgrid/grids/categories.hpp"

namespace respgrid::grids {
namespace {

IssueCategory category(const std::string& code, const std::string& name, std::vector<std::string> aliases = {}) {
    IssueCategory c;
    c.code = code;
    c.name = name;
    c.aliases = std::move(aliases);
    return c;
}

std::vector<IssueCategory> sample() {
    return {category("06001", "私搭乱建", {"违章搭建", "违建"}), category("06010", "暴露垃圾"),
            category("06042", "垃圾站(箱)满溢"), category("09009", "机动车乱停放", {"乱停乱放"}),
            category("L001", "Street Noise", {"噪音扰民"})};
}

TEST(CategoryKey, ForgivesSurroundingSpacesFullWidthFormsAndAsciiCase) {
    EXPECT_EQ(category_key("  暴露垃圾 \t"), "暴露垃圾");
    EXPECT_EQ(category_key("\xE3\x80\x80暴露垃圾\xE3\x80\x80"), "暴露垃圾") << "ideographic spaces";
    EXPECT_EQ(category_key("\xC2\xA0" "06010"), "06010") << "a no-break space";
    EXPECT_EQ(category_key("０６０１０"), "06010");
    EXPECT_EQ(category_key("垃圾站（箱）满溢"), "垃圾站(箱)满溢");
    EXPECT_EQ(category_key("ＳＴＲＥＥＴ　 noise"), "street noise") << "inner runs of space become one";
    EXPECT_EQ(category_key(""), "");
    EXPECT_EQ(category_key(" \xE3\x80\x80 "), "");
    EXPECT_NE(category_key("乱停放"), category_key("乱停乱放"));
}

TEST(SplitAliases, EveryCommonSeparatorAndNoEmptyOrRepeatedPieces) {
    EXPECT_EQ(split_aliases("违章搭建；违建;乱搭乱建、私搭,彩钢棚，临建|简易房｜棚户\n搭棚"),
              (std::vector<std::string>{"违章搭建", "违建", "乱搭乱建", "私搭", "彩钢棚", "临建", "简易房", "棚户",
                                        "搭棚"}));
    EXPECT_EQ(split_aliases(" 违建 ;; ；违建； 违  建 "), (std::vector<std::string>{"违建", "违  建"}))
        << "trimmed; a repeat of 违建 dropped; inner spaces are the text's own";
    EXPECT_TRUE(split_aliases("").empty());
    EXPECT_TRUE(split_aliases(" ；、 ").empty());
    const std::vector<std::string> aliases{"乱停乱放", "违停"};
    EXPECT_EQ(split_aliases(join_aliases(aliases)), aliases);
}

TEST(CategoryCatalogue, MatchesByCodeNameOrAliasAndSaysWhich) {
    CategoryCatalogue catalogue(sample());
    struct Case {
        std::string text, code;
        CategoryMatchKind how;
    };
    for (const auto& c : std::vector<Case>{{"06001", "06001", CategoryMatchKind::Code},
                                           {"私搭乱建", "06001", CategoryMatchKind::Name},
                                           {"违章搭建", "06001", CategoryMatchKind::Alias},
                                           {" 违建 ", "06001", CategoryMatchKind::Alias},
                                           {"乱停乱放", "09009", CategoryMatchKind::Alias},
                                           {"垃圾站（箱）满溢", "06042", CategoryMatchKind::Name},
                                           {"０６０１０", "06010", CategoryMatchKind::Code},
                                           {"l001", "L001", CategoryMatchKind::Code},
                                           {"street  NOISE", "L001", CategoryMatchKind::Name},
                                           {"噪音扰民", "L001", CategoryMatchKind::Alias}}) {
        auto m = catalogue.match(c.text);
        ASSERT_TRUE(m) << c.text;
        EXPECT_EQ(m.category->code, c.code) << c.text;
        EXPECT_EQ(m.how, c.how) << c.text;
    }
    for (const char* unknown : {"", "井盖缺失", "乱停", "0601", "06001 私搭乱建"}) {
        auto m = catalogue.match(unknown);
        EXPECT_FALSE(m) << unknown;
        EXPECT_EQ(m.how, CategoryMatchKind::None);
    }
    EXPECT_EQ(to_string(CategoryMatchKind::None), "unrecognised");
    EXPECT_EQ(to_string(CategoryMatchKind::Alias), "alias");
    ASSERT_NE(catalogue.find_code("L001"), nullptr);
    EXPECT_EQ(catalogue.find_code("l001"), nullptr) << "find_code is the exact code";
}

TEST(CategoryCatalogue, ATextTwoCategoriesClaimIsAClashNamingBoth) {
    CategoryCatalogue catalogue(sample());
    // 乱停乱放 for 非机动车乱停放 too: the alias of 09009 already.
    auto clash = catalogue.clash_with(category("09010", "非机动车乱停放", {"电动车乱停", " 乱停乱放 "}));
    ASSERT_TRUE(clash);
    EXPECT_EQ(clash->text, " 乱停乱放 ");
    EXPECT_EQ(clash->what, CategoryMatchKind::Alias);
    EXPECT_EQ(clash->other_code, "09009");
    EXPECT_EQ(clash->other_name, "机动车乱停放");
    EXPECT_EQ(clash->other_what, CategoryMatchKind::Alias);
    const std::string text = clash->describe();
    for (const char* part : {"乱停乱放", "09009", "机动车乱停放"}) EXPECT_NE(text.find(part), std::string::npos) << text;
    // A name that is another category's alias, and an alias that is another's code.
    EXPECT_TRUE(catalogue.clash_with(category("06002", "违建")));
    auto by_code = catalogue.clash_with(category("06003", "其他", {"０６０１０"}));
    ASSERT_TRUE(by_code);
    EXPECT_EQ(by_code->other_code, "06010");
    EXPECT_EQ(by_code->other_what, CategoryMatchKind::Code);
    // A category's own texts may repeat each other; a replacement of a code is not a clash with itself.
    EXPECT_FALSE(catalogue.clash_with(category("09011", "共享单车乱象", {"共享单车乱象", "单车乱停"})));
    EXPECT_FALSE(catalogue.clash_with(category("09009", "机动车乱停放", {"乱停乱放", "违停"})));

    catalogue.add(category("09011", "共享单车乱象", {"单车乱停"}));
    ASSERT_TRUE(catalogue.match("单车乱停"));
    EXPECT_EQ(catalogue.match("单车乱停").category->code, "09011");
    EXPECT_EQ(catalogue.size(), 6u);
}

TEST(CategoryCatalogue, AKeyTwoStoredCategoriesClaimMatchesNeitherButBothStayReachable) {
    // An older project's catalogue, stored before clashes were rejected: two categories named alike.
    CategoryCatalogue catalogue({category("09009", "乱停放"), category("09010", "乱停放 ")});
    EXPECT_FALSE(catalogue.match("乱停放")) << "never one of them at random";
    ASSERT_TRUE(catalogue.match("09010"));
    EXPECT_EQ(catalogue.match("09010").category->name, "乱停放 ");
    ASSERT_TRUE(catalogue.match("09009"));
}

TEST(CategoryCatalogue, MatchedCategoriesStayPutWhenTheCatalogueGrowsOrMoves) {
    CategoryCatalogue catalogue(sample());
    const IssueCategory* first = catalogue.match("私搭乱建").category;
    for (int i = 0; i < 100; ++i) catalogue.add(category("X" + std::to_string(i), "名称" + std::to_string(i)));
    CategoryCatalogue moved = std::move(catalogue);
    EXPECT_EQ(moved.match("违建").category, first);
    EXPECT_EQ(moved.match("名称42").category->code, "X42");
}

}  // namespace
}  // namespace respgrid::grids
