#!/usr/bin/env python3
"""Generate the synthetic Haishu sample input of the goal-attainment rollup.

Writes the CSV inputs of docs/reference.md into testdata/haishu/: enterprises,
sectors, production, investment, rd, region, milestones and targets. The data
is invented; only its shape, sectors and goals follow a 2020 district
newspaper report on Haishu district, Ningbo (testdata/README.md, "The report",
gives the figures taken from it).

Deterministic: one random.Random(2020), a fixed order of draws, "\\n" line
ends, UTF-8 (enterprises.csv with a leading BOM). Running it twice gives
byte-identical files.

After writing, the script reads its own files back with an independent,
minimal reading of the contract (validation, revisions, the few measures the
sample is designed for), checks that exactly the deliberate bad rows are
rejected with the intended reason, and prints the bad-row table, the revision
cases and the headline figures (all with line numbers; the header is line 1).

Usage: python3 testdata/generate_haishu.py
"""

import csv
import datetime
import math
import os
import random
import re
import sys
from fractions import Fraction

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "haishu")
rng = random.Random(2020)

YEARS = (2019, 2020)
MONTHS = [(y, m) for y in YEARS for m in range(1, 13)]

# Streets and towns of Haishu (the "district" cells of the sample).
DISTRICTS = ["西门街道", "江厦街道", "南门街道", "鼓楼街道", "白云街道", "段塘街道",
             "望春街道", "石碶街道", "高桥镇", "横街镇", "集士港镇", "古林镇"]
# Only a project lies here: a district known from investment.csv alone.
PROJECT_ONLY_DISTRICT = "鄞江镇"

MFG_PLACES = {"石碶街道": 20, "望春街道": 15, "高桥镇": 13, "集士港镇": 13, "古林镇": 12,
              "横街镇": 10, "段塘街道": 7, "白云街道": 5, "西门街道": 3, "南门街道": 1,
              "江厦街道": 1}
LOGISTICS_PLACES = {"石碶街道": 35, "高桥镇": 20, "古林镇": 15, "望春街道": 10,
                    "集士港镇": 10, "段塘街道": 10}
SERVICE_PLACES = {"鼓楼街道": 20, "西门街道": 20, "江厦街道": 16, "南门街道": 16,
                  "白云街道": 14, "段塘街道": 9, "望春街道": 5}

# Price index of value added (previous year = 100) and GDP, region ALL.
VA_INDEX_ALL = {2019: "101.6", 2020: "101.3"}
GDP_ALL = {2019: 11652300, 2020: 12031800}       # 万元, about 1,200 亿元

# Design goals (comparable-price, same-sample growth of above-scale VA, %).
VA_GROWTH_REAL_ALL = 0.065
VA_GROWTH_REAL_DIGITAL = 0.093
VA_GROWTH_REAL_SHIQI = 0.046
SHIQI = "石碶街道"
SHIQI_INDEX = "101.5"
MEDICAL_REVENUE_2020 = 1168000   # 万元; the report: about 110 亿元 in 2019
MEDICAL_EMPLOYEES_DEC_2020 = 6000
IND_INV_GROWTH = 0.106
HT_INV_GROWTH = 0.113
RD_GDP_RATIO = {2019: 0.0196, 2020: 0.0212}


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def pick_weighted(weights):
    """Draw a key of a {key: weight} dict (iteration order is fixed)."""
    total = sum(weights.values())
    x = rng.uniform(0, total)
    acc = 0
    for k, w in weights.items():
        acc += w
        if x <= acc:
            return k
    return k


def allocate(total, weights):
    """Split integer `total` over positive weights; the parts sum to `total`."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [math.floor(r) for r in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:rest]:
        parts[i] += 1
    return parts


def cents(x):
    return int(round(x * 100))


def fmt_amount(c, style="fixed"):
    """Format integer cents as a plain decimal; 'trim' drops trailing zeros."""
    sign = "-" if c < 0 else ""
    c = abs(c)
    s = "%s%d.%02d" % (sign, c // 100, c % 100)
    if style == "trim":
        s = s.rstrip("0").rstrip(".")
    return s


def csv_field(v, force=False):
    v = str(v)
    if force or any(ch in v for ch in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_line(fields, force_quote=()):
    return ",".join(csv_field(f, i in force_quote) for i, f in enumerate(fields))


class CsvOut:
    """Collects the lines of one file and knows each line's number."""

    def __init__(self, name, header, bom=False):
        self.name, self.bom = name, bom
        self.lines = [csv_line(header)]

    def add(self, fields=None, raw=None, force_quote=()):
        self.lines.append(raw if raw is not None else csv_line(fields, force_quote))
        return len(self.lines)          # 1-based line number of this record

    def blank(self):
        self.lines.append("")
        return len(self.lines)

    def write(self):
        path = os.path.join(OUT_DIR, self.name)
        data = "\n".join(self.lines) + "\n"
        assert "\r" not in data
        with open(path, "w", encoding="utf-8-sig" if self.bom else "utf-8", newline="") as f:
            f.write(data)


# --------------------------------------------------------------------------
# Unified social credit codes (GB 32100-2015), for the extra column only
# --------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_code_check(body):
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    s = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(body, weights))
    c = 11 - s % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


def credit_code(newer):
    if newer:
        body = "MA2" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(8))
    code17 = "91" + "330203" + body + org_code_check(body)
    s = sum(USCC_ALPHABET.index(ch) * pow(3, i, 31) for i, ch in enumerate(code17))
    return code17 + USCC_ALPHABET[(31 - s % 31) % 31]


# --------------------------------------------------------------------------
# Industries: category -> (GB/T 4754-2017 code, word used in names)
# --------------------------------------------------------------------------

CATEGORIES = {
    # name: (count of generated enterprises, [(code, word)], p(high-tech), places, median revenue)
    "textile": (16, [("1711", "纺织"), ("1713", "印染"), ("1721", "毛纺"), ("1751", "化纤织造"),
                     ("1752", "织造"), ("1762", "针织")], 0.35, MFG_PLACES, 9000),
    "apparel": (34, [("1810", "服饰"), ("1810", "服装"), ("1810", "制衣"), ("1820", "针织服饰"),
                     ("1830", "服饰配件"), ("1810", "时装")], 0.40, MFG_PLACES, 12000),
    "pharma": (14, [("2710", "化学原料药"), ("2720", "制药"), ("2720", "药业"), ("2730", "中药饮片"),
                    ("2740", "中药"), ("2761", "生物医药"), ("2770", "医用敷料")], 0.92, MFG_PLACES, 0),
    "medinst": (13, [("3581", "医疗设备"), ("3582", "口腔器材"), ("3584", "医疗器械"),
                     ("3586", "康复器材"), ("3589", "医疗科技")], 0.92, MFG_PLACES, 0),
    "auto": (28, [("3670", "汽车部件"), ("3670", "汽配"), ("3670", "汽车零部件"),
                  ("3670", "汽车电子"), ("3670", "车业")], 0.85, MFG_PLACES, 15000),
    "electronics": (22, [("3911", "计算机"), ("3973", "微电子"), ("3976", "光电"), ("3981", "电子元件"),
                         ("3982", "电路"), ("3983", "传感科技"), ("3985", "电子材料")], 0.92, MFG_PLACES, 10000),
    "telecom_equip": (5, [("3921", "通信设备"), ("3922", "通讯科技"), ("3921", "天线技术")],
                      0.92, MFG_PLACES, 9000),
    "telecom": (3, [("6311", "通信网络"), ("6312", "信息通信"), ("6319", "通信技术")],
                0.30, SERVICE_PLACES, 20000),
    "internet": (7, [("6429", "网络科技"), ("6432", "互联网科技"), ("6450", "数据服务"),
                     ("6490", "信息服务")], 0.70, SERVICE_PLACES, 5000),
    "iiot": (4, [("6431", "工业互联网科技"), ("6431", "智造云科技"), ("6431", "工业数据")],
             1.00, SERVICE_PLACES, 3500),
    "software": (26, [("6511", "软件"), ("6513", "信息技术"), ("6513", "软件技术"), ("6520", "芯片设计"),
                      ("6531", "智能科技"), ("6532", "物联科技"), ("6550", "数据科技")],
                 0.85, SERVICE_PLACES, 4500),
    "logistics": (14, [("5920", "仓储"), ("5930", "冷链物流"), ("5990", "供应链管理"),
                       ("6020", "速递"), ("6090", "物流")], 0.25, LOGISTICS_PLACES, 7000),
    "machinery": (34, [("3411", "锅炉"), ("3441", "泵业"), ("3443", "阀门"), ("3444", "液压"),
                       ("3446", "气动"), ("3451", "轴承"), ("3482", "紧固件"), ("3484", "精密机械"),
                       ("3489", "机械")], 0.75, MFG_PLACES, 9000),
    "electrical": (18, [("3811", "电机"), ("3823", "电气"), ("3831", "线缆"), ("3841", "新能源科技"),
                        ("3851", "电器"), ("3872", "照明电器")], 0.85, MFG_PLACES, 11000),
    "metal": (18, [("3311", "钢结构"), ("3331", "金属丝绳"), ("3351", "五金"), ("3360", "表面处理"),
                   ("3399", "金属制品")], 0.45, MFG_PLACES, 6000),
    "plastics": (11, [("2922", "塑业"), ("2927", "塑料制品"), ("2929", "塑胶"), ("2919", "橡塑")],
                 0.50, MFG_PLACES, 6000),
    "special_eq": (9, [("3525", "模具"), ("3512", "机电设备"), ("3542", "智能装备"),
                       ("3599", "自动化设备")], 0.80, MFG_PLACES, 6000),
    "other": (12, [("1399", "食品"), ("2110", "家具"), ("2411", "文具"), ("2439", "工艺品"),
                   ("2642", "油墨"), ("4190", "日用制品"), ("1952", "鞋业")], 0.30, MFG_PLACES, 5000),
    "research": (0, [], 1.0, SERVICE_PLACES, 0),
}

DIGITAL_PREFIXES = ("39", "63", "64", "65")
MEDICAL_PREFIXES = ("27", "358")

# VA growth 2020/2019 by category before calibration (nominal).
BASE_GROWTH = {"textile": -0.02, "apparel": 0.02, "pharma": 0.05, "medinst": 0.08, "auto": 0.05,
               "electronics": 0.11, "telecom_equip": 0.12, "telecom": 0.06, "internet": 0.13,
               "iiot": 0.18, "software": 0.12, "logistics": 0.09, "machinery": 0.06,
               "electrical": 0.09, "metal": 0.03, "plastics": 0.04, "special_eq": 0.07,
               "other": 0.02, "research": 0.10}
# 万元 of yearly revenue per employee.
PRODUCTIVITY = {"textile": 60, "apparel": 45, "auto": 90, "electronics": 100, "telecom_equip": 110,
                "telecom": 200, "internet": 90, "iiot": 70, "software": 60, "logistics": 120,
                "machinery": 85, "electrical": 110, "metal": 80, "plastics": 75, "special_eq": 80,
                "other": 55}

BRANDS = ("海天 甬达 博洋 华联 恒丰 金田 明州 四明 天一 月湖 三江 望海 永盛 宏泰 新光 嘉禾 瑞丰 汇通 "
          "华翔 东方 德昌 金海 信远 凯越 卓越 润和 康达 安信 兴业 鸿运 富达 锦华 久丰 立信 永新 科宁 "
          "海纳 博远 正源 恒泰 广源 金石 天成 联创 华宇 晶鑫 豪盛 思达 宝峰 海蓝 星河 锐科 智恒 甬泰 "
          "甬华 甬欣 甬金 甬盛 中瑞 中恒 圣达 达成 美联 美诺 长荣 长丰 银河 丰源 丰华 丰盛 宏达 宏远 "
          "宏盛 华鼎 华茂 华瑞 华盛 华泰 佳禾 佳源 佳信 嘉盛 嘉信 建新 江南 金达 金帆 金鹰 金港 锦泰 "
          "精工 精诚 聚源 凯达 凯盛 康源 科瑞 科达 力达 力盛 联盛 龙腾 隆源 茂源 明达 明光 南洋 宁丰 "
          "鹏程 普瑞 奇峰 强盛 荣鑫 瑞达 瑞祥 赛特 森达 尚品 盛达 盛源 顺达 泰和 腾达 天润 天祥 通达 "
          "万通 旺达 威达 伟业 文华 祥和 鑫达 鑫源 鑫泰 新丰 新诚 信达 兴达 兴隆 旭日 亚泰 耀华 伊华 "
          "一诺 益丰 银星 永达 裕华 元通 云海 振华 志诚 中天 众诚 卓远 子午 广博 博达 奥凯 安达 百川 "
          "大成 鼎盛 东升 方圆 飞达 富春 光华 海翔 海联 汉森 和信 恒远 华科 华晨 吉祥 樟溪 鄞西 "
          "甬江 望春 高桥 古林 集士 横溪 段塘 姚江 翠柏 南塘 天封 药行 冷静 灵桥 苍松").split()

# Names with an English part ("Co., Ltd." carries a comma, so they must be quoted).
COMMA_NAMES = {
    "electronics": "宁波欧达光电有限公司 (Ningbo Ouda Optoelectronics Co., Ltd.)",
    "medinst": "宁波德润医疗器械有限公司 (Ningbo Derun Medical Devices Co., Ltd.)",
    "apparel": "宁波美嘉服饰有限公司 (Ningbo Meijia Garments Co., Ltd.)",
    "auto": "宁波鑫泓汽车部件有限公司 (Ningbo Xinhong Auto Parts Co., Ltd.)",
    "machinery": "宁波凯斯特精密机械有限公司 (Ningbo Kaisite Precision Machinery Co., Ltd.)",
}
QUOTE_NAME = ("other", '宁波"甬上"文具有限公司')   # a doubled quote inside a quoted field

# --------------------------------------------------------------------------
# Enterprises
# --------------------------------------------------------------------------


class Ent:
    def __init__(self, eid, name, cat, code, district):
        self.id, self.name, self.cat, self.code, self.district = eid, name, cat, code, district
        self.window = ((2019, 1), (2020, 12))     # months it reports production
        self.scale = "always"                      # always | enter2020 | never
        self.ht_from = self.ht_to = ""
        self.level = ""
        self.r19 = self.r20 = 0.0                  # yearly revenue, 万元
        self.growth = 0.0
        self.negative_va = False
        self.bool_style = ("true", "false")
        self.amount_style = "fixed"
        self.quote_name = False
        self.extra_sectors = []
        self.credit = ""
        self.special = False                       # one of the companies named in the report

    def reports(self, y, m):
        return self.window[0] <= (y, m) <= self.window[1]

    def reports_year(self, y):
        return self.window[0][0] <= y <= self.window[1][0]

    @property
    def medical(self):
        return self.code.startswith(MEDICAL_PREFIXES) or "MEDICAL_HEALTH" in self.extra_sectors

    @property
    def digital(self):
        return self.code.startswith(DIGITAL_PREFIXES)


SPECIALS = [
    # id, name, category, code, district, revenue 2020 (万元)
    ("E0001", "雅戈尔服装制造有限公司", "apparel", "1810", "望春街道", 265000),
    ("E0002", "宁波太平鸟时尚服饰股份有限公司", "apparel", "1810", "段塘街道", 352000),
    ("E0003", "宁波立华制药有限公司", "pharma", "2720", "望春街道", 0),
    ("E0004", "宁波三生健康产业有限公司", "other", "1492", "石碶街道", 0),
    ("E0005", "宁波奥丞生物科技有限公司", "pharma", "2761", "望春街道", 0),
    ("E0006", "宁波帅特龙集团有限公司", "auto", "3670", "集士港镇", 126000),
    ("E0007", "宁波忻杰燃气用具实业有限公司", "machinery", "3443", "古林镇", 18500),
    ("E0008", "宁波亿林节水科技股份有限公司", "plastics", "2922", "高桥镇", 32000),
    ("E0009", "宁波三龙电气有限公司", "electrical", "3823", "石碶街道", 24500),
    ("E0010", "宁波利维能储能系统有限公司", "electrical", "3841", "望春街道", 38000),
    ("E0011", "宁波市智能制造技术研究院有限公司", "research", "7320", "西门街道", 0),
    ("E0012", "宁波工业互联网研究院有限公司", "software", "6513", "白云街道", 12600),
]
BAD_ENTERPRISE_SLOTS = {"E0151": "INVALID_DATE", "E0263": "OUT_OF_RANGE"}
N_SLOTS = 302


def build_enterprises():
    names = set()
    ents = []
    for eid, name, cat, code, district, _ in SPECIALS:
        e = Ent(eid, name, cat, code, district)
        e.special = True
        ents.append(e)
        names.add(name)
    # the generated enterprises, category by category, then shuffled into ids
    pool = []
    for cat, (count, codes, _, places, _) in CATEGORIES.items():
        for i in range(count):
            code, word = codes[i % len(codes)] if i < len(codes) else rng.choice(codes)
            pool.append((cat, code, word, pick_weighted(places)))
    rng.shuffle(pool)
    slots = [("E%04d" % i) for i in range(len(SPECIALS) + 1, N_SLOTS + 1)]
    slots = [s for s in slots if s not in BAD_ENTERPRISE_SLOTS]
    assert len(slots) == len(pool), (len(slots), len(pool))
    special_names = dict(COMMA_NAMES)
    special_names[QUOTE_NAME[0]] = QUOTE_NAME[1]
    # one enterprise each with a 3- or 2-digit code (GB/T 4754 group / division)
    short_codes = {"medinst": "358", "electronics": "39", "software": "65"}
    for eid, (cat, code, word, district) in zip(slots, pool):
        if cat in special_names:
            name = special_names.pop(cat)
            if cat == "other":
                code = "2411"
        else:
            while True:
                prefix = pick_weighted({"宁波": 80, "宁波市": 8, "宁波海曙": 12})
                suffix = pick_weighted({"有限公司": 85, "股份有限公司": 10, "科技有限公司": 5})
                if word.endswith("科技") and suffix == "科技有限公司":
                    suffix = "有限公司"
                name = prefix + rng.choice(BRANDS) + word + suffix
                if name not in names:
                    break
        if cat in short_codes:
            code = short_codes.pop(cat)
        names.add(name)
        ents.append(Ent(eid, name, cat, code, district))
    assert not special_names and not short_codes
    ents.sort(key=lambda e: e.id)
    return ents


def assign_roles(ents):
    by_id = {e.id: e for e in ents}
    for e in ents:
        e.credit = credit_code(newer=rng.random() < 0.35)
        r = rng.random()
        e.bool_style = (("true", "false") if r < 0.70 else ("1", "0") if r < 0.78 else
                        ("Y", "N") if r < 0.85 else ("是", "否") if r < 0.92 else
                        ("TRUE", "FALSE") if r < 0.96 else ("True", "False"))
        e.amount_style = "trim" if rng.random() < 0.10 else "fixed"
    by_id["E0004"].extra_sectors = ["MEDICAL_HEALTH"]
    by_id["E0011"].window = None                      # research institute: no production
    by_id["E0010"].window = ((2020, 1), (2020, 12))   # new plant in 2020

    def candidates(cats, exclude_medical=True, exclude_district=None):
        out = [e for e in ents if not e.special and e.cat in cats and e.window == ((2019, 1), (2020, 12))
               and e.scale == "always"]
        if exclude_medical:
            out = [e for e in out if not e.medical]
        if exclude_district:
            out = [e for e in out if e.district != exclude_district]
        return out

    # new in 2020 (start month), stopped in 2019 (last month)
    for cats, start in ((["iiot"], 4), (["electronics"], 7), (["logistics"], 3), (["machinery"], 6),
                        (["software"], 1)):
        e = rng.choice(candidates(cats))
        e.window = ((2020, start), (2020, 12))
    for cats, last in ((["metal"], 6), (["textile"], 9)):
        e = rng.choice(candidates(cats))
        e.window = ((2019, 1), (2019, last))
    # never above scale: small enterprises (two medical ones among them)
    never = []
    for cats in (["pharma"], ["medinst"], ["software"], ["software"], ["other"], ["metal"], ["metal"],
                 ["plastics"], ["textile"], ["apparel"], ["logistics"], ["special_eq"]):
        e = rng.choice(candidates(cats, exclude_medical=False, exclude_district=SHIQI))
        e.scale = "never"
        never.append(e)
    # above scale from 2020 on
    for cats in (["machinery"], ["auto"], ["software"], ["electronics"], ["textile"], ["plastics"],
                 ["internet"], ["electrical"]):
        e = rng.choice(candidates(cats))
        e.scale = "enter2020"
    # one textile firm with negative value added in February and March 2020
    e = rng.choice(candidates(["textile"]))
    e.negative_va = True
    # a few names quoted although they need not be
    for e in rng.sample([e for e in ents if "," not in e.name and '"' not in e.name], 5):
        e.quote_name = True
    return by_id


def assign_high_tech(ents, by_id):
    """High-tech certificates: 212 valid at 2020-12-31, 14 expiring in 2020, 4 before."""
    forced = {"E0001": "2018", "E0002": "2019", "E0003": "2018", "E0004": "2019", "E0005": "2019",
              "E0006": "2018", "E0007": "2019", "E0008": "2018", "E0009": "2019", "E0010": "2020",
              "E0011": "2019", "E0012": "2018"}
    counts = {"open": 5, "exp2020": 14, "expired": 4, "2018": 78, "2019": 80, "2020": 49}
    for v in forced.values():
        counts[v] -= 1
    scored = sorted((e for e in ents if e.id not in forced),
                    key=lambda e: -(CATEGORIES[e.cat][2] + rng.uniform(0, 0.6)))
    ht = scored[:sum(counts.values())]
    # new enterprises take 2020 certificates first
    status = {}
    for e in ht:
        if e.window and e.window[0][0] == 2020 and counts["2020"] > 0:
            status[e.id] = "2020"
            counts["2020"] -= 1
    rest = [s for s, n in counts.items() for _ in range(n)]
    rng.shuffle(rest)
    for e in ht:
        if e.id not in status:
            status[e.id] = rest.pop()
    status.update(forced)
    batches = {
        "open": [("2016-11-30", "")],
        "expired": [("2016-11-21", "2019-11-20")],
        "exp2020": [("2017-09-01", "2020-08-31"), ("2017-10-16", "2020-10-15"),
                    ("2017-11-13", "2020-11-12"), ("2017-12-15", "2020-12-14")],
        "2018": [("2018-11-27", "2021-11-26"), ("2018-11-30", "2021-11-29")],
        "2019": [("2019-12-04", "2022-12-03"), ("2019-11-28", "2022-11-27")],
        "2020": [("2020-12-01", "2023-11-30"), ("2020-09-16", "2023-09-15")],
    }
    for e in ents:
        s = status.get(e.id)
        if s == "2020":                  # most 2020 certificates are dated 2020-12-01
            e.ht_from, e.ht_to = batches[s][0] if rng.random() < 0.8 else batches[s][1]
        elif s:
            e.ht_from, e.ht_to = rng.choice(batches[s])
        if s:
            e.ht_status = s
        else:
            e.ht_status = None


def valid_at(e, day):
    return bool(e.ht_from) and e.ht_from <= day and (e.ht_to == "" or day <= e.ht_to)


def assign_rd_centres(ents, by_id):
    valid = [e for e in ents if valid_at(e, "2020-12-31")]
    by_id["E0003"].level = by_id["E0006"].level = "NATIONAL"
    for eid in ("E0007", "E0008", "E0009"):
        by_id[eid].level = "PROVINCIAL"
    weight = {"pharma": 1.0, "medinst": 0.9, "electronics": 0.9, "machinery": 0.7, "auto": 0.8,
              "electrical": 0.8, "software": 0.6, "telecom_equip": 0.8, "special_eq": 0.6}
    cand = sorted((e for e in valid if not e.level and e.scale != "never"),
                  key=lambda e: -(weight.get(e.cat, 0.3) + rng.uniform(0, 0.8)))
    for e in cand[:42]:
        e.level = "PROVINCIAL"
    others = [e for e in ents if not e.level and e.ht_from and e.scale != "never"]
    for e in rng.sample(others, 30):
        e.level = "MUNICIPAL"
    for e in ents:
        if not e.level and rng.random() < 0.3:
            e.level = "NONE"


# --------------------------------------------------------------------------
# Production: yearly totals, calibration, monthly values
# --------------------------------------------------------------------------

SEASON_2019 = [0.93, 0.66, 1.00, 0.99, 1.01, 1.04, 1.00, 0.99, 1.03, 1.02, 1.08, 1.22]
# 2020 = 2019 seasonality x a COVID shape (the yearly total is set separately)
COVID_SHAPE = [0.02, -0.35, -0.05, 0.05, 0.08, 0.09, 0.10, 0.10, 0.11, 0.11, 0.11, 0.11]
SEASON = {2019: SEASON_2019, 2020: [s * (1 + d) for s, d in zip(SEASON_2019, COVID_SHAPE)]}


def in_sample(e):
    """Same-sample set S of the full year 2020 (by design; see docs/reference.md, section 8)."""
    return e.window is not None and e.reports_year(2019) and e.reports_year(2020) and e.scale != "never"


def design_production(ents, by_id):
    special_rev = {eid: rev for eid, _, _, _, _, rev in SPECIALS}
    for e in ents:
        e.va_ratio = rng.uniform(0.20, 0.30)
        e.rev_per_output = rng.uniform(0.94, 1.06)
        e.growth = BASE_GROWTH[e.cat] + rng.gauss(0, 0.05)
        if e.scale == "enter2020":
            e.growth += 0.25
        if e.window is None:
            continue
        median = CATEGORIES[e.cat][4]
        if e.scale == "never":
            size = rng.uniform(400, 1800)
        elif e.scale == "enter2020":
            size = rng.uniform(1500, 1950)
        else:
            size = max(2300.0, median * math.exp(rng.gauss(0, 0.9))) if median else 0
        if special_rev.get(e.id):
            size = special_rev[e.id] / (1 + e.growth)
        e.r19 = size
        e.r20 = size * (1 + e.growth)
    # medical-health: fixed 2020 revenue and December employees
    medical = [e for e in ents if e.medical and e.window]
    fixed = {"E0004": 286000, "E0003": 154000, "E0005": 47000}
    fixed_emp = {"E0004": 880, "E0003": 650, "E0005": 290}
    smalls = [e for e in medical if e.scale == "never"]
    others = [e for e in medical if e.id not in fixed and e.scale != "never"]
    small_rev = {e.id: round(rng.uniform(900, 1500)) for e in smalls}
    left = MEDICAL_REVENUE_2020 - sum(fixed.values()) - sum(small_rev.values())
    weights = [math.exp(rng.gauss(0, 0.8)) for _ in others]
    shares = allocate(left, weights)
    for e in medical:
        e.growth = (0.06 if e.id in fixed else rng.uniform(0.0, 0.12)) + rng.gauss(0, 0.01)
    for e, s in zip(others, shares):
        fixed[e.id] = s
    fixed.update(small_rev)
    for e in medical:
        e.r20 = float(fixed[e.id])
        e.r19 = e.r20 / (1 + e.growth)
    small_emp = {e.id: rng.randint(12, 25) for e in smalls}
    emp_left = MEDICAL_EMPLOYEES_DEC_2020 - sum(fixed_emp.values()) - sum(small_emp.values())
    emp_shares = allocate(emp_left, [fixed[e.id] ** 0.8 * rng.uniform(0.8, 1.2) for e in others])
    fixed_emp.update(small_emp)
    fixed_emp.update({e.id: s for e, s in zip(others, emp_shares)})

    # calibrate the growth of value added (VA = revenue * k, k constant per enterprise)
    def k(e):
        return e.va_ratio / e.rev_per_output

    def shift(group, target, fixed_group):
        """Add one offset to the growth of `group` so that the same-sample
        nominal VA growth of group + fixed_group is `target`."""
        allg = group + fixed_group
        prev = sum(k(e) * e.r19 for e in allg)
        cur_fixed = sum(k(e) * e.r20 for e in fixed_group)
        cur_group = sum(k(e) * e.r19 * (1 + e.growth) for e in group)
        base = sum(k(e) * e.r19 for e in group)
        delta = ((1 + target) * prev - cur_fixed - cur_group) / base
        for e in group:
            e.growth += delta
            e.r20 = e.r19 * (1 + e.growth)
        return delta

    S = [e for e in ents if in_sample(e)]
    digital = [e for e in S if e.digital]
    shiqi_fixed = [e for e in S if e.district == SHIQI and (e.digital or e.medical or e.special)]
    shiqi = [e for e in S if e.district == SHIQI and e not in shiqi_fixed]
    rest = [e for e in S if not e.digital and not e.medical and not e.special and e.district != SHIQI]
    fixed_all = [e for e in S if e not in rest]
    d1 = shift(digital, (1 + VA_GROWTH_REAL_DIGITAL) * float(VA_INDEX_ALL[2020]) / 100 - 1, [])
    d2 = shift(shiqi, (1 + VA_GROWTH_REAL_SHIQI) * float(SHIQI_INDEX) / 100 - 1, shiqi_fixed)
    d3 = shift(rest, (1 + VA_GROWTH_REAL_ALL) * float(VA_INDEX_ALL[2020]) / 100 - 1, fixed_all)
    design_production.offsets = (d1, d2, d3)

    # employees
    for e in ents:
        if e.window is None:
            continue
        if e.medical:
            e.emp20 = fixed_emp[e.id]
            e.emp19 = max(5, round(e.emp20 / (1 + rng.gauss(0.02, 0.03))))
        else:
            prod = PRODUCTIVITY.get(e.cat, 80) * rng.uniform(0.7, 1.3)
            e.emp19 = max(6, round(e.r19 / prod))
            e.emp20 = max(6, round(e.emp19 * (1 + rng.gauss(0.01, 0.04))))


def monthly_values(e):
    """{(y, m): [above_scale, output, va, revenue, employees]} in cents / persons."""
    rows = {}
    for y in YEARS:
        months = [m for m in range(1, 13) if e.reports(y, m)]
        if not months:
            continue
        rev_y = e.r19 if y == 2019 else e.r20
        # a partial year reports its share of a full year's revenue
        w = [SEASON[y][m - 1] * (1 + rng.gauss(0, 0.04)) for m in months]
        full = sum(SEASON[y])
        rev_total = cents(rev_y * sum(SEASON[y][m - 1] for m in months) / full)
        va_total = cents(rev_y * sum(SEASON[y][m - 1] for m in months) / full
                         * e.va_ratio / e.rev_per_output)
        revs = allocate(rev_total, w)
        wv = [x * (1 + rng.gauss(0, 0.03)) for x in w]
        if e.negative_va and y == 2020:
            neg = {2: -cents(rng.uniform(30, 60)), 3: -cents(rng.uniform(5, 20))}
            pos_months = [m for m in months if m not in neg]
            vas_pos = allocate(va_total - sum(neg.values()),
                               [wv[months.index(m)] for m in pos_months])
            vas = [neg[m] if m in neg else vas_pos[pos_months.index(m)] for m in months]
        else:
            vas = allocate(va_total, wv)
        emp_y = e.emp19 if y == 2019 else e.emp20
        for i, m in enumerate(months):
            out = round(revs[i] / (e.rev_per_output * (1 + rng.gauss(0, 0.02))))
            if (y, m) == (2020, 12) and e.medical:
                emp = emp_y
            else:
                f = 0.95 if (y, m) == (2020, 2) else 0.98 if (y, m) == (2020, 3) else 1.0
                emp = max(1, round(emp_y * f * (1 + rng.gauss(0, 0.012))))
            above = e.scale == "always" or (e.scale == "enter2020" and y == 2020)
            rows[(y, m)] = [above, out, vas[i], revs[i], emp]
    return rows


# --------------------------------------------------------------------------
# Investment projects
# --------------------------------------------------------------------------

class Project:
    def __init__(self, pid, name, cat, code, district, ent, ht, tr, planned, start, end):
        self.id, self.name, self.cat, self.code = pid, name, cat, code
        self.district, self.ent, self.ht, self.tr = district, ent, ht, tr
        self.planned, self.start, self.end = planned, start, end
        self.planned_change = None          # (from (y, m), new planned_total)
        self.suspended = False
        self.bool_style = ("Y", "N")
        self.execution = None               # share of planned_total built over the life

    def planned_at(self, y, m):
        if self.planned_change and (y, m) >= self.planned_change[0]:
            return self.planned_change[1]
        return self.planned


def months_between(a, b):
    return (b[0] - a[0]) * 12 + b[1] - a[1] + 1


def add_months(a, n):
    t = a[0] * 12 + a[1] - 1 + n
    return (t // 12, t % 12 + 1)


def build_projects(ents, by_id):
    projects = []
    seq = {2017: 0, 2018: 0, 2019: 0, 2020: 0}

    def new_id(year):
        seq[year] += 1
        return "P%d%03d" % (year, seq[year])

    def ent_for(prefixes, exclude=()):
        cands = [e for e in ents if e.code.startswith(prefixes) and e.window and e.scale != "never"
                 and e.id not in exclude]
        return rng.choice(cands) if cands else None

    def industrial_district():
        return pick_weighted({d: w for d, w in MFG_PLACES.items() if w >= 5})

    def mk(year, name, cat, code, ent, ht, tr, planned, start, end, district=None):
        e = by_id[ent] if isinstance(ent, str) else ent
        p = Project(new_id(year), name, cat, code, district or (e.district if e else industrial_district()),
                    e.id if e else "", ht, tr, planned, start, end)
        r = rng.random()
        p.bool_style = ("Y", "N") if r < 0.6 else ("true", "false") if r < 0.85 else ("是", "否")
        projects.append(p)
        return p

    def rand_start(lo, hi):
        span = months_between(lo, hi)
        return add_months(lo, rng.randrange(span))

    # P2018: major industrial projects begun in 2018, going on into 2020
    p18 = [("雅戈尔西服智能工厂技改项目", "1810", "E0001", False, True),
           ("太平鸟智能工厂及供应链中台项目", "1810", "E0002", False, True),
           ("立华制药固体制剂新车间项目", "2720", "E0003", True, False),
           ("帅特龙汽车内饰件智能制造项目", "3670", "E0006", True, True),
           ("医用高值耗材产业化项目", "3584", ("358",), True, False),
           ("汽车座椅骨架生产线项目", "3670", ("3670",), True, False),
           ("新能源汽车电机壳体项目", "3670", ("3670",), True, True),
           ("高端液压件扩产项目", "3444", ("344",), True, False),
           ("精密轴承智能化改造项目", "3451", ("345", "348"), True, True),
           ("智能阀门产业园项目", "3443", "E0007", True, False),
           ("智能配电设备生产基地项目", "3823", "E0009", True, False),
           ("新型电线电缆项目", "3831", ("383", "38"), False, False),
           ("功能性面料印染提升项目", "1713", ("171", "175", "176"), False, True),
           ("节水灌溉管材扩能项目", "2922", "E0008", True, True)]
    for name, code, ent, ht, tr in p18:
        e = ent if isinstance(ent, str) else ent_for(ent)
        planned = rng.choice([6000, 8000, 12000, 15000, 20000, 26000, 32000, 45000])
        start = rand_start((2018, 1), (2018, 10))
        end = rand_start((2020, 4), (2021, 6))
        mk(2018, name, "INDUSTRIAL", code, e, ht, tr, planned, start, end)
    # P2017: major industrial projects begun in 2017 and finished during 2019
    for name, code, pref, ht in (("数控机床生产线项目", "3489", ("34",), True),
                                 ("不锈钢制品扩产项目", "3399", ("33",), False),
                                 ("汽车灯具生产线项目", "3670", ("3670",), True),
                                 ("高档面料织造项目", "1752", ("17",), False),
                                 ("医用导管生产线项目", "3584", ("358",), True),
                                 ("电子变压器扩产项目", "3821", ("382", "38"), True)):
        mk(2017, name, "INDUSTRIAL", code, ent_for(pref), ht, rng.random() < 0.5,
           rng.choice([9000, 14000, 22000, 30000]), rand_start((2017, 3), (2017, 12)),
           rand_start((2019, 6), (2019, 12)))
    susp = mk(2018, "精密模具产业化项目", "INDUSTRIAL", "3525", ent_for(("3525", "35")), False, False,
              9800, (2018, 5), (2020, 3))
    susp.suspended = True

    # P2019: the 23 digital-economy projects signed at the 2019 conference
    digital = [("集成电路封装测试项目", "3973", "INDUSTRIAL"), ("5G通信模组生产线项目", "3921", "INDUSTRIAL"),
               ("智能传感器产业化项目", "3983", "INDUSTRIAL"), ("新型显示器件项目", "3974", "INDUSTRIAL"),
               ("光电子器件生产基地项目", "3976", "INDUSTRIAL"), ("高端印制电路板项目", "3982", "INDUSTRIAL"),
               ("5G终端设备项目", "3922", "INDUSTRIAL"), ("电子专用材料项目", "3985", "INDUSTRIAL"),
               ("工控计算机整机项目", "3911", "INDUSTRIAL"), ("半导体照明器件项目", "3975", "INDUSTRIAL"),
               ("片式电子元件项目", "3981", "INDUSTRIAL"), ("物联网感知终端项目", "3989", "INDUSTRIAL"),
               ("工业软件研发中心项目", "6513", "OTHER"), ("集成电路设计产业园项目", "6520", "OTHER"),
               ("智慧城市系统集成项目", "6531", "OTHER"), ("物联网技术服务平台项目", "6532", "OTHER"),
               ("大数据处理与存储中心项目", "6550", "OTHER"), ("工业互联网平台项目", "6431", "OTHER"),
               ("新零售数字平台项目", "6432", "OTHER"), ("人工智能应用研发项目", "6429", "OTHER"),
               ("基础软件国产化项目", "6511", "OTHER"),
               ("5G基站建设工程", "6312", "INFRASTRUCTURE"), ("城市数据中心项目", "6450", "INFRASTRUCTURE")]
    units = allocate(6392 - 50 * len(digital), [math.exp(rng.gauss(0, 0.7)) for _ in digital])
    for (name, code, cat), u in zip(digital, units):
        planned = (50 + u) * 100
        e = ent_for((code[:2],)) if cat == "INDUSTRIAL" and rng.random() < 0.6 else None
        district = (e.district if e else industrial_district() if cat == "INDUSTRIAL"
                    else pick_weighted(SERVICE_PLACES))
        start = rand_start((2019, 4), (2020, 1))
        life = rng.randint(36, 60)
        p = mk(2019, name, cat, code, e, cat != "INFRASTRUCTURE" or code == "6450", False, planned,
               start, add_months(start, life), district)
        p.execution = rng.uniform(0.55, 0.8)     # signed amounts run ahead of what gets built
    # P2019: other major industrial projects, one with its plan revised across 5000
    p19 = [("生物医药中试基地项目", "2761", "E0005", True, False),
           ("医用防护用品扩产项目", "2770", ("277",), True, False),
           ("口腔数字化设备项目", "3582", ("358",), True, False),
           ("汽车安全气囊组件项目", "3670", ("3670",), False, False),
           ("储能电池系统生产线项目", "3841", "E0010", True, False),
           ("智能泵阀技改项目", "3441", ("344",), False, True),
           ("机器人减速器项目", "3484", ("348",), True, False),
           ("时尚女装智能生产线项目", "1810", ("181",), False, True),
           ("高分子材料制品项目", "2929", ("292",), False, False)]
    for name, code, ent, ht, tr in p19:
        e = ent if isinstance(ent, str) else ent_for(ent)
        mk(2019, name, "INDUSTRIAL", code, e, ht, tr,
           rng.choice([5500, 7000, 9000, 12000, 18000, 25000, 30000]),
           rand_start((2019, 2), (2019, 11)), rand_start((2020, 9), (2021, 12)))
    revised = mk(2019, "紧固件智能化技改项目", "INDUSTRIAL", "3482", ent_for(("3482", "348")), False, True,
                 4800, (2019, 8), (2021, 3))
    revised.planned_change = ((2020, 7), 5600)
    # P2020: new major industrial projects
    p20 = [("新冠检测试剂产业化项目", "2761", ("276",), True), ("医用口罩智能产线项目", "2770", ("277",), True),
           ("康复辅具生产基地项目", "3586", ("358",), True), ("汽车电子控制器项目", "3670", ("3670",), False),
           ("汽车轻量化部件项目", "3670", ("3670",), False), ("汽车线束智能工厂项目", "3670", ("3670",), False),
           ("服装柔性制造基地项目", "1810", ("18",), False), ("储能系统二期项目", "3841", "E0010", True),
           ("智能开关柜项目", "3823", ("382",), False), ("风电轴承项目", "3451", ("345",), False),
           ("精密零部件加工中心项目", "3484", ("348",), False), ("高端电路板二期项目", "3982", ("398",), True),
           ("光通信器件项目", "3976", ("397",), True), ("智能家电项目", "3851", ("385",), False),
           ("环保新材料项目", "2929", ("29",), False), ("高效节能电机项目", "3811", ("381",), True)]
    for name, code, ent, ht in p20:
        e = ent if isinstance(ent, str) else (ent_for(ent) if rng.random() < 0.6 else None)
        start = rand_start((2020, 3), (2020, 11))      # COVID delayed the 2020 starts
        mk(2020, name, "INDUSTRIAL", code, e, ht, rng.random() < 0.3,
           rng.choice([5000, 6000, 8000, 10000, 15000, 20000, 30000, 50000]), start,
           add_months(start, rng.randint(18, 36)))
    # small industrial projects (technical renovation, below 50 million yuan)
    for year, name, pref, code in ((2019, "印染废水处理技改项目", ("17",), "1713"),
                                   (2019, "服装吊挂系统技改项目", ("18",), "1810"),
                                   (2019, "五金冲压线技改项目", ("33",), "3399"),
                                   (2020, "针织设备更新项目", ("17",), "1762"),
                                   (2020, "机加工数字化车间项目", ("34",), "3484"),
                                   (2020, "汽配检测线智能化项目", ("3670",), "3670")):
        lo = (year, 1) if year == 2020 else (2019, 1)
        start = rand_start(lo, (year, 9))
        mk(year, name, "INDUSTRIAL", code, ent_for(pref), False, True,
           rng.choice([800, 1200, 1500, 2000, 3000, 4500]), start, add_months(start, rng.randint(6, 14)))
    # infrastructure, real estate, other
    for year, name, code, district in ((2018, "城区道路综合整治工程", "4813", "西门街道"),
                                       (2019, "鄞江古镇河道治理工程", "4822", PROJECT_ONLY_DISTRICT),
                                       (2019, "望春片区供水管网改造工程", "4821", "望春街道"),
                                       (2020, "集士港镇污水管网工程", "4852", "集士港镇"),
                                       (2020, "古林镇美丽乡村提升工程", "7850", "古林镇"),
                                       (2019, "段塘公园改造工程", "7850", "段塘街道")):
        start = rand_start((max(year, 2018), 1), (year, 8))
        mk(year, name, "INFRASTRUCTURE", code, None, False, False,
           rng.choice([8000, 12000, 20000, 35000]), start, add_months(start, rng.randint(18, 30)), district)
    for year, name, district in ((2018, "望春商住综合体项目", "望春街道"), (2019, "南门人才公寓项目", "南门街道"),
                                 (2020, "石碶城市综合体项目", SHIQI),
                                 (2020, "高桥新城住宅项目", "高桥镇")):
        start = rand_start((year, 1), (year, 9))
        mk(year, name, "REAL_ESTATE", "7010", None, False, False,
           rng.choice([60000, 90000, 150000, 210000]), start, add_months(start, rng.randint(24, 36)), district)
    for name, code in (("海曙软件园二期项目", "6513"), ("工业大数据服务平台项目", "6450")):
        start = rand_start((2018, 2), (2018, 8))
        mk(2018, name, "OTHER", code, None, True, False, rng.choice([18000, 24000]), start,
           rand_start((2020, 3), (2020, 9)), pick_weighted(SERVICE_PLACES))
    for year, name, code in ((2018, "智能物流分拨中心项目", "5920"), (2019, "冷链物流园项目", "5930"),
                             (2020, "快递智能分拣中心项目", "6020")):
        start = rand_start((year, 1), (year, 8))
        mk(year, name, "OTHER", code, ent_for((code[:3],)), False, False,
           rng.choice([6000, 9000, 15000]), start, add_months(start, rng.randint(18, 30)),
           pick_weighted(LOGISTICS_PLACES))
    return projects


COVID_INV = {1: 0.85, 2: 0.12, 3: 0.55, 4: 1.0, 5: 1.08, 6: 1.10, 7: 1.08, 8: 1.10,
             9: 1.12, 10: 1.12, 11: 1.15, 12: 1.25}


def design_investment(projects):
    """Monthly completed investment (cents) per project and month, calibrated."""
    values = {}
    for p in projects:
        life = months_between(p.start, p.end)
        total = p.planned_at(*p.end) * (p.execution or rng.uniform(0.85, 1.0))
        for t in range(life):
            y, m = add_months(p.start, t)
            if (y, m) < (2019, 1) or y > 2020:
                continue
            hump = 0.55 + 0.9 * math.sin(math.pi * (t + 0.5) / life)
            v = total / life * hump * (1 + rng.gauss(0, 0.12))
            if y == 2020:
                v *= COVID_INV[m]
            if p.suspended and y == 2020:
                v = 0
            if (y, m) == (2020, 2) and rng.random() < 0.3:
                v = 0                               # building sites closed
            values[(p.id, y, m)] = max(0.0, v)
        if p.suspended:
            for m in (1, 2, 3):
                values[(p.id, 2020, m)] = 0.0

    # calibrate 2020 by group: A industrial & high-tech, B industrial only, C high-tech only
    def grp(p):
        if p.cat == "INDUSTRIAL":
            return "A" if p.ht else "B"
        return "C" if p.ht else "X"

    by_id = {p.id: p for p in projects}
    sums = {(g, y): 0.0 for g in "ABCX" for y in YEARS}
    for (pid, y, m), v in values.items():
        sums[(grp(by_id[pid]), y)] += v
    k = {"A": (1 + HT_INV_GROWTH) * sums[("A", 2019)] / sums[("A", 2020)],
         "C": (1 + HT_INV_GROWTH) * sums[("C", 2019)] / sums[("C", 2020)], "X": 1.0}
    b20 = (1 + IND_INV_GROWTH) * (sums[("A", 2019)] + sums[("B", 2019)]) - k["A"] * sums[("A", 2020)]
    k["B"] = b20 / sums[("B", 2020)]
    design_investment.factors = k
    return {key: cents(v * (k[grp(by_id[key[0]])] if key[1] == 2020 else 1.0))
            for key, v in values.items()}


# --------------------------------------------------------------------------
# Writing the files
# --------------------------------------------------------------------------

EXPECTED = []          # (file, line, reason, note)
REVISIONS = []         # (file, key, [(line, role)], outcome)


def expect(file, line, reason, note):
    EXPECTED.append((file, line, reason, note))


def write_enterprises(ents):
    out = CsvOut("enterprises.csv", ["enterprise_id", "credit_code", "name", "industry_code", "district",
                                     "rd_center_level", "high_tech_from", "high_tech_to"], bom=True)
    bad = {
        "E0151": ("宁波华泰精密机械有限公司", "3484", "横街镇", "", "2019-11-31", "2022-11-30", "INVALID_DATE",
                  "high_tech_from 2019-11-31 is not a calendar date"),
        "E0263": ("宁波晶鑫电子科技有限公司", "3982", "高桥镇", "PROVINCIAL", "2020-12-01", "2017-11-30",
                  "OUT_OF_RANGE", "high_tech_to before high_tech_from (the two dates swapped)"),
    }
    rows = [(e.id, e) for e in ents] + [(eid, None) for eid in bad]
    for eid, e in sorted(rows, key=lambda r: r[0]):
        if e is None:
            name, code, district, level, f, t, reason, note = bad[eid]
            line = out.add([eid, credit_code(False), name, code, district, level, f, t])
            expect("enterprises.csv", line, reason, note + "; %s is used nowhere else" % eid)
            continue
        out.add([e.id, e.credit, e.name, e.code, e.district, e.level, e.ht_from, e.ht_to],
                force_quote=(2,) if e.quote_name else ())
    out.write()
    return out


SECTORS = [
    ("MEDICAL_HEALTH", "医疗健康", "INDUSTRY_PREFIX", "27"),
    ("MEDICAL_HEALTH", "医疗健康", "INDUSTRY_PREFIX", "358"),
    ("MEDICAL_HEALTH", "医疗健康", "ENTERPRISE", "E0004"),
    ("INDUSTRIAL_INTERNET", "工业互联网", "INDUSTRY_PREFIX", "6431"),
    ("INDUSTRIAL_INTERNET", "工业互联网", "ENTERPRISE", "E0001"),
    ("INDUSTRIAL_INTERNET", "工业互联网", "ENTERPRISE", "E0006"),
    ("INDUSTRIAL_INTERNET", "工业互联网", "ENTERPRISE", "E0011"),
    ("INDUSTRIAL_INTERNET", "工业互联网", "ENTERPRISE", "E0012"),
    ("FIVE_G", "5G+", "INDUSTRY_PREFIX", "392"),
    ("FIVE_G", "5G+", "ENTERPRISE", "E0001"),
    ("FIVE_G", "5G+", "ENTERPRISE", "E0004"),
    ("FIVE_G", "5G+", "ENTERPRISE", "E0006"),
    ("DIGITAL_ECONOMY", "数字经济", "INDUSTRY_PREFIX", "39"),
    ("DIGITAL_ECONOMY", "数字经济", "INDUSTRY_PREFIX", "63"),
    ("DIGITAL_ECONOMY", "数字经济", "INDUSTRY_PREFIX", "64"),
    ("DIGITAL_ECONOMY", "数字经济", "INDUSTRY_PREFIX", "65"),
    ("SMART_LOGISTICS", "智能物流", "INDUSTRY_PREFIX", "59"),
    ("SMART_LOGISTICS", "智能物流", "INDUSTRY_PREFIX", "60"),
    ("TEXTILE_APPAREL", "纺织服装", "INDUSTRY_PREFIX", "17"),
    ("TEXTILE_APPAREL", "纺织服装", "INDUSTRY_PREFIX", "18"),
    ("AUTO_PARTS", "汽车零部件", "INDUSTRY_PREFIX", "3670"),
    ("PHARMA", "医药", "INDUSTRY_PREFIX", "27"),
]


def write_sectors():
    out = CsvOut("sectors.csv", ["sector_id", "sector_name", "match_type", "match_value"])
    for row in SECTORS:
        out.add(row)
    out.write()
    return out


def write_production(ents, by_id):
    out = CsvOut("production.csv", ["enterprise_id", "year", "month", "above_scale", "output_value",
                                    "value_added", "revenue", "employees", "revision"])
    data = {e.id: monthly_values(e) for e in ents if e.window}

    def fields(e, y, m, vals, revision="", bool_text=None, style=None):
        above, out_v, va, rev, emp = vals
        st = style or e.amount_style
        b = bool_text if bool_text is not None else e.bool_style[0 if above else 1]
        return [e.id, y, m, b, fmt_amount(out_v, st), fmt_amount(va, st), fmt_amount(rev, st), emp, revision]

    # --- choose the special keys -----------------------------------------
    regular = [e for e in ents if e.window == ((2019, 1), (2020, 12)) and e.scale == "always"
               and not e.special and not e.negative_va and e.bool_style == ("true", "false")
               and e.amount_style == "fixed"]
    never = [e for e in ents if e.scale == "never" and not e.medical and e.window == ((2019, 1), (2020, 12))]
    used = set()

    def take(pool, pred=lambda e: True):
        e = rng.choice([x for x in pool if x.id not in used and pred(x)])
        used.add(e.id)
        return e

    # revision cases
    k1 = take(regular, lambda e: e.cat == "apparel")
    k2 = take([e for e in ents if e.medical and e.scale == "always" and not e.special
               and e.window == ((2019, 1), (2020, 12)) and e.bool_style == ("true", "false")])
    k3 = take(regular, lambda e: e.cat == "machinery")
    k4 = take(regular, lambda e: e.cat == "auto")
    kc = take(regular, lambda e: e.cat == "apparel")         # collapse
    kx = take(never)                                        # conflicting duplicate
    # bad rows replacing a designed row (small enterprises, never above scale)
    b_neg, b_short, b_missing = take(never), take(never), take(never)
    # bad rows added next to a designed row
    b_comma = take(regular, lambda e: data[e.id][(2019, 5)][3] >= 100000)
    b_bool = take(regular)
    b_m13 = take(regular)

    # the collapse key's output value is made expressible with one decimal
    data[kc.id][(2020, 6)][1] = data[kc.id][(2020, 6)][1] // 10 * 10

    revision_rows = []   # appended at the end as late corrections

    def wrong(vals, idx, factor):
        v = list(vals)
        v[idx] = int(v[idx] * factor)
        return v

    special_lines = {}

    for y in YEARS:
        if y == 2020:
            out.blank()                      # two monthly exports concatenated
        for m in range(1, 13):
            for e in ents:
                if not e.window or not e.reports(y, m):
                    continue
                vals = data[e.id][(y, m)]
                key = (e.id, y, m)
                if key == (k1.id, 2020, 3):
                    special_lines["k1_0"] = out.add(fields(e, y, m, wrong(vals, 2, 10)))
                elif key == (k2.id, 2020, 6):
                    special_lines["k2_0"] = out.add(fields(e, y, m, wrong(vals, 3, 0.1)))
                elif key == (k3.id, 2019, 11):
                    special_lines["k3_0"] = out.add(fields(e, y, m, wrong(wrong(vals, 2, 1.5), 4, 10)))
                elif key == (k4.id, 2020, 10):
                    special_lines["k4_0"] = out.add(fields(e, y, m, wrong(vals, 4, 2), revision="0"))
                elif key == (kc.id, 2020, 6):
                    special_lines["kc_0"] = out.add(fields(e, y, m, wrong(vals, 1, 1.2)))
                elif key == (kx.id, 2020, 5):
                    special_lines["kx_a"] = out.add(fields(e, y, m, vals))
                elif key == (b_neg.id, 2019, 8):
                    f = fields(e, y, m, vals)
                    f[6] = "-" + f[6]
                    line = out.add(f)
                    expect("production.csv", line, "OUT_OF_RANGE", "revenue %s is negative" % f[6])
                elif key == (b_short.id, 2020, 8):
                    f = fields(e, y, m, vals)
                    del f[7]                      # employees left out: 8 fields for 9 columns
                    line = out.add(f)
                    expect("production.csv", line, "MALFORMED_ROW", "8 fields, the header has 9")
                elif key == (b_missing.id, 2020, 4):
                    f = fields(e, y, m, vals)
                    f[7] = ""
                    line = out.add(f)
                    expect("production.csv", line, "MISSING_FIELD", "employees is empty")
                else:
                    out.add(fields(e, y, m, vals))
                if key == (b_comma.id, 2019, 5):
                    f = fields(e, y, m, vals)
                    c = vals[3]
                    f[6] = "{:,}.{:02d}".format(c // 100, c % 100)
                    line = out.add(f)
                    expect("production.csv", line, "INVALID_NUMBER",
                           'revenue "%s" has a thousands separator (resent row; the line before is valid)'
                           % f[6])
                if key == (b_bool.id, 2020, 9):
                    line = out.add(fields(e, y, m, vals, bool_text="maybe"))
                    expect("production.csv", line, "INVALID_CODE",
                           "above_scale is 'maybe' (resent row; the line before is valid, no conflict)")
                if key == (kx.id, 2020, 5):
                    v = list(vals)
                    v[3] += 2350
                    v[4] += 2
                    special_lines["kx_b"] = out.add(fields(e, y, m, v))
            if (y, m) == (2019, 12):
                vals = data[b_m13.id][(2019, 12)]
                line = out.add(fields(b_m13, 2019, 13, [vals[0], 12000, 2800, 12500, vals[4]]))
                expect("production.csv", line, "INVALID_CODE", "month 13 (a year-end adjustment row)")
            if (y, m) == (2020, 4):
                ghost = [True, 345600, 81200, 352000, 41]
                line = out.add(["E0371", 2020, 4, "true"] + [fmt_amount(x) for x in ghost[1:4]]
                               + [41, ""])
                expect("production.csv", line, "UNKNOWN_ENTERPRISE", "E0371 is not in the register")

    # late corrections
    v = data[k1.id][(2020, 3)]
    special_lines["k1_1"] = out.add(fields(k1, 2020, 3, v, revision="1"))
    v = data[k2.id][(2020, 6)]
    special_lines["k2_1"] = out.add(fields(k2, 2020, 6, v, revision="1"))
    v = data[k3.id][(2019, 11)]
    special_lines["k3_2"] = out.add(fields(k3, 2019, 11, v, revision="2"))
    special_lines["k3_1"] = out.add(fields(k3, 2019, 11, wrong(v, 2, 1.5), revision="1"))
    v = data[k4.id][(2020, 10)]
    special_lines["k4_1"] = out.add(fields(k4, 2020, 10, v, revision="1"))
    v = data[kc.id][(2020, 6)]
    special_lines["kc_1"] = out.add(fields(kc, 2020, 6, v, revision="1"))
    f = fields(kc, 2020, 6, v, revision="1", bool_text="Y")
    f[4] = "%d.%d" % (v[1] // 100, v[1] % 100 // 10)       # the same output value, one decimal
    special_lines["kc_2"] = out.add(f)
    out.write()

    L = special_lines
    REVISIONS.extend([
        ("production.csv", (k1.id, 2020, 3), [(L["k1_0"], "revision empty (0)"), (L["k1_1"], "revision 1")],
         "line %d superseded; line %d in force (value_added corrected)" % (L["k1_0"], L["k1_1"])),
        ("production.csv", (k2.id, 2020, 6), [(L["k2_0"], "revision empty (0)"), (L["k2_1"], "revision 1")],
         "line %d superseded; line %d in force (revenue corrected)" % (L["k2_0"], L["k2_1"])),
        ("production.csv", (k3.id, 2019, 11), [(L["k3_0"], "revision empty (0)"), (L["k3_2"], "revision 2"),
                                               (L["k3_1"], "revision 1")],
         "lines %d and %d superseded; line %d (revision 2, written before revision 1) in force"
         % (L["k3_0"], L["k3_1"], L["k3_2"])),
        ("production.csv", (k4.id, 2020, 10), [(L["k4_0"], "revision 0 written as 0"),
                                               (L["k4_1"], "revision 1")],
         "line %d superseded; line %d in force (employees corrected)" % (L["k4_0"], L["k4_1"])),
        ("production.csv", (kc.id, 2020, 6), [(L["kc_0"], "revision empty (0)"), (L["kc_1"], "revision 1"),
                                              (L["kc_2"], "revision 1, same values written differently")],
         "line %d superseded; lines %d and %d collapse into one (1 duplicate collapsed)"
         % (L["kc_0"], L["kc_1"], L["kc_2"])),
        ("production.csv", (kx.id, 2020, 5), [(L["kx_a"], "revision empty (0)"),
                                              (L["kx_b"], "revision empty (0), other revenue and employees")],
         "both rejected as CONFLICTING_DUPLICATE; the key has no value"),
    ])
    expect("production.csv", L["kx_a"], "CONFLICTING_DUPLICATE", "%s 2020-05, differs from line %d"
           % (kx.id, L["kx_b"]))
    expect("production.csv", L["kx_b"], "CONFLICTING_DUPLICATE", "%s 2020-05, differs from line %d"
           % (kx.id, L["kx_a"]))
    return out, data


def write_investment(projects, values):
    out = CsvOut("investment.csv", ["project_id", "project_name", "enterprise_id", "district", "industry_code",
                                    "year", "month", "category", "high_tech", "tech_renovation",
                                    "planned_total", "completed"])
    by_id = {p.id: p for p in projects}
    bad_all = next(p for p in projects if p.name == "城区道路综合整治工程")
    bad_cat = next(p for p in projects if p.name == "冷链物流园项目")
    bad_all_month = (2019, 9)
    bad_cat_month = next((y, m) for (pid, y, m) in sorted(values) if pid == bad_cat.id and y == 2020)
    for y, m in MONTHS:
        for p in projects:
            if (p.id, y, m) not in values:
                continue
            t, f = p.bool_style
            row = [p.id, p.name, p.ent, p.district, p.code, y, m, p.cat, t if p.ht else f,
                   t if p.tr else f, str(p.planned_at(y, m)), fmt_amount(values[(p.id, y, m)])]
            if p is bad_all and (y, m) == bad_all_month:
                row[3] = "ALL"
                line = out.add(row)
                expect("investment.csv", line, "INVALID_CODE", "district ALL is reserved (%s %d-%02d)"
                       % (p.id, y, m))
            elif p is bad_cat and (y, m) == bad_cat_month:
                row[7] = "其他"
                line = out.add(row)
                expect("investment.csv", line, "INVALID_CODE", "category 其他 is not a category code (%s)"
                       % p.id)
            else:
                out.add(row)
    out.write()
    return out


def design_rd(ents):
    rd = {}
    for e in ents:
        if e.window is None and e.id != "E0011":
            continue
        if e.id == "E0011":
            rd[(e.id, 2019)] = (680000, 138)
            rd[(e.id, 2020)] = (893000, 162)
            continue
        if e.ht_from:
            lo, hi = ((0.035, 0.065) if e.medical else (0.04, 0.08) if e.digital else (0.02, 0.035))
        elif e.level == "MUNICIPAL" or rng.random() < 0.25:
            lo, hi = 0.005, 0.02
        else:
            continue
        share = rng.uniform(lo, hi)
        for y in YEARS:
            if not e.reports_year(y):
                continue
            rev = e.r19 if y == 2019 else e.r20
            months = [m for m in range(1, 13) if e.reports(y, m)]
            rev *= sum(SEASON[y][m - 1] for m in months) / sum(SEASON[y])
            emp = e.emp19 if y == 2019 else e.emp20
            spend = rev * share * rng.uniform(0.95, 1.05)
            staff = min(round(spend / rng.uniform(20, 40)), round(emp * 0.25))   # 20-40 万元 a head
            rd[(e.id, y)] = (cents(spend), max(2, staff))
    return rd


def write_rd(ents, rd, by_id):
    out = CsvOut("rd.csv", ["enterprise_id", "year", "rd_expenditure", "rd_personnel"])
    small = sorted(k for k in rd if k[1] == 2019 and not by_id[k[0]].ht_from
                   and by_id[k[0]].window == ((2019, 1), (2020, 12)))
    bad_key = rng.choice(small)
    for y in YEARS:
        for e in ents:
            if (e.id, y) not in rd:
                continue
            spend, staff = rd[(e.id, y)]
            if (e.id, y) == bad_key:
                line = out.add([e.id, y, fmt_amount(spend), -staff])
                expect("rd.csv", line, "OUT_OF_RANGE", "rd_personnel %d is negative (2019, no goal uses it)"
                       % -staff)
            else:
                out.add([e.id, y, fmt_amount(spend), staff])
    out.write()
    return out, bad_key


def write_region(ents, rd, bad_rd_key):
    out = CsvOut("region.csv", ["district", "year", "gdp", "va_price_index", "other_rd_expenditure"])
    ent_rd = {}
    for (eid, y), (spend, _) in rd.items():
        if (eid, y) == bad_rd_key:
            continue
        d = next(e.district for e in ents if e.id == eid)
        ent_rd[("ALL", y)] = ent_rd.get(("ALL", y), 0) + spend
        ent_rd[(d, y)] = ent_rd.get((d, y), 0) + spend
    rows = []
    for y in YEARS:
        gdp = GDP_ALL[y] * 100
        other = round(RD_GDP_RATIO[y] * gdp) - ent_rd[("ALL", y)]
        assert other > 0, ("enterprise R&D too large", y, ent_rd[("ALL", y)], gdp)
        rows.append(("ALL", y, gdp, VA_INDEX_ALL[y], other))
    # districts: GDP grows 3.5%; other R&D fills the designed ratio (高桥镇 has none)
    design = [(SHIQI, {2019: "101.8", 2020: SHIQI_INDEX}, {2019: 0.021, 2020: 0.0235}, True),
              ("高桥镇", {2019: "", 2020: ""}, {2019: 0.016, 2020: None}, False),
              ("西门街道", {2019: "101.4", 2020: "101.1"}, {2019: 0.034, 2020: 0.036}, True)]
    for d, index, ratio, has_other in design:
        share = 0.75 if has_other else 1.0      # enterprises' part of the district's R&D in 2019
        gdp19 = round(ent_rd.get((d, 2019), 0) / share / ratio[2019] / 10000) * 10000
        for y, gdp in ((2019, gdp19), (2020, round(gdp19 * 1.035 / 10000) * 10000)):
            other = round(ratio[y] * gdp) - ent_rd.get((d, y), 0) if has_other else None
            assert other is None or other > 0, (d, y, other)
            rows.append((d, y, gdp, index[y], other))
    for d, y, gdp, index, other in rows:
        out.add([d, y, fmt_amount(gdp, "trim"), index, "" if other is None else fmt_amount(other)])
    out.write()
    return out


MILESTONES = [
    (2019, "DIGITAL_WORKSHOP", "E0003", "立华制药固体制剂数字化车间", "2019-10-18"),
    (2019, "DIGITAL_WORKSHOP", "E0006", "帅特龙汽车内饰件注塑数字化车间", "2019-10-18"),
    (2019, "SMART_FACTORY", "E0008", "亿林节水灌溉管材智能工厂", "2019-12-20"),
    (2019, "INDUSTRIAL_APP", "E0012", "SupOS工业操作系统设备管理APP", "2019-08-30"),
    (2019, "INDUSTRIAL_APP", "", "纺织印染能耗在线监测APP", "2019-11-15"),
    (2020, "INDUSTRIAL_APP", "E0011", "全自动平面口罩机产能统计与质量追溯APP", "2020-03-10"),
    (2020, "IIOT_5G_DEMO", "E0001", "雅戈尔5G制衣智能制造示范平台(联通5G, 边缘计算)", "2020-03-11"),
    (2020, "INDUSTRIAL_APP", "E0002", "太平鸟供应链智慧中台APP", "2020-06-30"),
    (2020, "INDUSTRIAL_APP", "", "汽配行业产品质量智能检测APP(研究院联合攻关)", "2020-07-15"),
    (2020, "IIOT_5G_DEMO", "E0004", "三生健康5G+工业互联网全流程智能运营项目", "2020-08-26"),
    (2020, "SMART_FACTORY", "E0002", "太平鸟智能工厂", "2020-09-25"),
    (2020, "INDUSTRIAL_APP", "E0012", "SupOS 3.0工业操作系统APP", "2020-09-28"),
    (2020, "DIGITAL_WORKSHOP", "E0010", "利维能储能电池自动化数字化车间", "2020-10-20"),
    (2020, "SMART_FACTORY", "E0001", "雅戈尔西服智能工厂", "2020-11-16"),
    (2020, "INDUSTRIAL_APP", "E0006", "帅特龙汽车内饰件视觉质检APP", "2020-11-20"),
    (2020, "INDUSTRIAL_APP", "E0007", "燃气具生产过程质量追溯APP", "2020-12-18"),
    (2020, "INDUSTRIAL_APP", "E0009", "配电设备远程运维APP", "2021-01-08"),
]


def write_milestones():
    out = CsvOut("milestones.csv", ["year", "kind", "enterprise_id", "title", "date"])
    for row in MILESTONES:
        out.add(row)
    out.write()
    return out


TARGETS = [
    ("value_added_growth", "", "", 2020, "AT_LEAST", "6", "", "规上工业增加值增长6%以上"),
    ("industrial_investment_growth", "", "", 2020, "AT_LEAST", "", "10", "工业投资增长力争达到10%"),
    ("rd_gdp_ratio", "", "", 2020, "AT_LEAST", "2.0", "", "确保R&D经费投入占GDP的比重达到2.0%"),
    ("high_tech_investment_growth", "", "", 2020, "ABOVE", "10", "", "高新技术产业投资同比增长10%以上"),
    ("high_tech_enterprise_count", "", "", 2020, "ABOVE", "200", "", "有效高新技术企业总数超过200家"),
    ("major_project_count", "", "", 2020, "AT_LEAST", "50", "", "推进50个5000万元以上重大工业投资项目"),
    ("milestones.SMART_FACTORY", "", "", 2020, "AT_LEAST", "2", "3", "力争申报2至3家智能工厂项目"),
    ("milestones.IIOT_5G_DEMO", "", "", 2020, "AT_LEAST", "1", "2", "力争打造1至2个5G+工业互联网创新应用示范项目"),
    ("milestones.INDUSTRIAL_APP", "", "", 2020, "AT_LEAST", "5", "", "培育5个以上优秀工业APP"),
    ("revenue", "MEDICAL_HEALTH", "", 2020, "AT_LEAST", "1100000", "", "大健康产业收入不低于110亿元(样例)"),
    ("value_added_growth", "DIGITAL_ECONOMY", "", 2020, "AT_LEAST", "8", "10", "数字经济核心产业增加值增长(样例)"),
    ("value_added_growth", "", SHIQI, 2020, "AT_LEAST", "7", "", "街道目标(样例)"),
    ("rd_gdp_ratio", "", "古林镇", 2020, "AT_LEAST", "2.0", "", "镇目标(样例; region.csv无该镇, 无数据)"),
    ("value_added_growth", "", "", 2021, "AT_LEAST", "6.5", "", "2021年目标(样例; 无2021年数据, 跳过)"),
]


def write_targets():
    out = CsvOut("targets.csv", ["indicator", "sector_id", "district", "year", "direction", "ensure", "strive",
                                 "source"])
    for row in TARGETS:
        out.add(row)
    out.write()
    return out


# --------------------------------------------------------------------------
# Reading back: an independent, minimal reading of the contract
# --------------------------------------------------------------------------

AMOUNT = re.compile(r"-?\d+(\.\d{1,2})?")
INTEGER = re.compile(r"-?\d+")
BOOLS = {"true": True, "1": True, "y": True, "是": True, "false": False, "0": False, "n": False, "否": False}
CODE = re.compile(r"[A-Z0-9_]+")
SPEC = {  # column: (kind, required)
    "enterprises.csv": [("enterprise_id", "id", 1), ("name", "text", 1), ("district", "district", 1),
                        ("industry_code", "industry", 1), ("high_tech_from", "date", 0),
                        ("high_tech_to", "date", 0), ("rd_center_level", "level", 0)],
    "sectors.csv": [("sector_id", "sector", 1), ("sector_name", "text", 1), ("match_type", "match", 1),
                    ("match_value", "text", 1)],
    "production.csv": [("enterprise_id", "id", 1), ("year", "int", 1), ("month", "month", 1),
                       ("above_scale", "bool", 1), ("output_value", "amount+", 1), ("value_added", "amount", 1),
                       ("revenue", "amount+", 1), ("employees", "count", 1)],
    "investment.csv": [("project_id", "id", 1), ("enterprise_id", "id", 0), ("district", "district", 1),
                       ("industry_code", "industry", 1), ("year", "int", 1), ("month", "month", 1),
                       ("category", "category", 1), ("high_tech", "bool", 1), ("tech_renovation", "bool", 1),
                       ("planned_total", "amount+", 1), ("completed", "amount+", 1)],
    "rd.csv": [("enterprise_id", "id", 1), ("year", "int", 1), ("rd_expenditure", "amount+", 1),
               ("rd_personnel", "count", 1)],
    "region.csv": [("district", "text", 1), ("year", "int", 1), ("gdp", "gdp", 1), ("va_price_index", "index", 0),
                   ("other_rd_expenditure", "amount+", 0)],
    "milestones.csv": [("year", "int", 1), ("kind", "kindcode", 1), ("enterprise_id", "id", 0),
                       ("title", "text", 1), ("date", "date", 1)],
    "targets.csv": [("indicator", "text", 1), ("sector_id", "text", 0), ("district", "text", 0),
                    ("year", "int", 1), ("direction", "direction", 1), ("ensure", "number", 0),
                    ("strive", "number", 0)],
}
KEYS = {"enterprises.csv": ("enterprise_id",), "production.csv": ("enterprise_id", "year", "month"),
        "investment.csv": ("project_id", "year", "month"), "rd.csv": ("enterprise_id", "year"),
        "region.csv": ("district", "year")}


def parse_value(kind, v):
    """Return (value, None) or (None, reason)."""
    if kind in ("id", "text"):
        return v, None
    if kind == "district":
        return (None, "INVALID_CODE") if v == "ALL" else (v, None)
    if kind == "industry":
        return (v, None) if re.fullmatch(r"\d{2,4}", v) else (None, "INVALID_CODE")
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return None, "INVALID_DATE"
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            return None, "INVALID_DATE"
        return v, None
    if kind == "level":
        return (v, None) if v in ("NONE", "MUNICIPAL", "PROVINCIAL", "NATIONAL") else (None, "INVALID_CODE")
    if kind == "sector":
        return (v, None) if CODE.fullmatch(v) and v != "ALL" else (None, "INVALID_CODE")
    if kind == "kindcode":
        return (v, None) if CODE.fullmatch(v) else (None, "INVALID_CODE")
    if kind == "match":
        return (v, None) if v in ("INDUSTRY_PREFIX", "ENTERPRISE") else (None, "INVALID_CODE")
    if kind == "category":
        return ((v, None) if v in ("INDUSTRIAL", "INFRASTRUCTURE", "REAL_ESTATE", "OTHER")
                else (None, "INVALID_CODE"))
    if kind == "direction":
        return (v, None) if v in ("AT_LEAST", "ABOVE", "AT_MOST", "BELOW") else (None, "INVALID_CODE")
    if kind == "bool":
        b = BOOLS.get(v.lower())
        return (b, None) if b is not None else (None, "INVALID_CODE")
    if kind in ("int", "month", "count"):
        if not INTEGER.fullmatch(v):
            return None, "INVALID_NUMBER"
        i = int(v)
        if kind == "month" and not 1 <= i <= 12:
            return None, "INVALID_CODE"
        if kind == "count" and i < 0:
            return None, "OUT_OF_RANGE"
        return i, None
    if kind in ("amount", "amount+", "gdp", "index", "number"):
        if not AMOUNT.fullmatch(v) and not (kind in ("index", "number")
                                            and re.fullmatch(r"-?\d+(\.\d+)?", v)):
            return None, "INVALID_NUMBER"
        x = Fraction(v)
        if (kind in ("amount+",) and x < 0) or (kind in ("gdp", "index") and x <= 0):
            return None, "OUT_OF_RANGE"
        return x, None
    raise ValueError(kind)


def read_back(name, register=None):
    """Validate and resolve revisions; return (in_force rows, rejects, stats)."""
    with open(os.path.join(OUT_DIR, name), "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    header = next(csv.reader([lines[0]], strict=True))
    col = {h: i for i, h in enumerate(header)}
    spec = SPEC[name]
    rejects, good = [], []
    data_rows = 0
    for n, line in enumerate(lines[1:], start=2):
        if line == "":
            continue
        data_rows += 1
        fields = next(csv.reader([line], strict=True))
        if len(fields) != len(header):
            rejects.append((n, "MALFORMED_ROW"))
            continue
        rec, reason = {"_line": n}, None
        for c, kind, req in spec:
            v = fields[col[c]] if c in col else ""
            if v == "":
                if req:
                    reason = "MISSING_FIELD"
                    break
                rec[c] = None
                continue
            val, reason = parse_value(kind, v)
            if reason:
                break
            rec[c] = val
        if not reason and "revision" in col:
            v = fields[col["revision"]]
            if v and not INTEGER.fullmatch(v):
                reason = "INVALID_NUMBER"
            rec["revision"] = int(v) if v and not reason else 0
        rec.setdefault("revision", 0)
        if not reason and name == "enterprises.csv" and rec["high_tech_from"] and rec["high_tech_to"] \
                and rec["high_tech_to"] < rec["high_tech_from"]:
            reason = "OUT_OF_RANGE"
        if not reason and register is not None and rec.get("enterprise_id") and name != "sectors.csv" \
                and rec["enterprise_id"] not in register:
            reason = "UNKNOWN_ENTERPRISE"
        if reason:
            rejects.append((n, reason))
        else:
            good.append(rec)
    stats = {"read": data_rows, "superseded": 0, "collapsed": 0}
    if name not in KEYS:
        return good, rejects, stats
    groups = {}
    for rec in good:
        groups.setdefault(tuple(rec[k] for k in KEYS[name]), []).append(rec)
    in_force = {}
    for key, recs in groups.items():
        top = max(r["revision"] for r in recs)
        tops = [r for r in recs if r["revision"] == top]
        stats["superseded"] += len(recs) - len(tops)
        # identical = same parsed values of the contract's columns (empty level = NONE)
        values = {tuple("NONE" if (c == "rd_center_level" and r[c] is None) else r[c] for c, _, _ in spec)
                  for r in tops}
        if len(values) > 1:
            rejects.extend((r["_line"], "CONFLICTING_DUPLICATE") for r in tops)
            continue
        stats["collapsed"] += len(tops) - 1
        in_force[key] = tops[0]
    return in_force, sorted(rejects), stats


# --------------------------------------------------------------------------
# The designed figures, computed from the files as written
# --------------------------------------------------------------------------

def headline():
    ents, rej_e, st_e = read_back("enterprises.csv")
    register = {k[0]: r for k, r in ents.items()}
    results = {"enterprises.csv": (rej_e, st_e)}
    sectors, rej_s, _ = read_back("sectors.csv")
    assert not rej_s
    prod, rej_p, st_p = read_back("production.csv", register)
    inv, rej_i, st_i = read_back("investment.csv", register)
    rd, rej_r, st_r = read_back("rd.csv", register)
    region, rej_g, _ = read_back("region.csv")
    miles, rej_m, _ = read_back("milestones.csv", register)
    targets, rej_t, _ = read_back("targets.csv")
    assert not (rej_g or rej_m or rej_t), (rej_g, rej_m, rej_t)
    results.update({"production.csv": (rej_p, st_p), "investment.csv": (rej_i, st_i), "rd.csv": (rej_r, st_r)})

    def ent_sectors(eid, code):
        out = {"ALL"}
        for s in sectors:
            if (s["match_type"] == "INDUSTRY_PREFIX" and code and code.startswith(s["match_value"])) or \
                    (s["match_type"] == "ENTERPRISE" and s["match_value"] == eid):
                out.add(s["sector_id"])
        return out

    def in_cell(eid, sector, district):
        e = register[eid]
        return sector in ent_sectors(eid, e["industry_code"]) and district in ("ALL", e["district"])

    def index_of(district, y):
        row = region.get((district, y)) or (None if district == "ALL" else region.get(("ALL", y)))
        if row is None:
            return Fraction(100)
        return row["va_price_index"] if row["va_price_index"] is not None else Fraction(100)

    def va_growth(sector, district, y, M=12):
        cur_recs = [r for r in prod.values() if r["year"] == y and r["month"] <= M
                    and in_cell(r["enterprise_id"], sector, district)]
        prev_recs = [r for r in prod.values() if r["year"] == y - 1 and r["month"] <= M
                     and in_cell(r["enterprise_id"], sector, district)]
        S = {r["enterprise_id"] for r in cur_recs if r["above_scale"]} & {r["enterprise_id"] for r in prev_recs}
        cur = sum(r["value_added"] for r in cur_recs if r["above_scale"] and r["enterprise_id"] in S)
        prev = sum(r["value_added"] for r in prev_recs if r["enterprise_id"] in S)
        if not S or prev <= 0:
            return None
        P = index_of(district, y)
        return float((cur / (P / 100) / prev - 1) * 100)

    def sum_prod(col, sector, district, y, M=12, month=None):
        return sum(r[col] for r in prod.values() if r["year"] == y and r["month"] <= M
                   and (month is None or r["month"] == month) and in_cell(r["enterprise_id"], sector, district))

    def inv_sum(pred, y, M=12):
        return sum(r["completed"] for r in inv.values() if r["year"] == y and r["month"] <= M and pred(r))

    def growth(a, b):
        return None if b <= 0 else float((Fraction(a) / b - 1) * 100)

    def major(y, M=12):
        latest = {}
        for r in sorted(inv.values(), key=lambda r: (r["year"], r["month"])):
            if (r["year"], r["month"]) <= (y, M):
                latest[r["project_id"]] = r
        done = {}
        for r in inv.values():
            if r["year"] == y and r["month"] <= M:
                done[r["project_id"]] = done.get(r["project_id"], 0) + r["completed"]
        return sum(1 for pid, r in latest.items() if r["category"] == "INDUSTRIAL"
                   and r["planned_total"] >= 5000 and done.get(pid, 0) > 0)

    def ht_count(day):
        return sum(1 for e in register.values() if e["high_tech_from"] and e["high_tech_from"] <= day
                   and (e["high_tech_to"] is None or day <= e["high_tech_to"]))

    def rd_ratio(district, y):
        row = region.get((district, y))
        if row is None:
            return None
        spend = sum(r["rd_expenditure"] for r in rd.values() if r["year"] == y
                    and district in ("ALL", register[r["enterprise_id"]]["district"]))
        return float((spend + (row["other_rd_expenditure"] or 0)) / row["gdp"] * 100)

    def milestones_count(kind, y, M=12):
        return sum(1 for r in miles if r["kind"] == kind and r["date"][:4] == str(y)
                   and int(r["date"][5:7]) <= M)

    ind = lambda r: r["category"] == "INDUSTRIAL"
    ht = lambda r: r["high_tech"]

    def cell_milestones(kind, sector, district, y, M=12):
        n = 0
        for r in miles:
            if r["kind"] != kind or r["date"][:4] != str(y) or int(r["date"][5:7]) > M:
                continue
            if r["enterprise_id"] is None:
                n += sector == "ALL" and district == "ALL"
            else:
                n += in_cell(r["enterprise_id"], sector, district)
        return n

    def measure(indicator, sector, district, y):
        """The actual of a target, for the indicators this sample's targets use."""
        everywhere = sector == "ALL" and district == "ALL"
        if indicator.startswith("milestones."):
            return cell_milestones(indicator.split(".", 1)[1], sector, district, y)
        if indicator == "value_added_growth":
            return va_growth(sector, district, y)
        if indicator == "revenue":
            return float(sum_prod("revenue", sector, district, y))
        if indicator == "rd_gdp_ratio":
            return rd_ratio(district, y) if sector == "ALL" else None
        if everywhere and indicator == "industrial_investment_growth":
            return growth(inv_sum(ind, y), inv_sum(ind, y - 1))
        if everywhere and indicator == "high_tech_investment_growth":
            return growth(inv_sum(ht, y), inv_sum(ht, y - 1))
        if everywhere and indicator == "high_tech_enterprise_count":
            return ht_count("%d-12-31" % y)
        if everywhere and indicator == "major_project_count":
            return major(y)
        raise NotImplementedError(indicator)

    def status(actual, direction, ensure, strive):
        met = {"AT_LEAST": lambda a, t: a >= t, "ABOVE": lambda a, t: a > t,
               "AT_MOST": lambda a, t: a <= t, "BELOW": lambda a, t: a < t}[direction]
        if actual is None:
            return "NO_DATA"
        if strive is not None and met(actual, strive):
            return "STRIVE_MET"
        if ensure is not None and met(actual, ensure):
            return "ENSURE_MET"
        return "NOT_MET"

    computed = {r["year"] for r in prod.values()}
    attainment = []
    for t in targets:
        sector, district = t["sector_id"] or "ALL", t["district"] or "ALL"
        if t["year"] not in computed:
            attainment.append((t, sector, district, None, "skipped (year not computed)"))
            continue
        actual = measure(t["indicator"], sector, district, t["year"])
        attainment.append((t, sector, district, actual, status(actual, t["direction"], t["ensure"], t["strive"])))

    de = [r for r in inv.values() if r["project_id"].startswith("P2019")
          and r["industry_code"].startswith(DIGITAL_PREFIXES)]
    de_planned = {}
    for r in sorted(de, key=lambda r: (r["year"], r["month"])):
        de_planned[r["project_id"]] = r["planned_total"]
    levels = [e["rd_center_level"] for e in register.values()]
    figures = [
        ("医疗健康 MEDICAL_HEALTH revenue 2020 (万元)", float(sum_prod("revenue", "MEDICAL_HEALTH", "ALL", 2020))),
        ("医疗健康 MEDICAL_HEALTH revenue 2019 (万元)", float(sum_prod("revenue", "MEDICAL_HEALTH", "ALL", 2019))),
        ("医疗健康 MEDICAL_HEALTH employees, December 2020",
         int(sum_prod("employees", "MEDICAL_HEALTH", "ALL", 2020, month=12))),
        ("high-tech enterprises valid at 2020-12-31", ht_count("2020-12-31")),
        ("high-tech enterprises valid at 2019-12-31", ht_count("2019-12-31")),
        ("high-tech enterprises valid at 2020-06-30", ht_count("2020-06-30")),
        ("PROVINCIAL / NATIONAL R&D centres", "%d / %d" % (levels.count("PROVINCIAL"), levels.count("NATIONAL"))),
        ("MUNICIPAL R&D centres", levels.count("MUNICIPAL")),
        ("major industrial projects (>= 5000 万元) 2020, full year", major(2020)),
        ("major industrial projects, --asOf=2020-06", major(2020, 6)),
        ("major industrial projects 2019", major(2019)),
        ("value_added_growth ALL/ALL 2020 (%, index 101.3)", va_growth("ALL", "ALL", 2020)),
        ("value_added_growth ALL/ALL Jan-Mar 2020 (%)", va_growth("ALL", "ALL", 2020, 3)),
        ("value_added_growth DIGITAL_ECONOMY 2020 (%)", va_growth("DIGITAL_ECONOMY", "ALL", 2020)),
        ("value_added_growth 石碶街道 2020 (%, index 101.5)", va_growth("ALL", SHIQI, 2020)),
        ("value_added_growth 高桥镇 2020 (%, empty index = 100)", va_growth("ALL", "高桥镇", 2020)),
        ("industrial_investment_growth 2020 (%)", growth(inv_sum(ind, 2020), inv_sum(ind, 2019))),
        ("high_tech_investment_growth 2020 (%)", growth(inv_sum(ht, 2020), inv_sum(ht, 2019))),
        ("rd_gdp_ratio ALL 2020 (%)", rd_ratio("ALL", 2020)),
        ("rd_gdp_ratio ALL 2019 (%)", rd_ratio("ALL", 2019)),
        ("rd_gdp_ratio 古林镇 2020 (no region row)", rd_ratio("古林镇", 2020)),
        ("milestones 2020 SMART_FACTORY / IIOT_5G_DEMO / INDUSTRIAL_APP",
         "%d / %d / %d" % tuple(milestones_count(k, 2020) for k in ("SMART_FACTORY", "IIOT_5G_DEMO",
                                                                    "INDUSTRIAL_APP"))),
        ("digital-economy projects registered 2019: count, planned total (万元)",
         "%d, %s" % (len(de_planned), float(sum(de_planned.values())))),
        ("investment projects", len({r["project_id"] for r in inv.values()})),
    ]
    return figures, results, attainment


# --------------------------------------------------------------------------
# Planted review cases (verification edits, README "Data review")
# --------------------------------------------------------------------------
#
# Accepted rows made implausible on purpose, so that the data review has something to flag.
# They are edited in place after the files are written: no line moves, no random draw is
# added, and every other byte of the files stays as it was. The enterprises are chosen so
# that no goal of targets.csv changes: none is above scale in a month whose value added
# changed (nothing here changes value added), none is in MEDICAL_HEALTH, and the R&D edit is
# in 2019, which has no goal.

PLANTED = []           # (rule_id, file, line, what was changed)


def _reformat(e, cents_value):
    """Format an amount in the enterprise's style (fixed two decimals or trailing zeros trimmed)."""
    return fmt_amount(cents_value, e.amount_style)


def _line_of(out, key, width=3):
    """The 1-based line of the in-force (revision empty) row whose first fields are key."""
    hits = [i for i, l in enumerate(out.lines) if l.split(",")[:width] == [str(k) for k in key]
            and l.split(",")[-1] == ""]
    assert len(hits) == 1, (out.name, key, hits)
    return hits[0] + 1


def _edit(out, line, column, value):
    fields = out.lines[line - 1].split(",")
    old = fields[column]
    fields[column] = value
    out.lines[line - 1] = ",".join(fields)
    return old


def plant_review_cases(prod, rd, by_id):
    # production.csv columns: 0 id, 1 year, 2 month, 3 above_scale, 4 output_value,
    # 5 value_added, 6 revenue, 7 employees, 8 revision; rd.csv: 0 id, 1 year, 2 rd_expenditure
    def amount_cents(text):
        return round(float(text) * 100)

    # 1. output value with a digit dropped: below the value added
    line = _line_of(prod, ("E0099", 2019, 4))
    old = prod.lines[line - 1].split(",")[4]
    new = _reformat(by_id["E0099"], amount_cents(old) // 10)
    _edit(prod, line, 4, new)
    PLANTED.append(("VA_ABOVE_OUTPUT", "production.csv", line,
                    "E0099 2019-04: output_value %s written as %s, below value_added" % (old, new)))
    # 2. revenue but no employees
    line = _line_of(prod, ("E0210", 2019, 7))
    old = _edit(prod, line, 7, "0")
    PLANTED.append(("REVENUE_WITHOUT_EMPLOYEES", "production.csv", line,
                    "E0210 2019-07: employees %s written as 0" % old))
    # 3. staff all year, revenue 0 in every month of 2019 (a never-above-scale firm without R&D)
    assert by_id["E0180"].scale == "never"
    lines = [_line_of(prod, ("E0180", 2019, m)) for m in range(1, 13)]
    for l in lines:
        _edit(prod, l, 6, _reformat(by_id["E0180"], 0))
    PLANTED.append(("EMPLOYEES_WITHOUT_REVENUE", "production.csv", lines[-1],
                    "E0180 2019: revenue written 0 in all 12 months (lines %d-%d); flagged once, on"
                    " December" % (lines[0], lines[-1])))
    # 4. above_scale false in December 2019 although 2019 revenue is over 2,000 万元
    line = _line_of(prod, ("E0206", 2019, 12))
    assert prod.lines[line - 1].split(",")[3] == "true"
    _edit(prod, line, 3, "false")
    PLANTED.append(("BELOW_SCALE_HIGH_REVENUE", "production.csv", line,
                    "E0206 2019-12: above_scale written false (revenue 2019 over 2,000)"))
    # 5. December 2020 revenue four times too high: a month-on-month and a year-on-year jump
    line = _line_of(prod, ("E0100", 2020, 12))
    old = prod.lines[line - 1].split(",")[6]
    new = _reformat(by_id["E0100"], amount_cents(old) * 4)
    _edit(prod, line, 6, new)
    PLANTED.append(("MONTH_ON_MONTH_JUMP, YEAR_ON_YEAR_JUMP", "production.csv", line,
                    "E0100 2020-12: revenue %s written as %s" % (old, new)))
    # 6. R&D expenditure over the year's revenue (2019 revenue of E0172: 419.16; the 427.48 added
    #    keeps rd_gdp_ratio ALL 2019 at 1.96%)
    line = next(i + 1 for i, l in enumerate(rd.lines) if l.startswith("E0172,2019,"))
    old = _edit(rd, line, 2, "430.00")
    PLANTED.append(("RD_ABOVE_REVENUE", "rd.csv", line,
                    "E0172 2019: rd_expenditure %s written as 430.00, over its revenue" % old))
    prod.write()
    rd.write()


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    ents = build_enterprises()
    by_id = assign_roles(ents)
    assign_high_tech(ents, by_id)
    assign_rd_centres(ents, by_id)
    design_production(ents, by_id)
    projects = build_projects(ents, by_id)
    inv_values = design_investment(projects)
    rd = design_rd(ents)

    files = [write_enterprises(ents), write_sectors()]
    prod_out, _ = write_production(ents, by_id)
    files.append(prod_out)
    files.append(write_investment(projects, inv_values))
    rd_out, bad_rd = write_rd(ents, rd, by_id)
    plant_review_cases(prod_out, rd_out, by_id)
    files.append(rd_out)
    files += [write_region(ents, rd, bad_rd), write_milestones(), write_targets()]

    figures, results, attainment = headline()

    # the rejects found on reading back must be exactly the designed ones
    found = sorted((f, n, r) for f, (rej, _) in results.items() for n, r in rej)
    designed = sorted((f, n, r) for f, n, r, _ in EXPECTED)
    if found != designed:
        print("MISMATCH\nfound:   %s\ndesigned: %s" % (found, designed), file=sys.stderr)
        sys.exit(1)

    print("Files written to %s" % OUT_DIR)
    print("\n| file | lines | data rows | rejected | share |")
    print("|---|---|---|---|---|")
    for f in files:
        rows = sum(1 for x in f.lines[1:] if x != "")
        nrej = sum(1 for e in EXPECTED if e[0] == f.name)
        print("| %s | %d | %d | %d | %.2f%% |" % (f.name, len(f.lines), rows, nrej, 100.0 * nrej / rows))
        assert nrej / rows < 0.05
    print("\nBad rows (header = line 1):\n\n| file | line | expected reason | what is wrong |")
    print("|---|---|---|---|")
    for f, n, r, note in sorted(EXPECTED, key=lambda e: (e[0], e[1])):
        print("| %s | %d | %s | %s |" % (f, n, r, note))
    print("\nRevision cases:\n\n| file | key | lines | expected outcome |\n|---|---|---|---|")
    for f, key, lines, outcome in REVISIONS:
        print("| %s | %s %d-%02d | %s | %s |" % (f, key[0], key[1], key[2],
                                                "; ".join("%d (%s)" % x for x in lines), outcome))
    print("\nPlanted review cases (accepted rows; line = where the flag points):\n")
    print("| rule | file | line | what was changed |\n|---|---|---|---|")
    for rule, f, n, note in PLANTED:
        print("| %s | %s | %d | %s |" % (rule, f, n, note))
    st = results["production.csv"][1]
    print("\nproduction.csv: %d data rows, %d superseded, %d collapsed" % (st["read"], st["superseded"],
                                                                         st["collapsed"]))
    print("\nEnterprise roles:\n")
    roles = [
        ("new in 2020 (first month)", ["%s (%d-%02d)" % ((e.id,) + e.window[0]) for e in ents
                                       if e.window and e.window[0][0] == 2020]),
        ("stopped during 2019 (last month)", ["%s (%d-%02d)" % ((e.id,) + e.window[1]) for e in ents
                                              if e.window and e.window[1][0] == 2019]),
        ("no production at all", [e.id for e in ents if not e.window]),
        ("above scale from 2020 on", [e.id for e in ents if e.scale == "enter2020"]),
        ("never above scale", [e.id for e in ents if e.scale == "never"]),
        ("negative value added (2020-02, 2020-03)", [e.id for e in ents if e.negative_va]),
        ("high-tech, open-ended (no high_tech_to)", [e.id for e in ents if e.ht_status == "open"]),
        ("high-tech, expired during 2020", [e.id for e in ents if e.ht_status == "exp2020"]),
        ("industry code of 2 or 3 digits", ["%s (%s)" % (e.id, e.code) for e in ents if len(e.code) < 4]),
        ("name quoted (comma, doubled quote, or needlessly)",
         [e.id for e in ents if e.quote_name or "," in e.name or '"' in e.name]),
    ]
    for label, ids in roles:
        print("- %s: %s" % (label, ", ".join(ids)))
    print("\nDesigned-for figures (from the files as written):\n\n| figure | value |\n|---|---|")
    for label, v in figures:
        print("| %s | %s |" % (label, ("%.2f" % v) if isinstance(v, float) else v))
    print("\nExpected attainment (targets.csv, full years):\n")
    print("| line | indicator | sector_id | district | year | direction | ensure | strive | actual | status |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    num = lambda x: "" if x is None else (str(int(x)) if x == int(x) else str(float(x)))
    for t, sector, district, actual, st in attainment:
        print("| %d | %s | %s | %s | %d | %s | %s | %s | %s | %s |" % (
            t["_line"], t["indicator"], sector, district, t["year"], t["direction"], num(t["ensure"]),
            num(t["strive"]), "null" if actual is None else ("%.3f" % actual if isinstance(actual, float)
                                                           else actual), st))
    print("\ncalibration: VA growth offsets %s, investment 2020 factors %s" % (
        tuple(round(x, 4) for x in design_production.offsets),
        {k: round(v, 3) for k, v in design_investment.factors.items()}))


if __name__ == "__main__":
    main()
