// write_project_gpkg (exporters/project_gpkg.hpp) on a tiny hand-made project, read back with
// GDAL: layers, counts, CRS and axis order, geometry types, fields, owner chains, located issues,
// areas after the round trip through lon/lat, and no file left behind by a failed export.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include <ogr_api.h>

#include "respgrid/exporters/project_gpkg.hpp"
#include "respgrid/geo/gdal.hpp"
#include "exported_layers.hpp"
#include "test_support.hpp"

namespace respgrid::test {
namespace {

using grids::AdminLevel;
using grids::OwnerKind;


grids::Owner owner(std::string id, OwnerKind kind, std::string name, std::string unit_code, std::string contact,
                   std::string phone, std::vector<std::string> packages = {}) {
    grids::Owner o;
    o.id = std::move(id);
    o.kind = kind;
    o.name = std::move(name);
    o.unit_code = std::move(unit_code);
    o.contact = std::move(contact);
    o.phone = std::move(phone);
    o.packages = std::move(packages);
    return o;
}

grids::GridCell cell(std::string code, std::string name, std::string village, double x0, double y0, double x1, double y1) {
    grids::GridCell c;
    c.code = std::move(code);
    c.name = std::move(name);
    c.township_code = village.substr(0, 9);
    c.village_code = std::move(village);
    c.set_shape(geo::Geometry::rectangle(x0, y0, x1, y1));
    c.area_m2 = c.shape().area();
    return c;
}

// A 2 km x 2 km county in EPSG:4547 (around 114.8 E, 33.7 N): two townships of one village each;
// village 1 fully gridded (two 1 km cells), village 2 only in its northern half (a coverage gap).
// Owners: both townships, village 1 and its grid worker, a leader 包联 both townships; village 2
// has no owner and no grid worker.
class TinyProject : public ::testing::Test, protected ExportedLayers {
protected:
    static constexpr double X0 = 574000, Y0 = 3730000;

    void SetUp() override {
        county.push_back({AdminLevel::County, "411626", "测试县", "", geo::Geometry::rectangle(X0, Y0, X0 + 2000, Y0 + 2000)});
        townships.push_back(
            {AdminLevel::Township, "411626001", "城关街道", "411626", geo::Geometry::rectangle(X0, Y0, X0 + 1000, Y0 + 2000)});
        townships.push_back({AdminLevel::Township, "411626101", "白楼镇", "411626",
                             geo::Geometry::rectangle(X0 + 1000, Y0, X0 + 2000, Y0 + 2000)});
        villages.push_back({AdminLevel::Village, "411626001001", "东关社区", "411626001",
                            geo::Geometry::rectangle(X0, Y0, X0 + 1000, Y0 + 2000)});
        villages.push_back({AdminLevel::Village, "411626101201", "王庄村", "411626101",
                            geo::Geometry::rectangle(X0 + 1000, Y0, X0 + 2000, Y0 + 2000)});
        cells.push_back(cell("411626001001001", "东关社区第1网格", "411626001001", X0, Y0 + 1000, X0 + 1000, Y0 + 2000));
        cells.push_back(cell("411626001001002", "东关社区第2网格", "411626001001", X0, Y0, X0 + 1000, Y0 + 1000));
        cells.push_back(cell("411626101201001", "王庄村第1网格", "411626101201", X0 + 1000, Y0 + 1000, X0 + 2000, Y0 + 2000));

        std::vector<grids::Owner> owners{
            owner("T1", OwnerKind::Township, "城关街道", "411626001", "张三", "13800000001"),
            owner("T2", OwnerKind::Township, "白楼镇", "411626101", "李四", "13800000002"),
            owner("V1", OwnerKind::Village, "东关社区", "411626001001", "王五", "13800000003"),
            owner("W1", OwnerKind::GridWorker, "赵六", "411626001001", "", "13800000004"),
            owner("L1", OwnerKind::Leader, "钱七", "", "", "13800000005", {"411626001", "411626101"}),
        };
        std::vector<grids::GridRef> refs;
        for (const auto& c : cells) refs.push_back({c.code, c.village_code, c.township_code});
        auto assignments = grids::assign_territorial(refs, owners);
        std::vector<grids::AdminUnit> all_units;
        for (auto* list : {&county, &townships, &villages}) {
            for (const auto& u : *list) all_units.push_back({u.level, u.code, u.name, u.parent_code, u.geometry.clone()});
        }
        directory = std::make_unique<grids::Directory>(owners, all_units, assignments);

        categories.push_back({"09006", "占道经营", "街面秩序类", "GB/T 47678.5-2026", "", 24.0});

        std::vector<grids::LocatorCell> locator_cells;
        for (const auto& c : cells) locator_cells.push_back({c.code, c.shape().polygons()});
        grids::GridLocator locator(locator_cells, county[0].geometry.polygons());
        geo::CoordinateTransform to_lonlat(geo::Crs::from_epsg(kGk38), geo::Crs::cgcs2000());
        auto issue = [&](std::string id, geo::XY p, std::string description) {
            grids::IssueReport r;
            r.id = std::move(id);
            r.reported_at = "2026-11-01T08:00:00+08:00";
            geo::XY ll = to_lonlat(p);
            r.lon = ll.x;
            r.lat = ll.y;
            r.crs = "EPSG:4490";
            r.category_code = "09006";
            r.description = std::move(description);
            r.position = p;
            return r;
        };
        reports.push_back(issue("Q-IN", {X0 + 500, Y0 + 1500}, "在网格内"));
        reports.push_back(issue("Q-OUT", {X0 - 100, Y0 + 1500}, "县界外 100 米"));
        reports.push_back(issue("Q-GAP", {X0 + 1600, Y0 + 500}, "网格空白处"));
        for (const auto& r : reports) located.push_back({&r, locator.where(r.position)});
        ASSERT_EQ(located[0].location.status, grids::LocateStatus::Inside);
        ASSERT_EQ(located[1].location.status, grids::LocateStatus::Outside);
        ASSERT_EQ(located[2].location.status, grids::LocateStatus::InGap);
    }

    exporters::ProjectLayers layers() const {
        exporters::ProjectLayers l = ExportedLayers::layers(7);
        l.categories = categories;
        l.issues = located;
        return l;
    }

    // Every feature of a layer by the value of its first field (code or id).
    static std::map<std::string, OGRFeatureUniquePtr> features_by_key(OGRLayer& layer) {
        std::map<std::string, OGRFeatureUniquePtr> out;
        layer.ResetReading();
        while (OGRFeature* f = layer.GetNextFeature()) out.emplace(f->GetFieldAsString(0), OGRFeatureUniquePtr(f));
        return out;
    }

    static std::string text(const OGRFeatureUniquePtr& f, const char* field) {
        int i = f->GetFieldIndex(field);
        EXPECT_GE(i, 0) << field;
        return i >= 0 && f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : std::string();
    }
    static bool is_null(const OGRFeatureUniquePtr& f, const char* field) {
        int i = f->GetFieldIndex(field);
        EXPECT_GE(i, 0) << field;
        return i < 0 || !f->IsFieldSetAndNotNull(i);
    }

    TempDir dir;
    std::vector<grids::IssueCategory> categories;
    std::vector<grids::IssueReport> reports;
    std::vector<exporters::LocatedIssue> located;
};

TEST_F(TinyProject, WritesEveryLayerWithItsFeatureCountInCgcs2000LonLat) {
    const std::string path = dir.file("project.gpkg");
    auto counts = exporters::write_project_gpkg(path, layers());
    EXPECT_EQ(counts.county, 1u);
    EXPECT_EQ(counts.townships, 2u);
    EXPECT_EQ(counts.villages, 2u);
    EXPECT_EQ(counts.grids, 3u);
    EXPECT_EQ(counts.issues, 3u);
    EXPECT_EQ(counts.worker_areas, 1u) << "赵六 alone is a grid worker";

    auto ds = geo::open_vector(path);
    EXPECT_STREQ(ds->GetDriver()->GetDescription(), "GPKG");
    // layer_styles: one default QGIS style per layer (qgis_gpkg.hpp).
    // A project without ledger cases still gets its (empty) cases layer, as it would the issues.
    std::map<std::string, GIntBig> expected{{"county", 1}, {"townships", 2}, {"villages", 2},     {"grids", 3},
                                            {"issues", 3}, {"cases", 0},     {"worker_areas", 1}, {"layer_styles", 7}};
    std::map<std::string, GIntBig> found;
    for (auto* layer : ds->GetLayers()) found[layer->GetName()] = layer->GetFeatureCount();
    EXPECT_EQ(found, expected);

    for (const auto& [name, count] : expected) {
        OGRLayer* layer = ds->GetLayerByName(name.c_str());
        ASSERT_NE(layer, nullptr) << name;
        if (name == "layer_styles") continue;  // a table, no geometry
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        ASSERT_NE(srs, nullptr) << name;
        EXPECT_STREQ(srs->GetAuthorityName(nullptr), "EPSG") << name;
        EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "4490") << name;
        const OGRwkbGeometryType type = name == "issues" || name == "cases" ? wkbPoint : wkbMultiPolygon;
        EXPECT_EQ(layer->GetGeomType(), type) << name;
        layer->ResetReading();
        for (auto& f : *layer) {
            const OGRGeometry* g = f->GetGeometryRef();
            ASSERT_NE(g, nullptr) << name;
            EXPECT_EQ(wkbFlatten(g->getGeometryType()), type) << name;
            OGREnvelope env;
            g->getEnvelope(&env);
            // x is the longitude, y the latitude.
            EXPECT_GT(env.MinX, 114.7) << name;
            EXPECT_LT(env.MaxX, 114.9) << name;
            EXPECT_GT(env.MinY, 33.6) << name;
            EXPECT_LT(env.MaxY, 33.8) << name;
        }
    }

    // The inside issue's point is its working-CRS position taken to lon/lat by PROJ.
    auto issues = features_by_key(*ds->GetLayerByName("issues"));
    ASSERT_TRUE(issues.count("Q-IN"));
    const auto* p = issues["Q-IN"]->GetGeometryRef()->toPoint();
    EXPECT_NEAR(p->getX(), reports[0].lon, 1e-9);
    EXPECT_NEAR(p->getY(), reports[0].lat, 1e-9);
    {
        auto src = geo::srs_from_epsg(kGk38);
        auto dst = geo::srs_from_epsg(4490);
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(src.get(), dst.get()));
        double x = reports[0].position.x, y = reports[0].position.y;
        ASSERT_TRUE(ct->Transform(1, &x, &y));
        EXPECT_NEAR(p->getX(), x, 1e-9);
        EXPECT_NEAR(p->getY(), y, 1e-9);
    }
}

TEST_F(TinyProject, LayersHaveTheirStableFieldNames) {
    const std::string path = dir.file("project.gpkg");
    exporters::write_project_gpkg(path, layers());
    auto ds = geo::open_vector(path);
    auto names = [&](const char* layer) {
        std::vector<std::string> out;
        OGRFeatureDefn* defn = ds->GetLayerByName(layer)->GetLayerDefn();
        for (int i = 0; i < defn->GetFieldCount(); ++i) out.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
        return out;
    };
    const std::vector<std::string> unit_fields{"code", "name", "parent_code", "parent_name", "area_m2", "contact", "phone"};
    for (const char* layer : {"county", "townships", "villages"}) EXPECT_EQ(names(layer), unit_fields) << layer;
    EXPECT_EQ(names("grids"),
              (std::vector<std::string>{"code", "name", "village_code", "village_name", "township_code", "township_name",
                                        "area_m2", "generation", "kind", "label", "weight", "grid_worker", "grid_worker_phone", "village_owner",
                                        "village_phone", "township_owner", "township_phone", "leader", "leader_phone",
                                        "missing_roles"}));
    EXPECT_EQ(names("issues"),
              (std::vector<std::string>{"id", "reported_at", "category", "category_name", "description", "reported_crs",
                                        "reported_lon", "reported_lat", "location_status", "grid_code", "village_code",
                                        "village_name", "township_code", "township_name", "grid_worker",
                                        "grid_worker_phone", "leader", "nearest_grid", "distance_m"}));
    OGRFeatureDefn* grids = ds->GetLayerByName("grids")->GetLayerDefn();
    EXPECT_EQ(grids->GetFieldDefn(grids->GetFieldIndex("area_m2"))->GetType(), OFTReal);
    EXPECT_EQ(grids->GetFieldDefn(grids->GetFieldIndex("generation"))->GetType(), OFTInteger64);
}

TEST_F(TinyProject, GridsCarryTheirOwnerChainAndMissingRoles) {
    const std::string path = dir.file("project.gpkg");
    exporters::write_project_gpkg(path, layers());
    auto ds = geo::open_vector(path);
    auto grids = features_by_key(*ds->GetLayerByName("grids"));
    ASSERT_EQ(grids.size(), 3u);
    for (const char* code : {"411626001001001", "411626001001002"}) {
        const auto& g = grids[code];
        ASSERT_TRUE(g) << code;
        EXPECT_EQ(text(g, "village_code"), "411626001001");
        EXPECT_EQ(text(g, "village_name"), "东关社区");
        EXPECT_EQ(text(g, "township_code"), "411626001");
        EXPECT_EQ(text(g, "township_name"), "城关街道");
        EXPECT_EQ(text(g, "grid_worker"), "赵六");
        EXPECT_EQ(text(g, "grid_worker_phone"), "13800000004");
        EXPECT_EQ(text(g, "village_owner"), "王五");
        EXPECT_EQ(text(g, "village_phone"), "13800000003");
        EXPECT_EQ(text(g, "township_owner"), "张三");
        EXPECT_EQ(text(g, "township_phone"), "13800000001");
        EXPECT_EQ(text(g, "leader"), "钱七");
        EXPECT_EQ(text(g, "leader_phone"), "13800000005");
        EXPECT_TRUE(is_null(g, "missing_roles")) << text(g, "missing_roles");
        EXPECT_EQ(g->GetFieldAsInteger64("generation"), 7);
    }
    EXPECT_EQ(text(grids["411626001001001"], "name"), "东关社区第1网格");
    const auto& orphan = grids["411626101201001"];
    ASSERT_TRUE(orphan);
    EXPECT_EQ(text(orphan, "missing_roles"), "grid_worker,village");
    EXPECT_TRUE(is_null(orphan, "grid_worker"));
    EXPECT_TRUE(is_null(orphan, "village_owner"));
    EXPECT_EQ(text(orphan, "township_owner"), "李四");
    EXPECT_EQ(text(orphan, "leader"), "钱七");

    // The grid worker's area: both of 东关社区's grids as one rectangle, with the worker's chain.
    auto areas = features_by_key(*ds->GetLayerByName("worker_areas"));
    ASSERT_EQ(areas.size(), 1u);
    const auto& area = areas["W1"];
    ASSERT_TRUE(area);
    EXPECT_EQ(text(area, "grid_worker"), "赵六");
    EXPECT_EQ(text(area, "grid_worker_phone"), "13800000004");
    EXPECT_EQ(text(area, "village_name"), "东关社区");
    EXPECT_EQ(text(area, "township_name"), "城关街道");
    EXPECT_EQ(text(area, "village_owner"), "王五");
    EXPECT_EQ(text(area, "leader"), "钱七");
    EXPECT_EQ(area->GetFieldAsInteger64("grid_count"), 2);
    EXPECT_NEAR(area->GetFieldAsDouble("area_m2"), 2e6, 1e-6);
    const OGRGeometry* shape = area->GetGeometryRef();
    ASSERT_NE(shape, nullptr);
    ASSERT_EQ(shape->toMultiPolygon()->getNumGeometries(), 1) << "one piece: the shared edge is gone";
    const OGRGeometry* first = grids["411626001001001"]->GetGeometryRef();
    OGRGeometryUniquePtr both(first->Union(grids["411626001001002"]->GetGeometryRef()));
    EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(shape))),
                OGR_G_Area(OGRGeometry::ToHandle(both.get())), 1e-15);

    // Units carry their own registered owner and their parent's name.
    auto village_features = features_by_key(*ds->GetLayerByName("villages"));
    EXPECT_EQ(text(village_features["411626001001"], "contact"), "王五");
    EXPECT_EQ(text(village_features["411626001001"], "parent_name"), "城关街道");
    EXPECT_TRUE(is_null(village_features["411626101201"], "contact"));
    auto township_features = features_by_key(*ds->GetLayerByName("townships"));
    EXPECT_EQ(text(township_features["411626101"], "contact"), "李四");
    EXPECT_EQ(text(township_features["411626101"], "parent_name"), "测试县");
    auto county_layer = features_by_key(*ds->GetLayerByName("county"));
    EXPECT_TRUE(is_null(county_layer["411626"], "parent_code"));
}

TEST_F(TinyProject, IssuesCarryWhereTheyWereLocated) {
    const std::string path = dir.file("project.gpkg");
    exporters::write_project_gpkg(path, layers());
    auto ds = geo::open_vector(path);
    auto issues = features_by_key(*ds->GetLayerByName("issues"));
    ASSERT_EQ(issues.size(), 3u);

    const auto& in = issues["Q-IN"];
    EXPECT_EQ(text(in, "location_status"), "inside");
    EXPECT_EQ(text(in, "grid_code"), "411626001001001");
    EXPECT_EQ(text(in, "village_code"), "411626001001");
    EXPECT_EQ(text(in, "village_name"), "东关社区");
    EXPECT_EQ(text(in, "township_name"), "城关街道");
    EXPECT_EQ(text(in, "grid_worker"), "赵六");
    EXPECT_EQ(text(in, "grid_worker_phone"), "13800000004");
    EXPECT_EQ(text(in, "leader"), "钱七");
    EXPECT_EQ(text(in, "category"), "09006");
    EXPECT_EQ(text(in, "category_name"), "占道经营");
    EXPECT_EQ(text(in, "description"), "在网格内");
    EXPECT_EQ(text(in, "reported_crs"), "EPSG:4490");
    EXPECT_EQ(text(in, "reported_at"), "2026-11-01T08:00:00+08:00");
    EXPECT_DOUBLE_EQ(in->GetFieldAsDouble("reported_lon"), reports[0].lon);
    EXPECT_TRUE(is_null(in, "distance_m"));

    const auto& out = issues["Q-OUT"];
    EXPECT_EQ(text(out, "location_status"), "outside");
    EXPECT_TRUE(is_null(out, "grid_code"));
    EXPECT_TRUE(is_null(out, "village_code"));
    EXPECT_TRUE(is_null(out, "grid_worker"));
    EXPECT_EQ(text(out, "nearest_grid"), "411626001001001");
    ASSERT_FALSE(is_null(out, "distance_m"));
    EXPECT_NEAR(out->GetFieldAsDouble("distance_m"), 100.0, 1e-6);

    const auto& gap = issues["Q-GAP"];
    EXPECT_EQ(text(gap, "location_status"), "in_gap");
    EXPECT_TRUE(is_null(gap, "grid_code"));
    EXPECT_EQ(text(gap, "nearest_grid"), "411626101201001");
    EXPECT_NEAR(gap->GetFieldAsDouble("distance_m"), 500.0, 1e-6);
}

TEST_F(TinyProject, AreasSurviveTheRoundTripThroughLonLat) {
    const std::string path = dir.file("project.gpkg");
    exporters::write_project_gpkg(path, layers());
    auto ds = geo::open_vector(path);
    auto src = geo::srs_from_epsg(4490);
    auto dst = geo::srs_from_epsg(kGk38);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(src.get(), dst.get()));
    std::map<std::string, double> original;
    for (const auto& c : cells) original[c.code] = c.area_m2;
    for (const auto* list : {&county, &townships, &villages}) {
        for (const auto& u : *list) original[u.code] = u.geometry.area();
    }
    std::size_t checked = 0;
    for (const char* name : {"county", "townships", "villages", "grids"}) {
        OGRLayer* layer = ds->GetLayerByName(name);
        ASSERT_NE(layer, nullptr);
        layer->ResetReading();
        for (auto& f : *layer) {
            std::string code = f->GetFieldAsString("code");
            ASSERT_TRUE(original.count(code)) << code;
            std::unique_ptr<OGRGeometry> g(f->GetGeometryRef()->clone());
            ASSERT_EQ(g->transform(ct.get()), OGRERR_NONE);
            EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(g.get())), original[code], 1e-3) << code;
            EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("area_m2"), original[code]) << code;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 8u);
}

TEST_F(TinyProject, AnotherTargetCrsKeepsWorkingCoordinates) {
    const std::string path = dir.file("project_4547.gpkg");
    exporters::write_project_gpkg(path, layers(), kGk38);
    auto ds = geo::open_vector(path);
    for (auto* layer : ds->GetLayers()) {
        if (layer->GetGeomType() == wkbNone) continue;  // layer_styles
        ASSERT_NE(layer->GetSpatialRef(), nullptr);
        EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "4547") << layer->GetName();
    }
    auto grids = features_by_key(*ds->GetLayerByName("grids"));
    OGREnvelope env;
    grids["411626001001002"]->GetGeometryRef()->getEnvelope(&env);
    EXPECT_DOUBLE_EQ(env.MinX, X0);
    EXPECT_DOUBLE_EQ(env.MinY, Y0);
    EXPECT_DOUBLE_EQ(env.MaxX, X0 + 1000);
    EXPECT_DOUBLE_EQ(OGR_G_Area(OGRGeometry::ToHandle(grids["411626001001002"]->GetGeometryRef())), 1.0e6);
    auto issues = features_by_key(*ds->GetLayerByName("issues"));
    const auto* p = issues["Q-OUT"]->GetGeometryRef()->toPoint();
    EXPECT_DOUBLE_EQ(p->getX(), X0 - 100);
    EXPECT_DOUBLE_EQ(p->getY(), Y0 + 1500);
}

TEST_F(TinyProject, ExportReplacesAnExistingFile) {
    const std::string path = dir.file("project.gpkg");
    exporters::write_project_gpkg(path, layers());
    auto fewer = layers();
    fewer.issues = std::span<const exporters::LocatedIssue>(located).first(1);
    EXPECT_EQ(exporters::write_project_gpkg(path, fewer).issues, 1u);
    auto ds = geo::open_vector(path);
    EXPECT_EQ(ds->GetLayerCount(), 8);  // seven layers (cases empty) and layer_styles
    EXPECT_EQ(ds->GetLayerByName("issues")->GetFeatureCount(), 1);
}

TEST_F(TinyProject, FailedExportThrowsOutputErrorAndLeavesNoFile) {
    const std::string path = dir.file("no_such_folder/project.gpkg");
    try {
        exporters::write_project_gpkg(path, layers());
        FAIL() << "expected OutputError";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.path(), path);
    }
    EXPECT_FALSE(std::filesystem::exists(path));

    // Without an owner directory nothing is written either.
    const std::string other = dir.file("other.gpkg");
    auto no_directory = layers();
    no_directory.directory = nullptr;
    EXPECT_THROW(exporters::write_project_gpkg(other, no_directory), OutputError);
    EXPECT_FALSE(std::filesystem::exists(other));
}

TEST_F(TinyProject, ExportFailingMidwayRemovesThePartialFile) {
    // A target EPSG code that does not exist fails after the file was created.
    const std::string path = dir.file("project.gpkg");
    geo::GdalMessageCapture quiet;  // GDAL reports the unknown code on its error handler
    EXPECT_THROW(exporters::write_project_gpkg(path, layers(), 999999), Error);
    EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace respgrid::test
