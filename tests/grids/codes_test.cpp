// Administrative and grid codes (docs/DOMAIN.md §1.3).

#include <gtest/gtest.h>

#include <string>

#include "respgrid/grids/codes.hpp"

namespace respgrid::grids {
namespace {

TEST(Codes, CodeLengthPerLevel) {
    EXPECT_EQ(code_length(AdminLevel::County), 6U);
    EXPECT_EQ(code_length(AdminLevel::Township), 9U);
    EXPECT_EQ(code_length(AdminLevel::Village), 12U);
}

TEST(Codes, CountyCodeIsSixDigits) {
    EXPECT_TRUE(is_valid_code(AdminLevel::County, "410102"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, "41010"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, "4101020"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, "41010a"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, " 10102"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, ""));
}

TEST(Codes, TownshipCodeIsNineDigits) {
    EXPECT_TRUE(is_valid_code(AdminLevel::Township, "410102001"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Township, "410102"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Township, "41010200"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Township, "41010200-"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Township, "410102001001"));
}

TEST(Codes, VillageCodeIsTwelveDigits) {
    EXPECT_TRUE(is_valid_code(AdminLevel::Village, "320508019044"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Village, "32050801904"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Village, "3205080190440"));
    EXPECT_FALSE(is_valid_code(AdminLevel::Village, "32050801904O"));  // letter O, not zero
    EXPECT_FALSE(is_valid_code(AdminLevel::Village, "320508019044 "));
}

TEST(Codes, FullWidthDigitsAreNotDigits) {
    // "４１０１０２" in full-width digits (U+FF14...) is 18 bytes and not ASCII digits.
    EXPECT_FALSE(is_all_digits("\xEF\xBC\x94\xEF\xBC\x91"));
    EXPECT_FALSE(is_valid_code(AdminLevel::County, "\xEF\xBC\x94\xEF\xBC\x91"));
}

TEST(Codes, IsAllDigits) {
    EXPECT_TRUE(is_all_digits("0123456789"));
    EXPECT_FALSE(is_all_digits(""));
    EXPECT_FALSE(is_all_digits("12.3"));
    EXPECT_FALSE(is_all_digits("-12"));
}

TEST(Codes, ParentOfVillageIsTownship) { EXPECT_EQ(parent_code_of("320508019044"), "320508019"); }

TEST(Codes, ParentOfTownshipIsCounty) { EXPECT_EQ(parent_code_of("320508019"), "320508"); }

TEST(Codes, CountyHasNoParent) { EXPECT_EQ(parent_code_of("320508"), ""); }

TEST(Codes, MaxGridSequencePerScheme) {
    EXPECT_EQ(max_grid_sequence(GridCodeScheme::Digits15), 999);
    EXPECT_EQ(max_grid_sequence(GridCodeScheme::Digits14), 99);
}

TEST(Codes, FifteenDigitGridCodeIsVillagePlusThreeDigitSequence) {
    EXPECT_EQ(make_grid_code("410102001001", 1, GridCodeScheme::Digits15), "410102001001001");
    EXPECT_EQ(make_grid_code("410102001001", 42, GridCodeScheme::Digits15), "410102001001042");
    EXPECT_EQ(make_grid_code("410102001001", 999, GridCodeScheme::Digits15), "410102001001999");
}

TEST(Codes, FourteenDigitGridCodeIsVillagePlusTwoDigitSequence) {
    EXPECT_EQ(make_grid_code("410102001001", 1, GridCodeScheme::Digits14), "41010200100101");
    EXPECT_EQ(make_grid_code("410102001001", 99, GridCodeScheme::Digits14), "41010200100199");
    EXPECT_EQ(make_grid_code("410102001001", 7, GridCodeScheme::Digits14).size(), 14U);
}

TEST(Codes, FifteenDigitSequenceOverflowNamesTheVillage) {
    try {
        (void)make_grid_code("410102001001", 1000, GridCodeScheme::Digits15);
        FAIL() << "no exception";
    } catch (const CodeError& e) {
        EXPECT_EQ(e.code(), "410102001001");
    }
}

TEST(Codes, FourteenDigitSequenceOverflowNamesTheVillage) {
    try {
        (void)make_grid_code("410102001233", 100, GridCodeScheme::Digits14);
        FAIL() << "no exception";
    } catch (const CodeError& e) {
        EXPECT_EQ(e.code(), "410102001233");
    }
}

TEST(Codes, SequenceStartsAtOne) {
    EXPECT_THROW((void)make_grid_code("410102001001", 0, GridCodeScheme::Digits15), CodeError);
    EXPECT_THROW((void)make_grid_code("410102001001", -1, GridCodeScheme::Digits14), CodeError);
}

TEST(Codes, CodeErrorIsARespgridError) {
    EXPECT_THROW((void)make_grid_code("410102001001", 100, GridCodeScheme::Digits14), Error);
}

TEST(Codes, ParseGridCodeScheme) {
    EXPECT_EQ(parse_grid_code_scheme("15"), GridCodeScheme::Digits15);
    EXPECT_EQ(parse_grid_code_scheme("14"), GridCodeScheme::Digits14);
    try {
        (void)parse_grid_code_scheme("16");
        FAIL() << "no exception";
    } catch (const CodeError& e) {
        EXPECT_EQ(e.code(), "16");
    }
    EXPECT_THROW((void)parse_grid_code_scheme(""), CodeError);
}

}  // namespace
}  // namespace respgrid::grids
