// geo/text_encoding.hpp: strict UTF-8 validation, GB18030 decoding through iconv, and the one
// rule that decides a file's encoding from all of its text.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "respgrid/geo/text_encoding.hpp"
#include "test_support.hpp"

namespace respgrid::geo {
namespace {

using test::gbk;

// A source over texts given as {record, text}.
TextSource source_of(std::vector<std::pair<long long, std::string>> texts, std::string label = "row") {
    SourceLocation where{"t.csv", {}, {}, {}, std::move(label)};
    return TextSource{where, [texts = std::move(texts)](const auto& take) {
                          for (const auto& [record, text] : texts) {
                              if (!take(text, record)) return;
                          }
                      }};
}

TEST(Utf8, WellFormedTextPassesAndTheFirstBadByteIsFound) {
    EXPECT_TRUE(is_utf8(""));
    EXPECT_TRUE(is_utf8("plain ASCII, long enough for the eight-byte path"));
    EXPECT_TRUE(is_utf8("东关社区 ŷ € 😀"));
    EXPECT_EQ(utf8_error_offset("abc\xFF"), 3u);
    EXPECT_EQ(utf8_error_offset("0123456789\xC0\x80"), 10u) << "overlong NUL";
    EXPECT_EQ(utf8_error_offset("\xED\xA0\x80"), 0u) << "a surrogate";
    EXPECT_EQ(utf8_error_offset("\xF4\x90\x80\x80"), 0u) << "past U+10FFFF";
    EXPECT_EQ(utf8_error_offset("ab\xE4\xB8"), 2u) << "cut off at the end";
    EXPECT_EQ(utf8_error_offset("\xE4\xB8\x9C" "x\x80"), 4u) << "a lone continuation byte";
}

TEST(Gb18030Decoder, DecodesGbkAndGb18030AndStopsAtTheFirstBadByte) {
    Gb18030Decoder decoder;
    std::string out = "kept:";
    ASSERT_TRUE(decoder.decode(gbk("东关社区, 王庄村"), out));
    EXPECT_EQ(out, "kept:东关社区, 王庄村");
    out.clear();
    ASSERT_TRUE(decoder.decode("\x81\x30\x81\x30", out)) << "a four-byte GB18030 sequence";
    EXPECT_EQ(out, "\xC2\x80");
    out = "before";
    std::size_t at = 0;
    EXPECT_FALSE(decoder.decode(gbk("东关") + "\x80" + gbk("村"), out, &at));
    EXPECT_EQ(at, 4u);
    EXPECT_EQ(out, "before") << "nothing appended on failure";
    EXPECT_FALSE(decoder.decode(gbk("东") + "\xB6", out, &at)) << "a character cut off at the end";
    EXPECT_EQ(at, 2u);
    // The decoder starts afresh after a failure.
    out.clear();
    EXPECT_TRUE(decoder.decode(gbk("城关"), out));
    EXPECT_EQ(out, "城关");
}

TEST(DecideEncoding, Utf8TextIsUtf8AndGbkTextIsGb18030) {
    EXPECT_EQ(decide_encoding(source_of({{2, "东关社区"}, {3, "ascii"}})), TextEncoding::Utf8);
    EXPECT_EQ(decide_encoding(source_of({{2, "ascii only"}})), TextEncoding::Utf8);
    EXPECT_EQ(decide_encoding(source_of({{2, gbk("东关社区")}, {3, gbk("王庄村")}})), TextEncoding::Gb18030);
}

// Per file, not per value: "小叶" in GBK is valid UTF-8 ("Сҷ"), but the file is GBK.
TEST(DecideEncoding, AGbkValueThatIsValidUtf8ByAccidentDoesNotMakeTheFileUtf8) {
    ASSERT_TRUE(is_utf8(gbk("小叶")));
    EXPECT_EQ(decide_encoding(source_of({{2, gbk("小叶")}, {3, gbk("城关街道")}})), TextEncoding::Gb18030);
}

TEST(DecideEncoding, TextThatIsNeitherIsRefusedNamingTheRecord) {
    try {
        (void)decide_encoding(source_of({{2, gbk("东关")}, {3, "ok"}, {4, "\x80 no"}}));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, "t.csv");
        EXPECT_EQ(e.where().record, 4);
        EXPECT_NE(std::string(e.what()).find("row 2 is not"), std::string::npos) << e.what();
    }
}

TEST(DecideEncoding, Utf8ChineseInAGbkFileIsRefusedAsMixed) {
    try {
        (void)decide_encoding(source_of({{2, gbk("城关街道")}, {3, "东关社区"}}));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 3);
        EXPECT_NE(std::string(e.what()).find("mixes encodings"), std::string::npos) << e.what();
    }
}

// Sources of whole lines: the error names the line of the bad byte inside a run of lines.
TEST(DecideEncoding, LineSourcesNameTheExactLine) {
    try {
        (void)decide_encoding(source_of({{1, "id,name\nA,ok\n"}, {3, "B,ok\nC,\xFF\nD,ok\n"}}, "line"));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 4) << e.what();
        EXPECT_EQ(e.where().record_label, "line");
    }
    try {
        (void)decide_encoding(source_of({{1, gbk("id,name\nA,城关\n") + "B,东关社区\n"}}, "line"));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().record, 3) << e.what();
    }
}

// A field name that is neither (record -1) is named as the field names.
TEST(DecideEncoding, FieldNamesAreNamedAsSuch) {
    try {
        (void)decide_encoding(source_of({{-1, "\xFF"}, {0, "ok"}}, "feature"));
        FAIL() << "accepted";
    } catch (const InputError& e) {
        EXPECT_FALSE(e.where().record);
        EXPECT_NE(std::string(e.what()).find("the field names"), std::string::npos) << e.what();
    }
}

TEST(TranscodingNote, SaysWhatWasReadAndOnlyWhenTranscoding) {
    EXPECT_EQ(transcoding_note(TextEncoding::Utf8, "/a/roster.csv"), "");
    std::string note = transcoding_note(TextEncoding::Gb18030, "/a/roster.csv");
    EXPECT_EQ(note.rfind("roster.csv: read as GB18030", 0), 0u) << note;
    EXPECT_NE(note.find("transcoded to UTF-8"), std::string::npos) << note;
}

}  // namespace
}  // namespace respgrid::geo
