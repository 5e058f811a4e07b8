// file_names.hpp: a name from any office data becomes a file name every filesystem takes.
#include <gtest/gtest.h>

#include "respgrid/exporters/file_names.hpp"

namespace respgrid::test {
namespace {

using exporters::file_name_part;

TEST(FileNamePart, PathSeparatorsAndWhatWindowsRefusesBecomeUnderscores) {
    EXPECT_EQ(file_name_part("a/b\\c:d*e?f\"g<h>i|j"), "a_b_c_d_e_f_g_h_i_j");
    EXPECT_EQ(file_name_part("../../etc/passwd"), "_.._etc_passwd");
    EXPECT_EQ(file_name_part("城关街道"), "城关街道");
}

TEST(FileNamePart, ControlCharactersAndBrokenUtf8BecomeUnderscores) {
    EXPECT_EQ(file_name_part("白楼\n镇\t\x0B\x7F"), "白楼_镇___");
    EXPECT_EQ(file_name_part("a\xC2\x85" "b"), "a_b") << "C1 control NEXT LINE";
    EXPECT_EQ(file_name_part("a\xFF\xFE" "b"), "a__b");
    EXPECT_EQ(file_name_part("a\xE5\x8C"), "a__") << "a cut character";
    EXPECT_EQ(file_name_part("\xED\xA0\x80"), "___") << "a surrogate";
}

TEST(FileNamePart, LongNamesAreCutOnACharacterBoundary) {
    std::string name;
    for (int i = 0; i < 5000; ++i) name += "镇";
    const std::string part = file_name_part(name);
    EXPECT_LE(part.size(), exporters::kMaxNamePartBytes);
    EXPECT_GT(part.size(), exporters::kMaxNamePartBytes - 3);
    EXPECT_EQ(part.size() % 3, 0u) << "whole characters only";
    EXPECT_EQ(part, name.substr(0, part.size()));
    EXPECT_EQ(file_name_part("abcdef", 4), "abcd");
}

TEST(FileNamePart, EdgesWindowsDropsAndDeviceNamesAreAvoided) {
    EXPECT_EQ(file_name_part("  name. . "), "name");
    EXPECT_EQ(file_name_part(""), "_");
    EXPECT_EQ(file_name_part(" ... "), "_");
    EXPECT_EQ(file_name_part("CON"), "CON_");
    EXPECT_EQ(file_name_part("nul.txt"), "nul_.txt");
    EXPECT_EQ(file_name_part("Com1"), "Com1_");
    EXPECT_EQ(file_name_part("console"), "console");
}

TEST(UniqueFileNames, ANameMetAgainInAnyCaseGetsANumber) {
    exporters::UniqueFileNames names;
    EXPECT_EQ(names.take("sheet"), "sheet");
    EXPECT_EQ(names.take("Sheet"), "Sheet_2");
    EXPECT_EQ(names.take("sheet"), "sheet_3");
    EXPECT_EQ(names.take("sheet_2"), "sheet_2_2");
    EXPECT_EQ(names.take("城关"), "城关");
}

TEST(ExcelSheetNames, WhatExcelRefusesBecomesAnUnderscoreAndEdgeApostrophesGo) {
    const auto names = exporters::excel_sheet_names({"乡镇/街道", "a[b]c:d*e?f\\g", "'城关镇'", "  ", "History", "<东>|\"村\""});
    EXPECT_EQ(names, (std::vector<std::string>{"乡镇_街道", "a_b_c_d_e_f_g", "城关镇", "Sheet", "History_", "<东>|\"村\""}));
}

TEST(ExcelSheetNames, NamesAreCutTo31Utf16UnitsAndMadeUniqueWithoutCase) {
    // 40 Chinese characters: 31 kept, none split.
    std::string long_name;
    for (int i = 0; i < 40; ++i) long_name += "网";
    // U+1F600 takes two UTF-16 units: 15 of them fill 30 units, the 16th would make 32.
    std::string emoji;
    for (int i = 0; i < 16; ++i) emoji += "\xF0\x9F\x98\x80";
    const auto names = exporters::excel_sheet_names({long_name, long_name, "Sheet", "sheet", emoji});
    ASSERT_EQ(names.size(), 5u);
    EXPECT_EQ(names[0], long_name.substr(0, 31 * 3));
    EXPECT_EQ(names[1], long_name.substr(0, 27 * 3) + " (2)") << "the suffix fits within the 31";
    EXPECT_EQ(names[2], "Sheet");
    EXPECT_EQ(names[3], "sheet (2)") << "Excel compares sheet names without case";
    EXPECT_EQ(names[4], emoji.substr(0, 15 * 4));
}

}  // namespace
}  // namespace respgrid::test
