#include "office_county.hpp"

#include <filesystem>
#include <vector>

#include "run_command.hpp"
#include "small_county.hpp"

namespace respgrid::test {

namespace {

void build(OfficeCounty& p) {
    const TempDir& d = p.dir;
    p.project = d.file("county.rgproj");
    write_text(d.file("county.geojson"), rect_collection({{"411626", "测试县", 114.80, 33.70, 114.82, 33.72}}));
    write_text(d.file("townships.geojson"), rect_collection({{"411626001", "城关街道", 114.80, 33.70, 114.81, 33.72},
                                                             {"411626101", "白楼镇", 114.81, 33.70, 114.82, 33.72}}));
    write_text(d.file("villages.geojson"), rect_collection({{"411626001001", "东关社区", 114.80, 33.70, 114.81, 33.71},
                                                            {"411626001002", "西关社区", 114.80, 33.71, 114.81, 33.72},
                                                            {"411626101201", "王庄村", 114.81, 33.70, 114.82, 33.71},
                                                            {"411626101202", "李楼村", 114.81, 33.71, 114.82, 33.72}}));
    write_text(d.file("roster.csv"),
               "owner_id,kind,name,unit_code,contact,phone,packages,active\n"
               "T1,township,城关街道,411626001,张三,13800000001,,1\n"
               "T2,township,白楼镇,411626101,李四,13800000002,,1\n"
               "V1,village,东关社区,411626001001,王五,13800000003,,1\n"
               "V2,village,西关社区,411626001002,赵六,13800000004,,1\n"
               "V3,village,王庄村,411626101201,钱七,13800000005,,1\n"
               "V4,village,李楼村,411626101202,孙八,13800000006,,1\n"
               "G1,grid_worker,网格员一,411626001001,,13900000001,,1\n"
               "G2,grid_worker,网格员二,411626001002,,13900000002,,1\n"
               "G3,grid_worker,网格员三,411626101201,,13900000003,,1\n"
               "G4,grid_worker,网格员四,411626101202,,13900000004,,1\n"
               "L1,leader,周县长,,,13700000001,411626001;411626101,1\n"
               "D01,department,县城市管理局,,,12319,,1\n"
               "D02,department,县住房和城乡建设局,,,12345,,1\n"
               "D06,department,县公安局交通管理大队,,,12122,,1\n"
               "D08,department,县爱国卫生运动委员会办公室,,,12320,,1\n"
               "D21,department,县环境卫生服务中心,,,12321,,1\n");
    write_text(d.file("categories.csv"),
               "code,name,department,deadline_hours,aliases\n"
               "06001,私搭乱建,D01,72,违章搭建；违建\n"
               "06010,暴露垃圾,D21,4,垃圾暴露\n"
               "06013,道路破损,D02,72,路面破损、坑槽\n"
               "07001,非法小广告,D01,24,小广告；牛皮癣\n"
               "09009,机动车乱停放,D06,4,乱停乱放；违停\n"
               "90001,病媒生物孳生地,D08,48,病媒生物\n");
    const std::vector<std::vector<std::string>> steps = {
        {"-q", "init", p.project, "--county-code", "411626", "--name", "测试县"},
        {"-q", "import", "boundaries", p.project, d.file("county.geojson"), "--level", "county", "--crs", "cgcs2000"},
        {"-q", "import", "boundaries", p.project, d.file("townships.geojson"), "--level", "township", "--crs", "cgcs2000"},
        {"-q", "import", "boundaries", p.project, d.file("villages.geojson"), "--level", "village", "--crs", "cgcs2000"},
        {"-q", "import", "roster", p.project, d.file("roster.csv"), "--categories", d.file("categories.csv")},
        {"-q", "grid", p.project, "--size", "100"},
        {"-q", "assign", p.project},
    };
    for (const auto& step : steps) {
        auto r = run_respgrid(step);
        if (r.exit_code != 0) {
            p.failure = "small county: `" + step[1] + " " + step[2] + "` exited " + std::to_string(r.exit_code) + "\n" + r.err;
            return;
        }
    }
}

}  // namespace

const OfficeCounty& office_county() {
    static OfficeCounty project;  // its folder goes when the process ends
    static const bool built = (build(project), true);
    (void)built;
    return project;
}

std::string copy_of_office_county(const TempDir& dir) {
    const std::string copy = dir.file("copy.rgproj");
    std::filesystem::copy_file(office_county().project, copy);
    return copy;
}

}  // namespace respgrid::test
