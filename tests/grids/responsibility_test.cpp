// The responsibility resolver: precedence of layers by rules (sole, shared), the territorial
// fallback (属地兜底), buffers of road sections, and time.
#include <gtest/gtest.h>

#include <thread>

#include "respgrid/geo/error.hpp"
#include "respgrid/geo/geometry.hpp"
#include "respgrid/grids/responsibility.hpp"

namespace respgrid::grids {
namespace {

// A validity day ("" = open).
std::optional<Date> day(std::string_view text) { return text.empty() ? std::nullopt : Date::from_iso(text); }

// A time of the project's zone (Beijing time).
Instant at(std::string_view text) { return parse_time(text).value->instant(kChinaTime); }

Owner owner(const std::string& id, OwnerKind kind, const std::string& name, std::string_view from = {},
            std::string_view to = {}) {
    Owner o;
    o.id = id;
    o.kind = kind;
    o.name = name;
    o.valid_from = day(from);
    o.valid_to = day(to);
    return o;
}

IssueCategory category(const std::string& code, const std::string& name, const std::string& dept, bool territory) {
    IssueCategory c;
    c.code = code;
    c.name = name;
    c.department_id = dept;
    c.deadline_hours = 24;
    c.territory_answers = territory;
    return c;
}

// A road along y = 0 from x = 0 to x = 1000, section S207 K12-K15 owned by 交通运输局 (D04) for
// 道路破损 (06013), buffered 10 m either side with flat ends; a territory of four owners.
class ResolverTest : public ::testing::Test {
protected:
    void SetUp() override {
        owners_ = {owner("D01", OwnerKind::Department, "县城市管理局"), owner("D02", OwnerKind::Department, "县住建局"),
                   owner("D04", OwnerKind::Department, "县交通运输局", "2023-01-01", "2023-12-31"),
                   owner("D05", OwnerKind::Department, "县公路局", "2024-01-01", ""),
                   owner("GW1", OwnerKind::GridWorker, "网格员甲", "", "2024-03-31"),
                   owner("V1", OwnerKind::Village, "东村"), owner("T1", OwnerKind::Township, "城关镇"),
                   owner("L1", OwnerKind::Leader, "王县长")};
        chain_owners_ = owners_;  // the directory's copy the chain points into
        chain_.links = {{Role::GridWorker, &chain_owners_[4], "worker rule"},
                        {Role::Village, &chain_owners_[5], "village rule"},
                        {Role::Township, &chain_owners_[6], "township rule"},
                        {Role::Leader, &chain_owners_[7], "leader rule"}};
        categories_ = {category("06013", "道路破损", "D02", true), category("09006", "占道经营", "D01", false),
                       category("09099", "其他街面秩序", "", false)};
        auto corridor = geo::Geometry::from_wkt("LINESTRING (0 0, 1000 0)").buffer_flat_ends(10.0);
        ResponsibilityFeature k12{"road_sections", "D04", "S207 K12-K15", {"06013"}, day("2023-01-01"), {},
                                  corridor.polygons()};
        ResponsibilityFeature k12_new{"road_sections", "D05", "S207 K12-K15 (公路局)", {"06013"}, day("2024-01-01"), {},
                                      corridor.polygons()};
        features_ = {k12, k12_new};
        layers_ = {{"road_sections", LayerKind::Line, "roads.gpkg", 10.0}};
    }

    ResponsibilityResolver make(std::vector<Rule> rules) const {
        return ResponsibilityResolver(layers_, features_, owners_, categories_, RuleSet{"rules.json", std::move(rules)});
    }

    static std::vector<std::string> roles(const Resolution& r) {
        std::vector<std::string> out;
        for (const auto& a : r.answers) out.push_back(a.role + ":" + (a.owner ? a.owner->id : "-"));
        return out;
    }

    std::vector<Owner> owners_, chain_owners_;
    ResolvedChain chain_;
    std::vector<IssueCategory> categories_;
    std::vector<ResponsibilityFeature> features_;
    std::vector<ResponsibilityLayer> layers_;
    const Instant mid_2023_ = at("2023-06-01T12:00:00");
};

TEST_F(ResolverTest, SoleSectionOwnerAnswersAloneInsideTheBufferAndTheTerritoryOnlyOutsideIt) {
    auto resolver = make({{"06013", {"road_sections"}, Mode::Sole, TerritoryMode::Fallback},
                          {"*", {"category"}, Mode::Shared, TerritoryMode::FromCategory}});
    // 5 m from the road centre line: inside the 10 m corridor.
    auto inside = resolver.resolve({500, 5}, chain_, "06013", mid_2023_);
    ASSERT_EQ(roles(inside), (std::vector<std::string>{"road_sections:D04"}));
    EXPECT_FALSE(inside.territory_listed);
    EXPECT_NE(inside.answers[0].rule.find("rules.json: category 06013 (sole) -> layer road_sections -> S207 K12-K15 owned by 县交通运输局"),
              std::string::npos)
        << inside.answers[0].rule;
    // On the other side of the road, 9.9 m away: still inside.
    EXPECT_EQ(roles(resolver.resolve({500, -9.9}, chain_, "06013", mid_2023_)), (std::vector<std::string>{"road_sections:D04"}));
    // 15 m away: the section does not reach; the territory answers (属地兜底).
    auto outside = resolver.resolve({500, 15}, chain_, "06013", mid_2023_);
    EXPECT_EQ(roles(outside), (std::vector<std::string>{"grid_worker:GW1", "village:V1", "township:T1", "leader:L1"}));
    EXPECT_TRUE(outside.territory_listed);
    EXPECT_NE(outside.answers[0].rule.find("属地兜底"), std::string::npos);
    // Flat ends: 5 m beyond the end stake is not the section's.
    EXPECT_FALSE(resolver.resolve({1005, 0}, chain_, "06013", mid_2023_).answers.front().layer == "road_sections");
    // Another category there does not go to the section (the feature lists 06013 only).
    auto other = resolver.resolve({500, 5}, chain_, "09006", mid_2023_);
    EXPECT_EQ(roles(other), (std::vector<std::string>{"department:D01"}));
}

TEST_F(ResolverTest, TerritoryAlwaysIsAppendedAfterTheSoleAnswer) {
    auto resolver = make({{"06013", {"road_sections", "category"}, Mode::Sole, TerritoryMode::Always}});
    auto r = resolver.resolve({500, 5}, chain_, "06013", mid_2023_);
    EXPECT_EQ(roles(r), (std::vector<std::string>{"road_sections:D04", "grid_worker:GW1", "village:V1", "township:T1",
                                                  "leader:L1"}));
    // Sole: outside the corridor the next layer (the category's department) answers alone.
    auto out = resolver.resolve({500, 15}, chain_, "06013", mid_2023_);
    EXPECT_EQ(out.answers.front().role + ":" + out.answers.front().owner->id, "department:D02");
    EXPECT_EQ(out.answers.size(), 5u);
}

TEST_F(ResolverTest, SharedListsEveryMatchingLayerInRuleOrder) {
    auto resolver = make({{"06013", {"category", "road_sections"}, Mode::Shared, TerritoryMode::FromCategory}});
    // 06013 has territory_answers = 1: the territory is listed after both.
    auto r = resolver.resolve({500, 5}, chain_, "06013", mid_2023_);
    EXPECT_EQ(roles(r), (std::vector<std::string>{"department:D02", "road_sections:D04", "grid_worker:GW1", "village:V1",
                                                  "township:T1", "leader:L1"}));
}

TEST_F(ResolverTest, CategoryWithoutTerritoryAnswersFallsBackToTheTerritoryWhenNobodyElseAnswers) {
    auto resolver = make({{"*", {"road_sections", "category"}, Mode::Shared, TerritoryMode::FromCategory}});
    // 09006: territory_answers = 0 and a live department: the department alone.
    EXPECT_EQ(roles(resolver.resolve({500, 50}, chain_, "09006", mid_2023_)), (std::vector<std::string>{"department:D01"}));
    // 09099: territory_answers = 0, no department, no section: still 属地兜底.
    auto r = resolver.resolve({500, 50}, chain_, "09099", mid_2023_);
    EXPECT_EQ(roles(r), (std::vector<std::string>{"grid_worker:GW1", "village:V1", "township:T1", "leader:L1"}));
    EXPECT_NE(r.answers[0].rule.find("nobody else answers"), std::string::npos) << r.answers[0].rule;
    // An explicit rule overrides the category's flag.
    auto always = make({{"*", {"category"}, Mode::Shared, TerritoryMode::Always}});
    EXPECT_EQ(always.resolve({500, 50}, chain_, "09006", mid_2023_).answers.size(), 5u);
}

TEST_F(ResolverTest, OwnersAndFeaturesAnswerOnlyWithinTheirValidity) {
    auto resolver = make({{"06013", {"road_sections"}, Mode::Sole, TerritoryMode::Fallback}});
    // 2023: 交通运输局 (valid to 2023-12-31). 2024: 公路局 took the section over.
    EXPECT_EQ(roles(resolver.resolve({500, 5}, chain_, "06013", at("2023-12-31T23:59:59"))),
              (std::vector<std::string>{"road_sections:D04"}));
    auto r2024 = resolver.resolve({500, 5}, chain_, "06013", at("2024-02-01T00:00:00"));
    EXPECT_EQ(roles(r2024), (std::vector<std::string>{"road_sections:D05"}));
    ASSERT_FALSE(r2024.notes.empty());
    EXPECT_NE(r2024.notes.front().find("D04"), std::string::npos);
    // Before either section's validity: nobody on the road; the territory answers.
    EXPECT_EQ(resolver.resolve({500, 5}, chain_, "06013", at("2022-06-01T00:00:00")).answers.front().layer,
              "territory");
    // The grid worker's validity ended 2024-03-31: at T after it, the role is empty.
    auto late = resolver.resolve({500, 50}, chain_, "06013", at("2024-05-01T00:00:00"));
    ASSERT_EQ(late.answers.size(), 4u);
    EXPECT_EQ(late.answers[0].role, "grid_worker");
    EXPECT_EQ(late.answers[0].owner, nullptr);
    EXPECT_EQ(late.answers[1].owner->id, "V1");
}

TEST_F(ResolverTest, ResolvesTheSameOnTwoThreads) {
    auto resolver = make({{"*", {"road_sections", "category"}, Mode::Shared, TerritoryMode::FromCategory}});
    auto run = [&](std::vector<std::size_t>& counts) {
        for (int i = 0; i < 2000; ++i) {
            counts.push_back(resolver.resolve({static_cast<double>(i % 1100), static_cast<double>(i % 40) - 20}, chain_,
                                              "06013", mid_2023_)
                                 .answers.size());
        }
    };
    std::vector<std::size_t> a, b, single;
    std::thread t1(run, std::ref(a)), t2(run, std::ref(b));
    t1.join();
    t2.join();
    run(single);
    EXPECT_EQ(a, single);
    EXPECT_EQ(b, single);
}

TEST_F(ResolverTest, ANameOrAnAliasAnswersLikeItsCode) {
    categories_[0].aliases = {"路面破损", "坑槽"};
    auto resolver = make({{"06013", {"road_sections"}, Mode::Sole, TerritoryMode::Fallback},
                          {"*", {"category"}, Mode::Shared, TerritoryMode::FromCategory}});
    for (const char* text : {"06013", "道路破损", " 路面破损 ", "坑槽"}) {
        auto r = resolver.resolve({500, 5}, chain_, text, mid_2023_);
        EXPECT_EQ(roles(r), (std::vector<std::string>{"road_sections:D04"})) << text;
        EXPECT_EQ(r.category, "06013") << text;
        EXPECT_EQ(r.category_text, text);
        EXPECT_EQ(r.deadline_hours, 24.0) << text;
        EXPECT_FALSE(r.category_unrecognised());
    }
    EXPECT_EQ(resolver.resolve({500, 5}, chain_, "坑槽", mid_2023_).category_match, CategoryMatchKind::Alias);
    EXPECT_EQ(resolver.resolve({500, 5}, chain_, "道路破损", mid_2023_).category_match, CategoryMatchKind::Name);
    // A name of a category with a department of its own: the department answers.
    EXPECT_EQ(roles(resolver.resolve({500, 50}, chain_, "占道经营", mid_2023_)), (std::vector<std::string>{"department:D01"}));
}

TEST_F(ResolverTest, AFeatureMayListItsCategoriesByNameOrAlias) {
    categories_[0].aliases = {"路面破损"};
    for (auto& f : features_) f.categories = {"路面破损"};  // the alias of 06013, as a section table writes it
    auto resolver = make({{"06013", {"road_sections"}, Mode::Sole, TerritoryMode::Fallback}});
    EXPECT_EQ(roles(resolver.resolve({500, 5}, chain_, "06013", mid_2023_)), (std::vector<std::string>{"road_sections:D04"}));
    EXPECT_EQ(roles(resolver.resolve({500, 5}, chain_, "道路破损", mid_2023_)), (std::vector<std::string>{"road_sections:D04"}));
}

TEST_F(ResolverTest, AnUnrecognisedCategoryIsAnsweredByTheTerritoryWhateverTheRuleSays) {
    // A section for every category on the road, and a rule that lists the territory only as fallback.
    auto corridor = geo::Geometry::from_wkt("LINESTRING (0 0, 1000 0)").buffer_flat_ends(10.0);
    features_.push_back({"road_sections", "D01", "S207 全线", {}, std::nullopt, std::nullopt, corridor.polygons()});
    auto resolver = make({{"*", {"road_sections", "category"}, Mode::Shared, TerritoryMode::Fallback}});
    const std::vector<std::string> territory{"grid_worker:GW1", "village:V1", "township:T1", "leader:L1"};

    // No category: the section answers alone (fallback).
    auto none = resolver.resolve({500, 5}, chain_, "", mid_2023_);
    EXPECT_EQ(roles(none), (std::vector<std::string>{"road_sections:D01"}));
    EXPECT_FALSE(none.category_unrecognised());

    // 井盖缺失 is in no catalogue: answered like no category, and the territory is listed (属地兜底).
    auto r = resolver.resolve({500, 5}, chain_, "井盖缺失", mid_2023_);
    std::vector<std::string> expected{"road_sections:D01"};
    expected.insert(expected.end(), territory.begin(), territory.end());
    EXPECT_EQ(roles(r), expected);
    EXPECT_TRUE(r.category_unrecognised());
    EXPECT_EQ(r.category, "");
    EXPECT_EQ(r.category_text, "井盖缺失");
    EXPECT_EQ(r.category_match, CategoryMatchKind::None);
    EXPECT_TRUE(r.territory_listed);
    EXPECT_FALSE(r.deadline_hours);
    const std::string rule = r.answers[1].rule;
    EXPECT_NE(rule.find("属地兜底"), std::string::npos) << rule;
    EXPECT_NE(rule.find("井盖缺失"), std::string::npos) << rule;
    ASSERT_FALSE(r.notes.empty());
    EXPECT_NE(r.notes.front().find("not recognised"), std::string::npos) << r.notes.front();

    // Away from the road nobody else answers: the territory alone. Spaces alone are no category.
    EXPECT_EQ(roles(resolver.resolve({500, 50}, chain_, "噪音扰民", mid_2023_)), territory);
    EXPECT_FALSE(resolver.resolve({500, 50}, chain_, " \xE3\x80\x80", mid_2023_).category_unrecognised());
}

TEST(Rules, MostSpecificRuleWinsAndUnknownLayersAreNamed) {
    RuleSet set{"rules.json", {{"*", {"category"}}, {"09*", {"category"}}, {"0900*", {"category"}}, {"09006", {"category"}}}};
    EXPECT_EQ(set.rule_for("09006")->category, "09006");
    EXPECT_EQ(set.rule_for("09001")->category, "0900*");
    EXPECT_EQ(set.rule_for("09101")->category, "09*");
    EXPECT_EQ(set.rule_for("06013")->category, "*");
    std::vector<std::string> layers{"road_sections"};
    RuleSet bad{"rules.json", {{"06013", {"road_sections", "leader_area"}}}};
    try {
        validate_rules(bad, layers);
        FAIL() << "an unknown layer must be an error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where().file, "rules.json");
        EXPECT_EQ(e.where().field, "layers");
        EXPECT_NE(std::string(e.what()).find("leader_area"), std::string::npos);
    }
    RuleSet territory{"rules.json", {{"*", {"territory"}}}};
    EXPECT_THROW(validate_rules(territory, layers), InputError);
    // Default rules: every layer, then the category's department, shared.
    auto d = default_rules(layers);
    ASSERT_EQ(d.rules.size(), 1u);
    EXPECT_EQ(d.rules[0].layers, (std::vector<std::string>{"road_sections", "category"}));
    EXPECT_EQ(d.rules[0].mode, Mode::Shared);
}

TEST(Time, ValidityIsInWholeDaysBothIncluded) {
    EXPECT_TRUE(valid_on(day("2024-01-01"), day("2024-12-31"), *Date::from_ymd(2024, 12, 31)));
    EXPECT_FALSE(valid_on(day("2024-01-01"), day("2024-12-31"), *Date::from_ymd(2025, 1, 1)));
    EXPECT_FALSE(valid_on(day("2024-01-01"), {}, *Date::from_ymd(2023, 12, 31)));
    EXPECT_TRUE(valid_on({}, {}, *Date::from_ymd(1999, 1, 1)));
}

// A roster change effective 09-01: the old worker serves to 08-31, the new one from 09-01, in days
// of the project's zone. 07:00 on 09-01 in Beijing (still 08-31 in UTC) is the new worker's.
TEST_F(ResolverTest, ARosterChangeTakesEffectAtLocalMidnight) {
    owners_ = {owner("GW_OLD", OwnerKind::GridWorker, "老网格员", "2015-01-01", "2026-08-31"),
               owner("GW_NEW", OwnerKind::GridWorker, "新网格员", "2026-09-01", "")};
    ResolvedChain chain;
    chain.links = {{Role::GridWorker, &owners_[0], "old"}};
    ResolvedChain next;
    next.links = {{Role::GridWorker, &owners_[1], "new"}};
    auto resolver = make({{"*", {}, Mode::Shared, TerritoryMode::Always}});
    auto worker = [&](const ResolvedChain& c, std::string_view when) {
        auto r = resolver.resolve({500, 500}, c, "", at(when));
        return r.answers.front().owner ? r.answers.front().owner->id : std::string("-");
    };
    EXPECT_EQ(worker(chain, "2026-08-31T23:59"), "GW_OLD");
    EXPECT_EQ(worker(next, "2026-08-31T23:59"), "-");
    EXPECT_EQ(worker(chain, "2026-09-01T07:00"), "-");
    EXPECT_EQ(worker(next, "2026-09-01T07:00"), "GW_NEW");
    EXPECT_EQ(worker(next, "2026-09-01T00:00"), "GW_NEW");
    // The same instant written in UTC.
    EXPECT_EQ(worker(next, "2026-08-31T23:00:00Z"), "GW_NEW");
    EXPECT_EQ(worker(chain, "2026-08-31T15:59:59Z"), "GW_OLD");
    // The note says which day was asked, and when.
    auto r = resolver.resolve({500, 500}, chain, "", at("2026-09-01T07:00"));
    ASSERT_FALSE(r.notes.empty());
    EXPECT_NE(r.notes.front().find("2015-01-01 to 2026-08-31, not on 2026-09-01 (at 2026-09-01T07:00:00+08:00)"),
              std::string::npos)
        << r.notes.front();
}

}  // namespace
}  // namespace respgrid::grids
