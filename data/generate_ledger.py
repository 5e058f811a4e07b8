#!/usr/bin/python3
"""Generate a month of issue-ledger history (挂账督办) for the sample county (淮阳县, 411626).

    /usr/bin/python3 data/generate_ledger.py [--out DIR]

Reads the sample county in this folder (generate_sample.py's villages, townships, households,
institutions, roads, roster and categories) and writes into DIR (default: this folder):
  ledger_reports.csv   every report (问题上报) of 2026-09-01 .. 2026-09-30, as `ledger import` reads it
  ledger_updates.csv   every status change of the month, as `ledger update --input` reads it
  ledger_expected.csv  what the generator meant: which case each report opens or joins, which rows
                       are rejects, each case's status at the end of 09-30 (ground truth for tests)
SYNTHETIC, like everything in the sample but the county outline: people, reports and times are
invented. Deterministic: string-seeded random.Random per stage, no set iteration, coordinates
written with 6 decimals. See data/README.md "Ledger month" for the model.
"""
import argparse, bisect, collections, csv, datetime, json, math, os, random, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate_sample as gs  # noqa: E402  (the GCJ-02/BD-09 formulas, the km frame, names: one copy)

from shapely.geometry import Point, shape  # noqa: E402
from shapely.ops import unary_union  # noqa: E402
from shapely.prepared import prep  # noqa: E402
from shapely.strtree import STRtree  # noqa: E402

SEED = 20260930
HERE = os.path.dirname(os.path.abspath(__file__))
TZ = datetime.timezone(datetime.timedelta(hours=8))
FIRST_DAY = datetime.date(2026, 9, 1)
DAYS = 30
END = datetime.datetime(2026, 9, 30, 23, 59, 59, tzinfo=TZ)   # the month's report is "as of" this second
# 中秋节 falls on Friday 2026-09-25; the generator treats it as a day off (fewer patrols, no
# inspectors). The official 2026 holiday schedule is not checked here.
DAYS_OFF = (datetime.date(2026, 9, 25),)
MINUTE = datetime.timedelta(minutes=1)

# Duplicates (并案): a repeat report lies 10-40 m from its case's first report; reports of the same
# category that are NOT meant to merge are kept this far apart, so the engine's 50 m rule merges
# exactly the clusters below whatever order or day it imports them in (40 + 50 < 140, with room).
DUP_MIN_M, DUP_MAX_M, APART_M = 10.0, 40.0, 140.0


def rng_for(stage):
    return random.Random("%d:ledger:%s" % (SEED, stage))


def to_km(lon, lat):
    return (lon - gs.SEAT[0]) * gs.KX, (lat - gs.SEAT[1]) * gs.KY


def at(day, hour, minute=0, second=0):
    return datetime.datetime(day.year, day.month, day.day, tzinfo=TZ) + datetime.timedelta(
        hours=hour, minutes=minute, seconds=second)


def stamp(t):
    return t.isoformat()


def working_day(day):
    return day.weekday() < 5 and day not in DAYS_OFF


def hours_of(rng, table):
    """A time of day (h, min, s) drawn from an {hour: weight} table."""
    hours = sorted(table)
    h = rng.choices(hours, [table[k] for k in hours])[0]
    return h, rng.randrange(60), rng.randrange(60)


def next_in(t, periods, day_ok):
    """The first instant >= t inside one of the daily `periods` ((h, m, h, m), in order) of a day
    with day_ok(day)."""
    day = t.date()
    for _ in range(15):
        if day_ok(day):
            for h0, m0, h1, m1 in periods:
                start, end = at(day, h0, m0), at(day, h1, m1)
                if t < end:
                    return max(t, start)
        day += datetime.timedelta(days=1)
    raise AssertionError("no working period within 15 days of %s" % t)


# ---------------------------------------------------------------- who reports, when, how
# Sources: the ledger's label (what office sheets write, parsed by `ledger import`), the id prefix
# of the system the report comes from, and the datum its coordinates are in:
#   巡查 app on 网格通 (高德 SDK) GCJ-02; 12345 platform geocodes the caller's address on Baidu (BD-09);
#   WeChat 随手拍 mini program wx.getLocation (default wgs84, some pass type gcj02);
#   督查组 on the same app as the patrols (GCJ-02); 第三方暗访 photos' EXIF GPS (WGS-84).
SOURCES = {
    "inspection": ("人工巡查", "HY-XC"),
    "hotline": ("12345热线", "HY-RX"),
    "public": ("群众上报", "HY-SP"),
    "supervision": ("督查组", "HY-DC"),
    "unannounced": ("第三方暗访", "HY-AF"),
}
CRS_OF = {"inspection": {"gcj02": 95, "wgs84": 5}, "hotline": {"bd09": 1}, "public": {"wgs84": 60, "gcj02": 40},
          "supervision": {"gcj02": 1}, "unannounced": {"wgs84": 1}}
# Hours of the day by source ({hour: weight}); 露天烧烤 is found in the evening whoever reports it.
HOURS = {
    ("inspection", True): {7: 2, 8: 9, 9: 12, 10: 12, 11: 9, 12: 2, 14: 3, 15: 10, 16: 11, 17: 8, 18: 3, 19: 2, 20: 2},
    ("inspection", False): {8: 4, 9: 8, 10: 8, 11: 5, 15: 6, 16: 6, 17: 3, 19: 1},
    ("hotline", None): {0: 1, 6: 1, 7: 3, 8: 6, 9: 9, 10: 9, 11: 7, 12: 4, 13: 4, 14: 6, 15: 7, 16: 7, 17: 6,
                        18: 5, 19: 6, 20: 7, 21: 6, 22: 4, 23: 2},
    ("public", None): {7: 3, 8: 6, 9: 5, 10: 4, 11: 4, 12: 6, 13: 4, 14: 3, 15: 3, 16: 4, 17: 5, 18: 7, 19: 8,
                       20: 8, 21: 6, 22: 3},
    ("supervision", None): {9: 10, 10: 12, 11: 8, 15: 8, 16: 9},
    ("unannounced", None): {9: 6, 10: 8, 11: 6, 14: 3, 15: 6, 16: 6},
}
EVENING = {19: 3, 20: 5, 21: 6, 22: 4}
# 督查组 sweeps on Tuesdays, the third party's two unannounced visits on Thursdays: (day, reports).
SWEEPS = {"supervision": ((8, 26), (15, 24), (22, 27), (29, 22)), "unannounced": ((17, 21), (24, 19))}
# Where reports are made: county-seat 社区, town 社区, 村 (shares by source). Patrols and complaints
# follow people; the 创城 checks look at the county seat.
PLACES = {"inspection": (50, 18, 32), "hotline": (55, 15, 30), "public": (70, 15, 15),
          "supervision": (80, 20, 0), "unannounced": (100, 0, 0)}
# Complaints to the hotline are about what disturbs people.
HOTLINE_BOOST = {"06029": 3.0, "09009": 2.0, "09012": 2.0, "06010": 1.5, "08004": 2.0, "06042": 1.5}
DAYTIME_CHECKS = ("06029",)   # sweeps and visits are by day: no 露天烧烤 in their findings

# What a report says (描述), by category: the place is in its own column.
PROBLEMS = {
    "06001": ["沿街商户私自搭建彩钢棚", "居民在楼前空地违规搭建简易房", "门面房外私搭雨棚占用公共空间"],
    "06007": ["沿街护栏上晾晒衣物被褥", "临街窗外晾挂衣物", "行道树之间拉绳晾晒"],
    "06010": ["路边生活垃圾散落未清运", "绿化带内有暴露垃圾", "空地上堆有塑料袋等生活垃圾"],
    "06011": ["建筑垃圾渣土堆放多日未清理", "路边堆积装修垃圾", "空地积存渣土杂物"],
    "06012": ["路面泥土未清扫", "人行道纸屑烟头较多", "路面油污明显"],
    "06013": ["人行道地砖松动破损", "路面坑洼积水", "路缘石破损缺失"],
    "06029": ["夜间露天烧烤油烟扰民", "占道烧烤摊桌椅摆上人行道", "烧烤摊油烟直排"],
    "06036": ["乱堆杂物占用通道", "柴草杂物堆放占用路面", "楼道口堆放废旧家具"],
    "06041": ["垃圾桶内垃圾未分类投放", "分类垃圾桶混投混放"],
    "06042": ["垃圾桶满溢未及时清运", "垃圾箱满溢周边散落垃圾", "垃圾中转点满溢有异味"],
    "07001": ["电线杆上张贴非法小广告", "墙面喷涂小广告", "单元门口小广告较多"],
    "07003": ["擅自设置户外广告牌", "违规悬挂横幅", "门店外摆放落地广告牌"],
    "07006": ["店铺牌匾破损", "门头招牌字体缺失", "牌匾灯箱破损存在安全隐患"],
    "08004": ["工地未覆盖防尘网扬尘严重", "渣土车带泥上路", "工地出入口未冲洗车辆"],
    "08007": ["工地围挡破损倒伏", "施工围挡不连续", "围挡公益广告破损褪色"],
    "09001": ["流动摊贩沿街叫卖", "三轮车流动售卖水果", "游商聚集摆卖"],
    "09005": ["商户出店经营", "饭店门前摆放桌椅出店经营", "超市门前堆放货物"],
    "09006": ["流动摊贩占道经营", "水果摊占用人行道经营", "早点摊占道经营"],
    "09009": ["机动车占用人行道停放", "车辆逆向乱停放", "机动车占用盲道停放"],
    "09010": ["电动车乱停乱放", "非机动车停放无序占用人行道", "电动车堵塞单元出入口"],
    "09011": ["共享单车堆积", "共享单车倒伏占用盲道", "共享单车乱停占用车道"],
    "09012": ["车辆占用消防通道", "杂物堵塞消防通道", "消防通道被地锁占用"],
    "09020": ["农贸市场内摊位越线经营", "农贸市场地面脏乱", "市场外围马路市场"],
    "90001": ["积水容器孳生蚊虫", "垃圾堆蚊蝇孳生", "废旧轮胎积水孳生蚊虫"],
    "90002": ["发现鼠洞鼠迹", "餐馆后厨周边鼠迹明显", "垃圾房周边有鼠迹"],
}
# Texts a hotline operator writes that are in no category (属地兜底): located, no catalogue deadline.
UNCATALOGUED = (("井盖缺失", "人行道井盖缺失，存在安全隐患"), ("噪音扰民", "夜间商户音响噪音扰民"),
                ("绿化损毁", "绿化带苗木被踩踏损毁"))
# What the unit writes when it reports the fix (已整改).
FIXES = {
    "06001": ["违建已拆除", "已责令当事人自行拆除，现已拆除完毕"], "06007": ["已劝导收回晾晒物品"],
    "06010": ["垃圾已清运", "已组织保洁人员清理完毕"], "06011": ["渣土已清运完毕", "已清理并覆盖"],
    "06012": ["已安排清扫冲洗", "路面已清扫干净"], "06013": ["已修补完毕", "破损地砖已更换"],
    "06029": ["已劝离烧烤摊", "已责令收摊并清理现场"], "06036": ["杂物已清理", "已督促当事人清理完毕"],
    "06041": ["已二次分拣并入户宣传"], "06042": ["已清运，增加清运频次"],
    "07001": ["小广告已铲除", "已清理并涂刷"], "07003": ["广告牌已拆除", "横幅已拆除"],
    "07006": ["牌匾已修复", "已责令商户更换牌匾"], "08004": ["已覆盖防尘网并洒水降尘", "已责令整改，冲洗设施恢复使用"],
    "08007": ["围挡已修复", "已补齐围挡"], "09001": ["已劝离", "已引导至便民市场经营"],
    "09005": ["已劝导入店经营", "已清理店外物品"], "09006": ["已劝离摊贩，恢复通行", "已引导进入疏导点经营"],
    "09009": ["已贴单并拖离", "已联系车主挪走"], "09010": ["已整理归位", "已规范停放"],
    "09011": ["已通知运营企业清理调度"], "09012": ["已清理消防通道", "已联系车主挪车"],
    "09020": ["已规范市场秩序", "已组织市场保洁"], "90001": ["已清除积水并消杀"], "90002": ["已投放鼠药并封堵鼠洞"],
}
ACCEPT_NOTES = ["已签收，安排人员前往现场", "已接单，正在处置", "已到达现场，正在整改", "已联系当事人，限期整改"]
CHECK_NOTES = ["现场复核，整改到位", "复核合格", "经现场核查，已整改到位"]
CLOSE_NOTES = ["整改到位，予以销号", "销号", "复核合格销号"]
FAILED_NOTES = ["复核未通过：现场仍有残留，退回重新整改", "复核发现问题反弹，要求继续整改", "整改照片与现场不符，退回重新整改"]
REOPEN_NOTES = ["回头看发现问题反弹，重新交办", "回头看复查未整改到位，重新交办"]
REJECT_NOTES = ["经现场核实，不存在所报问题", "属私人院内，非公共区域问题", "现场核实无此问题，上报位置有误",
                "非本县网格化管理事项，退回"]
# Categories a village's grid worker fixes himself in the countryside; the rest go to departments.
TERRITORIAL = ("06010", "06011", "06012", "06036", "06007", "90001", "90002", "06041", "06042")
SQUADS = {"D01": "县城市管理局执法%s中队", "D21": "县环境卫生服务中心保洁%s队", "D06": "县交警大队%s中队"}
CENTRE = "县网格化服务管理中心"     # the command centre dispatches (派遣) and re-dispatches
NUMERALS = "一二三四五六"


# ---------------------------------------------------------------- the sample county
def load_county():
    def features(name):
        with open(os.path.join(HERE, name), encoding="utf-8") as f:
            return json.load(f)["features"]

    def rows(name):
        with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    towns = {f["properties"]["code"]: f["properties"] for f in features("townships.geojson")}
    villages = []
    for f in features("villages.geojson"):
        p = f["properties"]
        t = towns[p["township_code"]]
        g = gs.to_km(shape(f["geometry"]))
        cls = "village" if p["kind"] == "村" else ("seat" if t["kind"] == "街道" else "town")
        villages.append(dict(code=p["code"], name=p["name"], kind=p["kind"], town=t, cls=cls, geom=g, prep=prep(g)))
    streets = [(f["properties"]["name"], gs.to_km(shape(f["geometry"]))) for f in features("roads.geojson")
               if f["properties"]["name"] in gs.GRID_MAIN_NAMES + gs.GRID_MINOR_NAMES]
    insts = [(f["properties"]["name"], f["properties"]["type"], gs.to_km(shape(f["geometry"])))
             for f in features("institutions.geojson")]
    cats = {r["code"]: r for r in rows("categories.csv")}
    weights = {c[0]: (c[6], c[7]) for c in gs.CATEGORIES}
    assert sorted(cats) == sorted(weights), "categories.csv and generate_sample.CATEGORIES disagree"
    roster = rows("roster.csv")
    workers = collections.defaultdict(list)
    for r in roster:
        if r["kind"] == "grid_worker" and r["active"] == "1":
            workers[r["unit_code"]].append(r["name"])
    depts = {r["owner_id"]: r["name"] for r in roster if r["kind"] == "department"}
    # Household points by place class, each with the village it lies in (>= 3 m inside it).
    tree = STRtree([v["geom"] for v in villages], items=range(len(villages)))
    seat = prep(unary_union([v["geom"] for v in villages if v["cls"] == "seat"]))
    town = prep(unary_union([v["geom"] for v in villages if v["cls"] == "town"]))
    homes = {"seat": [], "town": [], "village": []}
    for f in features("households.geojson"):
        x, y = to_km(*f["geometry"]["coordinates"])
        p = Point(x, y)
        cls = "seat" if seat.contains(p) else "town" if town.contains(p) else "village"
        homes[cls].append((x, y, f["properties"]["households"] ** 0.6))
    for cls in homes:
        acc, total = [], 0.0
        for _, _, w in homes[cls]:
            total += w
            acc.append(total)
        homes[cls] = (homes[cls], acc)
    return dict(villages=villages, tree=tree, streets=streets, insts=insts, cats=cats, weights=weights,
                workers=workers, depts=depts, homes=homes, names={r["name"] for r in roster})


def village_at(county, x, y):
    p = Point(x, y)
    for i in county["tree"].query_items(p):
        if county["villages"][i]["prep"].contains(p):
            return county["villages"][i]
    return None


# ---------------------------------------------------------------- reports
COMPOUNDS = ["锦华", "阳光", "金色", "建业", "帝景", "书香", "龙湖", "嘉园", "华府", "和谐", "康馨", "盛世"]
SPOTS_TOWN = ["中心街", "集市", "汽车站旁", "十字路口", "商贸街", "政府路"]
SPOTS_CUN = ["村委会门口", "村东头", "村西头", "南路口", "北坑塘边", "小学门口", "文化广场", "主街两侧", "卫生室旁", "村口桥头"]


def place_text(rng, county, v, x, y):
    """地点描述 as a patrol or an operator writes it: a landmark, a street corner or number, a
    compound, a town street, or a village spot (township first: village names repeat)."""
    p = Point(x, y)
    near = min(county["insts"], key=lambda i: i[2].distance(p))
    if near[2].distance(p) < 0.08 and v["cls"] != "village":
        return near[0] + rng.choice(["门口", "周边", "东侧", "西侧", "南门", "北门"])
    if v["cls"] == "seat":
        by = sorted(county["streets"], key=lambda s: s[1].distance(p))
        if by[1][1].distance(p) < 0.12:
            return "%s与%s交叉口%s" % (by[0][0], by[1][0], rng.choice(["东北角", "东南角", "西北角", "西南角"]))
        if by[0][1].distance(p) < 0.08:
            return "%s%d号门前" % (by[0][0], rng.randint(1, 400))
        return v["name"] + rng.choice(COMPOUNDS) + rng.choice(["小区门口", "小区", "家园", "背街小巷"])
    if v["cls"] == "town":
        return v["town"]["name"] + rng.choice(SPOTS_TOWN)
    return v["town"]["name"] + v["name"] + rng.choice(SPOTS_CUN)


def draw_point(rng, county, cls):
    """A place where people are: a household point of the class, weighted by households^0.6,
    moved ~12 m (into the street) but kept in its village."""
    pts, acc = county["homes"][cls]
    hx, hy, _ = pts[bisect.bisect_left(acc, rng.random() * acc[-1])]
    v = village_at(county, hx, hy)
    for _ in range(10):
        x, y = rng.gauss(hx, 0.012), rng.gauss(hy, 0.012)
        if v["prep"].contains(Point(x, y)):
            return x, y, v
    return hx, hy, v


def draw_category(rng, county, source, cls):
    codes = sorted(county["cats"])
    w = [county["weights"][c][0 if cls != "village" else 1] for c in codes]
    if source == "hotline":
        w = [x * HOTLINE_BOOST.get(c, 1.0) for c, x in zip(codes, w)]
    if source in ("supervision", "unannounced"):
        w = [0 if c in DAYTIME_CHECKS else x for c, x in zip(codes, w)]
    return rng.choices(codes, w)[0]


def category_text(rng, county, source, code):
    """The app sends the code; hand-written sheets the name; the hotline its own words (别名)."""
    cat = county["cats"][code]
    if source == "inspection":
        return code
    if source == "hotline" and cat["aliases"]:
        return rng.choice(cat["aliases"].split("；"))
    return cat["name"]


def dispatch_time(rng, source, found):
    """派遣: the command centre (08:00-21:00 every day in the 创城 month) dispatches after checking;
    12345 hands over with its own delay; the third party's list arrives the next working morning."""
    every_day = lambda d: True
    if source == "unannounced":
        day = found.date() + datetime.timedelta(days=1)
        while not working_day(day):
            day += datetime.timedelta(days=1)
        return at(day, 9, rng.randrange(50), rng.randrange(60))
    lag = {"inspection": (3, 40), "public": (10, 90), "hotline": (30, 180), "supervision": (60, 180)}[source]
    t = found + datetime.timedelta(minutes=rng.uniform(*lag))
    opened = next_in(t, [(8, 0, 21, 0)], every_day)
    if opened != t:   # waited for the morning: the night's reports go out in the first hour
        opened += datetime.timedelta(minutes=rng.uniform(5, 50))
    return opened.replace(microsecond=0)


def reporter(rng, county, source, v, k):
    if source == "inspection":
        crew = county["workers"].get(v["code"])
        if crew and (v["cls"] == "village" or rng.random() < 0.6):
            return rng.choice(crew)
        return "城管巡查%s组" % NUMERALS[rng.randrange(6)]
    if source == "hotline":
        return "市民（来电尾号%04d）" % rng.randrange(10000)
    if source == "public":
        return rng.choice(["微信用户（尾号%04d）" % rng.randrange(10000), "市民%s先生" % rng.choice(gs.SURNAMES),
                           "市民%s女士" % rng.choice(gs.SURNAMES)])
    if source == "supervision":
        return "县创城督查组第%s组" % NUMERALS[k % 3]
    return "第三方测评机构"


def describe(rng, source, code, place):
    text = rng.choice(PROBLEMS[code])
    if source == "hotline":
        return "市民来电反映：%s%s，%s" % (place, text, rng.choice(["请相关部门处理。", "希望尽快解决。", "影响出行，请处理。"]))
    if source == "public":
        return text + rng.choice(["", "，影响通行", "，已持续多日", "，希望尽快处理"])
    return text


def photo_count(rng, source):
    return {"inspection": lambda: rng.choice((1, 1, 2, 2, 0)), "hotline": lambda: 1 if rng.random() < 0.1 else 0,
            "public": lambda: rng.choice((0, 1, 1, 2, 3)), "supervision": lambda: rng.choice((1, 2)),
            "unannounced": lambda: 2}[source]()


def report_times(rng):
    """(source, found time) of every first report of the month, by day and source."""
    out = []
    sweeps = {(s, d): n for s, days in SWEEPS.items() for d, n in days}
    for k in range(DAYS):
        day = FIRST_DAY + datetime.timedelta(days=k)
        wd = working_day(day)
        counts = {
            "inspection": max(0, round(rng.gauss(33, 4) if wd else rng.gauss(13, 3))),
            "hotline": max(0, round(rng.gauss(9 if wd else 10, 2.5))),
            "public": max(0, round(rng.gauss(5.5, 2) if wd else rng.gauss(8.5, 2.5))),
            "supervision": sweeps.get(("supervision", day.day), 0),
            "unannounced": sweeps.get(("unannounced", day.day), 0),
        }
        for source in SOURCES:
            for _ in range(counts[source]):
                out.append((source, day))
    return out


def make_reports(county):
    """First reports: source, time, place, category, text. Reports of one category are kept
    APART_M from each other, so none merges by accident."""
    rng = rng_for("reports")
    taken = collections.defaultdict(list)   # category -> [(x, y)] of every case's first report
    reports = []
    for source, day in report_times(rng):
        while True:
            cls = rng.choices(("seat", "town", "village"), PLACES[source])[0]
            x, y, v = draw_point(rng, county, cls)
            code = draw_category(rng, county, source, v["cls"])
            if all(math.hypot(x - a, y - b) * 1000 > APART_M for a, b in taken[code]):
                break
        taken[code].append((x, y))
        table = EVENING if code == "06029" else HOURS.get((source, working_day(day)), HOURS.get((source, None)))
        found = at(day, *hours_of(rng, table))
        reports.append(dict(source=source, found=found, x=x, y=y, v=v, code=code))
    return reports


def finish_report(rng, county, r, k):
    """The columns a report's row needs besides its id (place text, category text, datum...)."""
    place = place_text(rng, county, r["v"], r["x"], r["y"])
    r["place"] = place
    r["category"] = category_text(rng, county, r["source"], r["code"])
    r["description"] = describe(rng, r["source"], r["code"], place)
    r["reporter"] = reporter(rng, county, r["source"], r["v"], k)
    r["crs"] = rng.choices(sorted(CRS_OF[r["source"]]), [CRS_OF[r["source"]][c] for c in sorted(CRS_OF[r["source"]])])[0]
    r["dispatched"] = dispatch_time(rng, r["source"], r["found"])
    r["photos"] = photo_count(rng, r["source"])


def coordinates(r):
    lon, lat = gs.km_to_deg(r["x"], r["y"])
    lon, lat = {"gcj02": lambda a, b: (a, b), "wgs84": gs.gcj_to_wgs, "bd09": gs.gcj_to_bd}[r["crs"]](lon, lat)
    return "%.6f" % lon, "%.6f" % lat


# ---------------------------------------------------------------- what happens to a case
INSPECTOR_HOURS = [(8, 30, 12, 0), (14, 30, 18, 0)]
inspector_day = lambda d: d.weekday() < 6 and d not in DAYS_OFF   # Mon-Sat in the 创城 month


def lifecycle(rng, case, county, inspectors, dispatched, second_round=False):
    """The status changes of a case dispatched at `dispatched`, as (time, status, by, note,
    photos). Outcomes: rejected 4 %, never fixed 7 %, fixed late 11 %, on time 78 %; then a check
    by 创城办 (3 % fail and go back to 整改中), 销号, and now and then a 回头看 that reopens it."""
    code, hours = case["code"], int(county["cats"][case["code"]]["deadline_hours"])
    deadline = dispatched + datetime.timedelta(hours=hours)
    dept = county["cats"][code]["department"]
    if case["v"]["cls"] == "village" and code in TERRITORIAL and county["workers"].get(case["v"]["code"]):
        unit = rng.choice(county["workers"][case["v"]["code"]])          # the grid worker does it
    elif dept in SQUADS:
        unit = SQUADS[dept] % NUMERALS[rng.randrange(4)]
    else:
        unit = county["depts"][dept]
    pid = "{id}"                                     # the report's id, known once all are in
    outcome = rng.choices(("rejected", "never", "late", "on_time"), (0 if second_round else 4, 7, 11, 78))[0]
    events = []
    if outcome == "rejected":
        t = dispatched + datetime.timedelta(minutes=rng.uniform(20, 360))
        return [(t, "rejected", unit, rng.choice(REJECT_NOTES), "")], deadline
    t = dispatched
    if rng.random() < (0.6 if outcome == "never" else 0.75):     # the unit signs for it (整改中)
        t = t + datetime.timedelta(minutes=max(5.0, rng.uniform(0.03, 0.2) * hours * 60))
        if hours >= 24 and not 7 <= t.hour < 21:
            t = next_in(t, [(7, 30, 9, 0)], lambda d: True) + datetime.timedelta(minutes=rng.uniform(0, 30))
        events.append((t, "in_progress", unit, rng.choice(ACCEPT_NOTES), ""))
    if outcome == "never":
        return events, deadline
    if outcome == "on_time":
        fixed = dispatched + datetime.timedelta(hours=hours * rng.uniform(0.25, 0.95))
    else:
        fixed = deadline + datetime.timedelta(hours=hours * rng.uniform(0.1, 1.5) + rng.uniform(0.5, 6))
    if hours >= 24 and not 7 <= fixed.hour < 22:     # no night work on a job of days: next morning
        fixed = next_in(fixed, [(7, 30, 9, 0)], lambda d: True) + datetime.timedelta(minutes=rng.uniform(0, 60))
    fixed = max(fixed, t + 10 * MINUTE)
    events.append((fixed, "fixed", unit, rng.choice(FIXES[code]), "photos/2026-09/%s-fix-1.jpg" % pid))
    who = rng.choice(inspectors)
    check = next_in(fixed + datetime.timedelta(hours=rng.uniform(1, 26)), INSPECTOR_HOURS, inspector_day)
    if rng.random() < 0.03:                          # the check fails: back to 整改中, fixed again
        events.append((check, "in_progress", "创城办 " + who, rng.choice(FAILED_NOTES), ""))
        fixed = check + datetime.timedelta(hours=rng.uniform(2, 30))
        events.append((fixed, "fixed", unit, "已二次整改到位", "photos/2026-09/%s-fix-2.jpg" % pid))
        check = next_in(fixed + datetime.timedelta(hours=rng.uniform(1, 20)), INSPECTOR_HOURS, inspector_day)
    events.append((check, "checked", "创城办 " + who, rng.choice(CHECK_NOTES),
                   "photos/2026-09/%s-check-1.jpg" % pid if rng.random() < 0.5 else ""))
    if rng.random() < 0.6:                           # closed on the spot
        closed = check + datetime.timedelta(minutes=rng.uniform(2, 40))
    else:                                            # or in the evening's 销号 list
        closed = next_in(check + 90 * MINUTE, [(17, 30, 18, 0)], inspector_day) + datetime.timedelta(minutes=rng.uniform(0, 25))
    events.append((closed, "closed", "创城办 " + who, rng.choice(CLOSE_NOTES), ""))
    if not second_round and rng.random() < 0.02:     # 回头看 finds it back: reopened, dispatched again
        again = next_in(closed + datetime.timedelta(days=rng.uniform(3, 10)), INSPECTOR_HOURS, inspector_day)
        events.append((again, "reopened", "创城办回头看组 " + rng.choice(inspectors), rng.choice(REOPEN_NOTES),
                       "photos/2026-09/%s-recheck-1.jpg" % pid))
        redo = (again + datetime.timedelta(minutes=rng.uniform(10, 60))).replace(microsecond=0)
        events.append((redo, "dispatched", CENTRE, "重新派遣", ""))
        more, second_deadline = lifecycle(rng, case, county, inspectors, redo, second_round=True)
        events += more
        if redo < END:  # a re-dispatch after the month is not in the month's files
            deadline = second_deadline
    return [(e[0].replace(microsecond=0),) + e[1:] for e in events], deadline


def status_at_end(events):
    status = "dispatched"
    for e in events:
        if e[0] <= END:
            status = e[1]
    return status


# ---------------------------------------------------------------- the month
def make_month(county):
    reports = make_reports(county)
    rng = rng_for("lifecycles")
    names = rng_for("names")
    inspectors = []
    while len(inspectors) < 5:                      # 创城办 staff, not in the roster
        n = names.choice(gs.SURNAMES) + "".join(names.choice(gs.GIVEN) for _ in range(names.choice((1, 2, 2))))
        if n not in county["names"] and n not in inspectors:
            inspectors.append(n)
    reports.sort(key=lambda r: r["found"])
    for k, r in enumerate(reports):
        finish_report(rng, county, r, k)
        r["events"], r["deadline"] = lifecycle(rng, r, county, inspectors, r["dispatched"])
        r["expect"], r["first"] = "new_case", r

    # Duplicates (并案): 1-3 more reports of a case 10-40 m away, while it is still there (before its
    # first fix), often from another source.
    drng = rng_for("duplicates")
    eligible = []
    for r in reports:
        fixes = [e[0] for e in r["events"] if e[1] in ("fixed", "rejected")]
        window = (r["found"] + 40 * MINUTE, min(fixes[0] if fixes else END, END) - 10 * MINUTE)
        rejected = any(e[1] == "rejected" for e in r["events"])
        if window[1] - window[0] >= datetime.timedelta(minutes=90) and not rejected:
            eligible.append((r, window))
    dups = []
    for r, (w0, w1) in drng.sample(eligible, 68):
        for _ in range(drng.choices((1, 2, 3), (70, 22, 8))[0]):
            while True:
                d, b = drng.uniform(DUP_MIN_M, DUP_MAX_M) / 1000, drng.uniform(0, 2 * math.pi)
                x, y = r["x"] + d * math.cos(b), r["y"] + d * math.sin(b)
                if r["v"]["prep"].contains(Point(x, y)):
                    break
            source = drng.choices(("public", "hotline", "inspection"), (45, 35, 20))[0]
            found = (w0 + (w1 - w0) * drng.random()).replace(microsecond=0)
            dup = dict(source=source, found=found, x=x, y=y, v=r["v"], code=r["code"], expect="joins", first=r,
                       events=[], deadline=None)
            finish_report(drng, county, dup, len(dups))
            dups.append(dup)
    rows = sorted(reports + dups, key=lambda r: (r["found"], r["expect"]))

    # Real ids, per source in time order: HY-XC-00001...
    seq = collections.Counter()
    for r in rows:
        seq[r["source"]] += 1
        r["id"] = "%s-%05d" % (SOURCES[r["source"]][1], seq[r["source"]])

    # Oddities a real month has. Rows picked among single reports with no cluster, by source.
    orng = rng_for("oddities")
    clustered = {id(d["first"]) for d in dups}
    singles = lambda source: [r for r in rows if r["source"] == source and r["expect"] == "new_case"
                              and id(r) not in clustered and r["found"].day < 29]
    bad = {}
    bad["missing"] = orng.choice(singles("hotline"))       # 12345 could not geocode the address
    bad["swapped"] = orng.choice(singles("public"))        # lat and lon the wrong way round
    bad["bad_time"] = orng.choice(singles("supervision"))  # a hand-typed 09-31
    for kind, r in sorted(bad.items()):
        r["expect"], r["events"], r["bad"] = "reject", [], kind
    for (text, what), r in zip(UNCATALOGUED, orng.sample([r for r in singles("hotline") if "bad" not in r], 3)):
        r["category"], r["uncatalogued"] = text, True       # 属地兜底: no catalogue deadline, no updates
        r["description"] = "市民来电反映：%s%s，请相关部门处理。" % (r["place"], what)
        r["events"], r["deadline"] = [], None
    again = orng.choice([r for r in singles("public") if "bad" not in r])
    return rows, again, dups, inspectors


def report_row(r):
    lon, lat = coordinates(r)
    found = stamp(r["found"])
    bad = r.get("bad")
    if bad == "missing":
        lat = ""
    elif bad == "swapped":
        lon, lat = lat, lon
    elif bad == "bad_time":
        found = "2026-09-31" + found[10:]
    photos = ";".join("photos/2026-09/%s-%d.jpg" % (r["id"], k + 1) for k in range(r["photos"]))
    return [r["id"], SOURCES[r["source"]][0], found, stamp(r["dispatched"]), lon, lat, r["crs"], r["place"],
            r["category"], r["description"], r["reporter"], photos]


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_month(out, rows, again):
    reports = []
    for r in rows:
        reports.append(report_row(r))
        if r is again:                              # the app sent it twice: same id, skipped on import
            reports.append(report_row(r))
    write_csv(os.path.join(out, "ledger_reports.csv"),
              ["id", "source", "reported_at", "dispatched_at", "lon", "lat", "crs", "location", "category",
               "description", "reporter", "photos"], reports)
    updates = sorted(((e[0], r["id"]) + e[1:] for r in rows for e in r["events"] if e[0] <= END),
                     key=lambda u: (u[0], u[1]))
    write_csv(os.path.join(out, "ledger_updates.csv"), ["report", "status", "at", "by", "note", "photos"],
              [[u[1], u[2], stamp(u[0]), u[3], u[4], u[5].format(id=u[1])] for u in updates])
    expected = []
    for r in rows:
        first = r["first"]
        expected.append([r["id"], r["expect"], "" if r["expect"] == "reject" else first["id"],
                         "" if r["expect"] == "reject" else status_at_end(first["events"]),
                         stamp(first["deadline"]) if first["deadline"] and r["expect"] != "reject" else ""])
        if r is again:
            expected.append([r["id"], "repeat", first["id"], expected[-1][3], expected[-1][4]])
    write_csv(os.path.join(out, "ledger_expected.csv"), ["id", "expect", "case_report", "status", "deadline"],
              expected)
    return reports, updates, expected


def bd_to_gcj(lon, lat):
    k = math.pi * 3000.0 / 180.0
    x, y = lon - 0.0065, lat - 0.006
    z = math.hypot(x, y) - 0.00002 * math.sin(y * k)
    th = math.atan2(y, x) - 0.000003 * math.cos(x * k)
    return z * math.cos(th), z * math.sin(th)


def check_files(out, county):
    """Reads back the files just written and checks what the README promises, as the engine will
    see it: in EPSG:4547 from the written coordinates, each repeat report is 10-40 m from its case's
    first report and reports of different cases of one category are > 50 m apart (so 并案 merges
    exactly the clusters); every update is an allowed move from the case's status, in time order,
    after its dispatch and by the end of the month, and leaves the status ledger_expected.csv says."""
    def rows(name):
        with open(os.path.join(out, name), encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    expected = {}
    for e in rows("ledger_expected.csv"):
        expected.setdefault(e["id"], e)
    reports = rows("ledger_reports.csv")
    wgs = gs.osr.SpatialReference()
    wgs.ImportFromEPSG(4490)
    gk = gs.osr.SpatialReference()
    gk.ImportFromEPSG(4547)
    for s in (wgs, gk):
        s.SetAxisMappingStrategy(gs.osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_gk = gs.osr.CoordinateTransformation(wgs, gk)
    code_of = {}
    for c in county["cats"].values():
        for text in [c["code"], c["name"]] + [a for a in c["aliases"].split("；") if a]:
            code_of[text] = c["code"]
    when = datetime.datetime.fromisoformat
    by_cat, first_at, seen = collections.defaultdict(list), {}, set()
    for r in reports:
        e = expected[r["id"]]
        if r["id"] in seen or e["expect"] == "reject":
            continue
        seen.add(r["id"])
        assert when(r["reported_at"]) <= when(r["dispatched_at"]), r["id"]
        lon, lat = float(r["lon"]), float(r["lat"])
        lon, lat = {"gcj02": gs.gcj_to_wgs, "bd09": lambda a, b: gs.gcj_to_wgs(*bd_to_gcj(a, b)),
                    "wgs84": lambda a, b: (a, b)}[r["crs"]](lon, lat)
        x, y = to_gk.TransformPoint(lon, lat)[:2]
        by_cat[code_of.get(r["category"], r["category"])].append((e["case_report"], r["id"], x, y))
        if e["expect"] == "new_case":
            first_at[r["id"]] = (x, y)
    for cat, pts in by_cat.items():
        cases = collections.defaultdict(list)
        for case, rid, x, y in pts:
            cases[case].append((x, y))
        for case, pts_of_case in cases.items():
            fx, fy = first_at[case]
            for x, y in pts_of_case[1:]:
                assert DUP_MIN_M - 0.5 <= math.hypot(x - fx, y - fy) <= DUP_MAX_M + 0.5, (case, math.hypot(x - fx, y - fy))
        for i, (ca, _, xa, ya) in enumerate(pts):
            for cb, _, xb, yb in pts[i + 1:]:
                assert ca == cb or math.hypot(xa - xb, ya - yb) > 50.0 + 20.0, (ca, cb)
    allowed = {"dispatched": ("in_progress", "fixed", "rejected"), "in_progress": ("fixed",),
               "fixed": ("checked", "in_progress"), "checked": ("closed",), "closed": ("reopened",),
               "reopened": ("dispatched",)}
    status, last = {}, {r["id"]: when(r["dispatched_at"]) for r in reports if expected[r["id"]]["expect"] != "reject"}
    previous = None
    for u in rows("ledger_updates.csv"):
        k, t = u["report"], when(u["at"])
        assert expected[k]["expect"] == "new_case", u
        assert u["status"] in allowed.get(status.get(k, "dispatched"), ()), (u, status.get(k))
        assert t > last[k] and t <= END and (previous is None or t >= previous), u
        status[k], last[k], previous = u["status"], t, t
    for k, e in expected.items():
        assert e["expect"] != "new_case" or status.get(k, "dispatched") == e["status"], (k, e)


def summary(rows, reports, updates, expected, dups, inspectors):
    say = lambda *a: print(*a, file=sys.stderr)
    count = lambda items: ", ".join("%s %d" % kv for kv in sorted(collections.Counter(items).items()))
    say("reports %d rows (%d distinct ids); sources: %s" % (len(reports), len({r[0] for r in reports}),
        count(SOURCES[r["source"]][0] for r in rows)))
    say("crs: %s; places: %s" % (count(r["crs"] for r in rows), count(r["v"]["cls"] for r in rows)))
    say("expected: %s; clusters %d with %d repeat reports" % (count(e[1] for e in expected),
        len({id(d["first"]) for d in dups}), len(dups)))
    cases = [r for r in rows if r["expect"] == "new_case"]
    say("cases %d; status at 2026-09-30 24:00: %s" % (len(cases), count(status_at_end(r["events"]) for r in cases)))
    late = [r for r in cases if r["deadline"] and status_at_end(r["events"]) in ("dispatched", "in_progress", "reopened")
            and r["deadline"] < END]
    say("open and overdue at the end: %d; updates %d: %s" % (len(late), len(updates), count(u[2] for u in updates)))
    say("failed checks %d, reopened %d; 创城办 inspectors: %s" % (
        sum(1 for u in updates if u[2] == "in_progress" and u[3].startswith("创城办")),
        sum(1 for u in updates if u[2] == "reopened"), "、".join(inspectors)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=HERE, help="output folder (default: the script's folder)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    county = load_county()
    rows, again, dups, inspectors = make_month(county)
    reports, updates, expected = write_month(args.out, rows, again)
    check_files(args.out, county)
    summary(rows, reports, updates, expected, dups, inspectors)


if __name__ == "__main__":
    main()
