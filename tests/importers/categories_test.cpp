// read_categories (importers/categories.hpp): the issue-category catalogue as data: codes as
// text, deadlines as positive numbers, duplicates and empty names rejected.
#include <gtest/gtest.h>

#include <map>

#include "ogr_fixtures.hpp"
#include "respgrid/importers/categories.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using importers::read_categories;

std::map<long long, const Reject*> rejects_by_line(const std::vector<Reject>& rejects) {
    std::map<long long, const Reject*> out;
    for (const auto& r : rejects) out[r.where.record.value_or(-1)] = &r;
    return out;
}

TEST(ReadCategories, EveryColumnWithLeadingZeroCodesKept) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path,
               "code,name,group,standard,department,deadline_hours\n"
               "09006,占道经营,街面秩序类,GB/T 47678.5-2026,D-CG,24\n"
               "L001,秸秆焚烧,本地类,local,D-HB,\n");
    auto r = read_categories(path);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.rows_read, 2u);
    ASSERT_EQ(r.categories.size(), 2u);
    const auto& c = r.categories[0];
    EXPECT_EQ(c.code, "09006");
    EXPECT_EQ(c.name, "占道经营");
    EXPECT_EQ(c.group, "街面秩序类");
    EXPECT_EQ(c.standard, "GB/T 47678.5-2026");
    EXPECT_EQ(c.department_id, "D-CG");
    EXPECT_EQ(c.deadline_hours, 24.0);
    EXPECT_EQ(r.categories[1].code, "L001");
    EXPECT_FALSE(r.categories[1].deadline_hours) << "an empty deadline is no deadline";
}

TEST(ReadCategories, ChineseColumnNames) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path, "\xEF\xBB\xBF代码,名称,大类,标准,责任部门,处置时限\r\n09009,乱堆物料,街面秩序类,国标,D-CG, 48 \r\n");
    auto r = read_categories(path);
    ASSERT_EQ(r.categories.size(), 1u);
    EXPECT_EQ(r.categories[0].code, "09009");
    EXPECT_EQ(r.categories[0].group, "街面秩序类");
    EXPECT_EQ(r.categories[0].department_id, "D-CG");
    EXPECT_EQ(r.categories[0].deadline_hours, 48.0);
}

TEST(ReadCategories, DeadlineMustBeAPositiveNumber) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path,
               "code,name,deadline_hours\n"
               "C1,甲,0.5\n"     // 2
               "C2,乙,0\n"       // 3
               "C3,丙,-1\n"      // 4
               "C4,丁,两天\n"    // 5
               "C5,戊,24h\n"     // 6
               "C6,己,NaN\n"     // 7
               "C7,庚,72\n");    // 8
    auto r = read_categories(path);
    ASSERT_EQ(r.categories.size(), 2u);
    EXPECT_EQ(r.categories[0].deadline_hours, 0.5);
    EXPECT_EQ(r.categories[1].deadline_hours, 72.0);
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 5u);
    for (long long line : {3, 4, 5, 6, 7}) {
        ASSERT_TRUE(rejects.count(line)) << line;
        EXPECT_EQ(rejects[line]->where.field, "deadline_hours") << line;
        EXPECT_EQ(rejects[line]->where.file, path);
    }
}

TEST(ReadCategories, RepeatedCodeKeepsTheFirstAndEmptyCodeOrNameIsRejected) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path,
               "code,name\n"
               "09006,占道经营\n"   // 2
               "09006,重复\n"       // 3
               ",无代码\n"          // 4
               "09010,\n"           // 5
               "9006,不是重复\n");  // 6: a different code
    auto r = read_categories(path);
    ASSERT_EQ(r.categories.size(), 2u);
    EXPECT_EQ(r.categories[0].name, "占道经营");
    EXPECT_EQ(r.categories[1].code, "9006");
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 3u);
    for (long long line : {3, 4, 5}) ASSERT_TRUE(rejects.count(line)) << line;
    EXPECT_EQ(rejects[3]->where.field, "code");
    EXPECT_EQ(rejects[4]->where.field, "code");
    EXPECT_EQ(rejects[5]->where.field, "name");
}

TEST(ReadCategories, AliasesAreSplitOnTheCommonSeparators) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path,
               "代码,名称,别名\n"
               "06001,私搭乱建,\"违章搭建；违建、乱搭乱建, 私搭\"\n"
               "09009,机动车乱停放,乱停乱放|违停\n"
               "06010,暴露垃圾,\n");
    auto r = read_categories(path);
    ASSERT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    ASSERT_EQ(r.categories.size(), 3u);
    EXPECT_EQ(r.categories[0].aliases, (std::vector<std::string>{"违章搭建", "违建", "乱搭乱建", "私搭"}));
    EXPECT_EQ(r.categories[1].aliases, (std::vector<std::string>{"乱停乱放", "违停"}));
    EXPECT_TRUE(r.categories[2].aliases.empty());
}

TEST(ReadCategories, ATextTwoCategoriesClaimRejectsTheLaterRowNamingBoth) {
    TempDir dir;
    const std::string path = dir.file("categories.csv");
    write_text(path,
               "code,name,aliases\n"
               "09009,机动车乱停放,乱停乱放\n"       // 2
               "09010,非机动车乱停放,乱停乱放；电动车乱停\n"  // 3: 乱停乱放 is 09009's
               "06001,私搭乱建,违建\n"               // 4
               "06002,违建,\n"                       // 5: a name that is 06001's alias
               "06003,其他,０６００１\n"             // 6: an alias that is 06001's code (full-width)
               "09011,共享单车乱象,共享单车乱象\n");  // 7: its own name again is no clash
    auto r = read_categories(path);
    ASSERT_EQ(r.categories.size(), 3u);
    EXPECT_EQ(r.categories[0].code, "09009");
    EXPECT_EQ(r.categories[1].code, "06001");
    EXPECT_EQ(r.categories[2].code, "09011");
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 3u);
    EXPECT_EQ(rejects[3]->where.field, "aliases");
    for (const char* part : {"09010", "乱停乱放", "09009", "机动车乱停放"}) {
        EXPECT_NE(rejects[3]->reason.find(part), std::string::npos) << rejects[3]->reason;
    }
    EXPECT_EQ(rejects[5]->where.field, "name");
    EXPECT_NE(rejects[5]->reason.find("06001"), std::string::npos) << rejects[5]->reason;
    EXPECT_EQ(rejects[6]->where.field, "aliases");
    EXPECT_NE(rejects[6]->reason.find("code of category 06001"), std::string::npos) << rejects[6]->reason;
}

TEST(ReadCategories, TheProjectsCategoriesCountUnlessTheFileReplacesThem) {
    TempDir dir;
    std::vector<grids::IssueCategory> stored(2);
    stored[0].code = "09009";
    stored[0].name = "机动车乱停放";
    stored[0].aliases = {"乱停乱放"};
    stored[1].code = "06010";
    stored[1].name = "暴露垃圾";
    stored[1].aliases = {"垃圾暴露"};
    const std::string path = dir.file("more.csv");
    // 06010 is replaced without its alias, which moves to 06011; 09010 claims the alias of the
    // stored 09009, which the file does not replace.
    write_text(path,
               "code,name,aliases\n"
               "06011,积存垃圾渣土,垃圾暴露\n"
               "06010,暴露垃圾,\n"
               "09010,非机动车乱停放,乱停乱放\n");
    auto r = read_categories(path, {}, stored);
    ASSERT_EQ(r.categories.size(), 2u);
    EXPECT_EQ(r.categories[0].code, "06011");
    EXPECT_EQ(r.categories[1].code, "06010");
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 4);
    EXPECT_NE(r.rejects[0].reason.find("09009"), std::string::npos) << r.rejects[0].reason;

    // A replacing row that is itself rejected leaves the stored category, whose texts then count.
    write_text(path,
               "code,name,aliases\n"
               "06012,道路不洁,垃圾暴露\n"          // 2: kept only while 06010 is replaced
               "06010,暴露垃圾,乱停乱放\n");        // 3: rejected: 09009's alias
    auto again = read_categories(path, {}, stored);
    EXPECT_TRUE(again.categories.empty());
    auto rejects = rejects_by_line(again.rejects);
    ASSERT_EQ(rejects.size(), 2u);
    EXPECT_NE(rejects[2]->reason.find("06010"), std::string::npos) << rejects[2]->reason;
    EXPECT_NE(rejects[3]->reason.find("09009"), std::string::npos) << rejects[3]->reason;
}

TEST(ReadCategories, XlsxCatalogueAndAMissingNameColumn) {
    TempDir dir;
    const std::string path = dir.file("categories.xlsx");
    write_layer(path, "XLSX", "类别", 0, wkbNone, {{"代码"}, {"名称"}, {"处置时限", OFTReal}},
                {{{"09006", "占道经营", "24"}, {}}, {{"09009", "乱堆物料", "-2"}, {}}});
    auto r = read_categories(path);
    ASSERT_EQ(r.categories.size(), 1u);
    EXPECT_EQ(r.categories[0].code, "09006");
    EXPECT_EQ(r.categories[0].deadline_hours, 24.0);
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 3);

    const std::string csv = dir.file("no_name.csv");
    write_text(csv, "code,group\n09006,街面秩序类\n");
    try {
        (void)read_categories(csv);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "name");
        EXPECT_NE(std::string(e.what()).find("code, group"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace respgrid::test
