#!/usr/bin/env python3
"""Generate valid, realistic rollup inputs (CONTRACT.md section 2) at any scale.

    python3 bench/generate.py --enterprises=40000 --out=/tmp/bench/40k

Writes the eight contract files (enterprises, sectors, production, investment,
rd, region, milestones, targets) and `_generator.json` (the options, the data
rows per file and the bad rows written, by expected reject reason) into --out.
The rollup ignores extra files in its input folder.

What the data looks like (bench/README.md has the details):
- N enterprises in D districts of uneven size (Chinese names), GB/T 4754-2017
  codes mostly of manufacturing; high-tech certificates, R&D centre levels.
- One production row per enterprise and month of every year, written as
  monthly exports (all enterprises of 2019-01, then 2019-02, ...); some
  enterprises start late, stop early or never report; a seasonal profile with
  the Spring Festival dip (and the COVID dip in February/March 2020).
- Investment projects (about 8 per 100 enterprises) reporting every month they
  are active, from the year before the first year on.
- R&D by year, region rows (GDP, price index, other R&D), milestones, and
  targets for the last year (and one for the year after: skipped).
- A share of rejected rows (--bad-share, every reason code of the contract),
  corrections with a higher revision and resent duplicates. sectors.csv and
  targets.csv are fully valid (a bad row there fails the run).

Every bad row has exactly one fault, chosen so that a plain SQL validation
(regular expressions, casts, the register lookup, the revision rule) finds the
same reason as the rollup; malformed rows have a wrong field count.

Deterministic: everything is drawn from one random.Random(--seed) in a fixed
order, lines end with \\n, so the same options give byte-identical files.
Standard library only (Python 3.11). Speed: about 10M production rows in a few
minutes on one core.
"""

import argparse
import bisect
import datetime
import hashlib
import json
import math
import os
import random
import sys
import time

# ---------------------------------------------------------------------------
# Fixed vocabulary
# ---------------------------------------------------------------------------

# GB/T 4754-2017 divisions: (division, weight, word used in names).
DIVISIONS = [
    ("13", 3, "食品"), ("14", 2, "食品"), ("15", 1, "饮料"), ("17", 5, "纺织"), ("18", 4, "服饰"),
    ("19", 2, "皮革"), ("20", 2, "木业"), ("21", 2, "家具"), ("22", 2, "纸业"), ("23", 1, "印务"),
    ("24", 2, "文体用品"), ("25", 1, "石化"), ("26", 6, "化工"), ("27", 4, "药业"), ("28", 1, "化纤"),
    ("29", 5, "塑胶"), ("30", 6, "建材"), ("31", 2, "钢铁"), ("32", 2, "有色金属"), ("33", 6, "五金"),
    ("34", 8, "机械"), ("35", 7, "装备"), ("36", 5, "汽车部件"), ("37", 1, "船舶"), ("38", 8, "电气"),
    ("39", 6, "电子"), ("40", 2, "仪器仪表"), ("41", 1, "工艺品"), ("42", 1, "再生资源"),
    ("44", 2, "能源"), ("59", 1, "仓储物流"), ("60", 1, "速递"), ("63", 1, "通信"),
    ("64", 2, "网络科技"), ("65", 2, "软件"),
]
# Classes drawn more often than a random class of their division.
SPECIAL_CLASSES = {
    "27": [(0.5, ["2710", "2720", "2730", "2740", "2761", "2770"])],
    "35": [(0.15, ["3581", "3582", "3584", "3586", "3589"])],
    "36": [(0.45, ["3670"]), (0.1, ["3612"])],
    "39": [(0.3, ["3921", "3922", "3929"])],
    "64": [(0.25, ["6431"])],
}

SECTORS = [
    # sector_id, name, prefixes, share of enterprises also named by an ENTERPRISE rule
    ("MEDICAL_HEALTH", "医疗健康", ["27", "358"], 0.002),
    ("PHARMA", "医药", ["27"], 0.0),
    ("DIGITAL_ECONOMY", "数字经济", ["39", "63", "64", "65"], 0.0),
    ("INDUSTRIAL_INTERNET", "工业互联网", ["6431"], 0.003),
    ("FIVE_G", "5G+", ["392"], 0.002),
    ("SMART_LOGISTICS", "智能物流", ["59", "60"], 0.0),
    ("TEXTILE_APPAREL", "纺织服装", ["17", "18"], 0.0),
    ("AUTO_PARTS", "汽车零部件", ["3670"], 0.0),
    ("NEW_ENERGY_VEHICLES", "新能源汽车", ["3612"], 0.001),
    ("HIGH_END_EQUIPMENT", "高端装备", ["34", "35"], 0.0),
    ("ELECTRICAL", "电气机械", ["38"], 0.0),
    ("PETROCHEMICAL", "绿色石化", ["25", "26"], 0.0),
    ("NEW_MATERIALS", "新材料", ["2651", "2652", "3091", "3240"], 0.001),
    ("FOOD", "食品饮料", ["13", "14", "15"], 0.0),
]

PLACE_1 = "东西南北中新长安平永宁和兴华清河山江海湖云泰丰瑞德嘉福金玉龙凤桂松柏青白石桥"
PLACE_2 = "城阳川州源溪塘浦港峰林湾口岭田坪桥乡关渡沙洲滨园庄"
PLACE_SUFFIX = ["区", "县", "市", "区", "县"]
PROJECT_ONLY_DISTRICT = "临港新区"   # known from investment.csv only

BRAND = "甬兴华宏昌盛泰丰瑞恒鑫隆达远通明辉博创新亿嘉源德利强凯晨海天星光宇金银东方九洲科"
SUFFIXES = ["有限公司", "有限公司", "股份有限公司", "科技有限公司", "集团有限公司"]
EN_BRAND = ["Sunrise", "Orient", "Harbour", "Evergreen", "Unity", "Pioneer", "Crown", "Delta"]

BOOL_SPELLINGS = [("true", "false")] * 6 + [("TRUE", "FALSE"), ("True", "False"), ("1", "0"),
                                            ("Y", "N"), ("是", "否")]
# Monthly profile of output (Spring Festival in February, year-end push in December).
SEASON = [0.0, 0.92, 0.72, 1.00, 0.98, 1.00, 1.02, 0.98, 0.97, 1.01, 1.03, 1.06, 1.18]
# Extra factor of a year and month (the COVID dip of early 2020).
SHOCK = {(2020, 2): 0.62, (2020, 3): 0.86, (2020, 4): 0.96}

MILESTONE_KINDS = [("DIGITAL_WORKSHOP", 5, "数字化车间"), ("SMART_FACTORY", 2, "智能工厂"),
                   ("IIOT_5G_DEMO", 2, "5G+工业互联网示范"), ("INDUSTRIAL_APP", 4, "工业APP")]

CATEGORIES = [("INDUSTRIAL", 68), ("INFRASTRUCTURE", 12), ("REAL_ESTATE", 6), ("OTHER", 14)]
NON_INDUSTRIAL_CODES = {"INFRASTRUCTURE": ["4811", "4812", "4813", "4822", "4852", "4910"],
                        "REAL_ESTATE": ["7010", "7020"],
                        "OTHER": ["5920", "5990", "6020", "6311", "6513", "7240", "8310"]}

# Bad rows: (expected reject reason, what is written). They are written in this
# order, round-robin per file, so each kind appears once enough rows are bad.
BAD_PRODUCTION = [
    ("MISSING_FIELD", "employees empty (replaces the month)"),
    ("OUT_OF_RANGE", "revenue negative (replaces the month)"),
    ("INVALID_NUMBER", "revenue with a thousands separator (resent copy; the valid row stays)"),
    ("INVALID_CODE", "month 13 (an extra year-end adjustment row)"),
    ("MALFORMED_ROW", "employees left out: one field short (replaces the month)"),
    ("UNKNOWN_ENTERPRISE", "an enterprise not in the accepted register (extra row)"),
    ("CONFLICTING_DUPLICATE", "two rows of one key with different values (the key has no value)"),
    ("INVALID_CODE", "above_scale 'maybe' (resent copy; the valid row stays)"),
    ("INVALID_NUMBER", "value_added with three decimals (replaces the month)"),
    ("INVALID_NUMBER", "revision 'r1' (resent copy; the valid row stays)"),
    ("INVALID_NUMBER", "output_value with a leading space (replaces the month)"),
]
BAD_ENTERPRISES = [
    ("INVALID_DATE", "high_tech_from is not a calendar date (extra enterprise)"),
    ("OUT_OF_RANGE", "high_tech_to before high_tech_from (extra enterprise)"),
    ("INVALID_CODE", "industry_code with a letter (resent revision 1; revision 0 stays in force)"),
    ("INVALID_CODE", "district ALL (extra enterprise)"),
    ("MISSING_FIELD", "name empty (extra enterprise)"),
    ("INVALID_CODE", "rd_center_level in lower case (resent revision 1; revision 0 stays)"),
]
BAD_INVESTMENT = [
    ("INVALID_CODE", "district ALL (replaces the month)"),
    ("INVALID_CODE", "category in Chinese (replaces the month)"),
    ("OUT_OF_RANGE", "completed negative (replaces the month)"),
    ("UNKNOWN_ENTERPRISE", "enterprise_id not in the register (replaces the month)"),
    ("MALFORMED_ROW", "one field too many (replaces the month)"),
    ("INVALID_CODE", "high_tech 'maybe' (replaces the month)"),
]
BAD_RD = [
    ("OUT_OF_RANGE", "rd_personnel negative (replaces the year)"),
    ("INVALID_NUMBER", "rd_expenditure 'N/A' (replaces the year)"),
    ("UNKNOWN_ENTERPRISE", "enterprise not in the register (extra row)"),
]
BAD_REGION = [("OUT_OF_RANGE", "va_price_index 0 (replaces the district's year)")]
BAD_MILESTONES = [
    ("INVALID_DATE", "date 2020-02-30"),
    ("INVALID_CODE", "kind in lower case"),
    ("UNKNOWN_ENTERPRISE", "enterprise not in the register"),
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def csv_field(v):
    v = str(v)
    if any(ch in v for ch in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def csv_line(fields):
    return ",".join(csv_field(f) for f in fields) + "\n"


def trim(s):
    """An amount without trailing zeros: 1278.40 -> 1278.4, 1520.00 -> 1520."""
    return s.rstrip("0").rstrip(".") if "." in s else s


class Out:
    """One CSV file, written through a buffer; counts data rows and bad rows."""

    def __init__(self, folder, name, header, bom=False):
        self.name = name
        self.f = open(os.path.join(folder, name), "w", encoding="utf-8-sig" if bom else "utf-8",
                      newline="")
        self.buf = [csv_line(header)]
        self.rows = 0
        self.bad = {}          # reason -> rows
        self.bad_kinds = {}    # "reason: what" -> rows
        self.superseded = 0
        self.collapsed = 0

    def add(self, line):
        self.buf.append(line)
        self.rows += 1
        if len(self.buf) >= 20000:
            self.f.write("".join(self.buf))
            self.buf.clear()

    def blank(self):
        self.buf.append("\n")

    def rejected(self, kind, n=1):
        reason, what = kind
        self.bad[reason] = self.bad.get(reason, 0) + n
        key = reason + ": " + what
        self.bad_kinds[key] = self.bad_kinds.get(key, 0) + n

    def close(self):
        self.f.write("".join(self.buf))
        self.buf.clear()
        self.f.close()

    def stats(self):
        return {"data_rows": self.rows, "rejected": sum(self.bad.values()),
                "rejected_by_reason": dict(sorted(self.bad.items())),
                "bad_rows": dict(sorted(self.bad_kinds.items())),
                "superseded": self.superseded, "duplicates_collapsed": self.collapsed}


class Cycle:
    """Round-robin over a list of bad-row kinds."""

    def __init__(self, kinds):
        self.kinds, self.i = kinds, 0

    def next(self):
        k = self.kinds[self.i % len(self.kinds)]
        self.i += 1
        return k


def weighted_picker(rng, items, weights):
    cum, acc = [], 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    total = cum[-1]
    rnd = rng.random
    bl = bisect.bisect_right
    n = len(items) - 1
    return lambda: items[min(bl(cum, rnd() * total), n)]


def date_str(d):
    return d.strftime("%Y-%m-%d")


def random_date(rng, year):
    return datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))


# ---------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.years = a.years
        self.first, self.last = a.years[0], a.years[-1]
        self.out = a.out
        self.bad = a.bad_share
        self.rev = a.revision_share
        self.n_bad_ids = 0      # extra enterprise ids of rejected register rows
        self.major_estimate = 0  # for the targets: about the major projects of the last year
        self.ht_valid_last = 0   # high-tech certificates valid on the last day
        self.medical_revenue = 0.0  # about the revenue of MEDICAL_HEALTH in the last year

    # -- districts, codes, enterprises ------------------------------------

    def make_districts(self):
        rng = self.rng
        combos = [p1 + p2 for p1 in PLACE_1 for p2 in PLACE_2]
        rng.shuffle(combos)
        names, seen = [], set()
        for c in combos:
            name = c + PLACE_SUFFIX[len(names) % len(PLACE_SUFFIX)]
            if name not in seen and name != PROJECT_ONLY_DISTRICT:
                seen.add(name)
                names.append(name)
            if len(names) == self.a.districts:
                break
        if len(names) < self.a.districts:
            sys.exit("generate.py: at most %d districts" % len(names))
        self.districts = names
        # Uneven sizes: a few big industrial districts, many small ones.
        self.district_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(names))]
        self.pick_district = weighted_picker(rng, list(range(len(names))), self.district_weights)

    def make_code_picker(self):
        rng = self.rng
        pick_div = weighted_picker(rng, DIVISIONS, [w for _, w, _ in DIVISIONS])
        rnd = rng.random

        def pick():
            div, _, word = pick_div()
            u = rnd()
            acc = 0.0
            for share, classes in SPECIAL_CLASSES.get(div, ()):
                acc += share
                if u < acc:
                    return classes[int(rnd() * len(classes))], word
            code = "%s%d%d" % (div, 1 + int(rnd() * 9), int(rnd() * 10))
            v = rnd()
            if v < 0.01:            # a few registers hold only the division or group
                code = code[:2]
            elif v < 0.02:
                code = code[:3]
            return code, word

        self.pick_code = pick

    def make_enterprises(self):
        """The register, written to enterprises.csv; keeps what later files need."""
        a, rng = self.a, self.rng
        rnd = rng.random
        n = a.enterprises
        T = 12 * len(self.years)
        self.eid = ["E%07d" % (i + 1) for i in range(n)]
        self.edist = [0] * n
        self.ecode = [""] * n
        self.high_tech = [False] * n
        self.level = [""] * n
        # Production shape.
        self.start = [0] * n        # first month index reported (0..T-1), T = never
        self.stop = [T - 1] * n     # last month index reported
        self.base = [0.0] * n       # monthly output value at the start (万元)
        self.yfac = [[1.0] * len(self.years) for _ in range(n)]
        self.va_ratio = [0.0] * n
        self.rev_ratio = [0.0] * n
        self.emp = [0] * n
        self.above = [None] * n     # per year index: the text written for above_scale
        self.trim = [False] * n
        self.loss = [False] * n
        sizes = [0.0] * len(self.districts)   # approximate yearly value added per district

        f = Out(self.out, "enterprises.csv",
                ["enterprise_id", "credit_code", "name", "industry_code", "district",
                 "rd_center_level", "high_tech_from", "high_tech_to", "revision"], bom=True)
        self.f_ent = f
        bad = Cycle(BAD_ENTERPRISES)
        levels_plain = ["", "", "", "NONE"]
        for i in range(n):
            d = self.pick_district()
            code, word = self.pick_code()
            self.edist[i], self.ecode[i] = d, code
            ht = rnd() < (0.45 if code[:2] in ("27", "39", "63", "64", "65", "40") or
                          code.startswith("358") else 0.15)
            self.high_tech[i] = ht
            hf = ht_to = ""
            if ht:
                start = random_date(rng, rng.randint(self.first - 5, self.last))
                hf = date_str(start)
                if rnd() > 0.08:    # 8% open-ended
                    end = datetime.date(start.year + 3, start.month, start.day) - \
                        datetime.timedelta(days=1)
                    ht_to = date_str(end)
                if start.year <= self.last and (not ht_to or end.year > self.last):
                    self.ht_valid_last += 1
            u = rnd()
            if u < (0.03 if ht else 0.004):
                lvl = "NATIONAL" if rnd() < 0.2 else "PROVINCIAL"
            elif u < (0.15 if ht else 0.03):
                lvl = "MUNICIPAL"
            else:
                lvl = levels_plain[int(rnd() * 4)]
            self.level[i] = lvl
            name = self.name(word)
            credit = "9133%04d%s" % (int(rnd() * 10000), "".join(
                "0123456789ABCDEFGHJKLMNPQRTUWXY"[int(rnd() * 31)] for _ in range(10)))
            row = [self.eid[i], credit, name, code, self.districts[d], lvl, hf, ht_to, ""]
            f.add(csv_line(row))

            # Bad rows and revisions of the register.
            u = rnd()
            if u < self.bad:
                self.bad_enterprise(f, bad.next(), row)
            elif u < self.bad + self.rev:
                # Resent: identical (collapsed) or a correction of the centre level (rev 1).
                if rnd() < 0.5:
                    f.add(csv_line(row[:5] + [lvl or "NONE"] + row[6:]))
                    f.collapsed += 1
                else:
                    lvl2 = "MUNICIPAL" if lvl in ("", "NONE") else "NONE"
                    self.level[i] = lvl2
                    f.add(csv_line(row[:5] + [lvl2] + row[6:8] + ["1"]))
                    f.superseded += 1

            # Production shape of the enterprise.
            v = rnd()
            if v < 0.01:
                self.start[i] = T                       # registered, never reports
            elif v < 0.045:
                self.start[i] = int(rnd() * T)          # new: starts during the period
            elif v < 0.065:
                self.stop[i] = int(rnd() * (T - 12))    # stopped during an earlier year
            base = math.exp(rng.gauss(math.log(1200.0), 1.1))
            self.base[i] = base
            g = rng.gauss(0.065, 0.12)
            yf = self.yfac[i]
            for y in range(1, len(self.years)):
                gap = self.years[y] - self.years[y - 1]
                g = 0.6 * g + 0.4 * rng.gauss(0.065, 0.12)
                yf[y] = yf[y - 1] * max(0.3, 1.0 + g) ** gap
            self.va_ratio[i] = 0.16 + 0.18 * rnd()
            self.rev_ratio[i] = 0.92 + 0.14 * rnd()
            self.emp[i] = max(5, int(base / (4.0 + 10.0 * rnd())))
            t_, f_ = BOOL_SPELLINGS[int(rnd() * len(BOOL_SPELLINGS))]
            w = rnd()
            if w < 0.86:
                ab = [t_] * len(self.years)                     # above scale throughout
            elif w < 0.92:
                ab = [f_] + [t_] * (len(self.years) - 1)        # above scale from year 2 on
            elif w < 0.95:
                ab = [t_] * (len(self.years) - 1) + [f_]        # fell below scale
            else:
                ab = [f_] * len(self.years)                     # never above scale
            self.above[i] = ab
            self.trim[i] = rnd() < 0.1
            if code.startswith("27") or code.startswith("358"):
                self.medical_revenue += base * yf[-1] * 12 * self.rev_ratio[i]
            self.loss[i] = rnd() < 0.004
            sizes[d] += base * 12 * self.va_ratio[i]
        self.district_va = sizes

    def name(self, word):
        rng = self.rng
        u = rng.random()
        brand = BRAND[int(rng.random() * len(BRAND))] + BRAND[int(rng.random() * len(BRAND))]
        if u < 0.03:
            return "%s %s Co., Ltd." % (EN_BRAND[int(rng.random() * len(EN_BRAND))], word)
        if u < 0.035:
            return '宁波"%s"%s%s' % (brand, word, SUFFIXES[0])
        return "%s%s%s" % (brand, word, SUFFIXES[int(rng.random() * len(SUFFIXES))])

    def bad_enterprise(self, f, kind, row):
        """One rejected register row; an extra enterprise id is used nowhere else."""
        reason, what = kind
        if "extra enterprise" in what:
            self.n_bad_ids += 1
            r = list(row)
            r[0] = "E9%06d" % self.n_bad_ids
            if reason == "INVALID_DATE":
                r[6], r[7] = "%d-11-31" % self.first, ""
            elif reason == "OUT_OF_RANGE":
                r[6], r[7] = "%d-12-01" % self.last, "%d-11-30" % (self.first - 2)
            elif reason == "INVALID_CODE":
                r[4] = "ALL"
            elif reason == "MISSING_FIELD":
                r[2] = ""
        else:
            r = list(row)
            r[8] = "1"
            if reason == "INVALID_CODE" and "industry_code" in what:
                r[3] = "C" + row[3]
            else:
                r[5] = (row[5] or "provincial").lower()
                if r[5] in ("none", ""):
                    r[5] = "provincial"
        f.add(csv_line(r))
        f.rejected(kind)

    # -- sectors -------------------------------------------------------------

    def write_sectors(self):
        rng = self.rng
        f = Out(self.out, "sectors.csv", ["sector_id", "sector_name", "match_type", "match_value"])
        n = len(self.eid)
        self.sector_ids = []
        for sid, sname, prefixes, named in SECTORS:
            self.sector_ids.append(sid)
            for p in prefixes:
                f.add(csv_line([sid, sname, "INDUSTRY_PREFIX", p]))
            k = max(2, int(n * named)) if named else 0
            for i in sorted(rng.sample(range(n), min(k, n))):
                f.add(csv_line([sid, sname, "ENTERPRISE", self.eid[i]]))
        # A rule naming an enterprise that does not exist: allowed, matches nothing.
        f.add(csv_line(["INDUSTRIAL_INTERNET", "工业互联网", "ENTERPRISE", "E8888888"]))
        f.close()
        self.f_sec = f

    # -- production ----------------------------------------------------------

    def write_production(self):
        rng = self.rng
        rnd = rng.random
        f = Out(self.out, "production.csv",
                ["enterprise_id", "year", "month", "above_scale", "output_value", "value_added",
                 "revenue", "employees", "revision"])
        self.f_prod = f
        bad = Cycle(BAD_PRODUCTION)
        rev_kinds = Cycle(["same", "correct", "correct2", "correct_dup"])
        later = []      # corrections appended after the monthly exports
        n = len(self.eid)
        eid, start, stop, base = self.eid, self.start, self.stop, self.base
        va_ratio, rev_ratio, emp, above, trim_, loss = (
            self.va_ratio, self.rev_ratio, self.emp, self.above, self.trim, self.loss)
        bad_share, special = self.bad, self.bad + self.rev
        fmt = "%s,%d,%d,%s,%.2f,%.2f,%.2f,%d,\n"
        add = f.add
        t = -1
        for yi, y in enumerate(self.years):
            if yi > 0:
                f.blank()   # the yearly exports are joined with one blank line
            lev = [base[i] * self.yfac[i][yi] for i in range(n)]
            ab = [above[i][yi] for i in range(n)]
            for m in range(1, 13):
                t += 1
                sf = SEASON[m] * SHOCK.get((y, m), 1.0)
                loss_month = m in (2, 3)
                for i in range(n):
                    if t < start[i] or t > stop[i]:
                        continue
                    ov = lev[i] * sf * (0.9 + 0.2 * rnd())
                    va = ov * va_ratio[i] * (0.9 + 0.2 * rnd())
                    if loss_month and loss[i]:
                        va = -0.3 * va
                    rv = ov * rev_ratio[i] * (0.96 + 0.08 * rnd())
                    em = int(emp[i] * (0.97 + 0.06 * rnd()))
                    u = rnd()
                    if u >= special and not trim_[i]:
                        add(fmt % (eid[i], y, m, ab[i], ov, va, rv, em))
                        continue
                    vals = [eid[i], str(y), str(m), ab[i], "%.2f" % ov, "%.2f" % va,
                            "%.2f" % rv, str(em), ""]
                    if trim_[i]:
                        for k in (4, 5, 6):
                            vals[k] = trim(vals[k])
                    if u >= special:
                        add(",".join(vals) + "\n")
                    elif u < bad_share:
                        self.bad_production(f, bad.next(), vals, i)
                    else:
                        kind = rev_kinds.next()
                        if kind == "same":
                            add(",".join(vals) + "\n")
                            add(",".join(respell(vals)) + "\n")
                            f.collapsed += 1
                        else:
                            if kind == "correct2":
                                vals[8] = "0"
                            add(",".join(vals) + "\n")
                            later.append((kind, vals))
        # Corrections (revision 1, sometimes 2 written before 1), as a later batch.
        for kind, vals in later:
            c1 = list(vals)
            c1[5] = "%.2f" % (float(vals[5]) * (0.9 + 0.2 * rnd()))
            c1[8] = "1"
            if kind == "correct2":
                c2 = list(c1)
                c2[6] = "%.2f" % (float(vals[6]) * (0.95 + 0.1 * rnd()))
                c2[8] = "2"
                add(",".join(c2) + "\n")
                add(",".join(c1) + "\n")
                f.superseded += 2
            elif kind == "correct_dup":
                add(",".join(c1) + "\n")
                add(",".join(respell(c1)) + "\n")
                f.superseded += 1
                f.collapsed += 1
            else:
                add(",".join(c1) + "\n")
                f.superseded += 1
        f.close()

    def bad_production(self, f, kind, vals, i):
        reason, what = kind
        add = f.add
        r = list(vals)
        if reason == "MISSING_FIELD":
            r[7] = ""
        elif reason == "OUT_OF_RANGE":
            r[6] = "-" + r[6]
        elif reason == "INVALID_NUMBER" and "thousands" in what:
            add(",".join(vals) + "\n")
            v = float(vals[6])
            r[6] = '"' + "{:,.2f}".format(v if v >= 1000 else v + 1000) + '"'
        elif reason == "INVALID_CODE" and "month 13" in what:
            add(",".join(vals) + "\n")
            r[2] = "13"
        elif reason == "MALFORMED_ROW":
            del r[7]
        elif reason == "UNKNOWN_ENTERPRISE":
            add(",".join(vals) + "\n")
            r[0] = "E9%06d" % (1 + int(self.rng.random() * max(self.n_bad_ids, 1))) \
                if self.n_bad_ids and self.rng.random() < 0.5 else "X%07d" % int(self.rng.random() * 1e7)
        elif reason == "CONFLICTING_DUPLICATE":
            add(",".join(vals) + "\n")
            r[7] = str(int(vals[7]) + 1 + int(self.rng.random() * 9))
            f.rejected(kind)      # the first of the two is rejected too
        elif reason == "INVALID_CODE":
            add(",".join(vals) + "\n")
            r[3] = "maybe"
        elif "three decimals" in what:
            r[5] = "%.3f" % (float(vals[5]) + 0.001)
        elif "revision" in what:
            add(",".join(vals) + "\n")
            r[8] = "r1"
        else:
            r[4] = " " + r[4]
        add(",".join(r) + "\n")
        f.rejected(kind)

    # -- investment ----------------------------------------------------------

    def write_investment(self):
        rng = self.rng
        rnd = rng.random
        n = len(self.eid)
        iyears = [self.first - 1] + self.years
        months = [(y, m) for y in iyears for m in range(1, 13)]
        T = len(months)
        n_proj = max(25, int(n * 0.1))
        pick_cat = weighted_picker(rng, [c for c, _ in CATEGORIES], [w for _, w in CATEGORIES])
        projects = []
        seq = {}
        for _ in range(n_proj):
            cat = pick_cat()
            # Signed up to two years before the export window (which starts with the year
            # before the first year); only the months inside the window are written.
            s = int(rnd() * (T + 21)) - 24
            dur = 6 + int(rnd() * 31)
            if s + dur <= 0:
                continue
            sy = self.first - 1 + s // 12
            seq[sy] = seq.get(sy, 0) + 1
            pid = "P%d%06d" % (sy, seq[sy])
            e = ""
            if cat == "INDUSTRIAL":
                if rnd() < 0.75:
                    ei = int(rnd() * n)
                    e = self.eid[ei]
                    code = self.ecode[ei] if rnd() < 0.9 else self.pick_code()[0]
                    d = self.districts[self.edist[ei]] if rnd() < 0.95 else \
                        self.districts[self.pick_district()]
                else:
                    code = self.pick_code()[0]
                    d = self.districts[self.pick_district()]
                ht = rnd() < 0.3
                tr = rnd() < 0.35
            else:
                codes = NON_INDUSTRIAL_CODES[cat]
                code = codes[int(rnd() * len(codes))]
                d = self.districts[self.pick_district()]
                if rnd() < 0.1:
                    e = self.eid[int(rnd() * n)]
                ht = rnd() < 0.03
                tr = False
            if not projects or rnd() < 0.004:
                d = PROJECT_ONLY_DISTRICT
            # Investment grows about 8% a year: later projects plan more.
            planned = int(math.exp(rng.gauss(math.log(3000.0 * 1.08 ** (sy - self.first)), 1.0)))
            planned2, change_at = planned, T
            if rnd() < 0.05:   # planned total raised during the project
                planned2 = int(planned * (1.1 + 0.3 * rnd()))
                change_at = s + max(1, dur // 2)
            spell = BOOL_SPELLINGS[int(rnd() * len(BOOL_SPELLINGS))]
            name = "%s%s项目" % (BRAND[int(rnd() * len(BRAND))] + BRAND[int(rnd() * len(BRAND))],
                               {"INDUSTRIAL": "智能化技改", "INFRASTRUCTURE": "基础设施",
                                "REAL_ESTATE": "产业园", "OTHER": "服务平台"}[cat])
            end = min(T - 1, s + dur - 1)
            projects.append((pid, name, e, d, code, cat, spell[0] if ht else spell[1],
                             spell[0] if tr else spell[1], planned, planned2, change_at, s,
                             end, planned / dur))
            if cat == "INDUSTRIAL" and end >= T - 12 and \
                    (planned2 if change_at <= T - 1 else planned) >= 5000:
                self.major_estimate += 1
        f = Out(self.out, "investment.csv",
                ["project_id", "project_name", "enterprise_id", "district", "industry_code", "year",
                 "month", "category", "high_tech", "tech_renovation", "planned_total",
                 "completed"])
        bad = Cycle(BAD_INVESTMENT)
        for t, (y, m) in enumerate(months):
            sf = SEASON[m] * SHOCK.get((y, m), 1.0)
            for (pid, name, e, d, code, cat, ht, tr, p1, p2, change_at, s, end,
                 monthly) in projects:
                if t < s or t > end:
                    continue
                completed = 0.0 if rnd() < 0.03 else monthly * sf * (0.5 + rnd())
                vals = [pid, name, e, d, code, str(y), str(m), cat, ht, tr,
                        str(p1 if t < change_at else p2), "%.2f" % completed]
                if rnd() < self.bad:
                    kind = bad.next()
                    reason, what = kind
                    if reason == "INVALID_CODE" and "district" in what:
                        vals[3] = "ALL"
                    elif reason == "INVALID_CODE" and "category" in what:
                        vals[7] = "其他"
                    elif reason == "OUT_OF_RANGE":
                        vals[11] = "-%.2f" % (completed + 1)
                    elif reason == "UNKNOWN_ENTERPRISE":
                        vals[2] = "X%07d" % int(rnd() * 1e7)
                    elif reason == "MALFORMED_ROW":
                        vals.append("备注")
                    else:
                        vals[8] = "maybe"
                    f.rejected(kind)
                f.add(csv_line(vals))
        f.close()
        self.f_inv = f

    # -- R&D, region, milestones, targets -------------------------------------

    def write_rd(self):
        rng = self.rng
        rnd = rng.random
        f = Out(self.out, "rd.csv",
                ["enterprise_id", "year", "rd_expenditure", "rd_personnel", "revision"])
        bad = Cycle(BAD_RD)
        T = 12 * len(self.years)
        for yi, y in enumerate(self.years):
            for i in range(len(self.eid)):
                reports = self.high_tech[i] or self.level[i] not in ("", "NONE")
                if not reports and (i * 7919 + yi) % 100 >= 20:   # 20% of the others
                    continue
                if self.start[i] >= T and rnd() < 0.5:            # institutes without output
                    continue
                revenue = self.base[i] * self.yfac[i][yi] * 12 * self.rev_ratio[i]
                vals = [self.eid[i], str(y), "%.2f" % (revenue * (0.01 + 0.05 * rnd())),
                        str(max(1, int(self.emp[i] * (0.05 + 0.15 * rnd())))), ""]
                u = rnd()
                if u < self.bad:
                    kind = bad.next()
                    if kind[0] == "OUT_OF_RANGE":
                        vals[3] = "-" + vals[3]
                    elif kind[0] == "INVALID_NUMBER":
                        vals[2] = "N/A"
                    else:
                        f.add(csv_line(vals))
                        vals = list(vals)
                        vals[0] = "X%07d" % int(rnd() * 1e7)
                    f.rejected(kind)
                elif u < self.bad + self.rev:
                    f.add(csv_line(vals))
                    vals = vals[:2] + ["%.2f" % (float(vals[2]) * 1.05)] + vals[3:4] + ["1"]
                    f.superseded += 1
                f.add(csv_line(vals))
        f.close()
        self.f_rd = f

    def write_region(self):
        rng = self.rng
        rnd = rng.random
        f = Out(self.out, "region.csv",
                ["district", "year", "gdp", "va_price_index", "other_rd_expenditure"])
        bad = Cycle(BAD_REGION)
        total_va = sum(self.district_va) or 1.0
        self.region_rows = set()
        for yi, y in enumerate(self.years):
            growth = 1.06 ** yi
            all_gdp = total_va * 2.4 * growth
            idx_all = "%.1f" % (100.6 + 2.0 * rnd())
            f.add(csv_line(["ALL", y, "%.2f" % all_gdp, idx_all, "%.2f" % (all_gdp * 0.004)]))
            self.region_rows.add(("ALL", y))
            for d, name in enumerate(self.districts):
                if (d * 31 + 7) % 10 < 3:          # 30% of districts have no row: ALL's index
                    continue
                gdp = max(self.district_va[d], 100.0) * (2.0 + rnd()) * growth
                idx = "" if (d * 17) % 10 == 0 else "%.1f" % (100.0 + 3.5 * rnd())
                other = "" if (d * 13) % 10 == 1 else "%.2f" % (gdp * 0.006 * rnd())
                vals = [name, str(y), "%.2f" % gdp, idx, other]
                if rnd() < self.bad:
                    kind = bad.next()
                    vals[3] = "0"
                    f.rejected(kind)
                else:
                    self.region_rows.add((name, y))
                f.add(csv_line(vals))
        f.close()
        self.f_reg = f

    def write_milestones(self):
        rng = self.rng
        rnd = rng.random
        n = len(self.eid)
        f = Out(self.out, "milestones.csv",
                ["year", "kind", "enterprise_id", "title", "date", "revision"])
        bad = Cycle(BAD_MILESTONES)
        pick_kind = weighted_picker(rng, MILESTONE_KINDS, [w for _, w, _ in MILESTONE_KINDS])
        for y in self.years:
            for _ in range(max(8, n // 60)):
                kind, _, word = pick_kind()
                e = "" if kind == "INDUSTRIAL_APP" and rnd() < 0.3 else self.eid[int(rnd() * n)]
                date = random_date(rng, y)
                year = y
                if rnd() < 0.01:            # dated in January of the next year: only the date counts
                    date = datetime.date(y + 1, 1, 1 + int(rnd() * 20))
                brand = BRAND[int(rnd() * len(BRAND))] + BRAND[int(rnd() * len(BRAND))]
                title = brand + word if rnd() < 0.9 else brand + "，" + word + ", 第一批"
                vals = [str(year), kind, e, title, date_str(date), ""]
                if rnd() < self.bad * 5:
                    k = bad.next()
                    if k[0] == "INVALID_DATE":
                        vals[4] = "%d-02-30" % y
                    elif k[0] == "INVALID_CODE":
                        vals[1] = kind.lower()
                    else:
                        vals[2] = "X%07d" % int(rnd() * 1e7)
                    f.rejected(k)
                f.add(csv_line(vals))
        f.close()
        self.f_ms = f

    def write_targets(self):
        """Valid targets: the region's goals, sector goals, district goals, a skipped year."""
        rng = self.rng
        f = Out(self.out, "targets.csv",
                ["indicator", "sector_id", "district", "year", "direction", "ensure", "strive",
                 "source"])
        y = self.last
        n = len(self.eid)
        ht = self.ht_valid_last
        major = max(1, self.major_estimate)
        rows = [
            ("value_added_growth", "", "", y, "AT_LEAST", "6", "", "规上工业增加值增长6%以上"),
            ("industrial_investment_growth", "", "", y, "AT_LEAST", "", "10", "工业投资力争增长10%"),
            ("rd_gdp_ratio", "", "", y, "AT_LEAST", "2.0", "", "R&D经费占GDP比重2.0%"),
            ("high_tech_investment_growth", "ALL", "ALL", y, "ABOVE", "10", "", "高新技术产业投资增长10%以上"),
            ("high_tech_enterprise_count", "", "", y, "ABOVE", str(int(ht * 0.97)),
             str(int(ht * 1.03)), "高新技术企业数"),
            ("major_project_count", "", "", y, "AT_LEAST", str(int(major * 0.9)),
             str(int(major * 1.1) + 1), "5000万元以上工业项目"),
            ("milestones.SMART_FACTORY", "", "", y, "AT_LEAST", str(max(1, n // 2000)),
             str(max(2, n // 1000)), "智能工厂"),
            ("milestones.IIOT_5G_DEMO", "", "", y, "AT_LEAST", "1", "2", "5G+工业互联网示范"),
            ("milestones.INDUSTRIAL_APP", "", "", y, "AT_LEAST", str(max(1, n // 400)), "",
             "工业APP"),
            ("milestones.CLOUD_PLATFORM", "", "", y, "AT_LEAST", "1", "", "a kind absent from the data"),
            ("value_added_growth", "DIGITAL_ECONOMY", "", y, "AT_LEAST", "8", "10", "数字经济增加值增长"),
            ("revenue", "MEDICAL_HEALTH", "", y, "AT_LEAST", "%d" % (self.medical_revenue * 0.95),
             "", "医疗健康产业营收"),
            ("tech_renovation_investment_growth", "", "", y, "AT_MOST", "40", "", "技改投资增速上限"),
            ("value_added_growth_nominal", "PETROCHEMICAL", "", y, "BELOW", "15", "", "石化增速控制"),
            ("enterprise_count", "AUTO_PARTS", "", y, "AT_LEAST", "1", "", "汽车零部件企业数"),
            ("value_added_growth", "", "", y + 1, "AT_LEAST", "6.5", "", "next year: skipped"),
        ]
        for sid in self.sector_ids[:6]:
            if sid == "DIGITAL_ECONOMY":
                continue
            rows.append(("value_added_growth", sid, "", y, "AT_LEAST", "%.1f" % (1 + 4 * rng.random()),
                         "", "产业增加值增长"))
        no_data = False
        for name in self.districts:
            rows.append(("value_added_growth", "", name, y, "AT_LEAST",
                         "%.1f" % (1 + 4 * rng.random()), "", "地区增加值增长"))
            if (name, y) in self.region_rows:
                rows.append(("rd_gdp_ratio", "ALL", name, y, "AT_LEAST", "%.2f" % (1.5 + rng.random()),
                             "", "地区R&D占比"))
            elif not no_data:
                # No region row: rd_gdp_ratio is null, the status NO_DATA.
                no_data = True
                rows.append(("rd_gdp_ratio", "", name, y, "AT_LEAST", "2.0", "", "无地区GDP数据"))
        rows.append(("investment_completed", "", PROJECT_ONLY_DISTRICT, y, "AT_LEAST", "100", "",
                     "新区投资"))
        for r in rows:
            f.add(csv_line(r))
        f.close()
        self.f_tgt = f

    def run(self):
        t0 = time.time()
        os.makedirs(self.out, exist_ok=True)
        self.make_districts()
        self.make_code_picker()
        self.make_enterprises()
        self.f_ent.close()
        self.write_sectors()
        t1 = time.time()
        self.write_production()
        t_prod = time.time() - t1
        self.write_investment()
        self.write_rd()
        self.write_region()
        self.write_milestones()
        self.write_targets()
        elapsed = time.time() - t0
        files = [self.f_ent, self.f_sec, self.f_prod, self.f_inv, self.f_rd, self.f_reg,
                 self.f_ms, self.f_tgt]
        info = {
            "generator": "bench/generate.py",
            "generator_sha256": hashlib.sha256(open(__file__, "rb").read()).hexdigest(),
            "options": {"enterprises": self.a.enterprises, "years": self.years,
                        "districts": self.a.districts, "seed": self.a.seed,
                        "bad_share": self.bad, "revision_share": self.rev},
            "districts": self.districts + [PROJECT_ONLY_DISTRICT],
            "data_rows_total": sum(f.rows for f in files),
            "files": {f.name: f.stats() for f in files},
            "seconds": round(elapsed, 1),
            "production_seconds": round(t_prod, 1),
        }
        with open(os.path.join(self.out, "_generator.json"), "w", encoding="utf-8") as fh:
            json.dump(info, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        rows = self.f_prod.rows
        print("generate.py: %d enterprises, %d districts, years %s -> %s" % (
            self.a.enterprises, self.a.districts, ",".join(map(str, self.years)), self.out),
            file=sys.stderr)
        for f in files:
            print("  %-16s %10d rows, %6d bad" % (f.name, f.rows, sum(f.bad.values())),
                  file=sys.stderr)
        print("  %.1f s in all; production.csv %.1f s, %.0f rows/s" % (
            elapsed, t_prod, rows / max(t_prod, 1e-9)),
              file=sys.stderr)


def respell(vals):
    """The same values written differently: trailing zeros dropped or added, other boolean."""
    r = list(vals)
    for k in (4, 5, 6):
        v = r[k]
        if "." not in v:
            r[k] = v + ".00"
        elif v.endswith("0"):
            r[k] = trim(v)
        elif len(v) - v.index(".") == 2:
            r[k] = v + "0"
    b = r[3].lower()
    truthy = b in ("true", "1", "y", "是")
    r[3] = ("true" if truthy else "false") if b in ("y", "n") else ("Y" if truthy else "N")
    return r


def main(argv=None):
    p = argparse.ArgumentParser(
        description="Generate seeded, valid, realistic rollup inputs at any scale.")
    p.add_argument("--enterprises", type=int, default=2000,
                   help="enterprises in the register (default 2000; 400000 = national scale)")
    p.add_argument("--years", default="2019,2020",
                   help="comma-separated years of monthly production (default 2019,2020)")
    p.add_argument("--districts", type=int, default=None,
                   help="districts (default sqrt(enterprises)/2, between 4 and 300)")
    p.add_argument("--out", required=True, help="output folder (created; files are overwritten)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--bad-share", type=float, default=0.002,
                   help="share of data rows written bad, i.e. to be rejected (default 0.002)")
    p.add_argument("--revision-share", type=float, default=0.001,
                   help="share of rows corrected by a higher revision or resent (default 0.001)")
    a = p.parse_args(argv)
    try:
        a.years = sorted({int(y) for y in a.years.split(",") if y.strip()})
    except ValueError:
        p.error("--years: comma-separated years, e.g. 2019,2020")
    if len(a.years) < 2 or a.years[0] < 1001 or a.years[-1] > 9998:
        p.error("--years: two or more years between 1001 and 9998")
    if a.enterprises < 10:
        p.error("--enterprises: at least 10")
    if a.districts is None:
        a.districts = min(300, max(4, round(math.sqrt(a.enterprises) / 2)))
    if a.districts < 1:
        p.error("--districts: at least 1")
    if not (0 <= a.bad_share <= 0.04) or not (0 <= a.revision_share <= 0.05):
        p.error("--bad-share must be in [0, 0.04] (the rollup fails above 0.05 per file), "
                "--revision-share in [0, 0.05]")
    Generator(a).run()


if __name__ == "__main__":
    main()
