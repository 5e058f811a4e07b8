// respgrid serve tested as a client would: the real binary on a free loopback port, every
// endpoint with good and bad input, then the ledger read back from the project file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <set>
#include <thread>

#include "ledger_project.hpp"
#include "respgrid/ops/ledger.hpp"
#include "respgrid/store/project.hpp"
#include "run_command.hpp"
#include "serving_project.hpp"
#include "service_process.hpp"
#include "test_support.hpp"

namespace respgrid {
namespace {

using nlohmann::json;

constexpr const char* kToken = "test-token-0123456789abcdef";

std::string xy_path(geo::XY p) {
    return std::to_string(p.x) + "," + std::to_string(p.y);
}

class ServiceTest : public ::testing::Test {
protected:
    void SetUp() override {
        test::make_ledger_project(project_);
        test::write_text(token_file_, std::string(kToken) + "\n");
        service_ = std::make_unique<test::ServiceProcess>(project_, std::vector<std::string>{"--token-file", token_file_, "--poll", "0.1"});
    }

    json get_json(const std::string& path, int expected_status) {
        auto c = service_->client();
        auto r = c.Get(path.c_str());
        EXPECT_TRUE(r) << path;
        if (!r) return {};
        EXPECT_EQ(r->status, expected_status) << path << ": " << r->body;
        EXPECT_NE(r->get_header_value("Content-Type").find("application/json"), std::string::npos) << path;
        return json::parse(r->body);
    }

    httplib::Result post(const std::string& path, const std::string& body, const std::string& type,
                         const std::string& token = kToken) {
        auto c = service_->client();
        httplib::Headers headers;
        if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
        return c.Post(path.c_str(), headers, body, type.c_str());
    }

    test::TempDir dir_;
    std::string project_ = dir_.file("p.rgproj");
    std::string token_file_ = dir_.file("token");
    std::unique_ptr<test::ServiceProcess> service_;
};

TEST_F(ServiceTest, LocateAnswersWhatTheCliAnswers) {
    auto served = get_json("/v1/locate?lon=500250&lat=3730500&crs=EPSG:4547&category=C24", 200);
    EXPECT_EQ(served["grid"]["code"], test::kWestGrid);
    EXPECT_EQ(served["status"], "inside");
    const auto cli = test::run_respgrid({"locate", project_, "--lon", "500250", "--lat", "3730500", "--crs", "EPSG:4547",
                                         "--category", "C24", "--json"});
    ASSERT_EQ(cli.exit_code, 0) << cli.err;
    auto printed = json::parse(cli.out);
    // The time asked is "now" in both: the only field that differs.
    served.erase("at");
    printed.erase("at");
    EXPECT_EQ(served, printed);

    // MapIt's form, and a point on the shared border goes to exactly one grid.
    auto alias = get_json("/v1/point/EPSG:4547/" + xy_path(test::kEastPoint), 200);
    EXPECT_EQ(alias["grid"]["code"], test::kEastGrid);
    auto border = get_json("/v1/locate?lon=500500&lat=3730500&crs=EPSG:4547", 200);
    EXPECT_TRUE(border["grid"]["code"] == test::kWestGrid || border["grid"]["code"] == test::kEastGrid);
    EXPECT_FALSE(border["runner_up_grid"].is_null());
}

TEST_F(ServiceTest, BatchLocateAnswersEveryPointInOrder) {
    json points = json::array({{{"lon", 500250}, {"lat", 3730500}, {"crs", "EPSG:4547"}, {"id", "a"}},
                               {{"lon", "x"}, {"lat", 1}, {"id", "b"}},
                               {{"lat", 3}},
                               {{"lon", 500750}, {"lat", 3730500}, {"crs", "EPSG:4547"}, {"id", 4}}});
    auto r = post("/v1/locate", points.dump(), "application/json", "");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    const auto answer = json::parse(r->body);
    ASSERT_EQ(answer["results"].size(), 4u);
    EXPECT_EQ(answer["results"][0]["grid"]["code"], test::kWestGrid);
    EXPECT_EQ(answer["results"][0]["id"], "a");
    EXPECT_EQ(answer["results"][1]["error"]["status"], 400);
    EXPECT_EQ(answer["results"][2]["error"]["status"], 400);
    EXPECT_EQ(answer["results"][3]["grid"]["code"], test::kEastGrid);
    EXPECT_EQ(answer["results"][3]["id"], 4);

    json too_many = json::array();
    for (int i = 0; i < 10001; ++i) too_many.push_back({{"lon", 500250}, {"lat", 3730500}});
    auto big = post("/v1/locate", too_many.dump(), "application/json", "");
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 413);
}

TEST_F(ServiceTest, BadInputIsA4xxWithAMessageNeverA5xx) {
    const std::vector<std::pair<std::string, int>> cases{
        {"/v1/locate?lon=abc&lat=33", 400},
        {"/v1/locate?lon=nan&lat=33", 400},
        {"/v1/locate?lon=inf&lat=33", 400},
        {"/v1/locate?lon=114.9&lat=95&crs=4326", 400},
        {"/v1/locate?lon=114.9", 400},
        {"/v1/locate?lon=1&lat=2&crs=EPSG:999999", 400},
        {"/v1/locate?lon=500250&lat=3730500&crs=EPSG:4547&at=yesterday-ish", 400},
        {"/v1/point/4326/abc,33", 400},
        {"/v1/grids/411626999999999", 404},
        {"/v1/grids?bbox=1,2,3", 400},
        {"/v1/grids?bbox=114,33,113,34", 400},
        {"/v1/grids?bbox=114,33,115,34&limit=0", 400},
        {"/v1/owners/nobody", 404},
        {"/v1/issues/HY-20990101-0001", 404},
        {"/v1/issues?status=lost", 400},
        {"/v1/tiles/23/0/0.pbf", 400},
        {"/v1/tiles/2/4/0.pbf", 400},
        {"/v1/nothing", 404},
        {"/open311/v2/requests/HY-20990101-0001.json", 404},
        {"/open311/v2/requests.json?status=pending", 400},
        {"/open311/v2/services.xml", 406},
    };
    for (const auto& [path, status] : cases) {
        const auto body = get_json(path, status);
        const bool open311 = path.rfind("/open311/", 0) == 0;
        const std::string message = open311 ? body[0].value("description", "") : body["error"].value("message", "");
        EXPECT_FALSE(message.empty()) << path << ": " << body.dump();
    }
    // Malformed bodies and a 2 MB body.
    auto malformed = post("/open311/v2/requests.json", "{\"service_code\":", "application/json");
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->status, 400);
    auto not_array = post("/v1/locate", "{\"lon\":1}", "application/json", "");
    ASSERT_TRUE(not_array);
    EXPECT_EQ(not_array->status, 400);
    // A form in GBK (揭阳 as two GBK characters, %BD%D2%D1%F4) is refused, not stored garbled; so
    // is ill-formed UTF-8 in JSON.
    auto gbk_form = post("/open311/v2/requests.json",
                         "service_code=C24&lat=3730500&long=500250&crs=EPSG:4547&description=%BD%D2%D1%F4",
                         "application/x-www-form-urlencoded");
    ASSERT_TRUE(gbk_form);
    EXPECT_EQ(gbk_form->status, 400) << gbk_form->body;
    auto bad_json = post("/open311/v2/requests.json", "{\"service_code\":\"C24\",\"description\":\"\xBD\xD2\"}",
                         "application/json");
    ASSERT_TRUE(bad_json);
    EXPECT_EQ(bad_json->status, 400) << bad_json->body;
    EXPECT_TRUE(ops::list_cases(project_, {}).cases.empty());
    auto huge = post("/open311/v2/requests.json", std::string(2 * 1024 * 1024, 'a'), "application/json");
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 413);
    EXPECT_EQ(json::parse(huge->body)[0]["code"], 413);
}

TEST_F(ServiceTest, GridsAndOwnersCarryTheChain) {
    auto grid = get_json(std::string("/v1/grids/") + test::kWestGrid, 200);
    EXPECT_EQ(grid["type"], "Feature");
    EXPECT_EQ(grid["properties"]["village_name"], "东村");
    std::set<std::string> names;
    for (const auto& o : grid["properties"]["owners"]) names.insert(o.value("name", ""));
    EXPECT_TRUE(names.count("乙")) << grid.dump();  // today's grid worker, not GW_A who left in June
    EXPECT_FALSE(names.count("甲"));
    // The geometry is longitude/latitude: EPSG:4547's x 500000 is 114 E (its central meridian).
    const double lon = grid["geometry"]["coordinates"][0][0][0][0];
    EXPECT_NEAR(lon, 114.0, 0.01);

    const auto box = get_json("/v1/grids?bbox=113.99,33.6,114.02,33.8&limit=1", 200);
    EXPECT_EQ(box["features"].size(), 1u);
    EXPECT_TRUE(box["truncated"].get<bool>());
    const auto both = get_json("/v1/grids?bbox=113.99,33.6,114.02,33.8", 200);
    EXPECT_EQ(both["features"].size(), 2u);

    const auto worker = get_json("/v1/owners/GW_B", 200);
    EXPECT_EQ(worker["name"], "乙");
    EXPECT_EQ(worker["grids"], json::array({test::kWestGrid, test::kEastGrid}));
}

TEST_F(ServiceTest, Open311RequestGoesOnTheLedgerOnceWithItsOwner) {
    const auto services = get_json("/open311/v2/services.json", 200);
    EXPECT_EQ(services.size(), 3u);
    const std::string form = "service_code=W4&lat=3730500&long=500250&crs=EPSG:4547&description=%E5%8D%A0%E9%81%93&"
                             "attribute%5Breport_id%5D=APP-1";
    auto no_token = post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded", "");
    ASSERT_TRUE(no_token);
    EXPECT_EQ(no_token->status, 401);
    auto wrong = post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded", "wrong-token-0123456789abcdef");
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);
    EXPECT_TRUE(ops::list_cases(project_, {}).cases.empty());  // nothing stored by refused writes

    auto created = post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    const auto answer = json::parse(created->body)[0];
    const std::string number = answer["service_request_id"];
    EXPECT_EQ(answer["agency_responsible"], "县城管局");  // W4's department

    // The same report again: already on the ledger, the same case.
    auto again = post("/open311/v2/requests.json", form, "application/x-www-form-urlencoded");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);
    EXPECT_EQ(json::parse(again->body)[0]["service_request_id"], number);

    const auto detail = ops::show_case(project_, {number, {}});
    EXPECT_EQ(detail.case_.grid_code, test::kWestGrid);
    EXPECT_EQ(detail.case_.responsible_id, "D1");
    ASSERT_EQ(detail.reports.size(), 1u);
    EXPECT_EQ(detail.reports[0].source_id, "APP-1");

    const auto listed = get_json("/open311/v2/requests/" + number + ".json", 200);
    EXPECT_EQ(listed[0]["status"], "open");
    EXPECT_EQ(listed[0]["service_code"], "W4");
    const auto by_report = get_json("/open311/v2/requests/APP-1.json", 200);
    EXPECT_EQ(by_report[0]["service_request_id"], number);
    // An empty id names no case (reports without an id of their own are stored with none).
    EXPECT_EQ(get_json("/open311/v2/requests.json?service_request_id=,", 200), json::array());

    // The token as Open311's api_key in a JSON body.
    auto keyed = post("/open311/v2/requests.json",
                      json({{"service_code", "C24"}, {"lat", 3730500}, {"long", 500750}, {"crs", "EPSG:4547"},
                            {"report_id", "APP-2"}, {"api_key", kToken}}).dump(),
                      "application/json", "");
    ASSERT_TRUE(keyed);
    EXPECT_EQ(keyed->status, 201) << keyed->body;
    ASSERT_EQ(ops::list_cases(project_, {}).cases.size(), 2u);

    // A point no grid holds: 422, nothing stored.
    auto outside = post("/open311/v2/requests.json", "service_code=W4&lat=3731500&long=500250&crs=EPSG:4547",
                        "application/x-www-form-urlencoded");
    ASSERT_TRUE(outside);
    EXPECT_EQ(outside->status, 422) << outside->body;
    EXPECT_EQ(ops::list_cases(project_, {}).cases.size(), 2u);
}

TEST_F(ServiceTest, StatusEventsFollowTheWorkflow) {
    auto created = post("/open311/v2/requests.json",
                        json({{"service_code", "C24"}, {"lat", 3730500}, {"long", 500750}, {"crs", "EPSG:4547"}}).dump(),
                        "application/json");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    const std::string number = json::parse(created->body)[0]["service_request_id"];
    const std::string path = "/v1/issues/" + number + "/events";
    const std::string move = json({{"status", "in_progress"}, {"actor", "乙"}, {"note", "到场"}}).dump();

    auto no_token = post(path, move, "application/json", "");
    ASSERT_TRUE(no_token);
    EXPECT_EQ(no_token->status, 401);
    auto moved = post(path, move, "application/json");
    ASSERT_TRUE(moved);
    ASSERT_EQ(moved->status, 200) << moved->body;
    EXPECT_EQ(json::parse(moved->body)["status"], "in_progress");
    auto refused = post(path, json({{"status", "closed"}, {"actor", "乙"}}).dump(), "application/json");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 409);
    auto missing_actor = post(path, json({{"status", "fixed"}}).dump(), "application/json");
    ASSERT_TRUE(missing_actor);
    EXPECT_EQ(missing_actor->status, 400);

    const auto detail = ops::show_case(project_, {number, {}});
    EXPECT_EQ(detail.case_.status, grids::CaseStatus::InProgress);
    const auto shown = get_json("/v1/issues/" + number, 200);
    EXPECT_EQ(shown["timeline"].size(), detail.events.size());
    const auto issues = get_json("/v1/issues?status=in_progress", 200);
    ASSERT_EQ(issues["features"].size(), 1u);
    EXPECT_EQ(issues["features"][0]["properties"]["number"], number);
}

// The tile of zoom `z` holding longitude/latitude (lon, lat), as "z/x/y".
std::string tile_at(double lon, double lat, int z) {
    const double n = std::ldexp(1.0, z);
    const double r = lat * M_PI / 180.0;
    const int x = static_cast<int>((lon + 180.0) / 360.0 * n);
    const int y = static_cast<int>((1.0 - std::log(std::tan(r) + 1.0 / std::cos(r)) / M_PI) / 2.0 * n);
    return std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y);
}

TEST_F(ServiceTest, TilesShowTheGridsAndANewCaseAtOnce) {
    const auto grid = get_json(std::string("/v1/grids/") + test::kWestGrid, 200);
    double lon = 0.0, lat = 0.0;  // the grid's middle (the mean of its ring's corners)
    const auto& ring = grid["geometry"]["coordinates"][0][0];
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        lon += ring[i][0].get<double>() / static_cast<double>(ring.size() - 1);
        lat += ring[i][1].get<double>() / static_cast<double>(ring.size() - 1);
    }
    const std::string path = "/v1/tiles/" + tile_at(lon, lat, 15) + ".pbf";
    auto c = service_->client();
    auto tile = [&] {
        auto r = c.Get(path.c_str(), {{"Accept-Encoding", "gzip"}});  // the client inflates it
        EXPECT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(r->get_header_value("Content-Type"), "application/vnd.mapbox-vector-tile");
        return r ? r->body : std::string();
    };
    const std::string before = tile();
    ASSERT_FALSE(before.empty());
    EXPECT_EQ(static_cast<unsigned char>(before[0]), 0x1a);  // a layer (field 3, length-delimited)
    EXPECT_NE(before.find(test::kWestGrid), std::string::npos);
    EXPECT_NE(before.find("grids"), std::string::npos);

    auto created = post("/open311/v2/requests.json",
                        json({{"service_code", "C24"}, {"lat", 3730500}, {"long", 500250}, {"crs", "EPSG:4547"}}).dump(),
                        "application/json");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201);
    const std::string number = json::parse(created->body)[0]["service_request_id"];
    EXPECT_EQ(before.find(number), std::string::npos);
    EXPECT_NE(tile().find(number), std::string::npos);  // the cached tile was not served stale
}

TEST_F(ServiceTest, ConcurrentRequestsAreNeitherLostNorDuplicated) {
    constexpr int kThreads = 8;
    constexpr int kEach = 25;
    std::atomic<int> created{0};
    std::atomic<int> failed{0};
    std::mutex mutex;
    std::set<std::string> numbers;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto c = service_->client();
            for (int i = 0; i < kEach; ++i) {
                // 100 m apart: every report is a case of its own (并案 joins within 50 m).
                const int k = t * kEach + i;
                const std::string form = "service_code=C24&crs=EPSG:4547&long=" + std::to_string(500050 + 100 * (k % 10)) +
                                         "&lat=" + std::to_string(3730050 + 100 * (k / 10 % 10)) +
                                         "&attribute%5Breport_id%5D=R" + std::to_string(k) + "&description=" + std::to_string(k);
                auto r = c.Post("/open311/v2/requests.json", {{"Authorization", std::string("Bearer ") + kToken}}, form,
                                "application/x-www-form-urlencoded");
                if (!r || (r->status != 201 && r->status != 200)) {
                    ++failed;
                    continue;
                }
                ++created;
                std::lock_guard lock(mutex);
                numbers.insert(json::parse(r->body)[0]["service_request_id"].get<std::string>());
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(created.load(), kThreads * kEach);
    // 200 reports at 100 distinct places: the later report of a place joins the earlier's case.
    const auto listing = ops::list_cases(project_, {});
    long long reports = 0;
    for (const auto& c : listing.cases) reports += c.report_count;
    EXPECT_EQ(reports, kThreads * kEach);
    EXPECT_EQ(listing.cases.size(), numbers.size());
}

TEST_F(ServiceTest, ANewGenerationIsSwappedInWithoutDroppingARequest) {
    EXPECT_EQ(get_json("/v1/health", 200)["generation"], 1);
    std::atomic<bool> done{false};
    std::atomic<int> answered{0};
    std::atomic<int> failed{0};
    std::thread client([&] {
        auto c = service_->client();
        while (!done) {
            auto r = c.Get("/v1/locate?lon=500250&lat=3730500&crs=EPSG:4547");
            (r && r->status == 200 ? answered : failed)++;
        }
    });
    {
        // Another process's `grid` run, as far as the service can tell: a new generation in the file.
        auto project = store::Project::open(project_);
        auto cells = project.load_cells(1);
        project.add_generation("square", "{}", cells);
    }
    int generation = 1;
    for (int i = 0; i < 200 && generation == 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        generation = get_json("/v1/health", 200)["generation"];
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    done = true;
    client.join();
    EXPECT_EQ(generation, 2);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_GT(answered.load(), 0);
    EXPECT_EQ(get_json("/v1/locate?lon=500250&lat=3730500&crs=EPSG:4547", 200)["generation"], 2);
}

TEST_F(ServiceTest, ReadsDoNotWaitForAWriter) {
    // Another process holds the write lock (a long import, say) while the service reads.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(project_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE; UPDATE ledger_settings SET value = value", nullptr, nullptr, nullptr), SQLITE_OK);
    get_json("/v1/locate?lon=500250&lat=3730500&crs=EPSG:4547", 200);
    get_json("/v1/issues", 200);
    get_json("/open311/v2/requests.json", 200);
    get_json(std::string("/v1/grids/") + test::kWestGrid, 200);
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

TEST_F(ServiceTest, TermDrainsTheRequestInFlightAndExitsZero) {
    json points = json::array();
    for (int i = 0; i < 10000; ++i) points.push_back({{"lon", 500000 + i % 1000}, {"lat", 3730500}, {"crs", "EPSG:4547"}});
    std::atomic<int> status{0};
    std::thread slow([&] {
        auto r = post("/v1/locate", points.dump(), "application/json", "");
        status = r ? r->status : -1;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_EQ(service_->stop(), 0) << service_->log();
    slow.join();
    EXPECT_EQ(status.load(), 200);
    EXPECT_NE(service_->log().find("draining"), std::string::npos);
    // Stopped: nothing listens any more.
    httplib::Client c("127.0.0.1", service_->port());
    EXPECT_FALSE(c.Get("/v1/health"));
}

TEST(ServiceOptions, CorsIsOffByDefaultAndOnWhenAsked) {
    test::TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_ledger_project(project);
    {
        test::ServiceProcess plain(project, {});
        auto r = plain.client().Get("/v1/health");
        ASSERT_TRUE(r);
        EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
        // Without a token file every write is refused.
        auto w = plain.client().Post("/open311/v2/requests.json", "service_code=C24", "application/x-www-form-urlencoded");
        ASSERT_TRUE(w);
        EXPECT_EQ(w->status, 401);
    }
    test::ServiceProcess cors(project, {"--cors", "https://map.example.test"});
    auto c = cors.client();
    auto r = c.Get("/v1/health");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "https://map.example.test");
    auto preflight = c.Options("/open311/v2/requests.json");
    ASSERT_TRUE(preflight);
    EXPECT_EQ(preflight->status, 204);
    EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Authorization"), std::string::npos);
}

TEST(ServiceOptions, AShortTokenOrABusyPortIsRefusedBeforeListening) {
    test::TempDir dir;
    const std::string project = dir.file("p.rgproj");
    test::make_ledger_project(project);
    test::write_text(dir.file("short"), "abc\n");
    const auto r = test::run_respgrid_binary({"serve", project, "--listen", "127.0.0.1:0", "--token-file", dir.file("short")});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("at least 16"), std::string::npos) << r.err;
    test::ServiceProcess first(project, {});
    // Bounded: were the port shared, the second service would run until killed.
    const auto busy = test::run_program("/usr/bin/timeout", {"20", test::respgrid_binary(), "serve", project, "--listen",
                                                             "127.0.0.1:" + std::to_string(first.port())});
    EXPECT_NE(busy.exit_code, 0);
    EXPECT_NE(busy.err.find("cannot listen"), std::string::npos) << busy.err;
}

}  // namespace
}  // namespace respgrid
