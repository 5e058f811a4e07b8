// Free-text categories through the real binary (grids/categories.hpp): a hotline export whose
// category column holds names and aliases is located row by row, an unrecognised category is
// answered by the territory (属地兜底) and counted, never rejected; single locate, owners and
// import issues read a category the same way; the catalogue import refuses an ambiguous alias.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "respgrid/importers/table.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "office_county.hpp"

namespace respgrid::test {
namespace {

class FreeTextCategories : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(office_county().failure.empty()) << office_county().failure; }
    static const std::string& project() { return office_county().project; }

    // The rows of a CSV written by locate, by the value of their id column.
    static std::map<std::string, std::map<std::string, std::string>> rows_by_id(const std::string& path) {
        auto table = importers::read_table(path);
        const std::size_t id = table.require({"id"});
        std::map<std::string, std::map<std::string, std::string>> out;
        for (const auto& row : table.rows) {
            auto& values = out[row.values[id]];
            for (std::size_t k = 0; k < table.fields.size(); ++k) values[table.fields[k]] = row.values[k];
        }
        return out;
    }
    static std::vector<std::string> owner_ids(const nlohmann::json& j) {
        std::vector<std::string> out;
        for (const auto& o : j["owners"]) out.push_back(o["owner_id"].is_null() ? "-" : o["owner_id"].get<std::string>());
        return out;
    }
};

TEST_F(FreeTextCategories, AHotlineExportWithNamesIsLocatedAndUnknownNamesGoToTheTerritory) {
    TempDir dir;
    const std::string input = dir.file("hotline.csv");
    write_text(input,
               "id,lon,lat,category\n"
               "H1,114.805,33.705,乱停乱放\n"
               "H2,114.815,33.705,暴露垃圾\n"
               "H3,114.805,33.715,违章搭建\n"
               "H4,114.815,33.715,绿化损毁\n"
               "H5,114.805,33.705,小广告\n"
               "H6,114.805,33.705,噪音扰民\n"
               "H7,114.815,33.705,井盖缺失\n"
               "H8,114.805,33.715,道路破损\n"
               "H9,114.815,33.715,病媒生物\n"
               "H10,114.805,33.705, 井盖缺失\n"
               "H11,114.805,33.705,\xE3\x80\x80乱停乱放 \n"
               "H12,114.805,33.705,０９００９\n"
               "H13,114.805,33.705,\n");
    const std::string output = dir.file("located.csv");
    auto r = run_respgrid({"locate", project(), "--input", input, "--output", output, "--crs", "cgcs2000"});
    ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("located.rejects.csv")));
    auto rows = rows_by_id(output);
    ASSERT_EQ(rows.size(), 13u);
    for (const auto& [id, row] : rows) {
        EXPECT_EQ(row.at("status"), "inside") << id;
        EXPECT_FALSE(row.at("grid_worker").empty()) << id << ": the territorial chain is filled";
    }
    struct Expect {
        const char* id;
        const char* code;
        const char* how;
        const char* owner;
    };
    for (const auto& e : std::vector<Expect>{{"H1", "09009", "alias", "县公安局交通管理大队"},
                                             {"H2", "06010", "name", "县环境卫生服务中心"},
                                             {"H3", "06001", "alias", "县城市管理局"},
                                             {"H5", "07001", "alias", "县城市管理局"},
                                             {"H8", "06013", "name", "县住房和城乡建设局"},
                                             {"H9", "90001", "alias", "县爱国卫生运动委员会办公室"},
                                             {"H11", "09009", "alias", "县公安局交通管理大队"},
                                             {"H12", "09009", "code", "县公安局交通管理大队"}}) {
        const auto& row = rows.at(e.id);
        EXPECT_EQ(row.at("category_code"), e.code) << e.id;
        EXPECT_EQ(row.at("category_match"), e.how) << e.id;
        EXPECT_EQ(row.at("category_owner"), e.owner) << e.id;
        EXPECT_FALSE(row.at("deadline_hours").empty()) << e.id;
    }
    for (const char* id : {"H4", "H6", "H7", "H10"}) {
        const auto& row = rows.at(id);
        EXPECT_EQ(row.at("category_code"), "") << id;
        EXPECT_EQ(row.at("category_match"), "unrecognised") << id;
        EXPECT_EQ(row.at("category_owner"), "") << id;
        EXPECT_NE(row.at("rule").find("属地兜底"), std::string::npos) << id << ": " << row.at("rule");
        EXPECT_NE(row.at("rule").find(row.at("category").substr(row.at("category").find_first_not_of(' '))),
                  std::string::npos)
            << id << ": the rule names the text: " << row.at("rule");
    }
    EXPECT_EQ(rows.at("H13").at("category_match"), "") << "no category is not an unrecognised one";
    // The summary counts the unrecognised values, most frequent first.
    EXPECT_NE(r.out.find("0 rejected"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("4 row(s) with a category not in the catalogue"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("井盖缺失 (2), "), std::string::npos) << r.out;
    for (const char* value : {"绿化损毁 (1)", "噪音扰民 (1)"}) EXPECT_NE(r.out.find(value), std::string::npos) << r.out;
}

TEST_F(FreeTextCategories, SingleLocateAndOwnersTakeANameOrAliasAndAnswerAnUnknownOneWithTheTerritory) {
    const std::vector<std::string> point{"locate", project(), "--lon", "114.805", "--lat", "33.705", "--crs", "cgcs2000"};
    auto with = [&](const std::string& category) {
        auto args = point;
        args.insert(args.end(), {"--category", category, "--json"});
        return run_respgrid(args);
    };
    auto alias = with("乱停乱放");
    ASSERT_EQ(alias.exit_code, 0) << alias.err;
    auto j = nlohmann::json::parse(alias.out);
    EXPECT_EQ(j["category"], "09009");
    EXPECT_EQ(j["category_name"], "机动车乱停放");
    EXPECT_EQ(j["category_text"], "乱停乱放");
    EXPECT_EQ(j["category_match"], "alias");
    ASSERT_FALSE(j["owners"].empty());
    EXPECT_EQ(j["owners"][0]["owner_id"], "D06");
    EXPECT_EQ(j["deadline_hours"], 4.0);

    auto unknown = with("井盖缺失");
    ASSERT_EQ(unknown.exit_code, 0) << unknown.err;
    j = nlohmann::json::parse(unknown.out);
    EXPECT_TRUE(j["category"].is_null());
    EXPECT_EQ(j["category_text"], "井盖缺失");
    EXPECT_EQ(j["category_match"], "unrecognised");
    EXPECT_EQ(owner_ids(j), (std::vector<std::string>{"G1", "V1", "T1", "L1"}));
    EXPECT_NE(j["owners"][0]["rule"].get<std::string>().find("属地兜底"), std::string::npos);
    EXPECT_NE(j["notes"].dump().find("井盖缺失"), std::string::npos) << j["notes"].dump();

    auto text = point;
    text.insert(text.end(), {"--category", "井盖缺失"});
    auto plain = run_respgrid(text);
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_NE(plain.out.find("井盖缺失  not recognised"), std::string::npos) << plain.out;

    const std::string grid = nlohmann::json::parse(alias.out)["grid"]["code"];
    auto owners = run_respgrid({"owners", project(), "--grid", grid, "--category", "违章搭建", "--json"});
    ASSERT_EQ(owners.exit_code, 0) << owners.err;
    j = nlohmann::json::parse(owners.out);
    EXPECT_EQ(j["category"], "06001");
    EXPECT_EQ(j["category_match"], "alias");
    EXPECT_EQ(owner_ids(j).front(), "D01");
    auto owners_unknown = run_respgrid({"owners", project(), "--grid", grid, "--category", "噪音扰民", "--json"});
    ASSERT_EQ(owners_unknown.exit_code, 0) << owners_unknown.err;
    EXPECT_EQ(owner_ids(nlohmann::json::parse(owners_unknown.out)), (std::vector<std::string>{"G1", "V1", "T1", "L1"}));
}

TEST_F(FreeTextCategories, ImportIssuesStoresTheMatchedCodeAndKeepsTheTextOfAnUnknownOne) {
    TempDir dir;
    const std::string copy = copy_of_office_county(dir);
    write_text(dir.file("issues.csv"),
               "id,reported_at,lon,lat,crs,category,description\n"
               "I1,2026-09-01T08:00:00+08:00,114.805,33.705,cgcs2000,乱停乱放,路口车辆乱停\n"
               "I2,2026-09-01T09:00:00+08:00,114.815,33.705,cgcs2000,井盖缺失,人行道井盖丢失\n"
               "I3,2026-09-01T10:00:00+08:00,114.815,33.715,cgcs2000,06010,垃圾散落\n"
               "I4,2026-09-01T11:00:00+08:00,114.805,33.715,cgcs2000,,无类别\n");
    auto r = run_respgrid({"import", "issues", copy, dir.file("issues.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("imported 4 issue(s)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 row(s) with a category not in the catalogue"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("井盖缺失 (1)"), std::string::npos) << r.out;
    std::map<std::string, grids::IssueReport> issues;
    for (auto& i : store::Project::open(copy).load_issues()) issues[i.id] = i;
    ASSERT_EQ(issues.size(), 4u);
    EXPECT_EQ(issues["I1"].category_code, "09009");
    EXPECT_EQ(issues["I1"].category_text, "乱停乱放");
    EXPECT_EQ(issues["I2"].category_code, "");
    EXPECT_EQ(issues["I2"].category_text, "井盖缺失");
    EXPECT_EQ(issues["I3"].category_code, "06010");
    EXPECT_EQ(issues["I4"].category_code, "");
}

TEST_F(FreeTextCategories, ACatalogueRowClaimingAnotherCategorysAliasIsRejectedNamingBoth) {
    TempDir dir;
    const std::string copy = copy_of_office_county(dir);
    write_text(dir.file("more_categories.csv"),
               "code,name,department,deadline_hours,aliases\n"
               "09010,非机动车乱停放,D01,24,电动车乱停；乱停乱放\n"
               "06011,积存垃圾渣土,D21,24,渣土\n");
    auto r = run_respgrid({"import", "categories", copy, dir.file("more_categories.csv")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("1 rejected"), std::string::npos) << r.out;
    const std::string rejects = read_text(dir.file("more_categories.rejects.csv"));
    for (const char* part : {"09010", "乱停乱放", "09009", "机动车乱停放", "aliases"}) {
        EXPECT_NE(rejects.find(part), std::string::npos) << part << " in\n" << rejects;
    }
    std::map<std::string, grids::IssueCategory> stored;
    for (auto& c : store::Project::open(copy).load_categories()) stored[c.code] = c;
    EXPECT_EQ(stored.count("09010"), 0u);
    ASSERT_EQ(stored.count("06011"), 1u);
    EXPECT_EQ(stored["06011"].aliases, std::vector<std::string>{"渣土"});
    EXPECT_EQ(stored["09009"].aliases, (std::vector<std::string>{"乱停乱放", "违停"}));
}

}  // namespace
}  // namespace respgrid::test
