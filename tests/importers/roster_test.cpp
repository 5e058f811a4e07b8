// read_roster (importers/roster.hpp): owner kinds, English and Chinese column names, package
// separators, active flags, unit code lengths per kind, duplicate ids; CSV and XLSX.
#include <gtest/gtest.h>

#include <map>

#include "ogr_fixtures.hpp"
#include "respgrid/importers/roster.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using grids::OwnerKind;
using importers::read_roster;

std::map<std::string, grids::Owner> by_id(const importers::RosterImport& r) {
    std::map<std::string, grids::Owner> out;
    for (const auto& o : r.owners) out[o.id] = o;
    return out;
}

std::map<long long, const Reject*> rejects_by_line(const std::vector<Reject>& rejects) {
    std::map<long long, const Reject*> out;
    for (const auto& r : rejects) out[r.where.record.value_or(-1)] = &r;
    return out;
}

TEST(ReadRoster, EveryKindWithEnglishColumns) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "owner_id,kind,name,unit_code,contact,title,phone,packages,active\n"
               "T1,township,城关街道,411626001,张三,主任,13800000001,,1\n"
               "V1,village,东关社区,411626001001,李四,书记,13800000002,,1\n"
               "D1,department,城管局,,王五,局长,13800000003,,1\n"
               "L1,leader,赵六,,,副县长,13800000004,411626001;411626101,1\n"
               "G1,grid_worker,钱七,411626001001,,网格员,13800000005,,0\n");
    auto r = read_roster(path);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.rows_read, 5u);
    ASSERT_EQ(r.owners.size(), 5u);
    EXPECT_EQ(r.owners[0].id, "T1") << "owners keep the file's order";
    auto o = by_id(r);
    EXPECT_EQ(o["T1"].kind, OwnerKind::Township);
    EXPECT_EQ(o["T1"].name, "城关街道");
    EXPECT_EQ(o["T1"].unit_code, "411626001");
    EXPECT_EQ(o["T1"].contact, "张三");
    EXPECT_EQ(o["T1"].title, "主任");
    EXPECT_EQ(o["T1"].phone, "13800000001");
    EXPECT_TRUE(o["T1"].active);
    EXPECT_EQ(o["V1"].kind, OwnerKind::Village);
    EXPECT_EQ(o["D1"].kind, OwnerKind::Department);
    EXPECT_EQ(o["D1"].unit_code, "");
    EXPECT_EQ(o["L1"].kind, OwnerKind::Leader);
    EXPECT_EQ(o["L1"].packages, (std::vector<std::string>{"411626001", "411626101"}));
    EXPECT_EQ(o["G1"].kind, OwnerKind::GridWorker);
    EXPECT_EQ(o["G1"].unit_code, "411626001001");
    EXPECT_FALSE(o["G1"].active);
}

// Issue 12 §2: a roster saved by Chinese Excel as "CSV" (GBK) gives every owner's name in UTF-8.
TEST(ReadRoster, ARosterSavedByChineseExcelAsCsvIsReadAsGbk) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path, gbk("编号,类型,名称,单位代码,负责人,职务,电话\r\n"
                         "T1,乡镇/街道,城关街道,411626001,张三,主任,13800000001\r\n"
                         "G1,网格员,小叶,411626001001,,网格员,13800000005\r\n"));
    auto r = read_roster(path);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    EXPECT_EQ(r.encoding, geo::TextEncoding::Gb18030);
    auto o = by_id(r);
    ASSERT_EQ(o.size(), 2u);
    EXPECT_EQ(o["T1"].kind, OwnerKind::Township);
    EXPECT_EQ(o["T1"].name, "城关街道");
    EXPECT_EQ(o["T1"].contact, "张三");
    EXPECT_EQ(o["G1"].kind, OwnerKind::GridWorker);
    EXPECT_EQ(o["G1"].name, "小叶");
}

TEST(ReadRoster, ChineseColumnAliases) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "\xEF\xBB\xBF编号,类型,姓名,区划代码,负责人,职务,手机,包联,在岗\r\n"
               "L1,leader,赵六,,,副县长,13800000004,411626001,是\r\n"
               "T1,township,城关街道,411626001,张三,主任,13800000001,,否\r\n");
    auto r = read_roster(path);
    EXPECT_TRUE(r.rejects.empty()) << r.rejects.front().reason;
    auto o = by_id(r);
    ASSERT_EQ(o.size(), 2u);
    EXPECT_EQ(o["L1"].name, "赵六");
    EXPECT_EQ(o["L1"].title, "副县长");
    EXPECT_EQ(o["L1"].phone, "13800000004");
    EXPECT_EQ(o["L1"].packages, (std::vector<std::string>{"411626001"}));
    EXPECT_TRUE(o["L1"].active);
    EXPECT_EQ(o["T1"].unit_code, "411626001");
    EXPECT_EQ(o["T1"].contact, "张三");
    EXPECT_FALSE(o["T1"].active);

    // 名称 is accepted for the name column and 单位代码 for the unit code.
    write_text(path, "编号,类型,名称,单位代码\nT1,township,城关街道,411626001\n");
    auto again = read_roster(path);
    ASSERT_EQ(again.owners.size(), 1u);
    EXPECT_EQ(again.owners[0].name, "城关街道");
    EXPECT_EQ(again.owners[0].unit_code, "411626001");
}

TEST(ReadRoster, PackagesSplitOnAsciiAndChineseSeparators) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "id,kind,name,packages\n"
               "L1,leader,甲,411626001;411626101\n"
               "L2,leader,乙,\"411626001,411626101\"\n"
               "L3,leader,丙,411626001；411626101\n"
               "L4,leader,丁,411626001、411626101\n"
               "L5,leader,戊,\"411626001，411626101；411626201\"\n"
               "L6,leader,己, 411626001 ; ;411626101 \n"
               "L7,leader,庚,411626001;41162610\n");  // 8 digits: rejected
    auto r = read_roster(path);
    auto o = by_id(r);
    const std::vector<std::string> two{"411626001", "411626101"};
    for (const char* id : {"L1", "L2", "L3", "L4", "L6"}) EXPECT_EQ(o[id].packages, two) << id;
    EXPECT_EQ(o["L5"].packages, (std::vector<std::string>{"411626001", "411626101", "411626201"}));
    EXPECT_FALSE(o.count("L7"));
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 8);
    EXPECT_EQ(r.rejects[0].where.field, "packages");
    EXPECT_NE(r.rejects[0].reason.find("41162610"), std::string::npos) << r.rejects[0].reason;
}

TEST(ReadRoster, ActiveAcceptsOneZeroYesNoAndChineseAndRejectsAnythingElse) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "id,kind,name,active\n"
               "D1,department,甲,1\n"      // 2
               "D2,department,乙,0\n"      // 3
               "D3,department,丙,是\n"     // 4
               "D4,department,丁,否\n"     // 5
               "D5,department,戊,yes\n"    // 6
               "D6,department,己,no\n"     // 7
               "D7,department,庚,\n"       // 8: empty means active
               "D8,department,辛,maybe\n"  // 9
               "D9,department,壬,2\n");    // 10
    auto r = read_roster(path);
    auto o = by_id(r);
    std::map<std::string, bool> expected = {{"D1", true},  {"D2", false}, {"D3", true}, {"D4", false},
                                            {"D5", true}, {"D6", false}, {"D7", true}};
    ASSERT_EQ(o.size(), expected.size());
    for (const auto& [id, active] : expected) EXPECT_EQ(o[id].active, active) << id;
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 2u);
    for (long long line : {9, 10}) {
        ASSERT_TRUE(rejects.count(line)) << line;
        EXPECT_EQ(rejects[line]->where.field, "active");
    }
}

TEST(ReadRoster, UnitCodeLengthDependsOnTheKind) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "id,kind,name,unit_code\n"
               "T1,township,城关街道,411626001\n"       // 2 good
               "T2,township,白楼镇,411626101201\n"      // 3 a village code for a township
               "V1,village,东关社区,411626001001\n"     // 4 good
               "V2,village,西关社区,411626001\n"        // 5 a township code for a village
               "G1,grid_worker,钱七,411626001001\n"     // 6 good
               "G2,grid_worker,孙八,\n"                 // 7 a grid worker needs a village
               "V3,village,南关社区,41162600100A\n"     // 8 not digits
               "L1,leader,赵六,411626\n"                // 9 leaders need no unit code: any is kept
               "D1,department,城管局,\n");              // 10 good
    auto r = read_roster(path);
    auto o = by_id(r);
    for (const char* id : {"T1", "V1", "G1", "L1", "D1"}) EXPECT_TRUE(o.count(id)) << id;
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 4u);
    for (long long line : {3, 5, 7, 8}) {
        ASSERT_TRUE(rejects.count(line)) << line;
        EXPECT_EQ(rejects[line]->where.field, "unit_code") << line;
    }
    EXPECT_NE(rejects[3]->reason.find("9-digit"), std::string::npos) << rejects[3]->reason;
    EXPECT_NE(rejects[5]->reason.find("12-digit"), std::string::npos) << rejects[5]->reason;

    // Without a unit code column a township row is rejected on its kind.
    write_text(path, "id,kind,name\nT1,township,城关街道\nD1,department,城管局\n");
    auto no_column = read_roster(path);
    ASSERT_EQ(no_column.owners.size(), 1u);
    ASSERT_EQ(no_column.rejects.size(), 1u);
    EXPECT_EQ(no_column.rejects[0].where.record, 2);
    EXPECT_EQ(no_column.rejects[0].where.field, "kind");
}

TEST(ReadRoster, RepeatedIdKeepsTheFirstRow) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "id,kind,name,unit_code\n"
               "T1,township,城关街道,411626001\n"
               "T1,township,白楼镇,411626101\n"
               "V1,village,东关社区,411626001001\n");
    auto r = read_roster(path);
    auto o = by_id(r);
    ASSERT_EQ(r.owners.size(), 2u);
    EXPECT_EQ(o["T1"].name, "城关街道");
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 3);
    EXPECT_EQ(r.rejects[0].where.field, "id");
    EXPECT_NE(r.rejects[0].reason.find("line 2"), std::string::npos) << r.rejects[0].reason;
}

TEST(ReadRoster, EmptyIdEmptyNameAndUnknownKindAreRejectedOnTheirField) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path,
               "id,kind,name\n"
               ",department,无编号\n"    // 2
               "D2,department,\n"        // 3
               "W1,wizard,巫师\n"        // 4
               "D4,,空类型\n"            // 5
               "D5,department,城管局\n");  // 6 good
    auto r = read_roster(path);
    ASSERT_EQ(r.owners.size(), 1u);
    EXPECT_EQ(r.owners[0].id, "D5");
    auto rejects = rejects_by_line(r.rejects);
    ASSERT_EQ(rejects.size(), 4u);
    for (long long line : {2, 3, 4, 5}) ASSERT_TRUE(rejects.count(line)) << line;
    EXPECT_EQ(rejects[2]->where.field, "id");
    EXPECT_EQ(rejects[3]->where.field, "name");
    EXPECT_EQ(rejects[4]->where.field, "kind");
    EXPECT_NE(rejects[4]->reason.find("wizard"), std::string::npos);
    EXPECT_EQ(rejects[5]->where.field, "kind");
}

TEST(ReadRoster, MissingRequiredColumnIsAnInputErrorListingTheColumns) {
    TempDir dir;
    const std::string path = dir.file("roster.csv");
    write_text(path, "编号,名称\nT1,城关街道\n");
    try {
        (void)read_roster(path);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().field, "kind");
        EXPECT_NE(std::string(e.what()).find("编号, 名称"), std::string::npos) << e.what();
    }
}

TEST(ReadRoster, XlsxWithNumericCodeCellsReadsLikeCsv) {
    TempDir dir;
    const std::string path = dir.file("roster.xlsx");
    // Unit codes and phones typed as numbers in Excel.
    write_layer(path, "XLSX", "名册", 0, wkbNone,
                {{"编号"}, {"类型"}, {"名称"}, {"单位代码", OFTInteger64}, {"电话", OFTInteger64}, {"在岗"}},
                {{{"T1", "township", "城关街道", "411626001", "13800000001", "是"}, {}},
                 {{"V1", "village", "东关社区", "411626001001", "13800000002", "1"}, {}},
                 {{"V2", "village", "西关社区", "411626001", "", "1"}, {}}});
    auto r = read_roster(path);
    auto o = by_id(r);
    ASSERT_EQ(o.size(), 2u);
    EXPECT_EQ(o["T1"].unit_code, "411626001");
    EXPECT_EQ(o["T1"].phone, "13800000001");
    EXPECT_EQ(o["V1"].unit_code, "411626001001");
    ASSERT_EQ(r.rejects.size(), 1u);
    EXPECT_EQ(r.rejects[0].where.record, 4) << "the spreadsheet row";
    EXPECT_EQ(r.rejects[0].where.field, "单位代码");
}

}  // namespace
}  // namespace respgrid::test
